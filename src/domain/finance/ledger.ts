// Allocation ledger arithmetic. An allocation's plan is its original amount plus the signed sum of
// its ledger entries (increases, cuts, transfers, carry-overs: dated entries, never edits); the
// available balance is the plan less what was disbursed, and it may never go below zero.
import { AppError } from '../../errors.js';
import { WORDS } from '../words/catalogue.js';

export const CAPITAL_TYPES = ['development', 'recurrent'] as const;
export type CapitalType = (typeof CAPITAL_TYPES)[number];
export const CAPITAL_TYPE_LABELS: Record<CapitalType, { vi: string; en: string }> = WORDS.capitalType;

export const SOURCES = ['central', 'province', 'commune', 'other'] as const;
export type FundingSource = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<FundingSource, { vi: string; en: string }> = WORDS.fundSource;

export const ENTRY_KINDS = [
  'increase',
  'cut',
  'transfer-in',
  'transfer-out',
  'carry-over-in',
  'carry-over-out',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_LABELS: Record<EntryKind, { vi: string; en: string }> = WORDS.ledgerEntry;

/** Kinds that take money out of an allocation's plan (and so need an available balance). */
const DEBITS: ReadonlySet<EntryKind> = new Set(['cut', 'transfer-out', 'carry-over-out']);

export function isDebit(kind: EntryKind): boolean {
  return DEBITS.has(kind);
}

/**
 * A positive whole number of đồng, from JSON or a spreadsheet cell. Strings are accepted only as
 * plain digits (a finance officer's "6.412.000.000" with dots is read as grouped digits).
 */
export function parseAmount(value: unknown, field: string): number {
  // An absent amount is a missing field, not an amount of "undefined".
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw new AppError('FIELD_REQUIRED', { field }, { field });
  }
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string') {
    const t = value.trim();
    if (/^\d{1,3}(\.\d{3})+$/.test(t)) n = Number(t.replace(/\./g, ''));
    else if (/^\d+$/.test(t)) n = Number(t);
  }
  if (n === undefined || !Number.isSafeInteger(n) || n <= 0) {
    throw new AppError('AMOUNT_INVALID', { field, value: String(value) }, { field });
  }
  return n;
}

/** The signed change an entry makes to the plan. */
export function entryDelta(kind: EntryKind, amount: number): number {
  return isDebit(kind) ? -amount : amount;
}

export interface AllocationFigures {
  /** The original amount of the allocation decision. */
  amount: number;
  /** Net of the ledger entries. */
  adjusted: number;
  disbursed: number;
}

export interface Balance extends AllocationFigures {
  /** amount + adjusted: the plan in force. */
  planned: number;
  available: number;
  /** disbursed / planned, 0 when nothing is planned. */
  rate: number;
}

export function balanceOf(f: AllocationFigures): Balance {
  const planned = f.amount + f.adjusted;
  return { ...f, planned, available: planned - f.disbursed, rate: planned > 0 ? f.disbursed / planned : 0 };
}

/** Refuses to take `amount` out of the available balance when it is not there. */
export function requireAvailable(f: AllocationFigures, amount: number, field = 'amount'): void {
  const { available } = balanceOf(f);
  if (amount > available) {
    throw new AppError('BALANCE_INSUFFICIENT', { amount, available }, { field, data: { available } });
  }
}

/** The figures after a ledger entry; a debit beyond the available balance is refused. */
export function applyEntry(f: AllocationFigures, kind: EntryKind, amount: number): AllocationFigures {
  if (isDebit(kind)) requireAvailable(f, amount);
  return { ...f, adjusted: f.adjusted + entryDelta(kind, amount) };
}

/** The figures after a disbursement; more than the available balance is refused. */
export function applyDisbursement(f: AllocationFigures, amount: number): AllocationFigures {
  requireAvailable(f, amount);
  return { ...f, disbursed: f.disbursed + amount };
}

export type LedgerEvent =
  | { date: string; type: 'entry'; kind: EntryKind; amount: number }
  | { date: string; type: 'disbursement'; amount: number };

/**
 * Replays a whole history in date order (entries before disbursements on the same day) and
 * returns the figures, or throws BALANCE_INSUFFICIENT at the first event that would have left a
 * negative balance. Used to rebuild the maintained aggregates and prove they agree.
 */
export function replayLedger(amount: number, events: readonly LedgerEvent[]): AllocationFigures {
  const sorted = [...events].sort((a, b) =>
    a.date === b.date ? (a.type === b.type ? 0 : a.type === 'entry' ? -1 : 1) : a.date < b.date ? -1 : 1,
  );
  let f: AllocationFigures = { amount, adjusted: 0, disbursed: 0 };
  for (const e of sorted)
    f = e.type === 'entry' ? applyEntry(f, e.kind, e.amount) : applyDisbursement(f, e.amount);
  return f;
}
