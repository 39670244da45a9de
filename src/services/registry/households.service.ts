// Use cases of the household registry: list and search, the household page, duplicate checks
// shown before saving, create/update with optimistic locking, and the aggregate rebuild. Every
// write classifies through the engine and keeps the aggregates in the same transaction.
import { periodOf } from '../input.js';
import { parseWhole } from '../../domain/input.js';
import { AppError } from '../../errors.js';
import { parseSurveyRecord } from '../../domain/survey/parse.js';
import type { SurveyRecord } from '../../domain/survey/record.js';
import { foldText, searchTokens } from '../../domain/registry/fold.js';
import { explainIncome } from '../../domain/classification/classify.js';
import type { Classification } from '../../domain/standards/standard.js';
import { MOVEMENTS } from '../../domain/registry/movement.js';
import {
  findUnitOn,
  findUnitVersions,
  listUnitsOn,
  type UnitRecord,
} from '../../db/repositories/units.repository.js';
import { findVillage } from '../../db/repositories/villages.repository.js';
import {
  applyAggregateDeltas,
  computeAggregatesFromResults,
  findHouseholdByKey,
  findHouseholdsByHead,
  findHouseholdsByKey,
  findMembersByIdNumbers,
  listChanges,
  listMembers,
  listResults,
  readAllAggregates,
  recomputeAllMovements,
  replaceAggregates,
  writeHousehold,
  type WriteOutcome,
} from '../../db/repositories/registry.repository.js';
import { searchHouseholds } from '../../db/repositories/household-search.repository.js';
import type { ExportFilter } from '../../db/repositories/certificates.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { createClassifier, isFailure, type ClassifyResult } from '../classification.service.js';
import { canSeePersonalData, requireRole, requireUnitAccess, scopeOf } from '../access.js';
import { maskName } from '../../domain/registry/certificate.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { toWrite } from './import.service.js';

export interface Duplicate {
  kind: 'citizen-id' | 'head-birth';
  householdId: string;
  headName: string;
  communeCode: string;
  detail: string;
}

export interface Prepared {
  record: SurveyRecord;
  result: ClassifyResult;
  provinceCode: string;
  communeValidFrom: string;
}

/** Validates and classifies one survey record (engine), resolving its commune version. */
export async function prepareSurvey(deps: Deps, raw: unknown): Promise<Prepared> {
  const parsed = parseSurveyRecord(raw);
  // The engine's messages are complete (every parameter filled, per language): they are reported
  // as worded, the first one on top and all of them in data.errors.
  if (!parsed.record) {
    throw AppError.fromBody(parsed.errors[0]!, { errors: parsed.errors });
  }
  const classifier = await createClassifier(deps);
  const out = await classifier.classifyParsed(parsed.record);
  if (isFailure(out)) throw AppError.fromBody(out.error, { errors: out.errors ?? [out.error] });
  const unit = await findUnitOn(deps.db.kysely, parsed.record.unitCode, parsed.record.surveyDate);
  if (!unit)
    throw new AppError(
      'UNIT_NOT_FOUND',
      { code: parsed.record.unitCode, date: parsed.record.surveyDate },
      { field: 'unitCode' },
    );
  if (unit.level !== 'commune')
    throw new AppError('UNIT_NOT_COMMUNE', { code: unit.code }, { field: 'unitCode' });
  return {
    record: parsed.record,
    result: out,
    provinceCode: unit.province_code,
    communeValidFrom: unit.valid_from ?? '',
  };
}

/** Possible duplicates of a record among other households: same citizen ID, or same head name and birth date in the commune. */
export async function findDuplicates(
  db: Executor,
  p: { record: SurveyRecord; provinceCode: string },
): Promise<Duplicate[]> {
  const key = p.record.householdId;
  const ids = p.record.members.map((m) => m.idNumber).filter((x): x is string => !!x);
  const out: Duplicate[] = [];
  for (const m of await findMembersByIdNumbers(db, p.provinceCode, ids)) {
    if (m.household_key === key) continue;
    out.push({
      kind: 'citizen-id',
      householdId: m.household_key,
      headName: m.head_name,
      communeCode: m.commune_code,
      detail: `CCCD ${m.id_number} (${m.name})`,
    });
  }
  const head = p.record.members.find((m) => m.relation === 'head') ?? p.record.members[0];
  if (head) {
    for (const h of await findHouseholdsByHead(
      db,
      p.provinceCode,
      p.record.unitCode,
      foldText(head.name),
      head.birthDate,
    )) {
      if (h.household_key === key) continue;
      out.push({
        kind: 'head-birth',
        householdId: h.household_key,
        headName: h.head_name,
        communeCode: h.commune_code,
        detail: `${h.head_name}, ${h.head_birth_date}`,
      });
    }
  }
  return out;
}

