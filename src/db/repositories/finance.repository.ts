// SQL of program finance: the program catalogue, targets, allocations with their ledger and
// maintained aggregates, disbursements, support given to households and "cannot be implemented"
// reports. Runs on SQLite and PostgreSQL.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type {
  AllocationEntryTable,
  AllocationIssueTable,
  AllocationTable,
  DisbursementTable,
  FinanceTargetTable,
  HouseholdSupportTable,
  ProgramComponentTable,
  ProgramTable,
} from '../schema-finance.js';
import type { Executor } from './executor.js';
import {
  householdCellsOfPeriod,
  transitionCellsOfPeriod,
  type KeptCell,
} from './aggregate-cells.repository.js';
import { withMemberData } from './registry.repository.js';

export type ProgramRecord = Selectable<ProgramTable>;
export type ComponentRecord = Selectable<ProgramComponentTable>;
export type TargetRecord = Selectable<FinanceTargetTable>;
export type AllocationRecord = Selectable<AllocationTable>;
export type EntryRecord = Selectable<AllocationEntryTable>;
export type DisbursementRecord = Selectable<DisbursementTable>;
export type SupportRecord = Selectable<HouseholdSupportTable>;
export type IssueRecord = Selectable<AllocationIssueTable>;

// PostgreSQL hands bigint columns back through the int8 parser (numbers); SQLite already does.
// Ids of bigint foreign keys are coerced the same way for strict comparisons.
const num = (v: unknown): number => Number(v);

function normAllocation(r: AllocationRecord): AllocationRecord {
  return {
    ...r,
    id: num(r.id),
    program_id: num(r.program_id),
    component_id: num(r.component_id),
    amount: num(r.amount),
    adjusted: num(r.adjusted),
    disbursed: num(r.disbursed),
    disbursement_count: num(r.disbursement_count),
    version: num(r.version),
  };
}

// ── programs ────────────────────────────────────────────────────────────────
export async function listProgramRows(db: Executor): Promise<ProgramRecord[]> {
  return db.selectFrom('program').selectAll().orderBy('year_from').execute();
}

export async function findProgramByCode(db: Executor, code: string): Promise<ProgramRecord | undefined> {
  return db.selectFrom('program').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The program covering a year (the newest when periods overlap). */
export async function findProgramForYear(db: Executor, year: number): Promise<ProgramRecord | undefined> {
  return db
    .selectFrom('program')
    .selectAll()
    .where('year_from', '<=', year)
    .where('year_to', '>=', year)
    .orderBy('year_from', 'desc')
    .executeTakeFirst();
}

export async function listComponentRows(db: Executor, programId: number): Promise<ComponentRecord[]> {
  const rows = await db
    .selectFrom('program_component')
    .selectAll()
    .where('program_id', '=', programId)
    .orderBy('ordinal')
    .execute();
  return rows.map((r) => ({ ...r, id: num(r.id), program_id: num(r.program_id) }));
}

export async function findComponent(
  db: Executor,
  programId: number,
  code: string,
): Promise<ComponentRecord | undefined> {
  const r = await db
    .selectFrom('program_component')
    .selectAll()
    .where('program_id', '=', programId)
    .where('code', '=', code)
    .executeTakeFirst();
  return r && { ...r, id: num(r.id), program_id: num(r.program_id) };
}

export async function findComponentById(db: Executor, id: number): Promise<ComponentRecord | undefined> {
  const r = await db.selectFrom('program_component').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { ...r, id: num(r.id), program_id: num(r.program_id) };
}

export async function insertComponent(
  db: Executor,
  row: Insertable<ProgramComponentTable>,
): Promise<ComponentRecord> {
  const r = await db.insertInto('program_component').values(row).returningAll().executeTakeFirstOrThrow();
  return { ...r, id: num(r.id), program_id: num(r.program_id) };
}

export async function updateComponentRow(
  db: Executor,
  id: number,
  patch: Updateable<ProgramComponentTable>,
): Promise<void> {
  await db.updateTable('program_component').set(patch).where('id', '=', id).execute();
}

export async function nextComponentOrdinal(db: Executor, programId: number): Promise<number> {
  const r = await db
    .selectFrom('program_component')
    .select((eb) => eb.fn.max('ordinal').as('m'))
    .where('program_id', '=', programId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

// ── targets ─────────────────────────────────────────────────────────────────
export async function insertTarget(db: Executor, row: Insertable<FinanceTargetTable>): Promise<TargetRecord> {
  const r = await db.insertInto('finance_target').values(row).returningAll().executeTakeFirstOrThrow();
  return { ...r, id: num(r.id), value: Number(r.value) };
}

export async function findTarget(
  db: Executor,
  unitCode: string,
  year: number,
  kind: string,
): Promise<TargetRecord | undefined> {
  const r = await db
    .selectFrom('finance_target')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .where('year', '=', year)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r && { ...r, id: num(r.id), value: Number(r.value) };
}

export async function updateTargetValue(
  db: Executor,
  id: number,
  value: number,
  note: string | null,
): Promise<void> {
  await db.updateTable('finance_target').set({ value, note }).where('id', '=', id).execute();
}

/** Targets of a year for the given units (guard: an empty list yields nothing, not every row). */
export async function listTargetRows(
  db: Executor,
  year: number,
  unitCodes: readonly string[],
): Promise<TargetRecord[]> {
  if (unitCodes.length === 0) return [];
  const rows = await db
    .selectFrom('finance_target')
    .selectAll()
    .where('year', '=', year)
    .where('unit_code', 'in', [...unitCodes])
    .orderBy('unit_code')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: num(r.id), value: Number(r.value) }));
}

