// Matching households to projects and recording the support they receive. Profiles are built from
// the registry (class, deprivations, movement, members' ages, employment, disability, child
// nutrition) plus land/livestock traits; the rules themselves are data (domain/finance/matching-rules).
import { AppError } from '../../errors.js';
import { ageOn } from '../../domain/dates.js';
import { decodeAnswers } from '../../domain/survey/compact.js';
import { isWorkingAge } from '../../domain/classification/working-age.js';
import { parseAmount } from '../../domain/finance/ledger.js';
import {
  matchHousehold,
  parseProfile,
  validateRules,
  type HouseholdProfile,
  type MatchComponent,
  type MatchResult,
  type MatchRule,
  type MemberProfile,
} from '../../domain/finance/matching.js';
import { MATCH_RULES_QD90 } from '../../domain/finance/matching-rules.js';
import {
  findAllocation,
  findDisbursement,
  findProgramForYear,
  insertSupport,
  listComponentRows,
  listMatchCandidates,
  listMembersOfHouseholds,
  listSupportOfHousehold,
  sumSupportOfDisbursement,
  type SupportRecord,
} from '../../db/repositories/finance.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { inScope, isWithinScope, requirePermission, requireUnitAccess } from '../access.js';
import { personalDataFor } from '../personal-data.js';
import {
  findHouseholdByKey,
  findHouseholdsByKey,
  listResults,
} from '../../db/repositories/registry.repository.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { resolveComponent } from './programs.service.js';
import { reqDate, reqId, reqText, reqYear, unitOn, unitsCovered } from './common.js';

/**
 * Review periods a household counts as "recently exited" after leaving poverty (the exit year and
 * the two after it: 36 months, the product's reading — regulations.md, open question 5).
 */
export const RECENTLY_EXITED_PERIODS = 3;

/** The matching rules of each program; a program without rules yields eligibility only. */
export const MATCH_RULES: Record<string, readonly MatchRule[]> = { QD90_2021_2025: MATCH_RULES_QD90 };

async function catalogueFor(db: Executor, year: number) {
  const program = await findProgramForYear(db, year);
  if (!program) throw new AppError('PROGRAM_NOT_FOUND', { code: '—', year }, { field: 'year' });
  const components: MatchComponent[] = (await listComponentRows(db, Number(program.id)))
    .filter((c) => c.active === 1)
    .map((c) => ({
      code: c.code,
      parentCode: c.parent_code,
      name: c.name,
      nameEn: c.name_en,
      needsPoorDistrict: c.needs_poor_district === 1,
      needsCoastalCommune: c.needs_coastal_commune === 1,
    }));
  return { program, components, rules: MATCH_RULES[program.code] ?? [] };
}

export interface RulesView {
  programCode: string;
  rules: readonly MatchRule[];
  problems: ReturnType<typeof validateRules>;
}

/** The rules in force for a year, as the officer reads them, with any inconsistency with the catalogue. */
export async function matchingRules(deps: Deps, year: unknown): Promise<RulesView> {
  const { program, components, rules } = await catalogueFor(deps.db.kysely, reqYear(deps, year));
  return {
    programCode: program.code,
    rules,
    problems: validateRules(
      rules,
      components.map((c) => c.code),
    ),
  };
}

/** Matches a profile given directly (what-if, or a household not yet in the registry). */
export async function matchProfile(
  deps: Deps,
  actor: Actor,
  year: unknown,
  profile: unknown,
): Promise<MatchResult> {
  requirePermission(actor, 'finance.read');
  const checked = parseProfile(profile);
  const { components, rules } = await catalogueFor(deps.db.kysely, reqYear(deps, year));
  return matchHousehold(checked, components, rules);
}

const VOCATIONAL = new Set(['vocational-elementary', 'vocational-intermediate', 'college', 'university']);

type Candidate = Awaited<ReturnType<typeof listMatchCandidates>>[number];
type MemberRowOf = Awaited<ReturnType<typeof listMembersOfHouseholds>>[number];

