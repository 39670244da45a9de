// Finance reports: per project and source (allocated, adjusted, disbursed, rate, deadline, at
// risk), the at-risk board, and the cost per household supported / per household that exited
// poverty. They read the allocations' maintained aggregates, never re-add the ledger.
import { assessRisk, type RiskState } from '../../domain/finance/risk.js';
import { vnDateOf } from '../../domain/dates.js';
import { SOURCES, type FundingSource } from '../../domain/finance/ledger.js';
import {
  listSupportRows,
  registryMovementCount,
  supportOfHouseholdsWithMovement,
} from '../../db/repositories/finance.repository.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import type { Actor, Deps } from '../deps.js';
import { listAllocations, type AllocationView } from './allocations.service.js';
import { reqText, reqYear, unitsCovered } from './common.js';
import { listChildCodesAnyPeriod } from '../../db/repositories/units.repository.js';
import { listFinanceYears } from '../../db/repositories/finance.repository.js';
import { optionalIsoDate } from '../../domain/dates.js';

export interface FinanceRow {
  projectCode: string;
  projectName: string;
  projectNameEn: string;
  source: FundingSource;
  allocated: number;
  adjusted: number;
  planned: number;
  disbursed: number;
  available: number;
  rate: number;
  /** The earliest deadline among the allocations of the row. */
  deadline: string;
  atRisk: boolean;
  riskState: RiskState;
  allocations: number;
}

/** The money of one unit the allocations are filed under (the unit itself or one of its own). */
export interface FinanceUnitRow {
  unitCode: string;
  planned: number;
  disbursed: number;
  /** Disbursed over planned, as `total.rate` (0 when nothing is planned). */
  rate: number;
  allocations: number;
}

export interface FinanceReport {
  unit: { code: string; name: string };
  year: number;
  asOf: string;
  rows: FinanceRow[];
  projects: Omit<FinanceRow, 'source'>[];
  /**
   * The same allocations by the unit they are filed under (the map's "tỷ lệ giải ngân" per
   * commune): a partition of `total`, so the units' sums are the total.
   */
  units: FinanceUnitRow[];
  total: Omit<FinanceRow, 'source' | 'projectCode' | 'projectName' | 'projectNameEn'>;
}

const ROW_RISK_ORDER: RiskState[] = ['lapsed', 'at-risk', 'starting', 'on-track', 'completed'];

function sumRows(list: AllocationView[], asOf: string) {
  const allocated = list.reduce((s, a) => s + a.amount, 0);
  const adjusted = list.reduce((s, a) => s + a.adjusted, 0);
  const disbursed = list.reduce((s, a) => s + a.disbursed, 0);
  const planned = allocated + adjusted;
  const deadline = list.reduce((m, a) => (a.deadline < m ? a.deadline : m), list[0]!.deadline);
  const start = list.reduce((m, a) => (a.decisionDate < m ? a.decisionDate : m), list[0]!.decisionDate);
  // The row is as bad as its worst allocation, and at least as bad as the row's own pace.
  const own = assessRisk({ planned, disbursed, startDate: start, deadline, asOf }).state;
  const worst = [own, ...list.map((a) => a.risk.state)].sort(
    (x, y) => ROW_RISK_ORDER.indexOf(x) - ROW_RISK_ORDER.indexOf(y),
  )[0]!;
  return {
    allocated,
    adjusted,
    planned,
    disbursed,
    available: planned - disbursed,
    rate: planned > 0 ? Math.round((disbursed / planned) * 10000) / 10000 : 0,
    deadline,
    atRisk: worst === 'at-risk' || worst === 'lapsed',
    riskState: worst,
    allocations: list.length,
  };
}

function checkAsOf(asOf: string | undefined, deps: Deps): string {
  return optionalIsoDate(asOf, 'asOf') ?? vnDateOf(deps.now());
}

export async function financeReport(
  deps: Deps,
  actor: Actor,
  q: { year: unknown; unitCode: unknown; asOf?: string },
): Promise<FinanceReport> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const year = reqYear(deps, q.year);
  const unitCode = reqText(q.unitCode, 'unit', 10);
  await requireUnitAccess(db, actor, unitCode);
  const asOf = checkAsOf(q.asOf, deps);
  const { unit } = await unitsCovered(db, unitCode, year);
  const list = await listAllocations(deps, actor, { year, unitCode, ...(q.asOf ? { asOf } : {}) });
  const projects = new Map<string, { name: string; nameEn: string; items: AllocationView[] }>();
  for (const a of list) {
    const p = projects.get(a.projectCode) ?? { name: a.projectName, nameEn: a.projectNameEn, items: [] };
    p.items.push(a);
    projects.set(a.projectCode, p);
  }
  const rows: FinanceRow[] = [];
  const projectRows: Omit<FinanceRow, 'source'>[] = [];
  for (const [projectCode, p] of projects) {
    for (const source of SOURCES) {
      const items = p.items.filter((a) => a.source === source);
      if (items.length)
        rows.push({
          projectCode,
          projectName: p.name,
          projectNameEn: p.nameEn,
          source,
          ...sumRows(items, asOf),
        });
    }
    projectRows.push({
      projectCode,
      projectName: p.name,
      projectNameEn: p.nameEn,
      ...sumRows(p.items, asOf),
    });
  }
  const byUnit = new Map<string, AllocationView[]>();
  for (const a of list) byUnit.set(a.unitCode, [...(byUnit.get(a.unitCode) ?? []), a]);
  const units: FinanceUnitRow[] = [...byUnit]
    .map(([unitCode, items]) => {
      const s = sumRows(items, asOf);
      return {
        unitCode,
        planned: s.planned,
        disbursed: s.disbursed,
        rate: s.rate,
        allocations: s.allocations,
      };
    })
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  const empty = {
    allocated: 0,
    adjusted: 0,
    planned: 0,
    disbursed: 0,
    available: 0,
    rate: 0,
    deadline: '',
    atRisk: false,
    riskState: 'completed' as RiskState,
    allocations: 0,
  };
  return {
    unit: { code: unit.code, name: unit.name },
    year,
    asOf,
    rows,
    projects: projectRows,
    units,
    total: list.length ? sumRows(list, asOf) : empty,
  };
}

