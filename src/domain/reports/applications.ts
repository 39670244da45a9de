// The applications register of regular review (Decision 24/2021/QĐ-TTg Art. 5; regulations-2 §3.3):
// a household applies with Mẫu 01 (to be recognised poor or near-poor) or Mẫu 04 (to be recognised
// as having exited); the commune chair decides, or refuses in writing with reasons, within 15 days.
// The source counts the 15 days "from the start of the review" and does not say whether they are
// calendar or working days (UNCONFIRMED): the product counts 15 calendar days from the receipt, the
// earliest reading, so that no application is shown on time when a stricter reading makes it late.
// Pure: no clock.
import { addDays, daysBetween } from '../dates.js';

export const APPLICATION_FORMS = ['01', '04'] as const;
export type ApplicationForm = (typeof APPLICATION_FORMS)[number];

export const APPLICATION_STATUSES = ['received', 'recognised', 'refused'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Days from the receipt to the decision (calendar days; see above). */
export const DECISION_DAYS = 15;

/** Classes an application may end with: Mẫu 01 recognises poor or near-poor; Mẫu 04 an exit to near-poor or above. */
export const OUTCOMES: Record<ApplicationForm, readonly string[]> = {
  '01': ['POOR', 'NEAR_POOR'],
  '04': ['NEAR_POOR', 'AVERAGE', 'NONE'],
};

export function decisionDeadline(receivedOn: string): string {
  return addDays(receivedOn, DECISION_DAYS);
}

export type Clock =
  | { kind: 'open'; daysLeft: number }
  | { kind: 'overdue'; daysOver: number }
  | { kind: 'decided'; days: number; late: boolean; daysOver: number };

/** The decision clock of an application on `today` (Vietnam date). */
export function clockOf(receivedOn: string, decidedOn: string | null, today: string): Clock {
  const deadline = decisionDeadline(receivedOn);
  if (decidedOn !== null) {
    const over = Math.max(0, daysBetween(deadline, decidedOn));
    return { kind: 'decided', days: daysBetween(receivedOn, decidedOn), late: over > 0, daysOver: over };
  }
  if (today > deadline) return { kind: 'overdue', daysOver: daysBetween(deadline, today) };
  return { kind: 'open', daysLeft: daysBetween(today, deadline) };
}

/** The clock in words, Vietnamese first: "quá hạn 3 ngày", "còn 5 ngày", "quyết định sau 12 ngày". */
export function clockWords(c: Clock): { vi: string; en: string } {
  if (c.kind === 'overdue') return { vi: `quá hạn ${c.daysOver} ngày`, en: `${c.daysOver} days overdue` };
  if (c.kind === 'open') return { vi: `còn ${c.daysLeft} ngày`, en: `${c.daysLeft} days left` };
  return c.late
    ? { vi: `quyết định trễ ${c.daysOver} ngày`, en: `decided ${c.daysOver} days late` }
    : { vi: `quyết định sau ${c.days} ngày`, en: `decided after ${c.days} days` };
}
