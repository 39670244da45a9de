// Every saved version of an article: who saved it and when, newest first.
import { Paper, Skeleton, Table, Title } from '@mantine/core';
import { useRevisions } from '../../api/portal';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatInstantVn } from '../../format';
import { defineMessages, useMessages } from '../../i18n';

const m = defineMessages({
  vi: {
    title: 'Các phiên bản đã lưu',
    version: 'Phiên bản',
    editor: 'Người lưu',
    at: 'Lúc',
    heading: 'Tiêu đề',
  },
  en: { title: 'Saved versions', version: 'Version', editor: 'Saved by', at: 'At', heading: 'Title' },
});

export function Revisions({ id, version }: { id: number; version: number }) {
  const t = useMessages(m);
  const revisions = useRevisions(id, version);
  return (
    <Paper p="md">
      <Title order={2} mb="xs">
        {t.title}
      </Title>
      {revisions.isPending ? (
        <Skeleton h={60} />
      ) : revisions.isError ? (
        <ErrorPanel error={revisions.error} />
      ) : (
        <Table data-testid="revisions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th className="gn-num">{t.version}</Table.Th>
              <Table.Th>{t.heading}</Table.Th>
              <Table.Th>{t.editor}</Table.Th>
              <Table.Th>{t.at}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {revisions.data.map((r) => (
              <Table.Tr key={r.version}>
                <Table.Td className="gn-num">{r.version}</Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>{r.editor}</Table.Td>
                <Table.Td>{formatInstantVn(r.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
