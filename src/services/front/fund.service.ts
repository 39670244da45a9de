// The Fund for the Poor of each Front committee (issue 16; decision 0030): receipts, spending on
// registry households, transfers between levels and the carry-over to the next year. Every use
// case runs in one transaction, writes the audit trail and keeps the fund's aggregates current;
// the balance never goes negative (checked before writing, and again inside the UPDATE).
import { AppError } from '../../errors.js';
import { requireNotAfter } from '../../domain/dates.js';
import { parseAmount } from '../../domain/finance/ledger.js';
import {
  balanceOf,
  DONOR_KINDS,
  FUND_CAMPAIGNS,
  inPeakMonth,
  needsReason,
  RECEIPT_KINDS,
  requireCovered,
  SPENDING_PURPOSES,
  type FundLevel,
} from '../../domain/front/fund.js';
import { listOf } from '../../domain/input.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  bumpFund,
  findFund,
  findFundByUnitYear,
  findReceiptByNo,
  insertFund,
  insertReceipt,
  insertSpending,
  insertSpendingHousehold,
  insertTransfer,
  listFunds,
  listReceipts,
  listSpending,
  listSpendingHouseholds,
  listTransfers,
  type FundRecord,
  type ReceiptRecord,
  type SpendingRecord,
  type TransferRecord,
} from '../../db/repositories/front.repository.js';
import { communesInScope, inScope, requirePermission, requireUnitAccess } from '../access.js';
import { actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { todayVn } from '../input.js';
import { personalDataFor } from '../personal-data.js';
import { isUniqueViolation, optText, reqDate, reqEnum, reqId, reqText } from '../finance/common.js';
import { audit, classOn, householdInScope, unitAt, unitNameOf } from './common.js';

export interface FundView {
  id: number;
  unitCode: string;
  unitName: string;
  year: number;
  level: FundLevel;
  received: number;
  spent: number;
  transferredIn: number;
  transferredOut: number;
  balance: number;
  version: number;
}

async function fundView(db: Executor, f: FundRecord): Promise<FundView> {
  return {
    id: f.id,
    unitCode: f.unit_code,
    unitName: await unitNameOf(db, f.unit_code, `${f.year}-12-31`),
    year: f.year,
    level: f.level as FundLevel,
    received: f.received,
    spent: f.spent,
    transferredIn: f.transferred_in,
    transferredOut: f.transferred_out,
    balance: balanceOf({
      received: f.received,
      spent: f.spent,
      transferredIn: f.transferred_in,
      transferredOut: f.transferred_out,
    }),
    version: f.version,
  };
}

const figures = (f: FundRecord) => ({
  received: f.received,
  spent: f.spent,
  transferredIn: f.transferred_in,
  transferredOut: f.transferred_out,
});

/** The fund of a unit in a year, opened on its first movement. */
async function fundOf(
  trx: Executor,
  actor: Actor,
  unitCode: string,
  year: number,
  at: string,
): Promise<FundRecord> {
  const existing = await findFundByUnitYear(trx, unitCode, year);
  if (existing) return existing;
  const unit = await unitAt(trx, unitCode, `${year}-12-31`);
  const level: FundLevel =
    unit.level === 'province' ? 'province' : unit.level === 'district' ? 'district' : 'commune';
  const row = await insertFund(trx, {
    province_code: unit.province_code,
    unit_code: unit.code,
    year,
    level,
    created_at: at,
    created_by: actorName(actor),
  });
  await audit(trx, actor, at, {
    action: 'create',
    entity: 'front_fund',
    id: row.id,
    unitCode: row.unit_code,
    provinceCode: row.province_code,
    after: row,
  });
  return row;
}

async function loadFund(db: Executor, actor: Actor, id: unknown, field = 'fundId'): Promise<FundRecord> {
  const n = reqId(id, field);
  return inScope(
    db,
    actor,
    await findFund(db, n),
    (f) => f.unit_code,
    () => new AppError('FRONT_FUND_NOT_FOUND', { id: n }, { field }),
  );
}

export async function listFundsFor(
  deps: Deps,
  actor: Actor,
  q: { year?: unknown } = {},
): Promise<FundView[]> {
  requirePermission(actor, 'front.read');
  const db = deps.db.kysely;
  const year = q.year === undefined || q.year === '' ? undefined : reqId(q.year, 'year');
  const codes = await communesInScope(db, actor);
  const rows = await listFunds(db, {
    ...(codes ? { unitCodes: [...codes] } : {}),
    ...(year ? { year } : {}),
  });
  return Promise.all(rows.map((f) => fundView(db, f)));
}

export interface ReceiptInput {
  unitCode?: unknown;
  date?: unknown;
  receiptNo?: unknown;
  donorName?: unknown;
  donorKind?: unknown;
  anonymous?: unknown;
  kind?: unknown;
  goods?: unknown;
  value?: unknown;
  campaign?: unknown;
  note?: unknown;
}

/** Records a gift to the fund of `unitCode` in the year of its date. */
export async function recordReceipt(deps: Deps, actor: Actor, input: ReceiptInput) {
  requirePermission(actor, 'front.write');
  const db = deps.db.kysely;
  const date = requireNotAfter(reqDate(input.date, 'date'), todayVn(deps), 'date');
  const unit = await unitAt(db, input.unitCode, date);
  await requireUnitAccess(db, actor, unit.code);
  const receiptNo = reqText(input.receiptNo, 'receiptNo', 50);
  const donorName = reqText(input.donorName, 'donorName', 300);
  const donorKind = reqEnum(input.donorKind ?? 'individual', DONOR_KINDS, 'donorKind');
  const anonymous = input.anonymous === true || input.anonymous === 'true' || input.anonymous === 1;
  const kind = reqEnum(input.kind ?? 'cash', RECEIPT_KINDS, 'kind');
  const goods = kind === 'in-kind' ? reqText(input.goods, 'goods', 500) : null;
  const value = parseAmount(input.value, 'value');
  const campaign = reqEnum(
    input.campaign ?? (inPeakMonth(date) ? 'peak-month' : 'regular'),
    FUND_CAMPAIGNS,
    'campaign',
  );
  const note = optText(input.note, 'note', 2000);
  const at = nowIso(deps);
  const duplicate = () => new AppError('FRONT_RECEIPT_DUPLICATE', { receiptNo }, { field: 'receiptNo' });
  try {
    return await db.transaction().execute(async (trx) => {
      const f = await fundOf(trx, actor, unit.code, Number(date.slice(0, 4)), at);
      if (await findReceiptByNo(trx, f.id, receiptNo)) throw duplicate();
      const r = await insertReceipt(trx, {
        province_code: f.province_code,
        fund_id: f.id,
        receipt_no: receiptNo,
        received_on: date,
        donor_name: donorName,
        donor_kind: donorKind,
        anonymous: anonymous ? 1 : 0,
        kind,
        goods,
        value,
        campaign,
        note,
        created_at: at,
        created_by: actorName(actor),
      });
      await bumpFund(trx, f.id, { received: value });
      await audit(trx, actor, at, {
        action: 'receipt',
        entity: 'front_fund',
        id: f.id,
        unitCode: f.unit_code,
        provinceCode: f.province_code,
        after: r,
      });
      return { receipt: receiptView(r), fund: await fundView(trx, (await findFund(trx, f.id))!) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

export interface SpendingInput {
  fundId?: unknown;
  date?: unknown;
  purpose?: unknown;
  amount?: unknown;
  decisionNo?: unknown;
  decisionDate?: unknown;
  description?: unknown;
  /** The registry households reached: `{ householdKey, reason? }` (a reason for anyone neither poor nor near-poor). */
  households?: unknown;
}

/** Records spending from a fund on registry households within the fund's unit and the actor's scope. */
export async function recordSpending(deps: Deps, actor: Actor, input: SpendingInput) {
  requirePermission(actor, 'front.write');
  const db = deps.db.kysely;
  const date = requireNotAfter(reqDate(input.date, 'date'), todayVn(deps), 'date');
  const purpose = reqEnum(input.purpose, SPENDING_PURPOSES, 'purpose');
  const amount = parseAmount(input.amount, 'amount');
  const decisionNo = reqText(input.decisionNo, 'decisionNo', 100);
  const decisionDate = reqDate(input.decisionDate, 'decisionDate');
  if (decisionDate > date)
    throw new AppError(
      'FIELD_INVALID',
      { field: 'decisionDate', detail: `> ${date}` },
      { field: 'decisionDate' },
    );
  const description = optText(input.description, 'description', 2000);
  const lines =
    input.households === undefined || input.households === null ? [] : listOf(input.households, 'households');
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const f = await loadFund(trx, actor, input.fundId);
    if (Number(date.slice(0, 4)) !== f.year)
      throw new AppError('FIELD_INVALID', { field: 'date', detail: `≠ ${f.year}` }, { field: 'date' });
    const reached = [];
    const seen = new Set<number>();
    for (const [i, raw] of lines.entries()) {
      const line = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      const h = await householdInScope(
        trx,
        actor,
        line.householdKey,
        f.unit_code,
        `households[${i}].householdKey`,
      );
      if (seen.has(h.id)) continue;
      seen.add(h.id);
      const classification = await classOn(trx, h.province_code, h.id, date);
      const reason = optText(line.reason, `households[${i}].reason`, 1000);
      if (needsReason(classification) && !reason)
        throw new AppError(
          'FRONT_REASON_REQUIRED',
          { householdKey: h.household_key },
          { field: `households[${i}].reason` },
        );
      reached.push({ h, classification, reason: needsReason(classification) ? reason : (reason ?? null) });
    }
    requireCovered(figures(f), amount); // the coded refusal before anything is written
    const s = await insertSpending(trx, {
      province_code: f.province_code,
      fund_id: f.id,
      spent_on: date,
      purpose,
      amount,
      decision_no: decisionNo,
      decision_date: decisionDate,
      description,
      created_at: at,
      created_by: actorName(actor),
    });
    if (!(await bumpFund(trx, f.id, { spent: amount }))) {
      const fresh = (await findFund(trx, f.id))!;
      throw new AppError(
        'FRONT_FUND_BALANCE_INSUFFICIENT',
        { amount, available: balanceOf(figures(fresh)) },
        { field: 'amount' },
      );
    }
    for (const r of reached)
      await insertSpendingHousehold(trx, {
        province_code: r.h.province_code,
        spending_id: s.id,
        household_id: r.h.id,
        household_key: r.h.household_key,
        commune_code: r.h.commune_code,
        classification: r.classification,
        reason: r.reason,
      });
    await audit(trx, actor, at, {
      action: 'spending',
      entity: 'front_fund',
      id: f.id,
      unitCode: f.unit_code,
      provinceCode: f.province_code,
      after: { ...s, households: reached.map((r) => r.h.household_key) },
    });
    return { spending: s, fund: await fundView(trx, (await findFund(trx, f.id))!) };
  });
}

export interface TransferInput {
  fundId?: unknown;
  kind?: unknown;
  /** transfer: the unit whose fund receives the money (same year). */
  toUnitCode?: unknown;
  /** Defaults to the whole balance for a carry-over. */
  amount?: unknown;
  date?: unknown;
  decisionNo?: unknown;
  note?: unknown;
}

/**
 * Moves money out of a fund: to another level's fund of the same year and province (transfer), or
 * to the same committee's fund of the next year (carry-over). Both legs in one transaction.
 */
export async function transferFunds(deps: Deps, actor: Actor, input: TransferInput) {
  requirePermission(actor, 'front.write');
  const db = deps.db.kysely;
  const kind = reqEnum(input.kind ?? 'transfer', ['transfer', 'carry-over'] as const, 'kind');
  const date = reqDate(input.date, 'date');
  const decisionNo = optText(input.decisionNo, 'decisionNo', 100);
  const note = optText(input.note, 'note', 2000);
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const from = await loadFund(trx, actor, input.fundId);
    let to: FundRecord;
    if (kind === 'transfer') {
      if (Number(date.slice(0, 4)) !== from.year)
        throw new AppError('FIELD_INVALID', { field: 'date', detail: `≠ ${from.year}` }, { field: 'date' });
      const unit = await unitAt(trx, input.toUnitCode, date, 'toUnitCode');
      if (unit.code === from.unit_code)
        throw new AppError(
          'FRONT_TRANSFER_INVALID',
          { detail: 'cùng một quỹ / the same fund' },
          { field: 'toUnitCode' },
        );
      if (unit.province_code !== from.province_code)
        throw new AppError(
          'FRONT_TRANSFER_INVALID',
          { detail: 'tỉnh khác / another province' },
          { field: 'toUnitCode' },
        );
      to = await fundOf(trx, actor, unit.code, from.year, at);
    } else {
      to = await fundOf(trx, actor, from.unit_code, from.year + 1, at);
    }
    const available = balanceOf(figures(from));
    const amount =
      kind === 'carry-over' && (input.amount === undefined || input.amount === null || input.amount === '')
        ? available
        : parseAmount(input.amount, 'amount');
    if (amount <= 0)
      throw new AppError(
        'FRONT_TRANSFER_INVALID',
        { detail: 'số dư 0 / nothing to carry over' },
        { field: 'amount' },
      );
    requireCovered(figures(from), amount);
    if (!(await bumpFund(trx, from.id, { transferredOut: amount }))) {
      const fresh = (await findFund(trx, from.id))!;
      throw new AppError(
        'FRONT_FUND_BALANCE_INSUFFICIENT',
        { amount, available: balanceOf(figures(fresh)) },
        { field: 'amount' },
      );
    }
    await bumpFund(trx, to.id, { transferredIn: amount });
    const t = await insertTransfer(trx, {
      province_code: from.province_code,
      kind,
      from_fund_id: from.id,
      to_fund_id: to.id,
      amount,
      transferred_on: date,
      decision_no: decisionNo,
      note,
      created_at: at,
      created_by: actorName(actor),
    });
    for (const [f, action] of [
      [from, 'transfer-out'],
      [to, 'transfer-in'],
    ] as const)
      await audit(trx, actor, at, {
        action: `${kind}:${action}`,
        entity: 'front_fund',
        id: f.id,
        unitCode: f.unit_code,
        provinceCode: f.province_code,
        after: t,
      });
    return {
      transfer: t,
      from: await fundView(trx, (await findFund(trx, from.id))!),
      to: await fundView(trx, (await findFund(trx, to.id))!),
    };
  });
}

function receiptView(r: ReceiptRecord) {
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    date: r.received_on,
    donorName: r.donor_name,
    donorKind: r.donor_kind,
    anonymous: r.anonymous === 1,
    kind: r.kind,
    goods: r.goods,
    value: r.value,
    campaign: r.campaign,
    note: r.note,
  };
}

export interface SpendingHouseholdView {
  householdKey: string;
  communeCode: string;
  headName: string;
  village: string | null;
  classification: string | null;
  reason: string | null;
}

/** The fund with its whole ledger; households' names pass through the actor's masking step. */
export async function showFund(deps: Deps, actor: Actor, id: unknown) {
  requirePermission(actor, 'front.read');
  const db = deps.db.kysely;
  const f = await loadFund(db, actor, id, 'id');
  const pd = personalDataFor(actor);
  const receipts = await listReceipts(db, [f.id]);
  const spending = await listSpending(db, [f.id]);
  const reached = await listSpendingHouseholds(
    db,
    spending.map((s) => s.id),
  );
  const transfers = await listTransfers(db, [f.id]);
  const names = new Map<number, string>();
  for (const t of transfers) {
    const other = t.from_fund_id === f.id ? t.to_fund_id : t.from_fund_id;
    if (!names.has(other)) {
      const o = await findFund(db, other);
      names.set(
        other,
        o ? `${await unitNameOf(db, o.unit_code, `${o.year}-12-31`)} (${o.year})` : String(other),
      );
    }
  }
  return {
    fund: await fundView(db, f),
    receipts: receipts.map(receiptView),
    spending: spending.map((s: SpendingRecord) => ({
      id: s.id,
      date: s.spent_on,
      purpose: s.purpose,
      amount: s.amount,
      decisionNo: s.decision_no,
      decisionDate: s.decision_date,
      description: s.description,
      households: reached
        .filter((r) => r.spending_id === s.id)
        .map((r): SpendingHouseholdView => ({
          householdKey: r.household_key,
          communeCode: r.commune_code,
          headName: pd.name(r.head_name),
          village: r.village_name ?? null,
          classification: r.classification,
          reason: pd.reveals ? r.reason : r.reason === null ? null : pd.text(r.reason),
        })),
    })),
    transfers: transfers.map((t: TransferRecord) => ({
      id: t.id,
      kind: t.kind,
      direction: t.from_fund_id === f.id ? ('out' as const) : ('in' as const),
      counterpart: names.get(t.from_fund_id === f.id ? t.to_fund_id : t.from_fund_id) ?? '',
      amount: t.amount,
      date: t.transferred_on,
      decisionNo: t.decision_no,
      note: t.note,
    })),
  };
}

export type FundDetail = Awaited<ReturnType<typeof showFund>>;
