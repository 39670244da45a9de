// The offline survey (issue 15, docs/decisions/0036-offline-survey.md): the assignment package a
// device downloads before leaving (the commune's households of the review, their members and last
// answers, the field catalogue and the standards the browser classifies with), and the sync of the
// surveys it queued. Each queued survey is saved exactly as the survey page saves one
// (saveHousehold: permission, scope, validation, version, audit) in its own transaction, with its
// client id recorded in that same transaction: a resend answers the first result and writes
// nothing. A revoked assignment or a disabled account answers OFFLINE_WIPE.
import crypto from 'node:crypto';
import { AppError, isAppError } from '../errors.js';
import { SURVEY_FIELDS } from '../domain/survey/fields.js';
import type { PackageUnit } from '../domain/offline/classify.js';
import { vnDateOf } from '../domain/dates.js';
import { findUnitOn, findUnitVersions } from '../db/repositories/units.repository.js';
import { listLinksOfCodes } from '../db/repositories/succession.repository.js';
import { insertAudit } from '../db/repositories/audit.repository.js';
import { findUserById } from '../db/repositories/users.repository.js';
import {
  findAssignment,
  findSyncRecord,
  insertAssignment,
  insertSyncRecord,
  listPackageHouseholds,
  listPackageMembers,
  listPackageResults,
  listPackageVillages,
  revokeAssignments,
} from '../db/repositories/offline.repository.js';
import { findHouseholdByKey, listResults, readAnswers } from '../db/repositories/registry.repository.js';
import { findPeriodStandard } from '../db/repositories/reports.repository.js';
import type { Executor } from '../db/repositories/executor.js';
import { requirePermission, requirePersonalData, requireUnitAccess } from './access.js';
import { loadStandards } from './standards.service.js';
import { recordAccess } from './privacy/access-record.service.js';
import { saveHousehold } from './registry/households.service.js';
import { notIssued } from './registry/review-standard.js';
import { periodOf } from './input.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from './deps.js';

/** Surveys per sync request: a device sends its queue in batches of this size. */
export const SYNC_BATCH_MAX = 100;

/** A version stamp of the survey field catalogue: a device whose form differs is told to update. */
export const FIELDS_VERSION = crypto
  .createHash('sha256')
  .update(JSON.stringify(SURVEY_FIELDS))
  .digest('hex')
  .slice(0, 16);

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

function userActor(actor: Actor): Extract<Actor, { kind: 'user' }> {
  // A device is an officer's: the system actor has no password to derive a key from.
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN_ROLE', { role: '' });
  return actor;
}

/**
 * Every code the commune has had: its own and, through the 2025 reform's links, those of the units
 * it was formed from (their households were surveyed under the old codes), a few steps back.
 */
async function codesOfCommune(db: Executor, code: string): Promise<string[]> {
  const codes = new Set([code]);
  let frontier = [code];
  for (let step = 0; step < 3 && frontier.length > 0; step += 1) {
    const links = await listLinksOfCodes(db, frontier);
    frontier = links
      .filter((l) => frontier.includes(l.successor_code) && !codes.has(l.predecessor_code))
      .map((l) => l.predecessor_code);
    for (const c of frontier) codes.add(c);
  }
  return [...codes];
}

export interface PackageInput {
  unitCode: string;
  period?: number;
}

