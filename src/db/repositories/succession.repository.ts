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
