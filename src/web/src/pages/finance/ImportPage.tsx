// Excel import of the tables finance officers already keep (allocations, disbursements). Every bad
// row is listed with its field and the reason; nothing is written unless every row is right.
import { useState } from 'react';
import { Alert, Button, FileInput, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFinanceTable } from '../../api/finance';
import { ErrorPanel } from '../../components/ErrorPanel';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';

/**
 * The headers of the tables finance offices keep, as the files write them (Vietnamese: the
 * header of the official template), with what each column holds in either language. The server
 * reads the same headers (src/services/finance/import.service.ts, accents and case folded).
 */
const COLUMNS: Record<'allocations' | 'disbursements', { header: string; en: string }[]> = {
  allocations: [
    { header: 'Năm', en: 'year' },
    { header: 'Mã đơn vị', en: 'unit code' },
    { header: 'Dự án', en: 'project' },
    { header: 'Loại vốn', en: 'capital type' },
    { header: 'Nguồn vốn', en: 'funding source' },
    { header: 'Số tiền', en: 'amount' },
    { header: 'Số quyết định', en: 'decision number' },
    { header: 'Ngày quyết định', en: 'decision date' },
    { header: 'Hạn giải ngân', en: 'disbursement deadline' },
  ],
  disbursements: [
    { header: 'Ngày chứng từ', en: 'voucher date' },
    { header: 'Số tiền', en: 'amount' },
    { header: 'Số chứng từ', en: 'voucher number' },
    { header: 'Nội dung', en: 'activity' },
    { header: 'Số hộ hưởng lợi', en: 'beneficiary households' },
  ],
};

const m = defineMessages({
  vi: {
    title: 'Nhập Excel kế hoạch vốn, giải ngân',
    lead: 'Dòng tiêu đề của tệp ghi tên các cột dưới đây (không phân biệt dấu, chữ hoa).',
    columnsOf: 'Cột của bảng {kind}',
    keyColumns: 'cùng các cột xác định phân bổ: Năm, Mã đơn vị, Dự án, Loại vốn, Nguồn vốn',
    kind: 'Loại bảng',
    allocations: 'Kế hoạch vốn',
    disbursements: 'Giải ngân',
    file: 'Tệp Excel (.xlsx)',
    upload: 'Nhập',
    done: 'Đã nhập {n} dòng.',
    rejected: 'Tệp có {n} dòng lỗi; chưa dòng nào được ghi. Sửa các dòng dưới đây rồi nhập lại.',
    row: 'Dòng',
    field: 'Cột',
    reason: 'Lý do',
  },
  en: {
    title: 'Excel import of allocations and disbursements',
    lead: 'The header row of the file names the columns below by their Vietnamese headers (accents and case do not matter).',
    columnsOf: 'Columns of the {kind} table',
    keyColumns:
      'with the columns that identify the allocation: year, unit code, project, capital type, funding source',
    kind: 'Table',
    allocations: 'Allocations',
    disbursements: 'Disbursements',
    file: 'Excel file (.xlsx)',
    upload: 'Import',
    done: '{n} rows imported.',
    rejected: 'The file has {n} invalid rows; nothing was written. Fix the rows below and import again.',
    row: 'Row',
    field: 'Column',
    reason: 'Reason',
  },
});

export default function ImportPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const qc = useQueryClient();
  const [kind, setKind] = useState<'allocations' | 'disbursements'>('allocations');
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: () => uploadFinanceTable(kind, file!),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['finance'] }),
  });
  const r = run.data;
  return (
    <Stack gap="md">
      <Title order={1}>{t.title}</Title>
      <Text size="sm">{t.lead}</Text>
      <Text size="sm" data-testid="import-columns">
        {fill(t.columnsOf, { kind: kind === 'allocations' ? t.allocations : t.disbursements })}:{' '}
        {COLUMNS[kind].map((c, i) => (
          <span key={c.header}>
            {i > 0 ? ', ' : null}
            {lang === 'en' ? (
              <>
                {c.en} (<span lang="vi">{c.header}</span>)
              </>
            ) : (
              c.header
            )}
          </span>
        ))}
        {kind === 'disbursements' ? ` ${t.keyColumns}` : null}.
      </Text>
      <Paper
        p="md"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) run.mutate();
        }}
      >
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={600} mb={4} id="import-kind">
              {t.kind}
            </Text>
            <SegmentedControl
              aria-labelledby="import-kind"
              value={kind}
              onChange={(v) => setKind(v as typeof kind)}
              data={[
                { value: 'allocations', label: t.allocations },
                { value: 'disbursements', label: t.disbursements },
              ]}
            />
          </div>
          <FileInput label={t.file} accept=".xlsx" value={file} onChange={setFile} clearable />
          <Button type="submit" w="fit-content" loading={run.isPending} disabled={!file}>
            {t.upload}
          </Button>
        </Stack>
      </Paper>
      {run.error ? <ErrorPanel error={run.error} /> : null}
      {r && r.errors.length === 0 ? <Alert color="green">{fill(t.done, { n: r.imported })}</Alert> : null}
      {r && r.errors.length > 0 ? (
        <>
          <Alert color="red" role="alert">
            {fill(t.rejected, { n: r.errors.length })}
          </Alert>
          <Table withTableBorder data-testid="import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.row}</Table.Th>
                <Table.Th>{t.field}</Table.Th>
                <Table.Th>{t.reason}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.errors.map((e) => (
                <Table.Tr key={`${e.row}-${e.code}`}>
                  <Table.Td className="gn-num">{e.row}</Table.Td>
                  <Table.Td>{e.field ?? ''}</Table.Td>
                  <Table.Td>{lang === 'en' ? e.messageEn : e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
    </Stack>
  );
}