/** The assignment package, as the JSON the route compresses and the device stores. */
export async function assignmentPackage(deps: Deps, actor: Actor, input: PackageInput) {
  requirePermission(actor, 'offline.survey');
  // The package carries names, birth dates, citizen IDs and answers: no masked copy is handed out.
  requirePersonalData(actor);
  const user = userActor(actor);
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.unitCode);
  const today = vnDateOf(deps.now());
  const period = input.period === undefined ? Number(today.slice(0, 4)) : periodOf(deps, input.period);
  const on = today < `${period}-12-31` ? today : `${period}-12-31`;
  const unit = await findUnitOn(db, input.unitCode, on);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { code: input.unitCode, date: on }, { field: 'unit' });
  if (unit.level !== 'commune')
    throw new AppError('UNIT_NOT_COMMUNE', { code: unit.code }, { field: 'unit' });
  const standards = await loadStandards(deps);
  const periodStandard = (await findPeriodStandard(db, period))?.standard_code ?? '';
  if (!standards.some((s) => s.code === periodStandard)) throw notIssued(period);

  const codes = await codesOfCommune(db, unit.code);
  const versions = (await Promise.all(codes.map((c) => findUnitVersions(db, c)))).flat();
  const provinces = [...new Set(versions.map((v) => v.province_code))];
  const units: PackageUnit[] = versions.map((v) => ({
    code: v.code,
    name: v.name,
    provinceCode: v.province_code,
    area: v.area,
    validFrom: v.valid_from,
    validTo: v.valid_to,
  }));
  const [households, members, results, villages] = await Promise.all([
    listPackageHouseholds(db, provinces, codes),
    listPackageMembers(db, provinces, codes),
    listPackageResults(db, provinces, codes, period),
    listPackageVillages(db, codes),
  ]);
  const membersOf = new Map<number, (typeof members)[number][]>();
  for (const m of members) {
    const list = membersOf.get(m.household_id);
    if (list) list.push(m);
    else membersOf.set(m.household_id, [m]);
  }
  // Results come oldest first: the last one kept per household is its latest up to the period.
  const lastOf = new Map<number, (typeof results)[number]>();
  for (const r of results) lastOf.set(r.household_id, r);
  const lastRows = [...lastOf.values()];
  const recordOf = new Map(
    (await readAnswers(db, lastRows)).map((record, i) => [lastRows[i]!.household_id, record]),
  );

  const token = crypto.randomBytes(32).toString('base64url');
  const at = nowIso(deps);
  const id = await db.transaction().execute(async (trx) => {
    const assignmentId = await insertAssignment(trx, {
      token_hash: sha256(token),
      user_id: user.id,
      unit_code: unit.code,
      period,
      households: households.length,
      created_at: at,
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'offline.assign',
      entity: 'offline_assignment',
      entityId: String(assignmentId),
      unitCode: unit.code,
      provinceCode: unit.province_code,
      after: { period, households: households.length },
    });
    return assignmentId;
  });
  await recordAccess(deps, actor, {
    action: 'offline.download',
    provinceCode: unit.province_code,
    unitCode: unit.code,
    households: households.map((h) => h.household_key),
    filter: { period },
  });
  return {
    assignment: {
      id,
      token,
      unitCode: unit.code,
      unitName: unit.name,
      provinceCode: unit.province_code,
      period,
      createdAt: at,
      username: user.username,
    },
    periodStandard,
    standards,
    fieldsVersion: FIELDS_VERSION,
    fields: SURVEY_FIELDS,
    units,
    villages: villages.map((v) => ({ id: Number(v.id), communeCode: v.commune_code, name: v.name })),
    households: households.map((h) => {
      const last = lastOf.get(h.id);
      return {
        householdId: h.household_key,
        communeCode: h.commune_code,
        villageId: h.village_id === null ? null : Number(h.village_id),
        headName: h.head_name,
        address: h.address,
        version: h.version,
        members: (membersOf.get(h.id) ?? []).map((m) => ({
          name: m.name,
          idNumber: m.id_number,
          birthDate: m.birth_date,
          sex: m.sex,
          relation: m.relation,
        })),
        last: last
          ? {
              period: last.period,
              classification: last.classification,
              deprivations: last.deprivations ? last.deprivations.split(',') : [],
              status: last.status,
              frozen: last.frozen === 1,
              answers: recordOf.get(h.id) as unknown as Record<string, unknown>,
            }
          : null,
      };
    }),
  };
}

export type AssignmentPackage = Awaited<ReturnType<typeof assignmentPackage>>;

/**
 * The assignment behind a device's token, in force: a revoked one, one of a disabled account, one
 * of another account, or an unknown token (the device holds data nobody handed it) is OFFLINE_WIPE.
 */
