// Program monitoring (issue 13; docs/decisions/0031-reports-round-and-monitoring.md): where a unit
// stands against each target kind of the program (src/domain/finance/monitoring.ts) — progress
// from the recognised results, forecast from the current review — and the per-project indicators
// from disbursements and the support recorded on households. Every figure comes from the reports
// that already give it, read the same way (the kept aggregates): the targets report (counts and
// resident households), Annex VII (ethnic-minority counts), the support ledger.
import {
  MONITORING_TARGETS,
  POOR_DISTRICT_CODES,
  monitoringStanding,
  type MonitoringKind,
  type MonitoringStanding,
  type PopulationFigures,
} from '../../domain/finance/monitoring.js';
import { wordOf, type Word } from '../../domain/words/catalogue.js';
import {
  listSupportRows,
  supportOfHouseholdsWithMovement,
} from '../../db/repositories/finance.repository.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import { SYSTEM, type Actor, type Deps } from '../deps.js';
import { reportAnnex7 } from '../registry/annex7.service.js';
import { listAllocations } from './allocations.service.js';
import { reqText, reqYear, unitsCovered } from './common.js';
import { targetsReport } from './targets.service.js';

export interface MonitoringRow extends MonitoringStanding {
  label: Word;
  statusLabel: Word;
  forecastStatusLabel: Word;
  band: { min: number; max: number | null; minExclusive: boolean; source: string };
  /** The counts behind the rates, shown when a rate cannot be given. */
  figures: PopulationFigures;
}

export interface ProjectIndicator {
  projectCode: string;
  /** The project's name (from its allocations; the code when it has none in the unit this year). */
  projectName: string;
  projectNameEn: string;
  disbursed: number;
  supportTotal: number;
  householdsSupported: number;
  costPerHouseholdSupported: number | null;
  /** Households supported by the project whose recognised result of the year is "thoát nghèo". */
  householdsExited: number;
  supportToExited: number;
  /** Support the project gave households that exited ÷ their number. */
  costPerHouseholdExited: number | null;
}

export interface ProgramMonitoring {
  unit: { code: string; name: string };
  year: number;
  targets: MonitoringRow[];
  projects: ProjectIndicator[];
}

const word = (set: 'monitoringKind' | 'monitoringStatus', code: string): Word => ({
  vi: wordOf(set, code as never, 'vi'),
  en: wordOf(set, code as never, 'en'),
});

export async function programMonitoring(
  deps: Deps,
  actor: Actor,
  q: { unitCode: unknown; year: unknown },
): Promise<ProgramMonitoring> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const year = reqYear(deps, q.year);
  const unitCode = reqText(q.unitCode, 'unit', 10);
  await requireUnitAccess(db, actor, unitCode);
  const t = await targetsReport(deps, actor, { unitCode, year });
  const { unit, codes } = await unitsCovered(db, unitCode, year);

  // The ethnic-minority counts are Annex VII's (recognised results only), regrouped on the day
  // the targets list their units. Aggregates without personal data: read as the system once the
  // actor's scope on the unit is checked above (a finance officer has no registry right).
  let on = `${year}-06-30`;
  if (unit.valid_to && unit.valid_to < on) on = unit.valid_to;
  if (unit.valid_from && unit.valid_from > on) on = unit.valid_from;
  const emPoor = async (period: number, held: boolean) =>
    held
      ? (await reportAnnex7(deps, SYSTEM, { unitCode: unit.code, period, unitsOn: on })).total.groups[
          'ethnic-minority'
        ].poor
      : null;

  const all: PopulationFigures = {
    baselinePoor: t.total.baseline?.poor ?? null,
    recognisedPoor: t.total.recognised?.poor ?? null,
    forecastPoor: t.total.review?.poor ?? null,
    baselineResidents: t.total.baselineResidentHouseholds,
    residents: t.total.residentHouseholds,
  };
  const populations: Record<
    string,
    { f: PopulationFigures; areaListHeld: boolean; denominatorHeld: boolean }
  > = {
    all: { f: all, areaListHeld: true, denominatorHeld: true },
    // The poor districts' own figures would be the rows of those districts; the list is not held.
    'poor-districts': {
      f: { ...all, baselinePoor: null, recognisedPoor: null, forecastPoor: null },
      areaListHeld: POOR_DISTRICT_CODES.length > 0,
      denominatorHeld: true,
    },
    'ethnic-minority': {
      f: {
        baselinePoor: await emPoor(year - 1, t.total.baseline !== null),
        recognisedPoor: await emPoor(year, t.total.recognised !== null),
        forecastPoor: null,
        baselineResidents: null,
        residents: null,
      },
      areaListHeld: true,
      denominatorHeld: false,
    },
  };
  const targets = MONITORING_TARGETS.map((target): MonitoringRow => {
    const p = populations[target.population]!;
    const s = monitoringStanding(target, p.f, p);
    return {
      ...s,
      label: word('monitoringKind', target.kind satisfies MonitoringKind),
      statusLabel: word('monitoringStatus', s.status),
      forecastStatusLabel: word('monitoringStatus', s.forecastStatus),
      band: { min: target.min, max: target.max, minExclusive: target.minExclusive, source: target.source },
      figures: p.f,
    };
  });

  // Per project (the component's parent): money disbursed, support recorded on households, and the
  // support that reached households recognised as having exited poverty this year.
  const support = await listSupportRows(db, year, codes);
  const exited = new Set(
    (await supportOfHouseholdsWithMovement(db, year, year, 'thoat-ngheo', codes)).map((r) => r.householdKey),
  );
  const allocations = await listAllocations(deps, actor, { year, unitCode });
  const per = new Map<
    string,
    { disbursed: number; total: number; hh: Set<string>; exitedHh: Set<string>; toExited: number }
  >();
  const names = new Map(allocations.map((a) => [a.projectCode, { vi: a.projectName, en: a.projectNameEn }]));
  const entry = (code: string) => {
    let e = per.get(code);
    if (!e) per.set(code, (e = { disbursed: 0, total: 0, hh: new Set(), exitedHh: new Set(), toExited: 0 }));
    return e;
  };
  for (const a of allocations) entry(a.projectCode).disbursed += a.disbursed;
  for (const s of support) {
    const e = entry(s.parent_code ?? s.component_code);
    e.total += s.amount;
    e.hh.add(s.household_key);
    if (exited.has(s.household_key)) {
      e.exitedHh.add(s.household_key);
      e.toExited += s.amount;
    }
  }
  const div = (a: number, b: number) => (b > 0 ? Math.round(a / b) : null);
  const projects = [...per.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([projectCode, e]) => ({
      projectCode,
      projectName: names.get(projectCode)?.vi ?? projectCode,
      projectNameEn: names.get(projectCode)?.en ?? projectCode,
      disbursed: e.disbursed,
      supportTotal: e.total,
      householdsSupported: e.hh.size,
      costPerHouseholdSupported: div(e.total, e.hh.size),
      householdsExited: e.exitedHh.size,
      supportToExited: e.toExited,
      costPerHouseholdExited: div(e.toExited, e.exitedHh.size),
    }));
  return { unit: { code: unit.code, name: unit.name }, year, targets, projects };
}
