// Targets per unit × year (poor households to reduce, poor-rate points, near-poor, free-form) and
// their progress: baseline = the recognised (approved) results of the previous year's review;
// progress = the recognised results of the target year; forecast = the current (draft) review.
import { AppError } from '../../errors.js';
import {
  TARGET_KINDS,
  TARGET_KIND_LABELS,
  targetProgress,
  totalOfRows,
  residentRatePercent,
  type OutcomeKind,
  type RegistryCounts,
  type TargetKind,
  type TargetProgress,
} from '../../domain/finance/targets.js';
import {
  findTarget,
  insertTarget,
  listTargetRows,
  registryCountsByUnit,
  registryCellsOfUnits,
  transitionCellsOfUnits,
  hasUnrecognisedResults,
  previousClassesOfReviewed,
  updateTargetValue,
  type TargetRecord,
} from '../../db/repositories/finance.repository.js';
import { transitionKeyParser } from '../../domain/registry/balance.js';
import { listUnitsOn, type UnitRecord } from '../../db/repositories/units.repository.js';
import { regroupingOn, unitsOfProvinceOn } from '../registry/regroup.js';
import { residentFigures } from '../registry/residents.service.js';
import type { Executor } from '../../db/repositories/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { optText, reqEnum, reqText, reqYear, unitOn, unitsCovered } from './common.js';

export interface TargetInput {
  unitCode?: unknown;
  year?: unknown;
  kind?: unknown;
  value?: unknown;
  label?: unknown;
  note?: unknown;
}

export interface TargetView {
  id: number;
  unitCode: string;
  year: number;
  kind: TargetKind;
  kindLabel: string;
  value: number;
  label: string | null;
  note: string | null;
}

const view = (t: TargetRecord): TargetView => ({
  id: t.id,
  unitCode: t.unit_code,
  year: t.year,
  kind: t.kind as TargetKind,
  kindLabel: TARGET_KIND_LABELS[t.kind as TargetKind]?.vi ?? t.kind,
  value: t.value,
  label: t.label,
  note: t.note,
});

/** Sets a target; a measured kind has one value per unit and year (setting it again edits it, audited). */
export async function setTarget(deps: Deps, actor: Actor, input: TargetInput): Promise<TargetView> {
  requirePermission(actor, 'finance.plan');
  const db = deps.db.kysely;
  const year = reqYear(deps, input.year);
  const kind = reqEnum(input.kind, TARGET_KINDS, 'kind');
  const value = typeof input.value === 'string' ? Number(input.value.replace(',', '.')) : input.value;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (kind !== 'poor-rate-reduction' && kind !== 'free' && !Number.isInteger(value))
  ) {
    throw new AppError('FIELD_INVALID', { field: 'value', detail: String(input.value) }, { field: 'value' });
  }
  const unit = await unitOn(db, input.unitCode, `${year}-01-01`);
  await requireUnitAccess(db, actor, unit.code);
  const label = kind === 'free' ? reqText(input.label, 'label', 500) : optText(input.label, 'label', 500);
  const note = optText(input.note, 'note');
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const existing = kind === 'free' ? undefined : await findTarget(trx, unit.code, year, kind);
    if (existing) {
      await updateTargetValue(trx, existing.id, value, note);
      const after = { ...existing, value, note };
      await insertAudit(trx, {
        at,
        actorId: actorId(actor),
        actor: actorName(actor),
        action: 'update',
        entity: 'finance_target',
        entityId: String(existing.id),
        unitCode: unit.code,
        provinceCode: unit.province_code,
        before: existing,
        after,
      });
      return view(after);
    }
    const row = await insertTarget(trx, {
      province_code: unit.province_code,
      unit_code: unit.code,
      year,
      kind,
      value,
      label,
      note,
      created_at: at,
      created_by: actorName(actor),
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'create',
      entity: 'finance_target',
      entityId: String(row.id),
      unitCode: unit.code,
      provinceCode: unit.province_code,
      after: row,
    });
    return view(row);
  });
}

/**
 * Where the standings' counts come from. `kept`: the registry's kept aggregates (the household
 * cells and the transition cells, read once for every unit of the report); `scratch`: the same
 * figures by reading the results (the check of the kept way, and its benchmark baseline).
 */
