// The dashboard (issue 13; docs/decisions/0029-dashboard-and-map.md): where a unit and each unit
// under it stand on poverty, the review and the money, on one page, for every signed-in role
// within its scope. Every figure is one the reports already give, read the same way (the kept
// aggregates), so the dashboard and `report summary` / `report balance` / `report finance` never
// disagree: the sections call those services. A section the role may not read is null (never an
// error), so one page serves every role.
import { keptUnderStamp, readScope } from '../db/repositories/aggregate-cells.repository.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { optionalIsoDate, vnDateOf } from '../domain/dates.js';
import { periodicReportDeadline } from '../domain/campaign/deadlines.js';
import { STEP_LABELS, type Step } from '../domain/campaign/campaign.js';
import { campaignProgress } from '../domain/campaign/timeline.js';
import { findUnitOn, findUnitVersions } from '../db/repositories/units.repository.js';
import {
  householdsPerCommune,
  periodicCampaigns,
  periodsWithApprovedResults,
  resultsPerCommune,
} from '../db/repositories/reports.repository.js';
import { hasPermission, requireUnitAccess, scopeOf } from './access.js';
import type { Actor, Deps } from './deps.js';
import { reportSummary, type Summary } from './registry/summary.service.js';
import { reportBalance, type Balance } from './registry/balance.service.js';
import { regroupingOn } from './registry/regroup.js';
import { financeReport, atRiskBoard, financeYears } from './finance/report.service.js';
import { targetsReport } from './finance/targets.service.js';
import { taskBoard } from './finance/tasks.service.js';

export interface DashboardQuery {
  /** The unit; the actor's scope unit by default (a national account has none and must name one). */
  unit?: unknown;
  /** The date whose administrative units the figures are grouped on (default: today, or the last day of a unit that ended). */
  on?: unknown;
}

export interface TrendPoint {
  period: number;
  households: number;
  poor: number;
  nearPoor: number;
  residentHouseholds: number | null;
  poorRate: number | null;
  nearPoorRate: number | null;
  multidimensionalRate: number | null;
}

export interface ReviewRow {
  unit: { code: string; name: string };
  step: string;
  stepLabel: { vi: string; en: string };
  /** Households of the commune's registry, and those with a result of the period (any status). */
  expected: number;
  surveyed: number;
  meetingsHeld: number;
  complaintsOpen: number;
}

export interface Dashboard {
  unit: { code: string; name: string; level: string; provinceCode: string };
  /** Units of this date group the figures; `today` is the day the figures are read. */
  on: string;
  today: string;
  registry: {
    /** The latest period with recognised results: the summary and the balance are of it. */
    period: number;
    summary: Summary;
    balance: Balance;
    trend: TrendPoint[];
  } | null;
  review: {
    period: number;
    deadline: string;
    daysToDeadline: number;
    communes: ReviewRow[];
  } | null;
  targets: {
    year: number;
    items: {
      kind: string;
      kindLabel: string;
      value: number;
      achieved: number | null;
      forecast: number | null;
      status: string;
    }[];
    /** Tổng số hộ dân cư of the year before and of the year: the rates' denominators (null: not entered). */
    baselineResidentHouseholds: number | null;
    residentHouseholds: number | null;
    /** Poverty rates in percent over the resident households. */
    baselineRate: number | null;
    recognisedRate: number | null;
    forecastRate: number | null;
  } | null;
  money: {
    year: number;
    allocated: number;
    disbursed: number;
    rate: number;
    atRisk: number;
    atRiskAmount: number;
  } | null;
  tasks: { overdue: number; dueSoon: number; open: number } | null;
}

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The unit asked, or the actor's own; with the date its figures are grouped on. */
async function unitAndDate(deps: Deps, actor: Actor, q: DashboardQuery, today: string) {
  const db = deps.db.kysely;
  const asked = q.unit === undefined || q.unit === '' ? scopeOf(actor) : q.unit;
  // The whole country has no figures of its own: a national account picks a province.
  if (asked === null) throw new AppError('FIELD_REQUIRED', { field: 'unit' }, { field: 'unit' });
  if (typeof asked !== 'string' || !/^\d{2,5}$/.test(asked))
    throw new AppError('FIELD_INVALID', { field: 'unit', detail: String(asked ?? '') }, { field: 'unit' });
  await requireUnitAccess(db, actor, asked);
  let on = optionalIsoDate(q.on, 'on');
  if (!on) {
    // A unit that ended before today (Thành phố Sầm Sơn, 30/06/2025) is shown as it stood on its
    // last day: its own wards and communes, not the units that took it over.
    on = today;
    if (!(await findUnitOn(db, asked, today))) {
      const last = (await findUnitVersions(db, asked))
        .filter((v) => v.valid_to !== null && v.valid_to < today)
        .pop();
      if (last?.valid_to) on = last.valid_to;
    }
  }
  const unit = await findUnitOn(db, asked, on);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { code: asked, date: on }, { field: 'unit' });
  return { unit, on };
}