async function assignmentInForce(db: Executor, token: string, userId?: number) {
  const a = await findAssignment(db, sha256(token));
  if (!a || a.revoked_at !== null || a.active !== 1 || (userId !== undefined && a.user_id !== userId))
    throw new AppError('OFFLINE_WIPE');
  return a;
}

/** What a device asks at each contact, signed in or not: whether to keep its data. */
export async function assignmentStatus(deps: Deps, token: string) {
  const a = await assignmentInForce(deps.db.kysely, token);
  return { active: true as const, unitCode: a.unit_code, period: a.period };
}

/** Revokes every offline assignment of an account: its devices wipe themselves at the next contact. */
export async function revokeUserAssignments(deps: Deps, actor: Actor, userId: number) {
  requirePermission(actor, 'users.manage');
  const db = deps.db.kysely;
  // An id no account can have (past the column's 32-bit range) is answered like a missing one,
  // before PostgreSQL would refuse the number.
  if (!Number.isSafeInteger(userId) || userId > 2_147_483_647 || !(await findUserById(db, userId)))
    throw new AppError('NOT_FOUND', { what: `user ${userId}` }, { field: 'userId' });
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const revoked = await revokeAssignments(trx, userId, at);
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'offline.revoke',
      entity: 'user',
      entityId: String(userId),
      after: { revoked },
    });
    return { revoked };
  });
}

export interface SyncItem {
  /** The device's id of this survey (a UUID): the idempotency key, with the account. */
  clientId: string;
  householdId: string;
  /** The household's version the officer started from; null for a household added on the device. */
  baseVersion: number | null;
  survey: Record<string, unknown>;
  address?: string | null;
  villageId?: number | null;
  confirmDuplicates?: boolean;
  photo?: string;
  /** `at`: when the device took the position (its clock), if it said. */
  position?: { lat: number; lon: number; accuracy: number; at?: string };
}

interface ErrorOf {
  code: string;
  field: string | null;
  message: string;
  messageEn: string;
  errors?: unknown;
  duplicates?: unknown;
}

type Applied = {
  clientId: string;
  status: 'applied' | 'duplicate';
  householdId: string;
  version: number | null;
  classification: string | null;
  deprivations: string[];
  regularReview: { communeCode: string; period: number; caseKey: string } | null;
};

export type SyncResult =
  | Applied
  | { clientId: string; status: 'conflict'; householdId: string; server: unknown }
  | { clientId: string; status: 'rejected'; householdId: string; error: ErrorOf };

function errorOf(err: AppError): ErrorOf {
  const body = err.toJSON('vi') as unknown as Record<string, unknown>;
  const out: ErrorOf = {
    code: err.code,
    field: err.field ?? null,
    message: String(body.message),
    messageEn: String(body.messageEn),
  };
  if (body.errors !== undefined) out.errors = body.errors;
  if (body.duplicates !== undefined) out.duplicates = body.duplicates;
  return out;
}

/**
 * Applies a device's queued surveys in their order, each in its own transaction; one refused
 * survey does not stop the others. The answer has one result per survey, in the same order.
 */
export async function syncSurveys(
  deps: Deps,
  actor: Actor,
  input: { assignment: string; items: SyncItem[] },
): Promise<{ results: SyncResult[] }> {
  requirePermission(actor, 'offline.survey');
  // A conflict answers the server's household as it is: only to those who may read people.
  requirePersonalData(actor);
  const user = userActor(actor);
  const db = deps.db.kysely;
  const a = await assignmentInForce(db, input.assignment, user.id);
  if (input.items.length > SYNC_BATCH_MAX)
    throw new AppError('OFFLINE_BATCH_TOO_LARGE', { max: SYNC_BATCH_MAX, count: input.items.length });
  const codes = new Set(await codesOfCommune(db, a.unit_code));
  const results: SyncResult[] = [];
  for (const item of input.items) results.push(await syncOne(deps, user, a, codes, item));
  return { results };
}

