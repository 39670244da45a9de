// Supervision by the Fatherland Front, pure rules: the state of a recommendation (kiến nghị) to a
// People's Committee from its deadline and answer, and who owes the answer across the 2025 reform.
// Pure: no I/O, no clock (today is a parameter).
import { POST_REFORM_START } from '../units/dataset.js';

/** How the addressed committee answers: accepted and done, being dealt with, or not accepted (with its explanation). */
export const ANSWER_STATUSES = ['accepted', 'in-progress', 'not-accepted'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** The state shown on the boards: computed, never stored, so it cannot go stale overnight. */
export const RECOMMENDATION_STATES = ['awaiting', 'overdue', 'answered', 'answered-late'] as const;
export type RecommendationState = (typeof RECOMMENDATION_STATES)[number];

export function recommendationState(
  deadline: string,
  answeredOn: string | null,
  today: string,
): RecommendationState {
  if (answeredOn !== null) return answeredOn > deadline ? 'answered-late' : 'answered';
  return today > deadline ? 'overdue' : 'awaiting';
}

/** Whole days past the deadline on `today` (0 when not past). */
export function daysOverdue(deadline: string, today: string): number {
  if (today <= deadline) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether the 2025 reform's succession links carry the duty to answer on `today` (decision 0039).
 * A recommendation is owed by the People's Committee of the unit it is addressed to; a unit the
 * reform merged into another hands its duties to that successor from the reform's first day
 * (01/07/2025), and an officer of any unit merged into the successor then works for it. Before that
 * day the units stood apart: only the addressed unit itself and the levels above it answer.
 */
export function reformCarriesDuty(today: string): boolean {
  return today >= POST_REFORM_START;
}
