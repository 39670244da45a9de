// Public disclosure of the Fund for the Poor on the portal (issue 16; decision 0030). What leaves
// this service for the public: donors' names unless they asked to be anonymous, people's small
// gifts grouped per campaign, spending by purpose, and for each household reached only what the
// open lists show (the head's name and the village) — and that only for a household on the poor or
// near-poor list; anyone else shows as "another household" of its village. Never a household key,
// a member, a reason, a citizen ID or a birth date.
import { AppError } from '../../errors.js';
import {
  balanceOf,
  CLASSES_WITHOUT_REASON,
  peakMonthOf,
  progressOf,
  publicDonors,
  type DonorKind,
  type PublicDonorLine,
} from '../../domain/front/fund.js';
import { addDays, daysBetween } from '../../domain/dates.js';
import {
  findFundByUnitYear,
  listFunds,
  listReceipts,
  listSpending,
  listSpendingHouseholds,
} from '../../db/repositories/front.repository.js';
import type { Deps } from '../deps.js';
import { todayVn } from '../input.js';
import { unitNameOf } from './common.js';

export interface DisclosedFund {
  unitCode: string;
  unitName: string;
  year: number;
  received: number;
  spent: number;
}

/** The funds with anything to disclose, newest year first. */
export async function listDisclosedFunds(deps: Deps): Promise<DisclosedFund[]> {
  const db = deps.db.kysely;
  const out: DisclosedFund[] = [];
  for (const f of await listFunds(db))
    if (f.received > 0 || f.spent > 0)
      out.push({
        unitCode: f.unit_code,
        unitName: await unitNameOf(db, f.unit_code, `${f.year}-12-31`),
        year: f.year,
        received: f.received,
        spent: f.spent,
      });
  return out;
}

export interface PublicHousehold {
  /** The head's name as on the open lists, or null for a household not on them. */
  headName: string | null;
  village: string | null;
}

export interface PublicSpendingLine {
  date: string;
  purpose: string;
  amount: number;
  decisionNo: string;
  households: PublicHousehold[];
}

export interface PeakMonth {
  from: string;
  to: string;
  total: number;
  gifts: number;
  /** Last year's peak-month total at this fund (the yardstick of the progress bar), null without one. */
  lastYear: number | null;
  progress: number | null;
  /** Days of the campaign gone by today (0 before, its length after). */
  daysElapsed: number;
  days: number;
  /** Running total at the end of each week of the campaign. */
  weeks: { until: string; total: number }[];
}

export interface FundDisclosure {
  unitCode: string;
  unitName: string;
  year: number;
  years: number[];
  received: number;
  spent: number;
  transferredIn: number;
  transferredOut: number;
  balance: number;
  donors: PublicDonorLine[];
  byPurpose: { purpose: string; count: number; households: number; amount: number }[];
  spending: PublicSpendingLine[];
  peak: PeakMonth;
}

