// Bản đồ (issue 13; docs/decisions/0033-map.md): the unit's communes/wards (or a province's
// districts before 01/07/2025) coloured by a chosen figure, on the boundaries of the chosen date,
// with a legend, tooltips, and the same figures in a table beside the map. The figures are the
// dashboard's (GET /api/v1/dashboard: `report summary` and the review progress), so the map never
// disagrees with the overview. The boundaries are the shipped files (src/web/public/maps, made by
// scripts/build-maps.ts) picked by level, parent and date (src/domain/map/layers.ts); where we hold
// none, the page says so and the table stays. MapLibre is loaded lazily (MapCanvas.tsx).
import { lazy, Suspense, useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  ColorSwatch,
  Group,
  Paper,
  SegmentedControl,
  Grid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useNavigate } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { api } from '../../api/client';
import { useDashboard, type DashboardData } from '../../api/dashboard';
import { defaultDateFor } from '../../api/scope';
import { useUnits } from '../../api/units';
import type { Unit } from '../../api/types';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { ErrorPanel } from '../../components/ErrorPanel';
import { effectiveUnit, UnitPicker, useScopeRoots } from '../../components/UnitPicker';
import { formatCount, formatDateVn, formatPercent, REFORM_DATE, todayVn } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import {
  MAP_FIGURES,
  NO_DATA_COLOR,
  classOf,
  colorOf,
  legendOf,
  mapFigure,
  type MapFigureId,
} from '../../../../domain/map/figures';
import { layerFor, layerOfUnit, type MapLayer, type MapLevel } from '../../../../domain/map/layers';
import type { MapFeatureProps } from './MapCanvas';

const MapCanvas = lazy(() => import('./MapCanvas'));

const m = defineMessages({
  vi: {
    title: 'Bản đồ',
    lead: 'Các xã, phường (trước 01/07/2025: các huyện) của đơn vị, tô màu theo chỉ số đã chọn, trên địa giới hành chính tại ngày đã chọn.',
    onDate: 'Xem tại ngày',
    figure: 'Tô màu theo',
    legend: 'Chú giải',
    noData: 'Không có số liệu',
    mapLabel: 'Bản đồ {figure} của {name} tại ngày {date}; số liệu ở bảng bên cạnh.',
    noBoundaries:
      'Chưa có ranh giới của các đơn vị trực thuộc {name} tại ngày {date} (hệ thống chỉ có ranh giới các huyện của Thanh Hóa trước 01/07/2025, các xã, phường của Thanh Hóa và 34 tỉnh, thành phố từ 01/07/2025). Bảng dưới đây có đủ số liệu.',
    ownArea: 'Bản đồ vẽ địa giới của chính {name}.',
    noMap: 'Chưa có ranh giới của {name} tại ngày {date}. Bảng dưới đây có đủ số liệu.',
    pickProvince: 'Chọn một tỉnh, thành phố ở ô “Đơn vị” (hoặc bấm vào bản đồ) để xem số liệu.',
    noFigures: 'Chưa có kết quả rà soát được công nhận trong phạm vi này.',
    period: 'Kết quả rà soát đã công nhận năm {period}',
    table: 'Số liệu theo đơn vị, năm {period}',
    unit: 'Đơn vị',
    poor: 'Hộ nghèo',
    nearPoor: 'Hộ cận nghèo',
    surveyed: 'Đã rà soát / hộ trong sổ',
    classOf: 'Nhóm',
    none: '—',
    beforeReform: 'Trước sắp xếp 01/07/2025',
    afterReform: 'Sau sắp xếp 01/07/2025',
    tipPoor: 'Hộ nghèo: {n} ({rate})',
    tipNearPoor: 'Hộ cận nghèo: {n} ({rate})',
    tipMulti: 'Tỷ lệ nghèo đa chiều: {rate}',
    tipSurveyed: 'Đã rà soát: {n} / {of} hộ',
    tipNone: 'Chưa có số liệu',
  },
  en: {
    title: 'Map',
    lead: "The unit's communes and wards (before 01/07/2025: districts) coloured by the chosen figure, on the administrative boundaries of the chosen date.",
    onDate: 'On date',
    figure: 'Colour by',
    legend: 'Legend',
    noData: 'No figure',
    mapLabel: 'Map of the {figure} of {name} on {date}; figures in the table beside it.',
    noBoundaries:
      'We hold no boundaries of the units under {name} on {date} (only the districts of Thanh Hóa before 01/07/2025, and the communes and wards of Thanh Hóa and the 34 provinces from 01/07/2025). The table below has every figure.',
    ownArea: 'The map draws the area of {name} itself.',
    noMap: 'We hold no boundary of {name} on {date}. The table below has every figure.',
    pickProvince: 'Pick a province in “Unit” (or click it on the map) to see its figures.',
    noFigures: 'No recognised review results in this scope yet.',
    period: 'Recognised review results of {period}',
    table: 'Figures by unit, {period}',
    unit: 'Unit',
    poor: 'Poor households',
    nearPoor: 'Near-poor households',
    surveyed: 'Reviewed / households in the registry',
    classOf: 'Class',
    none: '—',
    beforeReform: 'Before the 01/07/2025 reform',
    afterReform: 'After the 01/07/2025 reform',
    tipPoor: 'Poor households: {n} ({rate})',
    tipNearPoor: 'Near-poor households: {n} ({rate})',
    tipMulti: 'Multidimensional poverty rate: {rate}',
    tipSurveyed: 'Reviewed: {n} of {of} households',
    tipNone: 'No figure yet',
  },
});

