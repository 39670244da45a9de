// Open lists: the law requires a commune's proposed lists of poor and near-poor households to be
// posted publicly during the posting window of its review campaign, and the recognised lists are
// public afterwards. What leaves this service for the public: the household head's name and the
// village, nothing else (no member, no citizen ID, no birth date: the repository never reads them).
// Public statistics come from the maintained aggregates with small numbers suppressed.
import { AppError } from '../../errors.js';
import { findUnitOn, listUnitsOn } from '../../db/repositories/units.repository.js';
import {
  findPeriodicCampaign,
  listCampaignsAtSteps,
  listListedHouseholds,
  recognisedCounts,
  recognisedPeriods,
  type ListedHousehold,
} from '../../db/repositories/open-lists.repository.js';
import { listResidentHouseholds } from '../../db/repositories/reports.repository.js';
import type { UnitRecord } from '../../db/repositories/units.repository.js';
import { publicCount, SMALL_NUMBER_THRESHOLD } from '../../domain/public/text.js';
import type { Deps } from '../deps.js';
import { todayVn } from '../input.js';

/** While the campaign is at this step, the proposed list is posted (until its deadline passes). */
export const POSTING_STEP = 'posting';
/** After the posting and before recognition: the posting has ended, the list is no longer public. */
export const POSTED_STEPS = [POSTING_STEP, 'complaints'] as const;
/** From these steps on, the recognised list is public. */
export const RECOGNISED_STEPS = ['recognised', 'reported'] as const;

/**
 * What the public may see of a campaign today: the proposed list during the posting window
 * (deadline included, Vietnam time), a notice that the posting has ended once the window is over
 * (even when the officers have not closed it yet), the recognised list once recognised.
 */
export function publicKindOf(
  step: string,
  deadline: string | null,
  today: string,
): 'proposed' | 'ended' | 'recognised' | null {
  if ((RECOGNISED_STEPS as readonly string[]).includes(step)) return 'recognised';
  if (step === POSTING_STEP && (deadline === null || today <= deadline)) return 'proposed';
  if ((POSTED_STEPS as readonly string[]).includes(step)) return 'ended';
  return null;
}
export const LISTED_CLASSES = ['POOR', 'NEAR_POOR'] as const;

export interface PostedCommune {
  communeCode: string;
  communeName: string;
  /** The district (or province) the commune belonged to then: where its statistics sit. */
  parentCode: string | null;
  parentName: string | null;
  period: number;
  kind: 'proposed' | 'ended' | 'recognised';
  /** Posting window (proposed lists). */
  postingStart: string | null;
  postingDeadline: string | null;
}

interface StoredState {
  state?: {
    posting?: { startDate: string; deadline: string } | null;
    recognition?: { decisionNumber: string; decisionDate: string } | null;
  };
}

async function communeOf(
  deps: Deps,
  code: string,
  period: number,
): Promise<{ name: string; parentCode: string | null; parentName: string | null }> {
  const db = deps.db.kysely;
  let on = `${period}-10-15`;
  let unit = await findUnitOn(db, code, on);
  if (!unit) {
    on = `${period}-12-31`;
    unit = await findUnitOn(db, code, on);
  }
  const parent = unit?.parent_code ? await findUnitOn(db, unit.parent_code, on) : undefined;
  return {
    name: unit?.name ?? code,
    parentCode: unit?.parent_code ?? null,
    parentName: parent?.name ?? null,
  };
}

export async function listOpenLists(deps: Deps): Promise<PostedCommune[]> {
  const rows = await listCampaignsAtSteps(deps.db.kysely, [...POSTED_STEPS, ...RECOGNISED_STEPS]);
  const today = todayVn(deps);
  const out: PostedCommune[] = [];
  for (const r of rows) {
    const stored = JSON.parse(r.state_json) as StoredState;
    const kind = publicKindOf(r.step, stored.state?.posting?.deadline ?? null, today);
    if (kind === null) continue;
    out.push({
      communeCode: r.commune_code,
      ...(await communeOf(deps, r.commune_code, r.period).then((u) => ({
        communeName: u.name,
        parentCode: u.parentCode,
        parentName: u.parentName,
      }))),
      period: r.period,
      kind,
      postingStart: stored.state?.posting?.startDate ?? null,
      postingDeadline: stored.state?.posting?.deadline ?? null,
    });
  }
  return out;
}