// ── allocations ─────────────────────────────────────────────────────────────
export async function insertAllocation(
  db: Executor,
  row: Insertable<AllocationTable>,
): Promise<AllocationRecord> {
  return normAllocation(
    await db.insertInto('allocation').values(row).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function findAllocation(db: Executor, id: number): Promise<AllocationRecord | undefined> {
  const r = await db.selectFrom('allocation').selectAll().where('id', '=', id).executeTakeFirst();
  return r && normAllocation(r);
}

export async function findAllocationByKey(
  db: Executor,
  key: {
    provinceCode: string;
    unitCode: string;
    year: number;
    componentId: number;
    capitalType: string;
    source: string;
  },
): Promise<AllocationRecord | undefined> {
  const r = await db
    .selectFrom('allocation')
    .selectAll()
    .where('province_code', '=', key.provinceCode)
    .where('unit_code', '=', key.unitCode)
    .where('year', '=', key.year)
    .where('component_id', '=', key.componentId)
    .where('capital_type', '=', key.capitalType)
    .where('source', '=', key.source)
    .executeTakeFirst();
  return r && normAllocation(r);
}

export interface AllocationFilter {
  year?: number;
  unitCodes?: readonly string[];
  provinceCode?: string;
}

/** Allocations with their component codes; `unitCodes` limits to those units (an empty list yields nothing). */
export async function listAllocationRows(db: Executor, f: AllocationFilter) {
  if (f.unitCodes && f.unitCodes.length === 0) return [];
  let q = db
    .selectFrom('allocation as a')
    .innerJoin('program_component as c', 'c.id', 'a.component_id')
    // The project a sub-project belongs to (its own row when the allocation is to the project).
    .leftJoin('program_component as p', (j) =>
      j.onRef('p.program_id', '=', 'a.program_id').onRef('p.code', '=', 'c.parent_code'),
    )
    .selectAll('a')
    .select([
      'p.name as project_name',
      'p.name_en as project_name_en',
      'c.code as component_code',
      'c.parent_code as component_parent_code',
      'c.name as component_name',
      'c.name_en as component_name_en',
    ]);
  if (f.year !== undefined) q = q.where('a.year', '=', f.year);
  if (f.unitCodes) q = q.where('a.unit_code', 'in', [...f.unitCodes]);
  if (f.provinceCode) q = q.where('a.province_code', '=', f.provinceCode);
  const rows = await q
    .orderBy('a.year')
    .orderBy('c.ordinal')
    .orderBy('a.source')
    .orderBy('a.capital_type')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    ...normAllocation(r),
    component_code: r.component_code,
    component_parent_code: r.component_parent_code,
    component_name: r.component_name,
    component_name_en: r.component_name_en,
    project_name: r.project_name ?? r.component_name,
    project_name_en: r.project_name_en ?? r.component_name_en,
  }));
}

