// Citizens' comments on articles: sent with a solved captcha, held for moderation (pending →
// published, or rejected with a reason), counted on the page once published. Stored as plain
// text: the pages escape it; no HTML from a visitor is ever kept or rendered as markup.
import { AppError } from '../../errors.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import {
  findArticleById,
  findComment,
  insertComment,
  listComments,
  updateComment,
} from '../../db/repositories/portal.repository.js';
import { requirePermission } from '../access.js';
import { publicTransaction } from './changes.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { checkCaptcha, spendCaptcha } from './captcha.service.js';
import { oneOf, optionalText, pageOf, positiveId, requiredText } from './validate.js';
import { COMMENT_STATUSES, type CommentStatus } from '../../domain/public/statuses.js';

export interface CommentInput {
  articleId?: unknown;
  name?: unknown;
  body?: unknown;
  captcha?: unknown;
  /** Honeypot: a field hidden from people; only robots fill it in. */
  website?: unknown;
}

export interface SubmittedComment {
  /** null when the honeypot caught a robot (nothing was stored; the answer looks the same). */
  id: number | null;
  status: 'pending';
}

/** Control characters other than line breaks and tabs have no place in a comment. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

export async function submitComment(deps: Deps, input: CommentInput): Promise<SubmittedComment> {
  if (input.captcha === undefined || input.captcha === null || input.captcha === '') {
    throw new AppError('CAPTCHA_INVALID', {}, { field: 'captcha' });
  }
  const articleId = positiveId(input.articleId, 'articleId');
  const name = plain(requiredText(input.name, 'name', 100));
  const body = plain(requiredText(input.body, 'body', 3000));
  const honey = optionalText(input.website, 'website', 500);
  const captcha = await checkCaptcha(deps, input.captcha);
  const at = nowIso(deps);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const article = await findArticleById(trx, articleId);
    if (
      !article ||
      article.status !== 'published' ||
      article.published_at === null ||
      article.published_at > at
    ) {
      throw new AppError('ARTICLE_NOT_FOUND', { id: articleId }, { field: 'articleId' });
    }
    await spendCaptcha(deps, trx, captcha);
    if (honey) return { id: null, status: 'pending' as const };
    const row = await insertComment(trx, {
      article_id: articleId,
      name,
      body,
      status: 'pending',
      reject_reason: null,
      moderated_by: null,
      moderated_at: null,
      created_at: at,
    });
    return { id: row.id, status: 'pending' as const };
  });
}

export interface CommentView {
  id: number;
  articleId: number;
  articleTitle: string;
  articleSlug: string;
  name: string;
  body: string;
  status: CommentStatus;
  rejectReason: string | null;
  moderatedBy: string | null;
  moderatedAt: string | null;
  createdAt: string;
}

export async function listCommentsForModeration(
  deps: Deps,
  actor: Actor,
  q: { status?: unknown; articleId?: unknown; limit?: unknown; offset?: unknown } = {},
): Promise<CommentView[]> {
  requirePermission(actor, 'portal.moderate');
  const page = pageOf(q.limit, q.offset);
  const status =
    q.status === undefined || q.status === '' ? undefined : oneOf(q.status, 'status', COMMENT_STATUSES);
  const articleId =
    q.articleId === undefined || q.articleId === '' ? undefined : positiveId(q.articleId, 'articleId');
  const rows = await listComments(deps.db.kysely, {
    ...page,
    ...(status ? { status } : {}),
    ...(articleId ? { articleId } : {}),
  });
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    articleTitle: r.article_title,
    articleSlug: r.article_slug,
    name: r.name,
    body: r.body,
    // Written only as one of COMMENT_STATUSES (submitComment, moderateComment).
    status: r.status as CommentStatus,
    rejectReason: r.reject_reason,
    moderatedBy: r.moderated_by,
    moderatedAt: r.moderated_at,
    createdAt: r.created_at,
  }));
}

export async function moderateComment(
  deps: Deps,
  actor: Actor,
  idValue: unknown,
  input: { decision?: unknown; reason?: unknown },
): Promise<{ id: number; status: CommentStatus; rejectReason: string | null }> {
  requirePermission(actor, 'portal.moderate');
  const id = positiveId(idValue, 'id');
  const decision = oneOf(input.decision, 'decision', ['publish', 'reject'] as const);
  const reason = decision === 'reject' ? requiredText(input.reason, 'reason', 500) : null;
  const status = decision === 'publish' ? 'published' : 'rejected';
  const at = nowIso(deps);
  return publicTransaction(deps, async (trx) => {
    const current = await findComment(trx, id);
    if (!current) throw new AppError('COMMENT_NOT_FOUND', { id });
    const row = await updateComment(trx, id, {
      status,
      reject_reason: reason,
      moderated_by: actorName(actor),
      moderated_at: at,
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: decision,
      entity: 'comment',
      entityId: String(id),
      before: { status: current.status },
      after: { status, reason },
    });
    return { id, status: (row?.status as CommentStatus | undefined) ?? status, rejectReason: reason };
  });
}
