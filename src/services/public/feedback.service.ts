// Citizens' feedback and complaints, about a posted household list or about the program. The
// sender gets a follow-up code and can look up the status and the answer with it; officers of the
// commune (and the Fatherland Front, which supervises) triage and answer.
import crypto from 'node:crypto';
import { AppError } from '../../errors.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { findUnitVersions } from '../../db/repositories/units.repository.js';
import {
  findFeedbackByCode,
  findFeedbackById,
  insertFeedback,
  listFeedback,
  updateFeedback,
  type FeedbackRecord,
} from '../../db/repositories/portal.repository.js';
import { FEEDBACK_CODE_PATTERN, feedbackCodeFrom, normaliseFeedbackCode } from '../../domain/public/text.js';
import { requireRole, scopeOf, unitWithinScope } from '../access.js';
import { actorId, actorName, nowIso, type Actor, type Deps, type Role } from '../deps.js';
import { spendCaptcha } from './captcha.service.js';
import { oneOf, optionalText, pageOf, positiveId, requiredText } from './validate.js';

export const FEEDBACK_KINDS = ['list', 'program'] as const;
export const FEEDBACK_STATUSES = ['received', 'in-progress', 'answered', 'closed'] as const;
export const TRIAGE_ROLES: readonly Role[] = ['supervisor', 'commune-officer', 'province-officer'];

export interface FeedbackInput {
  kind?: unknown;
  communeCode?: unknown;
  name?: unknown;
  contact?: unknown;
  subject?: unknown;
  body?: unknown;
  captcha?: unknown;
  website?: unknown;
}

export async function submitFeedback(
  deps: Deps,
  input: FeedbackInput,
): Promise<{ code: string | null; status: 'received' }> {
  if (input.captcha === undefined || input.captcha === null || input.captcha === '') {
    throw new AppError('CAPTCHA_INVALID', {}, { field: 'captcha' });
  }
  const kind = oneOf(input.kind ?? 'program', 'kind', FEEDBACK_KINDS);
  const name = requiredText(input.name, 'name', 100);
  const contact = optionalText(input.contact, 'contact', 200);
  const subject = requiredText(input.subject, 'subject', 300);
  const body = requiredText(input.body, 'body', 5000);
  const communeCode = optionalText(input.communeCode, 'communeCode', 10);
  if (kind === 'list' && !communeCode)
    throw new AppError('FIELD_REQUIRED', { field: 'communeCode' }, { field: 'communeCode' });
  let provinceCode: string | null = null;
  if (communeCode) {
    const versions = await findUnitVersions(deps.db.kysely, communeCode);
    const commune = versions.find((v) => v.level === 'commune');
    if (!commune) throw new AppError('UNIT_NOT_COMMUNE', { code: communeCode }, { field: 'communeCode' });
    provinceCode = commune.province_code;
  }
  const honey = optionalText(input.website, 'website', 500);
  const at = nowIso(deps);
  return deps.db.kysely.transaction().execute(async (trx) => {
    await spendCaptcha(deps, trx, input.captcha);
    if (honey) return { code: null, status: 'received' as const };
    // 32^8 ≈ 10^12 codes: a collision is improbable; retry rather than fail if one happens.
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = feedbackCodeFrom(crypto.randomBytes(8));
      if (await findFeedbackByCode(trx, code)) continue;
      const row = await insertFeedback(trx, {
        code,
        kind,
        commune_code: communeCode,
        province_code: provinceCode,
        name,
        contact,
        subject,
        body,
        status: 'received',
        response: null,
        handled_by: null,
        complaint_ref: null,
        created_at: at,
        updated_at: at,
      });
      await insertAudit(trx, {
        at,
        actorId: null,
        actor: 'public',
        action: 'create',
        entity: 'feedback',
        entityId: String(row.id),
        unitCode: communeCode,
        provinceCode,
        after: { code, kind, subject },
      });
      return { code, status: 'received' as const };
    }
    throw new AppError('INTERNAL');
  });
}

