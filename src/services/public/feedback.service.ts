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
import { requirePermission, scopeOf, unitWithinScope } from '../access.js';
import type { Executor } from '../../db/repositories/executor.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { checkCaptcha, spendCaptcha } from './captcha.service.js';
import { findListedHouseholdKey, findPeriodicCampaign } from '../../db/repositories/open-lists.repository.js';
import { transition } from '../registry/campaign.service.js';
import { vnDateOf } from '../../domain/dates.js';
import { POSTING_STEP } from './open-lists.service.js';
import { oneOf, optionalText, pageOf, positiveId, requiredText } from './validate.js';

import {
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  type FeedbackKind,
  type FeedbackStatus,
} from '../../domain/public/statuses.js';

export { FEEDBACK_KINDS, FEEDBACK_STATUSES };

export interface FeedbackInput {
  kind?: unknown;
  communeCode?: unknown;
  name?: unknown;
  contact?: unknown;
  subject?: unknown;
  body?: unknown;
  /** A household of the posted list (its public reference): the feedback becomes a complaint about it. */
  householdRef?: unknown;
  captcha?: unknown;
  website?: unknown;
}

/** Who files a complaint that came through the portal (the audit trail and the campaign timeline say so). */
export const PORTAL_ACTOR: Actor = { kind: 'system', username: 'cong-thong-tin' };

interface ComplaintRef {
  campaignId: number;
  communeCode: string;
  period: number;
  complaintId: number;
}

export async function submitFeedback(
  deps: Deps,
  input: FeedbackInput,
): Promise<{ code: string | null; status: 'received'; complaintFiled?: boolean }> {
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
  // A feedback about one household of a posted list is a complaint in that commune's campaign.
  let target: { householdKey: string; period: number } | undefined;
  const refText = optionalText(input.householdRef, 'householdRef', 20);
  if (refText !== null) {
    if (kind !== 'list' || !communeCode) {
      throw new AppError('FIELD_REQUIRED', { field: 'communeCode' }, { field: 'communeCode' });
    }
    const ref = positiveId(refText, 'householdRef');
    const campaign = await findPeriodicCampaign(deps.db.kysely, communeCode);
    const householdKey =
      campaign && campaign.step === POSTING_STEP
        ? await findListedHouseholdKey(deps.db.kysely, {
            provinceCode: campaign.province_code,
            communeCode: campaign.commune_code,
            communeValidFrom: campaign.commune_valid_from,
            period: campaign.period,
            ref,
          })
        : undefined;
    if (!campaign || !householdKey) {
      throw new AppError(
        'FIELD_INVALID',
        { field: 'householdRef', detail: 'không có trong danh sách đang niêm yết / not on a posted list' },
        { field: 'householdRef' },
      );
    }
    target = { householdKey, period: campaign.period };
  }
  const captcha = await checkCaptcha(deps, input.captcha);
  const at = nowIso(deps);
  const stored = await deps.db.kysely.transaction().execute(async (trx) => {
    await spendCaptcha(deps, trx, captcha);
    if (honey) return { code: null, status: 'received' as const, id: null };
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
      return { code, status: 'received' as const, id: row.id };
    }
    throw new AppError('INTERNAL');
  });
  if (!target || stored.code === null || !communeCode) return { code: stored.code, status: 'received' };
  // The complaint is filed through the campaign's own use case (its transaction, its rules, its
  // timeline). Should that fail (the posting window was closed in between), the feedback stays
  // received for the officers to handle, without a complaint reference.
  try {
    const view = await transition(deps, PORTAL_ACTOR, {
      communeCode,
      period: target.period,
      action: {
        type: 'file-complaint',
        householdKey: target.householdKey,
        complainant: name,
        receivedOn: vnDateOf(deps.now()),
        text: `${subject}\n${body} (${stored.code})`,
      },
    });
    const complaint = view.state.complaints[view.state.complaints.length - 1];
    if (view.id !== null && complaint) {
      const ref: ComplaintRef = {
        campaignId: view.id,
        communeCode,
        period: target.period,
        complaintId: complaint.id,
      };
      await updateFeedback(deps.db.kysely, stored.id!, {
        complaint_ref: JSON.stringify(ref),
        status: 'in-progress',
        updated_at: at,
      });
      return { code: stored.code, status: 'received', complaintFiled: true };
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
  return { code: stored.code, status: 'received', complaintFiled: false };
}

/** What the citizen sees with the code: the subject, the status and the answer; nothing else. */
export interface FeedbackStatusView {
  code: string;
  kind: FeedbackKind;
  subject: string;
  status: FeedbackStatus;
  response: string | null;
  createdAt: string;
  updatedAt: string;
  /** When the feedback became a complaint in a review campaign: its state there. */
  complaint: {
    status: 'open' | 'accepted' | 'rejected';
    reason: string | null;
    resolvedOn: string | null;
  } | null;
}

/** The state of the complaint a feedback became, read from the campaign (the source of truth). */
async function complaintOf(deps: Deps, refJson: string | null): Promise<FeedbackStatusView['complaint']> {
  if (!refJson) return null;
  const ref = JSON.parse(refJson) as ComplaintRef;
  const campaign = await findPeriodicCampaign(deps.db.kysely, ref.communeCode, ref.period);
  if (!campaign || campaign.id !== ref.campaignId) return null;
  const state = JSON.parse(campaign.state_json) as {
    state?: {
      complaints?: {
        id: number;
        status: 'open' | 'accepted' | 'rejected';
        reason: string | null;
        resolvedOn: string | null;
      }[];
    };
  };
  const c = state.state?.complaints?.find((x) => x.id === ref.complaintId);
  return c ? { status: c.status, reason: c.reason, resolvedOn: c.resolvedOn } : null;
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
    // Stored only after oneOf against these lists (submitFeedback, respondToFeedback).
    kind: row.kind as FeedbackKind,
    subject: row.subject,
    status: row.status as FeedbackStatus,
    response: row.response,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    complaint: await complaintOf(deps, row.complaint_ref),
  };
}

export interface FeedbackView extends Omit<FeedbackStatusView, 'complaint'> {
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
    kind: r.kind as FeedbackKind,
    communeCode: r.commune_code,
    name: r.name,
    contact: r.contact,
    subject: r.subject,
    body: r.body,
    status: r.status as FeedbackStatus,
    response: r.response,
    handledBy: r.handled_by,
    complaintRef: r.complaint_ref,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Whether the actor may see this feedback: feedback without a commune is for unscoped staff and
 * the Front only. Runs on the caller's executor (inside a transaction, the transaction's).
 */
async function visibleTo(
  db: Executor,
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
    ok = await unitWithinScope(db, scope, r.commune_code);
    cache.set(r.commune_code, ok);
  }
  return ok;
}

export async function listFeedbackForTriage(
  deps: Deps,
  actor: Actor,
  q: { status?: unknown; kind?: unknown; limit?: unknown; offset?: unknown } = {},
): Promise<FeedbackView[]> {
  requirePermission(actor, 'feedback.triage');
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
      if (!(await visibleTo(deps.db.kysely, actor, r, cache))) continue;
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
  requirePermission(actor, 'feedback.triage');
  const id = positiveId(idValue, 'id');
  const status = oneOf(input.status, 'status', FEEDBACK_STATUSES);
  const response = optionalText(input.response, 'response', 5000);
  if ((status === 'answered' || status === 'closed') && !response) {
    throw new AppError('FIELD_REQUIRED', { field: 'response' }, { field: 'response' });
  }
  const at = nowIso(deps);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const current = await findFeedbackById(trx, id);
    if (!current || !(await visibleTo(trx, actor, current, new Map()))) {
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
