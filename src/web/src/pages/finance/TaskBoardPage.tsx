// The task board: what the meetings assigned, overdue and due soon first, per assignee.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTaskBoard, type Task } from '../../api/finance';
import { useUser } from '../../auth/session';
import { UnitSearch, scopeWithin } from '../../components/UnitSearch';
import { DateField } from '../../components/DateField';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateVn } from '../../format';
import { defineMessages, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Nhiệm vụ',
    unit: 'Đơn vị',
    asOf: 'Tính đến ngày (không bắt buộc)',
    overdue: 'Quá hạn',
    dueSoon: 'Sắp đến hạn (7 ngày)',
    open: 'Đang thực hiện',
    done: 'Hoàn thành',
    assignee: 'Đơn vị thực hiện',
    task: 'Nhiệm vụ',
    deadline: 'Hạn',
    none: 'Không có.',
  },
  en: {
    title: 'Tasks',
    unit: 'Unit',
    asOf: 'As of (optional)',
    overdue: 'Overdue',
    dueSoon: 'Due soon (7 days)',
    open: 'In progress',
    done: 'Done',
    assignee: 'Assignee',
    task: 'Task',
    deadline: 'Deadline',
    none: 'None.',
  },
});

function TaskTable({ tasks, testId }: { tasks: Task[]; testId: string }) {
  const t = useMessages(m);
  if (tasks.length === 0) return <Text size="sm">{t.none}</Text>;
  return (
    <Table withTableBorder data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t.assignee}</Table.Th>
          <Table.Th>{t.task}</Table.Th>
          <Table.Th>{t.deadline}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tasks.map((x) => (
          <Table.Tr key={x.id}>
            <Table.Td>{x.assignee}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/finance/tasks/${x.id}`}>
                {x.title}
              </Anchor>
            </Table.Td>
            <Table.Td>{formatDateVn(x.deadline)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function TaskBoardPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? user.unitCode ?? '';
  const asOf = params.get('asOf') ?? undefined;
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const q = useTaskBoard(unit, asOf);
  const b = q.data;
  return (
    <Stack gap="md">
      <Title order={1}>{t.title}</Title>
      <Group align="flex-end">
        <UnitSearch
          label={t.unit}
          value={unit}
          within={scopeWithin(user.unitCode)}
          onChange={(code) => code && set('unit', code)}
          data-testid="unit-filter"
        />
        <DateField label={t.asOf} value={asOf ?? null} w={200} clearable onChange={(v) => set('asOf', v)} />
      </Group>
      {q.error ? <ErrorPanel error={q.error} onRetry={() => void q.refetch()} /> : null}
      {b ? (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {(
              [
                ['overdue', 'red'],
                ['dueSoon', 'orange'],
                ['open', 'blue'],
                ['done', 'teal'],
              ] as const
            ).map(([k, color]) => (
              <Paper p="md" key={k}>
                <Text size="sm" c="dimmed">
                  {t[k]}
                </Text>
                <Badge size="xl" color={color} variant="light">
                  {b[k].length}
                </Badge>
              </Paper>
            ))}
          </SimpleGrid>
          <Title order={2}>{t.overdue}</Title>
          <TaskTable tasks={b.overdue} testId="tasks-overdue" />
          <Title order={2}>{t.dueSoon}</Title>
          <TaskTable tasks={b.dueSoon} testId="tasks-due-soon" />
          <Title order={2}>{t.open}</Title>
          <TaskTable tasks={b.open} testId="tasks-open" />
          <Title order={2}>{t.done}</Title>
          <TaskTable tasks={b.done} testId="tasks-done" />
        </>
      ) : null}
    </Stack>
  );
}