/** The figures of one unit on the map and in the table. */
export interface MapRow {
  code: string;
  name: string;
  residentHouseholds: number | null;
  poor: number | null;
  nearPoor: number | null;
  poorRate: number | null;
  nearPoorRate: number | null;
  multidimensionalRate: number | null;
  surveyed: number | null;
  expected: number | null;
  surveyedRate: number | null;
}

type SummaryRow = NonNullable<DashboardData['registry']>['summary']['children'][number];

function rowOf(
  unit: { code: string; name: string },
  summary: SummaryRow | undefined,
  d: DashboardData,
): MapRow {
  // A unit without a reviewed household has no figure (not a rate of 0).
  const s = summary && summary.households > 0 ? summary : undefined;
  const review = d.review?.communes.find((c) => c.unit.code === unit.code);
  const expected = review && review.expected > 0 ? review.expected : null;
  return {
    code: unit.code,
    name: unit.name,
    residentHouseholds: s?.residentHouseholds ?? null,
    poor: s ? s.poor : null,
    nearPoor: s ? s.nearPoor : null,
    poorRate: s?.poorRate ?? null,
    nearPoorRate: s?.nearPoorRate ?? null,
    multidimensionalRate: s?.multidimensionalRate ?? null,
    surveyed: expected !== null ? review!.surveyed : null,
    expected,
    surveyedRate: expected !== null ? review!.surveyed / expected : null,
  };
}

/** The rows of a unit's children, from its dashboard (units without a result have no figures). */
function childRows(d: DashboardData, children: Unit[]): MapRow[] {
  const byCode = new Map((d.registry?.summary.children ?? []).map((c) => [c.unit.code, c]));
  return children.map((u) => rowOf(u, byCode.get(u.code), d));
}

/** A unit's own row, from its dashboard. */
function ownRow(d: DashboardData): MapRow {
  const s = d.registry?.summary;
  return rowOf(d.unit, s ? { ...s, unit: d.unit } : undefined, d);
}

/** A shipped layer as GeoJSON (TopoJSON on the wire: shared borders are sent once). */
function useLayer(layer: MapLayer | null) {
  return useQuery({
    queryKey: ['map-layer', layer?.id],
    enabled: layer !== null,
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const res = await fetch(`${import.meta.env.BASE_URL}maps/${layer!.id}.web.json`, { signal });
      if (!res.ok) throw new Error(`${res.status}`);
      const topo = (await res.json()) as Topology<{ units: GeometryCollection<{ code: string }> }>;
      return feature(topo, topo.objects.units) as FeatureCollection<Geometry, { code: string }>;
    },
  });
}

const rate = (r: number | null, none: string) => (r === null ? none : formatPercent(r));

function tipOf(r: MapRow, t: Record<string, string>): string {
  const lines: string[] = [];
  if (r.poor !== null) {
    lines.push(fill(t.tipPoor!, { n: formatCount(r.poor), rate: rate(r.poorRate, t.none!) }));
    lines.push(
      fill(t.tipNearPoor!, { n: formatCount(r.nearPoor ?? 0), rate: rate(r.nearPoorRate, t.none!) }),
    );
    lines.push(fill(t.tipMulti!, { rate: rate(r.multidimensionalRate, t.none!) }));
  }
  if (r.surveyed !== null && r.expected !== null)
    lines.push(fill(t.tipSurveyed!, { n: formatCount(r.surveyed), of: formatCount(r.expected) }));
  return lines.length ? lines.join('\n') : t.tipNone!;
}

/** The level of the units under `unit` on `on` that a layer may hold. */
function childLevel(unit: Unit, on: string): MapLevel | null {
  if (unit.level === 'province') return on < REFORM_DATE ? 'district' : 'commune';
  if (unit.level === 'district') return 'commune';
  return null;
}

