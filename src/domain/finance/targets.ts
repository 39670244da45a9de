// Targets per unit × year and their progress against the registry's results. Baseline: the
// recognised results at the end of the previous year; outcome: the recognised results of the
// target year (progress) or the current review's results (forecast).

import { WORDS } from '../words/catalogue.js';

export const TARGET_KINDS = ['poor-reduction', 'poor-rate-reduction', 'near-poor-reduction', 'free'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
const TARGET_UNITS: Record<TargetKind, string> = {
  'poor-reduction': 'hộ',
  'poor-rate-reduction': 'điểm %',
  'near-poor-reduction': 'hộ',
  free: '',
};
/** The target kinds' names (the catalogue of words) and the unit of their figure. */
export const TARGET_KIND_LABELS: Record<TargetKind, { vi: string; en: string; unit: string }> =
  Object.fromEntries(
    TARGET_KINDS.map((k) => [k, { ...WORDS.targetKind[k], unit: TARGET_UNITS[k] }]),
  ) as Record<TargetKind, { vi: string; en: string; unit: string }>;

export interface RegistryCounts {
  households: number;
  poor: number;
  nearPoor: number;
}

/**
 * `no-residents`: a rate target whose unit has no resident-household figure (tổng số hộ dân cư) for
 * the baseline year or the target year: the poverty rate is over resident households only, never
 * over the surveyed ones, so it cannot be measured until they are entered.
 */
export type ProgressStatus = 'met' | 'not-met' | 'no-data' | 'not-measured' | 'no-residents';

export interface TargetProgress {
  /** Households fewer, or percentage points lower, than the baseline (negative: it rose). */
  achieved: number | null;
  /** achieved / target, null when it cannot be measured. */
  share: number | null;
  status: ProgressStatus;
}

/** Poor-household rate in percent, two decimals. */
export function ratePercent(poor: number, households: number): number {
  return households > 0 ? round2((poor / households) * 100) : 0;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The poverty rate in percent over the resident households; null without them (never over the surveyed). */
export function residentRatePercent(poor: number, residents: number | null): number | null {
  return residents !== null && residents > 0 ? ratePercent(poor, residents) : null;
}

/** Resident households (tổng số hộ dân cư) of the baseline year and of the target year. */
export interface ResidentPair {
  baseline: number | null;
  outcome: number | null;
}

/**
 * Progress of one target. `value` is positive: 155 means "155 fewer households", 0.52 "0.52 points
 * lower". A rate target compares the poverty rates over the resident households of each year.
 */
export function targetProgress(
  target: { kind: TargetKind; value: number },
  baseline: RegistryCounts | null,
  outcome: RegistryCounts | null,
  residents: ResidentPair = { baseline: null, outcome: null },
): TargetProgress {
  if (target.kind === 'free') return { achieved: null, share: null, status: 'not-measured' };
  if (!baseline || !outcome) return { achieved: null, share: null, status: 'no-data' };
  let achieved: number;
  if (target.kind === 'poor-reduction') achieved = baseline.poor - outcome.poor;
  else if (target.kind === 'near-poor-reduction') achieved = baseline.nearPoor - outcome.nearPoor;
  else {
    const before = residentRatePercent(baseline.poor, residents.baseline);
    const after = residentRatePercent(outcome.poor, residents.outcome);
    if (before === null || after === null) return { achieved: null, share: null, status: 'no-residents' };
    achieved = round2(before - after);
  }
  const share = target.value > 0 ? achieved / target.value : null;
  return {
    achieved,
    share: share === null ? null : Math.round(share * 1000) / 1000,
    status: achieved >= target.value ? 'met' : 'not-met',
  };
}

/** Which results a row of the ward table counts: the recognised ones, or the review's forecast. */
export type OutcomeKind = 'recognised' | 'forecast';

export interface StandingRow {
  baseline: RegistryCounts | null;
  /** Recognised results where the unit's review is recognised, else the review's forecast. */
  outcome: RegistryCounts | null;
  outcomeKind: OutcomeKind | null;
}

function addCounts(a: RegistryCounts | null, b: RegistryCounts | null): RegistryCounts | null {
  if (!a) return b;
  if (!b) return a;
  return {
    households: a.households + b.households,
    poor: a.poor + b.poor,
    nearPoor: a.nearPoor + b.nearPoor,
  };
}

/**
 * The total row of the ward table: the sum of its rows, by construction, so the column adds up on
 * screen. `forecastRows` says how many rows count the review's forecast (not yet recognised), for
 * the note under the total; `poorReduced` is the sum of the rows' reductions (rows lacking a
 * baseline or an outcome have none and add nothing).
 */
export function totalOfRows(rows: readonly StandingRow[]): StandingRow & {
  poorReduced: number | null;
  forecastRows: number;
} {
  let baseline: RegistryCounts | null = null;
  let outcome: RegistryCounts | null = null;
  let forecastRows = 0;
  let recognisedRows = 0;
  let reduced: number | null = null;
  for (const r of rows) {
    if (r.baseline && r.outcome) reduced = (reduced ?? 0) + r.baseline.poor - r.outcome.poor;
    baseline = addCounts(baseline, r.baseline);
    outcome = addCounts(outcome, r.outcome);
    if (r.outcomeKind === 'forecast') forecastRows += 1;
    if (r.outcomeKind === 'recognised') recognisedRows += 1;
  }
  return {
    baseline,
    outcome,
    outcomeKind: forecastRows > 0 ? 'forecast' : recognisedRows > 0 ? 'recognised' : null,
    poorReduced: reduced,
    forecastRows,
  };
}