/** The dashboard of a unit. */
export async function dashboard(deps: Deps, actor: Actor, q: DashboardQuery = {}): Promise<Dashboard> {
  return assemble(withReadScope(deps), actor, q);
}

/**
 * The request's readings of the shared aggregate cells are made once, and kept between requests
 * while the province's cells stay as they were read (see readScope).
 */
function withReadScope(deps: Deps): Deps {
  const database = deps.db.sqlite ?? deps.db.pool;
  return { ...deps, db: { ...deps.db, kysely: readScope(deps.db.kysely, database) } as Db };
}

async function assemble(deps: Deps, actor: Actor, q: DashboardQuery): Promise<Dashboard> {
  const db = deps.db.kysely;
  const today = vnDateOf(deps.now());
  const { unit, on } = await unitAndDate(deps, actor, q, today);
  const out: Dashboard = {
    unit: { code: unit.code, name: unit.name, level: unit.level, provinceCode: unit.province_code },
    on,
    today,
    registry: null,
    review: null,
    targets: null,
    money: null,
    tasks: null,
  };

  // The sections read from the province's figures are kept between loads while its stamp stays
  // (every write to those tables changes it); the money and the tasks are read every time. The
  // role and scope are part of the key: a section is computed for the actor who asked.
  const province = unit.province_code;
  const who = `${actor.kind === 'user' ? actor.role : actor.kind}|${scopeOf(actor) ?? ''}`;
  const kept = <T>(section: string, compute: () => Promise<T>) =>
    keptUnderStamp(db, province, `dashboard|${section}|${unit.code}|${on}|${who}`, compute);

  if (hasPermission(actor, 'registry.read')) {
    out.registry = await kept('registry', () => registrySection(deps, actor, unit.code, province, on));
    // The review under way runs on today's units: a unit read on an earlier date (a city that
    // ended) has no review of its own now.
    if (on === today)
      out.review = await kept(`review|${today}`, () => reviewProgress(deps, unit.code, on, today));
  }

  if (hasPermission(actor, 'finance.read')) {
    // The newest year with allocations or targets, as the finance screens open on (a city's 2024
    // program is still the one to follow after the city ended); else the year of the date.
    const year = (await financeYears(deps, actor, unit.code))[0] ?? Number(on.slice(0, 4));
    out.targets = await kept(`targets|${year}`, () => targetsSection(deps, actor, unit.code, year));
    const f = await financeReport(deps, actor, { unitCode: unit.code, year, asOf: today });
    const risky = await atRiskBoard(deps, actor, { unitCode: unit.code, year, asOf: today });
    out.money = {
      year,
      allocated: f.total.planned,
      disbursed: f.total.disbursed,
      rate: f.total.rate,
      atRisk: risky.length,
      atRiskAmount: risky.reduce((s, a) => s + a.available, 0),
    };
    const board = await taskBoard(deps, actor, { unitCode: unit.code, asOf: today });
    out.tasks = { overdue: board.overdue.length, dueSoon: board.dueSoon.length, open: board.open.length };
  }
  return out;
}

