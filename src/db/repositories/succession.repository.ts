// Succession links read by code, in both directions.
import type { Executor } from './executor.js';

/** Every 2025-reform link in which the code is the predecessor or the successor (commune level). */
export async function listLinksOfCode(db: Executor, code: string) {
  return db
    .selectFrom('admin_unit_succession')
    .selectAll()
    .where((eb) => eb.or([eb('predecessor_code', '=', code), eb('successor_code', '=', code)]))
    .where('successor_level', '=', 'commune')
    .execute();
}

/** Every commune-level 2025-reform link touching any of the codes (either side). */
export async function listLinksOfCodes(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('admin_unit_succession')
    .select(['predecessor_code', 'successor_code'])
    .where((eb) => eb.or([eb('predecessor_code', 'in', codes), eb('successor_code', 'in', codes)]))
    .where('successor_level', '=', 'commune')
    .execute();
}
