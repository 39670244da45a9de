// Targets by ward: the unit's targets with progress (recognised results) and forecast (current
// review), and where each ward or commune stands against the previous year.
import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTargets, type Counts, type Progress, type TargetsReport } from '../../api/finance';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatCount, formatNumber } from '../../format';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { Filters, useFinanceFilter } from './Filters';
import { MonitoringSection } from './MonitoringSection';

const m = defineMessages({
  vi: {
    title: 'Chỉ tiêu giảm nghèo',
    target: 'Chỉ tiêu',
    value: 'Mức',
    progress: 'Kết quả (đã công nhận)',
    forecast: 'Dự báo (đợt rà soát hiện tại)',
    met: 'Đạt',
    'not-met': 'Chưa đạt',
    'no-data': 'Chưa có số liệu',
    'not-measured': 'Theo dõi riêng',
    'no-residents': 'Chưa nhập tổng số hộ dân cư',
    rates:
      'Tỷ lệ hộ nghèo (trên tổng số hộ dân cư): năm {prev} {b}; năm {year} đã công nhận {r}, dự báo {f}.',
    rateOf: '{rate} của {n} hộ dân cư',
    noResidents: 'chưa nhập tổng số hộ dân cư',
    noRate: 'chưa có kết quả',
    ratesNote:
      'Tỷ lệ chỉ tính trên tổng số hộ dân cư do xã, phường nhập (mục Báo cáo); không tính trên số hộ đã rà soát.',
    wards: 'Theo phường, xã',
    unit: 'Đơn vị',
    baseline: 'Hộ nghèo năm trước',
    now: 'Hộ nghèo năm nay',
    reduced: 'Giảm',
    wardTarget: 'Chỉ tiêu giảm (hộ)',
    none: 'Chưa đặt chỉ tiêu cho đơn vị và năm này.',
    forecastTag: 'dự báo',
    rest: 'Hộ ghi theo mã của {name}, không thuộc phường, xã nào ở trên',
    total: 'Tổng cộng',
    sumNote: 'Dòng tổng cộng là tổng các dòng trên.',
    forecastNote:
      '{n} đơn vị chưa được công nhận kết quả năm nay: cột "Hộ nghèo năm nay" của các đơn vị này là dự báo từ đợt rà soát hiện tại, nên tổng có thể khác kết quả đã công nhận ở bảng chỉ tiêu.',
  },
  en: {
    title: 'Poverty-reduction targets',
    target: 'Target',
    value: 'Value',
    progress: 'Result (recognised)',
    forecast: 'Forecast (current review)',
    met: 'Met',
    'not-met': 'Not met',
    'no-data': 'No data yet',
    'not-measured': 'Tracked separately',
    'no-residents': 'Resident households not entered',
    rates: 'Poor-household rate (over resident households): {prev} {b}; {year} recognised {r}, forecast {f}.',
    rateOf: '{rate} of {n} resident households',
    noResidents: 'resident households not entered',
    noRate: 'no results yet',
    ratesNote:
      'Rates are over the resident households entered by each commune or ward (Reports), never over the households surveyed.',
    wards: 'By ward and commune',
    unit: 'Unit',
    baseline: 'Poor households last year',
    now: 'Poor households this year',
    reduced: 'Reduced by',
    wardTarget: 'Target (households)',
    none: 'No target set for this unit and year.',
    forecastTag: 'forecast',
    rest: 'Households recorded under the code of {name}, in none of the units above',
    total: 'Total',
    sumNote: 'The total row is the sum of the rows above.',
    forecastNote:
      '{n} units have no recognised results this year yet: their "Poor households this year" is the current review\'s forecast, so the total may differ from the recognised result in the targets table.',
  },
});

function ProgressCell({ p }: { p: Progress }) {
  const t = useMessages(m);
  return (
    <Text size="sm" component="div">
      {p.achieved !== null ? <span className="gn-num">{formatNumber(p.achieved)} </span> : null}
      <Badge variant="light" color={p.status === 'met' ? 'teal' : p.status === 'not-met' ? 'orange' : 'gray'}>
        {t[p.status]}
      </Badge>
    </Text>
  );
}