/** A registry household and its result of the period as a matching profile. */
export function profileOf(c: Candidate, members: readonly MemberRowOf[]): HouseholdProfile {
  const on = c.survey_date;
  let answers: {
    traits?: { farmland?: boolean; livestockCapacity?: boolean };
    poorDistrict?: boolean;
    coastalCommune?: boolean;
  } = {};
  try {
    // The household's own answers (traits, district, coast): none of them is left to the rows.
    answers = decodeAnswers(c.answers, 'without-rows') as typeof answers;
  } catch {
    answers = {};
  }
  const status: HouseholdProfile['status'] =
    c.classification === 'POOR'
      ? 'poor'
      : c.classification === 'NEAR_POOR'
        ? 'near-poor'
        : c.exited_recently
          ? 'recently-exited'
          : 'other';
  return {
    householdKey: c.household_key,
    status,
    deprivations: c.deprivations ? c.deprivations.split(',') : [],
    members: members.map((m): MemberProfile => {
      const d = m.data;
      const sex = m.sex === 'F' ? 'F' : 'M';
      const disability =
        typeof d.disability === 'string' && ['mild', 'severe', 'extremely-severe'].includes(d.disability)
          ? (d.disability as MemberProfile['disability'])
          : 'none';
      return {
        age: ageOn(m.birth_date, on),
        workingAge: isWorkingAge({ birthDate: m.birth_date, sex }, on),
        employment: typeof d.employment === 'string' ? d.employment : null,
        disability,
        vocationalTraining: typeof d.education === 'string' && VOCATIONAL.has(d.education),
        pregnantOrBreastfeeding: d.pregnantOrBreastfeeding === true,
        stunted: d.stunted === true,
        underweight: d.underweight === true,
      };
    }),
    traits: {
      farmland: answers.traits?.farmland === true,
      livestockCapacity: answers.traits?.livestockCapacity === true,
    },
    area: { poorDistrict: answers.poorDistrict === true, coastalCommune: answers.coastalCommune === true },
  };
}

/** The newest period with a result of the household of that key the actor may read. */
async function latestPeriodOf(db: Executor, actor: Actor, key: string): Promise<number> {
  let latest: number | null = null;
  for (const h of await findHouseholdsByKey(db, key)) {
    if (!(await isWithinScope(db, actor, h.commune_code))) continue;
    for (const r of await listResults(db, h.province_code, h.id))
      if (latest === null || r.period > latest) latest = r.period;
  }
  if (latest === null) throw new AppError('HOUSEHOLD_NOT_FOUND', { id: key }, { field: 'householdKey' });
  return latest;
}

export interface HouseholdMatch extends MatchResult {
  /** The review period the suggestions were made from. */
  period: number;
  unitCode: string;
  headName: string;
  classification: string;
  movement: string;
}

/**
 * Suggestions for one household of the registry, from its result of `period` (without one: its
 * latest result, so the screen opens on the newest period that has data for the household).
 */
export async function suggestForHousehold(
  deps: Deps,
  actor: Actor,
  q: { householdKey: unknown; period?: unknown; traits?: HouseholdProfile['traits'] },
): Promise<HouseholdMatch> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const key = reqText(q.householdKey, 'householdKey', 60);
  const period =
    q.period === undefined || q.period === ''
      ? await latestPeriodOf(db, actor, key)
      : reqYear(deps, q.period, 'period');
  // A key is unique within a province: the household of that key the reader may see, by its
  // own commune; one out of scope is answered as missing.
  const notFound = () =>
    new AppError('HOUSEHOLD_NOT_FOUND', { id: `${key} (${period})` }, { field: 'householdKey' });
  let c: Candidate | undefined;
  for (const x of await listMatchCandidates(db, {
    period,
    householdKey: key,
    exitWindow: RECENTLY_EXITED_PERIODS,
  })) {
    if (await isWithinScope(db, actor, x.commune_code)) {
      c = x;
      break;
    }
  }
  c = await inScope(db, actor, c, (x) => x.commune_code, notFound);
  const pd = personalDataFor(actor);
  const { components, rules } = await catalogueFor(db, period);
  const profile = profileOf(c, await listMembersOfHouseholds(db, [c.id]));
  if (q.traits) profile.traits = { ...profile.traits, ...q.traits };
  return {
    ...matchHousehold(profile, components, rules),
    period,
    unitCode: c.unit_code,
    headName: pd.name(c.head_name),
    classification: c.classification,
    movement: c.movement,
  };
}

