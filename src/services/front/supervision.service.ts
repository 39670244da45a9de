// Supervision by the Fatherland Front (issue 16): plans (topic, units, dates), visits with their
// findings, recommendations to a unit's People's Committee with a deadline, the committee's answer
// (text, attachments, status), the board of overdue answers and the Front's queue of citizens'
// feedback routed to it. The Front writes within its unit; officers of the addressed unit answer.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors.js';
import { requireNotAfter } from '../../domain/dates.js';
import { listOf } from '../../domain/input.js';
import {
  ANSWER_STATUSES,
  daysOverdue,
  recommendationState,
  reformCarriesDuty,
  type RecommendationState,
} from '../../domain/front/supervision.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  answerRecommendation as writeAnswer,
  findPlan,
  findRecommendation,
  insertFile,
  insertPlan,
  insertRecommendation,
  insertVisit,
  listFiles,
  listPlans,
  listRecommendations,
  listVisits,
  type PlanRecord,
  type RecommendationRecord,
} from '../../db/repositories/front.repository.js';
import { inScope, isWithinScope, requirePermission, requireUnitAccess } from '../access.js';
import { listLinksOfCode } from '../../db/repositories/succession.repository.js';
import { actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { todayVn } from '../input.js';
import { personalDataFor } from '../personal-data.js';
import { listFeedbackForTriage } from '../public/feedback.service.js';
import { reqDate, reqEnum, reqId, reqText } from '../finance/common.js';
import { audit, unitAt, unitNameOf } from './common.js';
import { frontFileDir, MAX_FRONT_FILE_MB, type UploadedFrontFile } from './houses.service.js';

export { MAX_FRONT_FILE_MB };

async function loadPlan(db: Executor, actor: Actor, id: unknown, field = 'planId'): Promise<PlanRecord> {
  const n = reqId(id, field);
  return inScope(
    db,
    actor,
    await findPlan(db, n),
    (p) => p.unit_code,
    () => new AppError('FRONT_PLAN_NOT_FOUND', { id: n }, { field }),
  );
}

/**
 * Whether the actor answers for the unit a recommendation (or a supervision) is addressed to, on
 * `today`: the addressed unit or one above it and, from the reform's first day, the unit that
 * succeeded it — whose officers include those of every unit merged into it (decision 0039).
 */
export async function answersFor(db: Executor, actor: Actor, addressee: string, today: string) {
  return isWithinScope(db, actor, addressee, { reformLinks: reformCarriesDuty(today) });
}

/** A recommendation the actor may see: its Front's unit within scope, or it answers for the addressee. */
export async function loadRecommendation(
  db: Executor,
  actor: Actor,
  id: unknown,
  today: string,
  field = 'id',
) {
  const n = reqId(id, field);
  const r = await findRecommendation(db, n);
  if (
    r &&
    ((await isWithinScope(db, actor, r.front_unit_code)) ||
      (await answersFor(db, actor, r.addressee_unit_code, today)))
  )
    return r;
  throw new AppError('FRONT_RECOMMENDATION_NOT_FOUND', { id: n }, { field });
}

export interface PlanInput {
  unitCode?: unknown;
  topic?: unknown;
  startDate?: unknown;
  endDate?: unknown;
  units?: unknown;
}

export async function createPlan(deps: Deps, actor: Actor, input: PlanInput) {
  requirePermission(actor, 'front.write');
  const db = deps.db.kysely;
  const topic = reqText(input.topic, 'topic', 500);
  const startDate = reqDate(input.startDate, 'startDate');
  const endDate = reqDate(input.endDate, 'endDate');
  if (endDate < startDate)
    throw new AppError('FIELD_INVALID', { field: 'endDate', detail: `< ${startDate}` }, { field: 'endDate' });
  const unit = await unitAt(db, input.unitCode, startDate);
  await requireUnitAccess(db, actor, unit.code);
  const units: string[] = [];
  for (const [i, raw] of listOf(input.units ?? [], 'units').entries()) {
    const u = await unitAt(db, raw, startDate, `units[${i}]`);
    await requireUnitAccess(db, actor, u.code);
    if (!units.includes(u.code)) units.push(u.code);
  }
  if (units.length === 0) throw new AppError('FIELD_REQUIRED', { field: 'units' }, { field: 'units' });
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const row = await insertPlan(trx, {
      province_code: unit.province_code,
      unit_code: unit.code,
      topic,
      start_date: startDate,
      end_date: endDate,
      units_json: JSON.stringify(units),
      created_at: at,
      created_by: actorName(actor),
    });
    await audit(trx, actor, at, {
      action: 'create',
      entity: 'front_plan',
      id: row.id,
      unitCode: row.unit_code,
      provinceCode: row.province_code,
      after: row,
    });
    return row;
  });
}

