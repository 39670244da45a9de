// The dashboard of the overview page (issue 13): where the unit and each unit under it stand on
// poverty, the review and the money. Every figure links to the list behind it; every chart has
// its figures in a table beside it. Sections the role may not read are absent (null from the API).
import { Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDashboard, type DashboardData } from '../../api/dashboard';
import { Chart } from '../../components/Chart';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatCount, formatDateVn, formatNumber, formatPercent, formatVnd } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { wordOfCode } from '../../../../domain/words/catalogue';

const m = defineMessages({
  vi: {
    heading: 'Tình hình giảm nghèo',
    recognisedOf: 'Kết quả rà soát đã công nhận năm {period}',
    noResults: 'Chưa có kết quả rà soát được công nhận trong phạm vi này.',
    poor: 'Hộ nghèo',
    nearPoor: 'Hộ cận nghèo',
    multidimensional: 'Tỷ lệ nghèo đa chiều',
    rateOf: 'tỷ lệ {rate} trên {n} hộ dân cư',
    noResidents: 'chưa nhập tổng số hộ dân cư',
    surveyed: 'Hộ được rà soát',
    residents: 'Hộ dân cư',
    unit: 'Đơn vị',
    poorRate: 'Tỷ lệ hộ nghèo',
    nearPoorRate: 'Tỷ lệ hộ cận nghèo',
    perUnit: 'Theo đơn vị trực thuộc',
    perUnitCaption: 'Hộ nghèo, hộ cận nghèo và tỷ lệ theo đơn vị trực thuộc, năm {period}',
    trend: 'Xu hướng qua các năm đã công nhận',
    trendCaption: 'Tỷ lệ nghèo đa chiều và tỷ lệ hộ nghèo theo năm',
    trendChart: 'Biểu đồ đường: tỷ lệ nghèo đa chiều và tỷ lệ hộ nghèo theo năm; số liệu ở bảng bên cạnh.',
    year: 'Năm',
    none: '—',
    balance: 'Biến động năm {period}',
    exited: 'Thoát nghèo',
    newPoor: 'Nghèo phát sinh',
    returned: 'Tái nghèo',
    targets: 'Chỉ tiêu năm {year}',
    noTargets: 'Chưa giao chỉ tiêu cho năm này.',
    target: 'Chỉ tiêu',
    achieved: 'Đã đạt (công nhận)',
    forecast: 'Dự báo (rà soát hiện tại)',
    rates: 'Tỷ lệ hộ nghèo: đầu kỳ {b}, đã công nhận {r}, dự báo {f}',
    review: 'Tiến độ rà soát năm {period}',
    deadline: 'Hạn báo cáo của xã: {date} (còn {n} ngày)',
    deadlinePassed: 'Hạn báo cáo của xã: {date} (đã qua {n} ngày)',
    step: 'Bước',
    surveyedOf: 'Đã rà soát / hộ trong sổ',
    meetings: 'Cuộc họp thôn',
    complaints: 'Khiếu nại đang mở',
    reviewCaption: 'Tiến độ rà soát định kỳ theo xã, phường',
    money: 'Kinh phí năm {year}',
    allocated: 'Kế hoạch vốn',
    disbursed: 'Đã giải ngân',
    disbursedRate: 'Tỷ lệ giải ngân',
    atRisk: 'Có nguy cơ không giải ngân hết',
    atRiskValue: '{n} khoản, còn {amount}',
    tasks: 'Nhiệm vụ quá hạn',
    tasksValue: '{overdue} quá hạn, {dueSoon} sắp đến hạn, {open} đang làm',
    openList: 'Xem danh sách',
  },
  en: {
    heading: 'Poverty reduction at a glance',
    recognisedOf: 'Recognised review results of {period}',
    noResults: 'No recognised review results in this scope yet.',
    poor: 'Poor households',
    nearPoor: 'Near-poor households',
    multidimensional: 'Multidimensional poverty rate',
    rateOf: 'rate {rate} of {n} resident households',
    noResidents: 'resident households not entered',
    surveyed: 'Households reviewed',
    residents: 'Resident households',
    unit: 'Unit',
    poorRate: 'Poor rate',
    nearPoorRate: 'Near-poor rate',
    perUnit: 'By unit under it',
    perUnitCaption: 'Poor and near-poor households and rates by unit, {period}',
    trend: 'Trend over the recognised years',
    trendCaption: 'Multidimensional poverty rate and poor rate by year',
    trendChart:
      'Line chart: multidimensional poverty rate and poor rate by year; figures in the table beside it.',
    year: 'Year',
    none: '—',
    balance: 'Changes in {period}',
    exited: 'Exited poverty',
    newPoor: 'Newly poor',
    returned: 'Poor again',
    targets: 'Targets for {year}',
    noTargets: 'No target set for this year.',
    target: 'Target',
    achieved: 'Achieved (recognised)',
    forecast: 'Forecast (current review)',
    rates: 'Poor rate: start {b}, recognised {r}, forecast {f}',
    review: 'Review progress {period}',
    deadline: "Communes' report due {date} ({n} days left)",
    deadlinePassed: "Communes' report was due {date} ({n} days ago)",
    step: 'Step',
    surveyedOf: 'Reviewed / households in the registry',
    meetings: 'Village meetings',
    complaints: 'Open complaints',
    reviewCaption: 'Periodic review progress by commune and ward',
    money: 'Funds {year}',
    allocated: 'Planned capital',
    disbursed: 'Disbursed',
    disbursedRate: 'Disbursement rate',
    atRisk: 'At risk of not being disbursed',
    atRiskValue: '{n} allocations, {amount} left',
    tasks: 'Overdue tasks',
    tasksValue: '{overdue} overdue, {dueSoon} due soon, {open} in progress',
    openList: 'Open the list',
  },
});

