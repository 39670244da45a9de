// Deadline risk of an allocation: compares the days left before its deadline, the amount left,
// and the pace of disbursement so far. Pure: "today" is a parameter.
import { daysBetween } from '../dates.js';
import { WORDS } from '../words/catalogue.js';
import { formatCount, formatVnd } from '../format.js';

export type RiskState = 'completed' | 'starting' | 'on-track' | 'at-risk' | 'lapsed';

/** The risk states' names: the catalogue of words. */
export const RISK_LABELS: Record<RiskState, { vi: string; en: string }> = WORDS.riskState;

export interface RiskInput {
  planned: number;
  disbursed: number;
  /** When the money became usable (the allocation decision date). */
  startDate: string;
  deadline: string;
  asOf: string;
}

export interface RiskOptions {
  /** Days after the decision during which an allocation with nothing disbursed is "starting", not at risk. */
  graceDays: number;
}

export const DEFAULT_RISK_OPTIONS: RiskOptions = { graceDays: 30 };

export interface RiskAssessment {
  state: RiskState;
  atRisk: boolean;
  daysLeft: number;
  /** Days since the deadline passed (0 until it has). */
  daysOverdue: number;
  amountLeft: number;
  /** Average đồng disbursed per day since the start. */
  pacePerDay: number;
  /** Đồng per day needed from today to finish by the deadline (0 when nothing is left). */
  requiredPerDay: number;
  /** What would be disbursed by the deadline at the pace so far. */
  projectedAtDeadline: number;
}

/**
 * At risk: money is left and, at the average pace since the decision, the plan would not be
 * disbursed by the deadline. Lapsed: the deadline has passed with money left.
 */
export function assessRisk(input: RiskInput, options: RiskOptions = DEFAULT_RISK_OPTIONS): RiskAssessment {
  const amountLeft = Math.max(0, input.planned - input.disbursed);
  const elapsed = Math.max(0, daysBetween(input.startDate, input.asOf));
  const daysLeft = Math.max(0, daysBetween(input.asOf, input.deadline));
  const pacePerDay = elapsed > 0 ? input.disbursed / elapsed : 0;
  const projectedAtDeadline = Math.min(input.planned, Math.round(input.disbursed + pacePerDay * daysLeft));
  const requiredPerDay = amountLeft === 0 ? 0 : Math.ceil(amountLeft / Math.max(1, daysLeft));
  let state: RiskState;
  if (amountLeft === 0) state = 'completed';
  else if (input.asOf > input.deadline) state = 'lapsed';
  else if (projectedAtDeadline >= input.planned) state = 'on-track';
  else if (input.disbursed === 0 && elapsed < options.graceDays && daysLeft > options.graceDays)
    state = 'starting';
  else state = 'at-risk';
  return {
    state,
    atRisk: state === 'at-risk' || state === 'lapsed',
    daysLeft,
    daysOverdue: Math.max(0, daysBetween(input.deadline, input.asOf)),
    amountLeft,
    pacePerDay: Math.round(pacePerDay),
    requiredPerDay,
    projectedAtDeadline,
  };
}

/**
 * What the deadline means today, in words: "còn 12 ngày, cần 1.000.000 ₫/ngày" before it,
 * "hạn cuối hôm nay" on it, "quá hạn 731 ngày, còn 1.950.000.000 ₫ chưa giải ngân" after it
 * (never "còn 0 ngày" for a deadline two years past).
 */
export function deadlineNote(
  r: Pick<RiskAssessment, 'daysLeft' | 'daysOverdue' | 'amountLeft' | 'requiredPerDay'>,
  lang: 'vi' | 'en',
): string {
  const money = formatVnd(r.amountLeft);
  if (r.amountLeft === 0) return lang === 'vi' ? 'đã giải ngân hết' : 'fully disbursed';
  if (r.daysOverdue > 0)
    return lang === 'vi'
      ? `quá hạn ${formatCount(r.daysOverdue)} ngày, còn ${money} chưa giải ngân`
      : `${formatCount(r.daysOverdue)} days overdue, ${money} not disbursed`;
  if (r.daysLeft === 0) return lang === 'vi' ? `hạn cuối hôm nay, còn ${money}` : `due today, ${money} left`;
  const perDay = formatVnd(r.requiredPerDay);
  return lang === 'vi'
    ? `còn ${formatCount(r.daysLeft)} ngày, cần ${perDay}/ngày`
    : `${formatCount(r.daysLeft)} days left, needs ${perDay} a day`;
}
