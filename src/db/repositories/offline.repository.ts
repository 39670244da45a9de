// SQL of the offline survey (issue 15, docs/decisions/0036-offline-survey.md): the rows of an
// assignment package (households, members and results of a set of commune codes, three queries
// whatever the number of households), the assignments handed to devices, and the idempotency
// record of the surveys applied from them.
import { sql } from 'kysely';
import type { Executor } from './executor.js';

/** Households of the given commune codes (every period's code of one commune), by key. */
export async function listPackageHouseholds(db: Executor, provinceCodes: string[], communeCodes: string[]) {
  return db
    .selectFrom('household')
    .select([
      'id',
      'province_code',
      'household_key',
      'commune_code',
      'village_id',
      'head_name',
      'address',
      'version',
    ])
    .where('province_code', 'in', provinceCodes)
    .where('commune_code', 'in', communeCodes)
    .orderBy('household_key')
    .execute();
}

/** The members of those households, in each household's order. */
export async function listPackageMembers(db: Executor, provinceCodes: string[], communeCodes: string[]) {
  return db
    .selectFrom('household_member as m')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'm.household_id').onRef('h.province_code', '=', 'm.province_code'),
    )
    .select(['m.household_id', 'm.name', 'm.id_number', 'm.birth_date', 'm.sex', 'm.relation'])
    .where('h.province_code', 'in', provinceCodes)
    .where('h.commune_code', 'in', communeCodes)
    .orderBy('m.household_id')
    .orderBy('m.ordinal')
    .execute();
}

/** Their review results of periods up to `period`, oldest first (the caller keeps the last). */
export async function listPackageResults(
  db: Executor,
  provinceCodes: string[],
  communeCodes: string[],
  period: number,
) {
  return db
    .selectFrom('review_result as r')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'r.household_id').onRef('h.province_code', '=', 'r.province_code'),
    )
    .select([
      'r.province_code',
      'r.household_id',
      'r.unit_code',
      'r.survey_date',
      'r.period',
      'r.classification',
      'r.deprivations',
      'r.status',
      'r.frozen',
      'r.answers',
    ])
    .where('h.province_code', 'in', provinceCodes)
    .where('h.commune_code', 'in', communeCodes)
    .where('r.period', '<=', period)
    .orderBy('r.household_id')
    .orderBy('r.period')
    .execute();
}

export async function insertAssignment(
  db: Executor,
  row: {
    token_hash: string;
    user_id: number;
    unit_code: string;
    period: number;
    households: number;
    created_at: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('offline_assignment')
    .values({ ...row, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** An assignment by its token's hash, with whether its account is still active. */
export async function findAssignment(db: Executor, tokenHash: string) {
  return db
    .selectFrom('offline_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.user_id',
      'a.unit_code',
      'a.period',
      'a.created_at',
      'a.revoked_at',
      'u.active',
      'u.display_name',
    ])
    .where('a.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Revokes every assignment of a user still in force; returns how many. */
export async function revokeAssignments(db: Executor, userId: number, at: string): Promise<number> {
  const r = await db
    .updateTable('offline_assignment')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findSyncRecord(db: Executor, userId: number, clientId: string) {
  return db
    .selectFrom('offline_sync')
    .select(['household_key', 'result_json', 'created_at'])
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

export async function insertSyncRecord(
  db: Executor,
  row: {
    user_id: number;
    client_id: string;
    household_key: string;
    result_json: string;
    photo: string | null;
    position_json: string | null;
    created_at: string;
    province_code: string | null;
  },
): Promise<void> {
  await db.insertInto('offline_sync').values(row).execute();
}

/**
 * What devices recorded at a household's door with the surveys applied: whether a photo came (not
 * the photo itself), the position, who sent it and when; oldest first.
 */
export async function listFieldRecords(db: Executor, provinceCode: string, householdKey: string) {
  return db
    .selectFrom('offline_sync as s')
    .leftJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.client_id',
      's.position_json',
      's.created_at',
      'u.display_name',
      sql<number>`case when s.photo is null then 0 else 1 end`.as('has_photo'),
    ])
    .where('s.province_code', '=', provinceCode)
    .where('s.household_key', '=', householdKey)
    .where((eb) => eb.or([eb('s.photo', 'is not', null), eb('s.position_json', 'is not', null)]))
    .orderBy('s.created_at')
    .orderBy('s.client_id')
    .execute();
}

/** The house photo (a JPEG data URL) sent with one survey of a household, if any. */
export async function findFieldPhoto(
  db: Executor,
  provinceCode: string,
  householdKey: string,
  clientId: string,
) {
  const row = await db
    .selectFrom('offline_sync')
    .select('photo')
    .where('province_code', '=', provinceCode)
    .where('household_key', '=', householdKey)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.photo ?? null;
}

/** The villages of the given commune codes (every period's), by name. */
export async function listPackageVillages(db: Executor, communeCodes: string[]) {
  return db
    .selectFrom('village')
    .select(['id', 'commune_code', 'name'])
    .where('commune_code', 'in', communeCodes)
    .orderBy('name')
    .orderBy('id')
    .execute();
}
