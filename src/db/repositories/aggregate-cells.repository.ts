// The two readings of the kept aggregates that most reports share: a province's household cells
// (indicator '') of one period, and its transition cells (indicator `from:…`) of one period, every
// status and count as kept. A screen that assembles several reports in one request (the dashboard:
// summary per year, balance, targets, review progress) reads each once through a read scope
// (`readScope`): the executor it returns remembers these readings for as long as it lives, so the
// same few thousand cells are not read four times. Any other executor reads afresh every time.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ReviewAggregateTable } from '../schema-registry.js';
import { startsWith, type Executor } from './executor.js';

/** A kept cell as the reports read it: the table's row without its province (the reading's own). */
export type KeptCell = Omit<ReviewAggregateTable, 'province_code'>;

interface Scope {
  /** This request's readings, by key. */
  memo: Map<string, Promise<readonly KeptCell[]>>;
  /** The database whose readings outlive the request (see `readScope`), and the stamps read. */
  keep?: { database: object; stamps: Map<string, Promise<string>> };
}

const scopes = new WeakMap<object, Scope>();

/**
 * Readings kept between requests, per database: a province's cells with the stamp they were read
 * under (migration 2026-12-04T1400: triggers on the tables of the figures give the province a new
 * random stamp with every change). A reading is used again only while its province's stamp is the
 * same, so a figure is fresh after every write. At most KEPT_CELLS cells are kept per database; the
 * oldest reading goes first. Values derived from the figures (`keptUnderStamp`) are kept the same
 * way, at most KEPT_VALUES of them.
 */
const kept = new WeakMap<object, Map<string, { stamp: string; cells: readonly KeptCell[] }>>();
const KEPT_CELLS = 600_000;
const derived = new WeakMap<object, Map<string, { stamp: string; value: Promise<unknown> }>>();
const KEPT_VALUES = 256;

/**
 * An executor on the same database whose readings of the shared cells are remembered while it
 * lives: for one request's read-only assembly of several reports, never for writes. Given the
 * database's identity (its connection pool or handle), the readings are also kept between
 * requests under their province's stamp.
 */
export function readScope(db: Kysely<Database>, database?: object): Kysely<Database> {
  // Already a scope: its readings stand for the whole request.
  if (scopes.has(db)) return db;
  const scoped = db.withPlugin({
    transformQuery: (a) => a.node,
    transformResult: async (a) => a.result,
  });
  scopes.set(scoped, { memo: new Map(), ...(database ? { keep: { database, stamps: new Map() } } : {}) });
  return scoped;
}

/** The province's stamp: changed by every change of its figures' tables ('' before the first). */
export async function figuresStamp(db: Executor, provinceCode: string): Promise<string> {
  const row = await db
    .selectFrom('figures_stamp')
    .select('stamp')
    .where('province_code', '=', provinceCode)
    .executeTakeFirst();
  return row?.stamp ?? '';
}

/** The province's stamp as this request read it (once). */
function stampIn(db: Executor, keep: NonNullable<Scope['keep']>, provinceCode: string): Promise<string> {
  let stamp = keep.stamps.get(provinceCode);
  if (!stamp) keep.stamps.set(provinceCode, (stamp = figuresStamp(db, provinceCode)));
  return stamp;
}

/**
 * A value derived from a province's figures (its cells, campaigns, households per commune,
 * resident households, targets — the tables that stamp it), computed once and kept between
 * requests while the province's stamp stays the same. Outside a read scope given its database,
 * computed every time. The key names everything else the value depends on.
 */
export async function keptUnderStamp<T>(
  db: Executor,
  provinceCode: string,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const keep = scopes.get(db)?.keep;
  if (!keep) return compute();
  const now = await stampIn(db, keep, provinceCode);
  let store = derived.get(keep.database);
  if (!store) derived.set(keep.database, (store = new Map()));
  const full = `${provinceCode}|${key}`;
  const hit = store.get(full);
  if (hit && hit.stamp === now) return hit.value as Promise<T>;
  const value = compute();
  store.delete(full);
  store.set(full, { stamp: now, value });
  // A computation that fails is not kept.
  value.catch(() => {
    if (store.get(full)?.value === value) store.delete(full);
  });
  while (store.size > KEPT_VALUES) store.delete(store.keys().next().value!);
  return value;
}