interface CountSource {
  /** Counts of the units' results of a period and status; null when no cell exists. */
  counts(period: number, status: string, codes: readonly string[]): Promise<RegistryCounts | null>;
  /** The recognised class in `period − 1` of the households with a result of `period` in `statuses`. */
  previous(period: number, statuses: readonly string[], codes: readonly string[]): Promise<RegistryCounts>;
}

function scratchSource(db: Executor): CountSource {
  return {
    async counts(period, status, codes) {
      const rows = await registryCountsByUnit(db, period, status, codes);
      return rows.length === 0 ? null : tally(rows);
    },
    async previous(period, statuses, codes) {
      return tally(await previousClassesOfReviewed(db, period, statuses, codes));
    },
  };
}

async function keptSource(
  db: Executor,
  provinceCode: string,
  year: number,
  codes: readonly string[],
): Promise<CountSource> {
  const cells = await registryCellsOfUnits(db, provinceCode, [year - 1, year], codes);
  // The transition key holds the previous result's class whatever its status; the previous
  // recognised class is that class only when every result of the year before is recognised.
  // Otherwise (a review of year − 1 still open) the join of the results answers, as before.
  const unrecognisedBefore = await hasUnrecognisedResults(db, provinceCode, year - 1);
  const transitions = unrecognisedBefore ? [] : await transitionCellsOfUnits(db, provinceCode, year, codes);
  const scratch = scratchSource(db);
  // Indexed once by unit, so that each of the report's ~30 standings reads only its units' cells.
  const cellsOf = new Map<string, { classification: string; n: number }[]>();
  for (const c of cells) {
    const k = `${c.period}|${c.status}|${c.unitCode}`;
    const list = cellsOf.get(k);
    if (list) list.push(c);
    else cellsOf.set(k, [c]);
  }
  // Summed per unit × status × class of the year before: a handful of sums per unit, whatever the
  // number of transition keys (each parsed once).
  const parse = transitionKeyParser();
  const sums = new Map<string, Map<string, { status: string; classification: string; n: number }>>();
  for (const t of transitions) {
    const key = parse(t.indicator);
    // No unit: no result the year before (`from:NONE|||…`), which the join does not count
    // either. A result classed NONE (not poor) the year before has its unit and counts.
    if (!key || key.previousUnitCode === '') continue;
    let ofUnit = sums.get(t.unit_code);
    if (!ofUnit) sums.set(t.unit_code, (ofUnit = new Map()));
    const k = `${t.status}|${key.previousClass}`;
    const cur = ofUnit.get(k);
    if (cur) cur.n += t.n;
    else ofUnit.set(k, { status: t.status, classification: key.previousClass, n: t.n });
  }
  const previousOf = new Map([...sums].map(([unit, m]) => [unit, [...m.values()]]));
  return {
    async counts(period, status, wanted) {
      const rows: { classification: string; n: number }[] = [];
      for (const code of new Set(wanted)) rows.push(...(cellsOf.get(`${period}|${status}|${code}`) ?? []));
      return rows.length === 0 ? null : tally(rows);
    },
    async previous(period, statuses, wanted) {
      if (unrecognisedBefore || period !== year) return scratch.previous(period, statuses, wanted);
      const rows: { classification: string; n: number }[] = [];
      for (const code of new Set(wanted))
        for (const t of previousOf.get(code) ?? []) if (statuses.includes(t.status)) rows.push(t);
      return tally(rows);
    },
  };
}

export interface UnitStanding {
  unitCode: string;
  unitName: string;
  baseline: RegistryCounts | null;
  /** The whole unit after the recognised results of the year (households not reviewed yet at their old class). */
  recognised: RegistryCounts | null;
  /** The same with the current review's draft results too: the forecast. */
  review: RegistryCounts | null;
  /**
   * Tổng số hộ dân cư of the year before and of the year: the denominators of the rates (null when
   * not entered for every commune of the row — the rates are then null too, never over the surveyed).
   */
  baselineResidentHouseholds: number | null;
  residentHouseholds: number | null;
  /** Poverty rates in percent over the resident households of their year. */
  baselineRate: number | null;
  recognisedRate: number | null;
  reviewRate: number | null;
  /** What the ward table counts: the recognised results, else the review's forecast. */
  outcome: RegistryCounts | null;
  outcomeKind: OutcomeKind | null;
  /** Poor households fewer than the baseline (recognised, else forecast from the review). */
  poorReduced: number | null;
  /** The unit's own target of poor households to reduce, when one is set. */
  poorReductionTarget: number | null;
}