/** The recognised figures: the summary and the balance of the latest recognised period, the trend. */
async function registrySection(
  deps: Deps,
  actor: Actor,
  unitCode: string,
  provinceCode: string,
  on: string,
): Promise<Dashboard['registry']> {
  const periods = await periodsWithApprovedResults(deps.db.kysely, provinceCode);
  const latest = periods[periods.length - 1];
  if (latest === undefined) return null;
  const trend: TrendPoint[] = [];
  let summary: Summary | undefined;
  for (const period of periods) {
    const s = await reportSummary(deps, actor, { period, unitCode, unitsOn: on });
    if (period === latest) summary = s;
    trend.push({
      period,
      households: s.households,
      poor: s.poor,
      nearPoor: s.nearPoor,
      residentHouseholds: s.residentHouseholds,
      poorRate: s.poorRate,
      nearPoorRate: s.nearPoorRate,
      multidimensionalRate: s.multidimensionalRate,
    });
  }
  const balance = await reportBalance(deps, actor, { period: latest, unitCode, unitsOn: on });
  return { period: latest, summary: summary!, balance, trend };
}

/** This year's targets with their progress and forecast, and the rates' denominators. */
async function targetsSection(
  deps: Deps,
  actor: Actor,
  unitCode: string,
  year: number,
): Promise<Dashboard['targets']> {
  const t = await targetsReport(deps, actor, { unitCode, year });
  return {
    year,
    items: t.targets.map((x) => ({
      kind: x.kind,
      kindLabel: x.kindLabel,
      value: x.value,
      achieved: x.progress.achieved,
      forecast: x.forecast.achieved,
      status: x.progress.status,
    })),
    baselineResidentHouseholds: t.total.baselineResidentHouseholds,
    residentHouseholds: t.total.residentHouseholds,
    baselineRate: t.total.baselineRate,
    recognisedRate: t.total.recognisedRate,
    forecastRate: t.total.reviewRate,
  };
}

/**
 * The periodic review of the current year in each commune of the unit (on the date's units): the
 * step reached, households surveyed against the registry, meetings held, complaints open.
 */
async function reviewProgress(deps: Deps, unitCode: string, on: string, today: string) {
  const db = deps.db.kysely;
  const period = Number(today.slice(0, 4));
  const g = await regroupingOn(deps, unitCode, on);
  const communes = g.communes;
  const campaigns = new Map(
    (await periodicCampaigns(db, g.unit.province_code, period)).map((c) => [
      `${c.commune_code}|${c.commune_valid_from}`,
      c,
    ]),
  );
  const surveyed = new Map(
    (await resultsPerCommune(db, g.unit.province_code, period)).map((r) => [
      `${r.unitCode}|${r.unitValidFrom}`,
      r.n,
    ]),
  );
  const expected = new Map(
    (
      await householdsPerCommune(
        db,
        g.unit.province_code,
        communes.map((c) => c.code),
      )
    ).map((r) => [`${r.communeCode}|${r.communeValidFrom}`, r.n]),
  );
  const deadline = periodicReportDeadline(period);
  return {
    period,
    deadline,
    daysToDeadline: days(today, deadline),
    communes: communes
      .map((c): ReviewRow => {
        const key = `${c.code}|${c.valid_from ?? ''}`;
        const row = campaigns.get(key);
        // A commune without a stored campaign is at its first step (as the campaign screen shows it).
        const step = (row?.step ?? 'survey') as Step;
        const state = row
          ? (
              JSON.parse(row.state_json) as {
                state: {
                  villages: { status: string; meetings: unknown[] }[];
                  complaints: { status: string }[];
                };
              }
            ).state
          : { villages: [], complaints: [] };
        const p = campaignProgress(state, {
          households: expected.get(key) ?? 0,
          surveyed: surveyed.get(key) ?? 0,
          firstSurvey: null,
          lastSurvey: null,
        });
        return {
          unit: { code: c.code, name: c.name },
          step,
          stepLabel: STEP_LABELS[step] ?? { vi: step, en: step },
          expected: p.households,
          surveyed: p.surveyed,
          meetingsHeld: p.meetingsHeld,
          complaintsOpen: p.complaintsOpen,
        };
      })
      .sort((a, b) => a.unit.code.localeCompare(b.unit.code)),
  };
}
