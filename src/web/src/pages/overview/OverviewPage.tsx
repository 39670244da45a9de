// Tổng quan: the user's unit as it stands on a date and the units under it (real data from
// /api/v1/units). Change the date to see the map before or after the 2025 reform; pick a unit
// below to look closer. Every figure links to the rows behind it. The dashboard (Dashboard.tsx)
// comes first: where the unit stands on poverty, the review and the money; the units follow.
import { useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Box,
  ColorSwatch,
  Group,
  Pagination,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { defaultDateFor } from '../../api/scope';
import { useUser } from '../../auth/session';
import { useUnit, useUnits } from '../../api/units';
import type { Unit } from '../../api/types';
import { Chart } from '../../components/Chart';
import { DateField } from '../../components/DateField';
import { ExportButton } from '../../components/ExportButton';
import { ErrorPanel } from '../../components/ErrorPanel';
import { effectiveUnit, UnitPicker, useScopeRoots } from '../../components/UnitPicker';
import { formatCount, formatDateVn, REFORM_DATE, todayVn } from '../../format';
import { wordOfUnitType } from '../../../../domain/words/catalogue';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { common } from '../../i18n/common';
import { usePageTitle } from '../../layout/usePageTitle';
import { foldVi } from '../../text';
import { Villages } from './Villages';
import { Dashboard } from './Dashboard';

const m = defineMessages({
  vi: {
    title: 'Tổng quan',
    lead: 'Đơn vị bạn phụ trách và các đơn vị trực thuộc, theo địa giới hành chính tại ngày đã chọn.',
    endedOn:
      'Đơn vị bạn phụ trách đã kết thúc hoạt động sau ngày {date}: trang mở ở ngày cuối cùng của đơn vị. Chọn một ngày sau đó để xem các đơn vị kế thừa.',
    onDate: 'Xem tại ngày',
    pick: 'Đơn vị',
    units: 'Đơn vị trực thuộc',
    unitsOf: 'Đơn vị trực thuộc {name}',
    provinces: 'Các tỉnh, thành phố',
    countLabel: 'Số đơn vị trực thuộc',
    byType: 'Theo loại',
    byArea: 'Theo khu vực',
    beforeReform: 'Trước sắp xếp 01/07/2025',
    afterReform: 'Sau sắp xếp 01/07/2025',
    none: 'Không có đơn vị trực thuộc vào ngày này.',
    lookUp: 'Tra cứu',
    predecessors: '{n} đơn vị tiền thân',
    filter: 'Lọc theo tên hoặc mã',
    sheet: 'Đơn vị hành chính',
    showing: 'Hiển thị {from}–{to} trong {total} đơn vị',
    noMatch: 'Không có đơn vị nào khớp.',
    pageN: 'Trang {n}',
    nextPage: 'Trang sau',
    previousPage: 'Trang trước',
    firstPage: 'Trang đầu',
    lastPage: 'Trang cuối',
    sinceUntil: 'Hiệu lực {from} – {to}',
    until: 'Hiệu lực đến {to}',
    open: 'nay',
  },
  en: {
    title: 'Overview',
    lead: 'Your unit and the units under it, as the administrative map stood on the chosen date.',
    endedOn:
      'Your unit ceased to exist after {date}: the page opens on its last day. Pick a later date to see the units that took it over.',
    onDate: 'On date',
    pick: 'Unit',
    units: 'Units under it',
    unitsOf: 'Units under {name}',
    provinces: 'Provinces and cities',
    countLabel: 'Units under it',
    byType: 'By type',
    byArea: 'By area',
    beforeReform: 'Before the 01/07/2025 reform',
    afterReform: 'After the 01/07/2025 reform',
    none: 'No unit lies under it on this date.',
    lookUp: 'Look up',
    predecessors: '{n} predecessor units',
    filter: 'Filter by name or code',
    sheet: 'Administrative units',
    showing: 'Showing {from}–{to} of {total} units',
    noMatch: 'No unit matches.',
    pageN: 'Page {n}',
    nextPage: 'Next page',
    previousPage: 'Previous page',
    firstPage: 'First page',
    lastPage: 'Last page',
    sinceUntil: 'In force {from} – {to}',
    until: 'In force until {to}',
    open: 'now',
  },
});

const AREA_COLORS = { rural: '#0b6e53', urban: '#3b5bdb', none: '#adb5bd' } as const;

function tally<K extends string>(units: Unit[], key: (u: Unit) => K): [K, number][] {
  const counts = new Map<K, number>();
  for (const u of units) counts.set(key(u), (counts.get(key(u)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/** "Hiệu lực 01/07/2025 – nay", "Hiệu lực đến 30/06/2025" (the data start with the units of 2024). */
function validity(unit: Unit, t: Record<'sinceUntil' | 'until' | 'open', string>): string {
  if (!unit.validFrom) return fill(t.until, { to: unit.validTo ? formatDateVn(unit.validTo) : t.open });
  return fill(t.sinceUntil, {
    from: formatDateVn(unit.validFrom),
    to: unit.validTo ? formatDateVn(unit.validTo) : t.open,
  });
}

function UnitSummary({ unit, on }: { unit: Unit; on: string }) {
  const t = useMessages(m);
  const c = useMessages(common);
  const { lang } = useLang();
  const detail = useUnit(unit.code, on);
  const parent = useUnit(unit.parentCode, on);
  return (
    <Paper p="md" data-testid="overview-unit">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
            {wordOfUnitType(unit.type, lang)} · <span className="gn-code">{unit.code}</span>
          </Text>
          <Title order={2} mt={2}>
            {unit.name}
          </Title>
          <Text size="sm" c="dimmed" mt={2}>
            {c[unit.level]}
            {unit.parentCode ? (
              <>
                {' · '}
                {c.parent}: {parent.data ? parent.data.name : unit.parentCode}
              </>
            ) : null}
          </Text>
        </div>
        <Group gap="xs">
          {unit.area ? (
            <Badge variant="light" color={unit.area === 'urban' ? 'indigo' : 'teal'}>
              {c[unit.area]}
            </Badge>
          ) : null}
          <Badge variant="outline" color="gray">
            {validity(unit, t)}
          </Badge>
        </Group>
      </Group>
      {detail.data && detail.data.predecessors.length > 0 ? (
        <Text size="sm" mt="xs">
          <Anchor component={Link} to={`/units?code=${unit.code}&on=${on}`}>
            {fill(t.predecessors, { n: detail.data.predecessors.length })}
          </Anchor>
          {': '}
          {detail.data.predecessors.map((p) => p.name).join(', ')}
        </Text>
      ) : null}
    </Paper>
  );
}

function Figures({ units }: { units: Unit[] }) {
  const t = useMessages(m);
  const c = useMessages(common);
  const { lang } = useLang();
  const byType = tally(units, (u) => wordOfUnitType(u.type, lang));
  const byArea = tally(units, (u) => u.area ?? 'none');
  const areaLabel = (area: 'rural' | 'urban' | 'none') => (area === 'none' ? c.none : c[area]);
  // Provinces carry no rural/urban area: the card would only say "—".
  const withArea = byArea.some(([area]) => area !== 'none');
  return (
    <SimpleGrid cols={{ base: 1, sm: withArea ? 3 : 2 }} spacing="sm">
      <Paper p="md">
        <Text size="sm" c="dimmed">
          {t.countLabel}
        </Text>
        <Text fz={30} fw={700} lh={1.2} data-testid="overview-count" className="gn-num" ta="left">
          {formatCount(units.length)}
        </Text>
      </Paper>
      <Paper p="md">
        <Text size="sm" c="dimmed" mb={4}>
          {t.byType}
        </Text>
        {byType.map(([type, n]) => (
          <Group key={type} justify="space-between" gap="xs">
            <Text size="sm">{type}</Text>
            <Text size="sm" fw={600} className="gn-num">
              {formatCount(n)}
            </Text>
          </Group>
        ))}
      </Paper>
      {withArea ? (
        <Paper p="md">
          <Text size="sm" c="dimmed" mb={4}>
            {t.byArea}
          </Text>
          <Group wrap="nowrap" gap="sm" align="center">
            <Box w={96} style={{ flexShrink: 0 }}>
              <Chart
                height={84}
                label={byArea.map(([area, n]) => `${areaLabel(area)}: ${formatCount(n)}`).join(', ')}
                option={{
                  tooltip: { trigger: 'item' },
                  series: [
                    {
                      type: 'pie',
                      radius: ['55%', '90%'],
                      label: { show: false },
                      data: byArea.map(([area, n]) => ({
                        name: areaLabel(area),
                        value: n,
                        itemStyle: { color: AREA_COLORS[area] },
                      })),
                    },
                  ],
                }}
              />
            </Box>
            <Stack gap={2} style={{ flex: 1 }}>
              {byArea.map(([area, n]) => (
                <Group key={area} justify="space-between" gap="xs" wrap="nowrap">
                  <Group gap={6} wrap="nowrap">
                    <ColorSwatch color={AREA_COLORS[area]} size={10} withShadow={false} aria-hidden />
                    <Text size="sm">{areaLabel(area)}</Text>
                  </Group>
                  <Text size="sm" fw={600} className="gn-num">
                    {formatCount(n)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Group>
        </Paper>
      ) : null}
    </SimpleGrid>
  );
}

const PAGE_SIZE = 25;

function UnitsTable({
  units,
  on,
  onOpen,
  title,
  fileName,
}: {
  units: Unit[];
  on: string;
  onOpen: (u: Unit) => void;
  /** What the table lists, for the exported file's title line. */
  title: string;
  fileName: string;
}) {
  const t = useMessages(m);
  const c = useMessages(common);
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const { lang } = useLang();
  const wanted = foldVi(filter.trim());
  const shown = wanted
    ? units.filter((u) => foldVi(u.name).includes(wanted) || u.code.startsWith(wanted))
    : units;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return (
    <>
      <Group justify="space-between" p="sm" gap="sm" wrap="wrap">
        <TextInput
          label={t.filter}
          value={filter}
          onChange={(e) => {
            setFilter(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 300 }}
          size="xs"
        />
        <Group gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="overview-shown">
            {shown.length === 0
              ? t.noMatch
              : fill(t.showing, {
                  from: formatCount((current - 1) * PAGE_SIZE + 1),
                  to: formatCount((current - 1) * PAGE_SIZE + rows.length),
                  total: formatCount(shown.length),
                })}
          </Text>
          <ExportButton
            fileName={fileName}
            sheetName={t.sheet}
            title={title}
            rows={shown}
            columns={[
              { header: c.code, value: (u) => u.code, width: 10 },
              { header: c.name, value: (u) => u.name, width: 32 },
              { header: c.type, value: (u) => wordOfUnitType(u.type, lang), width: 24 },
              { header: c.area, value: (u) => (u.area ? c[u.area] : ''), width: 14 },
              {
                header: c.validFrom,
                value: (u) => (u.validFrom ? formatDateVn(u.validFrom) : ''),
                width: 14,
              },
              { header: c.validTo, value: (u) => (u.validTo ? formatDateVn(u.validTo) : ''), width: 14 },
            ]}
          />
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table data-testid="overview-units">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{c.code}</Table.Th>
              <Table.Th>{c.name}</Table.Th>
              <Table.Th>{c.type}</Table.Th>
              <Table.Th>{c.area}</Table.Th>
              <Table.Th>{c.validFrom}</Table.Th>
              <Table.Th w={90}>
                <VisuallyHidden>{t.lookUp}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((u) => (
              <Table.Tr key={u.code}>
                <Table.Td className="gn-code">{u.code}</Table.Td>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => onOpen(u)}>
                    {u.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{wordOfUnitType(u.type, lang)}</Table.Td>
                <Table.Td>{u.area ? c[u.area] : c.none}</Table.Td>
                <Table.Td>{u.validFrom ? formatDateVn(u.validFrom) : c.none}</Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/units?code=${u.code}&on=${on}`}
                    size="sm"
                    aria-label={`${t.lookUp}: ${u.name}`}
                  >
                    {t.lookUp}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 ? (
        <Group justify="center" p="sm">
          <Pagination
            total={pages}
            value={current}
            onChange={setPage}
            size="sm"
            getItemProps={(n) => ({ 'aria-label': fill(t.pageN, { n }) })}
            getControlProps={(control) =>
              control === 'next'
                ? { 'aria-label': t.nextPage }
                : control === 'previous'
                  ? { 'aria-label': t.previousPage }
                  : control === 'first'
                    ? { 'aria-label': t.firstPage }
                    : { 'aria-label': t.lastPage }
            }
            withEdges
          />
        </Group>
      ) : null}
    </>
  );
}

export default function OverviewPage() {
  const t = useMessages(m);
  const c = useMessages(common);
  usePageTitle(t.title);
  const user = useUser();
  // Until the person picks a date: today, or the last day of a scope unit that has ended.
  const [picked, setOn] = useState<string | null>(null);
  const today = todayVn();
  const opening = useQuery({
    queryKey: ['units', 'default-date', user.unitCode, today],
    queryFn: () => defaultDateFor(user.unitCode, today),
    staleTime: 60 * 60 * 1000,
  });
  const on = picked ?? opening.data ?? today;
  const endedDay = !picked && opening.data && opening.data !== today ? opening.data : null;
  const [path, setPath] = useState<Unit[]>([]);
  const scope = useScopeRoots(user.unitCode, on);
  const unit = effectiveUnit(scope.data, path);
  // The whole country (admin) or several successor units: list the roots themselves.
  const children = useUnits(on, unit?.code ?? null, undefined, Boolean(unit));
  const list = useMemo(() => (unit ? children.data : scope.data?.roots), [unit, children.data, scope.data]);

  const changeDate = (next: string | null) => {
    if (!next || next === on) return;
    setOn(next);
    setPath([]);
  };

  const heading = unit ? fill(t.unitsOf, { name: unit.name }) : user.unitCode ? t.units : t.provinces;

  return (
    <Stack gap="md">
      <div>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={1}>{t.title}</Title>
          {/* Dark text on the light accent: the accent's own shade fails the contrast rule (axe). */}
          <Badge
            size="lg"
            variant="light"
            color={on < REFORM_DATE ? 'accent' : 'brand'}
            c={on < REFORM_DATE ? 'dark.7' : undefined}
            radius="sm"
          >
            {on < REFORM_DATE ? t.beforeReform : t.afterReform}
          </Badge>
        </Group>
        <Text c="dimmed" size="sm" mt={4}>
          {t.lead}
        </Text>
      </div>

      <Paper p="md">
        <Group align="flex-start" gap="md" wrap="wrap">
          <DateField label={t.onDate} value={on} onChange={changeDate} w={160} allowDeselect={false} />
          <UnitPicker on={on} scopeCode={user.unitCode} path={path} onChange={setPath} />
        </Group>
        {endedDay ? (
          <Text size="sm" mt="xs" data-testid="overview-ended">
            {fill(t.endedOn, { date: formatDateVn(endedDay) })}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed" mt="xs">
          {c.reformNote}
        </Text>
      </Paper>

      {scope.isError ? <ErrorPanel error={scope.error} onRetry={() => void scope.refetch()} /> : null}
      {unit ? <UnitSummary unit={unit} on={on} /> : null}
      {unit ? <Dashboard unitCode={unit.code} on={on} /> : null}

      {unit?.level === 'commune' ? (
        <Villages unit={unit} on={on} />
      ) : (
        <Stack gap="sm">
          <Title order={2}>{heading}</Title>
          {children.isError ? (
            <ErrorPanel error={children.error} onRetry={() => void children.refetch()} />
          ) : null}
          {!list ? (
            <Skeleton h={160} />
          ) : list.length === 0 ? (
            <Text c="dimmed">{t.none}</Text>
          ) : (
            <>
              <Figures units={list} />
              <Paper p={0}>
                <UnitsTable
                  key={`${unit?.code ?? ''}@${on}`}
                  title={`${heading} — ${formatDateVn(on)}`}
                  fileName={`don-vi-${unit?.code ?? (user.unitCode || 'toan-quoc')}-${on}`}
                  units={list}
                  on={on}
                  onOpen={(u) => setPath(unit ? [...path, u] : [u])}
                />
              </Paper>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
