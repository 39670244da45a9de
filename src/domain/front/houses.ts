// Great Solidarity houses (nhà Đại đoàn kết), pure rules: kinds, funding sources, the stages a
// house goes through and whether a handed-over house lifted its household out of housing
// deprivation at the next survey. Pure: no I/O.
import { AppError } from '../../errors.js';

export const HOUSE_KINDS = ['new', 'repair'] as const;
export type HouseKind = (typeof HOUSE_KINDS)[number];

/** Where the money of a house comes from: the fund, the program's Project 5, the family, the community, others. */
export const HOUSE_SOURCES = ['fund', 'project5', 'family', 'community', 'other'] as const;
export type HouseSource = (typeof HOUSE_SOURCES)[number];

/** The stages, in order. A house moves one stage forward at a time, each on a dated step. */
export const HOUSE_STAGES = ['approved', 'under-construction', 'handed-over'] as const;
export type HouseStage = (typeof HOUSE_STAGES)[number];

export function nextStage(stage: HouseStage): HouseStage | null {
  const i = HOUSE_STAGES.indexOf(stage);
  return i >= 0 && i < HOUSE_STAGES.length - 1 ? HOUSE_STAGES[i + 1]! : null;
}

/** Checks a step to `to` from `from` on `date` after the last step's date; answers the new stage. */
export function advanceStage(from: HouseStage, to: unknown, date: string, lastDate: string): HouseStage {
  const next = nextStage(from);
  if (next === null || to !== next)
    throw new AppError(
      'FRONT_HOUSE_STAGE_INVALID',
      { from, to: String(to), expected: next ?? '—' },
      { field: 'stage' },
    );
  if (date < lastDate)
    throw new AppError('FIELD_INVALID', { field: 'date', detail: `< ${lastDate}` }, { field: 'date' });
  return next;
}

/** The housing indicators of the multidimensional standard (src/domain/standards/standard.ts). */
export const HOUSING_INDICATORS = ['housingQuality', 'housingArea'] as const;

export function housingDeprived(deprivations: readonly string[]): boolean {
  return deprivations.some((d) => (HOUSING_INDICATORS as readonly string[]).includes(d));
}

export type HousingOutcome = 'lifted' | 'still-deprived' | 'not-deprived-before' | 'not-surveyed-yet';

/**
 * What the next survey after the hand-over says of the household's housing: lifted out of
 * deprivation, still deprived, not deprived before either, or no survey after the hand-over yet.
 * `before` is the household's survey on or before the hand-over (null when there is none).
 */
export function housingOutcome(
  before: readonly string[] | null,
  after: readonly string[] | null,
): HousingOutcome {
  if (after === null) return 'not-surveyed-yet';
  const was = before === null ? true : housingDeprived(before);
  if (!was) return 'not-deprived-before';
  return housingDeprived(after) ? 'still-deprived' : 'lifted';
}
