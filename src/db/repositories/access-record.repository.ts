// Statements of the access record (who read or exported which household or list) and of the
// retention of households (docs/decisions/0027-personal-data.md).
import { sql } from 'kysely';
import type { Executor } from './executor.js';

export interface AccessRecordInput {
  at: string;
  actorId: number | null;
  actor: string;
  role: string;
  action: string;
  route: string;
  provinceCode: string | null;
  unitCode: string | null;
  householdKey: string | null;
  households: number;
  filter: Record<string, unknown> | null;
}

export async function insertAccessRecord(db: Executor, r: AccessRecordInput): Promise<number> {
  const row = await db
    .insertInto('access_record')
    .values({
      at: r.at,
      actor_id: r.actorId,
      actor: r.actor,
      role: r.role,
      action: r.action,
      route: r.route,
      province_code: r.provinceCode,
      unit_code: r.unitCode,
      household_key: r.householdKey,
      households: r.households,
      filter_json: r.filter === null ? null : JSON.stringify(r.filter),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The households a list carried, in batches (an export of a province adds them page by page). */
export async function insertAccessHouseholds(
  db: Executor,
  recordId: number,
  provinceCode: string,
  keys: readonly string[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    await db
      .insertInto('access_record_household')
      .values(chunk.map((k) => ({ record_id: recordId, province_code: provinceCode, household_key: k })))
      .execute();
  }
}

export async function setAccessHouseholdCount(db: Executor, recordId: number, n: number): Promise<void> {
  await db.updateTable('access_record').set({ households: n }).where('id', '=', recordId).execute();
}

export interface AccessFilter {
  /** null: every unit (a national scope); otherwise the records of these unit codes only. */
  unitCodes: readonly string[] | null;
  unitCode?: string;
  actor?: string;
  action?: string;
  householdKey?: string;
  from?: string;
  to?: string;
}

function filtered(db: Executor, f: AccessFilter) {
  let q = db.selectFrom('access_record');
  if (f.unitCodes !== null) {
    if (f.unitCodes.length === 0) return null;
    q = q.where('unit_code', 'in', [...f.unitCodes]);
  }
  if (f.unitCode) q = q.where('unit_code', '=', f.unitCode);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.householdKey) {
    const key = f.householdKey;
    q = q.where((eb) =>
      eb.or([
        eb('household_key', '=', key),
        eb(
          'id',
          'in',
          eb.selectFrom('access_record_household').select('record_id').where('household_key', '=', key),
        ),
      ]),
    );
  }
  return q;
}

export type AccessRow = Awaited<ReturnType<typeof listAccessRecords>>[number];

/** Newest first; `before` continues after the last id of the previous page. */
export async function listAccessRecords(
  db: Executor,
  f: AccessFilter,
  page: { limit: number; before?: number },
) {
  const q = filtered(db, f);
  if (!q) return [];
  let s = q.selectAll();
  if (page.before !== undefined) s = s.where('id', '<', page.before);
  const rows = await s.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), households: Number(r.households) }));
}

export async function countAccessRecords(db: Executor, f: AccessFilter): Promise<number> {
  const q = filtered(db, f);
  if (!q) return 0;
  const row = await q.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every record naming a household of a province, directly or as one of a list it was on, oldest first. */
export async function listAccessOfHousehold(db: Executor, provinceCode: string, key: string) {
  const rows = await db
    .selectFrom('access_record')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('province_code', '=', provinceCode), eb('household_key', '=', key)]),
        eb(
          'id',
          'in',
          eb
            .selectFrom('access_record_household')
            .select('record_id')
            .where('province_code', '=', provinceCode)
            .where('household_key', '=', key),
        ),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), households: Number(r.households) }));
}

/**
 * Erasure: the household's name leaves the access record. A record of this household alone is kept
 * as a count (who read "a household" of that commune, when) with the key removed; its line in a
 * list's households is deleted. Returns how many records were touched.
 */
export async function forgetHouseholdInAccessRecord(
  db: Executor,
  provinceCode: string,
  key: string,
): Promise<number> {
  const single = await db
    .updateTable('access_record')
    .set({ household_key: null })
    .where('province_code', '=', provinceCode)
    .where('household_key', '=', key)
    .executeTakeFirst();
  const inLists = await db
    .deleteFrom('access_record_household')
    .where('province_code', '=', provinceCode)
    .where('household_key', '=', key)
    .executeTakeFirst();
  return Number(single.numUpdatedRows) + Number(inLists.numDeletedRows);
}
