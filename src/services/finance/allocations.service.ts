// Allocations (kế hoạch vốn), their adjustment ledger and disbursements (giải ngân). Each use case
// runs in one transaction, writes the audit trail and keeps the allocation's aggregates (adjusted,
// disbursed, count) current in the same transaction. The available balance never goes negative.
import { AppError } from '../../errors.js';
import { optionalIsoDate, requireNotAfter, vnDateOf } from '../../domain/dates.js';
import { objectsOf, parsePeriod } from '../../domain/input.js';
import { todayVn } from '../input.js';
import { amountInWords } from '../../domain/finance/amount-words.js';
import {
  CAPITAL_TYPES,
  SOURCES,
  applyDisbursement,
  applyEntry,
  balanceOf,
  entryDelta,
  parseAmount,
  replayLedger,
  type CapitalType,
  type EntryKind,
  type FundingSource,
} from '../../domain/finance/ledger.js';
import { assessRisk, type RiskAssessment } from '../../domain/finance/risk.js';
import {
  bumpAllocation,
  findAllocation,
  findAllocationByKey,
  findComponent,
  findComponentById,
  findProgramById,
  findDisbursementByVoucher,
  insertAllocation,
  insertDisbursement,
  insertEntry,
  insertIssue,
  insertSupport,
  listAllocationRows,
  listDisbursements,
  listEntries,
  listIssues,
  setAllocationAggregates,
  totalsUpTo,
  type AllocationRecord,
  type DisbursementRecord,
  type EntryRecord,
  type IssueRecord,
} from '../../db/repositories/finance.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { inScope, requirePermission, requireUnitAccess } from '../access.js';
import { findHouseholdByKey } from '../../db/repositories/registry.repository.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { resolveComponent } from './programs.service.js';
import {
  isUniqueViolation,
  optCount,
  optText,
  reqDate,
  reqEnum,
  reqId,
  reqText,
  reqYear,
  unitOn,
  unitsCovered,
} from './common.js';

export interface AllocationView {
  id: number;
  year: number;
  unitCode: string;
  programCode: string;
  componentCode: string;
  projectCode: string;
  componentName: string;
  componentNameEn: string;
  projectName: string;
  projectNameEn: string;
  capitalType: CapitalType;
  source: FundingSource;
  amount: number;
  adjusted: number;
  planned: number;
  disbursed: number;
  available: number;
  rate: number;
  disbursementCount: number;
  lastDisbursedOn: string | null;
  decisionNo: string;
  decisionDate: string;
  deadline: string;
  note: string | null;
  risk: RiskAssessment;
  amountInWords: string;
  version: number;
}

async function viewOf(
  db: Executor,
  a: AllocationRecord,
  asOf: string,
  names?: {
    code: string;
    parent: string | null;
    name: string;
    nameEn: string;
    programCode?: string;
    projectName: string;
    projectNameEn: string;
  },
): Promise<AllocationView> {
  let n = names;
  if (!n) {
    const c = (await findComponentById(db, a.component_id))!;
    const p = c.parent_code ? await findComponent(db, a.program_id, c.parent_code) : undefined;
    n = {
      code: c.code,
      parent: c.parent_code,
      name: c.name,
      nameEn: c.name_en,
      projectName: p?.name ?? c.name,
      projectNameEn: p?.name_en ?? c.name_en,
    };
  }
  const programCode = n.programCode ?? (await findProgramById(db, a.program_id))!.code;
  const b = balanceOf(a);
  return {
    id: a.id,
    year: a.year,
    unitCode: a.unit_code,
    programCode,
    componentCode: n.code,
    projectCode: n.parent ?? n.code,
    componentName: n.name,
    componentNameEn: n.nameEn,
    projectName: n.projectName,
    projectNameEn: n.projectNameEn,
    capitalType: a.capital_type as CapitalType,
    source: a.source as FundingSource,
    amount: a.amount,
    adjusted: a.adjusted,
    planned: b.planned,
    disbursed: a.disbursed,
    available: b.available,
    rate: Math.round(b.rate * 10000) / 10000,
    disbursementCount: a.disbursement_count,
    lastDisbursedOn: a.last_disbursed_on,
    decisionNo: a.decision_no,
    decisionDate: a.decision_date,
    deadline: a.deadline,
    note: a.note,
    risk: assessRisk({
      planned: b.planned,
      disbursed: a.disbursed,
      startDate: a.decision_date,
      deadline: a.deadline,
      asOf,
    }),
    amountInWords: amountInWords(b.planned),
    version: a.version,
  };
}

