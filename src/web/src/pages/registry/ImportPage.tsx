// Nhập từ tệp: upload a survey file (JSONL, XLSX with sheets households/members, or two CSV
// tables), watch the upload and the import progress, then read the row and field errors.
import { useState } from 'react';
import { Alert, Button, FileInput, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { uploadSurvey, useImportJob } from '../../api/registry';
import { ErrorPanel } from '../../components/ErrorPanel';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { errorFieldLabel, wordedMessage } from './fieldErrors';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Nhập kết quả rà soát từ tệp',
    lead: 'JSONL theo mẫu trao đổi, hoặc Excel (hai trang tính «Hộ» và «Thành viên»), hoặc hai bảng CSV (hộ và thành viên).',
    file: 'Tệp (.jsonl, .xlsx, .csv bảng hộ)',
    members: 'Bảng thành viên (.csv), khi nhập CSV',
    mode: 'Cách nhập',
    atomic: 'Tất cả hoặc không (một dòng lỗi thì không ghi gì)',
    validRows: 'Ghi các dòng hợp lệ, liệt kê dòng lỗi',
    status: 'Trạng thái kết quả',
    draft: 'Dự thảo (chờ họp dân, niêm yết)',
    approved: 'Đã duyệt',
    start: 'Tải lên và nhập',
    uploading: 'Đang tải lên…',
    importing: 'Đang nhập: đã đọc {n} bản ghi',
    done: 'Đọc {read}, nhập {imported}, từ chối {rejected}.',
    line: 'Dòng',
    id: 'Mã hộ',
    field: 'Trường',
    code: 'Mã lỗi',
    message: 'Nội dung',
  },
  en: {
    title: 'Import review results from a file',
    lead: 'JSONL in the interchange format, or Excel (sheets households/Hộ and members/Thành viên), or two CSV tables (households and members).',
    file: 'File (.jsonl, .xlsx, households .csv)',
    members: 'Members table (.csv), for a CSV import',
    mode: 'Mode',
    atomic: 'All or nothing (one bad row writes nothing)',
    validRows: 'Write the valid rows, list the bad ones',
    status: 'Status of the results',
    draft: 'Draft (before meetings and posting)',
    approved: 'Approved',
    start: 'Upload and import',
    uploading: 'Uploading…',
    importing: 'Importing: {n} records read',
    done: 'Read {read}, imported {imported}, rejected {rejected}.',
    line: 'Line',
    id: 'Household id',
    field: 'Field',
    code: 'Code',
    message: 'Message',
  },
});

export default function ImportPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const [file, setFile] = useState<File | null>(null);
  const [members, setMembers] = useState<File | null>(null);
  const [mode, setMode] = useState('atomic');
  const [status, setStatus] = useState('draft');
  const [upload, setUpload] = useState<number | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = useImportJob(jobId);
  const start = async () => {
    if (!file) return;
    setError(null);
    setJobId(null);
    setUpload(0);
    try {
      const j = await uploadSurvey({ file, members }, { mode, status }, setUpload);
      setJobId(j.id);
    } catch (e) {
      setError(e);
    } finally {
      setUpload(null);
    }
  };
  const report = job.data?.report;
  return (
    <Stack maw={1000}>
      <Title order={1}>{t.title}</Title>
      <Text>{t.lead}</Text>
      <FileInput label={t.file} value={file} onChange={setFile} accept=".jsonl,.json,.xlsx,.csv" clearable />
      <FileInput label={t.members} value={members} onChange={setMembers} accept=".csv" clearable />
      <Group>
        <Select
          label={t.mode}
          value={mode}
          onChange={(v) => setMode(v ?? 'atomic')}
          data={[
            { value: 'atomic', label: t.atomic },
            { value: 'valid-rows', label: t.validRows },
          ]}
          w={380}
          allowDeselect={false}
        />
        <Select
          label={t.status}
          value={status}
          onChange={(v) => setStatus(v ?? 'draft')}
          data={[
            { value: 'draft', label: t.draft },
            { value: 'approved', label: t.approved },
          ]}
          w={300}
          allowDeselect={false}
        />
      </Group>
      <Button
        onClick={() => void start()}
        disabled={!file || upload !== null || job.data?.state === 'running'}
        w="fit-content"
      >
        {t.start}
      </Button>
      {upload !== null ? (
        <Stack gap={4}>
          <Text size="sm">{t.uploading}</Text>
          <Progress value={upload * 100} aria-label={t.uploading} />
        </Stack>
      ) : null}
      {job.data?.state === 'running' ? (
        <Stack gap={4}>
          <Text size="sm">{fill(t.importing, { n: job.data.read.toLocaleString('vi-VN') })}</Text>
          <Progress value={100} animated striped aria-label={t.importing} />
        </Stack>
      ) : null}
      {error ? <ErrorPanel error={error} /> : null}
      {job.data?.state === 'failed' ? <Alert color="red">{job.data.error?.message}</Alert> : null}
      {report ? (
        <>
          <Alert color={report.rejected > 0 ? 'yellow' : 'green'}>
            {fill(t.done, { read: report.read, imported: report.imported, rejected: report.rejected })}
          </Alert>
          {report.errors.length > 0 ? (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.line}</Table.Th>
                  <Table.Th>{t.id}</Table.Th>
                  <Table.Th>{t.field}</Table.Th>
                  <Table.Th>{t.code}</Table.Th>
                  <Table.Th>{t.message}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.slice(0, 500).map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{e.line}</Table.Td>
                    <Table.Td>{e.householdId ?? '—'}</Table.Td>
                    <Table.Td>{errorFieldLabel(e.field, lang)}</Table.Td>
                    <Table.Td>{e.code}</Table.Td>
                    <Table.Td>{e.field ? wordedMessage(e, lang) : e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
