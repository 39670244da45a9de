// Targets by ward: the unit's targets with progress (recognised results) and forecast (current
// review), and where each ward or commune stands against the previous year.
import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTargets, type Progress } from '../../api/finance';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatCount } from '../../format';
import { defineMessages, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { Filters, useFinanceFilter } from './Filters';

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
    wards: 'Theo phường, xã',
    unit: 'Đơn vị',
    baseline: 'Hộ nghèo năm trước',
    now: 'Hộ nghèo năm nay',
    reduced: 'Giảm',
    wardTarget: 'Chỉ tiêu giảm (hộ)',
    none: 'Chưa đặt chỉ tiêu cho đơn vị và năm này.',
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
    wards: 'By ward and commune',
    unit: 'Unit',
    baseline: 'Poor households last year',
    now: 'Poor households this year',
    reduced: 'Reduced by',
    wardTarget: 'Target (households)',
    none: 'No target set for this unit and year.',
  },
});

function ProgressCell({ p }: { p: Progress }) {
  const t = useMessages(m);
  return (
    <Text size="sm" component="div">
      {p.achieved !== null ? <span className="gn-num">{p.achieved} </span> : null}
      <Badge variant="light" color={p.status === 'met' ? 'teal' : p.status === 'not-met' ? 'orange' : 'gray'}>
        {t[p.status]}
      </Badge>
    </Text>
  );
}

export default function TargetsPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const [filter, setFilter] = useFinanceFilter();
  const q = useTargets(filter);
  const r = q.data;
  return (
    <Stack gap="md">
      <Title order={1}>{t.title}</Title>
      <Filters filter={filter} onChange={setFilter} withAsOf={false} />
      {q.error ? <ErrorPanel error={q.error} onRetry={() => void q.refetch()} /> : null}
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
                <Table.Td>{x.label ?? x.kindLabel}</Table.Td>
                <Table.Td ta="right" className="gn-num">
                  {x.value.toLocaleString('vi-VN')}
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
              {[...r.children, r.total].map((s) => (
                <Table.Tr key={s.unitCode} fw={s === r.total ? 700 : undefined}>
                  <Table.Td>{s.unitName}</Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {s.baseline ? formatCount(s.baseline.poor) : '—'}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {(s.recognised ?? s.review) ? formatCount((s.recognised ?? s.review)!.poor) : '—'}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {s.poorReductionTarget ?? '—'}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {s.poorReduced ?? '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
    </Stack>
  );
}