export interface AllocationInput {
  year?: unknown;
  unitCode?: unknown;
  programCode?: unknown;
  componentCode?: unknown;
  capitalType?: unknown;
  source?: unknown;
  amount?: unknown;
  decisionNo?: unknown;
  decisionDate?: unknown;
  deadline?: unknown;
  note?: unknown;
}

/** Validates an allocation without writing (also used row by row by the Excel import). */
export async function checkAllocationInput(
  db: Executor,
  actor: Actor,
  input: AllocationInput,
  today: string,
) {
  const year = parsePeriod(input.year, 'year', today);
  const programCode = optText(input.programCode, 'programCode', 40);
  const { program, component } = await resolveComponent(db, {
    programCode,
    componentCode: input.componentCode,
    year,
  });
  const capitalType = reqEnum(input.capitalType, CAPITAL_TYPES, 'capitalType');
  const source = reqEnum(input.source, SOURCES, 'source');
  const amount = parseAmount(input.amount, 'amount');
  const decisionNo = reqText(input.decisionNo, 'decisionNo', 100);
  const decisionDate = reqDate(input.decisionDate, 'decisionDate');
  const deadline = reqDate(input.deadline, 'deadline');
  if (deadline < decisionDate)
    throw new AppError(
      'FIELD_INVALID',
      { field: 'deadline', detail: `< decisionDate ${decisionDate}` },
      { field: 'deadline' },
    );
  const unit = await unitOn(db, input.unitCode, decisionDate);
  await requireUnitAccess(db, actor, unit.code);
  const note = optText(input.note, 'note');
  return {
    year,
    program,
    component,
    capitalType,
    source,
    amount,
    decisionNo,
    decisionDate,
    deadline,
    unit,
    note,
  };
}

type CheckedAllocation = Awaited<ReturnType<typeof checkAllocationInput>>;

