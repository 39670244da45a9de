// One task: what was asked, by when, its updates with their attachments, and the form the
// assignee uses to report progress (status, note, files).
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useUser } from '../../auth/session';
import { can } from '../../../../domain/access/permissions';
import { postTaskUpdate, useTask } from '../../api/finance';
import { ErrorPanel, useErrorText } from '../../components/ErrorPanel';
import { useFieldErrors } from '../../components/fieldErrors';
import { formatDateVn, formatInstantVn } from '../../format';
import { defineMessages, useLang, useMessages } from '../../i18n';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Nhiệm vụ',
    assignee: 'Đơn vị thực hiện',
    deadline: 'Hạn',
    updates: 'Các lần cập nhật',
    none: 'Chưa có cập nhật.',
    report: 'Báo cáo tiến độ',
    status: 'Tình trạng',
    note: 'Nội dung',
    files: 'Tệp đính kèm (không bắt buộc)',
    save: 'Gửi cập nhật',
    saved: 'Đã cập nhật.',
    open: 'Chưa thực hiện',
    'in-progress': 'Đang thực hiện',
    done: 'Hoàn thành',
    cancelled: 'Huỷ',
    overdue: 'Quá hạn',
    when: 'Thời điểm',
    by: 'Người cập nhật',
  },
  en: {
    title: 'Task',
    assignee: 'Assignee',
    deadline: 'Deadline',
    updates: 'Updates',
    none: 'No update yet.',
    report: 'Report progress',
    status: 'Status',
    note: 'Note',
    files: 'Attachments (optional)',
    save: 'Send update',
    saved: 'Updated.',
    open: 'Open',
    'in-progress': 'In progress',
    done: 'Done',
    cancelled: 'Cancelled',
    overdue: 'Overdue',
    when: 'When',
    by: 'By',
  },
});

export default function TaskPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const user = useUser();
  const qc = useQueryClient();
  const task = useTask(id);
  const [status, setStatus] = useState<string | null>('in-progress');
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const save = useMutation({
    mutationFn: () => postTaskUpdate(Number(id), { status: status ?? '', note }, files),
    onSuccess: () => {
      setNote('');
      setFiles([]);
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const e = useFieldErrors(save.error, { status: t.status, note: t.note });
  if (task.error) return <ErrorPanel error={task.error} onRetry={() => void task.refetch()} />;
  const d = task.data;
  if (!d) return null;
  const statusLabel = (s: string) => t[s as 'open'] ?? s;
  const fieldError = (f: string) => e.of(f);
  return (
    <Stack gap="md">
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t.title} #{d.id}
        </Text>
        <Title order={1}>{d.title}</Title>
        <Text size="sm" mt={4} component="div">
          {t.assignee}: {d.assignee} · {t.deadline}: {formatDateVn(d.deadline)}{' '}
          <Badge variant="light" color={d.overdue ? 'red' : d.status === 'done' ? 'teal' : 'blue'}>
            {d.overdue ? t.overdue : statusLabel(d.status)}
          </Badge>
        </Text>
        {d.detail ? <Text mt="xs">{d.detail}</Text> : null}
      </div>
      <Title order={2}>{t.updates}</Title>
      {d.updates.length === 0 ? (
        <Text>{t.none}</Text>
      ) : (
        <Table withTableBorder data-testid="task-updates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.when}</Table.Th>
              <Table.Th>{t.by}</Table.Th>
              <Table.Th>{t.status}</Table.Th>
              <Table.Th>{t.note}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.updates.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{formatInstantVn(u.at)}</Table.Td>
                <Table.Td>
                  {u.actor === 'system' ? wordOfCode('householdChange', 'system', lang) : u.actor}
                </Table.Td>
                <Table.Td>{statusLabel(u.status)}</Table.Td>
                <Table.Td>
                  {u.note}
                  {u.attachments.map((a) => (
                    <div key={a.id}>
                      <Anchor href={`/api/v1/tasks/attachments/${a.id}`}>{a.fileName}</Anchor>
                    </div>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {can(user.role, 'tasks.follow-up') ? (
        <Paper
          p="md"
          component="form"
          onSubmit={(ev) => {
            ev.preventDefault();
            save.mutate();
          }}
        >
          <Title order={2} mb="sm">
            {t.report}
          </Title>
          <Stack gap="sm">
            <Select
              label={t.status}
              value={status}
              onChange={setStatus}
              data={(['open', 'in-progress', 'done', 'cancelled'] as const).map((s) => ({
                value: s,
                label: t[s],
              }))}
              error={fieldError('status')}
            />
            <Textarea
              label={t.note}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={2}
              error={fieldError('note')}
            />
            <FileInput label={t.files} multiple value={files} onChange={setFiles} clearable />
            {e.orphan ? (
              <Alert color="red" role="alert">
                {errorText(save.error)}
              </Alert>
            ) : null}
            {save.isSuccess ? <Alert color="green">{t.saved}</Alert> : null}
            <Button type="submit" w="fit-content" loading={save.isPending}>
              {t.save}
            </Button>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
