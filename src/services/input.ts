// The clock-dependent input checks of the services: "today" in Vietnam and the period range
// (src/domain/input.ts) evaluated against deps.now().
import { vnDateOf } from '../domain/dates.js';
import { parsePeriod } from '../domain/input.js';
import type { Deps } from './deps.js';

/** Today's civil date in Vietnam (YYYY-MM-DD). */
export function todayVn(deps: Deps): string {
  return vnDateOf(deps.now());
}

/** A review period or program year within the declared range (FIRST_PERIOD … next year). */
export function periodOf(deps: Deps, value: unknown, field = 'period'): number {
  return parsePeriod(value, field, todayVn(deps));
}
