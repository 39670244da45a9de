// Every SQL statement of the Fatherland Front's records (issue 16): funds and their ledger,
// Great Solidarity houses, supervision. Runs on SQLite and PostgreSQL (tests loop over both).
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type {
  FrontFileTable,
  FrontFundTable,
  FrontHouseTable,
  FrontPlanTable,
  FrontReceiptTable,
  FrontRecommendationTable,
  FrontSpendingHouseholdTable,
  FrontSpendingTable,
  FrontTransferTable,
  FrontVisitTable,
} from '../schema-front.js';

export type FundRecord = Selectable<FrontFundTable>;
export type ReceiptRecord = Selectable<FrontReceiptTable>;
export type SpendingRecord = Selectable<FrontSpendingTable>;
export type SpendingHouseholdRecord = Selectable<FrontSpendingHouseholdTable>;
export type TransferRecord = Selectable<FrontTransferTable>;
export type HouseRecord = Selectable<FrontHouseTable>;
export type FileRecord = Selectable<FrontFileTable>;
export type PlanRecord = Selectable<FrontPlanTable>;
export type VisitRecord = Selectable<FrontVisitTable>;
export type RecommendationRecord = Selectable<FrontRecommendationTable>;

// PostgreSQL returns bigint columns as strings: money is read back as numbers here, once.
function fund(r: FundRecord): FundRecord {
  return {
    ...r,
    id: Number(r.id),
    received: Number(r.received),
    spent: Number(r.spent),
    transferred_in: Number(r.transferred_in),
    transferred_out: Number(r.transferred_out),
  };
}
const num = <T extends { id: number }>(r: T, ...keys: (keyof T)[]): T => {
  const out = { ...r, id: Number(r.id) } as T;
  for (const k of keys) if (out[k] !== null) (out as Record<keyof T, unknown>)[k] = Number(out[k]);
  return out;
};

// ── funds ─────────────────────────────────────────────────────────────────────
export async function findFund(db: Executor, id: number): Promise<FundRecord | undefined> {
  const r = await db.selectFrom('front_fund').selectAll().where('id', '=', id).executeTakeFirst();
  return r && fund(r);
}

export async function findFundByUnitYear(db: Executor, unitCode: string, year: number) {
  const r = await db
    .selectFrom('front_fund')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('year', '=', year)
    .executeTakeFirst();
  return r && fund(r);
}

export async function insertFund(db: Executor, row: Insertable<FrontFundTable>): Promise<FundRecord> {
  return fund(await db.insertInto('front_fund').values(row).returningAll().executeTakeFirstOrThrow());
}

export async function listFunds(db: Executor, q: { unitCodes?: readonly string[]; year?: number } = {}) {
  let query = db.selectFrom('front_fund').selectAll();
  if (q.unitCodes) {
    if (q.unitCodes.length === 0) return [];
    query = query.where('unit_code', 'in', [...q.unitCodes]);
  }
  if (q.year !== undefined) query = query.where('year', '=', q.year);
  return (await query.orderBy('year', 'desc').orderBy('unit_code').execute()).map(fund);
}

/**
 * Moves a fund's aggregates. A debit (spent or transferred out) is applied only while the balance
 * covers it — the condition sits in the UPDATE itself, so two writers cannot overdraw on either
 * engine. Answers false when the balance did not cover it (nothing changed).
 */