export type AllocationListRow = Awaited<ReturnType<typeof listAllocationRows>>[number];

/**
 * Adds to the maintained aggregates. A debit (negative `adjustedDelta`, or a disbursement) only
 * applies while the available balance covers it: the guard sits in the UPDATE itself, so two
 * concurrent writers cannot overdraw. Returns false when the guard refused.
 */
export async function bumpAllocation(
  db: Executor,
  id: number,
  change: { adjustedDelta?: number; disbursedDelta?: number; disbursedOn?: string },
): Promise<boolean> {
  const adj = change.adjustedDelta ?? 0;
  const dis = change.disbursedDelta ?? 0;
  const debit = dis - Math.min(0, adj);
  const r = await db
    .updateTable('allocation')
    .set((eb) => ({
      adjusted: eb('adjusted', '+', adj),
      disbursed: eb('disbursed', '+', dis),
      disbursement_count: dis > 0 ? eb('disbursement_count', '+', 1) : eb.ref('disbursement_count'),
      last_disbursed_on: change.disbursedOn
        ? sql<string>`CASE WHEN last_disbursed_on IS NULL OR last_disbursed_on < ${change.disbursedOn} THEN ${change.disbursedOn} ELSE last_disbursed_on END`
        : eb.ref('last_disbursed_on'),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where(sql<boolean>`amount + adjusted - disbursed >= ${debit}`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Overwrites the aggregates (rebuild from the ledger). */
export async function setAllocationAggregates(
  db: Executor,
  id: number,
  a: { adjusted: number; disbursed: number; disbursementCount: number; lastDisbursedOn: string | null },
): Promise<void> {
  await db
    .updateTable('allocation')
    .set({
      adjusted: a.adjusted,
      disbursed: a.disbursed,
      disbursement_count: a.disbursementCount,
      last_disbursed_on: a.lastDisbursedOn,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertEntry(db: Executor, row: Insertable<AllocationEntryTable>): Promise<EntryRecord> {
  const r = await db.insertInto('allocation_entry').values(row).returningAll().executeTakeFirstOrThrow();
  return {
    ...r,
    id: num(r.id),
    allocation_id: num(r.allocation_id),
    delta: num(r.delta),
    counterpart_allocation_id: r.counterpart_allocation_id === null ? null : num(r.counterpart_allocation_id),
  };
}

export async function listEntries(db: Executor, allocationId: number): Promise<EntryRecord[]> {
  const rows = await db
    .selectFrom('allocation_entry')
    .selectAll()
    .where('allocation_id', '=', allocationId)
    .orderBy('entry_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    id: num(r.id),
    allocation_id: num(r.allocation_id),
    delta: num(r.delta),
    counterpart_allocation_id: r.counterpart_allocation_id === null ? null : num(r.counterpart_allocation_id),
  }));
}

// ── disbursements ───────────────────────────────────────────────────────────
export async function insertDisbursement(
  db: Executor,
  row: Insertable<DisbursementTable>,
): Promise<DisbursementRecord> {
  const r = await db.insertInto('disbursement').values(row).returningAll().executeTakeFirstOrThrow();
  return { ...r, id: num(r.id), allocation_id: num(r.allocation_id), amount: num(r.amount) };
}

export async function findDisbursementByVoucher(
  db: Executor,
  provinceCode: string,
  voucherNo: string,
): Promise<DisbursementRecord | undefined> {
  const r = await db
    .selectFrom('disbursement')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('voucher_no', '=', voucherNo)
    .executeTakeFirst();
  return r && { ...r, id: num(r.id), allocation_id: num(r.allocation_id), amount: num(r.amount) };
}

export async function findDisbursement(db: Executor, id: number): Promise<DisbursementRecord | undefined> {
  const r = await db.selectFrom('disbursement').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { ...r, id: num(r.id), allocation_id: num(r.allocation_id), amount: num(r.amount) };
}

export async function listDisbursements(db: Executor, allocationId: number): Promise<DisbursementRecord[]> {
  const rows = await db
    .selectFrom('disbursement')
    .selectAll()
    .where('allocation_id', '=', allocationId)
    .orderBy('disbursed_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    id: num(r.id),
    allocation_id: num(r.allocation_id),
    amount: num(r.amount),
  }));
}

// ── support given to households ─────────────────────────────────────────────
export async function insertSupport(
  db: Executor,
  row: Insertable<HouseholdSupportTable>,
): Promise<SupportRecord> {
  const r = await db.insertInto('household_support').values(row).returningAll().executeTakeFirstOrThrow();
  return {
    ...r,
    id: num(r.id),
    component_id: num(r.component_id),
    amount: num(r.amount),
    disbursement_id: r.disbursement_id === null ? null : num(r.disbursement_id),
  };
}

export async function sumSupportOfDisbursement(db: Executor, disbursementId: number): Promise<number> {
  const r = await db
    .selectFrom('household_support')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('s'))
    .where('disbursement_id', '=', disbursementId)
    .executeTakeFirst();
  return Number(r?.s ?? 0);
}

/** Support given to a household (in one province, or wherever the key is used when null). */
export async function listSupportOfHousehold(
  db: Executor,
  provinceCode: string | null,
  householdKey: string,
) {
  let q = db
    .selectFrom('household_support as s')
    .innerJoin('program_component as c', 'c.id', 's.component_id')
    .selectAll('s')
    .select(['c.code as component_code', 'c.name as component_name'])
    .where('s.household_key', '=', householdKey);
  if (provinceCode) q = q.where('s.province_code', '=', provinceCode);
  const rows = await q.orderBy('s.supported_on').orderBy('s.id').execute();
  return rows.map((r) => ({
    ...r,
    id: num(r.id),
    component_id: num(r.component_id),
    amount: num(r.amount),
    disbursement_id: r.disbursement_id === null ? null : num(r.disbursement_id),
  }));
}

/** Support rows of a year for the given units, with the project code (for cost per household). */
export async function listSupportRows(db: Executor, year: number, unitCodes: readonly string[]) {
  if (unitCodes.length === 0) return [];
  const rows = await db
    .selectFrom('household_support as s')
    .innerJoin('program_component as c', 'c.id', 's.component_id')
    .select([
      's.household_key',
      's.amount',
      's.unit_code',
      'c.code as component_code',
      'c.parent_code as parent_code',
    ])
    .where('s.supported_on', '>=', `${year}-01-01`)
    .where('s.supported_on', '<=', `${year}-12-31`)
    .where('s.unit_code', 'in', [...unitCodes])
    .execute();
  return rows.map((r) => ({ ...r, amount: num(r.amount) }));
}

// ── "cannot be implemented" reports ─────────────────────────────────────────
export async function insertIssue(db: Executor, row: Insertable<AllocationIssueTable>): Promise<IssueRecord> {
  const r = await db.insertInto('allocation_issue').values(row).returningAll().executeTakeFirstOrThrow();
  return {
    ...r,
    id: num(r.id),
    allocation_id: num(r.allocation_id),
    amount: num(r.amount),
    target_component_id: r.target_component_id === null ? null : num(r.target_component_id),
  };
}

export async function listIssues(db: Executor, allocationId: number): Promise<IssueRecord[]> {
  const rows = await db
    .selectFrom('allocation_issue')
    .selectAll()
    .where('allocation_id', '=', allocationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    id: num(r.id),
    allocation_id: num(r.allocation_id),
    amount: num(r.amount),
    target_component_id: r.target_component_id === null ? null : num(r.target_component_id),
  }));
}

// ── readings of the household registry (its tables, read-only here) ────────

/**
 * Household counts per unit from the registry's maintained aggregates: all classes, poor and
 * near-poor, for a review period and result status ('approved' = recognised, 'draft' = under review).
 */
export async function registryCountsByUnit(
  db: Executor,
  period: number,
  status: string,
  unitCodes: readonly string[],
) {
  if (unitCodes.length === 0) return [];
  const rows = await db
    .selectFrom('review_aggregate')
    .select(['unit_code', 'classification', 'n'])
    .where('period', '=', period)
    .where('status', '=', status)
    .where('indicator', '=', '')
    .where('unit_code', 'in', [...unitCodes])
    .execute();
  return rows.map((r) => ({ unitCode: r.unit_code, classification: r.classification, n: Number(r.n) }));
}

/**
 * The household cells (indicator '') of the units for the periods, every status, as kept: one row
 * per unit version × period × status × class (cells whose count fell to 0 included, as
 * registryCountsByUnit reads them). `provinceCode` keeps the read on the aggregates' key.
 */
export async function registryCellsOfUnits(
  db: Executor,
  provinceCode: string,
  periods: readonly number[],
  unitCodes: readonly string[],
) {
  if (unitCodes.length === 0 || periods.length === 0) return [];
  // The province's household cells of the periods (a range of the index by province, period and
  // indicator), kept for the units in memory: a report of a province names ~740 unit codes, and an
  // IN list of them cost more than the cells it left out (docs/decisions/0032).
  const wanted = new Set(unitCodes);
  const rows: KeptCell[] = [];
  for (const period of periods) rows.push(...(await householdCellsOfPeriod(db, provinceCode, period)));
  return rows
    .filter((r) => wanted.has(r.unit_code))
    .map((r) => ({
      period: Number(r.period),
      status: r.status,
      unitCode: r.unit_code,
      classification: r.classification,
      n: Number(r.n),
    }));
}

/**
 * The transition cells (indicator `from:…`, src/domain/registry/balance.ts) of the results of
 * `period` held by the units, every status, as kept (one per unit version × status × class ×
 * transition key): the class each household had in the period before, without reading the results.
 */
export async function transitionCellsOfUnits(
  db: Executor,
  provinceCode: string,
  period: number,
  unitCodes: readonly string[],
): Promise<KeptCell[]> {
  if (unitCodes.length === 0) return [];
  const wanted = new Set(unitCodes);
  return (await transitionCellsOfPeriod(db, provinceCode, period)).filter((r) => wanted.has(r.unit_code));
}

/** True when the province holds results of the period that are not recognised (status other than 'approved'). */
export async function hasUnrecognisedResults(
  db: Executor,
  provinceCode: string,
  period: number,
): Promise<boolean> {
  const r = await db
    .selectFrom('review_aggregate')
    .select('n')
    .where('province_code', '=', provinceCode)
    .where('period', '=', period)
    .where('status', '<>', 'approved')
    .where('indicator', '=', '')
    .where('n', '<>', 0)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Households of the units whose result of `period` has the movement (e.g. thoat-ngheo), from the aggregates. */
export async function registryMovementCount(
  db: Executor,
  period: number,
  status: string,
  movement: string,
  unitCodes: readonly string[],
): Promise<number> {
  if (unitCodes.length === 0) return 0;
  const r = await db
    .selectFrom('review_aggregate')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), sql<number>`0`).as('n'))
    .where('period', '=', period)
    .where('status', '=', status)
    .where('indicator', '=', `movement:${movement}`)
    .where('unit_code', 'in', [...unitCodes])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Support of a year given to households whose result of `period` has the movement, per household. */