export async function checkDuplicates(
  deps: Deps,
  actor: Actor,
  raw: unknown,
): Promise<{ duplicates: Duplicate[] }> {
  requireRole(actor, ['province-officer', 'commune-officer']);
  const p = await prepareSurvey(deps, raw);
  await requireUnitAccess(deps.db.kysely, actor, p.record.unitCode);
  return { duplicates: await findDuplicates(deps.db.kysely, p) };
}

export interface SaveInput {
  survey: unknown;
  /** The version the officer started from; required to update an existing household. */
  expectedVersion?: number;
  period?: number;
  status?: 'draft' | 'approved';
  villageId?: number | null;
  address?: string | null;
  /** The officer saw the possible duplicates and confirms. */
  confirmDuplicates?: boolean;
}

export type SaveOutcome =
  | {
      saved: true;
      householdId: string;
      version: number;
      created: boolean;
      classification: string;
      movement: string;
      deprivations: string[];
    }
  | { saved: false; regularReview: { communeCode: string; period: number; caseKey: string } };

export async function saveHousehold(deps: Deps, actor: Actor, input: SaveInput): Promise<SaveOutcome> {
  requireRole(actor, ['province-officer', 'commune-officer']);
  const p = await prepareSurvey(deps, input.survey);
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, p.record.unitCode);
  let villageId = input.villageId ?? null;
  if (villageId !== null) {
    const v = await findVillage(db, villageId);
    if (!v || v.commune_code !== p.record.unitCode)
      throw new AppError('VILLAGE_NOT_FOUND', { id: villageId }, { field: 'villageId' });
  }
  const at = nowIso(deps);
  const period =
    input.period === undefined ? Number(p.record.surveyDate.slice(0, 4)) : periodOf(deps, input.period);
  return db.transaction().execute(async (trx) => {
    const existing = await findHouseholdByKey(trx, p.provinceCode, p.record.householdId);
    if (existing && input.expectedVersion === undefined) {
      throw new AppError('FIELD_REQUIRED', { field: 'expectedVersion' }, { field: 'expectedVersion' });
    }
    if (existing && villageId === null && input.villageId === undefined) villageId = existing.village_id;
    if (!input.confirmDuplicates) {
      const duplicates = await findDuplicates(trx, p);
      if (duplicates.length > 0) {
        throw new AppError(
          'HOUSEHOLD_DUPLICATE_SUSPECTED',
          { detail: duplicates.map((d) => `${d.householdId}: ${d.detail}`).join('; ') },
          { data: { duplicates } },
        );
      }
    }
    const w = toWrite(p.record, p.result, {
      provinceCode: p.provinceCode,
      communeValidFrom: p.communeValidFrom,
      villageId,
      address: input.address?.trim() || existing?.address || null,
      period,
      status: input.status ?? 'draft',
    });
    const outcome: WriteOutcome = await writeHousehold(trx, w, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: existing ? 'update' : 'create',
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
    });
    if (!outcome.ok && outcome.code === 'CONFLICT') {
      const theirs = await householdView(trx, p.provinceCode, p.record.householdId);
      throw new AppError(
        'CONFLICT',
        { expected: input.expectedVersion ?? '', actual: outcome.currentVersion ?? '' },
        { data: { mine: { expectedVersion: input.expectedVersion, survey: input.survey }, theirs } },
      );
    }
    if (!outcome.ok) {
      // The result of this period is recognised and frozen: the change becomes a regular-review case.
      const { openRegularReview } = await import('./campaign.service.js');
      const caseKey = await openRegularReview(deps, trx, actor, {
        prepared: p,
        period,
        survey: input.survey,
        at,
      });
      return { saved: false, regularReview: { communeCode: p.record.unitCode, period, caseKey } };
    }
    await applyAggregateDeltas(trx, outcome.deltas);
    return {
      saved: true,
      householdId: p.record.householdId,
      version: outcome.version,
      created: outcome.created,
      classification: p.result.classification,
      movement: outcome.movement,
      deprivations: p.result.deprivations,
    };
  });
}

async function householdView(db: Executor, provinceCode: string, key: string) {
  const h = await findHouseholdByKey(db, provinceCode, key);
  if (!h) return null;
  const members = await listMembers(db, provinceCode, h.id);
  return {
    householdId: h.household_key,
    provinceCode: h.province_code,
    communeCode: h.commune_code,
    villageId: h.village_id,
    headName: h.head_name,
    headBirthDate: h.head_birth_date,
    address: h.address,
    version: h.version,
    updatedAt: h.updated_at,
    members: members.map((m) => ({
      name: m.name,
      idNumber: m.id_number,
      birthDate: m.birth_date,
      sex: m.sex,
      relation: m.relation,
      ...(JSON.parse(m.data_json) as Record<string, unknown>),
    })),
  };
}

