// SQL of the certificates of poor and near-poor households (Mẫu số 03) and of the household-list
// exports: the number counter, the certificate rows, the recognised results they are issued for,
// and the keyset-paged reads that let a province-wide export stream without holding it in memory.
import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { withMemberData } from './registry.repository.js';
import { fts5Query, tsQuery, type HouseholdFilter } from './household-search.repository.js';

export interface CounterKey {
  provinceCode: string;
  communeCode: string;
  communeValidFrom: string;
  year: number;
}

/**
 * Reserves `n` consecutive numbers of a commune × year and returns the first. One statement that
 * inserts or increments the counter row: on PostgreSQL it locks that row until the transaction
 * ends, so two recognitions in the same commune never draw the same number.
 */
export async function reserveNumbers(db: Executor, k: CounterKey, n: number): Promise<number> {
  const row = await db
    .insertInto('certificate_counter')
    .values({
      province_code: k.provinceCode,
      commune_code: k.communeCode,
      commune_valid_from: k.communeValidFrom,
      year: k.year,
      last_number: n,
    })
    .onConflict((oc) =>
      oc
        .columns(['province_code', 'commune_code', 'commune_valid_from', 'year'])
        .doUpdateSet({ last_number: sql<number>`certificate_counter.last_number + ${n}` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number) - n + 1;
}

export interface CertificateInsert {
  provinceCode: string;
  communeCode: string;
  communeValidFrom: string;
  year: number;
  number: number;
  householdId: number;
  period: number;
  classification: string;
  campaignId: number;
  decisionNumber: string;
  decisionDate: string;
  signer: string;
  issuedAt: string;
}

export async function insertCertificate(db: Executor, c: CertificateInsert) {
  return db
    .insertInto('certificate')
    .values({
      province_code: c.provinceCode,
      commune_code: c.communeCode,
      commune_valid_from: c.communeValidFrom,
      year: c.year,
      number: c.number,
      household_id: c.householdId,
      period: c.period,
      classification: c.classification,
      campaign_id: c.campaignId,
      decision_number: c.decisionNumber,
      decision_date: c.decisionDate,
      signer: c.signer,
      status: 'valid',
      issued_at: c.issuedAt,
      replaced_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markCertificateReplaced(db: Executor, provinceCode: string, id: number, at: string) {
  await db
    .updateTable('certificate')
    .set({ status: 'replaced', replaced_at: at })
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .execute();
}

/** The valid certificate of a household for a review period, if any. */
export async function findValidCertificate(
  db: Executor,
  provinceCode: string,
  householdId: number,
  period: number,
) {
  return db
    .selectFrom('certificate')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .where('period', '=', period)
    .where('status', '=', 'valid')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Valid certificates of the households of some ids for a period (one query for a campaign). */
export async function listValidCertificatesOf(
  db: Executor,
  provinceCode: string,
  period: number,
  householdIds: number[],
) {
  if (householdIds.length === 0) return [];
  const out = [];
  // Bounded IN lists: a commune has a few thousand households at most, a batch stays well under
  // the parameter limits of both databases.
  for (let i = 0; i < householdIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('certificate')
        .selectAll()
        .where('province_code', '=', provinceCode)
        .where('period', '=', period)
        .where('status', '=', 'valid')
        .where('household_id', 'in', householdIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/** Valid certificates issued by a commune version for a review period, in number order. */
export async function listCertificatesOfCommune(
  db: Executor,
  provinceCode: string,
  communeCode: string,
  communeValidFrom: string,
  period: number,
) {
  return db
    .selectFrom('certificate')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('commune_code', '=', communeCode)
    .where('commune_valid_from', '=', communeValidFrom)
    .where('period', '=', period)
    .where('status', '=', 'valid')
    .orderBy('year')
    .orderBy('number')
    .execute();
}

/**
 * The results of a commune version and period with the household columns a certificate and the
 * recognised list need, ordered by village then head name (the order numbers are given in).
 * `householdId` narrows to one household (a regular-review case).
 */
export async function listCommuneResults(
  db: Executor,
  f: {
    provinceCode: string;
    communeCode: string;
    communeValidFrom: string;
    period: number;
    householdId?: number;
    classifications?: string[];
  },
) {
  let q = db
    .selectFrom('review_result as r')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'r.household_id').onRef('h.province_code', '=', 'r.province_code'),
    )
    .leftJoin('village as v', 'v.id', 'h.village_id')
    .select([
      'r.id as result_id',
      'r.household_id',
      'r.classification',
      'r.frozen',
      'r.status',
      'r.standard',
      'r.movement',
      'r.deprivations',
      'r.deprivation_count',
      'r.survey_date',
      'h.household_key',
      'h.head_name',
      'h.head_birth_date',
      'h.address',
      'h.member_count',
      'h.village_id',
      'v.name as village_name',
    ])
    .where('r.province_code', '=', f.provinceCode)
    .where('r.unit_code', '=', f.communeCode)
    .where('r.unit_valid_from', '=', f.communeValidFrom)
    .where('r.period', '=', f.period);
  if (f.householdId !== undefined) q = q.where('r.household_id', '=', f.householdId);
  if (f.classifications) q = q.where('r.classification', 'in', f.classifications);
  return q.orderBy('h.village_id').orderBy('h.head_key').orderBy('h.id').execute();
}

/** The household list's filter (the export selects exactly the rows the list shows). */
export type ExportFilter = Omit<HouseholdFilter, 'limit' | 'offset' | 'countCap' | 'denseFrom'> & {
  provinceCode: string;
};

export interface ExportCursor {
  communeCode: string;
  headKey: string;
  id: number;
}

/**
 * One page of the household list for an export, in (commune, head name, id) order, after
 * `cursor`. Keyset paging: each page costs the same however deep the export is, and memory holds
 * one page at a time.
 */
export async function exportHouseholdsPage(
  db: Executor,
  f: ExportFilter,
  cursor: ExportCursor | null,
  limit: number,
) {
  let q = db
    .selectFrom('household as h')
    .leftJoin('review_result as r', (j) =>
      j
        .onRef('r.household_id', '=', 'h.id')
        .onRef('r.province_code', '=', 'h.province_code')
        .on('r.period', '=', f.period ?? -1),
    )
    .leftJoin('village as v', 'v.id', 'h.village_id')
    .select([
      'h.id',
      'h.household_key',
      'h.commune_code',
      'h.head_key',
      'h.head_name',
      'h.head_birth_date',
      'h.address',
      'h.member_count',
      'h.updated_at',
      'v.name as village_name',
      'r.period',
      'r.survey_date',
      'r.classification',
      'r.movement',
      'r.status',
      'r.frozen',
      'r.deprivation_count',
      'r.deprivations',
      'r.no_labour',
      'r.groups',
      'r.income_line',
    ])
    .where('h.province_code', '=', f.provinceCode);
  if (f.communeCodes) q = q.where('h.commune_code', 'in', f.communeCodes.length ? f.communeCodes : ['']);
  if (f.villageId !== undefined) q = q.where('h.village_id', '=', f.villageId);
  if (f.classification) q = q.where('r.classification', '=', f.classification);
  if (f.movement) q = q.where('r.movement', '=', f.movement);
  // The list's word rule (household-search.repository): every word whole, the last as a prefix.
  const tokens = (f.tokens ?? []).filter((t) => /^[a-z0-9]+$/.test(t));
  if (tokens.length > 0) {
    q =
      f.dialect === 'postgres'
        ? q.where(
            sql<boolean>`to_tsvector('simple'::regconfig, h.search_key) @@ to_tsquery('simple'::regconfig, ${tsQuery(tokens)})`,
          )
        : q.where(
            sql<boolean>`h.id IN (SELECT rowid FROM household_search WHERE household_search MATCH ${fts5Query(tokens)})`,
          );
  }
  if (cursor) {
    q = q.where(
      sql<boolean>`(h.commune_code, h.head_key, h.id) > (${cursor.communeCode}, ${cursor.headKey}, ${cursor.id})`,
    );
  }
  return q.orderBy('h.commune_code').orderBy('h.head_key').orderBy('h.id').limit(limit).execute();
}

/** The members of several households at once (one page of an export or a batch of certificates). */
export async function listMembersOf(db: Executor, provinceCode: string, householdIds: number[]) {
  if (householdIds.length === 0) return [];
  const out = [];
  for (let i = 0; i < householdIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('household_member')
        .selectAll()
        .where('province_code', '=', provinceCode)
        .where('household_id', 'in', householdIds.slice(i, i + 500))
        .orderBy('household_id')
        .orderBy('ordinal')
        .execute()),
    );
  }
  return withMemberData(db, out);
}

/** Households by id (the certificate's household columns). */
export async function findHouseholdById(db: Executor, provinceCode: string, id: number) {
  return db
    .selectFrom('household')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The review campaigns of a commune version and period that carry a recognition, newest first. */
export async function listRecognisedCampaigns(
  db: Executor,
  f: { provinceCode: string; communeCode: string; communeValidFrom: string; period: number },
) {
  return db
    .selectFrom('review_campaign')
    .selectAll()
    .where('province_code', '=', f.provinceCode)
    .where('commune_code', '=', f.communeCode)
    .where('commune_valid_from', '=', f.communeValidFrom)
    .where('period', '=', f.period)
    .where('step', 'in', ['recognised', 'reported'])
    .orderBy('id', 'desc')
    .execute();
}

/** How many certificates a campaign's recognition issued (still valid or since replaced). */
export async function countCertificatesOfCampaign(db: Executor, provinceCode: string, campaignId: number) {
  const r = await db
    .selectFrom('certificate')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('province_code', '=', provinceCode)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
