// Chương trình & kinh phí: allocation against disbursement per project and source for a unit and
// year, the at-risk board, and a chart. Every figure links to the allocation behind it.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAtRisk, useFinanceReport } from '../../api/finance';
import { Chart } from '../../components/Chart';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateVn, formatPercent, formatVnd } from '../../format';
import { defineMessages, useLang, useMessages } from '../../i18n';
import { deadlineNote } from '../../../../domain/finance/risk';
import { usePageTitle } from '../../layout/usePageTitle';
import { Filters, useFinanceFilter } from './Filters';
import { labels, RISK_COLOR } from './labels';

const m = defineMessages({
  vi: {
    title: 'Chương trình & kinh phí',
    planned: 'Kế hoạch vốn',
    disbursed: 'Đã giải ngân',
    available: 'Còn lại',
    rate: 'Tỷ lệ giải ngân',
    project: 'Dự án',
    source: 'Nguồn vốn',
    allocated: 'Giao đầu năm',
    adjusted: 'Điều chỉnh',
    deadline: 'Hạn',
    state: 'Tình trạng',
    byProject: 'Theo dự án và nguồn vốn',
    atRisk: 'Có nguy cơ không giải ngân kịp',
    noneAtRisk: 'Không có phân bổ nào có nguy cơ.',
    empty: 'Chưa có phân bổ vốn cho đơn vị và năm này.',
    chart: 'Biểu đồ kế hoạch vốn và giải ngân theo dự án',
    targets: 'Chỉ tiêu',
    tasks: 'Nhiệm vụ',
    programs: 'Danh mục dự án',
    proposal: 'Đề xuất dừng/điều chuyển vốn (PDF, Excel)',
  },
  en: {
    title: 'Program & funds',
    planned: 'Planned',
    disbursed: 'Disbursed',
    available: 'Left',
    rate: 'Disbursement rate',
    project: 'Project',
    source: 'Source',
    allocated: 'Allocated',
    adjusted: 'Adjusted',
    deadline: 'Deadline',
    state: 'State',
    byProject: 'By project and source',
    atRisk: 'At risk of missing the deadline',
    noneAtRisk: 'No allocation is at risk.',
    empty: 'No allocation for this unit and year yet.',
    chart: 'Chart of planned and disbursed funds per project',
    targets: 'Targets',
    tasks: 'Tasks',
    programs: 'Project catalogue',
    proposal: 'Proposal to stop or move funds (PDF, Excel)',
  },
});