/** A reading of every status, from the readings kept between requests when the stamp allows. */
async function keptReading(
  db: Executor,
  keep: NonNullable<Scope['keep']>,
  provinceCode: string,
  key: string,
  read: () => Promise<readonly KeptCell[]>,
): Promise<readonly KeptCell[]> {
  const now = await stampIn(db, keep, provinceCode);
  let store = kept.get(keep.database);
  if (!store) kept.set(keep.database, (store = new Map()));
  const hit = store.get(key);
  if (hit && hit.stamp === now) return hit.cells;
  const cells = await read();
  store.delete(key);
  store.set(key, { stamp: now, cells });
  let total = 0;
  for (const v of store.values()) total += v.cells.length;
  for (const [k, v] of store) {
    if (total <= KEPT_CELLS || k === key) break;
    store.delete(k);
    total -= v.cells.length;
  }
  return cells;
}

/**
 * One reading of a province's cells of a period: in a read scope, every status once, shared and
 * filtered here; elsewhere only the status asked for (a report of recognised figures reads about
 * half the cells of a period under review).
 */
async function cellsOf(
  db: Executor,
  provinceCode: string,
  key: string,
  status: string | undefined,
  read: (status: string | undefined) => Promise<readonly KeptCell[]>,
): Promise<readonly KeptCell[]> {
  const scope = scopes.get(db);
  if (!scope) return read(status);
  let p = scope.memo.get(key);
  if (!p) {
    const { keep } = scope;
    p = keep ? keptReading(db, keep, provinceCode, key, () => read(undefined)) : read(undefined);
    scope.memo.set(key, p);
  }
  const all = await p;
  return status === undefined ? all : all.filter((c) => c.status === status);
}

/**
 * The rows as cells. Only what varies is read (a cell is about 1.5 µs of the engine's row decoding
 * per column read): the period, the indicator of a household cell and a status asked for are known.
 */
function asCells(
  rows: {
    unit_code: string;
    unit_valid_from: string;
    classification: string;
    n: number | string | bigint;
    status?: string;
    indicator?: string;
  }[],
  period: number,
  status: string | undefined,
): KeptCell[] {
  const out: KeptCell[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const r = rows[i]!;
    out[i] = {
      period,
      unit_code: r.unit_code,
      unit_valid_from: r.unit_valid_from,
      status: status ?? r.status!,
      classification: r.classification,
      indicator: r.indicator ?? '',
      n: typeof r.n === 'number' ? r.n : Number(r.n),
    };
  }
  return out;
}

/** The province's household cells (indicator '') of a period, of one status or every one, counts of 0 included. */
export function householdCellsOfPeriod(
  db: Executor,
  provinceCode: string,
  period: number,
  status?: string,
): Promise<readonly KeptCell[]> {
  return cellsOf(db, provinceCode, `households|${provinceCode}|${period}`, status, (only) =>
    readCells(db, provinceCode, period, only, false),
  );
}

/** The province's transition cells (indicator `from:…`) of a period, of one status or every one, counts of 0 included. */
export function transitionCellsOfPeriod(
  db: Executor,
  provinceCode: string,
  period: number,
  status?: string,
): Promise<readonly KeptCell[]> {
  return cellsOf(db, provinceCode, `transitions|${provinceCode}|${period}`, status, (only) =>
    readCells(db, provinceCode, period, only, true),
  );
}

/** One range of the index by (province, period, indicator): the household or the transition cells. */
async function readCells(
  db: Executor,
  provinceCode: string,
  period: number,
  status: string | undefined,
  transitions: boolean,
): Promise<KeptCell[]> {
  let q = db
    .selectFrom('review_aggregate')
    .select(['unit_code', 'unit_valid_from', 'classification', 'n'])
    .where('province_code', '=', provinceCode)
    .where('period', '=', period);
  q = transitions
    ? q.select('indicator').where(startsWith(db, 'indicator', 'from:'))
    : q.where('indicator', '=', '');
  const rows =
    status === undefined
      ? await q.select('status').execute()
      : await q.where('status', '=', status).execute();
  return asCells(rows, period, status);
}

