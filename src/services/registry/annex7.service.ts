// `report annex7` (issue 12): the Annex VII tables of a unit and its child units — poor and
// near-poor households over the resident households by urban/rural, by ethnic minority, by household
// group, and per deprivation indicator — from the kept aggregates (never a scan of the results).
// Recognised figures only: a cell counts when its commune's periodic review of the period is
// recognised (Mẫu 02 signed), as for the balance (docs/decisions/0021, 0025).
import { INDICATOR_KEYS } from '../../domain/standards/standard.js';
import { HOUSEHOLD_GROUPS } from '../../domain/registry/groups.js';
import {
  ANNEX7_INDICATORS,
  addCell,
  addFigures,
  emptyFigures,
  type Annex7Figures,
} from '../../domain/reports/annex7.js';
import {
  annex7Cells,
  annex7CellsFromScratch,
  type Annex7DbCell,
} from '../../db/repositories/annex7.repository.js';
import { recognisedCommunes } from '../../db/repositories/reports.repository.js';
import { listResidentHouseholds } from '../../db/repositories/reports.repository.js';
import type { UnitRecord } from '../../db/repositories/units.repository.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import type { Actor, Deps } from '../deps.js';
import { checkPeriod } from './balance.service.js';
import { regroupingOn, type Regrouping } from './regroup.js';

/** Urban, rural, or a special zone (đặc khu: neither, from 01/07/2025). */
export type Annex7Area = 'urban' | 'rural' | 'special';

export interface Annex7Row extends Annex7Figures {
  unit: { code: string; name: string };
  /** The row's area when all its communes share one (a commune, a ward), else null (a district). */
  area: Annex7Area | null;
}

export interface Annex7 {
  unit: { code: string; name: string };
  period: number;
  rows: Annex7Row[];
  /** The unit's communes summed by area (only the areas it has). */
  areas: (Annex7Figures & { area: Annex7Area })[];
  total: Annex7Figures;
}

export interface Annex7Input {
  period: number;
  unitCode: string;
  unitsOn?: string;
}

const areaOf = (c: UnitRecord): Annex7Area =>
  c.area === 'urban' ? 'urban' : c.area === 'rural' ? 'rural' : 'special';
const AREA_ORDER: Annex7Area[] = ['urban', 'rural', 'special'];

/** The tables from cells (kept, or computed from scratch for the benchmark). */
export async function assembleAnnex7(
  deps: Deps,
  g: Regrouping,
  period: number,
  cells: readonly Annex7DbCell[],
  recognised: ReadonlySet<string>,
): Promise<Annex7> {
  // Per commune in force on the date: the cells landed on it, and its resident households.
  const perCommune = new Map<string, Annex7Figures>();
  const figuresOf = (code: string) => {
    let f = perCommune.get(code);
    if (!f) perCommune.set(code, (f = { ...emptyFigures(), residentHouseholds: null }));
    return f;
  };
  const landed = new Map<string, UnitRecord | undefined>();
  const landing = async (code: string, validFrom: string) => {
    const key = `${code}|${validFrom}`;
    if (!landed.has(key)) {
      const c = await g.landing(code, validFrom);
      landed.set(key, c && g.childOf(c) ? c : undefined);
    }
    return landed.get(key);
  };
  // Thousands of cells behind a few hundred commune versions: each version is landed once, then
  // the cells are added without waiting.
  const versions = new Map<string, Annex7DbCell>();
  for (const c of cells) versions.set(`${c.unit_code}|${c.unit_valid_from}`, c);
  for (const [key, c] of versions) if (recognised.has(key)) await landing(c.unit_code, c.unit_valid_from);
  for (const c of cells) {
    const key = `${c.unit_code}|${c.unit_valid_from}`;
    if (!recognised.has(key)) continue;
    const commune = landed.get(key);
    if (commune) addCell(figuresOf(commune.code), c);
  }
  const residents = await listResidentHouseholds(deps.db.kysely, {
    provinceCode: g.unit.province_code,
    year: period,
  });
  const residentsOf = new Map<string, number>();
  for (const r of residents) {
    const c = await landing(r.unit_code, r.unit_valid_from);
    if (c) residentsOf.set(c.code, (residentsOf.get(c.code) ?? 0) + Number(r.households));
  }

  const rows = new Map<string, Annex7Row>();
  const areas = new Map<Annex7Area, Annex7Figures>();
  const total = emptyFigures();
  const rowUnits = g.unit.level === 'commune' ? [g.unit] : g.children;
  for (const u of rowUnits)
    rows.set(u.code, { unit: { code: u.code, name: u.name }, area: null, ...emptyFigures() });
  const rowAreas = new Map<string, Set<Annex7Area>>();
  for (const c of g.communes) {
    const f = perCommune.get(c.code) ?? emptyFigures();
    f.residentHouseholds = residentsOf.get(c.code) ?? null;
    const child = g.childOf(c);
    const row = child ? rows.get(child.code) : undefined;
    if (row) {
      addFigures(row, f);
      const set = rowAreas.get(row.unit.code) ?? new Set();
      set.add(areaOf(c));
      rowAreas.set(row.unit.code, set);
    }
    const area = areas.get(areaOf(c)) ?? emptyFigures();
    addFigures(area, f);
    areas.set(areaOf(c), area);
    addFigures(total, f);
  }
  if (g.communes.length === 0) total.residentHouseholds = null;
  for (const row of rows.values()) {
    const set = rowAreas.get(row.unit.code);
    row.area = set && set.size === 1 ? [...set][0]! : null;
    if (!set) row.residentHouseholds = null;
  }
  return {
    unit: { code: g.unit.code, name: g.unit.name },
    period,
    rows: [...rows.values()],
    areas: AREA_ORDER.filter((a) => areas.has(a)).map((a) => ({ area: a, ...areas.get(a)! })),
    total,
  };
}

/** The recognised commune versions of the period, as `code|validFrom`. */
async function recognisedOf(deps: Deps, provinceCode: string, period: number): Promise<Set<string>> {
  const rows = await recognisedCommunes(deps.db.kysely, { provinceCode, periods: [period] });
  return new Set(rows.map((r) => `${r.commune_code}|${r.commune_valid_from}`));
}

export async function reportAnnex7(deps: Deps, actor: Actor, input: Annex7Input): Promise<Annex7> {
  requirePermission(actor, 'registry.read');
  const on = checkPeriod(input.period, input.unitsOn);
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.unitCode);
  const g = await regroupingOn(deps, input.unitCode, on);
  const cells = await annex7Cells(db, {
    provinceCode: g.unit.province_code,
    period: input.period,
    indicators: ANNEX7_INDICATORS,
  });
  const recognised = await recognisedOf(deps, g.unit.province_code, input.period);
  return assembleAnnex7(deps, g, input.period, cells, recognised);
}

/** The same tables counted from the results (benchmark and tests only; no permission check). */
export async function annex7FromScratch(deps: Deps, input: Annex7Input): Promise<Annex7> {
  const on = checkPeriod(input.period, input.unitsOn);
  const g = await regroupingOn(deps, input.unitCode, on);
  const cells = await annex7CellsFromScratch(deps.db.kysely, {
    provinceCode: g.unit.province_code,
    period: input.period,
    groups: HOUSEHOLD_GROUPS,
    indicators: INDICATOR_KEYS,
  });
  const recognised = await recognisedOf(deps, g.unit.province_code, input.period);
  return assembleAnnex7(deps, g, input.period, cells, recognised);
}
