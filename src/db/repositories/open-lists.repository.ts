// SQL of the portal's open lists: which communes have a list posted or recognised, the rows of a
// list (household head name and village ONLY: no member, no citizen ID, no birth date is ever
// selected here, so none can reach a public page), and the recognised counts per unit.
import type { Executor } from './executor.js';

/** Periodic review campaigns at one of the given steps, newest period first. */
export async function listCampaignsAtSteps(db: Executor, steps: readonly string[]) {
  // Guard against an empty step list: `IN ()` is a syntax error.
  if (steps.length === 0) return [];
  return db
    .selectFrom('review_campaign')
    .select([
      'id',
      'province_code',
      'commune_code',
      'commune_valid_from',
      'period',
      'step',
      'state_json',
      'updated_at',
    ])
    .where('kind', '=', 'periodic')
    .where('step', 'in', steps)
    .orderBy('period', 'desc')
    .orderBy('commune_code')
    .execute();
}

export async function findPeriodicCampaign(db: Executor, communeCode: string, period?: number) {
  let q = db
    .selectFrom('review_campaign')
    .select(['id', 'province_code', 'commune_code', 'commune_valid_from', 'period', 'step', 'state_json'])
    .where('kind', '=', 'periodic')
    .where('commune_code', '=', communeCode);
  if (period !== undefined) q = q.where('period', '=', period);
  return q.orderBy('period', 'desc').limit(1).executeTakeFirst();
}

export interface ListedHousehold {
  ref: number;
  headName: string;
  village: string | null;
  classification: string;
}

/** The households of a commune's list: the public columns only. */
export async function listListedHouseholds(
  db: Executor,
  q: {
    provinceCode: string;
    communeCode: string;
    communeValidFrom: string;
    period: number;
    classes: readonly string[];
    status?: string;
  },
): Promise<ListedHousehold[]> {
  // Guard against an empty class list: `IN ()` is a syntax error.
  if (q.classes.length === 0) return [];
  let query = db
    .selectFrom('review_result as r')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'r.household_id').onRef('h.province_code', '=', 'r.province_code'),
    )
    .leftJoin('village as v', 'v.id', 'h.village_id')
    .select([
      'h.id as ref',
      'h.head_name as headName',
      'v.name as village',
      'r.classification as classification',
    ])
    .where('r.province_code', '=', q.provinceCode)
    .where('r.unit_code', '=', q.communeCode)
    .where('r.unit_valid_from', '=', q.communeValidFrom)
    .where('r.period', '=', q.period)
    .where('r.classification', 'in', q.classes);
  if (q.status) query = query.where('r.status', '=', q.status);
  const rows = await query.orderBy('v.name').orderBy('h.head_name').orderBy('h.id').execute();
  return rows.map((r) => ({
    ref: Number(r.ref),
    headName: r.headName,
    village: r.village,
    classification: r.classification,
  }));
}

/** The household key behind a public list reference, if it is on that commune's list. */
export async function findListedHouseholdKey(
  db: Executor,
  q: { provinceCode: string; communeCode: string; communeValidFrom: string; period: number; ref: number },
): Promise<string | undefined> {
  const row = await db
    .selectFrom('review_result as r')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'r.household_id').onRef('h.province_code', '=', 'r.province_code'),
    )
    .select('h.household_key')
    .where('r.province_code', '=', q.provinceCode)
    .where('r.unit_code', '=', q.communeCode)
    .where('r.unit_valid_from', '=', q.communeValidFrom)
    .where('r.period', '=', q.period)
    .where('h.id', '=', q.ref)
    .executeTakeFirst();
  return row?.household_key;
}

/** From these steps on, a periodic review's lists are recognised (Mẫu 02 signed). */
const RECOGNISED = ['recognised', 'reported'];

/**
 * Recognised households per unit version and class (the maintained aggregates, never the results):
 * the approved cells of the communes whose periodic review of the period is recognised. "Approved"
 * alone is not "recognised": results imported as approved, or a campaign still at its first step,
 * are not the recognised list, and a draft edit of such a result must not change public figures.
 */
export async function recognisedCounts(
  db: Executor,
  q: { provinceCode: string; period: number; unitCodes: readonly string[] },
) {
  // Guard against an empty unit list: `IN ()` is a syntax error.
  if (q.unitCodes.length === 0) return [];
  const rows = await db
    .selectFrom('review_aggregate as a')
    .select(['a.unit_code', 'a.classification', (eb) => eb.fn.sum<number>('a.n').as('n')])
    .where('a.province_code', '=', q.provinceCode)
    .where('a.period', '=', q.period)
    .where('a.status', '=', 'approved')
    .where('a.indicator', '=', '')
    .where('a.unit_code', 'in', q.unitCodes)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('review_campaign as c')
          .select('c.id')
          .whereRef('c.province_code', '=', 'a.province_code')
          .whereRef('c.commune_code', '=', 'a.unit_code')
          .whereRef('c.commune_valid_from', '=', 'a.unit_valid_from')
          .whereRef('c.period', '=', 'a.period')
          .where('c.kind', '=', 'periodic')
          .where('c.step', 'in', RECOGNISED),
      ),
    )
    .groupBy(['a.unit_code', 'a.classification'])
    .execute();
  return rows.map((r) => ({ unitCode: r.unit_code, classification: r.classification, n: Number(r.n) }));
}

/** Review periods with a recognised periodic review in a province, newest first. */
export async function recognisedPeriods(db: Executor, provinceCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom('review_campaign')
    .select('period')
    .distinct()
    .where('province_code', '=', provinceCode)
    .where('kind', '=', 'periodic')
    .where('step', 'in', RECOGNISED)
    .orderBy('period', 'desc')
    .execute();
  return rows.map((r) => Number(r.period));
}