/**
 * The same cells counted from the registry (the benchmarks' baseline): one GROUP BY over the
 * results of the period for the household cells, and for the transition cells one over the results
 * of the period joined to the same household's result of the period before, with the flags of
 * earlier periods — every status, as the kept cells are. Cells of 0 are not produced.
 */
export async function cellsFromScratch(
  db: Executor,
  provinceCode: string,
  period: number,
  opts: { transitions?: boolean } = {},
): Promise<{ households: KeptCell[]; transitions: KeptCell[] }> {
  const householdsOf = (
    rows: { unit_code: string; unit_valid_from: string; status: string; classification: string; n: number }[],
  ): KeptCell[] => rows.map((c) => ({ ...c, period, indicator: '', n: Number(c.n) }));
  const counts = await db
    .selectFrom('review_result')
    .select([
      'unit_code',
      'unit_valid_from',
      'status',
      'classification',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('province_code', '=', provinceCode)
    .where('period', '=', period)
    .groupBy(['unit_code', 'unit_valid_from', 'status', 'classification'])
    .execute();
  if (opts.transitions === false) return { households: householdsOf(counts), transitions: [] };
  const transitions = await sql<{
    unit_code: string;
    unit_valid_from: string;
    status: string;
    classification: string;
    prev_class: string | null;
    prev_unit: string | null;
    prev_valid_from: string | null;
    poor_before: number;
    near_before: number;
    n: number;
  }>`
    SELECT unit_code, unit_valid_from, status, classification, prev_class, prev_unit, prev_valid_from,
           poor_before, near_before, COUNT(*) AS n
    FROM (
      SELECT r.unit_code, r.unit_valid_from, r.status, r.classification,
             p.classification AS prev_class, p.unit_code AS prev_unit, p.unit_valid_from AS prev_valid_from,
             CASE WHEN EXISTS (SELECT 1 FROM review_result o WHERE o.province_code = r.province_code
                   AND o.household_id = r.household_id AND o.period < ${period - 1}
                   AND o.classification = 'POOR') THEN 1 ELSE 0 END AS poor_before,
             CASE WHEN EXISTS (SELECT 1 FROM review_result o WHERE o.province_code = r.province_code
                   AND o.household_id = r.household_id AND o.period < ${period - 1}
                   AND o.classification IN ('POOR', 'NEAR_POOR')) THEN 1 ELSE 0 END AS near_before
      FROM review_result r
      LEFT JOIN review_result p ON p.province_code = r.province_code AND p.household_id = r.household_id
                               AND p.period = ${period - 1}
      WHERE r.province_code = ${provinceCode} AND r.period = ${period}
    ) t
    GROUP BY unit_code, unit_valid_from, status, classification, prev_class, prev_unit, prev_valid_from,
             poor_before, near_before`.execute(db);
  return {
    households: householdsOf(counts),
    transitions: transitions.rows.map((t) => {
      const flags = `${Number(t.poor_before) ? 'p' : ''}${Number(t.near_before) ? 'n' : ''}`;
      return {
        period,
        unit_code: t.unit_code,
        unit_valid_from: t.unit_valid_from,
        status: t.status,
        classification: t.classification,
        indicator: t.prev_class
          ? `from:${t.prev_class}|${t.prev_unit}|${t.prev_valid_from}|${flags}`
          : `from:NONE|||${flags}`,
        n: Number(t.n),
      };
    }),
  };
}

/**
 * A read scope whose readings of a province's periods are the given cells (the benchmarks run a
 * report on cells counted from scratch through the same code that reads the kept ones).
 */
export function readScopeOf(
  db: Kysely<Database>,
  provinceCode: string,
  cells: ReadonlyMap<number, { households: readonly KeptCell[]; transitions: readonly KeptCell[] }>,
): Kysely<Database> {
  const scoped = readScope(db);
  const { memo } = scopes.get(scoped)!;
  for (const [period, c] of cells) {
    memo.set(`households|${provinceCode}|${period}`, Promise.resolve(c.households));
    memo.set(`transitions|${provinceCode}|${period}`, Promise.resolve(c.transitions));
  }
  return scoped;
}