/** The answers of a household's latest survey, or null. */
async function latestAnswers(db: Executor, provinceCode: string, key: string) {
  const h = await findHouseholdByKey(db, provinceCode, key);
  const last = h ? (await listResults(db, provinceCode, h.id)).at(-1) : undefined;
  return last ? ((await readAnswers(db, [last]))[0] as unknown as Record<string, unknown>) : null;
}

async function syncOne(
  deps: Deps,
  user: Extract<Actor, { kind: 'user' }>,
  a: { id: number; period: number },
  codes: ReadonlySet<string>,
  item: SyncItem,
): Promise<SyncResult> {
  const db = deps.db.kysely;
  const first = await findSyncRecord(db, user.id, item.clientId);
  if (first) return { ...(JSON.parse(first.result_json) as Applied), status: 'duplicate' };
  const rejected = (err: AppError): SyncResult => ({
    clientId: item.clientId,
    status: 'rejected',
    householdId: item.householdId,
    error: errorOf(err),
  });
  if (item.survey.householdId !== item.householdId)
    return rejected(
      new AppError(
        'OFFLINE_ITEM_HOUSEHOLD_MISMATCH',
        {
          clientId: item.clientId,
          survey: String(item.survey.householdId ?? ''),
          householdId: item.householdId,
        },
        { field: 'householdId' },
      ),
    );
  const unitCode = typeof item.survey.unitCode === 'string' ? item.survey.unitCode : '';
  if (!codes.has(unitCode))
    return rejected(
      new AppError(
        'OFFLINE_ITEM_OUTSIDE_ASSIGNMENT',
        { clientId: item.clientId, unitCode, assignment: a.id },
        { field: 'unitCode' },
      ),
    );
  try {
    let applied: Applied | undefined;
    await saveHousehold(
      deps,
      user,
      {
        survey: item.survey,
        // A household added on the device has no version: 0 makes one created meanwhile a conflict.
        expectedVersion: item.baseVersion ?? 0,
        period: a.period,
        ...(item.address !== undefined ? { address: item.address } : {}),
        ...(item.villageId !== undefined ? { villageId: item.villageId } : {}),
        confirmDuplicates: item.confirmDuplicates === true,
      },
      async (trx, outcome, where) => {
        applied = outcome.saved
          ? {
              clientId: item.clientId,
              status: 'applied',
              householdId: outcome.householdId,
              version: outcome.version,
              classification: outcome.classification,
              deprivations: outcome.deprivations,
              regularReview: null,
            }
          : {
              clientId: item.clientId,
              status: 'applied',
              householdId: item.householdId,
              version: null,
              classification: null,
              deprivations: [],
              regularReview: outcome.regularReview,
            };
        await insertSyncRecord(trx, {
          user_id: user.id,
          client_id: item.clientId,
          household_key: item.householdId,
          result_json: JSON.stringify(applied),
          photo: item.photo ?? null,
          position_json: item.position ? JSON.stringify(item.position) : null,
          created_at: nowIso(deps),
          province_code: where.provinceCode,
        });
      },
    );
    return applied!;
  } catch (err) {
    // The same survey sent twice at once: the other request recorded it first.
    const raced = await findSyncRecord(db, user.id, item.clientId);
    if (raced) return { ...(JSON.parse(raced.result_json) as Applied), status: 'duplicate' };
    if (!isAppError(err)) throw err;
    if (err.code === 'CONFLICT') {
      // In scope (saveHousehold checked it before telling the version), already masked per
      // permission; with the answers of its latest survey for the side-by-side screen.
      const theirs = (err.data?.theirs ?? null) as { provinceCode?: string } | null;
      const answers =
        theirs && typeof theirs.provinceCode === 'string'
          ? await latestAnswers(db, theirs.provinceCode, item.householdId)
          : null;
      return {
        clientId: item.clientId,
        status: 'conflict',
        householdId: item.householdId,
        server: theirs ? { ...theirs, answers } : null,
      };
    }
    return rejected(err);
  }
}