export interface TargetsReport {
  unitCode: string;
  year: number;
  targets: (TargetView & { progress: TargetProgress; forecast: TargetProgress })[];
  /** Where the unit and each unit under it stand. */
  total: UnitStanding;
  children: UnitStanding[];
  /**
   * Results held under codes of the unit that are not among `children` (the unit's own code, a
   * commune that existed only part of the year), shown as a row of their own; null when none.
   */
  rest: UnitStanding | null;
  /** The ward table's total row: the sum of `children` and `rest` (src/domain/finance/targets.ts). */
  totalRow: ReturnType<typeof totalOfRows>;
}

function tally(rows: readonly { classification: string; n: number }[]): RegistryCounts {
  const c = { households: 0, poor: 0, nearPoor: 0 };
  for (const r of rows) {
    c.households += r.n;
    if (r.classification === 'POOR') c.poor += r.n;
    if (r.classification === 'NEAR_POOR') c.nearPoor += r.n;
  }
  return c;
}

/**
 * The whole unit after the households reviewed so far: the baseline, with each reviewed household
 * moved from its old class to its new one (households not reviewed yet keep their old class;
 * households new to the registry add to their class).
 */
function carried(baseline: RegistryCounts, before: RegistryCounts, after: RegistryCounts): RegistryCounts {
  return {
    households: baseline.households - before.households + after.households,
    poor: baseline.poor - before.poor + after.poor,
    nearPoor: baseline.nearPoor - before.nearPoor + after.nearPoor,
  };
}

interface Residents {
  baseline: number | null;
  year: number | null;
}

async function standing(
  src: CountSource,
  code: string,
  name: string,
  codes: readonly string[],
  year: number,
  residents: Residents,
): Promise<UnitStanding> {
  const baseline = await src.counts(year - 1, 'approved', codes);
  const approved = await src.counts(year, 'approved', codes);
  const draft = await src.counts(year, 'draft', codes);
  const reviewedAll =
    draft && approved
      ? {
          households: draft.households + approved.households,
          poor: draft.poor + approved.poor,
          nearPoor: draft.nearPoor + approved.nearPoor,
        }
      : (draft ?? approved);
  let recognised = approved;
  let review = reviewedAll;
  if (baseline) {
    if (approved) recognised = carried(baseline, await src.previous(year, ['approved'], codes), approved);
    if (reviewedAll)
      review = carried(baseline, await src.previous(year, ['approved', 'draft'], codes), reviewedAll);
  }
  const rate = (c: RegistryCounts | null, of: number | null) => (c ? residentRatePercent(c.poor, of) : null);
  const outcome = recognised ?? review;
  return {
    unitCode: code,
    unitName: name,
    baseline,
    recognised,
    review,
    baselineResidentHouseholds: residents.baseline,
    residentHouseholds: residents.year,
    baselineRate: rate(baseline, residents.baseline),
    recognisedRate: rate(recognised, residents.year),
    reviewRate: rate(review, residents.year),
    outcome,
    outcomeKind: recognised ? 'recognised' : review ? 'forecast' : null,
    poorReduced: baseline && outcome ? baseline.poor - outcome.poor : null,
    poorReductionTarget: null,
  };
}

/**
 * The targets of a unit for a year with progress and forecast, and where each unit under it stands,
 * from the kept aggregates (`fromScratch`: the same report by reading the results, for its check
 * and benchmark baseline).
 */
