// The household groups of the Annex VII tables (report-forms.md §1: "người có công, bảo trợ xã hội,
// không có khả năng lao động", and the ethnic-minority households of the DTTS breakdowns), derived
// from a survey record. Stored with each result (review_result.groups) and kept as aggregate cells
// (`group:<code>`), so a province's table reads counts, never records. Pure.
import { isMinority } from '../reference/ethnic-groups.js';
import type { SurveyMember } from '../survey/record.js';

/**
 * The groups, in the order of the tables. No labour capacity is the result's own `no_labour`
 * (computed by the engine with the working age), so it is not derived here.
 */
export const HOUSEHOLD_GROUPS = ['ethnic-minority', 'merit', 'social-protection', 'female-head'] as const;
export type HouseholdGroup = (typeof HOUSEHOLD_GROUPS)[number];

/** What decides each group, one predicate per group. */
const RULES: Record<HouseholdGroup, (members: readonly SurveyMember[]) => boolean> = {
  // A household with a member of a group the ethnic list marks as a minority (ethnic-groups.ts).
  'ethnic-minority': (ms) => ms.some((m) => isMinority(m.ethnicity)),
  merit: (ms) => ms.some((m) => m.merit === true),
  // Bảo trợ xã hội: a member receives a monthly social allowance.
  'social-protection': (ms) => ms.some((m) => m.monthlySocialAllowance === true),
  'female-head': (ms) => (ms.find((m) => m.relation === 'head') ?? ms[0])?.sex === 'F',
};

/** The groups of a household, in HOUSEHOLD_GROUPS order. */
export function householdGroupsOf(members: readonly SurveyMember[]): HouseholdGroup[] {
  return HOUSEHOLD_GROUPS.filter((g) => RULES[g](members));
}