export interface UnitMatchSummary {
  unitCode: string;
  period: number;
  households: number;
  /** Households whose best suggestion is the component, per component. */
  firstChoice: Record<string, number>;
  /** Households for which the component is suggested at all. */
  suggested: Record<string, number>;
  items: HouseholdMatch[];
}

/** Suggestions for every targeted household of a unit (poor, near-poor, exited this period). */
export async function suggestForUnit(
  deps: Deps,
  actor: Actor,
  q: { unitCode: unknown; period: unknown },
): Promise<UnitMatchSummary> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const period = reqYear(deps, q.period, 'period');
  const unitCode = reqText(q.unitCode, 'unit', 10);
  await requireUnitAccess(db, actor, unitCode);
  const { codes } = await unitsCovered(db, unitCode, period);
  const { components, rules } = await catalogueFor(db, period);
  const candidates = await listMatchCandidates(db, {
    period,
    unitCodes: codes,
    exitWindow: RECENTLY_EXITED_PERIODS,
  });
  const members = await listMembersOfHouseholds(
    db,
    candidates.map((c) => c.id),
  );
  const pd = personalDataFor(actor);
  const byHousehold = new Map<number, MemberRowOf[]>();
  for (const m of members) byHousehold.set(m.household_id, [...(byHousehold.get(m.household_id) ?? []), m]);
  const items: HouseholdMatch[] = [];
  const firstChoice: Record<string, number> = {};
  const suggested: Record<string, number> = {};
  for (const c of candidates) {
    const r = matchHousehold(profileOf(c, byHousehold.get(c.id) ?? []), components, rules);
    items.push({
      ...r,
      period,
      unitCode: c.unit_code,
      headName: pd.name(c.head_name),
      classification: c.classification,
      movement: c.movement,
    });
    const first = r.suggestions[0];
    if (first) firstChoice[first.code] = (firstChoice[first.code] ?? 0) + 1;
    for (const s of r.suggestions) suggested[s.code] = (suggested[s.code] ?? 0) + 1;
  }
  return { unitCode, period, households: candidates.length, firstChoice, suggested, items };
}

export interface SupportInput {
  householdKey?: unknown;
  unitCode?: unknown;
  componentCode?: unknown;
  disbursementId?: unknown;
  date?: unknown;
  amount?: unknown;
  description?: unknown;
}

/**
 * Records support given to a household: its project, date, amount and description, linked to the
 * disbursement that paid for it (whose amount the support of all households may not exceed).
 */
