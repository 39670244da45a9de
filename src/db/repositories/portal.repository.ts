// SQL of the public portal: articles and their revisions, photos, categories, comments, citizen
// feedback, the captcha replay guard, counters and site settings. Runs on SQLite and PostgreSQL.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type {
  PortalArticleTable,
  PortalCommentTable,
  PortalFeedbackTable,
  PortalPhotoTable,
} from '../schema.js';
import type { Executor } from './executor.js';

export type ArticleRecord = Selectable<PortalArticleTable>;
export type PhotoRecord = Selectable<PortalPhotoTable>;
export type CommentRecord = Selectable<PortalCommentTable>;
export type FeedbackRecord = Selectable<PortalFeedbackTable>;

// ── categories ────────────────────────────────────────────────────────────────
export async function listCategories(db: Executor) {
  return db.selectFrom('portal_category').selectAll().orderBy('position').execute();
}

export async function findCategory(db: Executor, slug: string) {
  return db.selectFrom('portal_category').selectAll().where('slug', '=', slug).executeTakeFirst();
}

// ── articles ──────────────────────────────────────────────────────────────────
export async function insertArticle(
  db: Executor,
  row: Insertable<PortalArticleTable>,
): Promise<ArticleRecord> {
  return db.insertInto('portal_article').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Updates the article only if it is still at `expectedVersion`; returns the new row or undefined. */
export async function updateArticleIfVersion(
  db: Executor,
  id: number,
  expectedVersion: number,
  patch: Updateable<PortalArticleTable>,
): Promise<ArticleRecord | undefined> {
  return db
    .updateTable('portal_article')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function findArticleById(db: Executor, id: number): Promise<ArticleRecord | undefined> {
  return db.selectFrom('portal_article').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findArticleBySlug(db: Executor, slug: string): Promise<ArticleRecord | undefined> {
  return db.selectFrom('portal_article').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function slugTaken(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('portal_article').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function listArticlesForEditors(
  db: Executor,
  opts: { status?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('portal_article').selectAll();
  if (opts.status) q = q.where('status', '=', opts.status);
  return q
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}

export interface PublicArticleQuery {
  /** ISO instant: only articles published at or before it are public. */
  now: string;
  categorySlug?: string;
  /** Folded search words; every word must appear. */
  terms?: string[];
  limit: number;
  offset: number;
}

function publicArticles(db: Executor, q: Omit<PublicArticleQuery, 'limit' | 'offset'>) {
  let query = db
    .selectFrom('portal_article')
    .where('status', '=', 'published')
    .where('published_at', '<=', q.now);
  if (q.categorySlug) query = query.where('category_slug', '=', q.categorySlug);
  // Guard: the words were stripped of LIKE wildcards by the caller (searchTerms).
  for (const term of q.terms ?? []) query = query.where('search_text', 'like', `%${term}%`);
  return query;
}

export async function listPublicArticles(db: Executor, q: PublicArticleQuery): Promise<ArticleRecord[]> {
  return publicArticles(db, q)
    .selectAll()
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}

export async function countPublicArticles(
  db: Executor,
  q: Omit<PublicArticleQuery, 'limit' | 'offset'>,
): Promise<number> {
  const r = await publicArticles(db, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Slugs and dates of every public article, for the sitemap. */
export async function listPublicArticleSlugs(db: Executor, now: string) {
  return db
    .selectFrom('portal_article')
    .select(['slug', 'updated_at', 'published_at'])
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .execute();
}

export async function insertRevision(
  db: Executor,
  row: {
    article_id: number;
    version: number;
    title: string;
    summary: string;
    body_html: string;
    category_slug: string;
    tags_json: string;
    editor: string;
    created_at: string;
    restored_from?: number | null;
  },
): Promise<void> {
  await db.insertInto('portal_article_revision').values(row).execute();
}

export async function findRevision(db: Executor, articleId: number, version: number) {
  return db
    .selectFrom('portal_article_revision')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listRevisions(db: Executor, articleId: number) {
  return db
    .selectFrom('portal_article_revision')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
}

// ── photos ────────────────────────────────────────────────────────────────────
export async function insertPhoto(db: Executor, row: Insertable<PortalPhotoTable>): Promise<PhotoRecord> {
  return db.insertInto('portal_photo').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function nextPhotoPosition(db: Executor, articleId: number): Promise<number> {
  const r = await db
    .selectFrom('portal_photo')
    .select((eb) => eb.fn.max<number | null>('position').as('p'))
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return (r?.p === null || r?.p === undefined ? 0 : Number(r.p)) + 1;
}

export async function listPhotos(db: Executor, articleIds: readonly number[]): Promise<PhotoRecord[]> {
  // Guard against an empty id list: `IN ()` is a syntax error.
  if (articleIds.length === 0) return [];
  return db
    .selectFrom('portal_photo')
    .selectAll()
    .where('article_id', 'in', articleIds)
    .orderBy('article_id')
    .orderBy('position')
    .execute();
}

export async function findPhoto(db: Executor, id: number): Promise<PhotoRecord | undefined> {
  return db.selectFrom('portal_photo').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePhoto(
  db: Executor,
  id: number,
  patch: Updateable<PortalPhotoTable>,
): Promise<PhotoRecord | undefined> {
  return db.updateTable('portal_photo').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deletePhoto(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('portal_photo').where('id', '=', id).execute();
}

export async function countPhotosWithKey(db: Executor, fileKey: string): Promise<number> {
  const r = await db
    .selectFrom('portal_photo')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('file_key', '=', fileKey)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ── comments ──────────────────────────────────────────────────────────────────
export async function insertComment(
  db: Executor,
  row: Insertable<PortalCommentTable>,
): Promise<CommentRecord> {
  return db.insertInto('portal_comment').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findComment(db: Executor, id: number): Promise<CommentRecord | undefined> {
  return db.selectFrom('portal_comment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateComment(
  db: Executor,
  id: number,
  patch: Updateable<PortalCommentTable>,
): Promise<CommentRecord | undefined> {
  return db.updateTable('portal_comment').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function listComments(
  db: Executor,
  opts: { status?: string; articleId?: number; limit: number; offset: number },
) {
  let q = db
    .selectFrom('portal_comment')
    .innerJoin('portal_article', 'portal_article.id', 'portal_comment.article_id')
    .selectAll('portal_comment')
    .select(['portal_article.title as article_title', 'portal_article.slug as article_slug']);
  if (opts.status) q = q.where('portal_comment.status', '=', opts.status);
  if (opts.articleId !== undefined) q = q.where('portal_comment.article_id', '=', opts.articleId);
  return q
    .orderBy('portal_comment.created_at', 'desc')
    .orderBy('portal_comment.id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}

export async function listPublishedComments(db: Executor, articleId: number): Promise<CommentRecord[]> {
  return db
    .selectFrom('portal_comment')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('status', '=', 'published')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Published comments per article, for the "N bình luận" counts of a list of articles. */
export async function countPublishedComments(
  db: Executor,
  articleIds: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  // Guard against an empty id list: `IN ()` is a syntax error.
  if (articleIds.length === 0) return counts;
  const rows = await db
    .selectFrom('portal_comment')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', 'in', articleIds)
    .where('status', '=', 'published')
    .groupBy('article_id')
    .execute();
  for (const r of rows) counts.set(Number(r.article_id), Number(r.n));
  return counts;
}

// ── feedback ──────────────────────────────────────────────────────────────────
export async function insertFeedback(
  db: Executor,
  row: Insertable<PortalFeedbackTable>,
): Promise<FeedbackRecord> {
  return db.insertInto('portal_feedback').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findFeedbackByCode(db: Executor, code: string): Promise<FeedbackRecord | undefined> {
  return db.selectFrom('portal_feedback').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findFeedbackById(db: Executor, id: number): Promise<FeedbackRecord | undefined> {
  return db.selectFrom('portal_feedback').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateFeedback(
  db: Executor,
  id: number,
  patch: Updateable<PortalFeedbackTable>,
): Promise<FeedbackRecord | undefined> {
  return db.updateTable('portal_feedback').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function listFeedback(
  db: Executor,
  opts: { status?: string; kind?: string; communeCodes?: readonly string[]; limit: number; offset: number },
): Promise<FeedbackRecord[]> {
  let q = db.selectFrom('portal_feedback').selectAll();
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.communeCodes) {
    // Guard: an empty scope sees nothing rather than everything.
    if (opts.communeCodes.length === 0) return [];
    q = q.where('commune_code', 'in', opts.communeCodes);
  }
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}

// ── captcha replay guard ──────────────────────────────────────────────────────
/** Records a solved challenge; false if it was already used (a replay). */
export async function markCaptchaUsed(db: Executor, signature: string, expiresAt: string): Promise<boolean> {
  const r = await db
    .insertInto('portal_captcha_used')
    .values({ signature, expires_at: expiresAt })
    .onConflict((oc) => oc.column('signature').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteExpiredCaptchas(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('portal_captcha_used').where('expires_at', '<', now).execute();
}

// ── counters and settings ─────────────────────────────────────────────────────
export async function addToCounter(db: Executor, key: string, n: number): Promise<void> {
  await db
    .insertInto('portal_counter')
    .values({ key, value: n })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`portal_counter.value + ${n}` }))
    .execute();
}

export async function getCounter(db: Executor, key: string): Promise<number> {
  const r = await db.selectFrom('portal_counter').select('value').where('key', '=', key).executeTakeFirst();
  return r ? Number(r.value) : 0;
}

/** Records how many visitors this process counts online, and drops reports older than `staleBefore`. */
export async function reportPresence(
  db: Executor,
  instance: string,
  online: number,
  at: string,
  staleBefore: string,
): Promise<void> {
  await db
    .insertInto('portal_presence')
    .values({ instance, online, reported_at: at })
    .onConflict((oc) => oc.column('instance').doUpdateSet({ online, reported_at: at }))
    .execute();
  await db.deleteFrom('portal_presence').where('reported_at', '<', staleBefore).execute();
}

/** Visitors online in the other processes that reported since `since`. */
export async function othersOnline(db: Executor, instance: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('portal_presence')
    .select((eb) => eb.fn.sum<number>('online').as('n'))
    .where('instance', '<>', instance)
    .where('reported_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('portal_setting')
    .select('value_json')
    .where('key', '=', key)
    .executeTakeFirst();
  return r?.value_json;
}

export async function setSetting(db: Executor, key: string, valueJson: string, at: string): Promise<void> {
  await db
    .insertInto('portal_setting')
    .values({ key, value_json: valueJson, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: valueJson, updated_at: at }))
    .execute();
}