export async function fundDisclosure(deps: Deps, unitCode: string, year?: number): Promise<FundDisclosure> {
  const db = deps.db.kysely;
  const all = (await listFunds(db, { unitCodes: [unitCode] })).filter((f) => f.received > 0 || f.spent > 0);
  const f = year === undefined ? all[0] : await findFundByUnitYear(db, unitCode, year);
  if (!f) throw new AppError('FRONT_FUND_NOT_FOUND', { id: `${unitCode}/${year ?? ''}` });
  const receipts = await listReceipts(db, [f.id]);
  const spending = await listSpending(db, [f.id]);
  const reached = await listSpendingHouseholds(
    db,
    spending.map((s) => s.id),
  );
  const listed = (c: string | null) =>
    c !== null && (CLASSES_WITHOUT_REASON as readonly string[]).includes(c);
  const lines: PublicSpendingLine[] = spending.map((s) => ({
    date: s.spent_on,
    purpose: s.purpose,
    amount: s.amount,
    decisionNo: s.decision_no,
    households: reached
      .filter((r) => r.spending_id === s.id)
      .map((r) => ({
        headName: listed(r.classification) ? r.head_name : null,
        village: r.village_name ?? null,
      })),
  }));
  const byPurpose = new Map<string, { purpose: string; count: number; households: number; amount: number }>();
  for (const l of lines) {
    const p = byPurpose.get(l.purpose) ?? { purpose: l.purpose, count: 0, households: 0, amount: 0 };
    p.count += 1;
    p.households += l.households.length;
    p.amount += l.amount;
    byPurpose.set(l.purpose, p);
  }
  const peakOf = (rows: typeof receipts, y: number) => {
    const { from, to } = peakMonthOf(y);
    return rows.filter((r) => r.received_on >= from && r.received_on <= to);
  };
  const peakRows = peakOf(receipts, f.year);
  const { from, to } = peakMonthOf(f.year);
  const previous = await findFundByUnitYear(db, unitCode, f.year - 1);
  const lastYear = previous
    ? peakOf(await listReceipts(db, [previous.id]), f.year - 1).reduce((s, r) => s + r.value, 0)
    : null;
  const total = peakRows.reduce((s, r) => s + r.value, 0);
  const days = daysBetween(from, to) + 1;
  const today = todayVn(deps);
  const weeks: { until: string; total: number }[] = [];
  for (let d = addDays(from, 6); ; d = addDays(d, 7)) {
    const until = d > to ? to : d;
    weeks.push({
      until,
      total: peakRows.filter((r) => r.received_on <= until).reduce((s, r) => s + r.value, 0),
    });
    if (until === to) break;
  }
  return {
    unitCode,
    unitName: await unitNameOf(db, unitCode, `${f.year}-12-31`),
    year: f.year,
    years: all.map((x) => x.year),
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
    donors: publicDonors(
      receipts.map((r) => ({
        donorName: r.donor_name,
        donorKind: r.donor_kind as DonorKind,
        anonymous: r.anonymous === 1,
        campaign: r.campaign,
        value: r.value,
      })),
    ),
    byPurpose: [...byPurpose.values()].sort((a, b) => b.amount - a.amount),
    spending: lines,
    peak: {
      from,
      to,
      total,
      gifts: peakRows.length,
      lastYear,
      progress: progressOf(total, lastYear),
      daysElapsed: today < from ? 0 : today > to ? days : daysBetween(from, today) + 1,
      days,
      weeks,
    },
  };
}

export interface DisclosureFeedItem {
  id: string;
  date: string;
  unitCode: string;
  unitName: string;
  year: number;
  kind: 'receipts' | 'spending';
  purpose: string | null;
  count: number;
  amount: number;
}

/** New disclosures, newest first: each spending, and each day's receipts of a fund. */
export async function disclosureFeed(deps: Deps, limit = 30): Promise<DisclosureFeedItem[]> {
  const db = deps.db.kysely;
  const funds = await listFunds(db);
  const byId = new Map(funds.map((f) => [f.id, f]));
  const names = new Map<number, string>();
  for (const f of funds) names.set(f.id, await unitNameOf(db, f.unit_code, `${f.year}-12-31`));
  const items: DisclosureFeedItem[] = [];
  const days = new Map<string, DisclosureFeedItem>();
  for (const r of await listReceipts(db, [...byId.keys()])) {
    const f = byId.get(r.fund_id)!;
    const key = `${f.id}:${r.received_on}`;
    const item = days.get(key) ?? {
      id: `thu-${f.id}-${r.received_on}`,
      date: r.received_on,
      unitCode: f.unit_code,
      unitName: names.get(f.id)!,
      year: f.year,
      kind: 'receipts' as const,
      purpose: null,
      count: 0,
      amount: 0,
    };
    item.count += 1;
    item.amount += r.value;
    days.set(key, item);
  }
  items.push(...days.values());
  for (const s of await listSpending(db, [...byId.keys()])) {
    const f = byId.get(s.fund_id)!;
    items.push({
      id: `chi-${s.id}`,
      date: s.spent_on,
      unitCode: f.unit_code,
      unitName: names.get(f.id)!,
      year: f.year,
      kind: 'spending',
      purpose: s.purpose,
      count: 1,
      amount: s.amount,
    });
  }
  return items
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1))
    .slice(0, limit);
}