export async function addVisit(
  deps: Deps,
  actor: Actor,
  planId: unknown,
  input: { unitCode?: unknown; date?: unknown; findings?: unknown },
) {
  requirePermission(actor, 'front.write');
  const db = deps.db.kysely;
  const date = requireNotAfter(reqDate(input.date, 'date'), todayVn(deps), 'date');
  const findings = reqText(input.findings, 'findings', 10_000);
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const plan = await loadPlan(trx, actor, planId, 'id');
    const unitCode = reqText(input.unitCode, 'unitCode', 10);
    if (!(JSON.parse(plan.units_json) as string[]).includes(unitCode))
      throw new AppError(
        'FIELD_INVALID',
        { field: 'unitCode', detail: 'không thuộc kế hoạch / not in the plan' },
        { field: 'unitCode' },
      );
    const row = await insertVisit(trx, {
      province_code: plan.province_code,
      plan_id: plan.id,
      unit_code: unitCode,
      visit_date: date,
      findings,
      created_at: at,
      created_by: actorName(actor),
    });
    await audit(trx, actor, at, {
      action: 'visit',
      entity: 'front_plan',
      id: plan.id,
      unitCode,
      provinceCode: plan.province_code,
      after: row,
    });
    return row;
  });
}

export async function addRecommendation(
  deps: Deps,
  actor: Actor,
  planId: unknown,
  input: { addresseeUnitCode?: unknown; content?: unknown; issuedOn?: unknown; deadline?: unknown },
) {
  requirePermission(actor, 'front.write');
  const db = deps.db.kysely;
  const issuedOn = requireNotAfter(reqDate(input.issuedOn, 'issuedOn'), todayVn(deps), 'issuedOn');
  const deadline = reqDate(input.deadline, 'deadline');
  if (deadline < issuedOn)
    throw new AppError(
      'FIELD_INVALID',
      { field: 'deadline', detail: `< ${issuedOn}` },
      { field: 'deadline' },
    );
  const content = reqText(input.content, 'content', 10_000);
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const plan = await loadPlan(trx, actor, planId, 'id');
    const addressee = await unitAt(trx, input.addresseeUnitCode, issuedOn, 'addresseeUnitCode');
    await requireUnitAccess(trx, actor, addressee.code);
    const row = await insertRecommendation(trx, {
      province_code: plan.province_code,
      plan_id: plan.id,
      front_unit_code: plan.unit_code,
      addressee_unit_code: addressee.code,
      content,
      issued_on: issuedOn,
      deadline,
      answered_on: null,
      answer_status: null,
      answer_text: null,
      answered_by: null,
      created_at: at,
      created_by: actorName(actor),
    });
    await audit(trx, actor, at, {
      action: 'recommend',
      entity: 'front_recommendation',
      id: row.id,
      unitCode: addressee.code,
      provinceCode: row.province_code,
      after: row,
    });
    return recommendationView(trx, row, todayVn(deps), []);
  });
}

export interface AnswerInput {
  status?: unknown;
  text?: unknown;
  /** The day the answer was sent (default today; never after today). */
  answeredOn?: unknown;
  version?: unknown;
}

/**
 * The addressed committee's answer, once: only an actor holding `front.answer` whose scope covers
 * the addressed unit (the Front reads it, but does not answer itself).
 */
