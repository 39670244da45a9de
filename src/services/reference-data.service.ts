// Loads the shipped reference data (administrative units of Vietnam before and after the 2025
// reform, and the official conversion table) into an empty database, in one transaction.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { buildSuccessionRows, buildUnitRows, type Record_ } from '../domain/units/dataset.js';
import { countUnits, insertSuccessions, insertUnits } from '../db/repositories/units.repository.js';
import { getMeta, setMeta } from '../db/repositories/meta.repository.js';
import type { Db } from '../db/database.js';

/** Bump when the shipped unit files change: the loader then reloads them. */
export const UNITS_DATASET_VERSION = 'gso-2025-07-01+nso-conversion-2026-02-20';

const datasetUrl = (name: string) => new URL(`../../datasets/units/${name}`, import.meta.url);

function readCsv(name: string): Record_[] {
  return parse(fs.readFileSync(datasetUrl(name)), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Record_[];
}

export async function ensureReferenceData(
  db: Db,
  progress: (msg: string) => void = () => {},
): Promise<boolean> {
  const version = await getMeta(db.kysely, 'units_dataset');
  if (version === UNITS_DATASET_VERSION && (await countUnits(db.kysely)) > 0) return false;
  progress('Đang nạp danh mục đơn vị hành chính… / Loading administrative units…');
  const units = buildUnitRows({
    pre2025Units: readCsv('vn_units_pre2025_gso.csv'),
    pre2025Districts: readCsv('vn_districts_pre2025_gso.csv'),
    post2025Units: readCsv('vn_units_post2025.csv'),
  });
  const successions = buildSuccessionRows(readCsv('vn_mapping_2025_old_to_new_nso.csv'), units);
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('admin_unit_succession').execute();
    await trx.deleteFrom('admin_unit').execute();
    await insertUnits(trx, units);
    await insertSuccessions(trx, successions);
    await setMeta(trx, 'units_dataset', UNITS_DATASET_VERSION);
  });
  progress(
    `Đã nạp ${units.length} đơn vị, ${successions.length} liên kết sáp nhập. / Loaded ${units.length} units, ${successions.length} links.`,
  );
  return true;
}
