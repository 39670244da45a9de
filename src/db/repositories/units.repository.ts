// SQL of administrative units and their succession links. A unit is found by code *and* date:
// codes were reused after the 2025 reform.
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { AdminUnitSuccessionTable, AdminUnitTable, Database } from '../schema.js';
import type { SuccessionRow, UnitRow } from '../../domain/units/dataset.js';
import { unitNameKey } from '../../domain/units/name-search.js';

export type { Executor } from './executor.js';
import type { Executor } from './executor.js';
export type UnitRecord = Selectable<AdminUnitTable>;
export type SuccessionRecord = Selectable<AdminUnitSuccessionTable>;

const inForceOn = (date: string) => (eb: ExpressionBuilder<Database, 'admin_unit'>) =>
  eb.and([
    eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', date)]),
    eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]),
  ]);

export async function countUnits(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('admin_unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The unit holding `code` on `date`, or undefined. */
export async function findUnitOn(db: Executor, code: string, date: string): Promise<UnitRecord | undefined> {
  return db
    .selectFrom('admin_unit')
    .selectAll()
    .where('code', '=', code)
    .where(inForceOn(date))
    .executeTakeFirst();
}

/** Every version of a code, oldest first (a code may name different units over time). */
export async function findUnitVersions(db: Executor, code: string): Promise<UnitRecord[]> {
  const rows = await db.selectFrom('admin_unit').selectAll().where('code', '=', code).execute();
  return rows.sort((a, b) => (a.valid_from ?? '').localeCompare(b.valid_from ?? ''));
}

/** All units of a level in force on a date within a province (or the whole country). */
export async function listUnitsOn(
  db: Executor,
  opts: { date: string; level?: string; provinceCode?: string; parentCode?: string },
): Promise<UnitRecord[]> {
  let q = db.selectFrom('admin_unit').selectAll().where(inForceOn(opts.date));
  if (opts.level) q = q.where('level', '=', opts.level);
  if (opts.provinceCode) q = q.where('province_code', '=', opts.provinceCode);
  if (opts.parentCode) q = q.where('parent_code', '=', opts.parentCode);
  return q.orderBy('code').execute();
}

/** Links into the unit version starting on `validFrom` (its predecessors). */
export async function predecessorsOf(
  db: Executor,
  code: string,
  level: string,
  validFrom: string,
): Promise<SuccessionRecord[]> {
  return db
    .selectFrom('admin_unit_succession')
    .selectAll()
    .where('successor_code', '=', code)
    .where('successor_level', '=', level)
    .where('successor_valid_from', '=', validFrom)
    .orderBy('predecessor_code')
    .execute();
}

/** Links out of the unit version ending on `validTo` (its successors). */
export async function successorsOf(
  db: Executor,
  code: string,
  level: string,
  validTo: string,
): Promise<SuccessionRecord[]> {
  return db
    .selectFrom('admin_unit_succession')
    .selectAll()
    .where('predecessor_code', '=', code)
    .where('predecessor_level', '=', level)
    .where('predecessor_valid_to', '=', validTo)
    .orderBy('successor_code')
    .execute();
}

/** All succession links of a province (for regrouping results onto another date's units). */
export async function listSuccessions(
  db: Executor,
  opts: { level?: string } = {},
): Promise<SuccessionRecord[]> {
  let q = db.selectFrom('admin_unit_succession').selectAll();
  if (opts.level) q = q.where('predecessor_level', '=', opts.level);
  return q.execute();
}

/** Bulk insert of the reference lists, in statements of 500 rows (inside the caller's transaction). */
export async function insertUnits(db: Executor, rows: UnitRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('admin_unit')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, name_key: unitNameKey(r.name) })))
      .execute();
  }
}

/**
 * Units whose name key contains `key` (already folded, [a-z0-9 ] only) at the start of a word, or
 * whose code starts with `key` when digits were typed; optionally in force on a date, of a level,
 * and within a unit (the unit itself, its province, its pre-2025 district or its parent).
 * At most `limit` rows, in no particular order (the service ranks them).
 */
export async function searchUnitsByName(
  db: Executor,
  opts: { key: string; date?: string; level?: string; within?: string; limit: number },
): Promise<UnitRecord[]> {
  let q = db.selectFrom('admin_unit').selectAll();
  q = /^[0-9]+$/.test(opts.key)
    ? q.where('code', 'like', `${opts.key}%`)
    : q.where(sql<string>`' ' || name_key`, 'like', `% ${opts.key}%`);
  if (opts.date) q = q.where(inForceOn(opts.date));
  if (opts.level) q = q.where('level', '=', opts.level);
  if (opts.within) {
    const w = opts.within;
    q = q.where((eb) =>
      eb.or([
        eb('code', '=', w),
        eb('province_code', '=', w),
        eb('district_code', '=', w),
        eb('parent_code', '=', w),
      ]),
    );
  }
  return q.orderBy('name').limit(opts.limit).execute();
}

/** Every version of the given codes (to name the parents of search results). */
export async function findUnitsByCodes(db: Executor, codes: string[]): Promise<UnitRecord[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('admin_unit').selectAll().where('code', 'in', codes).execute();
}

export async function insertSuccessions(db: Executor, rows: SuccessionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('admin_unit_succession')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Codes of the units directly under `code` in any period (a pre-2025 district's communes, a province's units). */
export async function listChildCodesAnyPeriod(db: Executor, code: string): Promise<string[]> {
  const rows = await db
    .selectFrom('admin_unit')
    .select('code')
    .distinct()
    .where('parent_code', '=', code)
    .execute();
  return rows.map((r) => r.code);
}

/**
 * The codes of every unit (any period) lying under `code`: whose province, district or parent it
 * is; `ofDistrict` are those whose district it is (their reform links count too, see access.ts).
 */
export async function listCodesUnder(
  db: Executor,
  code: string,
): Promise<{ all: string[]; ofDistrict: string[] }> {
  const rows = await db
    .selectFrom('admin_unit')
    .select(['code', 'district_code'])
    .where((eb) =>
      eb.or([eb('province_code', '=', code), eb('district_code', '=', code), eb('parent_code', '=', code)]),
    )
    .execute();
  return {
    all: [...new Set(rows.map((r) => r.code))],
    ofDistrict: [...new Set(rows.filter((r) => r.district_code === code).map((r) => r.code))],
  };
}