export interface OpenList {
  communeCode: string;
  communeName: string;
  period: number;
  /** 'ended': the posting window is over and the list is not recognised yet — no names. */
  kind: 'proposed' | 'ended' | 'recognised';
  postingStart: string | null;
  postingDeadline: string | null;
  decision: { number: string; date: string } | null;
  poor: ListedHousehold[];
  nearPoor: ListedHousehold[];
}

/** The public list of a commune (its latest campaign, or the given period), or NOT_FOUND when nothing is public. */
export async function getOpenList(deps: Deps, communeCode: string, period?: number): Promise<OpenList> {
  const db = deps.db.kysely;
  const campaign = await findPeriodicCampaign(db, communeCode, period);
  const stored = campaign ? (JSON.parse(campaign.state_json) as StoredState) : {};
  const kind = campaign
    ? publicKindOf(campaign.step, stored.state?.posting?.deadline ?? null, todayVn(deps))
    : null;
  if (!campaign || kind === null) {
    throw new AppError('NOT_FOUND', {
      what: `danh sách công khai của đơn vị ${communeCode} / public list of unit ${communeCode}`,
    });
  }
  const rows =
    kind === 'ended'
      ? []
      : await listListedHouseholds(db, {
          provinceCode: campaign.province_code,
          communeCode: campaign.commune_code,
          communeValidFrom: campaign.commune_valid_from,
          period: campaign.period,
          classes: LISTED_CLASSES,
          // A recognised list is what the chair approved; a proposed one is the reviewed results.
          ...(kind === 'recognised' ? { status: 'approved' } : {}),
        });
  const recognition = stored.state?.recognition ?? null;
  return {
    communeCode: campaign.commune_code,
    communeName: (await communeOf(deps, campaign.commune_code, campaign.period)).name,
    period: campaign.period,
    kind,
    postingStart: stored.state?.posting?.startDate ?? null,
    postingDeadline: stored.state?.posting?.deadline ?? null,
    decision: recognition ? { number: recognition.decisionNumber, date: recognition.decisionDate } : null,
    poor: rows.filter((r) => r.classification === 'POOR'),
    nearPoor: rows.filter((r) => r.classification === 'NEAR_POOR'),
  };
}

export interface PublicStatRow {
  unitCode: string;
  unitName: string;
  /** Counts as they may be published ("< 5" below the threshold). */
  households: string;
  poor: string;
  nearPoor: string;
  /** Tổng số hộ dân cư of the year, or null when not entered for every commune of the row. */
  residentHouseholds: string | null;
  /**
   * Percentages of the resident households with one decimal, or null when the count behind them is
   * suppressed or the resident households are missing (`residentsMissing`).
   */
  poorRate: number | null;
  nearPoorRate: number | null;
  residentsMissing: boolean;
}

/** The unit's recognised rates in one period (null: suppressed, or the unit did not exist then). */
export interface PublicTrendPoint {
  period: number;
  poorRate: number | null;
  nearPoorRate: number | null;
}

export interface PublicStats {
  unitCode: string;
  unitName: string;
  /** The unit's level and parent on `on` (31/12 of the period), for the map's boundaries. */
  unitLevel: string;
  unitParentCode: string | null;
  on: string;
  period: number;
  periods: number[];
  rows: PublicStatRow[];
  total: PublicStatRow;
  /** Every recognised period, oldest first, for the unit as it stood in each. */
  trend: PublicTrendPoint[];
}

/**
 * Recognised counts and rates for each commune/ward of a unit (a district, or a commune alone),
 * for one review period. A count under SMALL_NUMBER_THRESHOLD is shown as "< 5" and its rate is
 * withheld (a rate and a total would give the count back).
 */