async function writeAllocation(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  c: CheckedAllocation,
  at: string,
): Promise<AllocationRecord> {
  const key = {
    provinceCode: c.unit.province_code,
    unitCode: c.unit.code,
    year: c.year,
    componentId: c.component.id,
    capitalType: c.capitalType,
    source: c.source,
  };
  const duplicate = () =>
    new AppError(
      'ALLOCATION_DUPLICATE',
      { key: `${c.year} × ${c.component.code} × ${c.capitalType} × ${c.source} × ${c.unit.code}` },
      { field: 'componentCode' },
    );
  if (await findAllocationByKey(trx, key)) throw duplicate();
  let row: AllocationRecord;
  try {
    row = await insertAllocation(trx, {
      province_code: c.unit.province_code,
      unit_code: c.unit.code,
      year: c.year,
      program_id: Number(c.program.id),
      component_id: c.component.id,
      capital_type: c.capitalType,
      source: c.source,
      amount: c.amount,
      decision_no: c.decisionNo,
      decision_date: c.decisionDate,
      deadline: c.deadline,
      note: c.note,
      last_disbursed_on: null,
      created_at: at,
      created_by: actorName(actor),
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
  await insertAudit(trx, {
    at,
    actorId: actorId(actor),
    actor: actorName(actor),
    action: 'create',
    entity: 'allocation',
    entityId: String(row.id),
    unitCode: row.unit_code,
    provinceCode: row.province_code,
    after: row,
  });
  return row;
}

export async function createAllocation(
  deps: Deps,
  actor: Actor,
  input: AllocationInput,
): Promise<AllocationView> {
  requirePermission(actor, 'finance.write');
  const db = deps.db.kysely;
  const c = await checkAllocationInput(db, actor, input, todayVn(deps));
  const at = nowIso(deps);
  const row = await db.transaction().execute((trx) => writeAllocation(trx, deps, actor, c, at));
  return viewOf(db, row, vnDateOf(deps.now()));
}

/** Creates many allocations in one transaction (import, demo): all or nothing. */
export async function createAllocations(
  deps: Deps,
  actor: Actor,
  inputs: readonly AllocationInput[],
): Promise<AllocationRecord[]> {
  requirePermission(actor, 'finance.write');
  const db = deps.db.kysely;
  const checked: CheckedAllocation[] = [];
  for (const input of inputs) checked.push(await checkAllocationInput(db, actor, input, todayVn(deps)));
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const out: AllocationRecord[] = [];
    for (const c of checked) out.push(await writeAllocation(trx, deps, actor, c, at));
    return out;
  });
}

async function loadAllocation(
  db: Executor,
  actor: Actor,
  id: unknown,
  field = 'allocationId',
): Promise<AllocationRecord> {
  const n = reqId(id, field);
  // Out of scope reads as missing (docs/decisions/0015).
  return inScope(
    db,
    actor,
    await findAllocation(db, n),
    (a) => a.unit_code,
    () => new AppError('ALLOCATION_NOT_FOUND', { id: n }, { field }),
  );
}

export interface AdjustmentInput {
  kind?: unknown;
  amount?: unknown;
  date?: unknown;
  decisionNo?: unknown;
  reason?: unknown;
  /** transfer: the allocation that receives the money. */
  toAllocationId?: unknown;
  /** carry-over: deadline of next year's allocation when it has to be created (default 31/12 of next year). */
  nextDeadline?: unknown;
}

export const ADJUSTMENT_KINDS = ['increase', 'cut', 'transfer', 'carry-over'] as const;

export interface AdjustmentResult {
  allocation: AllocationView;
  entries: EntryRecord[];
  counterpart?: AllocationView;
}

/**
 * Records an adjustment as dated ledger entries (never an edit): increase, cut, transfer to another
 * allocation (two entries), or carry-over of the unspent balance to next year's allocation of the
 * same key (created when absent).
 */
export async function adjustAllocation(
  deps: Deps,
  actor: Actor,
  allocationId: unknown,
  input: AdjustmentInput,
): Promise<AdjustmentResult> {
  requirePermission(actor, 'finance.write');
  const db = deps.db.kysely;
  const kind = reqEnum(input.kind, ADJUSTMENT_KINDS, 'kind');
  const amount = parseAmount(input.amount, 'amount');
  const date = reqDate(input.date, 'date');
  const decisionNo = optText(input.decisionNo, 'decisionNo', 100);
  const reason = optText(input.reason, 'reason');
  const at = nowIso(deps);
  const asOf = vnDateOf(deps.now());
  const result = await db.transaction().execute(async (trx) => {
    const a = await loadAllocation(trx, actor, allocationId);
    if (date < a.decision_date) {
      throw new AppError(
        'DATE_BEFORE_ALLOCATION',
        { date, allocationDate: a.decision_date },
        { field: 'date' },
      );
    }
    const entries: EntryRecord[] = [];
    let counterpart: AllocationRecord | undefined;
    const post = async (target: AllocationRecord, k: EntryKind, other: number | null) => {
      applyEntry(target, k, amount); // coded BALANCE_INSUFFICIENT before anything is written
      if (!(await bumpAllocation(trx, target.id, { adjustedDelta: entryDelta(k, amount) }))) {
        const fresh = (await findAllocation(trx, target.id))!;
        throw new AppError(
          'BALANCE_INSUFFICIENT',
          { amount, available: balanceOf(fresh).available },
          { field: 'amount' },
        );
      }
      const e = await insertEntry(trx, {
        province_code: target.province_code,
        allocation_id: target.id,
        kind: k,
        delta: entryDelta(k, amount),
        entry_date: date,
        decision_no: decisionNo,
        reason,
        counterpart_allocation_id: other,
        created_at: at,
        created_by: actorName(actor),
      });
      entries.push(e);
      await insertAudit(trx, {
        at,
        actorId: actorId(actor),
        actor: actorName(actor),
        action: `ledger:${k}`,
        entity: 'allocation',
        entityId: String(target.id),
        unitCode: target.unit_code,
        provinceCode: target.province_code,
        before: target,
        after: e,
      });
    };
    if (kind === 'increase' || kind === 'cut') {
      await post(a, kind, null);
    } else if (kind === 'transfer') {
      const to = await loadAllocation(trx, actor, input.toAllocationId, 'toAllocationId');
      if (to.id === a.id)
        throw new AppError('TRANSFER_INVALID', { detail: 'same allocation' }, { field: 'toAllocationId' });
      if (to.province_code !== a.province_code)
        throw new AppError('TRANSFER_INVALID', { detail: 'another province' }, { field: 'toAllocationId' });
      if (date < to.decision_date)
        throw new AppError(
          'DATE_BEFORE_ALLOCATION',
          { date, allocationDate: to.decision_date },
          { field: 'date' },
        );
      await post(a, 'transfer-out', to.id);
      await post(to, 'transfer-in', a.id);
      counterpart = to;
    } else {
      const key = {
        provinceCode: a.province_code,
        unitCode: a.unit_code,
        year: a.year + 1,
        componentId: a.component_id,
        capitalType: a.capital_type,
        source: a.source,
      };
      let next = await findAllocationByKey(trx, key);
      if (!next) {
        const nextDeadline =
          input.nextDeadline === undefined || input.nextDeadline === null || input.nextDeadline === ''
            ? `${a.year + 1}-12-31`
            : reqDate(input.nextDeadline, 'nextDeadline');
        next = await insertAllocation(trx, {
          province_code: a.province_code,
          unit_code: a.unit_code,
          year: a.year + 1,
          program_id: a.program_id,
          component_id: a.component_id,
          capital_type: a.capital_type,
          source: a.source,
          amount: 0,
          decision_no: decisionNo ?? `chuyển nguồn từ phân bổ ${a.id}`,
          decision_date: date,
          deadline: nextDeadline < date ? date : nextDeadline,
          note: reason,
          last_disbursed_on: null,
          created_at: at,
          created_by: actorName(actor),
        });
        await insertAudit(trx, {
          at,
          actorId: actorId(actor),
          actor: actorName(actor),
          action: 'create',
          entity: 'allocation',
          entityId: String(next.id),
          unitCode: next.unit_code,
          provinceCode: next.province_code,
          after: next,
        });
      }
      await post(a, 'carry-over-out', next.id);
      await post((await findAllocation(trx, next.id))!, 'carry-over-in', a.id);
      counterpart = next;
    }
    const fresh = (await findAllocation(trx, a.id))!;
    const other = counterpart ? (await findAllocation(trx, counterpart.id))! : undefined;
    return { fresh, entries, other };
  });
  return {
    allocation: await viewOf(db, result.fresh, asOf),
    entries: result.entries,
    ...(result.other ? { counterpart: await viewOf(db, result.other, asOf) } : {}),
  };
}

export interface SupportLine {
  householdKey?: unknown;
  amount?: unknown;
  description?: unknown;
  unitCode?: unknown;
}

export interface DisbursementInput {
  allocationId?: unknown;
  date?: unknown;
  amount?: unknown;
  voucherNo?: unknown;
  activity?: unknown;
  beneficiaryHouseholds?: unknown;
  /** The households supported by this payment (support recorded on each, linked to it). */
  support?: unknown;
}

/** Validates a disbursement against its allocation (in the caller's transaction), writing nothing. */
async function checkDisbursement(trx: Executor, actor: Actor, input: DisbursementInput, today: string) {
  const a = await loadAllocation(trx, actor, input.allocationId);
  // A payment is recorded once made: never dated after today (Vietnam time).
  const date = requireNotAfter(reqDate(input.date, 'date'), today, 'date');
  const amount = parseAmount(input.amount, 'amount');
  const voucherNo = reqText(input.voucherNo, 'voucherNo', 100);
  const activity = reqText(input.activity, 'activity', 1000);
  if (date < a.decision_date)
    throw new AppError(
      'DATE_BEFORE_ALLOCATION',
      { date, allocationDate: a.decision_date },
      { field: 'date' },
    );
  if (await findDisbursementByVoucher(trx, a.province_code, voucherNo)) {
    throw new AppError('VOUCHER_DUPLICATE', { voucher: voucherNo }, { field: 'voucherNo' });
  }
  applyDisbursement(a, amount);
  const support = objectsOf(input.support, 'support').map((s, i) => ({
    householdKey: reqText(s.householdKey, `support[${i}].householdKey`, 60),
    amount: parseAmount(s.amount, `support[${i}].amount`),
    description: optText(s.description, `support[${i}].description`, 1000) ?? activity,
    unitCode: optText(s.unitCode, `support[${i}].unitCode`, 10) ?? a.unit_code,
  }));
  // Support lines written to another unit, or to a household the registry keeps elsewhere, need
  // the caller's scope over that unit and that household too.
  for (const [i, s] of support.entries()) {
    if (s.unitCode !== a.unit_code) {
      const unit = await unitOn(trx, s.unitCode, date, `support[${i}].unitCode`);
      await requireUnitAccess(trx, actor, unit.code);
    }
    const household = await findHouseholdByKey(trx, a.province_code, s.householdKey);
    if (household)
      await inScope(
        trx,
        actor,
        household,
        (h) => h.commune_code,
        () =>
          new AppError(
            'HOUSEHOLD_NOT_FOUND',
            { id: s.householdKey },
            { field: `support[${i}].householdKey` },
          ),
      );
  }
  const total = support.reduce((s, x) => s + x.amount, 0);
  if (total > amount)
    throw new AppError(
      'SUPPORT_EXCEEDS_DISBURSEMENT',
      { total, voucher: voucherNo, amount },
      { field: 'support' },
    );
  const households = new Set(support.map((s) => s.householdKey)).size;
  const beneficiaryHouseholds = Math.max(
    optCount(input.beneficiaryHouseholds, 'beneficiaryHouseholds'),
    households,
  );
  return { a, date, amount, voucherNo, activity, support, beneficiaryHouseholds };
}

async function writeDisbursement(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  c: Awaited<ReturnType<typeof checkDisbursement>>,
  at: string,
): Promise<DisbursementRecord> {
  if (!(await bumpAllocation(trx, c.a.id, { disbursedDelta: c.amount, disbursedOn: c.date }))) {
    const fresh = (await findAllocation(trx, c.a.id))!;
    throw new AppError(
      'BALANCE_INSUFFICIENT',
      { amount: c.amount, available: balanceOf(fresh).available },
      { field: 'amount' },
    );
  }
  let d: DisbursementRecord;
  try {
    d = await insertDisbursement(trx, {
      province_code: c.a.province_code,
      allocation_id: c.a.id,
      disbursed_on: c.date,
      amount: c.amount,
      voucher_no: c.voucherNo,
      activity: c.activity,
      beneficiary_households: c.beneficiaryHouseholds,
      created_at: at,
      created_by: actorName(actor),
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('VOUCHER_DUPLICATE', { voucher: c.voucherNo }, { field: 'voucherNo' });
    throw err;
  }
  for (const s of c.support) {
    await insertSupport(trx, {
      province_code: c.a.province_code,
      household_key: s.householdKey,
      unit_code: s.unitCode,
      component_id: c.a.component_id,
      disbursement_id: d.id,
      supported_on: c.date,
      amount: s.amount,
      description: s.description,
      created_at: at,
      created_by: actorName(actor),
    });
  }
  await insertAudit(trx, {
    at,
    actorId: actorId(actor),
    actor: actorName(actor),
    action: 'disburse',
    entity: 'allocation',
    entityId: String(c.a.id),
    unitCode: c.a.unit_code,
    provinceCode: c.a.province_code,
    before: c.a,
    after: { disbursement: d, support: c.support },
  });
  return d;
}

export interface DisbursementResult {
  disbursement: DisbursementRecord;
  allocation: AllocationView;
}

export async function recordDisbursement(
  deps: Deps,
  actor: Actor,
  input: DisbursementInput,
): Promise<DisbursementResult> {
  requirePermission(actor, 'finance.write');
  const db = deps.db.kysely;
  const at = nowIso(deps);
  const d = await db
    .transaction()
    .execute(async (trx) =>
      writeDisbursement(trx, deps, actor, await checkDisbursement(trx, actor, input, todayVn(deps)), at),
    );
  const a = (await findAllocation(db, d.allocation_id))!;
  return { disbursement: d, allocation: await viewOf(db, a, vnDateOf(deps.now())) };
}

/**
 * Records many disbursements in one transaction (import): each is checked against the balance
 * left by the ones before it; the first refusal rolls everything back with its row index.
 */
export async function recordDisbursements(
  deps: Deps,
  actor: Actor,
  inputs: readonly DisbursementInput[],
): Promise<DisbursementRecord[]> {
  requirePermission(actor, 'finance.write');
  const db = deps.db.kysely;
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const out: DisbursementRecord[] = [];
    for (let i = 0; i < inputs.length; i++) {
      try {
        out.push(
          await writeDisbursement(
            trx,
            deps,
            actor,
            await checkDisbursement(trx, actor, inputs[i]!, todayVn(deps)),
            at,
          ),
        );
      } catch (err) {
        if (err instanceof AppError)
          throw new AppError(err.code, err.params, {
            ...(err.field ? { field: err.field } : {}),
            ...(err.worded ? { worded: err.worded } : {}),
            data: { ...(err.data ?? {}), index: i },
          });
        throw err;
      }
    }
    return out;
  });
}

export const ISSUE_REASONS = [
  'no-beneficiaries',
  'procedures',
  'no-counterpart-funding',
  'overlapping-support',
  'other',
] as const;
export const ISSUE_REASON_LABELS: Record<(typeof ISSUE_REASONS)[number], { vi: string; en: string }> = {
  'no-beneficiaries': { vi: 'Không có đối tượng đủ điều kiện thụ hưởng', en: 'No eligible beneficiaries' },
  procedures: {
    vi: 'Vướng mắc về thủ tục, hướng dẫn thực hiện',
    en: 'Procedural obstacles or missing guidance',
  },
  'no-counterpart-funding': { vi: 'Không bố trí được vốn đối ứng', en: 'No counterpart funding' },
  'overlapping-support': { vi: 'Trùng lặp với chính sách, nguồn hỗ trợ khác', en: 'Overlaps other support' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

export interface IssueInput {
  reason?: unknown;
  detail?: unknown;
  amount?: unknown;
  proposal?: unknown;
  targetComponentCode?: unknown;
  date?: unknown;
}

/** Records why (part of) an allocation cannot be implemented, and what is proposed (stop or move). */
export async function recordIssue(
  deps: Deps,
  actor: Actor,
  allocationId: unknown,
  input: IssueInput,
): Promise<IssueRecord> {
  requirePermission(actor, 'tasks.follow-up');
  const db = deps.db.kysely;
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const a = await loadAllocation(trx, actor, allocationId);
    const reason = reqEnum(input.reason, ISSUE_REASONS, 'reason');
    const detail = reqText(input.detail, 'detail', 4000);
    const available = balanceOf(a).available;
    const amount =
      input.amount === undefined || input.amount === null || input.amount === ''
        ? available
        : parseAmount(input.amount, 'amount');
    if (amount > available)
      throw new AppError('BALANCE_INSUFFICIENT', { amount, available }, { field: 'amount' });
    const proposal = reqEnum(input.proposal, ['stop', 'move'] as const, 'proposal');
    let targetComponentId: number | null = null;
    if (proposal === 'move') {
      const p = (await findProgramById(trx, a.program_id))!;
      const { component } = await resolveComponent(
        trx,
        { programCode: p.code, componentCode: input.targetComponentCode, year: a.year },
        'targetComponentCode',
      );
      targetComponentId = component.id;
    }
    const recordedOn = input.date === undefined ? vnDateOf(deps.now()) : reqDate(input.date, 'date');
    const row = await insertIssue(trx, {
      province_code: a.province_code,
      allocation_id: a.id,
      reason,
      detail,
      amount,
      proposal,
      target_component_id: targetComponentId,
      recorded_on: recordedOn,
      created_at: at,
      created_by: actorName(actor),
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'issue',
      entity: 'allocation',
      entityId: String(a.id),
      unitCode: a.unit_code,
      provinceCode: a.province_code,
      after: row,
    });
    return row;
  });
}

export interface AllocationDetail extends AllocationView {
  entries: EntryRecord[];
  disbursements: DisbursementRecord[];
  issues: IssueRecord[];
}

export async function showAllocation(
  deps: Deps,
  actor: Actor,
  id: unknown,
  asOf?: string,
): Promise<AllocationDetail> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const on = optionalIsoDate(asOf, 'asOf') ?? vnDateOf(deps.now());
  const a = await loadAllocation(db, actor, id, 'id');
  return {
    ...(await viewOf(db, a, on)),
    entries: await listEntries(db, a.id),
    disbursements: await listDisbursements(db, a.id),
    issues: await listIssues(db, a.id),
  };
}

