// `report summary` (contracts/cli.md): counts of the approved results of a review period in a unit
// and each of its child units, read from the aggregates kept with every write (never from the
// results table). Units are those in force on 31 December of the period unless `unitsOn` asks to
// regroup the same results onto the units of another date.
//
// Regrouping: src/services/registry/regroup.ts. Rates are over the resident households of the
// review year (tổng số hộ dân cư, residents.service.ts) and null without them; shares among the
// surveyed households are `shareOfSurveyed` (docs/decisions/0021-official-reports.md).
import { rateOf } from '../../domain/registry/balance.js';
import { optionalIsoDate } from '../../domain/dates.js';
import { periodOf } from '../input.js';
import { householdCellsOfPeriod } from '../../db/repositories/aggregate-cells.repository.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import type { Actor, Deps } from '../deps.js';
import { regroupingOn } from './regroup.js';
import { residentFigures } from './residents.service.js';

export interface SummaryRow {
  unit: { code: string; name: string };
  period: number;
  /** Surveyed households with an approved result. */
  households: number;
  poor: number;
  nearPoor: number;
  average: number;
  /** Tổng số hộ dân cư of the review year: the denominator of the rates (null: not entered). */
  residentHouseholds: number | null;
  /** poor / residentHouseholds (the poverty rate); null without the resident figure. */
  poorRate: number | null;
  nearPoorRate: number | null;
  /** (poor + nearPoor) / residentHouseholds. */
  multidimensionalRate: number | null;
  /** Shares among the surveyed households (never the poverty rate: the surveyed are not everyone). */
  shareOfSurveyed: { poor: number; nearPoor: number; multidimensional: number };
}

export interface Summary extends SummaryRow {
  children: SummaryRow[];
}

interface Counts {
  households: number;
  poor: number;
  nearPoor: number;
  average: number;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function row(
  unit: { code: string; name: string },
  period: number,
  c: Counts,
  residentHouseholds: number | null,
): SummaryRow {
  const h = c.households;
  return {
    unit,
    period,
    households: h,
    poor: c.poor,
    nearPoor: c.nearPoor,
    average: c.average,
    residentHouseholds,
    poorRate: rateOf(c.poor, residentHouseholds),
    nearPoorRate: rateOf(c.nearPoor, residentHouseholds),
    multidimensionalRate: rateOf(c.poor + c.nearPoor, residentHouseholds),
    shareOfSurveyed: {
      poor: h ? round(c.poor / h) : 0,
      nearPoor: h ? round(c.nearPoor / h) : 0,
      multidimensional: h ? round((c.poor + c.nearPoor) / h) : 0,
    },
  };
}

export async function reportSummary(
  deps: Deps,
  actor: Actor,
  input: { period: number; unitCode: string; unitsOn?: string },
): Promise<Summary> {
  requirePermission(actor, 'registry.read');
  const db = deps.db.kysely;
  const period = periodOf(deps, input.period);
  const on = optionalIsoDate(input.unitsOn, 'unitsOn') ?? `${period}-12-31`;
  await requireUnitAccess(db, actor, input.unitCode);
  const g = await regroupingOn(deps, input.unitCode, on);
  const { unit, children, landing, childOf } = g;

  const cells = await householdCellsOfPeriod(db, unit.province_code, period, 'approved');
  const total: Counts = { households: 0, poor: 0, nearPoor: 0, average: 0 };
  const perChild = new Map<string, Counts>();
  for (const c of cells) {
    const commune = await landing(c.unit_code, c.unit_valid_from);
    if (!commune) continue;
    const child = childOf(commune);
    if (!child) continue;
    const n = Number(c.n);
    const targets = [total];
    if (unit.level !== 'commune') {
      let cc = perChild.get(child.code);
      if (!cc) perChild.set(child.code, (cc = { households: 0, poor: 0, nearPoor: 0, average: 0 }));
      targets.push(cc);
    }
    for (const t of targets) {
      t.households += n;
      if (c.classification === 'POOR') t.poor += n;
      else if (c.classification === 'NEAR_POOR') t.nearPoor += n;
      else if (c.classification === 'AVERAGE') t.average += n;
    }
  }
  const empty: Counts = { households: 0, poor: 0, nearPoor: 0, average: 0 };
  const residents = await residentFigures(deps, g, input.period);
  return {
    ...row({ code: unit.code, name: unit.name }, input.period, total, residents.total),
    children: children.map((ch) =>
      row(
        { code: ch.code, name: ch.name },
        input.period,
        perChild.get(ch.code) ?? empty,
        residents.byChild.get(ch.code) ?? null,
      ),
    ),
  };
}
