// Statements of a household's own data report and of the retention of households that left the
// registry (docs/decisions/0027-personal-data.md). Every table that holds a household's personal
// data is named here, once: the report reads them, the erasure deletes from them, and the
// retention test checks each of them.
import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { forgetHouseholdInAccessRecord } from './access-record.repository.js';

/** Every certificate of a household, valid and replaced, oldest first. */
export async function listCertificatesOfHousehold(db: Executor, provinceCode: string, householdId: number) {
  const rows = await db
    .selectFrom('certificate')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .orderBy('period')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), number: Number(r.number), period: Number(r.period) }));
}

export interface RetentionCandidate {
  id: number;
  provinceCode: string;
  householdKey: string;
  communeCode: string;
  /** The last review period with a result (null: none). */
  lastPeriod: number | null;
  updatedAt: string;
}

/**
 * Households that left the registry: no review result after `lastPeriod`, no write since
 * `before` (an instant), and no support received on or after `supportSince` (a date). Ordered by
 * province and id; `limit` rows from `afterId` on (paging).
 */
export async function listRetentionCandidates(
  db: Executor,
  p: { lastPeriod: number; before: string; supportSince: string; afterId: number; limit: number },
): Promise<RetentionCandidate[]> {
  const rows = await db
    .selectFrom('household as h')
    .leftJoin('review_result as r', (j) =>
      j.onRef('r.province_code', '=', 'h.province_code').onRef('r.household_id', '=', 'h.id'),
    )
    .select([
      'h.id',
      'h.province_code',
      'h.household_key',
      'h.commune_code',
      'h.updated_at',
      sql<number | string | null>`max(r.period)`.as('last_period'),
    ])
    .where('h.id', '>', p.afterId)
    .where('h.updated_at', '<', p.before)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('household_support as s')
            .select('s.id')
            .whereRef('s.province_code', '=', 'h.province_code')
            .whereRef('s.household_key', '=', 'h.household_key')
            .where('s.supported_on', '>=', p.supportSince),
        ),
      ),
    )
    .groupBy(['h.id', 'h.province_code', 'h.household_key', 'h.commune_code', 'h.updated_at'])
    .having(sql<boolean>`coalesce(max(r.period), 0) <= ${p.lastPeriod}`)
    .orderBy('h.id')
    .limit(p.limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    provinceCode: r.province_code,
    householdKey: r.household_key,
    communeCode: r.commune_code,
    lastPeriod: r.last_period === null ? null : Number(r.last_period),
    updatedAt: r.updated_at,
  }));
}

/** The tables an erasure deletes from, in the order it deletes (children first). */
export const ERASED_TABLES = [
  'household_member',
  'household_change',
  'review_result',
  'certificate',
  'household_support',
  'campaign_event',
  'review_campaign',
  'household',
] as const;
export type ErasedTable = (typeof ERASED_TABLES)[number] | 'access_record';

/**
 * Erases one household and everything about it: members, history, results (with their answers),
 * certificates, support rows, its regular-review cases with their events, and its name in the
 * access record (kept as counts). The registry's aggregates are counts and stay as they are.
 * Returns the rows touched per table.
 */
export async function eraseHousehold(
  db: Executor,
  h: { id: number; provinceCode: string; householdKey: string },
): Promise<Record<ErasedTable, number>> {
  const del = async (q: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) =>
    Number((await q.executeTakeFirst()).numDeletedRows);
  const byHousehold = (table: 'household_member' | 'household_change' | 'review_result' | 'certificate') =>
    del(
      db
        .deleteFrom(table as 'household_member')
        .where('province_code', '=', h.provinceCode)
        .where('household_id', '=', h.id),
    );
  const out = {} as Record<ErasedTable, number>;
  out.household_member = await byHousehold('household_member');
  out.household_change = await byHousehold('household_change');
  out.review_result = await byHousehold('review_result');
  out.certificate = await byHousehold('certificate');
  out.household_support = await del(
    db
      .deleteFrom('household_support')
      .where('province_code', '=', h.provinceCode)
      .where('household_key', '=', h.householdKey),
  );
  const cases = (
    await db
      .selectFrom('review_campaign')
      .select('id')
      .where('province_code', '=', h.provinceCode)
      .where('kind', '=', 'regular')
      .where('case_key', '=', h.householdKey)
      .execute()
  ).map((c) => Number(c.id));
  out.campaign_event =
    cases.length === 0
      ? 0
      : await del(
          db
            .deleteFrom('campaign_event')
            .where('province_code', '=', h.provinceCode)
            .where('campaign_id', 'in', cases),
        );
  out.review_campaign =
    cases.length === 0
      ? 0
      : await del(
          db
            .deleteFrom('review_campaign')
            .where('province_code', '=', h.provinceCode)
            .where('id', 'in', cases),
        );
  out.household = await del(
    db.deleteFrom('household').where('province_code', '=', h.provinceCode).where('id', '=', h.id),
  );
  out.access_record = await forgetHouseholdInAccessRecord(db, h.provinceCode, h.householdKey);
  return out;
}
