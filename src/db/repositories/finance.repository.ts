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
    .selectAll('a')
    .select([
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

export async function listSupportOfHousehold(db: Executor, provinceCode: string, householdKey: string) {
  const rows = await db
    .selectFrom('household_support as s')
    .innerJoin('program_component as c', 'c.id', 's.component_id')
    .selectAll('s')
    .select(['c.code as component_code', 'c.name as component_name'])
    .where('s.province_code', '=', provinceCode)
    .where('s.household_key', '=', householdKey)
    .orderBy('s.supported_on')
    .orderBy('s.id')
    .execute();
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