export async function supportOfHouseholdsWithMovement(
  db: Executor,
  year: number,
  period: number,
  movement: string,
  unitCodes: readonly string[],
) {
  if (unitCodes.length === 0) return [];
  const rows = await db
    .selectFrom('household_support as s')
    .innerJoin('household as h', (j) =>
      j.onRef('h.province_code', '=', 's.province_code').onRef('h.household_key', '=', 's.household_key'),
    )
    .innerJoin('review_result as r', (j) =>
      j.onRef('r.household_id', '=', 'h.id').onRef('r.province_code', '=', 'h.province_code'),
    )
    .select(['s.household_key', (eb) => eb.fn.sum<number>('s.amount').as('amount')])
    .where('r.period', '=', period)
    .where('r.movement', '=', movement)
    .where('s.supported_on', '>=', `${year}-01-01`)
    .where('s.supported_on', '<=', `${year}-12-31`)
    .where('s.unit_code', 'in', [...unitCodes])
    .groupBy('s.household_key')
    .execute();
  return rows.map((r) => ({ householdKey: r.household_key, amount: Number(r.amount) }));
}

/**
 * Households of the units with a result in `period` that the program targets: poor, near-poor, or
 * recently exited — a "thoát nghèo" movement in this period or the `exitWindow - 1` before it.
 * `householdKey` narrows to one household (whatever its class).
 */