/** Allocations at risk or lapsed, the largest amount left first. */
export async function atRiskBoard(
  deps: Deps,
  actor: Actor,
  q: { year: unknown; unitCode: unknown; asOf?: string },
): Promise<AllocationView[]> {
  const asOf = checkAsOf(q.asOf, deps);
  const list = await listAllocations(deps, actor, {
    year: q.year,
    unitCode: q.unitCode,
    ...(q.asOf ? { asOf } : {}),
  });
  return list.filter((a) => a.risk.atRisk).sort((a, b) => b.available - a.available || a.id - b.id);
}

export interface CostReport {
  unitCode: string;
  year: number;
  disbursed: number;
  supportTotal: number;
  householdsSupported: number;
  /** Support recorded on households ÷ distinct households supported. */
  costPerHouseholdSupported: number | null;
  /** Households of the unit whose recognised result of the year is "thoát nghèo". */
  householdsExited: number;
  /** Of those, the ones that received support, and what they received. */
  exitedSupported: number;
  supportToExited: number;
  /** Support given to households that exited ÷ their number. */
  costPerExitedSupported: number | null;
  /** All money disbursed ÷ all households that exited poverty (the program's overall cost). */
  disbursedPerHouseholdExited: number | null;
  byProject: {
    projectCode: string;
    supportTotal: number;
    householdsSupported: number;
    costPerHouseholdSupported: number;
  }[];
}

export async function costReport(
  deps: Deps,
  actor: Actor,
  q: { year: unknown; unitCode: unknown },
): Promise<CostReport> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const year = reqYear(deps, q.year);
  const unitCode = reqText(q.unitCode, 'unit', 10);
  await requireUnitAccess(db, actor, unitCode);
  const { codes } = await unitsCovered(db, unitCode, year);
  const support = await listSupportRows(db, year, codes);
  const list = await listAllocations(deps, actor, { year, unitCode });
  const disbursed = list.reduce((s, a) => s + a.disbursed, 0);
  const households = new Set(support.map((s) => s.household_key));
  const supportTotal = support.reduce((s, x) => s + x.amount, 0);
  const per = new Map<string, { total: number; hh: Set<string> }>();
  for (const s of support) {
    const p = s.parent_code ?? s.component_code;
    const e = per.get(p) ?? { total: 0, hh: new Set<string>() };
    e.total += s.amount;
    e.hh.add(s.household_key);
    per.set(p, e);
  }
  const exited = await registryMovementCount(db, year, 'approved', 'thoat-ngheo', codes);
  const exitedSupport = await supportOfHouseholdsWithMovement(db, year, year, 'thoat-ngheo', codes);
  const supportToExited = exitedSupport.reduce((s, x) => s + x.amount, 0);
  const div = (a: number, b: number) => (b > 0 ? Math.round(a / b) : null);
  return {
    unitCode,
    year,
    disbursed,
    supportTotal,
    householdsSupported: households.size,
    costPerHouseholdSupported: div(supportTotal, households.size),
    householdsExited: exited,
    exitedSupported: exitedSupport.length,
    supportToExited,
    costPerExitedSupported: div(supportToExited, exitedSupport.length),
    disbursedPerHouseholdExited: div(disbursed, exited),
    byProject: [...per.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([projectCode, e]) => ({
        projectCode,
        supportTotal: e.total,
        householdsSupported: e.hh.size,
        costPerHouseholdSupported: Math.round(e.total / e.hh.size),
      })),
  };
}

/**
 * Years that hold allocations or targets for a unit or the units under it, newest first. The
 * screens open on the newest of them: a city's 2024 program is still the one to follow in 2026,
 * when the city itself no longer exists as a unit.
 */
export async function financeYears(deps: Deps, actor: Actor, unit: unknown): Promise<number[]> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const unitCode = reqText(unit, 'unit', 10);
  await requireUnitAccess(db, actor, unitCode);
  const codes = new Set([unitCode, ...(await listChildCodesAnyPeriod(db, unitCode))]);
  return listFinanceYears(db, [...codes]);
}