/** The household page: members, results by period with explanations, change history. */
export async function getHousehold(deps: Deps, actor: Actor, key: string) {
  const db = deps.db.kysely;
  const scope = scopeOf(actor);
  const candidates = [];
  for (const p of await findHouseholdsByKey(db, key)) {
    if (
      scope === null ||
      (await requireUnitAccess(db, actor, p.commune_code).then(
        () => true,
        () => false,
      ))
    )
      candidates.push(p);
  }
  const h = candidates[0];
  if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND', { id: key }, { field: 'householdId' });
  const view = (await householdView(db, h.province_code, key))!;
  const village = h.village_id ? await findVillage(db, h.village_id) : undefined;
  const results = await listResults(db, h.province_code, h.id);
  const changes = await listChanges(db, h.province_code, h.id);
  const page = {
    ...view,
    village: village ? { id: village.id, name: village.name } : null,
    results: results.map((r) => ({
      period: r.period,
      surveyDate: r.survey_date,
      unitCode: r.unit_code,
      standard: r.standard,
      area: r.area,
      incomeLine: Number(r.income_line),
      classification: r.classification,
      deprivations: r.deprivations ? r.deprivations.split(',') : [],
      deprivationCount: r.deprivation_count,
      movement: r.movement,
      noLabourCapacity: r.no_labour === 1,
      status: r.status,
      frozen: r.frozen === 1,
      explanation: {
        income: explainIncome(
          {
            standard: r.standard,
            provisional: false,
            area: r.area as 'rural' | 'urban',
            incomeLine: Number(r.income_line),
            averageUpperBound: null,
            classification: r.classification as Classification,
            deprivations: [],
            deprivationCount: r.deprivation_count,
          },
          (JSON.parse(r.answers_json) as { incomePerCapitaMonthly: number }).incomePerCapitaMonthly,
        ),
        ...(JSON.parse(r.explanation_json) as { indicators: unknown[] }),
      },
      answers: JSON.parse(r.answers_json) as unknown,
    })),
    history: changes.map((c) => ({
      at: c.at,
      actor: c.actor,
      action: c.action,
      before: c.before_json ? (JSON.parse(c.before_json) as unknown) : null,
      after: c.after_json ? (JSON.parse(c.after_json) as unknown) : null,
    })),
  };
  return canSeePersonalData(actor) ? page : maskHouseholdPage(page);
}

type HouseholdPage = NonNullable<Awaited<ReturnType<typeof householdView>>> & {
  results: { answers: unknown; explanation: { indicators: unknown[] } }[];
  history: { before: unknown; after: unknown }[];
};

/**
 * The household page of a reader without personal-data rights (the list's rule): initials for
 * every name, also inside the explanations; no birth date, citizen ID or address; no survey
 * answers and no before/after snapshots in the history (they hold the same data). Classes,
 * deprivations and the income test stay: they are what such a reader follows up.
 */
function maskHouseholdPage<T extends HouseholdPage>(page: T): T {
  const names = [page.headName, ...page.members.map((m) => String(m.name))]
    .filter((n) => n.trim().length > 0)
    .sort((a, b) => b.length - a.length);
  const hide = (text: unknown) =>
    typeof text === 'string' ? names.reduce((s, n) => s.split(n).join(maskName(n)), text) : text;
  return {
    ...page,
    headName: maskName(page.headName),
    headBirthDate: null,
    address: null,
    members: page.members.map((m) => ({
      ...m,
      name: maskName(String(m.name)),
      idNumber: null,
      birthDate: null,
    })),
    results: page.results.map((r) => ({
      ...r,
      answers: null,
      explanation: {
        ...r.explanation,
        indicators: r.explanation.indicators.map((i) => {
          const e = i as Record<string, unknown>;
          return { ...e, memberName: hide(e.memberName), vi: hide(e.vi), en: hide(e.en) };
        }),
      },
    })),
    history: page.history.map((c) => ({ ...c, before: null, after: null })),
  };
}

