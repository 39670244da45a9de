// The year's balance of poor and near-poor households (issue 12; docs/decisions/0021-official-reports.md):
//   end = start − exited + new + returned + movedIn − movedOut
// for one class (poor, or near-poor) and one unit, from the households' transitions between the
// previous period (P−1) and the period P.
//
// Each result of period P carries a *transition key*: the class and the unit version of the same
// household's result of P−1 ('NONE' when it has none), and whether the household held the class
// (or poor, for near-poor) in an earlier period still. The key is kept in the aggregates as
// indicator `from:<class>|<unit code>|<unit valid from>|<flags>` beside the result's own cell, so
// that the balance is read from the kept cells, never from a scan of the results. Which unit a key
// lands on (and so whether a household moved) is decided when reading, on the units of the
// report's date, so that `--units-on` regroups start and end alike.

export type BalanceClass = 'POOR' | 'NEAR_POOR';

export interface PeriodResult {
  period: number;
  classification: string;
  unitCode: string;
  unitValidFrom: string;
}

/** Flags of a transition key: p = poor in a period before P−1; n = poor or near-poor before P−1. */
export const TRANSITION_PREFIX = 'from:';

/**
 * The transition key of the result of `period` in a household's history (any order; the result of
 * `period` itself is ignored, only the earlier ones matter).
 */
export function transitionKeyOf(history: readonly PeriodResult[], period: number): string {
  let prev: PeriodResult | undefined;
  let p = false;
  let n = false;
  for (const x of history) {
    if (x.period === period - 1) prev = x;
    else if (x.period < period - 1) {
      if (x.classification === 'POOR') p = n = true;
      else if (x.classification === 'NEAR_POOR') n = true;
    }
  }
  const flags = `${p ? 'p' : ''}${n ? 'n' : ''}`;
  return prev
    ? `${TRANSITION_PREFIX}${prev.classification}|${prev.unitCode}|${prev.unitValidFrom}|${flags}`
    : `${TRANSITION_PREFIX}NONE|||${flags}`;
}

export interface TransitionKey {
  previousClass: string;
  previousUnitCode: string;
  previousUnitValidFrom: string;
  poorBefore: boolean;
  nearPoorOrPoorBefore: boolean;
}

export function parseTransitionKey(indicator: string): TransitionKey | undefined {
  if (!indicator.startsWith(TRANSITION_PREFIX)) return undefined;
  const [cls, code, validFrom, flags] = indicator.slice(TRANSITION_PREFIX.length).split('|');
  if (cls === undefined || code === undefined || validFrom === undefined || flags === undefined)
    return undefined;
  return {
    previousClass: cls,
    previousUnitCode: code,
    previousUnitValidFrom: validFrom,
    poorBefore: flags.includes('p'),
    nearPoorOrPoorBefore: flags.includes('n'),
  };
}

/**
 * `parseTransitionKey` remembering each key it parsed: a province's transition cells repeat a few
 * thousand keys over its units, so a report that reads them all parses each key once.
 */
export function transitionKeyParser(): (indicator: string) => TransitionKey | undefined {
  const parsed = new Map<string, TransitionKey | undefined>();
  return (indicator) => {
    if (parsed.has(indicator)) return parsed.get(indicator);
    const k = parseTransitionKey(indicator);
    parsed.set(indicator, k);
    return k;
  };
}

export interface BalanceTerms {
  start: number;
  exited: number;
  new: number;
  returned: number;
  movedIn: number;
  movedOut: number;
  end: number;
}

export const emptyTerms = (): BalanceTerms => ({
  start: 0,
  exited: 0,
  new: 0,
  returned: 0,
  movedIn: 0,
  movedOut: 0,
  end: 0,
});

/**
 * Where one household of period P goes in the balance of `cls`, for the unit it counts in now and
 * the unit its previous result counts in (both already landed on the report's units; undefined =
 * outside the report or no previous result). Returns the terms to add to each side.
 */
export function transitionTerms(
  cls: BalanceClass,
  t: { currentClass: string; previousClass: string; sameUnit: boolean; classBefore: boolean },
): { current: (keyof BalanceTerms)[]; previous: (keyof BalanceTerms)[] } {
  const was = t.previousClass === cls;
  const is = t.currentClass === cls;
  if (was && is)
    return t.sameUnit ? { current: [], previous: [] } : { current: ['movedIn'], previous: ['movedOut'] };
  if (was) return { current: [], previous: ['exited'] };
  if (is) return { current: [t.classBefore ? 'returned' : 'new'], previous: [] };
  return { current: [], previous: [] };
}

/**
 * Closes a unit's balance: `start` and `end` are the recognised counts, the flows are those the
 * transitions gave. Households of the start list that have no result in P (they left the
 * registry: moved away, household dissolved, not reviewed) are moved out: movedOut gains
 * `start − exited − movedOut − stayed`.
 * @param stayed households of the start list still of the class in the same unit
 */
export function closeBalance(t: BalanceTerms, stayed: number): BalanceTerms {
  const accounted = t.exited + t.movedOut + stayed;
  return { ...t, movedOut: t.movedOut + (t.start - accounted) };
}

/** end − (start − exited + new + returned + movedIn − movedOut): 0 when the balance holds. */
export function balanceGap(t: BalanceTerms): number {
  return t.end - (t.start - t.exited + t.new + t.returned + t.movedIn - t.movedOut);
}

export function addTerms(a: BalanceTerms, b: BalanceTerms): BalanceTerms {
  return {
    start: a.start + b.start,
    exited: a.exited + b.exited,
    new: a.new + b.new,
    returned: a.returned + b.returned,
    movedIn: a.movedIn + b.movedIn,
    movedOut: a.movedOut + b.movedOut,
    end: a.end + b.end,
  };
}

/** A share as a fraction rounded to 6 places, or null when the denominator is missing or 0. */
export function rateOf(n: number, denominator: number | null): number | null {
  if (denominator === null || denominator <= 0) return null;
  return Math.round((n / denominator) * 1e6) / 1e6;
}
