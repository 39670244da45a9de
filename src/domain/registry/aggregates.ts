// The rules of the kept aggregates (review_aggregate) and of the movements between periods, as
// pure functions of stored results: which cells a result counts in, how a write moves the
// transition cells, which later movements a late older period changes. Every write path of the
// registry (src/db/registry-write/) applies these; none computes its own.
import { movementsOf } from './movement.js';
import { transitionKeyOf, type PeriodResult } from './balance.js';

/** One aggregate cell change: +1 / −1 households of a class (and indicator) in a unit version. */
export interface AggregateKey {
  provinceCode: string;
  period: number;
  unitCode: string;
  unitValidFrom: string;
  status: string;
  classification: string;
  /** '' = households; an indicator key; 'movement:<m>'; 'no-labour'. */
  indicator: string;
}

/** What of a result decides the cells it counts in. */
export interface CountedResult {
  period: number;
  unitCode: string;
  unitValidFrom: string;
  status: string;
  classification: string;
  deprivations: readonly string[];
  movement: string;
  noLabour: boolean;
  groups: readonly string[];
}

/** The indicator of each cell a result counts in, in order ('' = the households cell). */
function eachCellIndicator(r: CountedResult, visit: (indicator: string) => void): void {
  visit('');
  visit(`movement:${r.movement}`);
  if (r.noLabour) visit('no-labour');
  for (const d of r.deprivations) visit(d);
  for (const g of r.groups) visit(`group:${g}`);
}

/** The aggregate cells a stored result contributes to. */
export function cellsOf(provinceCode: string, r: CountedResult): AggregateKey[] {
  const base = {
    provinceCode,
    period: r.period,
    unitCode: r.unitCode,
    unitValidFrom: r.unitValidFrom,
    status: r.status,
    classification: r.classification,
  };
  const cells: AggregateKey[] = [];
  eachCellIndicator(r, (indicator) => cells.push({ ...base, indicator }));
  return cells;
}

export const splitDeps = (s: string) => (s ? s.split(',') : []);

/** A stored result as the balance's transition keys need it (domain/registry/balance.ts). */
export interface StoredPeriod extends PeriodResult {
  status: string;
}
export const storedPeriod = (x: {
  period: number;
  unit_code: string;
  unit_valid_from: string;
  status: string;
  classification: string;
}): StoredPeriod => ({
  period: x.period,
  unitCode: x.unit_code,
  unitValidFrom: x.unit_valid_from,
  status: x.status,
  classification: x.classification,
});

/** The cells of a result as stored (a review_result row): every write path takes its old cells back this way. */
export const storedCellsOf = (provinceCode: string, x: Omit<HistoryRow, 'id'>): AggregateKey[] =>
  cellsOf(provinceCode, {
    period: x.period,
    unitCode: x.unit_code,
    unitValidFrom: x.unit_valid_from,
    status: x.status,
    classification: x.classification,
    deprivations: splitDeps(x.deprivations),
    movement: x.movement,
    noLabour: x.no_labour === 1,
    groups: splitDeps(x.groups),
  });

/** The transition cell of a result (its class and unit, keyed by its household's previous period). */
export function transitionCellOf(
  provinceCode: string,
  r: StoredPeriod,
  history: readonly PeriodResult[],
): AggregateKey {
  return {
    provinceCode,
    period: r.period,
    unitCode: r.unitCode,
    unitValidFrom: r.unitValidFrom,
    status: r.status,
    classification: r.classification,
    indicator: transitionKeyOf(history, r.period),
  };
}

/**
 * The moves of transition cells when a household's results go from `before` to `after` (the write
 * of the result of `period`): the cells of that period and of every later one are taken out as
 * they were and put back as they are (the flags look at every earlier period). Unchanged cells
 * cancel out when the deltas are summed.
 */
export function transitionDeltas(
  provinceCode: string,
  before: readonly StoredPeriod[],
  after: readonly StoredPeriod[],
  period: number,
): [AggregateKey, number][] {
  const out: [AggregateKey, number][] = [];
  for (const x of before) if (x.period >= period) out.push([transitionCellOf(provinceCode, x, before), -1]);
  for (const x of after) if (x.period >= period) out.push([transitionCellOf(provinceCode, x, after), 1]);
  return out;
}

