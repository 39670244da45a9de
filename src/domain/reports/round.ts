// The reporting round of the poverty review (Decision 24/2021/QĐ-TTg Art. 7; regulations-2 §3.4,
// §3.6): which report is due when, from whom, to whom, and whether it is late. Pure: no clock, no I/O.
// - monthly: the commune chair reports the regular-review results by the 5th of each month,
//   February to September (the month before's results);
// - commune-periodic: after 30/06/2025, each commune reports its periodic review's results straight
//   to the province. The decree sets no national date (regulations-2 §3.4): each province's review
//   plan does, so the date is the province's setting (`communePeriodicBy` of the reporting rules,
//   src/domain/campaign/deadlines.ts), unconfirmed until a plan is read. Before 01/07/2025 the
//   district compiled the communes' results on dates set by its own plan: not modelled;
// - preliminary: the province's preliminary results of the periodic review, before 15/11;
// - official: the province's official results, before 20/12.
// The chain is data: for reports due up to 30/06/2025 commune → district → province (the district
// compiles), after it commune → province (the district level was abolished on 01/07/2025).
import { addDays, daysBetween } from '../dates.js';
import {
  DEFAULT_REPORTING_RULES,
  periodicReportDeadline,
  type ReportingRules,
} from '../campaign/deadlines.js';

export const ROUNDS = ['monthly', 'commune-periodic', 'preliminary', 'official'] as const;
export type Round = (typeof ROUNDS)[number];

/**
 * What is known of each round (regulations-2 §3.4, report-forms.md), shown beside it:
 * `dueSource` — 'decree': the date is Decision 24/2021 Art. 7's; 'province-plan': no national date,
 * the province's plan sets it (the default here is unconfirmed).
 * `layout` — 'own-design': no official template was found, the columns are the software's own;
 * 'default-shape': the balance shape of the older summary templates (report-forms.md §1), the 2021
 * template's columns unconfirmed.
 */
export const ROUND_FACTS: Record<
  Round,
  { dueSource: 'decree' | 'province-plan'; layout: 'own-design' | 'default-shape' }
> = {
  monthly: { dueSource: 'decree', layout: 'own-design' },
  'commune-periodic': { dueSource: 'province-plan', layout: 'default-shape' },
  preliminary: { dueSource: 'decree', layout: 'default-shape' },
  official: { dueSource: 'decree', layout: 'default-shape' },
};

/** Months (1–12) in which a monthly report is due on the 5th. */
export const MONTHLY_MONTHS = [2, 3, 4, 5, 6, 7, 8, 9] as const;
export const MONTHLY_DUE_DAY = 5;

export type Level = 'commune' | 'district' | 'province';

/** One version of the reporting chain: the levels a report passes, lowest first, and when it applies. */
export interface Chain {
  /** Reports due on or before this date (inclusive) use this chain; null: no end. */
  until: string | null;
  levels: readonly Level[];
}

/** The chains in force, oldest first (regulations-2 §3.6). */
export const CHAINS: readonly Chain[] = [
  { until: '2025-06-30', levels: ['commune', 'district', 'province'] },
  { until: null, levels: ['commune', 'province'] },
];

export function chainOn(date: string, chains: readonly Chain[] = CHAINS): readonly Level[] {
  for (const c of chains) if (c.until === null || date <= c.until) return c.levels;
  return chains[chains.length - 1]!.levels;
}

/**
 * The last day a report may be submitted on. "Before 15/11" and "before 20/12" mean at the latest
 * the 14th and the 19th; "by the 5th" includes the 5th.
 */
export function dueDateOf(
  round: Round,
  period: number,
  month = 0,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): string {
  if (round === 'monthly')
    return `${period}-${String(month).padStart(2, '0')}-${String(MONTHLY_DUE_DAY).padStart(2, '0')}`;
  // "By 10/11" (the default) includes the 10th, as the review campaign's own deadline does.
  if (round === 'commune-periodic') return periodicReportDeadline(period, rules);
  if (round === 'preliminary') return addDays(`${period}-11-15`, -1);
  return addDays(`${period}-12-20`, -1);
}

/**
 * Which levels submit a round's report on a date: monthly reports every level below the province
 * (the district compiles until 30/06/2025); the commune's periodic results the commune, where it
 * reports straight to the province; the province's periodic results the province.
 */
export function submittingLevels(round: Round, due: string, chains: readonly Chain[] = CHAINS): Level[] {
  const chain = chainOn(due, chains);
  if (round === 'monthly') return chain.filter((l) => l !== 'province');
  if (round === 'commune-periodic') return communeReportsToProvince(due, chains) ? ['commune'] : [];
  return ['province'];
}

/** True where the chain on the date runs commune → province with no level between. */
export function communeReportsToProvince(due: string, chains: readonly Chain[] = CHAINS): boolean {
  const chain = chainOn(due, chains);
  return chain[chain.indexOf('commune') + 1] === 'province';
}

/** The level a unit of `level` reports to on the due date (null: the ministry). */
export function recipientLevel(level: Level, due: string, chains: readonly Chain[] = CHAINS): Level | null {
  const chain = chainOn(due, chains);
  const i = chain.indexOf(level);
  return i >= 0 && i + 1 < chain.length ? chain[i + 1]! : null;
}

export type RoundStatus =
  | { kind: 'on-time'; submittedOn: string }
  | { kind: 'submitted-late'; submittedOn: string; daysLate: number }
  | { kind: 'late'; daysLate: number }
  | { kind: 'not-due' };

/** The state of one expected report on `today`: submitted (on time or late), late, or not yet due. */
export function statusOf(due: string, submittedOn: string | null, today: string): RoundStatus {
  if (submittedOn !== null)
    return submittedOn <= due
      ? { kind: 'on-time', submittedOn }
      : { kind: 'submitted-late', submittedOn, daysLate: daysBetween(due, submittedOn) };
  if (today > due) return { kind: 'late', daysLate: daysBetween(due, today) };
  return { kind: 'not-due' };
}

/**
 * The expected reports of a period: one per monthly month, the communes' periodic results where
 * they report straight to the province (periods after 30/06/2025), the preliminary and the official.
 */
export function expectedReports(
  period: number,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
  chains: readonly Chain[] = CHAINS,
): { round: Round; month: number; due: string }[] {
  const communeDue = dueDateOf('commune-periodic', period, 0, rules);
  return [
    ...MONTHLY_MONTHS.map((month) => ({
      round: 'monthly' as const,
      month,
      due: dueDateOf('monthly', period, month),
    })),
    ...(communeReportsToProvince(communeDue, chains)
      ? [{ round: 'commune-periodic' as const, month: 0, due: communeDue }]
      : []),
    { round: 'preliminary', month: 0, due: dueDateOf('preliminary', period) },
    { round: 'official', month: 0, due: dueDateOf('official', period) },
  ];
}