export default function MapPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const user = useUser();
  const navigate = useNavigate();
  const today = todayVn();
  const [picked, setOn] = useState<string | null>(null);
  const opening = useQuery({
    queryKey: ['units', 'default-date', user.unitCode, today],
    queryFn: () => defaultDateFor(user.unitCode, today),
    staleTime: 60 * 60 * 1000,
  });
  const on = picked ?? opening.data ?? today;
  const [path, setPath] = useState<Unit[]>([]);
  const [figureId, setFigure] = useState<MapFigureId>('poorRate');
  const figure = mapFigure(figureId);
  const scope = useScopeRoots(user.unitCode, on);
  const unit = effectiveUnit(scope.data, path);
  const roots = scope.data?.roots ?? [];

  // The units drawn: the unit's children; or, with several scope roots (a city's successor wards,
  // the whole country), the roots themselves.
  const childrenQ = useUnits(on, unit?.code ?? null, undefined, Boolean(unit));
  const members: Unit[] = unit ? (childrenQ.data ?? []) : roots;
  const national = !unit && roots.length > 0 && roots[0]!.level === 'province';

  const dash = useDashboard(unit?.code ?? null, on);
  // Several roots (at most a handful: a city's successors): one dashboard each. Not for the 34
  // provinces of a national account, who picks a province first.
  const rootDash = useQueries({
    queries: (!unit && !national ? roots : []).map((r) => ({
      queryKey: ['dashboard', r.code, on],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<DashboardData>('/dashboard', { unit: r.code, on }, signal),
    })),
  });

  const rows: MapRow[] | null = useMemo(() => {
    if (unit) {
      if (!dash.data) return null;
      return members.length ? childRows(dash.data, members) : [ownRow(dash.data)];
    }
    if (national) return members.map((u) => rowOf(u, undefined, { review: null } as DashboardData));
    if (rootDash.some((q) => !q.data)) return null;
    return rootDash.map((q) => ownRow(q.data!));
  }, [unit, dash.data, members, national, rootDash]);

  // The unit's own figures, for its outline when its children have no boundaries.
  const own = useMemo(() => (unit && dash.data ? ownRow(dash.data) : null), [unit, dash.data]);

  // The layer of the units drawn; else the unit's own outline (a district before 2025).
  const level = unit ? childLevel(unit, on) : (roots[0]?.level as MapLevel | undefined);
  const parentOfMembers = unit ? unit.code : roots[0]?.level === 'province' ? null : roots[0]?.parentCode;
  const membersLayer =
    level && members.length
      ? layerFor(level, level === 'province' ? null : (parentOfMembers ?? null), on)
      : null;
  const ownLayer = !membersLayer && unit ? layerOfUnit(unit, on) : null;
  const layer = membersLayer ?? ownLayer;
  const boundaries = useLayer(layer);

  const drawn = useMemo((): FeatureCollection<Geometry, MapFeatureProps> | null => {
    if (!boundaries.data || !rows) return null;
    const wanted = membersLayer ? new Map(rows.map((r) => [r.code, r])) : null;
    const features: Feature<Geometry, MapFeatureProps>[] = [];
    for (const f of boundaries.data.features) {
      const code = f.properties.code;
      const row = wanted ? wanted.get(code) : code === unit?.code ? own : undefined;
      if (!row) continue;
      features.push({
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          code,
          name: row.name,
          color: colorOf(figure, row[figure.id]),
          tip: tipOf(row, t as unknown as Record<string, string>),
        },
      });
    }
    return features.length ? { type: 'FeatureCollection', features } : null;
  }, [boundaries.data, rows, own, membersLayer, unit, figure, t]);

  const name = unit?.name ?? (user.unitCode ? roots.map((r) => r.name).join(', ') || '' : t.title);
  const legend = legendOf(figure, lang);
  const openUnit = (code: string) => {
    const u = members.find((x) => x.code === code);
    if (u && u.level !== 'commune') setPath(unit ? [...path, u] : [u]);
    else navigate(`/units?code=${code}&on=${on}`);
  };
  const period = unit ? dash.data?.registry?.period : rootDash[0]?.data?.registry?.period;

  return (
    <Stack gap="md">
      <div>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={1}>{t.title}</Title>
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
          <DateField
            label={t.onDate}
            value={on}
            onChange={(next) => {
              if (!next || next === on) return;
              setOn(next);
              setPath([]);
            }}
            w={160}
            allowDeselect={false}
          />
          <UnitPicker on={on} scopeCode={user.unitCode} path={path} onChange={setPath} />
        </Group>
        <Box mt="sm">
          <Text size="sm" fw={500} id="map-figure-label" mb={4}>
            {t.figure}
          </Text>
          <SegmentedControl
            aria-labelledby="map-figure-label"
            value={figureId}
            onChange={(v) => setFigure(v as MapFigureId)}
            data={MAP_FIGURES.map((f) => ({ value: f.id, label: f.label[lang] }))}
            size="xs"
            data-testid="map-figure"
          />
        </Box>
      </Paper>

      {scope.isError ? <ErrorPanel error={scope.error} onRetry={() => void scope.refetch()} /> : null}
      {dash.isError ? <ErrorPanel error={dash.error} onRetry={() => void dash.refetch()} /> : null}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper p="sm">
            <Stack gap="xs">
              {national ? (
                <Alert color="blue" variant="light">
                  {t.pickProvince}
                </Alert>
              ) : null}
              {!membersLayer && members.length > 0 && unit ? (
                <Alert color="yellow" variant="light" data-testid="map-no-boundaries">
                  {fill(t.noBoundaries, { name: unit.name, date: formatDateVn(on) })}
                  {ownLayer ? ` ${fill(t.ownArea, { name: unit.name })}` : ''}
                </Alert>
              ) : null}
              {!layer && (members.length === 0 || !unit) && !national && rows ? (
                <Alert color="yellow" variant="light" data-testid="map-no-boundaries">
                  {fill(t.noMap, { name, date: formatDateVn(on) })}
                </Alert>
              ) : null}
              {layer && (!drawn || boundaries.isPending) ? (
                rows && boundaries.data && !drawn ? null : (
                  <Skeleton h={460} />
                )
              ) : null}
              {drawn ? (
                <Suspense fallback={<Skeleton h={460} />}>
                  <MapCanvas
                    data={drawn}
                    height={460}
                    label={fill(t.mapLabel, {
                      figure: figure.label[lang].toLowerCase(),
                      name,
                      date: formatDateVn(on),
                    })}
                    onOpen={openUnit}
                  />
                </Suspense>
              ) : null}
              <div aria-label={t.legend} role="group" data-testid="map-legend">
                <Text size="sm" fw={600}>
                  {t.legend}: {figure.label[lang]}
                </Text>
                <Group gap="sm" mt={4}>
                  {legend.map((c) => (
                    <Group key={c.color} gap={4} wrap="nowrap">
                      <ColorSwatch color={c.color} size={14} radius={2} withShadow={false} aria-hidden />
                      <Text size="xs">{c.label}</Text>
                    </Group>
                  ))}
                  <Group gap={4} wrap="nowrap">
                    <ColorSwatch color={NO_DATA_COLOR} size={14} radius={2} withShadow={false} aria-hidden />
                    <Text size="xs">{t.noData}</Text>
                  </Group>
                </Group>
              </div>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper p={0}>
            {!rows ? (
              <Skeleton h={200} />
            ) : (
              <MapTable
                rows={rows}
                caption={period ? fill(t.table, { period }) : t.noFigures}
                figureId={figureId}
                onOpen={openUnit}
              />
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function MapTable({
  rows,
  caption,
  figureId,
  onOpen,
}: {
  rows: MapRow[];
  caption: string;
  figureId: MapFigureId;
  onOpen: (code: string) => void;
}) {
  const t = useMessages(m);
  const { lang } = useLang();
  const figure = mapFigure(figureId);
  const legend = legendOf(figure, lang);
  const sorted = [...rows].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return (
    <Table.ScrollContainer minWidth={480} mah={560}>
      <Table data-testid="map-table" stickyHeader>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.unit}</Table.Th>
            <Table.Th>{t.poor}</Table.Th>
            <Table.Th>{t.nearPoor}</Table.Th>
            <Table.Th>{figure.label[lang]}</Table.Th>
            <Table.Th>{t.classOf}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((r) => {
            const value = r[figure.id];
            const c = classOf(figure, value);
            return (
              <Table.Tr key={r.code} data-code={r.code} data-color={colorOf(figure, value)}>
                <Table.Td>
                  <Anchor component="button" type="button" ta="left" onClick={() => onOpen(r.code)}>
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td className="gn-num">{r.poor === null ? t.none : formatCount(r.poor)}</Table.Td>
                <Table.Td className="gn-num">
                  {r.nearPoor === null ? t.none : formatCount(r.nearPoor)}
                </Table.Td>
                <Table.Td className="gn-num" data-testid="map-value">
                  {figure.id === 'surveyedRate' && r.surveyed !== null && r.expected !== null
                    ? `${formatPercent(value!, 1)} (${formatCount(r.surveyed)} / ${formatCount(r.expected)})`
                    : value === null
                      ? t.none
                      : formatPercent(value)}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ColorSwatch
                      color={colorOf(figure, value)}
                      size={12}
                      radius={2}
                      withShadow={false}
                      aria-hidden
                    />
                    <Text size="xs">{c === null ? t.noData : legend[c]!.label}</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