export default function FinancePage() {
  const t = useMessages(m);
  const l = useMessages(labels);
  const { lang } = useLang();
  usePageTitle(t.title);
  const [filter, setFilter] = useFinanceFilter();
  const report = useFinanceReport(filter);
  const risk = useAtRisk(filter);
  const r = report.data;
  const qs = `unit=${filter.unit}&year=${filter.year}`;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t.title}</Title>
        <Group gap="md">
          <Anchor component={Link} to={`/finance/targets?${qs}`}>
            {t.targets}
          </Anchor>
          <Anchor component={Link} to={`/finance/tasks?unit=${filter.unit}`}>
            {t.tasks}
          </Anchor>
          <Anchor component={Link} to="/finance/programs">
            {t.programs}
          </Anchor>
        </Group>
      </Group>
      <Filters filter={filter} onChange={setFilter} />
      {report.error ? <ErrorPanel error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <>
          <Text c="dimmed" size="sm">
            {r.unit.name} · {formatDateVn(r.asOf)}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {[
              [t.planned, formatVnd(r.total.planned)],
              [t.disbursed, formatVnd(r.total.disbursed)],
              [t.available, formatVnd(r.total.available)],
              [t.rate, formatPercent(r.total.rate, 1)],
            ].map(([label, value]) => (
              <Paper p="md" key={label}>
                <Text size="sm" c="dimmed">
                  {label}
                </Text>
                <Text fz={24} fw={700} className="gn-num" data-testid={`finance-${label}`}>
                  {value}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          {r.rows.length === 0 ? <Text>{t.empty}</Text> : null}
          {r.projects.length > 0 ? (
            <Paper p="md">
              <Chart
                height={260}
                label={`${t.chart}: ${r.projects.map((p) => `${p.projectCode} ${formatVnd(p.planned)} / ${formatVnd(p.disbursed)}`).join('; ')}`}
                option={{
                  tooltip: { trigger: 'axis' },
                  // Room between each marker and its word, and between the two entries.
                  legend: {
                    top: 0,
                    data: [t.planned, t.disbursed],
                    itemGap: 24,
                    itemWidth: 14,
                    itemHeight: 10,
                    textStyle: { padding: [0, 0, 0, 4] },
                  },
                  grid: { left: 90, right: 16, top: 40, bottom: 28 },
                  xAxis: { type: 'category', data: r.projects.map((p) => p.projectCode) },
                  yAxis: {
                    type: 'value',
                    axisLabel: { formatter: (v: number) => `${(v / 1e9).toLocaleString('vi-VN')} tỷ` },
                  },
                  series: [
                    {
                      name: t.planned,
                      type: 'bar',
                      data: r.projects.map((p) => p.planned),
                      itemStyle: { color: '#adb5bd' },
                    },
                    {
                      name: t.disbursed,
                      type: 'bar',
                      data: r.projects.map((p) => p.disbursed),
                      itemStyle: { color: '#0b6e53' },
                    },
                  ],
                }}
              />
            </Paper>
          ) : null}
          <Title order={2}>{t.byProject}</Title>
          <Table striped withTableBorder data-testid="finance-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.project}</Table.Th>
                <Table.Th>{t.source}</Table.Th>
                <Table.Th ta="right">{t.allocated}</Table.Th>
                <Table.Th ta="right">{t.adjusted}</Table.Th>
                <Table.Th ta="right">{t.disbursed}</Table.Th>
                <Table.Th ta="right">{t.rate}</Table.Th>
                <Table.Th>{t.deadline}</Table.Th>
                <Table.Th>{t.state}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.rows.map((row) => (
                <Table.Tr key={`${row.projectCode}-${row.source}`}>
                  <Table.Td>
                    <span className="gn-code">{row.projectCode}</span>{' '}
                    {lang === 'en' ? row.projectNameEn : row.projectName}
                  </Table.Td>
                  <Table.Td>{l[row.source as 'central'] ?? row.source}</Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {formatVnd(row.allocated, false)}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {formatVnd(row.adjusted, false)}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {formatVnd(row.disbursed, false)}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {formatPercent(row.rate, 1)}
                  </Table.Td>
                  <Table.Td>{formatDateVn(row.deadline)}</Table.Td>
                  <Table.Td>
                    <Badge color={RISK_COLOR[row.riskState]} variant="light">
                      {l[row.riskState]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group gap="md">
            <Anchor href={`/api/v1/finance/proposal.pdf?${qs}`}>{t.proposal}: PDF</Anchor>
            <Anchor href={`/api/v1/finance/proposal.xlsx?${qs}`}>Excel</Anchor>
          </Group>
        </>
      ) : null}
      <Title order={2}>{t.atRisk}</Title>
      {risk.error ? <ErrorPanel error={risk.error} /> : null}
      {risk.data && risk.data.length === 0 ? <Text>{t.noneAtRisk}</Text> : null}
      {risk.data && risk.data.length > 0 ? (
        <Table withTableBorder data-testid="at-risk-board">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.project}</Table.Th>
              <Table.Th>{t.source}</Table.Th>
              <Table.Th ta="right">{t.available}</Table.Th>
              <Table.Th>{t.deadline}</Table.Th>
              <Table.Th>{t.state}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {risk.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/finance/allocations/${a.id}`}>
                    <span className="gn-code">{a.componentCode}</span>{' '}
                    {lang === 'en' ? a.componentNameEn : a.componentName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {l[a.source]} · {l[a.capitalType]}
                </Table.Td>
                <Table.Td ta="right" className="gn-num">
                  {formatVnd(a.available)}
                </Table.Td>
                <Table.Td>
                  {formatDateVn(a.deadline)} ({deadlineNote(a.risk, lang)})
                </Table.Td>
                <Table.Td>
                  <Badge color={RISK_COLOR[a.risk.state]} variant="light">
                    {l[a.risk.state]}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