export async function answerRecommendation(
  deps: Deps,
  actor: Actor,
  id: unknown,
  input: AnswerInput,
  files: readonly UploadedFrontFile[] = [],
) {
  requirePermission(actor, 'front.answer');
  const db = deps.db.kysely;
  const today = todayVn(deps);
  const status = reqEnum(input.status, ANSWER_STATUSES, 'status');
  const text = reqText(input.text, 'text', 10_000);
  const answeredOn =
    input.answeredOn === undefined || input.answeredOn === null || input.answeredOn === ''
      ? today
      : requireNotAfter(reqDate(input.answeredOn, 'answeredOn'), today, 'answeredOn');
  const at = nowIso(deps);
  const stored: { name: string; file: UploadedFrontFile; size: number }[] = [];
  for (const f of files) {
    const name = `${crypto.randomBytes(16).toString('hex')}${path
      .extname(f.fileName)
      .toLowerCase()
      .replace(/[^.a-z0-9]/g, '')}`;
    await fs.mkdir(frontFileDir(deps), { recursive: true });
    await fs.copyFile(f.path, path.join(frontFileDir(deps), name));
    stored.push({ name, file: f, size: (await fs.stat(f.path)).size });
  }
  return db.transaction().execute(async (trx) => {
    const notFound = () =>
      new AppError('FRONT_RECOMMENDATION_NOT_FOUND', { id: String(id) }, { field: 'id' });
    const r = await loadRecommendation(trx, actor, id, today);
    // Only the addressed unit (or its successor) answers: a recommendation seen through the
    // Front's unit alone reads as missing.
    if (!(await answersFor(trx, actor, r.addressee_unit_code, today))) throw notFound();
    if (r.answered_on !== null) throw new AppError('CONFLICT', { expected: r.version, actual: r.version });
    if (answeredOn < r.issued_on)
      throw new AppError(
        'FIELD_INVALID',
        { field: 'answeredOn', detail: `< ${r.issued_on}` },
        { field: 'answeredOn' },
      );
    if (
      !(await writeAnswer(trx, r.id, r.version, {
        answered_on: answeredOn,
        answer_status: status,
        answer_text: text,
        answered_by: actorName(actor),
      }))
    )
      throw new AppError('CONFLICT', { expected: r.version, actual: r.version + 1 });
    for (const s of stored)
      await insertFile(trx, {
        province_code: r.province_code,
        owner: 'answer',
        owner_id: r.id,
        stage: null,
        file_name: path.basename(s.file.fileName),
        stored_name: s.name,
        content_type: s.file.contentType || 'application/octet-stream',
        size: s.size,
        created_at: at,
        created_by: actorName(actor),
      });
    const after = (await findRecommendation(trx, r.id))!;
    await audit(trx, actor, at, {
      action: 'answer',
      entity: 'front_recommendation',
      id: r.id,
      unitCode: r.addressee_unit_code,
      provinceCode: r.province_code,
      before: r,
      after,
    });
    return recommendationView(trx, after, today, await listFiles(trx, 'answer', [r.id]));
  });
}

export interface RecommendationView {
  id: number;
  planId: number;
  frontUnitCode: string;
  addresseeUnitCode: string;
  addresseeName: string;
  /**
   * The unit that owes the answer today when the reform merged the addressee into another (its
   * name today, several joined for a split), or null (decision 0039).
   */
  successorName: string | null;
  content: string;
  issuedOn: string;
  deadline: string;
  state: RecommendationState;
  daysOverdue: number;
  answeredOn: string | null;
  answerStatus: string | null;
  answerText: string | null;
  answeredBy: string | null;
  attachments: { id: number; fileName: string; size: number }[];
  version: number;
}

/** The name today of the unit(s) that succeeded the addressee, when the reform fell between. */
async function successorNameOf(db: Executor, code: string, issuedOn: string, today: string) {
  if (!reformCarriesDuty(today) || reformCarriesDuty(issuedOn)) return null;
  const successors = [
    ...new Set(
      (await listLinksOfCode(db, code))
        .filter((l) => l.predecessor_code === code)
        .map((l) => l.successor_code),
    ),
  ].sort();
  if (successors.length === 0) return null;
  const before = await unitNameOf(db, code, issuedOn);
  const names = await Promise.all(successors.map((c) => unitNameOf(db, c, today)));
  return names.length === 1 && names[0] === before ? null : names.join(', ');
}

async function recommendationView(
  db: Executor,
  r: RecommendationRecord,
  today: string,
  files: { id: number; owner_id: number; file_name: string; size: number }[],
): Promise<RecommendationView> {
  const state = recommendationState(r.deadline, r.answered_on, today);
  return {
    id: r.id,
    planId: r.plan_id,
    frontUnitCode: r.front_unit_code,
    addresseeUnitCode: r.addressee_unit_code,
    addresseeName: await unitNameOf(db, r.addressee_unit_code, r.issued_on),
    successorName: await successorNameOf(db, r.addressee_unit_code, r.issued_on, today),
    content: r.content,
    issuedOn: r.issued_on,
    deadline: r.deadline,
    state,
    daysOverdue: daysOverdue(r.deadline, r.answered_on ?? today),
    answeredOn: r.answered_on,
    answerStatus: r.answer_status,
    answerText: r.answer_text,
    answeredBy: r.answered_by,
    attachments: files
      .filter((f) => f.owner_id === r.id)
      .map((f) => ({ id: f.id, fileName: f.file_name, size: f.size })),
    version: r.version,
  };
}