const rate = (r: number | null, none: string) => (r === null ? none : formatPercent(r));
/** Rates of the targets report are already percentages (2.38 = 2,38 %). */
const points = (r: number | null, none: string) => (r === null ? none : `${formatNumber(r)} %`);

function Figure({ label, value, detail, to }: { label: string; value: string; detail?: string; to: string }) {
  return (
    <Paper p="md" withBorder>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Anchor component={Link} to={to} fw={700} fz={26} underline="hover">
        {value}
      </Anchor>
      {detail ? (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      ) : null}
    </Paper>
  );
}

function Registry({ d }: { d: DashboardData }) {
  const t = useMessages(m);
  const r = d.registry!;
  const s = r.summary;
  const households = (code: string, cls?: string) =>
    `/registry?unit=${code}&period=${r.period}${cls ? `&class=${cls}` : ''}`;
  const residents = s.residentHouseholds;
  const detail = (x: number | null) =>
    residents === null ? t.noResidents : fill(t.rateOf, { rate: rate(x, t.none), n: formatCount(residents) });
  const trendOption = {
    grid: { left: 48, right: 16, top: 56, bottom: 28 },
    legend: { top: 0, left: 0, orient: 'vertical' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: r.trend.map((p) => String(p.period)) },
    yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
    series: [
      {
        name: t.multidimensional,
        type: 'line',
        data: r.trend.map((p) =>
          p.multidimensionalRate === null ? null : +(p.multidimensionalRate * 100).toFixed(2),
        ),
      },
      {
        name: t.poorRate,
        type: 'line',
        data: r.trend.map((p) => (p.poorRate === null ? null : +(p.poorRate * 100).toFixed(2))),
      },
    ],
  };
  const b = r.balance.total.poor;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {fill(t.recognisedOf, { period: r.period })}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Figure
          label={t.poor}
          value={formatCount(s.poor)}
          detail={detail(s.poorRate)}
          to={households(d.unit.code, 'POOR')}
        />
        <Figure
          label={t.nearPoor}
          value={formatCount(s.nearPoor)}
          detail={detail(s.nearPoorRate)}
          to={households(d.unit.code, 'NEAR_POOR')}
        />
        <Figure
          label={t.multidimensional}
          value={rate(s.multidimensionalRate, t.none)}
          detail={
            residents === null
              ? t.noResidents
              : fill(t.rateOf, { rate: rate(s.multidimensionalRate, t.none), n: formatCount(residents) })
          }
          to="/reports"
        />
        <Figure label={t.surveyed} value={formatCount(s.households)} to={households(d.unit.code)} />
      </SimpleGrid>
      <Paper p="md" withBorder>
        <Title order={3} size="h5">
          {fill(t.balance, { period: r.period })}
        </Title>
        <Group gap="lg" mt={4}>
          <Anchor
            component={Link}
            to={`/registry?unit=${d.unit.code}&period=${r.period}&movement=thoat-ngheo`}
          >
            {t.exited}: {formatCount(b.exited)}
          </Anchor>
          <Anchor
            component={Link}
            to={`/registry?unit=${d.unit.code}&period=${r.period}&movement=ngheo-phat-sinh`}
          >
            {t.newPoor}: {formatCount(b.new)}
          </Anchor>
          <Anchor component={Link} to={`/registry?unit=${d.unit.code}&period=${r.period}&movement=tai-ngheo`}>
            {t.returned}: {formatCount(b.returned)}
          </Anchor>
          <Anchor component={Link} to="/reports">
            {t.openList}
          </Anchor>
        </Group>
      </Paper>
      {s.children.length > 0 ? (
        <Paper p={0} withBorder>
          <Title order={3} size="h5" p="sm">
            {t.perUnit}
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table data-testid="dashboard-units" aria-label={fill(t.perUnitCaption, { period: r.period })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.unit}</Table.Th>
                  <Table.Th ta="right">{t.residents}</Table.Th>
                  <Table.Th ta="right">{t.poor}</Table.Th>
                  <Table.Th ta="right">{t.poorRate}</Table.Th>
                  <Table.Th ta="right">{t.nearPoor}</Table.Th>
                  <Table.Th ta="right">{t.nearPoorRate}</Table.Th>
                  <Table.Th ta="right">{t.multidimensional}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.children.map((c) => (
                  <Table.Tr key={c.unit.code}>
                    <Table.Td>{c.unit.name}</Table.Td>
                    <Table.Td ta="right">
                      {c.residentHouseholds === null ? t.none : formatCount(c.residentHouseholds)}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Anchor component={Link} to={households(c.unit.code, 'POOR')}>
                        {formatCount(c.poor)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{rate(c.poorRate, t.none)}</Table.Td>
                    <Table.Td ta="right">
                      <Anchor component={Link} to={households(c.unit.code, 'NEAR_POOR')}>
                        {formatCount(c.nearPoor)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{rate(c.nearPoorRate, t.none)}</Table.Td>
                    <Table.Td ta="right">{rate(c.multidimensionalRate, t.none)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      <Paper p="md" withBorder>
        <Title order={3} size="h5">
          {t.trend}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
          <Chart option={trendOption} label={t.trendChart} height={220} />
          <div>
            <Table data-testid="dashboard-trend" aria-label={t.trendCaption}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.year}</Table.Th>
                  <Table.Th ta="right">{t.poor}</Table.Th>
                  <Table.Th ta="right">{t.nearPoor}</Table.Th>
                  <Table.Th ta="right">{t.poorRate}</Table.Th>
                  <Table.Th ta="right">{t.multidimensional}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.trend.map((p) => (
                  <Table.Tr key={p.period}>
                    <Table.Td>{p.period}</Table.Td>
                    <Table.Td ta="right">{formatCount(p.poor)}</Table.Td>
                    <Table.Td ta="right">{formatCount(p.nearPoor)}</Table.Td>
                    <Table.Td ta="right">{rate(p.poorRate, t.none)}</Table.Td>
                    <Table.Td ta="right">{rate(p.multidimensionalRate, t.none)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </SimpleGrid>
      </Paper>
    </Stack>
  );
}

function Review({ d }: { d: DashboardData }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const r = d.review!;
  if (r.communes.length === 0) return null;
  return (
    <Paper p={0} withBorder>
      <Group justify="space-between" p="sm" wrap="wrap">
        <Title order={3} size="h5">
          {fill(t.review, { period: r.period })}
        </Title>
        <Badge
          variant="light"
          color={r.daysToDeadline < 0 ? 'red' : r.daysToDeadline <= 14 ? 'yellow' : 'brand'}
        >
          {fill(r.daysToDeadline < 0 ? t.deadlinePassed : t.deadline, {
            date: formatDateVn(r.deadline),
            n: Math.abs(r.daysToDeadline),
          })}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table data-testid="dashboard-review" aria-label={t.reviewCaption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.unit}</Table.Th>
              <Table.Th>{t.step}</Table.Th>
              <Table.Th ta="right">{t.surveyedOf}</Table.Th>
              <Table.Th ta="right">{t.meetings}</Table.Th>
              <Table.Th ta="right">{t.complaints}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.communes.map((c) => (
              <Table.Tr key={c.unit.code}>
                <Table.Td>
                  <Anchor component={Link} to={`/campaign?commune=${c.unit.code}&period=${r.period}`}>
                    {c.unit.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.stepLabel[lang]}</Table.Td>
                <Table.Td ta="right">
                  {formatCount(c.surveyed)} / {formatCount(c.expected)}
                </Table.Td>
                <Table.Td ta="right">{formatCount(c.meetingsHeld)}</Table.Td>
                <Table.Td ta="right">{formatCount(c.complaintsOpen)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function Finance({ d }: { d: DashboardData }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const money = d.money!;
  const targets = d.targets!;
  const q = `unit=${d.unit.code}&year=${money.year}`;
  return (
    <Stack gap="sm">
      <Paper p="md" withBorder>
        <Title order={3} size="h5">
          {fill(t.targets, { year: targets.year })}
        </Title>
        {targets.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t.noTargets}
          </Text>
        ) : (
          <Table data-testid="dashboard-targets" mt="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.target}</Table.Th>
                <Table.Th ta="right">{t.target}</Table.Th>
                <Table.Th ta="right">{t.achieved}</Table.Th>
                <Table.Th ta="right">{t.forecast}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {targets.items.map((x, i) => (
                <Table.Tr key={`${x.kind}-${i}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/finance/targets?${q}`}>
                      {wordOfCode('targetKind', x.kind, lang)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(x.value)}</Table.Td>
                  <Table.Td ta="right">{x.achieved === null ? t.none : formatNumber(x.achieved)}</Table.Td>
                  <Table.Td ta="right">{x.forecast === null ? t.none : formatNumber(x.forecast)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="dimmed" mt={4}>
          {fill(t.rates, {
            // A rate is over the resident households only: without them, say so (never a fallback).
            b:
              targets.baselineResidentHouseholds === null
                ? t.noResidents
                : points(targets.baselineRate, t.none),
            r: targets.residentHouseholds === null ? t.noResidents : points(targets.recognisedRate, t.none),
            f: targets.residentHouseholds === null ? t.noResidents : points(targets.forecastRate, t.none),
          })}
        </Text>
      </Paper>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Figure
          label={fill(t.money, { year: money.year }) + ' — ' + t.allocated}
          value={formatVnd(money.allocated)}
          to={`/finance?${q}`}
        />
        <Figure
          label={t.disbursed}
          value={formatVnd(money.disbursed)}
          detail={`${t.disbursedRate}: ${formatPercent(money.rate)}`}
          to={`/finance?${q}`}
        />
        <Figure
          label={t.atRisk}
          value={formatCount(money.atRisk)}
          detail={fill(t.atRiskValue, {
            n: formatCount(money.atRisk),
            amount: formatVnd(money.atRiskAmount),
          })}
          to={`/finance?${q}`}
        />
        {d.tasks ? (
          <Figure
            label={t.tasks}
            value={formatCount(d.tasks.overdue)}
            detail={fill(t.tasksValue, {
              overdue: formatCount(d.tasks.overdue),
              dueSoon: formatCount(d.tasks.dueSoon),
              open: formatCount(d.tasks.open),
            })}
            to={`/finance/tasks?unit=${d.unit.code}`}
          />
        ) : null}
      </SimpleGrid>
    </Stack>
  );
}

/** The dashboard of `unitCode` on `on`; nothing for a role that reads no figure (the portal editor). */
export function Dashboard({ unitCode, on }: { unitCode: string; on: string }) {
  const t = useMessages(m);
  const q = useDashboard(unitCode, on);
  if (q.isError) return <ErrorPanel error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton h={200} />;
  const d = q.data;
  if (!d.registry && !d.review && !d.money) return null;
  return (
    <Stack gap="md" data-testid="dashboard">
      <Title order={2}>{t.heading}</Title>
      {d.registry ? <Registry d={d} /> : d.review ? <Text c="dimmed">{t.noResults}</Text> : null}
      {d.review ? <Review d={d} /> : null}
      {d.money && d.targets ? <Finance d={d} /> : null}
    </Stack>
  );
}