/** Allocations of a year in a unit and the units under it. */
export async function listAllocations(
  deps: Deps,
  actor: Actor,
  q: { year: unknown; unitCode: unknown; asOf?: string },
): Promise<AllocationView[]> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const year = reqYear(deps, q.year);
  const unitCode = reqText(q.unitCode, 'unit', 10);
  await requireUnitAccess(db, actor, unitCode);
  const { codes } = await unitsCovered(db, unitCode, year);
  let rows = await listAllocationRows(db, { year, unitCodes: codes });
  const pastDay = optionalIsoDate(q.asOf, 'asOf');
  const asOf = pastDay ?? vnDateOf(deps.now());
  if (pastDay !== undefined) {
    // A view as of a past day: allocations decided by then, with the ledger and payments up to it.
    rows = rows.filter((r) => r.decision_date <= asOf);
    const totals = await totalsUpTo(
      db,
      rows.map((r) => r.id),
      asOf,
    );
    rows = rows.map((r) => {
      const t = totals.get(r.id)!;
      return {
        ...r,
        adjusted: t.adjusted,
        disbursed: t.disbursed,
        disbursement_count: t.count,
        last_disbursed_on: t.last,
      };
    });
  }
  const programs = new Map<number, string>();
  const out: AllocationView[] = [];
  for (const r of rows) {
    if (!programs.has(r.program_id))
      programs.set(r.program_id, (await findProgramById(db, r.program_id))!.code);
    out.push(
      await viewOf(db, r, asOf, {
        code: r.component_code,
        parent: r.component_parent_code,
        name: r.component_name,
        nameEn: r.component_name_en,
        programCode: programs.get(r.program_id)!,
        projectName: r.project_name,
        projectNameEn: r.project_name_en,
      }),
    );
  }
  return out;
}