/** What the citizen sees with the code: the subject, the status and the answer; nothing else. */
export interface FeedbackStatusView {
  code: string;
  kind: string;
  subject: string;
  status: string;
  response: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function lookupFeedback(deps: Deps, codeValue: unknown): Promise<FeedbackStatusView> {
  const typed = requiredText(codeValue, 'code', 20);
  const code = normaliseFeedbackCode(typed);
  if (!FEEDBACK_CODE_PATTERN.test(code))
    throw new AppError('FIELD_INVALID', { field: 'code', detail: 'GY-XXXXXXXX' }, { field: 'code' });
  const row = await findFeedbackByCode(deps.db.kysely, code);
  if (!row) throw new AppError('NOT_FOUND', { what: `mã góp ý / feedback code ${code}` }, { field: 'code' });
  return {
    code: row.code,
    kind: row.kind,
    subject: row.subject,
    status: row.status,
    response: row.response,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface FeedbackView extends FeedbackStatusView {
  id: number;
  communeCode: string | null;
  name: string;
  contact: string | null;
  body: string;
  handledBy: string | null;
  complaintRef: string | null;
}

function toView(r: FeedbackRecord): FeedbackView {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    communeCode: r.commune_code,
    name: r.name,
    contact: r.contact,
    subject: r.subject,
    body: r.body,
    status: r.status,
    response: r.response,
    handledBy: r.handled_by,
    complaintRef: r.complaint_ref,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Whether the actor may see this feedback: feedback without a commune is for unscoped staff only. */
async function visibleTo(
  deps: Deps,
  actor: Actor,
  r: FeedbackRecord,
  cache: Map<string, boolean>,
): Promise<boolean> {
  const scope = scopeOf(actor);
  if (scope === null) return true;
  if (actor.kind === 'user' && actor.role === 'supervisor' && r.commune_code === null) return true;
  if (r.commune_code === null) return false;
  let ok = cache.get(r.commune_code);
  if (ok === undefined) {
    ok = await unitWithinScope(deps.db.kysely, scope, r.commune_code);
    cache.set(r.commune_code, ok);
  }
  return ok;
}

export async function listFeedbackForTriage(
  deps: Deps,
  actor: Actor,
  q: { status?: unknown; kind?: unknown; limit?: unknown; offset?: unknown } = {},
): Promise<FeedbackView[]> {
  requireRole(actor, TRIAGE_ROLES);
  const page = pageOf(q.limit, q.offset);
  const status =
    q.status === undefined || q.status === '' ? undefined : oneOf(q.status, 'status', FEEDBACK_STATUSES);
  const kind = q.kind === undefined || q.kind === '' ? undefined : oneOf(q.kind, 'kind', FEEDBACK_KINDS);
  const filter = { ...(status ? { status } : {}), ...(kind ? { kind } : {}) };
  // Scope is applied after the query (it follows unit history); read further pages until full.
  const out: FeedbackView[] = [];
  const cache = new Map<string, boolean>();
  let skipped = 0;
  for (let offset = 0; out.length < page.limit; offset += 200) {
    const rows = await listFeedback(deps.db.kysely, { ...filter, limit: 200, offset });
    for (const r of rows) {
      if (!(await visibleTo(deps, actor, r, cache))) continue;
      if (skipped < page.offset) {
        skipped += 1;
        continue;
      }
      out.push(toView(r));
      if (out.length === page.limit) break;
    }
    if (rows.length < 200) break;
  }
  return out;
}

export async function respondToFeedback(
  deps: Deps,
  actor: Actor,
  idValue: unknown,
  input: { status?: unknown; response?: unknown },
): Promise<FeedbackView> {
  requireRole(actor, TRIAGE_ROLES);
  const id = positiveId(idValue, 'id');
  const status = oneOf(input.status, 'status', FEEDBACK_STATUSES);
  const response = optionalText(input.response, 'response', 5000);
  if ((status === 'answered' || status === 'closed') && !response) {
    throw new AppError('FIELD_REQUIRED', { field: 'response' }, { field: 'response' });
  }
  const at = nowIso(deps);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const current = await findFeedbackById(trx, id);
    if (!current || !(await visibleTo(deps, actor, current, new Map()))) {
      throw new AppError('NOT_FOUND', { what: `góp ý / feedback ${id}` });
    }
    const row = await updateFeedback(trx, id, {
      status,
      response: response ?? current.response,
      handled_by: actorName(actor),
      updated_at: at,
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'respond',
      entity: 'feedback',
      entityId: String(id),
      unitCode: current.commune_code,
      provinceCode: current.province_code,
      before: { status: current.status, response: current.response },
      after: { status, response },
    });
    return toView(row ?? current);
  });
}