async function visibleRecommendations(
  deps: Deps,
  actor: Actor,
  q: { planIds?: number[]; open?: boolean } = {},
) {
  const db = deps.db.kysely;
  const today = todayVn(deps);
  const rows = await listRecommendations(db, q);
  const out: RecommendationRecord[] = [];
  for (const r of rows)
    if (
      (await isWithinScope(db, actor, r.front_unit_code)) ||
      (await answersFor(db, actor, r.addressee_unit_code, today))
    )
      out.push(r);
  const files = await listFiles(
    db,
    'answer',
    out.map((r) => r.id),
  );
  return Promise.all(out.map((r) => recommendationView(db, r, today, files)));
}

/** The recommendations the actor may see (its Front's, or addressed to its unit), optionally by state. */
export async function listRecommendationsFor(deps: Deps, actor: Actor, q: { state?: unknown } = {}) {
  requirePermission(actor, 'front.read');
  const state =
    q.state === undefined || q.state === ''
      ? undefined
      : reqEnum(q.state, ['awaiting', 'overdue', 'answered', 'answered-late'] as const, 'state');
  const all = await visibleRecommendations(deps, actor);
  return state ? all.filter((r) => r.state === state) : all;
}

/** The board of overdue answers: unanswered past their deadline, the longest overdue first. */
export async function overdueBoard(deps: Deps, actor: Actor) {
  requirePermission(actor, 'front.read');
  const open = await visibleRecommendations(deps, actor, { open: true });
  return open
    .filter((r) => r.state === 'overdue')
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.id - b.id);
}

/** The plans the actor may see, with their visits and recommendations. */
export async function listPlansFor(deps: Deps, actor: Actor) {
  requirePermission(actor, 'front.read');
  const db = deps.db.kysely;
  const today = todayVn(deps);
  const plans: PlanRecord[] = [];
  for (const p of await listPlans(db)) {
    const units = JSON.parse(p.units_json) as string[];
    if (await isWithinScope(db, actor, p.unit_code)) plans.push(p);
    else
      for (const u of units)
        if (await answersFor(db, actor, u, today)) {
          plans.push(p);
          break;
        }
  }
  const ids = plans.map((p) => p.id);
  const visits = await listVisits(db, ids);
  const recs = await visibleRecommendations(deps, actor, { planIds: ids });
  return Promise.all(
    plans.map(async (p) => {
      const units = JSON.parse(p.units_json) as string[];
      return {
        id: p.id,
        unitCode: p.unit_code,
        unitName: await unitNameOf(db, p.unit_code, p.start_date),
        topic: p.topic,
        startDate: p.start_date,
        endDate: p.end_date,
        units: await Promise.all(
          units.map(async (code) => ({ code, name: await unitNameOf(db, code, p.start_date) })),
        ),
        visits: visits
          .filter((v) => v.plan_id === p.id)
          .map((v) => ({ id: v.id, unitCode: v.unit_code, date: v.visit_date, findings: v.findings })),
        recommendations: recs.filter((r) => r.planId === p.id),
      };
    }),
  );
}

/**
 * The Front's queue: citizens' feedback routed to it (feedback on the program in general, which
 * no commune owns, and feedback of the units in its scope) that is not answered yet. The
 * complainant's name and contact pass through the actor's masking step.
 */
export async function feedbackQueue(deps: Deps, actor: Actor) {
  requirePermission(actor, 'feedback.triage');
  const pd = personalDataFor(actor);
  // 100 is the most listFeedbackForTriage accepts per call (it refuses more with FIELD_INVALID).
  const items = [
    ...(await listFeedbackForTriage(deps, actor, { status: 'received', limit: 100 })),
    ...(await listFeedbackForTriage(deps, actor, { status: 'in-progress', limit: 100 })),
  ];
  return items
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
    .map((f) => ({
      id: f.id,
      code: f.code,
      kind: f.kind,
      communeCode: f.communeCode,
      routedToFront: f.communeCode === null,
      name: pd.name(f.name),
      contact: pd.hidden(f.contact),
      subject: f.subject,
      status: f.status,
      createdAt: f.createdAt,
    }));
}
