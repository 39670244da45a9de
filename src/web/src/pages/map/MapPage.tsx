// Bản đồ (issue 13; docs/decisions/0033-map.md): the unit's communes/wards (or a province's
// districts before 01/07/2025) coloured by a chosen figure, on the boundaries of the chosen date,
// with a legend, tooltips, and the same figures in a table beside the map. The figures are the
// dashboard's (GET /api/v1/dashboard: `report summary` and the review progress), so the map never
// disagrees with the overview. The boundaries are the shipped files (src/web/public/maps, made by
// scripts/build-maps.ts) picked by level, parent and date (src/domain/map/layers.ts); where we hold
// none, the page says so and the table stays. The first view is SVG (MapSvg.tsx), drawn from the
// coarse boundaries the portal draws, as soon as they and the figures are in; MapLibre
// (MapCanvas.tsx, 1 MB) is loaded when the browser is next idle, draws the finer boundaries under
// the SVG, and replaces it once it has drawn them (docs/decisions/0041, addendum of 04/12/2026).
// The money ("Tỷ lệ giải ngân") is `report finance` of the dashboard's finance year, by the unit
// the allocations are filed under.
import {
  Component,
  lazy,
  memo,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import {
  Alert,
  Badge,
  Box,
  Center,
  Group,
  Paper,
  Radio,
  Loader,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useNavigate } from 'react-router';
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { api } from '../../api/client';
import { useDashboard, type DashboardData } from '../../api/dashboard';
import type { FinanceReport } from '../../api/finance';
import { defaultDateQuery } from '../../api/scope';
import { useUnits } from '../../api/units';
import type { Unit } from '../../api/types';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { ErrorPanel } from '../../components/ErrorPanel';
import { effectiveUnit, UnitPicker, useScopeRoots } from '../../components/UnitPicker';
import { formatCount, formatDateVn, formatPercent, formatVnd, REFORM_DATE, todayVn } from '../../format';
import { can } from '../../../../domain/access/permissions';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import {
  MAP_FIGURES,
  NO_DATA_COLOR,
  classOf,
  colorOf,
  legendOf,
  mapFigure,
  type MapFigure,
  type MapFigureId,
} from '../../../../domain/map/figures';
import { layerFor, layerOfUnit, type MapLayer, type MapLevel } from '../../../../domain/map/layers';
import type { UnitFeatures } from '../../../../domain/map/topology';
import { childLevel, layerQuery } from './data';
import type { MapFeatureProps } from './MapCanvas';
import { MapSvg } from './MapSvg';

// Loaded once the first view (SVG) is on screen and the browser is idle: its 1 MB and WebGL's
// set-up were most of the first render's time on a slow machine.
const MapCanvas = lazy(() => import('./MapCanvas'));
const MAP_HEIGHT = 460;

/** Without WebGL (or should MapLibre fail to start), the SVG view simply stays the map. */
class KeepSvgOnError extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** Runs `fn` when the browser is next idle (soon, in any case). */
function whenIdle(fn: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(fn, 200);
  return () => window.clearTimeout(id);
}

/** The figures whose denominator is the resident households (null while those are not all entered). */
const OVER_RESIDENTS = new Set<string>(['poorRate', 'nearPoorRate', 'multidimensionalRate']);

const m = defineMessages({
  vi: {
    title: 'Bản đồ',
    lead: 'Các xã, phường (trước 01/07/2025: các huyện) của đơn vị, tô màu theo chỉ số đã chọn, trên địa giới hành chính tại ngày đã chọn.',
    onDate: 'Xem tại ngày',
    figure: 'Tô màu theo',
    legend: 'Chú giải',
    noData: 'Chưa có số liệu',
    missing: '{n} trong {of} đơn vị chưa có {figure} (tô màu xám trên bản đồ).',
    missingTable: '{n} trong {of} đơn vị chưa có {figure}.',
    noRate: 'Chưa có tỷ lệ (chưa nhập đủ số hộ dân cư)',
    noRateNote:
      'Tỷ lệ chỉ tính trên tổng số hộ dân cư; đơn vị có số hộ nghèo nhưng chưa nhập đủ số hộ dân cư của các xã, phường thì chưa có tỷ lệ.',
    loading: 'Đang tải bản đồ…',
    mapLabel: 'Bản đồ {figure} của {name} tại ngày {date}; số liệu ở bảng bên cạnh.',
    noBoundaries:
      'Chưa có ranh giới của các đơn vị trực thuộc {name} tại ngày {date} (hệ thống chỉ có ranh giới các huyện của Thanh Hóa trước 01/07/2025, các xã, phường của Thanh Hóa và 34 tỉnh, thành phố từ 01/07/2025). Bảng dưới đây có đủ số liệu.',
    ownArea: 'Bản đồ vẽ địa giới của chính {name}.',
    noMap: 'Chưa có ranh giới của {name} tại ngày {date}. Bảng dưới đây có đủ số liệu.',
    pickProvince:
      'Bấm vào một tỉnh, thành phố trên bản đồ (hoặc chọn ở ô “Tỉnh / thành phố”) để xem các xã, phường của tỉnh, thành phố đó.',
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
    moneyTable: 'Giải ngân theo đơn vị được giao vốn, năm {year}',
    noMoney: 'Chưa có vốn được giao trong phạm vi này.',
    planned: 'Vốn kế hoạch',
    disbursed: 'Đã giải ngân',
    tipPlanned: 'Vốn kế hoạch năm {year}: {amount}',
    tipDisbursed: 'Đã giải ngân: {amount} ({rate})',
    ownMoney:
      'Vốn giao trực tiếp cho {name} (không qua xã, phường nào): {planned}, đã giải ngân {disbursed} ({rate}).',
    otherMoney:
      '{n} đơn vị được giao vốn năm {year} không có trên bản đồ ngày {date} (đơn vị đã thôi tồn tại hoặc thuộc cấp khác): {planned}, đã giải ngân {disbursed} ({rate}).',
  },
  en: {
    title: 'Map',
    lead: "The unit's communes and wards (before 01/07/2025: districts) coloured by the chosen figure, on the administrative boundaries of the chosen date.",
    onDate: 'On date',
    figure: 'Colour by',
    legend: 'Legend',
    noData: 'No figure yet',
    missing: '{n} of {of} units have no {figure} yet (grey on the map).',
    missingTable: '{n} of {of} units have no {figure} yet.',
    noRate: 'No rate yet (resident households not all entered)',
    noRateNote:
      'Rates are over the resident households only: a unit with poor households counted but without the resident households of all its communes has no rate yet.',
    loading: 'Loading the map…',
    mapLabel: 'Map of the {figure} of {name} on {date}; figures in the table beside it.',
    noBoundaries:
      'We hold no boundaries of the units under {name} on {date} (only the districts of Thanh Hóa before 01/07/2025, and the communes and wards of Thanh Hóa and the 34 provinces from 01/07/2025). The table below has every figure.',
    ownArea: 'The map draws the area of {name} itself.',
    noMap: 'We hold no boundary of {name} on {date}. The table below has every figure.',
    pickProvince:
      'Click a province on the map (or pick it in “Province / city”) to see its communes and wards.',
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
    moneyTable: 'Disbursement by the unit the capital was allocated to, {year}',
    noMoney: 'No capital allocated in this scope yet.',
    planned: 'Capital planned',
    disbursed: 'Disbursed',
    tipPlanned: 'Capital planned for {year}: {amount}',
    tipDisbursed: 'Disbursed: {amount} ({rate})',
    ownMoney:
      'Capital allocated to {name} itself (to no commune or ward): {planned}, disbursed {disbursed} ({rate}).',
    otherMoney:
      '{n} units allocated capital in {year} are not on the map of {date} (units that no longer exist, or of another level): {planned}, disbursed {disbursed} ({rate}).',
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
  /** Capital planned (allocated ± adjustments) and disbursed, đồng; null: none allocated. */
  planned: number | null;
  disbursed: number | null;
  disbursedRate: number | null;
  moneyYear: number | null;
}

/** A unit's money in the finance year shown (`report finance`, or the dashboard's own total). */
interface Money {
  year: number;
  planned: number;
  disbursed: number;
  rate: number;
}

type SummaryRow = NonNullable<DashboardData['registry']>['summary']['children'][number];

function rowOf(
  unit: { code: string; name: string },
  summary: SummaryRow | undefined,
  d: DashboardData,
  money: Money | undefined,
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
    // Nothing planned is no figure (not a rate of 0).
    planned: money && money.planned > 0 ? money.planned : null,
    disbursed: money && money.planned > 0 ? money.disbursed : null,
    disbursedRate: money && money.planned > 0 ? money.rate : null,
    moneyYear: money && money.planned > 0 ? money.year : null,
  };
}

/**
 * The rows of a unit's children, from its dashboard (units without a result have no figures) and,
 * for the money, its finance report by unit.
 */
function childRows(d: DashboardData, children: Unit[], finance: FinanceReport | undefined): MapRow[] {
  const byCode = new Map((d.registry?.summary.children ?? []).map((c) => [c.unit.code, c]));
  const money = new Map(
    (finance?.units ?? []).map((u) => [u.unitCode, { ...u, year: finance!.year } satisfies Money]),
  );
  return children.map((u) => rowOf(u, byCode.get(u.code), d, money.get(u.code)));
}

/** A unit's own row, from its dashboard (its money: the dashboard's total). */
function ownRow(d: DashboardData): MapRow {
  const s = d.registry?.summary;
  const money = d.money
    ? { year: d.money.year, planned: d.money.allocated, disbursed: d.money.disbursed, rate: d.money.rate }
    : undefined;
  return rowOf(d.unit, s ? { ...s, unit: d.unit } : undefined, d, money);
}

/** A shipped layer in one of its two sizes (data.ts). */
function useLayer(layer: MapLayer | null, size: 'svg' | 'web') {
  return useQuery(layerQuery(layer, size));
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
  if (r.planned !== null && r.disbursed !== null) {
    lines.push(fill(t.tipPlanned!, { year: String(r.moneyYear), amount: formatVnd(r.planned) }));
    lines.push(
      fill(t.tipDisbursed!, { amount: formatVnd(r.disbursed), rate: rate(r.disbursedRate, t.none!) }),
    );
  }
  return lines.length ? lines.join('\n') : t.tipNone!;
}

function dashboardsOf(results: UseQueryResult<DashboardData>[]) {
  return { pending: results.some((q) => q.isPending), data: results.map((q) => q.data) };
}

export default function MapPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const user = useUser();
  const navigate = useNavigate();
  const today = todayVn();
  const [picked, setOn] = useState<string | null>(null);
  const opening = useQuery(defaultDateQuery(user.unitCode, today));
  const on = picked ?? opening.data ?? today;
  const [path, setPath] = useState<Unit[]>([]);
  const figures = useMemo(
    () => MAP_FIGURES.filter((f) => !f.permission || can(user.role, f.permission)),
    [user.role],
  );
  const [figureId, setFigure] = useState<MapFigureId>('poorRate');
  const figure = mapFigure(figureId);
  const scope = useScopeRoots(user.unitCode, on);
  const unit = effectiveUnit(scope.data, path);
  const roots = useMemo(() => scope.data?.roots ?? [], [scope.data]);

  // The units drawn: the unit's children; or, with several scope roots (a city's successor wards,
  // the 34 provinces of a national account), the roots themselves.
  const childrenQ = useUnits(on, unit?.code ?? null, undefined, Boolean(unit));
  const members: Unit[] = useMemo(
    () => (unit ? (childrenQ.data ?? []) : roots),
    [unit, childrenQ.data, roots],
  );
  const membersKnown = !unit || childrenQ.isSuccess;
  const national = !unit && roots.length > 0 && roots[0]!.level === 'province';

  // The one asked for at start-up (data.ts) draws the first view; it is asked again on mount, as on
  // every page, so that the figures are those of the last write.
  const dash = useDashboard(unit?.code ?? null, on);
  // Several roots: one dashboard each (a city's two successor wards; the nation's 34 provinces,
  // most of which we hold no figure for: drawn grey, "Chưa có số liệu").
  const rootDash = useQueries({
    queries: (!unit ? roots : []).map((r) => ({
      queryKey: ['dashboard', r.code, on],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<DashboardData>('/dashboard', { unit: r.code, on }, signal),
      staleTime: 60 * 1000,
    })),
    // One stable value until an answer changes: the rows, hence the map's data, are not rebuilt
    // (and MapLibre not handed the same units again) on every render.
    combine: dashboardsOf,
  });

  // The money by unit (`report finance` of the dashboard's finance year, as of its day), asked only
  // when the figure is chosen.
  const moneyOf = unit ? dash.data?.money : undefined;
  const finance = useQuery({
    queryKey: ['finance', 'report', { unit: unit?.code, year: moneyOf?.year, asOf: dash.data?.today }],
    enabled: figure.id === 'disbursedRate' && Boolean(unit && moneyOf),
    queryFn: ({ signal }) =>
      api.get<FinanceReport>(
        '/finance/report',
        { unit: unit!.code, year: moneyOf!.year, asOf: dash.data!.today },
        signal,
      ),
  });
  const financeData = figure.id === 'disbursedRate' && moneyOf ? finance.data : undefined;
  const moneyPending = figure.id === 'disbursedRate' && Boolean(moneyOf) && !finance.data && !finance.isError;

  const rows: MapRow[] | null = useMemo(() => {
    if (unit) {
      if (!dash.data || !membersKnown || moneyPending) return null;
      return members.length ? childRows(dash.data, members, financeData) : [ownRow(dash.data)];
    }
    // A dashboard refused or failed (a province out of reach) is a unit without figures.
    if (rootDash.pending) return null;
    return roots.map((r, i) => {
      const d = rootDash.data[i];
      return d
        ? { ...ownRow(d), code: r.code, name: r.name }
        : rowOf(r, undefined, {} as DashboardData, undefined);
    });
  }, [unit, dash.data, membersKnown, moneyPending, members, financeData, rootDash, roots]);

  // The unit's own figures, for its outline when its children have no boundaries.
  const own = useMemo(() => (unit && dash.data ? ownRow(dash.data) : null), [unit, dash.data]);

  // The layer of the units drawn; else the unit's own outline (a district before 2025). Known from
  // the unit and the date alone, so the boundaries are fetched beside the units and figures.
  const level = unit ? childLevel(unit, on) : (roots[0]?.level as MapLevel | undefined);
  const parentOfMembers = unit ? unit.code : roots[0]?.level === 'province' ? null : roots[0]?.parentCode;
  const childLayer = level
    ? layerFor(level, level === 'province' ? null : (parentOfMembers ?? null), on)
    : null;
  const membersLayer = childLayer && (members.length > 0 || !membersKnown) ? childLayer : null;
  const ownLayer = !membersLayer && unit ? layerOfUnit(unit, on) : null;
  const layer = membersLayer ?? ownLayer;
  // The first view's boundaries now; MapLibre's finer ones once it is asked for (below). Once
  // MapLibre has taken over, the coarse ones of another date or unit are no longer needed.
  const [canvasWanted, setCanvasWanted] = useState(false);
  const [canvasReady, setCanvasReady] = useState(false);
  const boundaries = useLayer(canvasReady ? null : layer, 'svg');
  const fine = useLayer(canvasWanted ? layer : null, 'web');

  const drawnOf = (fc: UnitFeatures | undefined): FeatureCollection<Geometry, MapFeatureProps> | null => {
    if (!fc || !rows) return null;
    const wanted = membersLayer ? new Map(rows.map((r) => [r.code, r])) : null;
    const features: Feature<Geometry, MapFeatureProps>[] = [];
    for (const f of fc.features) {
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
  };
  // (drawnOf reads exactly the values listed.)
  const drawn = useMemo(
    () => drawnOf(boundaries.data),
    [boundaries.data, rows, own, membersLayer, unit, figure, t],
  );
  const drawnFine = useMemo(() => drawnOf(fine.data), [fine.data, rows, own, membersLayer, unit, figure, t]);
  // MapLibre is asked for once the first view is on screen, when the browser is idle.
  const firstViewShown = drawn !== null;
  useEffect(() => {
    if (!firstViewShown || canvasWanted) return;
    return whenIdle(() => setCanvasWanted(true));
  }, [firstViewShown, canvasWanted]);

  // A new date shows the scope's units of that date (the path chosen below it is dropped).
  const pickDate = useCallback(
    (next: string | null) => {
      if (!next || next === on) return;
      setOn(next);
      setPath([]);
    },
    [on],
  );

  const name = unit?.name ?? (user.unitCode ? roots.map((r) => r.name).join(', ') || '' : t.title);
  const openUnit = (code: string) => {
    const u = members.find((x) => x.code === code);
    if (u && u.level !== 'commune') setPath(unit ? [...path, u] : [u]);
    else navigate(`/units?code=${code}&on=${on}`);
  };
  const period = unit
    ? dash.data?.registry?.period
    : Math.max(0, ...rootDash.data.map((d) => d?.registry?.period ?? 0)) || undefined;
  const moneyYear = unit ? moneyOf?.year : rootDash.data.find((d) => d?.money)?.money?.year;
  const caption =
    figure.id === 'disbursedRate'
      ? moneyYear
        ? fill(t.moneyTable, { year: moneyYear })
        : t.noMoney
      : period
        ? fill(t.table, { period })
        : t.noFigures;
  // Capital filed under the unit itself lies in none of the units drawn: said beside the map.
  const ownMoney = unit && financeData ? financeData.units.find((u) => u.unitCode === unit.code) : undefined;
  // Capital filed under units that are neither the unit nor one drawn (a district that ended with
  // the 2025 reform, on a province's map of today): summed, so no money silently leaves the page.
  const otherMoney = useMemo(() => {
    if (!unit || !financeData) return null;
    const drawnCodes = new Set(members.map((x) => x.code));
    const others = financeData.units.filter((u) => u.unitCode !== unit.code && !drawnCodes.has(u.unitCode));
    const planned = others.reduce((n, u) => n + u.planned, 0);
    if (planned <= 0) return null;
    const disbursed = others.reduce((n, u) => n + u.disbursed, 0);
    return { n: others.length, planned, disbursed, rate: disbursed / planned, year: financeData.year };
  }, [unit, financeData, members]);
  const missing = rows ? rows.filter((r) => r[figure.id] === null).length : 0;
  // The map is shown as soon as there is a layer to draw (its loader while the boundaries and
  // figures load); not when everything loaded and nothing of it has a boundary.
  // The table's 166 rows render once the map is on screen, not before it.
  const tableRows = useAfterPaint(rows);
  const shown = canvasReady ? { q: fine, drawn: drawnFine } : { q: boundaries, drawn };
  const showMap = layer !== null && !shown.q.isError && !(rows && shown.q.data && !shown.drawn);
  const mapLabel = fill(t.mapLabel, {
    figure: figure.label[lang].toLowerCase(),
    name,
    date: formatDateVn(on),
  });

  return (
    <Stack gap="md">
      <MapControls
        on={on}
        onDate={pickDate}
        scopeCode={user.unitCode}
        path={path}
        onPath={setPath}
        figures={figures}
        figureId={figureId}
        onFigure={setFigure}
      />

      {scope.isError ? <ErrorPanel error={scope.error} onRetry={() => void scope.refetch()} /> : null}
      {dash.isError ? <ErrorPanel error={dash.error} onRetry={() => void dash.refetch()} /> : null}
      {finance.isError ? <ErrorPanel error={finance.error} onRetry={() => void finance.refetch()} /> : null}
      {boundaries.isError ? (
        <ErrorPanel error={boundaries.error} onRetry={() => void boundaries.refetch()} />
      ) : null}
      {fine.isError ? <ErrorPanel error={fine.error} onRetry={() => void fine.refetch()} /> : null}

      {/* The table under the map at every width: beside it (5/12 of the page) its five columns,
          the money's amounts above all, were cut at 1366 and at 1440 px alike. */}
      <Stack gap="md">
        <Paper p="sm">
          <Stack gap="xs">
            {national ? (
              <Alert color="blue" variant="light">
                {t.pickProvince}
              </Alert>
            ) : null}
            {!membersLayer && membersKnown && members.length > 0 && unit ? (
              <Alert color="yellow" variant="light" data-testid="map-no-boundaries">
                {fill(t.noBoundaries, { name: unit.name, date: formatDateVn(on) })}
                {ownLayer ? ` ${fill(t.ownArea, { name: unit.name })}` : ''}
              </Alert>
            ) : null}
            {!layer && membersKnown && (members.length === 0 || !unit) && !national && rows ? (
              <Alert color="yellow" variant="light" data-testid="map-no-boundaries">
                {fill(t.noMap, { name, date: formatDateVn(on) })}
              </Alert>
            ) : null}
            {showMap ? (
              // MapLibre draws under the first view, which goes once the canvas has drawn.
              <div style={{ position: 'relative', height: MAP_HEIGHT }}>
                {canvasWanted ? (
                  <KeepSvgOnError>
                    <Suspense fallback={null}>
                      <MapCanvas
                        data={drawnFine}
                        loading={canvasReady && !drawnFine ? t.loading : null}
                        height={MAP_HEIGHT}
                        label={mapLabel}
                        onOpen={openUnit}
                        onDrawn={() => setCanvasReady(true)}
                      />
                    </Suspense>
                  </KeepSvgOnError>
                ) : null}
                {!canvasReady ? (
                  <Box pos="absolute" inset={0}>
                    {drawn ? (
                      <MapSvg data={drawn} label={mapLabel} height={MAP_HEIGHT} onOpen={openUnit} />
                    ) : (
                      <MapLoading text={t.loading} />
                    )}
                  </Box>
                ) : null}
              </div>
            ) : null}
            <MapLegend figureId={figureId} />
          </Stack>
        </Paper>
        <Paper p={0}>
          {!rows || !tableRows ? (
            <Skeleton h={200} />
          ) : (
            <>
              {missing > 0 ? (
                <Text size="sm" px="sm" pt="sm" data-testid="map-missing">
                  {fill(membersLayer || !unit ? t.missing : t.missingTable, {
                    n: formatCount(missing),
                    of: formatCount(rows.length),
                    figure: figure.label[lang].toLowerCase(),
                  })}
                  {rows.some((r) => r[figure.id] === null && r.poor !== null) && OVER_RESIDENTS.has(figure.id)
                    ? ` ${t.noRateNote}`
                    : ''}
                </Text>
              ) : null}
              {ownMoney && ownMoney.planned > 0 ? (
                <Text size="sm" px="sm" pt="sm" data-testid="map-own-money">
                  {fill(t.ownMoney, {
                    name: unit!.name,
                    planned: formatVnd(ownMoney.planned),
                    disbursed: formatVnd(ownMoney.disbursed),
                    rate: formatPercent(ownMoney.rate),
                  })}
                </Text>
              ) : null}
              {otherMoney ? (
                <Text size="sm" px="sm" pt="sm" data-testid="map-other-money">
                  {fill(t.otherMoney, {
                    n: formatCount(otherMoney.n),
                    year: otherMoney.year,
                    date: formatDateVn(on),
                    planned: formatVnd(otherMoney.planned),
                    disbursed: formatVnd(otherMoney.disbursed),
                    rate: formatPercent(otherMoney.rate),
                  })}
                </Text>
              ) : null}
              <MapTable rows={tableRows} caption={caption} figureId={figureId} onOpen={openUnit} />
            </>
          )}
        </Paper>
      </Stack>
    </Stack>
  );
}

interface MapControlsProps {
  on: string;
  onDate: (next: string | null) => void;
  scopeCode: string | null;
  path: Unit[];
  onPath: (path: Unit[]) => void;
  figures: readonly MapFigure[];
  figureId: MapFigureId;
  onFigure: (id: MapFigureId) => void;
}

/**
 * The page's title and choices (date, unit, figure): rendered again only when one of them changes,
 * not each time a figure, boundary or unit list arrives (on a slow machine each of those renders
 * cost the first view tens of milliseconds).
 */
const MapControls = memo(function MapControls(p: MapControlsProps) {
  const t = useMessages(m);
  const { lang } = useLang();
  const before = p.on < REFORM_DATE;
  return (
    <>
      <div>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={1}>{t.title}</Title>
          <Badge
            size="lg"
            variant="light"
            color={before ? 'accent' : 'brand'}
            c={before ? 'dark.7' : undefined}
            radius="sm"
          >
            {before ? t.beforeReform : t.afterReform}
          </Badge>
        </Group>
        <Text c="dimmed" size="sm" mt={4}>
          {t.lead}
        </Text>
      </div>

      <Paper p="md">
        <Group align="flex-start" gap="md" wrap="wrap">
          <DateField label={t.onDate} value={p.on} onChange={p.onDate} w={160} allowDeselect={false} />
          <UnitPicker on={p.on} scopeCode={p.scopeCode} path={p.path} onChange={p.onPath} />
        </Group>
        <Box mt="sm">
          <Text size="sm" fw={500} id="map-figure-label" mb={4}>
            {t.figure}
          </Text>
          <Radio.Group
            aria-labelledby="map-figure-label"
            value={p.figureId}
            onChange={(v) => p.onFigure(v as MapFigureId)}
            data-testid="map-figure"
          >
            <Group gap="md" wrap="wrap">
              {p.figures.map((f) => (
                <Radio key={f.id} value={f.id} label={f.label[lang]} size="sm" />
              ))}
            </Group>
          </Radio.Group>
        </Box>
      </Paper>
    </>
  );
});

/** The classes of the figure in words, and the grey of "no figure". */
const MapLegend = memo(function MapLegend({ figureId }: { figureId: MapFigureId }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const figure = mapFigure(figureId);
  return (
    <div aria-label={t.legend} role="group" data-testid="map-legend">
      <Text size="sm" fw={600}>
        {t.legend}: {figure.label[lang]}
      </Text>
      <Group gap="sm" mt={4}>
        {legendOf(figure, lang).map((c) => (
          <Group key={c.color} gap={4} wrap="nowrap">
            <span className="gn-swatch" style={{ background: c.color }} aria-hidden />
            <Text size="xs">{c.label}</Text>
          </Group>
        ))}
        <Group gap={4} wrap="nowrap">
          <span className="gn-swatch" style={{ background: NO_DATA_COLOR }} aria-hidden />
          <Text size="xs">{t.noData}</Text>
        </Group>
      </Group>
    </div>
  );
});

/**
 * `value`, once the frame showing what changed with it has been painted (null until then): the
 * map's table (166 rows) renders after the map is on screen, not in the same frame.
 */
function useAfterPaint<T>(value: T | null): T | null {
  const [shown, setShown] = useState<T | null>(null);
  useEffect(() => {
    if (value === null) {
      setShown(null);
      return;
    }
    let timer = 0;
    // A task queued from an animation frame runs after that frame is painted.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setShown(() => value), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [value]);
  return shown;
}

function MapLoading({ text }: { text: string }) {
  return (
    <Center h={MAP_HEIGHT} bg="gray.1" style={{ borderRadius: 4 }}>
      <Group gap="xs">
        <Loader size="sm" />
        <Text size="sm">{text}</Text>
      </Group>
    </Center>
  );
}

const BY_NAME = new Intl.Collator('vi');

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
  const money = figure.id === 'disbursedRate';
  const legend = legendOf(figure, lang);
  const sorted = [...rows].sort((a, b) => BY_NAME.compare(a.name, b.name));
  return (
    <Table.ScrollContainer minWidth={520} mah={560}>
      <Table data-testid="map-table" stickyHeader>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.unit}</Table.Th>
            <Table.Th ta="right">{money ? t.planned : t.poor}</Table.Th>
            <Table.Th ta="right">{money ? t.disbursed : t.nearPoor}</Table.Th>
            <Table.Th ta="right">{figure.label[lang]}</Table.Th>
            <Table.Th>{t.classOf}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {/* Plain rows (styled by .gn-rows, global.css): 166 rows of five Mantine components
            each cost the first render as much as the map itself on a slow machine. */}
        <tbody className="gn-rows">
          {sorted.map((r) => {
            const value = r[figure.id];
            const c = classOf(figure, value);
            const color = colorOf(figure, value);
            return (
              <tr key={r.code} data-code={r.code} data-color={color}>
                <td>
                  <button type="button" className="gn-link-button" onClick={() => onOpen(r.code)}>
                    {r.name}
                  </button>
                </td>
                <td className="gn-num">
                  {money
                    ? r.planned === null
                      ? t.none
                      : formatVnd(r.planned)
                    : r.poor === null
                      ? t.none
                      : formatCount(r.poor)}
                </td>
                <td className="gn-num">
                  {money
                    ? r.disbursed === null
                      ? t.none
                      : formatVnd(r.disbursed)
                    : r.nearPoor === null
                      ? t.none
                      : formatCount(r.nearPoor)}
                </td>
                <td className="gn-num" data-testid="map-value">
                  {figure.id === 'surveyedRate' && r.surveyed !== null && r.expected !== null
                    ? `${formatPercent(value!, 1)} (${formatCount(r.surveyed)} / ${formatCount(r.expected)})`
                    : value === null
                      ? t.none
                      : formatPercent(value)}
                </td>
                <td className="gn-class">
                  <span className="gn-swatch" style={{ background: color }} aria-hidden />
                  {c === null
                    ? r.poor !== null && OVER_RESIDENTS.has(figure.id)
                      ? t.noRate
                      : t.noData
                    : legend[c]!.label}
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