export async function getPublicStats(
  deps: Deps,
  unitCode: string,
  periodValue?: number,
): Promise<PublicStats> {
  const db = deps.db.kysely;
  const probe =
    (await findUnitOn(db, unitCode, '2024-12-31')) ?? (await findUnitOn(db, unitCode, '2025-07-01'));
  if (!probe) throw new AppError('UNIT_NOT_FOUND', { code: unitCode, date: '2024-12-31' });
  const periods = await recognisedPeriods(db, probe.province_code);
  const period = periodValue ?? periods[0];
  if (period === undefined || !periods.includes(period)) {
    throw new AppError('NOT_FOUND', {
      what: `số liệu đã công nhận năm ${periodValue ?? '—'} / recognised figures for ${periodValue ?? '—'}`,
    });
  }
  const on = `${period}-12-31`;
  const unit = await findUnitOn(db, unitCode, on);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { code: unitCode, date: on });
  const communes =
    unit.level === 'commune' ? [unit] : await listUnitsOn(db, { date: on, parentCode: unit.code });
  const counts = await recognisedCounts(db, {
    provinceCode: unit.province_code,
    period,
    unitCodes: communes.map((c) => c.code),
  });
  const tally = (code: string | null) => tallyOf(counts, code);
  const residents = await residentsOf(db, unit.province_code, period, communes);
  const trend: PublicTrendPoint[] = [];
  for (const p of [...periods].sort((a, b) => a - b)) {
    if (p === period) continue;
    const then = await findUnitOn(db, unitCode, `${p}-12-31`);
    if (!then || then.level !== unit.level) {
      trend.push({ period: p, poorRate: null, nearPoorRate: null });
      continue;
    }
    const members =
      then.level === 'commune'
        ? [then]
        : await listUnitsOn(db, { date: `${p}-12-31`, parentCode: then.code });
    const cells = await recognisedCounts(db, {
      provinceCode: then.province_code,
      period: p,
      unitCodes: members.map((c) => c.code),
    });
    const thenResidents = await residentsOf(db, then.province_code, p, members);
    const row = present(then.code, then.name, tallyOf(cells, null), thenResidents.total);
    trend.push({ period: p, poorRate: row.poorRate, nearPoorRate: row.nearPoorRate });
  }
  const totalRow = present(unit.code, unit.name, tally(null), residents.total);
  trend.push({ period, poorRate: totalRow.poorRate, nearPoorRate: totalRow.nearPoorRate });
  trend.sort((a, b) => a.period - b.period);
  return {
    unitCode: unit.code,
    unitName: unit.name,
    unitLevel: unit.level,
    unitParentCode: unit.parent_code,
    on,
    period,
    periods,
    rows: communes
      .map((c) => present(c.code, c.name, tally(c.code), residents.byCode.get(c.code) ?? null))
      .filter((r) => r.households !== '0'),
    total: totalRow,
    trend,
  };
}

function tallyOf(
  counts: { unitCode: string; classification: string; n: number }[],
  code: string | null,
): { households: number; poor: number; nearPoor: number } {
  const cells = counts.filter((c) => code === null || c.unitCode === code);
  const households = cells.reduce((s, c) => s + c.n, 0);
  const poor = cells.filter((c) => c.classification === 'POOR').reduce((s, c) => s + c.n, 0);
  const nearPoor = cells.filter((c) => c.classification === 'NEAR_POOR').reduce((s, c) => s + c.n, 0);
  return { households, poor, nearPoor };
}

/**
 * The resident households of the communes (their versions in force on 31/12 of the period), and
 * their sum, null as soon as one commune has no figure (docs/decisions/0021-official-reports.md).
 */
async function residentsOf(
  db: Deps['db']['kysely'],
  provinceCode: string,
  period: number,
  communes: readonly UnitRecord[],
): Promise<{ byCode: Map<string, number>; total: number | null }> {
  const rows = await listResidentHouseholds(db, { provinceCode, year: period });
  const byCode = new Map<string, number>();
  for (const c of communes) {
    const r = rows.find((x) => x.unit_code === c.code && x.unit_valid_from === (c.valid_from ?? ''));
    if (r) byCode.set(c.code, Number(r.households));
  }
  const total =
    communes.length > 0 && communes.every((c) => byCode.has(c.code))
      ? communes.reduce((sum, c) => sum + byCode.get(c.code)!, 0)
      : null;
  return { byCode, total };
}

/** Rates are over the resident households (the same definition as `report summary`), never over the surveyed. */
function present(
  code: string,
  name: string,
  t: { households: number; poor: number; nearPoor: number },
  residents: number | null,
): PublicStatRow {
  const rate = (n: number) =>
    residents !== null &&
    residents > 0 &&
    n >= SMALL_NUMBER_THRESHOLD &&
    t.households >= SMALL_NUMBER_THRESHOLD
      ? Math.round((n / residents) * 1000) / 10
      : null;
  return {
    unitCode: code,
    unitName: name,
    households: publicCount(t.households),
    poor: publicCount(t.poor),
    nearPoor: publicCount(t.nearPoor),
    residentHouseholds: residents === null ? null : publicCount(residents),
    poorRate: rate(t.poor),
    nearPoorRate: rate(t.nearPoor),
    residentsMissing: residents === null,
  };
}
