// SQL of villages.
import type { Insertable } from 'kysely';
import type { VillageTable } from '../schema.js';
import type { Executor } from './executor.js';

export async function insertVillage(db: Executor, row: Insertable<VillageTable>) {
  return db.insertInto('village').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listVillagesOfCommune(db: Executor, communeCode: string, communeValidFrom: string) {
  return db
    .selectFrom('village')
    .selectAll()
    .where('commune_code', '=', communeCode)
    .where('commune_valid_from', '=', communeValidFrom)
    .orderBy('id')
    .execute();
}

export async function findVillage(db: Executor, id: number) {
  return db.selectFrom('village').selectAll().where('id', '=', id).executeTakeFirst();
}
