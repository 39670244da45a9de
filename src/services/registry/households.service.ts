// Use cases of the household registry: list and search, the household page, duplicate checks
// shown before saving, create/update with optimistic locking, and the aggregate rebuild. Every
// write classifies through the engine and keeps the aggregates in the same transaction.
import { periodOf } from '../input.js';
import { parseWhole } from '../../domain/input.js';
import { AppError, messageOf } from '../../errors.js';
import { parseSurveyRecord } from '../../domain/survey/parse.js';
import type { SurveyRecord } from '../../domain/survey/record.js';
import { foldText, searchTokens } from '../../domain/registry/fold.js';
import {
  renderExplanation,
  storedFacts,
  type ExplainedAnswers,
} from '../../domain/classification/explain.js';
import type { Classification } from '../../domain/standards/standard.js';
import type { Lang } from '../../errors.js';
import { MOVEMENTS } from '../../domain/registry/movement.js';
import {
  answerChanges,
  snapshotChanges,
  type FieldChange,
  decodeSnapshot,
  type HistorySnapshot,
} from '../../domain/registry/history.js';
import { wordOfCode, wordsOfCode, type Word } from '../../domain/words/catalogue.js';
import {
  findUnitOn,
  findUnitVersions,
  listUnitsOn,
  type UnitRecord,
} from '../../db/repositories/units.repository.js';
import { findVillage } from '../../db/repositories/villages.repository.js';
import {
  computeAggregatesFromResults,
  findHouseholdByKey,
  findHouseholdsByHead,
  findHouseholdsByKey,
  findMembersByIdNumbers,
  listChanges,
  listMembers,
  listResults,
  readAllAggregates,
  readAnswers,
} from '../../db/repositories/registry.repository.js';
import {
  applyAggregateDeltas,
  recomputeAllMovements,
  replaceAggregates,
  writeHousehold,
  type WriteOutcome,
} from '../../db/registry-write/index.js';
import { searchHouseholds } from '../../db/repositories/household-search.repository.js';
import type { ExportFilter } from '../../db/repositories/certificates.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { createClassifier, isFailure, type ClassifyResult } from '../classification.service.js';
import {
  communesInScope,
  inScope,
  isWithinScope,
  requirePermission,
  requirePersonalData,
  requireUnitAccess,
} from '../access.js';
import { findFieldPhoto, listFieldRecords } from '../../db/repositories/offline.repository.js';
import { personalDataFor, type PersonalData } from '../personal-data.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { toWrite } from './import.service.js';
import { recordAccess, searchForRecord } from '../privacy/access-record.service.js';
import { classifyForPeriod, defaultPeriodOf } from './review-standard.js';

/**
 * A possible duplicate shown before saving. One in a commune outside the caller's scope says only
 * that: `otherCommune`, with the coded message and no household ID, name or commune (a citizen-ID
 * lookup must not tell who lives where).
 */
export interface Duplicate {
  kind: 'citizen-id' | 'head-birth';
  otherCommune: boolean;
  /** DUPLICATE_IN_OTHER_COMMUNE for a household outside the scope. */
  code: string | null;
  householdId: string | null;
  headName: string | null;
  communeCode: string | null;
  detail: string;
  detailEn: string;
}

export interface Prepared {
  record: SurveyRecord;
  result: ClassifyResult;
  provinceCode: string;
  communeValidFrom: string;
}

/**
 * Validates and classifies one survey record (engine) for the review of `period` (default: the
 * year of its survey date) with that period's standard (review-standard.ts), resolving its commune
 * version. A period with no issued standard is REVIEW_STANDARD_NOT_ISSUED.
 */