export interface ListInput {
  /** A commune/ward, a pre-2025 district or a province. */
  unitCode: string;
  period?: number;
  villageId?: number;
  classification?: string;
  movement?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** What the household list and its Excel export select: the same rows for the same input. */
export type ListFilter = ExportFilter;

/**
 * The filter of a list input: the movement checked, the unit resolved (a commune, the communes of
 * a pre-2025 district, or a whole province), the search words folded. `communes` are the unit
 * records behind `filter.communeCodes` (none for a province).
 */
export async function listFilterOf(
  deps: Deps,
  input: ListInput,
  /** When given, a class outside it is refused (the export names the class in its file). */
  opts: { classes?: readonly string[] } = {},
): Promise<{ unit: UnitRecord; communes: UnitRecord[]; filter: ListFilter }> {
  const db = deps.db.kysely;
  if (input.movement && !(MOVEMENTS as readonly string[]).includes(input.movement)) {
    throw new AppError(
      'ENUM_INVALID',
      { field: 'movement', value: input.movement, allowed: MOVEMENTS.join(', ') },
      { field: 'movement' },
    );
  }
  if (opts.classes && input.classification && !opts.classes.includes(input.classification)) {
    throw new AppError(
      'ENUM_INVALID',
      { field: 'class', value: input.classification, allowed: opts.classes.join(', ') },
      { field: 'class' },
    );
  }
  const versions = await findUnitVersions(db, input.unitCode);
  const unit = versions.at(-1);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { code: input.unitCode, date: '—' }, { field: 'unitCode' });
  const communes =
    unit.level === 'commune'
      ? [unit]
      : unit.level === 'district'
        ? await listUnitsOn(db, {
            date: unit.valid_to ?? '2025-06-30',
            parentCode: unit.code,
            level: 'commune',
          })
        : [];
  const filter: ListFilter = {
    dialect: deps.db.dialect,
    provinceCode: unit.province_code,
    ...(unit.level === 'commune' || unit.level === 'district'
      ? { communeCodes: communes.map((u) => u.code) }
      : {}),
    ...(input.villageId !== undefined ? { villageId: parseWhole(input.villageId, 'village') } : {}),
    ...(input.period !== undefined ? { period: periodOf(deps, input.period) } : {}),
    ...(input.classification ? { classification: input.classification } : {}),
    ...(input.movement ? { movement: input.movement } : {}),
    tokens: input.q ? searchTokens(input.q) : [],
  };
  return { unit, communes, filter };
}

export async function listHouseholds(deps: Deps, actor: Actor, input: ListInput) {
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.unitCode);
  const personal = canSeePersonalData(actor);
  const { filter } = await listFilterOf(deps, input);
  const pageSize = Math.min(200, Math.max(1, input.pageSize ?? 50));
  const page = input.page === undefined ? 1 : parseWhole(input.page, 'page', 1, 1_000_000);
  const r = await searchHouseholds(db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
  return {
    total: r.total,
    /** true when there are more than `total` matches (counting stops there). */
    totalCapped: r.totalCapped,
    page,
    pageSize,
    items: r.rows.map((x) => ({
      householdId: x.household_key,
      communeCode: x.commune_code,
      villageId: x.village_id,
      // Readers without personal-data rights get initials, and no birth date or address.
      headName: personal ? x.head_name : maskName(x.head_name),
      headBirthDate: personal ? x.head_birth_date : null,
      address: personal ? x.address : null,
      memberCount: x.member_count,
      version: x.version,
      classification: x.classification ?? null,
      movement: x.movement ?? null,
      status: x.status ?? null,
      deprivationCount: x.deprivation_count ?? null,
      noLabourCapacity: x.no_labour === 1,
    })),
  };
}

/**
 * Rebuilds from scratch: first the movement of every result from its household's history, then
 * every aggregate cell from the results. Reports how many movements were corrected and how many
 * cells differed.
 */
export async function rebuildAggregates(
  deps: Deps,
  actor: Actor,
): Promise<{ cells: number; differing: number; movements: number }> {
  requireRole(actor, ['province-officer']);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const movements = await recomputeAllMovements(trx);
    const fresh = await computeAggregatesFromResults(trx);
    const current = new Map(
      (await readAllAggregates(trx)).map((c) => [
        `${c.province_code}|${c.period}|${c.unit_code}|${c.unit_valid_from}|${c.status}|${c.classification}|${c.indicator}`,
        Number(c.n),
      ]),
    );
    let differing = 0;
    for (const [id, [, n]] of fresh) if (current.get(id) !== n) differing += 1;
    for (const id of current.keys()) if (!fresh.has(id)) differing += 1;
    await replaceAggregates(trx, fresh.values());
    await insertAudit(trx, {
      at: nowIso(deps),
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'rebuild',
      entity: 'review_aggregate',
      entityId: '*',
      after: { cells: fresh.size, differing, movements },
    });
    return { cells: fresh.size, differing, movements };
  });
}
