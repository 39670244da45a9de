// The reporting round of the poverty review (Decision 24/2021/QĐ-TTg Art. 7; regulations-2 §3.4,
// §3.6): which report is due when, from whom, to whom, and whether it is late. Pure: no clock, no I/O.
// - monthly: the commune chair reports the regular-review results by the 5th of each month,
//   February to September (the month before's results);
// - preliminary: the province's preliminary results of the periodic review, before 15/11;
// - official: the province's official results, before 20/12.
// The chain is data: for reports due up to 30/06/2025 commune → district → province (the district
// compiles), after it commune → province (the district level was abolished on 01/07/2025).
import { addDays, daysBetween } from '../dates.js';

export const ROUNDS = ['monthly', 'preliminary', 'official'] as const;
export type Round = (typeof ROUNDS)[number];

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
export function dueDateOf(round: Round, period: number, month = 0): string {
  if (round === 'monthly')
    return `${period}-${String(month).padStart(2, '0')}-${String(MONTHLY_DUE_DAY).padStart(2, '0')}`;
  if (round === 'preliminary') return addDays(`${period}-11-15`, -1);
  return addDays(`${period}-12-20`, -1);
}

/** Which levels submit a round's report on a date: monthly reports every level below the province (the district compiles until 30/06/2025); the periodic results the province. */
export function submittingLevels(round: Round, due: string, chains: readonly Chain[] = CHAINS): Level[] {
  const chain = chainOn(due, chains);
  if (round === 'monthly') return chain.filter((l) => l !== 'province');
  return ['province'];
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

/** The expected reports of a period: one per monthly month, the preliminary and the official. */
export function expectedReports(period: number): { round: Round; month: number; due: string }[] {
  return [
    ...MONTHLY_MONTHS.map((month) => ({
      round: 'monthly' as const,
      month,
      due: dueDateOf('monthly', period, month),
    })),
    { round: 'preliminary', month: 0, due: dueDateOf('preliminary', period) },
    { round: 'official', month: 0, due: dueDateOf('official', period) },
  ];
}
