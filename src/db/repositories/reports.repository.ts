// SQL of the official reports (issue 12): resident households per unit version × year, the
// standard of each review period, recognised campaigns, and the cells the year's balance reads
// (the kept aggregates; `balanceFromScratch` is the GROUP BY over the results the benchmark
// compares with). docs/decisions/0021-official-reports.md.
import type { Executor } from './executor.js';
import {
  cellsFromScratch,
  householdCellsOfPeriod,
  transitionCellsOfPeriod,
  type KeptCell,
} from './aggregate-cells.repository.js';

export interface ResidentHouseholdRow {
  province_code: string;
  unit_code: string;
  unit_valid_from: string;
  year: number;
  households: number;
  source: string;
  source_date: string;
  updated_at: string;
  updated_by: string;
}

export async function findResidentHouseholds(
  db: Executor,
  q: { provinceCode: string; unitCode: string; unitValidFrom: string; year: number },
): Promise<ResidentHouseholdRow | undefined> {
  return db
    .selectFrom('resident_household')
    .selectAll()
    .where('province_code', '=', q.provinceCode)
    .where('unit_code', '=', q.unitCode)
    .where('unit_valid_from', '=', q.unitValidFrom)
    .where('year', '=', q.year)
    .executeTakeFirst();
}

/** Every resident-household figure of a province in a year (a few hundred rows). */
export async function listResidentHouseholds(
  db: Executor,
  q: { provinceCode: string; year: number },
): Promise<ResidentHouseholdRow[]> {
  return db
    .selectFrom('resident_household')
    .selectAll()
    .where('province_code', '=', q.provinceCode)
    .where('year', '=', q.year)
    .execute();
}