export async function bumpFund(
  db: Executor,
  id: number,
  change: { received?: number; spent?: number; transferredIn?: number; transferredOut?: number },
): Promise<boolean> {
  const rec = change.received ?? 0;
  const sp = change.spent ?? 0;
  const tin = change.transferredIn ?? 0;
  const tout = change.transferredOut ?? 0;
  const debit = sp + tout;
  const r = await db
    .updateTable('front_fund')
    .set((eb) => ({
      received: eb('received', '+', rec),
      spent: eb('spent', '+', sp),
      transferred_in: eb('transferred_in', '+', tin),
      transferred_out: eb('transferred_out', '+', tout),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where(sql<boolean>`received + transferred_in - spent - transferred_out >= ${debit}`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── receipts, spending, transfers ────────────────────────────────────────────
export async function insertReceipt(db: Executor, row: Insertable<FrontReceiptTable>) {
  return num(
    await db.insertInto('front_receipt').values(row).returningAll().executeTakeFirstOrThrow(),
    'value',
  );
}

export async function findReceiptByNo(db: Executor, fundId: number, receiptNo: string) {
  return db
    .selectFrom('front_receipt')
    .select('id')
    .where('fund_id', '=', fundId)
    .where('receipt_no', '=', receiptNo)
    .executeTakeFirst();
}

export async function listReceipts(db: Executor, fundIds: readonly number[]): Promise<ReceiptRecord[]> {
  if (fundIds.length === 0) return [];
  return (
    await db
      .selectFrom('front_receipt')
      .selectAll()
      .where('fund_id', 'in', [...fundIds])
      .orderBy('received_on')
      .orderBy('id')
      .execute()
  ).map((r) => num(r, 'value', 'fund_id'));
}

export async function insertSpending(db: Executor, row: Insertable<FrontSpendingTable>) {
  return num(
    await db.insertInto('front_spending').values(row).returningAll().executeTakeFirstOrThrow(),
    'amount',
  );
}

export async function insertSpendingHousehold(db: Executor, row: Insertable<FrontSpendingHouseholdTable>) {
  await db.insertInto('front_spending_household').values(row).execute();
}

export async function listSpending(db: Executor, fundIds: readonly number[]): Promise<SpendingRecord[]> {
  if (fundIds.length === 0) return [];
  return (
    await db
      .selectFrom('front_spending')
      .selectAll()
      .where('fund_id', 'in', [...fundIds])
      .orderBy('spent_on')
      .orderBy('id')
      .execute()
  ).map((r) => num(r, 'amount', 'fund_id'));
}

/** The households each spending reached, with the household's head name and village name. */
export async function listSpendingHouseholds(db: Executor, spendingIds: readonly number[]) {
  if (spendingIds.length === 0) return [];
  const rows = await db
    .selectFrom('front_spending_household as s')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 's.household_id').onRef('h.province_code', '=', 's.province_code'),
    )
    .leftJoin('village as v', 'v.id', 'h.village_id')
    .select([
      's.spending_id',
      's.household_id',
      's.household_key',
      's.commune_code',
      's.classification',
      's.reason',
      'h.head_name',
      'v.name as village_name',
    ])
    .where('s.spending_id', 'in', [...spendingIds])
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    spending_id: Number(r.spending_id),
    household_id: Number(r.household_id),
  }));
}

export async function insertTransfer(db: Executor, row: Insertable<FrontTransferTable>) {
  return num(
    await db.insertInto('front_transfer').values(row).returningAll().executeTakeFirstOrThrow(),
    'amount',
  );
}

export async function listTransfers(db: Executor, fundIds: readonly number[]): Promise<TransferRecord[]> {
  if (fundIds.length === 0) return [];
  return (
    await db
      .selectFrom('front_transfer')
      .selectAll()
      .where((eb) => eb.or([eb('from_fund_id', 'in', [...fundIds]), eb('to_fund_id', 'in', [...fundIds])]))
      .orderBy('transferred_on')
      .orderBy('id')
      .execute()
  ).map((r) => num(r, 'amount', 'from_fund_id', 'to_fund_id'));
}

/** The latest result (any status) of a household on or before `date`, and the first after it. */
export async function householdResultsAround(db: Executor, provinceCode: string, householdId: number) {
  return db
    .selectFrom('review_result')
    .select(['period', 'survey_date', 'classification', 'deprivations', 'status'])
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .orderBy('survey_date')
    .execute();
}

// ── houses ────────────────────────────────────────────────────────────────────
const house = (r: HouseRecord): HouseRecord =>
  num(r, 'estimated_cost', 'actual_cost', 'household_id', 'spending_id');

export async function insertHouse(db: Executor, row: Insertable<FrontHouseTable>) {
  return house(await db.insertInto('front_house').values(row).returningAll().executeTakeFirstOrThrow());
}

export async function findHouse(db: Executor, id: number) {
  const r = await db.selectFrom('front_house').selectAll().where('id', '=', id).executeTakeFirst();
  return r && house(r);
}

export async function updateHouse(
  db: Executor,
  id: number,
  version: number,
  set: Partial<Pick<HouseRecord, 'stage' | 'started_on' | 'handed_over_on' | 'actual_cost' | 'updated_at'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('front_house')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listHouses(db: Executor, communeCodes: readonly string[] | null) {
  let q = db
    .selectFrom('front_house as f')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'f.household_id').onRef('h.province_code', '=', 'f.province_code'),
    )
    .leftJoin('village as v', 'v.id', 'h.village_id')
    .selectAll('f')
    .select(['h.head_name', 'v.name as village_name']);
  if (communeCodes) {
    if (communeCodes.length === 0) return [];
    q = q.where('f.commune_code', 'in', [...communeCodes]);
  }
  return (await q.orderBy('f.approved_on').orderBy('f.id').execute()).map((r) => ({ ...r, ...house(r) }));
}