export async function recordSupport(deps: Deps, actor: Actor, input: SupportInput): Promise<SupportRecord> {
  requirePermission(actor, 'finance.support');
  const db = deps.db.kysely;
  const householdKey = reqText(input.householdKey, 'householdKey', 60);
  const date = reqDate(input.date, 'date');
  const amount = parseAmount(input.amount, 'amount');
  const description = reqText(input.description, 'description', 1000);
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    let componentId: number;
    let provinceCode: string;
    let unitCode: string;
    let disbursementId: number | null = null;
    if (input.disbursementId !== undefined && input.disbursementId !== null && input.disbursementId !== '') {
      const id = reqId(input.disbursementId, 'disbursementId');
      // The disbursement's own unit (its allocation's) must be in scope before anything of it —
      // its voucher, its amount, what it already paid — is compared or told.
      const found = await findDisbursement(trx, id);
      const alloc = found ? await findAllocation(trx, found.allocation_id) : undefined;
      const { d, a } = await inScope(
        trx,
        actor,
        found && alloc ? { d: found, a: alloc } : undefined,
        (x) => x.a.unit_code,
        () =>
          new AppError(
            'NOT_FOUND',
            { what: `chứng từ giải ngân / disbursement ${id}` },
            { field: 'disbursementId' },
          ),
      );
      // Support recorded in another unit than the allocation's needs scope over that unit too.
      unitCode = input.unitCode ? (await unitOn(trx, input.unitCode, date)).code : a.unit_code;
      await requireUnitAccess(trx, actor, unitCode);
      const given = await sumSupportOfDisbursement(trx, d.id);
      if (given + amount > d.amount)
        throw new AppError(
          'SUPPORT_EXCEEDS_DISBURSEMENT',
          { total: given + amount, voucher: d.voucher_no, amount: d.amount },
          { field: 'amount' },
        );
      if (date < d.disbursed_on)
        throw new AppError(
          'DATE_BEFORE_ALLOCATION',
          { date, allocationDate: d.disbursed_on },
          { field: 'date' },
        );
      componentId = a.component_id;
      provinceCode = a.province_code;
      disbursementId = d.id;
    } else {
      const unit = await unitOn(trx, input.unitCode, date);
      await requireUnitAccess(trx, actor, unit.code);
      const { component } = await resolveComponent(trx, {
        componentCode: input.componentCode,
        year: Number(date.slice(0, 4)),
      });
      componentId = component.id;
      provinceCode = unit.province_code;
      unitCode = unit.code;
    }
    // A household the registry keeps in a commune out of scope is answered as missing.
    const household = await findHouseholdByKey(trx, provinceCode, householdKey);
    if (household)
      await inScope(
        trx,
        actor,
        household,
        (h) => h.commune_code,
        () => new AppError('HOUSEHOLD_NOT_FOUND', { id: householdKey }, { field: 'householdKey' }),
      );
    const row = await insertSupport(trx, {
      province_code: provinceCode,
      household_key: householdKey,
      unit_code: unitCode,
      component_id: componentId,
      disbursement_id: disbursementId,
      supported_on: date,
      amount,
      description,
      created_at: at,
      created_by: actorName(actor),
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'support',
      entity: 'household',
      entityId: householdKey,
      unitCode,
      provinceCode,
      after: row,
    });
    return row;
  });
}

export async function householdSupport(
  deps: Deps,
  actor: Actor,
  q: { householdKey: unknown; provinceCode?: string },
) {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const key = reqText(q.householdKey, 'householdKey', 60);
  const notFound = () => new AppError('HOUSEHOLD_NOT_FOUND', { id: key }, { field: 'householdKey' });
  // A key is unique within a province. The registry's household of that key in a province is
  // the reader's when its own commune is in scope; a province where the registry has no such
  // household (support recorded before the registry had it) goes by the support row's unit.
  // Nothing the reader may see is answered exactly like an unknown key: no existence oracle.
  const registered = new Map<string, boolean>();
  for (const h of await findHouseholdsByKey(db, key))
    if (!q.provinceCode || h.province_code === q.provinceCode)
      registered.set(
        h.province_code,
        (registered.get(h.province_code) ?? false) || (await isWithinScope(db, actor, h.commune_code)),
      );
  const rows = [];
  for (const r of await listSupportOfHousehold(db, q.provinceCode ?? null, key)) {
    const household = registered.get(r.province_code);
    if (household !== false && (await isWithinScope(db, actor, r.unit_code))) rows.push(r);
  }
  if (rows.length === 0 && ![...registered.values()].includes(true)) throw notFound();
  return rows.map((r) => ({
    id: r.id,
    componentCode: r.component_code,
    componentName: r.component_name,
    date: r.supported_on,
    amount: r.amount,
    description: r.description,
    disbursementId: r.disbursement_id,
    unitCode: r.unit_code,
  }));
}
