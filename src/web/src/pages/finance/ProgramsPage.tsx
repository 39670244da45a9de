// The programs and their projects, as the catalogue holds them (data, not code).
import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { usePrograms } from '../../api/finance';
import { ErrorPanel } from '../../components/ErrorPanel';
import { defineMessages, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Chương trình và dự án',
    code: 'Mã',
    name: 'Tên',
    beneficiaries: 'Đối tượng',
    provisional: 'Tạm thời, chờ văn bản chính thức',
    poorDistrict: 'Huyện nghèo',
    coastal: 'Xã bãi ngang, ven biển',
  },
  en: {
    title: 'Programs and projects',
    code: 'Code',
    name: 'Name',
    beneficiaries: 'Beneficiaries',
    provisional: 'Provisional, awaiting the official text',
    poorDistrict: 'Poor districts',
    coastal: 'Coastal communes',
  },
});

export default function ProgramsPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const q = usePrograms();
  return (
    <Stack gap="lg">
      <Title order={1}>{t.title}</Title>
      {q.error ? <ErrorPanel error={q.error} onRetry={() => void q.refetch()} /> : null}
      {(q.data ?? []).map((p) => (
        <Stack key={p.code} gap="xs">
          <Title order={2}>{lang === 'en' ? p.nameEn : p.name}</Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {p.legalBasis} · {p.yearFrom}–{p.yearTo}
            </Text>
            {p.provisional ? (
              <Badge color="yellow" variant="light">
                {t.provisional}
              </Badge>
            ) : null}
          </Group>
          <Table withTableBorder data-testid={`program-${p.code}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.code}</Table.Th>
                <Table.Th>{t.name}</Table.Th>
                <Table.Th>{t.beneficiaries}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.components.map((c) => (
                <Table.Tr key={c.code}>
                  <Table.Td className="gn-code" pl={c.parentCode ? 'xl' : undefined}>
                    {c.code}
                  </Table.Td>
                  <Table.Td fw={c.parentCode ? undefined : 600}>
                    {lang === 'en' ? c.nameEn : c.name}{' '}
                    {c.needsPoorDistrict ? (
                      <Badge size="xs" variant="outline">
                        {t.poorDistrict}
                      </Badge>
                    ) : null}{' '}
                    {c.needsCoastalCommune ? (
                      <Badge size="xs" variant="outline">
                        {t.coastal}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {lang === 'en' ? c.beneficiariesEn || c.beneficiaries : c.beneficiaries}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}
