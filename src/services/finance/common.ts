// Shared checks of the finance services: input parsing with field-level coded errors, unit
// look-ups and the set of units a report covers.
import { AppError } from '../../errors.js';
import { parseIsoDate } from '../../domain/dates.js';
import { cleanText, MAX_ID, optionalCleanText } from '../../domain/input.js';
import { periodOf } from '../input.js';
import {
  findUnitOn,
  findUnitVersions,
  listUnitsOn,
  type UnitRecord,
} from '../../db/repositories/units.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import type { Deps } from '../deps.js';

export function reqDate(value: unknown, field: string): string {
  return parseIsoDate(value, field);
}

export function reqText(value: unknown, field: string, max = 2000): string {
  return cleanText(value, field, max);
}

export function optText(value: unknown, field: string, max = 4000): string | null {
  return optionalCleanText(value, field, max);
}

export function reqEnum<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (value === undefined || value === null || value === '')
    throw new AppError('FIELD_REQUIRED', { field }, { field });
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new AppError(
      'ENUM_INVALID',
      { field, value: String(value), allowed: allowed.join(', ') },
      { field },
    );
  }
  return value as T;
}

/** A program year within the declared period range (src/domain/input.ts). */
export function reqYear(deps: Deps, value: unknown, field = 'year'): number {
  return periodOf(deps, value, field);
}

export function reqId(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0 || n > MAX_ID)
    throw new AppError('FIELD_INVALID', { field, detail: 'id' }, { field });
  return n;
}

export function optCount(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw new AppError('FIELD_INVALID', { field, detail: '≥ 0' }, { field });
  return n;
}

export async function unitOn(
  db: Executor,
  code: unknown,
  date: string,
  field = 'unitCode',
): Promise<UnitRecord> {
  const c = reqText(code, field, 10);
  const u = await findUnitOn(db, c, date);
  if (!u) throw new AppError('UNIT_NOT_FOUND', { code: c, date }, { field });
  return u;
}

/**
 * The unit and the units directly under it during the year (a pre-2025 city's wards and
 * communes; a province's districts), so a report on 382 includes what was allocated to its wards.
 */
export async function unitsCovered(
  db: Executor,
  code: string,
  year: number,
): Promise<{ unit: UnitRecord; codes: string[] }> {
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  let unit = (await findUnitOn(db, code, end)) ?? (await findUnitOn(db, code, start));
  let days = [start, end];
  if (!unit) {
    // A unit that ended before the year (Thành phố Sầm Sơn, 30/06/2025) is read as it stood on its
    // last day: its tasks and allocations are still filed under its code and its wards' codes.
    const last = (await findUnitVersions(db, code))
      .filter((v) => v.valid_to !== null && v.valid_to < start)
      .pop();
    if (!last) throw new AppError('UNIT_NOT_FOUND', { code, date: end }, { field: 'unit' });
    unit = last;
    days = [last.valid_to!];
  }
  const codes = new Set([unit.code]);
  for (const on of days)
    for (const u of await listUnitsOn(db, { date: on, parentCode: unit.code })) codes.add(u.code);
  return { unit, codes: [...codes] };
}

/** True for a unique-constraint violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}