/** A stored result of a household, with what its aggregate cells need. */
export interface HistoryRow {
  id: number;
  period: number;
  unit_code: string;
  unit_valid_from: string;
  status: string;
  classification: string;
  deprivations: string;
  movement: string;
  no_labour: number;
  groups: string;
}

export interface MovementChange {
  id: number;
  movement: string;
  deltas: [AggregateKey, number][];
}

/**
 * The results of a household after `period` whose stored movement no longer follows from the
 * history once the result of `period` has class `classification`: the new movement of each and
 * the moves between the `movement:` aggregate cells. A result that arrives late for an older
 * period changes them; every later period is recomputed, because tái nghèo / nghèo phát sinh
 * depend on all earlier periods, not only the previous one.
 * @param history the household's other stored results (any order; the row of `period` is ignored)
 */
export function laterMovementChanges(
  provinceCode: string,
  history: readonly HistoryRow[],
  period: number,
  classification: string,
): MovementChange[] {
  const later = history.filter((x) => x.period > period);
  if (later.length === 0) return [];
  const ordered = [...history.filter((x) => x.period < period), { period, classification }, ...later].sort(
    (a, b) => a.period - b.period,
  );
  const movements = movementsOf(ordered.map((x) => x.classification));
  const out: MovementChange[] = [];
  ordered.forEach((x, i) => {
    if (x.period <= period || !('id' in x)) return;
    const movement = movements[i]!;
    if (movement === x.movement) return;
    const base = {
      provinceCode,
      period: x.period,
      unitCode: x.unit_code,
      unitValidFrom: x.unit_valid_from,
      status: x.status,
      classification: x.classification,
    };
    out.push({
      id: x.id,
      movement,
      deltas: [
        [{ ...base, indicator: `movement:${x.movement}` }, -1],
        [{ ...base, indicator: `movement:${movement}` }, 1],
      ],
    });
  });
  return out;
}

/** Deltas summed per aggregate cell, so that a bulk write upserts each cell once. */
export class AggregateDeltas {
  /** By the cell's unit, status and class (`baseOf`), then by its indicator. */
  private readonly cells = new Map<string, Map<string, [AggregateKey, number]>>();
  /** The cell's key: every field of AggregateKey. */
  static keyOf(k: AggregateKey): string {
    return `${k.provinceCode}|${k.period}|${k.unitCode}|${k.unitValidFrom}|${k.status}|${k.classification}|${k.indicator}`;
  }
  private static baseOf(k: Omit<AggregateKey, 'indicator'>): string {
    return `${k.provinceCode}|${k.period}|${k.unitCode}|${k.unitValidFrom}|${k.status}|${k.classification}`;
  }
  private cellsAt(base: string): Map<string, [AggregateKey, number]> {
    let at = this.cells.get(base);
    if (!at) this.cells.set(base, (at = new Map()));
    return at;
  }
  /** Bound, so it can be passed as a write's `onDelta`. */
  readonly add = (k: AggregateKey, n: number): void => {
    const at = this.cellsAt(AggregateDeltas.baseOf(k));
    const cur = at.get(k.indicator);
    if (cur) cur[1] += n;
    else at.set(k.indicator, [k, n]);
  };
  /**
   * Adds `n` to every cell a result counts in: `cellsOf(provinceCode, r).forEach((c) => add(c, n))`
   * with the cells' unit, status and class looked up once per result rather than once per cell
   * (an import adds the cells of every household it writes).
   */
  addCellsOf(provinceCode: string, r: CountedResult, n: number): void {
    const base = { provinceCode, ...pick(r) };
    const at = this.cellsAt(AggregateDeltas.baseOf(base));
    eachCellIndicator(r, (indicator) => {
      const cur = at.get(indicator);
      if (cur) cur[1] += n;
      else at.set(indicator, [{ ...base, indicator }, n]);
    });
  }
  *values(): IterableIterator<[AggregateKey, number]> {
    for (const at of this.cells.values()) yield* at.values();
  }
}

const pick = (r: CountedResult) => ({
  period: r.period,
  unitCode: r.unitCode,
  unitValidFrom: r.unitValidFrom,
  status: r.status,
  classification: r.classification,
});
