// Program monitoring (issue 13; Decision 90/QĐ-TTg of 18/01/2022, the 2021–2025 National Target
// Program, and its successor): the program's target KINDS as data, one row each, and how a unit
// stands against each from two years of figures. Pure: no I/O.
//
// A rate is over the resident households of its year (tổng số hộ dân cư; docs/decisions/0021) and
// never over the surveyed ones. Where the denominator a kind needs is not held, the kind says which
// (status), and shows the counts it has.
import { ratePercent } from './targets.js';

export const MONITORING_KINDS = [
  'multidimensional-rate-reduction',
  'poor-district-rate-reduction',
  'ethnic-minority-rate-reduction',
] as const;
export type MonitoringKind = (typeof MONITORING_KINDS)[number];

/** Which households a kind counts: all the unit's, those of poor districts, those of ethnic minorities. */
export type Population = 'all' | 'poor-districts' | 'ethnic-minority';

export interface MonitoringTarget {
  kind: MonitoringKind;
  population: Population;
  /** The national band of the reduction, in percentage points per year (`above`: strictly more than `min`). */
  min: number;
  max: number | null;
  minExclusive: boolean;
  /** Where the band is set (shown beside it). */
  source: string;
}

/** The target kinds of Decision 90/QĐ-TTg, Part II.1 (the 2021–2025 targets), as data. */
export const MONITORING_TARGETS: readonly MonitoringTarget[] = [
  {
    kind: 'multidimensional-rate-reduction',
    population: 'all',
    min: 1,
    max: 1.5,
    minExclusive: false,
    source: 'Quyết định 90/QĐ-TTg ngày 18/01/2022',
  },
  {
    kind: 'poor-district-rate-reduction',
    population: 'poor-districts',
    min: 4,
    max: 5,
    minExclusive: false,
    source: 'Quyết định 90/QĐ-TTg ngày 18/01/2022',
  },
  {
    kind: 'ethnic-minority-rate-reduction',
    population: 'ethnic-minority',
    min: 3,
    max: null,
    minExclusive: true,
    source: 'Quyết định 90/QĐ-TTg ngày 18/01/2022',
  },
];

/**
 * The poor districts of 2021–2025 (Decision 353/QĐ-TTg of 15/03/2022), by district code. The
 * list's content is not held (regulations.md: UNCONFIRMED): empty, a kind over poor districts says
 * so instead of counting none. One row per district when it is confirmed.
 */
export const POOR_DISTRICT_CODES: readonly string[] = [];

/**
 * `below` / `within` / `above` the national band; `no-data`: no recognised (or forecast) result
 * yet; `no-residents`: the resident households of a year are not entered; `no-denominator`: the
 * population's own households are not held (ethnic-minority households are not counted apart in
 * the resident figures); `no-area-list`: the list of poor districts is not held.
 */
export type MonitoringStatus =
  'below' | 'within' | 'above' | 'no-data' | 'no-residents' | 'no-denominator' | 'no-area-list';

export interface PopulationFigures {
  /** Poor households recognised at the end of the year before. */
  baselinePoor: number | null;
  /** Poor households after the year's recognised results, and with the current review's drafts. */
  recognisedPoor: number | null;
  forecastPoor: number | null;
  /** The population's resident households of the year before and of the year (null: not held). */
  baselineResidents: number | null;
  residents: number | null;
}

export interface MonitoringStanding {
  kind: MonitoringKind;
  baselineRate: number | null;
  recognisedRate: number | null;
  forecastRate: number | null;
  /** Percentage points lower than the year before (negative: it rose). */
  achieved: number | null;
  forecast: number | null;
  status: MonitoringStatus;
  forecastStatus: MonitoringStatus;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Where a reduction in points lies against the kind's band. */
export function bandOf(t: MonitoringTarget, points: number): 'below' | 'within' | 'above' {
  if (points < t.min || (t.minExclusive && points === t.min)) return 'below';
  if (t.max !== null && points > t.max) return 'above';
  return 'within';
}

/** How the population stands against the target kind: rates, points of reduction, status. */
export function monitoringStanding(
  t: MonitoringTarget,
  f: PopulationFigures,
  opts: { areaListHeld: boolean; denominatorHeld: boolean },
): MonitoringStanding {
  const rate = (poor: number | null, of: number | null) =>
    poor === null || of === null || of <= 0 ? null : ratePercent(poor, of);
  const baselineRate = rate(f.baselinePoor, f.baselineResidents);
  const recognisedRate = rate(f.recognisedPoor, f.residents);
  const forecastRate = rate(f.forecastPoor, f.residents);
  const statusOf = (poor: number | null, now: number | null): [number | null, MonitoringStatus] => {
    if (!opts.areaListHeld) return [null, 'no-area-list'];
    if (!opts.denominatorHeld) return [null, 'no-denominator'];
    if (f.baselinePoor === null || poor === null) return [null, 'no-data'];
    if (baselineRate === null || now === null) return [null, 'no-residents'];
    const points = round2(baselineRate - now);
    return [points, bandOf(t, points)];
  };
  const [achieved, status] = statusOf(f.recognisedPoor, recognisedRate);
  const [forecast, forecastStatus] = statusOf(f.forecastPoor, forecastRate);
  return {
    kind: t.kind,
    baselineRate,
    recognisedRate,
    forecastRate,
    achieved,
    forecast,
    status,
    forecastStatus,
  };
}
