// SQL of review campaigns, their event timeline and the working-day calendar.
import type { Executor } from './executor.js';

export interface CampaignKey {
  provinceCode: string;
  communeCode: string;
  communeValidFrom: string;
  period: number;
  kind: 'periodic' | 'regular';
  caseKey: string;
}

export async function findCampaign(db: Executor, k: CampaignKey) {
  return db
    .selectFrom('review_campaign')
    .selectAll()
    .where('province_code', '=', k.provinceCode)
    .where('commune_code', '=', k.communeCode)
    .where('commune_valid_from', '=', k.communeValidFrom)
    .where('period', '=', k.period)
    .where('kind', '=', k.kind)
    .where('case_key', '=', k.caseKey)
    .executeTakeFirst();
}

export async function listCampaignsOfCommune(db: Executor, provinceCode: string, communeCode: string) {
  return db
    .selectFrom('review_campaign')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('commune_code', '=', communeCode)
    .orderBy('period', 'desc')
    .orderBy('id')
    .execute();
}

export async function insertCampaign(
  db: Executor,
  k: CampaignKey,
  step: string,
  stateJson: string,
  at: string,
) {
  const row = await db
    .insertInto('review_campaign')
    .values({
      province_code: k.provinceCode,
      commune_code: k.communeCode,
      commune_valid_from: k.communeValidFrom,
      period: k.period,
      kind: k.kind,
      case_key: k.caseKey,
      step,
      state_json: stateJson,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

/** Optimistic update: false when someone else moved the campaign first. */
export async function updateCampaign(
  db: Executor,
  id: number,
  provinceCode: string,
  version: number,
  step: string,
  stateJson: string,
  at: string,
) {
  const r = await db
    .updateTable('review_campaign')
    .set({ step, state_json: stateJson, version: version + 1, updated_at: at })
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertCampaignEvent(
  db: Executor,
  e: {
    provinceCode: string;
    campaignId: number;
    at: string;
    actorId: number | null;
    actor: string;
    action: string;
    from: string;
    to: string;
    payload: unknown;
  },
) {
  await db
    .insertInto('campaign_event')
    .values({
      province_code: e.provinceCode,
      campaign_id: e.campaignId,
      at: e.at,
      actor_id: e.actorId,
      actor: e.actor,
      action: e.action,
      from_step: e.from,
      to_step: e.to,
      payload_json: JSON.stringify(e.payload ?? null),
    })
    .execute();
}

export async function listCampaignEvents(db: Executor, provinceCode: string, campaignId: number) {
  return db
    .selectFrom('campaign_event')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute();
}

export async function listCalendarDays(db: Executor) {
  return db.selectFrom('calendar_day').selectAll().orderBy('date').execute();
}

export async function upsertCalendarDay(
  db: Executor,
  day: { date: string; kind: string; name: string; source: string | null },
) {
  await db
    .insertInto('calendar_day')
    .values(day)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name: day.name, source: day.source }))
    .execute();
}

/** Results of a commune version and period become approved and frozen (recognition). */
export async function freezeResults(
  db: Executor,
  provinceCode: string,
  communeCode: string,
  communeValidFrom: string,
  period: number,
  at: string,
) {
  const r = await db
    .updateTable('review_result')
    .set({ status: 'approved', frozen: 1, updated_at: at })
    .where('province_code', '=', provinceCode)
    .where('unit_code', '=', communeCode)
    .where('unit_valid_from', '=', communeValidFrom)
    .where('period', '=', period)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Distinct villages that have households with a result of the period in a commune version. */
export async function villagesWithResults(
  db: Executor,
  provinceCode: string,
  communeCode: string,
  communeValidFrom: string,
  period: number,
) {
  return db
    .selectFrom('review_result as r')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'r.household_id').onRef('h.province_code', '=', 'r.province_code'),
    )
    .innerJoin('village as v', 'v.id', 'h.village_id')
    .select(['v.id', 'v.name'])
    .distinct()
    .where('r.province_code', '=', provinceCode)
    .where('r.unit_code', '=', communeCode)
    .where('r.unit_valid_from', '=', communeValidFrom)
    .where('r.period', '=', period)
    .orderBy('v.id')
    .execute();
}

/**
 * How far the survey of a period has gone in a commune version: the households of its registry,
 * those with a result of the period, and the first and last survey dates.
 */
export async function surveyProgress(
  db: Executor,
  provinceCode: string,
  communeCode: string,
  communeValidFrom: string,
  period: number,
): Promise<{ households: number; surveyed: number; firstSurvey: string | null; lastSurvey: string | null }> {
  // The kept tally of the registry's households (migration 2026-12-04T1100), as the dashboard reads it.
  const h = (await db
    .selectFrom('household_tally')
    .select('n')
    .where('province_code', '=', provinceCode)
    .where('commune_code', '=', communeCode)
    .where('commune_valid_from', '=', communeValidFrom)
    .executeTakeFirst()) ?? { n: 0 };
  const r = await db
    .selectFrom('review_result')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.min<string | null>('survey_date').as('first'),
      eb.fn.max<string | null>('survey_date').as('last'),
    ])
    .where('province_code', '=', provinceCode)
    .where('unit_code', '=', communeCode)
    .where('unit_valid_from', '=', communeValidFrom)
    .where('period', '=', period)
    .executeTakeFirstOrThrow();
  return {
    households: Number(h.n),
    surveyed: Number(r.n),
    firstSurvey: r.first ?? null,
    lastSurvey: r.last ?? null,
  };
}
