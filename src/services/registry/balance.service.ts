// `report balance` (issue 12): the year's balance of poor and near-poor households of a unit and
// each child unit, from the kept aggregates (the households per class of P−1 and P, and the
// transition cells of P; never a scan of the results). Recognised figures only: a cell counts when
// its commune's periodic review of that period is recognised (Mẫu 02 signed), so a draft edit never
// changes the balance. Terms and edge cases: docs/decisions/0021-official-reports.md.
import { AppError } from '../../errors.js';
import { isIsoDate } from '../../domain/dates.js';
import {
  closeBalance,
  emptyTerms,
  transitionKeyParser,
  transitionTerms,
  type BalanceClass,
  type BalanceTerms,
} from '../../domain/registry/balance.js';
import {
  balanceCells,
  recognisedCommunes,
  type BalanceCell,
} from '../../db/repositories/reports.repository.js';
import type { UnitRecord } from '../../db/repositories/units.repository.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import type { Actor, Deps } from '../deps.js';
import { regroupingOn, type Regrouping } from './regroup.js';
import { residentFigures } from './residents.service.js';

export interface BalanceRow {
  unit: { code: string; name: string };
  residentHouseholds: number | null;
  poor: BalanceTerms;
  nearPoor: BalanceTerms;
}

export interface Balance {
  unit: { code: string; name: string };
  period: number;
  rows: BalanceRow[];
  total: { residentHouseholds: number | null; poor: BalanceTerms; nearPoor: BalanceTerms };
}

export interface BalanceInput {
  period: number;
  unitCode: string;
  unitsOn?: string;
}

const CLASSES: [BalanceClass, 'poor' | 'nearPoor'][] = [
  ['POOR', 'poor'],
  ['NEAR_POOR', 'nearPoor'],
];

interface Tally {
  poor: BalanceTerms;
  nearPoor: BalanceTerms;
  stayed: { poor: number; nearPoor: number };
}
const emptyTally = (): Tally => ({
  poor: emptyTerms(),
  nearPoor: emptyTerms(),
  stayed: { poor: 0, nearPoor: 0 },
});

export function checkPeriod(period: number, unitsOn: string | undefined): string {
  if (!Number.isInteger(period) || period < 2000 || period > 2100)
    throw new AppError('FIELD_INVALID', { field: 'period', detail: String(period) }, { field: 'period' });
  const on = unitsOn ?? `${period}-12-31`;
  if (!isIsoDate(on))
    throw new AppError('DATE_INVALID', { field: 'unitsOn', value: on }, { field: 'unitsOn' });
  return on;
}

/** The balance from the cells (kept, or computed from scratch for the benchmark). */
export async function balanceOfCells(
  g: Regrouping,
  period: number,
  cells: readonly BalanceCell[],
  recognised: ReadonlySet<string>,
): Promise<{ rows: Map<string, Tally>; total: Tally }> {
  const rows = new Map<string, Tally>();
  const total = emptyTally();
  const tallyOf = (code: string) => {
    let t = rows.get(code);
    if (!t) rows.set(code, (t = emptyTally()));
    return t;
  };
  // A few hundred commune versions behind thousands of cells: each is landed once, before the
  // cells are tallied without waiting.
  const landed = new Map<string, UnitRecord | undefined>();
  const parse = transitionKeyParser();
  const keys = cells.map((c) => (c.indicator === '' ? undefined : parse(c.indicator)));
  const versions = new Map<string, [string, string]>();
  cells.forEach((c, i) => {
    versions.set(`${c.unit_code}|${c.unit_valid_from}`, [c.unit_code, c.unit_valid_from]);
    const k = keys[i];
    if (k)
      versions.set(`${k.previousUnitCode}|${k.previousUnitValidFrom}`, [
        k.previousUnitCode,
        k.previousUnitValidFrom,
      ]);
  });
  for (const [key, [code, validFrom]] of versions) {
    const commune = await g.landing(code, validFrom);
    landed.set(key, commune ? g.childOf(commune) : undefined);
  }
  const rowOf = (code: string, validFrom: string) => landed.get(`${code}|${validFrom}`);
  for (let i = 0; i < cells.length; i += 1) {
    const c = cells[i]!;
    if (!recognised.has(`${c.unit_code}|${c.unit_valid_from}|${c.period}`)) {
      // A result of P whose commune has not recognised P yet: until its decision, the household
      // stays on the list in force (the recognised one of P−1), in the unit it was recognised in.
      const k = c.period === period ? keys[i] : undefined;
      if (!k || !recognised.has(`${k.previousUnitCode}|${k.previousUnitValidFrom}|${period - 1}`)) continue;
      const prevRow = rowOf(k.previousUnitCode, k.previousUnitValidFrom);
      if (!prevRow) continue;
      for (const [cls, key] of CLASSES)
        if (k.previousClass === cls)
          for (const t of [tallyOf(prevRow.code), total]) {
            t[key].end += c.n;
            t.stayed[key] += c.n;
          }
      continue;
    }
    const row = rowOf(c.unit_code, c.unit_valid_from);
    if (c.indicator === '') {
      if (!row) continue;
      const side = c.period === period ? 'end' : 'start';
      for (const [cls, key] of CLASSES)
        if (c.classification === cls) {
          tallyOf(row.code)[key][side] += c.n;
          total[key][side] += c.n;
        }
      continue;
    }
    const k = keys[i];
    if (!k) continue;
    // A household neither poor nor near-poor in P and before it is in no balance.
    if (!IN_BALANCE.has(c.classification) && !IN_BALANCE.has(k.previousClass)) continue;
    const prevRecognised =
      k.previousClass !== 'NONE' &&
      recognised.has(`${k.previousUnitCode}|${k.previousUnitValidFrom}|${period - 1}`);
    const prevRow = prevRecognised ? rowOf(k.previousUnitCode, k.previousUnitValidFrom) : undefined;
    const previousClass = prevRecognised ? k.previousClass : 'NONE';
    if (!row && !prevRow) continue;
    for (const [cls, key] of CLASSES) {
      // A household of class `cls` before P−1, or in an unrecognised P−1 result, returns to it.
      const classBefore =
        (cls === 'POOR' ? k.poorBefore : k.nearPoorOrPoorBefore) ||
        (!prevRecognised && (k.previousClass === cls || (cls === 'NEAR_POOR' && k.previousClass === 'POOR')));
      const move = { cls, key, currentClass: c.classification, previousClass, classBefore, n: c.n };
      const sameRow = row !== undefined && prevRow !== undefined && row.code === prevRow.code;
      if (row) applyTransition(tallyOf(row.code), move, sameRow, true, sameRow);
      if (prevRow && !sameRow) applyTransition(tallyOf(prevRow.code), move, false, false, true);
      // The unit as a whole: a move between two of its children is no move.
      applyTransition(
        total,
        move,
        row !== undefined && prevRow !== undefined,
        row !== undefined,
        prevRow !== undefined,
      );
    }
  }
  return { rows, total };
}

