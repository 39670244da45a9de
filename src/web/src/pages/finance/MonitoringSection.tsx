// Program monitoring on the targets screen (issue 13): the program's target kinds with the
// reduction in points (recognised, and forecast from the current review) against the national
// band, a chart of the same figures (the table is its text alternative), and per project the
// households supported and the cost per household that exited poverty.
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMonitoring, type ProgramMonitoring } from '../../api/finance';
import { Chart } from '../../components/Chart';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatCount, formatNumber, formatVnd } from '../../format';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import type { FinanceFilter } from './Filters';

const m = defineMessages({
  vi: {
    title: 'Theo dõi chương trình',
    lead: 'Mức giảm tỷ lệ hộ nghèo (điểm %) so với năm trước, tính trên tổng số hộ dân cư, đối chiếu với chỉ tiêu quốc gia.',
    kind: 'Chỉ tiêu',
    band: 'Mức giao',
    rates: 'Tỷ lệ năm trước → năm nay',
    achieved: 'Đã công nhận',
    forecast: 'Dự báo',
    points: '{n} điểm %',
    bandRange: '{min}–{max} điểm %/năm',
    bandAbove: 'trên {min} điểm %/năm',
    counts: 'hộ nghèo: {b} → {r}',
    chart: 'Mức giảm tỷ lệ hộ nghèo theo chỉ tiêu, năm {year} (điểm %); số liệu ở bảng bên cạnh',
    projects: 'Chỉ số theo dự án',
    project: 'Dự án',
    disbursed: 'Đã giải ngân',
    supported: 'Hộ được hỗ trợ',
    perSupported: 'Bình quân mỗi hộ được hỗ trợ',
    exited: 'Hộ được hỗ trợ đã thoát nghèo',
    perExited: 'Bình quân mỗi hộ thoát nghèo',
    noProjects: 'Chưa ghi nhận hỗ trợ nào cho hộ trong năm này.',
    none: '—',
  },
  en: {
    title: 'Program monitoring',
    lead: 'Reduction of the poor-household rate (points) from the year before, over the resident households, against the national targets.',
    kind: 'Target',
    band: 'National band',
    rates: 'Rate last year → this year',
    achieved: 'Recognised',
    forecast: 'Forecast',
    points: '{n} points',
    bandRange: '{min}–{max} points a year',
    bandAbove: 'over {min} points a year',
    counts: 'poor households: {b} → {r}',
    chart: 'Reduction of the poor-household rate per target, {year} (points); figures in the table beside',
    projects: 'Indicators per project',
    project: 'Project',
    disbursed: 'Disbursed',
    supported: 'Households supported',
    perSupported: 'Average per household supported',
    exited: 'Supported households that exited poverty',
    perExited: 'Average per household that exited',
    noProjects: 'No support recorded on households this year.',
    none: '—',
  },
});

type Row = ProgramMonitoring['targets'][number];

function Status({ s, label }: { s: Row['status']; label: { vi: string; en: string } }) {
  const { lang } = useLang();
  const color = s === 'within' || s === 'above' ? 'teal' : s === 'below' ? 'orange' : 'gray';
  // Plain text, not a badge: some statuses are a sentence (which list or figure is missing).
  return (
    <Text size="xs" fw={600} c={`${color}.8`}>
      {label[lang]}
    </Text>
  );
}

export function MonitoringSection({ filter }: { filter: FinanceFilter }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const q = useMonitoring(filter);
  if (q.error) return <ErrorPanel error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  if (!r) return null;
  const pts = (x: number | null) => (x === null ? t.none : fill(t.points, { n: formatNumber(x) }));
  const pct = (x: number | null) => (x === null ? t.none : `${formatNumber(x)} %`);
  const option = {
    grid: { left: 48, right: 16, top: 40, bottom: 28 },
    legend: { top: 0, left: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: r.targets.map((x) => wordOfCode('monitoringKindShort', x.kind, lang)) },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}' } },
    series: [
      { name: t.achieved, type: 'bar', data: r.targets.map((x) => x.achieved) },
      { name: t.forecast, type: 'bar', data: r.targets.map((x) => x.forecast) },
    ],
  };
  return (
    <Stack gap="sm" data-testid="monitoring">
      <Title order={2}>{t.title}</Title>
      <Text size="sm" c="dimmed">
        {t.lead}
      </Text>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder aria-label={t.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.kind}</Table.Th>
                <Table.Th>{t.band}</Table.Th>
                <Table.Th>{t.rates}</Table.Th>
                <Table.Th>{t.achieved}</Table.Th>
                <Table.Th>{t.forecast}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.targets.map((x) => (
                <Table.Tr key={x.kind}>
                  <Table.Td>{x.label[lang]}</Table.Td>
                  <Table.Td>
                    {x.band.max === null
                      ? fill(t.bandAbove, { min: formatNumber(x.band.min) })
                      : fill(t.bandRange, { min: formatNumber(x.band.min), max: formatNumber(x.band.max) })}
                    <Text size="xs" c="dimmed">
                      {x.band.source}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {x.baselineRate === null && x.recognisedRate === null
                      ? x.figures.baselinePoor !== null
                        ? fill(t.counts, {
                            b: formatCount(x.figures.baselinePoor),
                            r:
                              x.figures.recognisedPoor === null
                                ? t.none
                                : formatCount(x.figures.recognisedPoor),
                          })
                        : t.none
                      : `${pct(x.baselineRate)} → ${pct(x.recognisedRate)}`}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="gn-num">
                      {pts(x.achieved)}
                    </Text>
                    <Status s={x.status} label={x.statusLabel} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="gn-num">
                      {pts(x.forecast)}
                    </Text>
                    <Status s={x.forecastStatus} label={x.forecastStatusLabel} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Paper p="xs" withBorder maw={720}>
          <Chart option={option} label={fill(t.chart, { year: r.year })} height={240} />
        </Paper>
      </Stack>
      <Title order={3} size="h4">
        {t.projects}
      </Title>
      {r.projects.length === 0 ? (
        <Text size="sm">{t.noProjects}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder aria-label={t.projects} data-testid="monitoring-projects">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.project}</Table.Th>
                <Table.Th ta="right">{t.disbursed}</Table.Th>
                <Table.Th ta="right">{t.supported}</Table.Th>
                <Table.Th ta="right">{t.perSupported}</Table.Th>
                <Table.Th ta="right">{t.exited}</Table.Th>
                <Table.Th ta="right">{t.perExited}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.projects.map((p) => (
                <Table.Tr key={p.projectCode}>
                  <Table.Td>{lang === 'en' ? p.projectNameEn : p.projectName}</Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {formatVnd(p.disbursed)}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {formatCount(p.householdsSupported)}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {p.costPerHouseholdSupported === null ? t.none : formatVnd(p.costPerHouseholdSupported)}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {formatCount(p.householdsExited)}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {p.costPerHouseholdExited === null ? t.none : formatVnd(p.costPerHouseholdExited)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