export async function targetsReport(
  deps: Deps,
  actor: Actor,
  q: { unitCode: unknown; year: unknown },
  opts: { fromScratch?: boolean } = {},
): Promise<TargetsReport> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const year = reqYear(deps, q.year);
  const unitCode = reqText(q.unitCode, 'unit', 10);
  await requireUnitAccess(db, actor, unitCode);
  const covered = await unitsCovered(db, unitCode, year);
  const unit = covered.unit;
  const targets = await listTargetRows(db, year, [unit.code]);
  const childUnits = await listUnitsOn(db, { date: `${year}-06-30`, parentCode: unit.code });
  // Results are filed under communes: a district under the unit (a province's report) counts its
  // communes' results, and the province counts them all. The districts' communes come from one
  // read of the province's units on the date (reference data, cached per process), not one per district.
  const under = new Map<string, string[]>();
  const byParent = new Map<string, string[]>();
  if (childUnits.some((c) => c.level === 'district'))
    for (const u of await unitsOfProvinceOn(deps, unit.province_code, `${year}-06-30`))
      if (u.parent_code) byParent.set(u.parent_code, [...(byParent.get(u.parent_code) ?? []), u.code]);
  for (const child of childUnits)
    under.set(child.code, [
      child.code,
      ...(child.level === 'district' ? (byParent.get(child.code) ?? []) : []),
    ]);
  const codes = [...new Set([...covered.codes, ...[...under.values()].flat()])];
  const src = opts.fromScratch ? scratchSource(db) : await keptSource(db, unit.province_code, year, codes);
  const residents = await residentsOfYears(deps, unit, year);
  const residentsOf = (key: string | null): Residents =>
    key === null
      ? { baseline: residents.baseline.total, year: residents.year.total }
      : {
          baseline: residents.baseline.byChild.get(key) ?? null,
          year: residents.year.byChild.get(key) ?? null,
        };
  const total = await standing(src, unit.code, unit.name, codes, year, residentsOf(null));
  const forecastOutcome = total.review;
  const children: UnitStanding[] = [];
  const childTargets = await listTargetRows(
    db,
    year,
    childUnits.map((c) => c.code),
  );
  for (const child of childUnits) {
    const own = childTargets.find((t) => t.unit_code === child.code && t.kind === 'poor-reduction');
    children.push({
      ...(await standing(src, child.code, child.name, under.get(child.code)!, year, residentsOf(child.code))),
      poorReductionTarget: own?.value ?? null,
    });
  }
  const shown = new Set([...under.values()].flat());
  const restCodes = codes.filter((c) => !shown.has(c));
  let rest: UnitStanding | null =
    childUnits.length > 0 && restCodes.length > 0
      ? // Households filed outside the units shown have no resident figure of their own.
        await standing(src, unit.code, unit.name, restCodes, year, { baseline: null, year: null })
      : null;
  if (rest && !rest.baseline && !rest.outcome) rest = null;
  // Without units under it, the unit is its own only row.
  const rows = childUnits.length > 0 ? [...children, ...(rest ? [rest] : [])] : [total];
  const residentPair = { baseline: total.baselineResidentHouseholds, outcome: total.residentHouseholds };
  const ownTarget = targets.find((t) => t.kind === 'poor-reduction');
  total.poorReductionTarget = ownTarget?.value ?? null;
  return {
    unitCode: unit.code,
    year,
    targets: targets.map((t) => {
      const v = view(t);
      return {
        ...v,
        progress: targetProgress(v, total.baseline, total.recognised, residentPair),
        forecast: targetProgress(v, total.baseline, forecastOutcome, residentPair),
      };
    }),
    total,
    children,
    rest,
    totalRow: totalOfRows(rows),
  };
}

/**
 * The resident households of the year before and of the year for the unit and each unit under it,
 * regrouped on the day the ward table lists its units (30 June of the year, or the unit's last day
 * when it ended before; its first day when it began after), as `report summary` reads them.
 */
async function residentsOfYears(deps: Deps, unit: UnitRecord, year: number) {
  let on = `${year}-06-30`;
  if (unit.valid_to && unit.valid_to < on) on = unit.valid_to;
  if (unit.valid_from && unit.valid_from > on) on = unit.valid_from;
  const g = await regroupingOn(deps, unit.code, on);
  return { baseline: await residentFigures(deps, g, year - 1), year: await residentFigures(deps, g, year) };
}