/**
 * Recomputes every allocation's aggregates from its ledger and disbursements, replaying the
 * history to prove no point of it overdrew. Returns the allocations whose stored figures differed.
 */
export async function rebuildAllocationAggregates(
  deps: Deps,
  actor: Actor,
): Promise<{ checked: number; corrected: number[] }> {
  requirePermission(actor, 'finance.rebuild');
  const db = deps.db.kysely;
  return db.transaction().execute(async (trx) => {
    const rows = await listAllocationRows(trx, {});
    const corrected: number[] = [];
    for (const a of rows) {
      const entries = await listEntries(trx, a.id);
      const ds = await listDisbursements(trx, a.id);
      const f = replayLedger(a.amount, [
        ...entries.map((e) => ({
          date: e.entry_date,
          type: 'entry' as const,
          kind: e.kind as EntryKind,
          amount: Math.abs(e.delta),
        })),
        ...ds.map((d) => ({ date: d.disbursed_on, type: 'disbursement' as const, amount: d.amount })),
      ]);
      const last = ds.reduce<string | null>(
        (m, d) => (m === null || d.disbursed_on > m ? d.disbursed_on : m),
        null,
      );
      if (
        f.adjusted !== a.adjusted ||
        f.disbursed !== a.disbursed ||
        ds.length !== a.disbursement_count ||
        last !== a.last_disbursed_on
      ) {
        corrected.push(a.id);
        await setAllocationAggregates(trx, a.id, {
          adjusted: f.adjusted,
          disbursed: f.disbursed,
          disbursementCount: ds.length,
          lastDisbursedOn: last,
        });
      }
    }
    return { checked: rows.length, corrected };
  });
}