export async function prepareSurvey(deps: Deps, raw: unknown, period?: number): Promise<Prepared> {
  const parsed = parseSurveyRecord(raw);
  // The engine's messages are complete (every parameter filled, per language): they are reported
  // as worded, the first one on top and all of them in data.errors.
  if (!parsed.record) {
    throw AppError.fromBody(parsed.errors[0]!, { errors: parsed.errors });
  }
  const classifier = await createClassifier(deps);
  const out = await classifyForPeriod(
    deps,
    classifier,
    parsed.record,
    period ?? defaultPeriodOf(parsed.record),
  );
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

/**
 * Possible duplicates of a record among other households: same citizen ID in the province, or same
 * head name and birth date in the commune. Households outside the actor's scope are reported as
 * "in another commune" only; names go through the masking step.
 */
export async function findDuplicates(
  db: Executor,
  actor: Actor,
  p: { record: SurveyRecord; provinceCode: string },
): Promise<Duplicate[]> {
  const pd = personalDataFor(actor);
  const key = p.record.householdId;
  const ids = p.record.members.map((m) => m.idNumber).filter((x): x is string => !!x);
  const out: Duplicate[] = [];
  const elsewhere = new Set<string>();
  for (const m of await findMembersByIdNumbers(db, p.provinceCode, ids)) {
    if (m.household_key === key) continue;
    if (!(await isWithinScope(db, actor, m.commune_code))) {
      // The caller's own member, named as the caller typed it: nothing of the other household.
      const own = p.record.members.find((x) => x.idNumber === m.id_number)?.name ?? '';
      if (elsewhere.has(own)) continue;
      elsewhere.add(own);
      out.push({
        kind: 'citizen-id',
        otherCommune: true,
        code: 'DUPLICATE_IN_OTHER_COMMUNE',
        householdId: null,
        headName: null,
        communeCode: null,
        detail: messageOf('DUPLICATE_IN_OTHER_COMMUNE', { name: own }, 'vi'),
        detailEn: messageOf('DUPLICATE_IN_OTHER_COMMUNE', { name: own }, 'en'),
      });
      continue;
    }
    const detail = `CCCD ${pd.hidden(m.id_number) ?? '…'} (${pd.name(m.name)})`;
    out.push({
      kind: 'citizen-id',
      otherCommune: false,
      code: null,
      householdId: m.household_key,
      headName: pd.name(m.head_name),
      communeCode: m.commune_code,
      detail,
      detailEn: detail,
    });
  }
  const head = p.record.members.find((m) => m.relation === 'head') ?? p.record.members[0];
  if (head) {
    // Same commune as the record, which the caller's scope covers (checked before).
    for (const h of await findHouseholdsByHead(
      db,
      p.provinceCode,
      p.record.unitCode,
      foldText(head.name),
      head.birthDate,
    )) {
      if (h.household_key === key) continue;
      const detail = `${pd.name(h.head_name)}, ${pd.hidden(h.head_birth_date) ?? '…'}`;
      out.push({
        kind: 'head-birth',
        otherCommune: false,
        code: null,
        householdId: h.household_key,
        headName: pd.name(h.head_name),
        communeCode: h.commune_code,
        detail,
        detailEn: detail,
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
  requirePermission(actor, 'registry.write');
  const p = await prepareSurvey(deps, raw);
  await requireUnitAccess(deps.db.kysely, actor, p.record.unitCode);
  return { duplicates: await findDuplicates(deps.db.kysely, actor, p) };
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

/**
 * Saves one survey. `within`, when given, runs in the save's own transaction after the write (the
 * offline sync records its idempotency key there, so a survey is applied and recorded together or
 * not at all), told the province the household is kept in.
 */
export async function saveHousehold(
  deps: Deps,
  actor: Actor,
  input: SaveInput,
  within?: (trx: Executor, outcome: SaveOutcome, where: { provinceCode: string }) => Promise<void>,
): Promise<SaveOutcome> {
  requirePermission(actor, 'registry.write');
  // The standard follows the review period (checked and bounded first), not the survey date.
  const askedPeriod = input.period === undefined ? undefined : periodOf(deps, input.period);
  const p = await prepareSurvey(deps, input.survey, askedPeriod);
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, p.record.unitCode);
  let villageId = input.villageId ?? null;
  if (villageId !== null) {
    const v = await findVillage(db, villageId);
    // A household keeps the village it has: one of a commune it was surveyed in before the 2025
    // reform stays its village when a survey under the new commune sends it unchanged (the offline
    // survey sends the village it downloaded with every household).
    const kept =
      v !== undefined &&
      v.commune_code !== p.record.unitCode &&
      Number((await findHouseholdByKey(db, p.provinceCode, p.record.householdId))?.village_id) === villageId;
    if (!v || (v.commune_code !== p.record.unitCode && !kept))
      throw new AppError('VILLAGE_NOT_FOUND', { id: villageId }, { field: 'villageId' });
  }
  const at = nowIso(deps);
  const period = askedPeriod ?? defaultPeriodOf(p.record);
  const scopeCommunes = await communesInScope(db, actor);
  const pd = personalDataFor(actor);
  return db.transaction().execute(async (trx) => {
    const existing = await findHouseholdByKey(trx, p.provinceCode, p.record.householdId);
    // The household's own commune, not the record's, decides (moving it needs both): checked
    // before anything else about it (its version, its duplicates) is looked at or told.
    if (existing)
      await inScope(
        trx,
        actor,
        existing,
        (h) => h.commune_code,
        () => outOfScope(p.record.householdId),
      );
    if (existing && input.expectedVersion === undefined) {
      throw new AppError('FIELD_REQUIRED', { field: 'expectedVersion' }, { field: 'expectedVersion' });
    }
    if (existing && villageId === null && input.villageId === undefined) villageId = existing.village_id;
    if (!input.confirmDuplicates) {
      const duplicates = await findDuplicates(trx, actor, p);
      if (duplicates.length > 0) {
        throw new AppError(
          'HOUSEHOLD_DUPLICATE_SUSPECTED',
          {
            detail: duplicates
              .map((d) => (d.householdId ? `${d.householdId}: ${d.detail}` : d.detail))
              .join('; '),
          },
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
      scopeCommunes,
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
    });
    if (!outcome.ok && outcome.code === 'HOUSEHOLD_OUT_OF_SCOPE') throw outOfScope(p.record.householdId);
    if (!outcome.ok && outcome.code === 'CONFLICT') {
      // In scope (checked above): the reader's own version of the household, masked per permission.
      const view = await householdView(trx, p.provinceCode, p.record.householdId);
      const theirs = view ? maskView(view, pd) : null;
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
      const queued: SaveOutcome = {
        saved: false,
        regularReview: { communeCode: p.record.unitCode, period, caseKey },
      };
      if (within) await within(trx, queued, { provinceCode: p.provinceCode });
      return queued;
    }
    await applyAggregateDeltas(trx, outcome.deltas);
    const saved: SaveOutcome = {
      saved: true,
      householdId: p.record.householdId,
      version: outcome.version,
      created: outcome.created,
      classification: p.result.classification,
      movement: outcome.movement,
      deprivations: p.result.deprivations,
    };
    if (within) await within(trx, saved, { provinceCode: p.provinceCode });
    return saved;
  });
}

function outOfScope(id: string): AppError {
  return new AppError('HOUSEHOLD_OUT_OF_SCOPE', { id }, { field: 'householdId' });
}

/** The household's people through the masking step: initials, no birth date, citizen ID or address. */
function maskView<T extends NonNullable<Awaited<ReturnType<typeof householdView>>>>(
  view: T,
  pd: PersonalData,
): T {
  if (pd.reveals) return view;
  return {
    ...view,
    headName: pd.name(view.headName),
    headBirthDate: pd.hidden(view.headBirthDate),
    address: pd.hidden(view.address),
    members: view.members.map((m) => ({
      name: pd.name(String(m.name)),
      idNumber: null,
      birthDate: null,
      sex: m.sex,
      relation: m.relation,
    })),
  };
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
      ...m.data,
    })),
  };
}

/**
 * The household page: members, results by period with explanations, change history. The
 * explanations are rendered from their stored facts in `lang`, naming members as this reader may
 * see them (initials without personal-data rights).
 */
export async function getHousehold(deps: Deps, actor: Actor, key: string, lang: Lang = 'vi') {
  const db = deps.db.kysely;
  // A key is unique within a province: the first household of that key the actor may read.
  const candidates = [];
  for (const p of await findHouseholdsByKey(db, key))
    if (await isWithinScope(db, actor, p.commune_code)) candidates.push(p);
  const h = candidates[0];
  if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND', { id: key }, { field: 'householdId' });
  const view = (await householdView(db, h.province_code, key))!;
  const village = h.village_id ? await findVillage(db, h.village_id) : undefined;
  const results = await listResults(db, h.province_code, h.id);
  const records = await readAnswers(db, results);
  const changes = await listChanges(db, h.province_code, h.id);
  const pd = personalDataFor(actor);
  const page = {
    ...view,
    village: village ? { id: village.id, name: village.name } : null,
    results: results.map((r, i) => ({
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
      explanation: explanationOf(r, records[i]!, lang, pd),
      answers: records[i] as unknown,
    })),
    history: await historyInWords(
      db,
      changes,
      results.map((r, i) => ({ period: r.period, record: records[i]! })),
    ),
    // The photo and the position taken at the door by the offline survey: personal data (the
    // house, where the family lives), so only to readers who may see it.
    fieldRecords: pd.reveals ? await fieldRecordsOf(db, h.province_code, key) : [],
  };
  await recordAccess(deps, actor, {
    action: 'household.read',
    provinceCode: h.province_code,
    unitCode: h.commune_code,
    householdKey: key,
  });
  return pd.reveals ? page : maskHouseholdPage(page, pd);
}

/** What devices recorded at the door with the surveys applied from the offline survey, oldest first. */
async function fieldRecordsOf(db: Executor, provinceCode: string, key: string) {
  return (await listFieldRecords(db, provinceCode, key)).map((r) => {
    const p = r.position_json ? (JSON.parse(r.position_json) as Record<string, unknown>) : null;
    return {
      id: r.client_id,
      sentAt: r.created_at,
      sentBy: r.display_name ?? null,
      photo: Number(r.has_photo) === 1,
      position:
        p && typeof p.lat === 'number' && typeof p.lon === 'number'
          ? {
              lat: p.lat,
              lon: p.lon,
              accuracy: typeof p.accuracy === 'number' ? p.accuracy : null,
              at: typeof p.at === 'string' ? p.at : null,
            }
          : null,
    };
  });
}

/**
 * The house photo sent with one survey of a household (the offline survey), as JPEG bytes: to a
 * reader of the household who may see personal data, the household found as its page finds it.
 */
export async function householdPhoto(deps: Deps, actor: Actor, key: string, clientId: string) {
  requirePermission(actor, 'registry.read');
  requirePersonalData(actor);
  const db = deps.db.kysely;
  let h: { province_code: string } | undefined;
  for (const p of await findHouseholdsByKey(db, key))
    if (await isWithinScope(db, actor, p.commune_code)) {
      h = p;
      break;
    }
  if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND', { id: key }, { field: 'householdId' });
  const url = await findFieldPhoto(db, h.province_code, key, clientId);
  const m = url ? /^data:image\/jpeg;base64,(.+)$/.exec(url) : null;
  if (!m) throw new AppError('HOUSEHOLD_PHOTO_NOT_FOUND', { id: key, clientId }, { field: 'clientId' });
  return Buffer.from(m[1]!, 'base64');
}

/** A stored result's explanation in words: its facts and answers, rendered in `lang`. */
function explanationOf(
  r: {
    standard: string;
    area: string;
    income_line: number | string | bigint;
    classification: string;
    deprivation_count: number;
    explanation_json: string;
  },
  record: SurveyRecord,
  lang: Lang,
  pd: PersonalData,
) {
  const answers = record as unknown as ExplainedAnswers & { incomePerCapitaMonthly: number };
  return renderExplanation(
    {
      standard: r.standard,
      area: r.area as 'rural' | 'urban',
      incomeLine: Number(r.income_line),
      classification: r.classification as Classification,
      deprivationCount: r.deprivation_count,
      income: answers.incomePerCapitaMonthly,
    },
    storedFacts(r.explanation_json),
    answers,
    lang,
    pd.reveals ? {} : { names: answers.members.map((m) => pd.name(m.name)) },
  );
}

export interface HistoryEntry {
  at: string;
  /** The action's code (import, resurvey, complaint…) and its words. */
  action: string;
  actionWord: Word;
  actor: Word;
  /** What the write changed: period, class, deprivations, status, head, members, address, village. */
  changes: FieldChange[];
  /**
   * On the last write of a period: the survey answers that differ from the previous period's
   * (only the last write of a period has its answers stored, earlier ones were overwritten).
   */
  answers: { comparedWith: number; changes: FieldChange[] } | null;
}

/** The stored change rows of a household as a timeline in words (src/domain/registry/history.ts). */
async function historyInWords(
  db: Executor,
  changes: {
    at: string;
    actor: string;
    action: string;
    before_json: string | null;
    after_json: string | null;
  }[],
  results: { period: number; record: SurveyRecord }[],
): Promise<HistoryEntry[]> {
  const rows = changes.map((c) => ({
    c,
    before: decodeSnapshot(c.before_json),
    after: decodeSnapshot(c.after_json),
  }));
  const villageIds = new Set<number>();
  for (const r of rows)
    for (const s of [r.before, r.after]) if (typeof s?.villageId === 'number') villageIds.add(s.villageId);
  const villages = new Map<number, string>();
  for (const id of villageIds) {
    const v = await findVillage(db, id);
    if (v) villages.set(id, v.name);
  }
  const answersOf = new Map(results.map((r) => [r.period, r.record as unknown]));
  const periods = [...answersOf.keys()].sort((a, b) => a - b);
  const lastWriteOf = new Map<number, number>();
  rows.forEach((r, i) => {
    if (typeof r.after?.period === 'number') lastWriteOf.set(r.after.period, i);
  });
  // A write into a new period stores no class or status "before" (the period had none): compare
  // with the household as the previous write left it, so the line reads "2023 → 2024".
  let previousAfter: HistorySnapshot | null = null;
  return rows.map((r, i) => {
    const before =
      r.before && previousAfter && !('period' in r.before) ? { ...previousAfter, ...r.before } : r.before;
    previousAfter = r.after ?? previousAfter;
    const period = r.after?.period;
    const previous = period === undefined ? undefined : periods.filter((p) => p < period).pop();
    const answers =
      period !== undefined && previous !== undefined && lastWriteOf.get(period) === i
        ? { comparedWith: previous, changes: answerChanges(answersOf.get(previous), answersOf.get(period)) }
        : null;
    return {
      at: r.c.at,
      action: r.c.action,
      actionWord: wordsOfCode('householdChange', r.c.action),
      actor:
        r.c.actor === 'system' ? wordsOfCode('householdChange', 'system') : { vi: r.c.actor, en: r.c.actor },
      changes: snapshotChanges(before, r.after, (id) => villages.get(id) ?? null),
      answers,
    };
  });
}

type HouseholdPage = NonNullable<Awaited<ReturnType<typeof householdView>>> & {
  results: { answers: unknown }[];
  history: HistoryEntry[];
  fieldRecords: unknown[];
};

/**
 * The household page of a reader without personal-data rights (the list's rule): initials for
 * every name, also inside the explanations; no birth date, citizen ID or address; no survey
 * answers and no before/after snapshots in the history (they hold the same data). Classes,
 * deprivations and the income test stay: they are what such a reader follows up.
 */
function maskHouseholdPage<T extends HouseholdPage>(page: T, pd: PersonalData): T {
  return {
    ...maskView(page, pd),
    // The explanations were rendered with initials already (explanationOf).
    results: page.results.map((r) => ({ ...r, answers: pd.hidden(r.answers) })),
    // Changes of names, address and answers are personal data; classes and status stay.
    history: page.history.map((c) => ({
      ...c,
      changes: c.changes.filter((x) => !x.personal),
      answers: null,
    })),
    fieldRecords: [],
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
  const pd = personalDataFor(actor);
  const { filter } = await listFilterOf(deps, input);
  const pageSize = Math.min(200, Math.max(1, input.pageSize ?? 50));
  const page = input.page === undefined ? 1 : parseWhole(input.page, 'page', 1, 1_000_000);
  const r = await searchHouseholds(db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
  // The page shown is recorded with its households (masked or not, as for a household page).
  if (r.rows.length > 0) {
    const search = searchForRecord(input.q);
    await recordAccess(deps, actor, {
      action: 'list.households',
      provinceCode: filter.provinceCode,
      unitCode: input.unitCode,
      households: r.rows.map((x) => x.household_key),
      filter: {
        ...(input.period !== undefined ? { 'Kỳ rà soát': input.period } : {}),
        ...(input.villageId !== undefined ? { 'Thôn, tổ dân phố': input.villageId } : {}),
        ...(input.classification
          ? { 'Phân loại': wordOfCode('classification', input.classification, 'vi') }
          : {}),
        ...(input.movement ? { 'Biến động': wordOfCode('movement', input.movement, 'vi') } : {}),
        ...(search ? { 'Tìm kiếm': search } : {}),
        Trang: page,
      },
    });
  }
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
      headName: pd.name(x.head_name),
      headBirthDate: pd.hidden(x.head_birth_date),
      address: pd.hidden(x.address),
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
  requirePermission(actor, 'registry.rebuild');
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
