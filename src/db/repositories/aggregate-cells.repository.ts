// The two readings of the kept aggregates that most reports share: a province's household cells
// (indicator '') of one period, and its transition cells (indicator `from:…`) of one period, every
// status and count as kept. A screen that assembles several reports in one request (the dashboard:
// summary per year, balance, targets, review progress) reads each once through a read scope
// (`readScope`): the executor it returns remembers these readings for as long as it lives, so the
// same few thousand cells are not read four times. Any other executor reads afresh every time.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { startsWith, type Executor } from './executor.js';

export interface KeptCell {
  period: number;
  unit_code: string;
  unit_valid_from: string;
  status: string;
  classification: string;
  indicator: string;
  n: number;
}

const scopes = new WeakMap<object, Map<string, Promise<readonly KeptCell[]>>>();

/**
 * An executor on the same database whose readings of the shared cells are remembered while it
 * lives: for one request's read-only assembly of several reports, never for writes.
 */
export function readScope(db: Kysely<Database>): Kysely<Database> {
  const scoped = db.withPlugin({
    transformQuery: (a) => a.node,
    transformResult: async (a) => a.result,
  });
  scopes.set(scoped, new Map());
  return scoped;
}

function remembered(
  db: Executor,
  key: string,
  read: () => Promise<readonly KeptCell[]>,
): Promise<readonly KeptCell[]> {
  const memo = scopes.get(db);
  if (!memo) return read();
  let p = memo.get(key);
  if (!p) memo.set(key, (p = read()));
  return p;
}

const COLUMNS = [
  'period',
  'unit_code',
  'unit_valid_from',
  'status',
  'classification',
  'indicator',
  'n',
] as const;

const asCells = (rows: readonly Omit<KeptCell, never>[]): KeptCell[] =>
  rows.map((r) => ({ ...r, period: Number(r.period), n: Number(r.n) }));

/** The province's household cells (indicator '') of a period, every status, counts of 0 included. */
export function householdCellsOfPeriod(
  db: Executor,
  provinceCode: string,
  period: number,
): Promise<readonly KeptCell[]> {
  return remembered(db, `households|${provinceCode}|${period}`, async () =>
    asCells(
      await db
        .selectFrom('review_aggregate')
        .select([...COLUMNS])
        .where('province_code', '=', provinceCode)
        .where('period', '=', period)
        .where('indicator', '=', '')
        .execute(),
    ),
  );
}

/** The province's transition cells (indicator `from:…`) of a period, every status, counts of 0 included. */
export function transitionCellsOfPeriod(
  db: Executor,
  provinceCode: string,
  period: number,
): Promise<readonly KeptCell[]> {
  return remembered(db, `transitions|${provinceCode}|${period}`, async () =>
    asCells(
      await db
        .selectFrom('review_aggregate')
        .select([...COLUMNS])
        .where('province_code', '=', provinceCode)
        .where('period', '=', period)
        .where(startsWith(db, 'indicator', 'from:'))
        .execute(),
    ),
  );
}
