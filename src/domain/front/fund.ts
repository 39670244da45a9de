// The Fund for the Poor (Quỹ "Vì người nghèo") of the Fatherland Front, pure rules
// (docs/decisions/0030-front-fund-and-supervision.md). The fund's regulations and forms are not
// confirmed for this product: the lists below follow common practice of the Front's committees
// and are data — a confirmed list is an edit here and in the words catalogue, nothing else.
// Pure: no I/O, no clock.
import { AppError } from '../../errors.js';

/** How a gift was given: money, or goods / labour at a stated value in đồng. */
export const RECEIPT_KINDS = ['cash', 'in-kind'] as const;
export type ReceiptKind = (typeof RECEIPT_KINDS)[number];

/** Who gave: a person or a household, or an organisation (an enterprise, an agency, a union). */
export const DONOR_KINDS = ['individual', 'organisation'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];

/** The campaign a receipt belongs to. `peak-month` is the yearly month for the poor (17/10–18/11). */
export const FUND_CAMPAIGNS = ['peak-month', 'tet', 'disaster-relief', 'regular'] as const;
export type FundCampaign = (typeof FUND_CAMPAIGNS)[number];

/** What the fund spends on (common practice of the Front's committees; a list in the catalogue). */
export const SPENDING_PURPOSES = [
  'house-new',
  'house-repair',
  'livelihood',
  'tet-gift',
  'scholarship',
  'health-insurance',
  'medical-aid',
  'other',
] as const;
export type SpendingPurpose = (typeof SPENDING_PURPOSES)[number];

/** Movements between funds: a transfer to another level's fund, or the year's carry-over. */
export const TRANSFER_KINDS = ['transfer', 'carry-over'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** The levels of the Front that keep a fund (the Front's committee of that unit). */
export const FUND_LEVELS = ['commune', 'district', 'province'] as const;
export type FundLevel = (typeof FUND_LEVELS)[number];

/**
 * The classes of the registry a fund spends on without a stated reason. Anyone else (a household
 * that just left poverty, one hit by a disaster) needs one: the fund is for the poor.
 */
export const CLASSES_WITHOUT_REASON = ['POOR', 'NEAR_POOR'] as const;

export function needsReason(classification: string | null): boolean {
  return classification === null || !(CLASSES_WITHOUT_REASON as readonly string[]).includes(classification);
}

/** The peak month for the poor of a year: 17/10 to 18/11, both days included. */
export function peakMonthOf(year: number): { from: string; to: string } {
  return { from: `${year}-10-17`, to: `${year}-11-18` };
}

export function inPeakMonth(date: string): boolean {
  const { from, to } = peakMonthOf(Number(date.slice(0, 4)));
  return date >= from && date <= to;
}

/**
 * Gifts below this value (đồng) from people are shown on the public disclosure as one line per
 * campaign ("N small gifts, total X"), not by name: common practice of the posted lists, and the
 * least personal data for the purpose. Organisations are always named.
 */
export const SMALL_GIFT_THRESHOLD = 500_000;

/** The aggregates kept on a fund row. */
export interface FundFigures {
  received: number;
  spent: number;
  transferredIn: number;
  transferredOut: number;
}

export function balanceOf(f: FundFigures): number {
  return f.received + f.transferredIn - f.spent - f.transferredOut;
}

/**
 * The coded refusal of a debit the balance does not cover, before anything is written. The
 * repository repeats the condition in its UPDATE, so concurrent writers cannot overdraw either.
 */
export function requireCovered(f: FundFigures, amount: number, field = 'amount'): void {
  const available = balanceOf(f);
  if (amount > available)
    throw new AppError('FRONT_FUND_BALANCE_INSUFFICIENT', { amount, available }, { field });
}

export interface LedgerMovement {
  date: string;
  /** Signed: a receipt or a transfer in is positive, spending or a transfer out negative. */
  delta: number;
}

/**
 * Replays movements in date order (credits of a day before its debits) and answers the first day
 * the balance would go negative, or null: the check of a rebuilt or imported ledger.
 */
export function firstOverdraft(openingBalance: number, movements: readonly LedgerMovement[]): string | null {
  const sorted = [...movements].sort((a, b) =>
    a.date === b.date ? b.delta - a.delta : a.date < b.date ? -1 : 1,
  );
  let balance = openingBalance;
  for (const m of sorted) {
    balance += m.delta;
    if (balance < 0) return m.date;
  }
  return null;
}

export interface DonorLine {
  donorName: string;
  donorKind: DonorKind;
  anonymous: boolean;
  campaign: string;
  value: number;
}

export type PublicDonorLine =
  | { kind: 'named'; name: string; donorKind: DonorKind; campaign: string; value: number }
  | { kind: 'anonymous'; campaign: string; value: number }
  | { kind: 'small'; campaign: string; count: number; value: number };

/**
 * The donors as the public sees them: named gifts by name (summed per donor and campaign), an
 * anonymous gift without any name, and people's gifts under the threshold as one line per campaign.
 */
export function publicDonors(
  lines: readonly DonorLine[],
  threshold = SMALL_GIFT_THRESHOLD,
): PublicDonorLine[] {
  const named = new Map<string, PublicDonorLine & { kind: 'named' }>();
  const small = new Map<string, PublicDonorLine & { kind: 'small' }>();
  const out: PublicDonorLine[] = [];
  for (const l of lines) {
    if (l.anonymous) {
      out.push({ kind: 'anonymous', campaign: l.campaign, value: l.value });
    } else if (l.donorKind === 'individual' && l.value < threshold) {
      const s = small.get(l.campaign) ?? { kind: 'small', campaign: l.campaign, count: 0, value: 0 };
      s.count += 1;
      s.value += l.value;
      small.set(l.campaign, s);
    } else {
      const key = `${l.campaign}\u0000${l.donorKind}\u0000${l.donorName}`;
      const n = named.get(key) ?? {
        kind: 'named',
        name: l.donorName,
        donorKind: l.donorKind,
        campaign: l.campaign,
        value: 0,
      };
      n.value += l.value;
      named.set(key, n);
    }
  }
  const byValue = (a: { value: number }, b: { value: number }) => b.value - a.value;
  return [...[...named.values()].sort(byValue), ...out.sort(byValue), ...small.values()];
}

/** Progress of a campaign towards its target, as a fraction (null without a target). */
export function progressOf(total: number, target: number | null): number | null {
  return target === null || target <= 0 ? null : total / target;
}