export async function listMatchCandidates(
  db: Executor,
  q: {
    period: number;
    unitCodes?: readonly string[];
    householdKey?: string;
    provinceCode?: string;
    exitWindow?: number;
  },
) {
  if (q.unitCodes && q.unitCodes.length === 0) return [];
  const from = q.period - (q.exitWindow ?? 3) + 1;
  let s = db
    .selectFrom('household as h')
    .innerJoin('review_result as r', (j) =>
      j.onRef('r.household_id', '=', 'h.id').onRef('r.province_code', '=', 'h.province_code'),
    )
    .select((eb) => [
      'h.id',
      'h.province_code',
      'h.household_key',
      'h.head_name',
      'h.commune_code',
      'r.unit_code',
      'r.survey_date',
      'r.classification',
      'r.deprivations',
      'r.movement',
      'r.no_labour',
      'r.status',
      'r.answers',
      eb
        .exists(
          eb
            .selectFrom('review_result as e')
            .select('e.id')
            .whereRef('e.household_id', '=', 'h.id')
            .whereRef('e.province_code', '=', 'h.province_code')
            .where('e.period', '>=', from)
            .where('e.period', '<=', q.period)
            .where('e.movement', '=', 'thoat-ngheo'),
        )
        .as('exited_recently'),
    ])
    .where('r.period', '=', q.period);
  if (q.unitCodes) s = s.where('r.unit_code', 'in', [...q.unitCodes]);
  if (q.provinceCode) s = s.where('h.province_code', '=', q.provinceCode);
  if (q.householdKey) s = s.where('h.household_key', '=', q.householdKey);
  else
    s = s.where((eb) =>
      eb.or([
        eb('r.classification', 'in', ['POOR', 'NEAR_POOR']),
        eb.exists(
          eb
            .selectFrom('review_result as e')
            .select('e.id')
            .whereRef('e.household_id', '=', 'h.id')
            .whereRef('e.province_code', '=', 'h.province_code')
            .where('e.period', '>=', from)
            .where('e.period', '<=', q.period)
            .where('e.movement', '=', 'thoat-ngheo'),
        ),
      ]),
    );
  const rows = await s.orderBy('r.unit_code').orderBy('h.household_key').execute();
  // EXISTS reads back as 0/1 on SQLite and true/false on PostgreSQL.
  return rows.map((r) => ({ ...r, id: num(r.id), exited_recently: Boolean(Number(r.exited_recently)) }));
}