const IN_BALANCE = new Set<string>(CLASSES.map(([cls]) => cls));

/** Adds one transition cell's terms of one class to a tally (the unit it counts in now, before, or the total). */
function applyTransition(
  target: Tally,
  m: {
    cls: BalanceClass;
    key: 'poor' | 'nearPoor';
    currentClass: string;
    previousClass: string;
    classBefore: boolean;
    n: number;
  },
  sameUnit: boolean,
  current: boolean,
  previous: boolean,
): void {
  const t = transitionTerms(m.cls, {
    currentClass: m.currentClass,
    previousClass: m.previousClass,
    sameUnit,
    classBefore: m.classBefore,
  });
  if (current) for (const term of t.current) target[m.key][term] += m.n;
  if (previous) for (const term of t.previous) target[m.key][term] += m.n;
  if (sameUnit && m.previousClass === m.cls && m.currentClass === m.cls && current)
    target.stayed[m.key] += m.n;
}

function close(t: Tally): { poor: BalanceTerms; nearPoor: BalanceTerms } {
  return { poor: closeBalance(t.poor, t.stayed.poor), nearPoor: closeBalance(t.nearPoor, t.stayed.nearPoor) };
}

/** The recognised commune versions of P−1 and P, as `code|validFrom|period`. */
export async function recognisedSet(deps: Deps, provinceCode: string, period: number): Promise<Set<string>> {
  const rows = await recognisedCommunes(deps.db.kysely, { provinceCode, periods: [period - 1, period] });
  return new Set(rows.map((r) => `${r.commune_code}|${r.commune_valid_from}|${Number(r.period)}`));
}

export async function assembleBalance(
  deps: Deps,
  g: Regrouping,
  period: number,
  tallies: { rows: Map<string, Tally>; total: Tally },
): Promise<Balance> {
  const residents = await residentFigures(deps, g, period);
  const rowUnits = g.unit.level === 'commune' ? [g.unit] : g.children;
  const rows = rowUnits.map((u) => ({
    unit: { code: u.code, name: u.name },
    residentHouseholds:
      g.unit.level === 'commune' ? residents.total : (residents.byChild.get(u.code) ?? null),
    ...close(tallies.rows.get(u.code) ?? emptyTally()),
  }));
  const total = close(tallies.total);
  // The total is the unit's own balance: a move between two of its rows is no move for it.
  return {
    unit: { code: g.unit.code, name: g.unit.name },
    period,
    rows,
    total: { residentHouseholds: residents.total, ...total },
  };
}

export async function reportBalance(deps: Deps, actor: Actor, input: BalanceInput): Promise<Balance> {
  requirePermission(actor, 'registry.read');
  const on = checkPeriod(input.period, input.unitsOn);
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.unitCode);
  const g = await regroupingOn(deps, input.unitCode, on);
  const cells = await balanceCells(db, { provinceCode: g.unit.province_code, period: input.period });
  const recognised = await recognisedSet(deps, g.unit.province_code, input.period);
  return assembleBalance(deps, g, input.period, await balanceOfCells(g, input.period, cells, recognised));
}