export async function upsertResidentHouseholds(db: Executor, row: ResidentHouseholdRow): Promise<void> {
  await db
    .insertInto('resident_household')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['province_code', 'unit_code', 'unit_valid_from', 'year']).doUpdateSet({
        households: row.households,
        source: row.source,
        source_date: row.source_date,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

/** The standard the review of a period uses (undefined: the period is not in the table). */
export async function findPeriodStandard(db: Executor, period: number) {
  return db.selectFrom('review_period_standard').selectAll().where('period', '=', period).executeTakeFirst();
}

/** Steps from which a periodic review's lists are recognised (Mẫu 02 signed). */
export const RECOGNISED_STEPS = ['recognised', 'reported'] as const;

/** The commune versions of a province whose periodic review of one of `periods` is recognised. */
export async function recognisedCommunes(
  db: Executor,
  q: { provinceCode: string; periods: readonly number[] },
): Promise<{ commune_code: string; commune_valid_from: string; period: number }[]> {
  if (q.periods.length === 0) return [];
  return db
    .selectFrom('review_campaign')
    .select(['commune_code', 'commune_valid_from', 'period'])
    .where('province_code', '=', q.provinceCode)
    .where('kind', '=', 'periodic')
    .where('period', 'in', [...q.periods])
    .where('step', 'in', [...RECOGNISED_STEPS])
    .execute();
}

export interface BalanceCell {
  period: number;
  unit_code: string;
  unit_valid_from: string;
  classification: string;
  indicator: string;
  n: number;
}

/**
 * The approved cells the balance of `period` reads: the households per class of P−1 and P, and the
 * transition cells of P (indicator `from:…`) — a few thousand rows for a province.
 */
export async function balanceCells(
  db: Executor,
  q: { provinceCode: string; period: number },
): Promise<BalanceCell[]> {
  // Three ranges of the index by (province, period, indicator): the household cells of P−1 and P,
  // then the transition cells of P (an OR of both made the engine read every cell of the province;
  // docs/decisions/0032-aggregate-read-speed.md); shared with the other reports of a read scope.
  const out: BalanceCell[] = [];
  const keep = (c: KeptCell) => {
    if (c.n !== 0) out.push(c);
  };
  for (const period of [q.period - 1, q.period])
    for (const c of await householdCellsOfPeriod(db, q.provinceCode, period, 'approved')) keep(c);
  for (const c of await transitionCellsOfPeriod(db, q.provinceCode, q.period, 'approved')) keep(c);
  return out;
}

/**
 * The same cells computed from the results (GROUP BY over the registry, joining each result of P
 * to the same household's result of P−1): what the kept aggregates spare the balance. Only for the
 * benchmark and the tests.
 */
export async function balanceCellsFromScratch(
  db: Executor,
  q: { provinceCode: string; period: number },
): Promise<BalanceCell[]> {
  const before = await cellsFromScratch(db, q.provinceCode, q.period - 1, { transitions: false });
  const now = await cellsFromScratch(db, q.provinceCode, q.period);
  return [...before.households, ...now.households, ...now.transitions].filter((c) => c.status === 'approved');
}

// ── the dashboard (issue 13): readings of the kept aggregates and the campaigns ────────────────

/** Review periods of the province with recognised (approved) results in the kept aggregates, oldest first. */
export async function periodsWithApprovedResults(db: Executor, provinceCode: string): Promise<number[]> {
  // The province's periods one index seek each (a loose scan: the next period after the last one),
  // rather than a DISTINCT over every cell of the province.
  const periods: number[] = [];
  let after = -1;
  for (;;) {
    const next = await db
      .selectFrom('review_aggregate')
      .select((eb) => eb.fn.min<number>('period').as('p'))
      .where('province_code', '=', provinceCode)
      .where('period', '>', after)
      .executeTakeFirst();
    if (next?.p === null || next?.p === undefined) break;
    after = Number(next.p);
    const approved = await db
      .selectFrom('review_aggregate')
      .select('n')
      .where('province_code', '=', provinceCode)
      .where('period', '=', after)
      .where('indicator', '=', '')
      .where('status', '=', 'approved')
      .where('n', '<>', 0)
      .limit(1)
      .executeTakeFirst();
    if (approved) periods.push(after);
  }
  return periods;
}

/** Results of a period (every status) per commune version, from the kept aggregates. */
export async function resultsPerCommune(
  db: Executor,
  provinceCode: string,
  period: number,
): Promise<{ unitCode: string; unitValidFrom: string; n: number }[]> {
  // Summed here, not by GROUP BY: grouping by unit made the engine walk the primary key (ordered
  // by unit) over every cell of the period instead of the range of household cells.
  const rows = await householdCellsOfPeriod(db, provinceCode, period);
  const out = new Map<string, { unitCode: string; unitValidFrom: string; n: number }>();
  for (const r of rows) {
    const key = `${r.unit_code}|${r.unit_valid_from}`;
    const cur = out.get(key);
    if (cur) cur.n += Number(r.n);
    else out.set(key, { unitCode: r.unit_code, unitValidFrom: r.unit_valid_from, n: Number(r.n) });
  }
  return [...out.values()];
}

/** Households of the registry per commune version of the given communes (the survey's expected count). */
export async function householdsPerCommune(
  db: Executor,
  provinceCode: string,
  communeCodes: readonly string[],
): Promise<{ communeCode: string; communeValidFrom: string; n: number }[]> {
  if (communeCodes.length === 0) return [];
  // The kept tally (migration 2026-12-04T1100), not a count of the province's households.
  const rows = await db
    .selectFrom('household_tally')
    .select(['commune_code', 'commune_valid_from', 'n'])
    .where('province_code', '=', provinceCode)
    .where('commune_code', 'in', [...communeCodes])
    .where('n', '<>', 0)
    .execute();
  return rows.map((r) => ({
    communeCode: r.commune_code,
    communeValidFrom: r.commune_valid_from,
    n: Number(r.n),
  }));
}

/**
 * The kept tally beside the same households counted from the registry, each as
 * `province|commune|valid from` → n (counts of 0 left out): equal after every write (the tests'
 * check that no write path escapes the triggers).
 */
export async function householdTallyAndCount(
  db: Executor,
): Promise<{ kept: Map<string, number>; counted: Map<string, number> }> {
  const key = (r: { province_code: string; commune_code: string; commune_valid_from: string }) =>
    `${r.province_code}|${r.commune_code}|${r.commune_valid_from}`;
  const kept = await db.selectFrom('household_tally').selectAll().where('n', '<>', 0).execute();
  const counted = await db
    .selectFrom('household')
    .select((eb) => ['province_code', 'commune_code', 'commune_valid_from', eb.fn.countAll<number>().as('n')])
    .groupBy(['province_code', 'commune_code', 'commune_valid_from'])
    .execute();
  return {
    kept: new Map(kept.map((r) => [key(r), Number(r.n)])),
    counted: new Map(counted.map((r) => [key(r), Number(r.n)])),
  };
}

/** The periodic campaigns of a period in a province: step and stored state. */
export async function periodicCampaigns(db: Executor, provinceCode: string, period: number) {
  return db
    .selectFrom('review_campaign')
    .select(['commune_code', 'commune_valid_from', 'step', 'state_json'])
    .where('province_code', '=', provinceCode)
    .where('kind', '=', 'periodic')
    .where('period', '=', period)
    .execute();
}

/**
 * The commune versions that hold a review of the period: a periodic campaign, or results of any
 * status (imported reviews have results and no campaign). Optionally within some provinces.
 */
export async function communesWithReview(
  db: Executor,
  period: number,
  provinceCodes: readonly string[] | null,
): Promise<{ code: string; validFrom: string; provinceCode: string; campaign: boolean }[]> {
  let campaigns = db
    .selectFrom('review_campaign')
    .select(['commune_code as code', 'commune_valid_from as validFrom', 'province_code as provinceCode'])
    .where('kind', '=', 'periodic')
    .where('period', '=', period);
  let results = db
    .selectFrom('review_aggregate')
    .select(['unit_code as code', 'unit_valid_from as validFrom', 'province_code as provinceCode'])
    .where('period', '=', period)
    .where('indicator', '=', '');
  if (provinceCodes) {
    if (provinceCodes.length === 0) return [];
    campaigns = campaigns.where('province_code', 'in', provinceCodes);
    results = results.where('province_code', 'in', provinceCodes);
  }
  const withCampaign = await campaigns.distinct().execute();
  const withResults = await results.distinct().execute();
  const out = new Map<string, { code: string; validFrom: string; provinceCode: string; campaign: boolean }>();
  for (const r of withResults) out.set(`${r.code}|${r.validFrom}`, { ...r, campaign: false });
  for (const r of withCampaign) out.set(`${r.code}|${r.validFrom}`, { ...r, campaign: true });
  return [...out.values()];
}