/** Members of the households, in household then ordinal order (guard: no ids, no rows). */
export async function listMembersOfHouseholds(db: Executor, householdIds: readonly number[]) {
  if (householdIds.length === 0) return [];
  const out = [];
  for (let i = 0; i < householdIds.length; i += 500) {
    const rows = await db
      .selectFrom('household_member')
      .select(['province_code', 'household_id', 'ordinal', 'birth_date', 'sex'])
      .where('household_id', 'in', householdIds.slice(i, i + 500))
      .orderBy('household_id')
      .orderBy('ordinal')
      .execute();
    out.push(...(await withMemberData(db, rows)).map((r) => ({ ...r, household_id: num(r.household_id) })));
  }
  return out;
}

export async function findProgramById(db: Executor, id: number): Promise<ProgramRecord | undefined> {
  return db.selectFrom('program').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Ledger and disbursement totals of the allocations up to a date (inclusive), for views "as of" a
 * past day; the maintained aggregates hold the totals to date.
 */
export async function totalsUpTo(db: Executor, allocationIds: readonly number[], asOf: string) {
  const out = new Map<number, { adjusted: number; disbursed: number; count: number; last: string | null }>();
  if (allocationIds.length === 0) return out;
  for (let i = 0; i < allocationIds.length; i += 500) {
    const ids = allocationIds.slice(i, i + 500);
    const ds = await db
      .selectFrom('disbursement')
      .select((eb) => [
        'allocation_id',
        eb.fn.sum<number>('amount').as('s'),
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('disbursed_on').as('last'),
      ])
      .where('allocation_id', 'in', ids)
      .where('disbursed_on', '<=', asOf)
      .groupBy('allocation_id')
      .execute();
    const es = await db
      .selectFrom('allocation_entry')
      .select((eb) => ['allocation_id', eb.fn.sum<number>('delta').as('s')])
      .where('allocation_id', 'in', ids)
      .where('entry_date', '<=', asOf)
      .groupBy('allocation_id')
      .execute();
    for (const id of ids) out.set(id, { adjusted: 0, disbursed: 0, count: 0, last: null });
    for (const d of ds)
      Object.assign(out.get(num(d.allocation_id))!, {
        disbursed: Number(d.s),
        count: Number(d.n),
        last: d.last,
      });
    for (const e of es) out.get(num(e.allocation_id))!.adjusted = Number(e.s);
  }
  return out;
}

/**
 * The previous period's recognised classes of the households that have a result of `period` with
 * one of `statuses` in the units: what the reviewed households were before, so households not yet
 * reviewed can be carried at their old class. A join of the results (reads every reviewed
 * household): the from-scratch way, kept as the targets report's check and for a previous period
 * not wholly recognised (targets.service.ts reads the transition cells otherwise).
 */
export async function previousClassesOfReviewed(
  db: Executor,
  period: number,
  statuses: readonly string[],
  unitCodes: readonly string[],
) {
  if (unitCodes.length === 0 || statuses.length === 0) return [];
  const rows = await db
    .selectFrom('review_result as r')
    .innerJoin('review_result as p', (j) =>
      j.onRef('p.household_id', '=', 'r.household_id').onRef('p.province_code', '=', 'r.province_code'),
    )
    .select((eb) => ['p.classification', eb.fn.countAll<number>().as('n')])
    .where('r.period', '=', period)
    .where('r.status', 'in', [...statuses])
    .where('r.unit_code', 'in', [...unitCodes])
    .where('p.period', '=', period - 1)
    .where('p.status', '=', 'approved')
    .groupBy('p.classification')
    .execute();
  return rows.map((r) => ({ classification: r.classification, n: Number(r.n) }));
}

/** Years with allocations or targets for any of the units (newest first). */
export async function listFinanceYears(db: Executor, unitCodes: readonly string[]): Promise<number[]> {
  // guard against an empty IN list
  if (unitCodes.length === 0) return [];
  const rows = await db
    .selectFrom('allocation')
    .select('year')
    .where('unit_code', 'in', unitCodes)
    .union(db.selectFrom('finance_target').select('year').where('unit_code', 'in', unitCodes))
    .execute();
  return [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => b - a);
}