export async function insertHouseSource(
  db: Executor,
  row: { province_code: string; house_id: number; source: string; amount: number },
) {
  await db.insertInto('front_house_source').values(row).execute();
}

export async function listHouseSources(db: Executor, houseIds: readonly number[]) {
  if (houseIds.length === 0) return [];
  return (
    await db
      .selectFrom('front_house_source')
      .selectAll()
      .where('house_id', 'in', [...houseIds])
      .orderBy('house_id')
      .orderBy('source')
      .execute()
  ).map((r) => ({ ...r, house_id: Number(r.house_id), amount: Number(r.amount) }));
}

// ── files ─────────────────────────────────────────────────────────────────────
export async function insertFile(db: Executor, row: Insertable<FrontFileTable>) {
  return num(
    await db.insertInto('front_file').values(row).returningAll().executeTakeFirstOrThrow(),
    'owner_id',
  );
}

export async function findFile(db: Executor, id: number) {
  const r = await db.selectFrom('front_file').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r, 'owner_id');
}

export async function listFiles(db: Executor, owner: string, ownerIds: readonly number[]) {
  if (ownerIds.length === 0) return [];
  return (
    await db
      .selectFrom('front_file')
      .selectAll()
      .where('owner', '=', owner)
      .where('owner_id', 'in', [...ownerIds])
      .orderBy('id')
      .execute()
  ).map((r) => num(r, 'owner_id'));
}

// ── supervision ───────────────────────────────────────────────────────────────
export async function insertPlan(db: Executor, row: Insertable<FrontPlanTable>) {
  return num(await db.insertInto('front_plan').values(row).returningAll().executeTakeFirstOrThrow());
}

export async function findPlan(db: Executor, id: number) {
  const r = await db.selectFrom('front_plan').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r);
}

export async function listPlans(db: Executor) {
  return (
    await db.selectFrom('front_plan').selectAll().orderBy('start_date', 'desc').orderBy('id').execute()
  ).map((r) => num(r));
}

export async function insertVisit(db: Executor, row: Insertable<FrontVisitTable>) {
  return num(
    await db.insertInto('front_visit').values(row).returningAll().executeTakeFirstOrThrow(),
    'plan_id',
  );
}

export async function listVisits(db: Executor, planIds: readonly number[]) {
  if (planIds.length === 0) return [];
  return (
    await db
      .selectFrom('front_visit')
      .selectAll()
      .where('plan_id', 'in', [...planIds])
      .orderBy('visit_date')
      .orderBy('id')
      .execute()
  ).map((r) => num(r, 'plan_id'));
}

export async function insertRecommendation(db: Executor, row: Insertable<FrontRecommendationTable>) {
  return num(
    await db.insertInto('front_recommendation').values(row).returningAll().executeTakeFirstOrThrow(),
    'plan_id',
  );
}

export async function findRecommendation(db: Executor, id: number) {
  const r = await db.selectFrom('front_recommendation').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r, 'plan_id');
}

export async function listRecommendations(
  db: Executor,
  q: { planIds?: readonly number[]; open?: boolean } = {},
) {
  let query = db.selectFrom('front_recommendation').selectAll();
  if (q.planIds) {
    if (q.planIds.length === 0) return [];
    query = query.where('plan_id', 'in', [...q.planIds]);
  }
  if (q.open) query = query.where('answered_on', 'is', null);
  return (await query.orderBy('deadline').orderBy('id').execute()).map((r) => num(r, 'plan_id'));
}

/** Writes the answer once (a recommendation not answered yet, at the version read). */
export async function answerRecommendation(
  db: Executor,
  id: number,
  version: number,
  a: { answered_on: string; answer_status: string; answer_text: string; answered_by: string },
): Promise<boolean> {
  const r = await db
    .updateTable('front_recommendation')
    .set((eb) => ({ ...a, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Households of a class in a period among some communes, with their deprivations (the demo's picks). */
export async function listHouseholdsOfClass(
  db: Executor,
  q: { communeCodes: readonly string[]; period: number; classification: string; limit: number },
) {
  if (q.communeCodes.length === 0) return [];
  return db
    .selectFrom('review_result as r')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'r.household_id').onRef('h.province_code', '=', 'r.province_code'),
    )
    .select(['h.household_key', 'h.commune_code', 'r.deprivations', 'r.survey_date'])
    .where('r.period', '=', q.period)
    .where('r.classification', '=', q.classification)
    .where('h.commune_code', 'in', [...q.communeCodes])
    .orderBy('h.id')
    .limit(q.limit)
    .execute();
}