function StandingRow(props: {
  name: string;
  baseline: Counts | null;
  outcome: Counts | null;
  outcomeKind: 'recognised' | 'forecast' | null;
  target: number | null;
  reduced: number | null;
  total?: boolean;
}) {
  const t = useMessages(m);
  return (
    <Table.Tr fw={props.total ? 700 : undefined}>
      <Table.Td>{props.name}</Table.Td>
      <Table.Td ta="right" className="gn-num">
        {props.baseline ? formatCount(props.baseline.poor) : '—'}
      </Table.Td>
      <Table.Td ta="right" className="gn-num">
        {props.outcome ? formatCount(props.outcome.poor) : '—'}
        {props.outcomeKind === 'forecast' && !props.total ? (
          <Text span size="xs" c="dimmed">
            {' '}
            ({t.forecastTag})
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td ta="right" className="gn-num">
        {props.target === null ? '—' : formatCount(props.target)}
      </Table.Td>
      <Table.Td ta="right" className="gn-num">
        {props.reduced === null ? '—' : formatCount(props.reduced)}
      </Table.Td>
    </Table.Tr>
  );
}

/** The unit's poverty rates over its resident households, or why a rate is missing. */
function Rates({ r }: { r: TargetsReport }) {
  const t = useMessages(m);
  const s = r.total;
  const rate = (x: number | null, residents: number | null) =>
    residents === null
      ? t.noResidents
      : x === null
        ? t.noRate
        : fill(t.rateOf, { rate: `${formatNumber(x)} %`, n: formatCount(residents) });
  return (
    <Text size="sm" data-testid="rates">
      {fill(t.rates, {
        prev: r.year - 1,
        year: r.year,
        b: rate(s.baselineRate, s.baselineResidentHouseholds),
        r: rate(s.recognisedRate, s.residentHouseholds),
        f: rate(s.reviewRate, s.residentHouseholds),
      })}{' '}
      <Text span size="xs" c="dimmed">
        {t.ratesNote}
      </Text>
    </Text>
  );
}

export default function TargetsPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const [filter, setFilter] = useFinanceFilter();
  const q = useTargets(filter);
  const r = q.data;
  return (
    <Stack gap="md">
      <Title order={1}>{t.title}</Title>
      <Filters filter={filter} onChange={setFilter} withAsOf={false} />
      {q.error ? <ErrorPanel error={q.error} onRetry={() => void q.refetch()} /> : null}
      {r ? <Rates r={r} /> : null}
      {r && r.targets.length === 0 ? <Text>{t.none}</Text> : null}
      {r && r.targets.length > 0 ? (
        <Table withTableBorder data-testid="targets">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.target}</Table.Th>
              <Table.Th ta="right">{t.value}</Table.Th>
              <Table.Th>{t.progress}</Table.Th>
              <Table.Th>{t.forecast}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.targets.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>
                  {/* A label is what the council's resolution says, as typed (data); else the kind's word. */}
                  {x.label ?? wordOfCode('targetKind', x.kind, lang)}
                </Table.Td>
                <Table.Td ta="right" className="gn-num">
                  {formatNumber(x.value)}
                </Table.Td>
                <Table.Td>
                  <ProgressCell p={x.progress} />
                </Table.Td>
                <Table.Td>
                  <ProgressCell p={x.forecast} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {r ? (
        <>
          <Title order={2}>{t.wards}</Title>
          <Table striped withTableBorder data-testid="wards">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.unit}</Table.Th>
                <Table.Th ta="right">{t.baseline}</Table.Th>
                <Table.Th ta="right">{t.now}</Table.Th>
                <Table.Th ta="right">{t.wardTarget}</Table.Th>
                <Table.Th ta="right">{t.reduced}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(r.children.length > 0 ? [...r.children, ...(r.rest ? [r.rest] : [])] : [r.total]).map((s) => (
                <StandingRow
                  key={s === r.rest ? 'rest' : s.unitCode}
                  name={s === r.rest ? fill(t.rest, { name: s.unitName }) : s.unitName}
                  baseline={s.baseline}
                  outcome={s.outcome}
                  outcomeKind={s.outcomeKind}
                  target={s.poorReductionTarget}
                  reduced={s.poorReduced}
                />
              ))}
              {r.children.length > 0 ? (
                <StandingRow
                  total
                  name={`${t.total} – ${r.total.unitName}`}
                  baseline={r.totalRow.baseline}
                  outcome={r.totalRow.outcome}
                  outcomeKind={r.totalRow.outcomeKind}
                  target={r.total.poorReductionTarget}
                  reduced={r.totalRow.poorReduced}
                />
              ) : null}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed" data-testid="wards-note">
            {t.sumNote}{' '}
            {r.totalRow.forecastRows > 0 ? fill(t.forecastNote, { n: r.totalRow.forecastRows }) : null}
          </Text>
        </>
      ) : null}
      {r ? <MonitoringSection filter={filter} /> : null}
    </Stack>
  );
}
