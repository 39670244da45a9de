// Movement of a household between review periods (Decision 24/2021 step 6 lists; reporting terms of
// Circular 07/2021). Definitions the product applies (regulations-2 §7 leaves some unconfirmed):
// - thoat-ngheo: poor in the previous period, not poor now (near-poor or above);
// - thoat-can-ngheo: near-poor in the previous period, above near-poor now;
// - tai-ngheo: poor now, not poor in the previous period, and poor in some earlier period;
// - ngheo-phat-sinh: poor now, not poor in the previous period, never poor before;
// - tai-can-ngheo / can-ngheo-phat-sinh: the same for near-poor (from above, not from poor);
// - khong-doi: same class group as the previous period;
// - chua-co-ky-truoc: no earlier period recorded (first review in the registry).

import { WORDS } from '../words/catalogue.js';

export type ClassCode = 'POOR' | 'NEAR_POOR' | 'AVERAGE' | 'NONE';

export const MOVEMENTS = [
  'thoat-ngheo',
  'thoat-can-ngheo',
  'ngheo-phat-sinh',
  'tai-ngheo',
  'can-ngheo-phat-sinh',
  'tai-can-ngheo',
  'khong-doi',
  'chua-co-ky-truoc',
] as const;
export type Movement = (typeof MOVEMENTS)[number];

/** The movements' names: the catalogue of words. */
export const MOVEMENT_LABELS: Record<Movement, { vi: string; en: string }> = WORDS.movement;

/**
 * @param current class of this period
 * @param earlier classes of the earlier periods, oldest first (the last one is the previous period)
 */
export function movementOf(current: string, earlier: readonly string[]): Movement {
  if (earlier.length === 0) return 'chua-co-ky-truoc';
  const previous = earlier[earlier.length - 1]!;
  const before = earlier.slice(0, -1);
  if (previous === 'POOR') return current === 'POOR' ? 'khong-doi' : 'thoat-ngheo';
  if (current === 'POOR') return before.includes('POOR') ? 'tai-ngheo' : 'ngheo-phat-sinh';
  if (previous === 'NEAR_POOR') return current === 'NEAR_POOR' ? 'khong-doi' : 'thoat-can-ngheo';
  if (current === 'NEAR_POOR')
    return before.includes('NEAR_POOR') || before.includes('POOR') ? 'tai-can-ngheo' : 'can-ngheo-phat-sinh';
  return 'khong-doi';
}

/**
 * The movement of each period of a household's history, classes oldest first. A result that arrives
 * for an older period changes the movements of the periods after it (not only the next one:
 * tái nghèo looks at every earlier period), so a write recomputes the whole history.
 */
export function movementsOf(classes: readonly string[]): Movement[] {
  return classes.map((c, i) => movementOf(c, classes.slice(0, i)));
}

export interface LabourMember {
  birthDate: string;
  sex: 'M' | 'F';
  disability?: string | null;
}

/**
 * A household without labour capacity: no member is of working age and able to work (working age
 * per the standard's rule, passed in; severe or extremely severe disability counts as unable).
 */
export function hasNoLabourCapacity<M extends LabourMember>(
  members: readonly M[],
  isWorkingAge: (m: M) => boolean,
): boolean {
  return !members.some(
    (m) => isWorkingAge(m) && m.disability !== 'severe' && m.disability !== 'extremely-severe',
  );
}