class RollBack extends Error {}

/**
 * Writes rows in one transaction, each checked against what the rows before it wrote; a refused
 * row is reported through `onError` and the others still checked, then everything is rolled back
 * if any row was refused. Checks throw before any statement of the row runs, so the transaction
 * stays usable on PostgreSQL.
 */
async function writeRows<I, E>(
  deps: Deps,
  rows: readonly { row: number; input: I }[],
  write: (trx: Executor, input: I) => Promise<void>,
  onError: (row: number, err: unknown) => E,
): Promise<{ written: number; errors: E[] }> {
  const errors: E[] = [];
  let written = 0;
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      for (const r of rows) {
        try {
          await write(trx, r.input);
          written += 1;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          errors.push(onError(r.row, err));
        }
      }
      if (errors.length) throw new RollBack();
    });
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
    written = 0;
  }
  return { written, errors };
}

export async function importAllocationRows<E>(
  deps: Deps,
  actor: Actor,
  rows: readonly { row: number; input: AllocationInput }[],
  onError: (row: number, err: unknown) => E,
) {
  requirePermission(actor, 'finance.write');
  const at = nowIso(deps);
  return writeRows(
    deps,
    rows,
    async (trx, input) => {
      await writeAllocation(
        trx,
        deps,
        actor,
        await checkAllocationInput(trx, actor, input, todayVn(deps)),
        at,
      );
    },
    onError,
  );
}

export async function importDisbursementRows<E>(
  deps: Deps,
  actor: Actor,
  rows: readonly { row: number; input: DisbursementInput }[],
  onError: (row: number, err: unknown) => E,
) {
  requirePermission(actor, 'finance.write');
  const at = nowIso(deps);
  return writeRows(
    deps,
    rows,
    async (trx, input) => {
      await writeDisbursement(
        trx,
        deps,
        actor,
        await checkDisbursement(trx, actor, input, todayVn(deps)),
        at,
      );
    },
    onError,
  );
}
