// Articles of the public portal: editors write, preview, schedule, publish and withdraw them;
// every saved version is kept as a revision. Bodies are sanitised on write (and again on render).
import { AppError } from '../../errors.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import {
  countPublicArticles,
  countPublishedComments,
  findArticleById,
  findArticleBySlug,
  findCategory,
  findRevision,
  getSetting,
  insertArticle,
  insertRevision,
  listArticlesForEditors,
  listCategories,
  listPhotos,
  listPublicArticleSlugs,
  listPublicArticles,
  listPublishedComments,
  listRevisions,
  setSetting,
  slugTaken,
  updateArticleIfVersion,
  type ArticleRecord,
  type PhotoRecord,
} from '../../db/repositories/portal.repository.js';
import { searchKey, searchTerms, SLUG_PATTERN, slugify } from '../../domain/public/text.js';
import { requirePermission } from '../access.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { htmlToText, sanitizeArticleHtml } from './sanitize.js';
import { optionalText, pageOf, positiveId, requiredText } from './validate.js';
import { publicTransaction } from './changes.js';

export interface PhotoSource {
  width: number;
  webp: string;
  jpeg: string;
}

export interface PhotoView {
  id: number;
  articleId: number;
  position: number;
  caption: string;
  alt: string;
  width: number;
  height: number;
  /** One entry per rendered width, smallest first. */
  sources: PhotoSource[];
}

export interface ArticleView {
  id: number;
  slug: string;
  title: string;
  summary: string;
  bodyHtml: string;
  categorySlug: string;
  tags: string[];
  authorName: string;
  /** draft | scheduled | published | withdrawn */
  status: 'draft' | 'scheduled' | 'published' | 'withdrawn';
  publishedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  photos: PhotoView[];
}

export interface ArticleInput {
  title?: unknown;
  slug?: unknown;
  summary?: unknown;
  bodyHtml?: unknown;
  categorySlug?: unknown;
  tags?: unknown;
  authorName?: unknown;
}

export const MEDIA_PREFIX = '/media/portal';

export function photoFileName(fileKey: string, width: number, ext: 'webp' | 'jpg'): string {
  return `${fileKey}-${width}.${ext}`;
}

export function toPhotoView(p: PhotoRecord): PhotoView {
  const widths = JSON.parse(p.widths_json) as number[];
  return {
    id: p.id,
    articleId: p.article_id,
    position: p.position,
    caption: p.caption,
    alt: p.alt,
    width: p.width,
    height: p.height,
    sources: widths.map((w) => ({
      width: w,
      webp: `${MEDIA_PREFIX}/${photoFileName(p.file_key, w, 'webp')}`,
      jpeg: `${MEDIA_PREFIX}/${photoFileName(p.file_key, w, 'jpg')}`,
    })),
  };
}

function statusOf(row: ArticleRecord, now: string): ArticleView['status'] {
  if (row.status === 'published')
    return row.published_at !== null && row.published_at > now ? 'scheduled' : 'published';
  return row.status === 'withdrawn' ? 'withdrawn' : 'draft';
}

export function toArticleView(row: ArticleRecord, photos: PhotoRecord[], now: string): ArticleView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    bodyHtml: row.body_html,
    categorySlug: row.category_slug,
    tags: JSON.parse(row.tags_json) as string[],
    authorName: row.author_name,
    status: statusOf(row, now),
    publishedAt: row.published_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    photos: photos.filter((p) => p.article_id === row.id).map(toPhotoView),
  };
}

function parseTags(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list))
    throw new AppError('FIELD_TYPE', { field: 'tags', expected: 'string[]' }, { field: 'tags' });
  const tags: string[] = [];
  for (const [i, t] of list.entries()) {
    const tag = optionalText(t, `tags[${i}]`, 60);
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > 20)
    throw new AppError('FIELD_INVALID', { field: 'tags', detail: '≤ 20' }, { field: 'tags' });
  return tags;
}

interface CleanInput {
  title: string;
  slug: string;
  summary: string;
  bodyHtml: string;
  categorySlug: string;
  tags: string[];
  authorName: string | null;
}

async function clean(deps: Deps, input: ArticleInput, existingId?: number): Promise<CleanInput> {
  const title = requiredText(input.title, 'title', 300);
  const summary = requiredText(input.summary, 'summary', 1000);
  const rawBody = requiredText(input.bodyHtml, 'bodyHtml', 500_000);
  const bodyHtml = sanitizeArticleHtml(rawBody);
  if (htmlToText(bodyHtml) === '' && !/<img\b/.test(bodyHtml)) {
    throw new AppError('FIELD_REQUIRED', { field: 'bodyHtml' }, { field: 'bodyHtml' });
  }
  const categorySlug = requiredText(input.categorySlug ?? 'tin-tuc', 'categorySlug', 60);
  const db = deps.db.kysely;
  if (!(await findCategory(db, categorySlug))) {
    const allowed = (await listCategories(db)).map((c) => c.slug);
    throw new AppError(
      'ENUM_INVALID',
      { field: 'categorySlug', value: categorySlug, allowed: allowed.join(', ') },
      { field: 'categorySlug' },
    );
  }
  const wanted = optionalText(input.slug, 'slug', 100);
  const slug = wanted ?? slugify(title);
  if (!SLUG_PATTERN.test(slug)) {
    throw new AppError('FIELD_INVALID', { field: 'slug', detail: 'a-z, 0-9, "-"' }, { field: 'slug' });
  }
  if (await slugTaken(db, slug, existingId))
    throw new AppError('DUPLICATE', { what: 'slug', value: slug }, { field: 'slug' });
  return {
    title,
    slug,
    summary,
    bodyHtml,
    categorySlug,
    tags: parseTags(input.tags),
    authorName: optionalText(input.authorName, 'authorName', 200),
  };
}

export async function createArticle(deps: Deps, actor: Actor, input: ArticleInput): Promise<ArticleView> {
  requirePermission(actor, 'portal.edit');
  const c = await clean(deps, input);
  const at = nowIso(deps);
  const authorName = c.authorName ?? (actor.kind === 'user' ? actor.username : actorName(actor));
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await insertArticle(trx, {
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      body_html: c.bodyHtml,
      search_text: searchKey(c.title, c.summary, htmlToText(c.bodyHtml)),
      category_slug: c.categorySlug,
      tags_json: JSON.stringify(c.tags),
      author_name: authorName,
      author_id: actorId(actor),
      status: 'draft',
      published_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await insertRevision(trx, revisionOf(row, actor, at));
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'create',
      entity: 'article',
      entityId: String(row.id),
      after: { slug: row.slug, title: row.title },
    });
    return toArticleView(row, [], at);
  });
}

function revisionOf(row: ArticleRecord, actor: Actor, at: string, restoredFrom: number | null = null) {
  return {
    article_id: row.id,
    version: row.version,
    title: row.title,
    summary: row.summary,
    body_html: row.body_html,
    category_slug: row.category_slug,
    tags_json: row.tags_json,
    editor: actorName(actor),
    created_at: at,
    restored_from: restoredFrom,
  };
}

async function mustFind(deps: Deps, id: number): Promise<ArticleRecord> {
  const row = await findArticleById(deps.db.kysely, id);
  if (!row) throw new AppError('ARTICLE_NOT_FOUND', { id });
  return row;
}

/** Saves a new version; `version` is the one the editor started from (a stale one is a CONFLICT). */
export async function updateArticle(
  deps: Deps,
  actor: Actor,
  idValue: unknown,
  input: ArticleInput & { version?: unknown },
): Promise<ArticleView> {
  requirePermission(actor, 'portal.edit');
  const id = positiveId(idValue, 'id');
  const current = await mustFind(deps, id);
  const version = positiveId(input.version, 'version');
  const c = await clean(deps, { ...input, authorName: input.authorName ?? current.author_name }, id);
  return saveVersion(deps, actor, current, version, c, null);
}

/**
 * Writes `c` as the next version of `current` if the article is still at `version`, with its
 * revision and audit entry, in one transaction. `restoredFrom` names the older version whose
 * content is being brought back (null for an ordinary save).
 */
async function saveVersion(
  deps: Deps,
  actor: Actor,
  current: ArticleRecord,
  version: number,
  c: CleanInput,
  restoredFrom: number | null,
): Promise<ArticleView> {
  const id = current.id;
  const at = nowIso(deps);
  return publicTransaction(deps, async (trx) => {
    const row = await updateArticleIfVersion(trx, id, version, {
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      body_html: c.bodyHtml,
      search_text: searchKey(c.title, c.summary, htmlToText(c.bodyHtml)),
      category_slug: c.categorySlug,
      tags_json: JSON.stringify(c.tags),
      author_name: c.authorName ?? current.author_name,
      version: version + 1,
      updated_at: at,
    });
    if (!row) {
      const now = await findArticleById(trx, id);
      throw new AppError(
        'CONFLICT',
        { expected: version, actual: now?.version ?? '—' },
        { data: { current: now ? toArticleView(now, [], at) : null } },
      );
    }
    await insertRevision(trx, revisionOf(row, actor, at, restoredFrom));
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: restoredFrom === null ? 'update' : 'restore',
      entity: 'article',
      entityId: String(id),
      before: { version, title: current.title },
      after: {
        version: row.version,
        title: row.title,
        ...(restoredFrom === null ? {} : { restoredFrom }),
      },
    });
    return toArticleView(row, await listPhotos(trx, [id]), at);
  });
}

/**
 * Brings back the title, summary, body, section and tags of an older version as a NEW version:
 * the history keeps every version, the restored one included. The address (slug) and the author
 * stay as they are now, so links already shared keep working. `version` is the version the editor
 * is looking at (a stale one is a CONFLICT, as for a save); the old body goes through today's
 * sanitiser again.
 */
export async function restoreArticleRevision(
  deps: Deps,
  actor: Actor,
  idValue: unknown,
  fromValue: unknown,
  input: { version?: unknown },
): Promise<ArticleView> {
  requirePermission(actor, 'portal.edit');
  const id = positiveId(idValue, 'id');
  const from = positiveId(fromValue, 'fromVersion');
  const version = positiveId(input.version, 'version');
  const current = await mustFind(deps, id);
  const old = await findRevision(deps.db.kysely, id, from);
  if (!old) throw new AppError('REVISION_NOT_FOUND', { id, version: from });
  const c = await clean(
    deps,
    {
      title: old.title,
      summary: old.summary,
      bodyHtml: old.body_html,
      categorySlug: old.category_slug,
      tags: JSON.parse(old.tags_json) as string[],
      slug: current.slug,
      authorName: current.author_name,
    },
    id,
  );
  return saveVersion(deps, actor, current, version, c, from);
}

/** Publishes now, or schedules for `publishAt` (an ISO instant) when it lies ahead. */
export async function publishArticle(
  deps: Deps,
  actor: Actor,
  idValue: unknown,
  opts: { publishAt?: unknown } = {},
): Promise<ArticleView> {
  requirePermission(actor, 'portal.edit');
  const id = positiveId(idValue, 'id');
  const at = nowIso(deps);
  let publishAt = at;
  if (opts.publishAt !== undefined && opts.publishAt !== null && opts.publishAt !== '') {
    const t = typeof opts.publishAt === 'string' ? Date.parse(opts.publishAt) : Number.NaN;
    if (Number.isNaN(t)) {
      throw new AppError(
        'FIELD_INVALID',
        { field: 'publishAt', detail: 'ISO 8601 (2024-06-11T09:12:04Z)' },
        { field: 'publishAt' },
      );
    }
    publishAt = new Date(t).toISOString();
  }
  return setPublication(deps, actor, id, 'published', publishAt, at);
}

export async function withdrawArticle(deps: Deps, actor: Actor, idValue: unknown): Promise<ArticleView> {
  requirePermission(actor, 'portal.edit');
  const id = positiveId(idValue, 'id');
  return setPublication(deps, actor, id, 'withdrawn', null, nowIso(deps));
}

async function setPublication(
  deps: Deps,
  actor: Actor,
  id: number,
  status: string,
  publishedAt: string | null,
  at: string,
): Promise<ArticleView> {
  return publicTransaction(deps, async (trx) => {
    const current = await findArticleById(trx, id);
    if (!current) throw new AppError('ARTICLE_NOT_FOUND', { id });
    const row = await updateArticleIfVersion(trx, id, current.version, {
      status,
      // Withdrawing keeps the first publication time so that a later re-publication can show it.
      published_at: publishedAt ?? current.published_at,
      updated_at: at,
    });
    if (!row) throw new AppError('CONFLICT', { expected: current.version, actual: '—' });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: status === 'published' ? 'publish' : 'withdraw',
      entity: 'article',
      entityId: String(id),
      before: { status: current.status, publishedAt: current.published_at },
      after: { status, publishedAt: row.published_at },
    });
    return toArticleView(row, await listPhotos(trx, [id]), at);
  });
}

export async function getArticleForEditor(deps: Deps, actor: Actor, idValue: unknown): Promise<ArticleView> {
  requirePermission(actor, 'portal.edit');
  const id = positiveId(idValue, 'id');
  const row = await mustFind(deps, id);
  return toArticleView(row, await listPhotos(deps.db.kysely, [id]), nowIso(deps));
}

export async function listArticlesForEditor(
  deps: Deps,
  actor: Actor,
  q: { status?: unknown; limit?: unknown; offset?: unknown } = {},
) {
  requirePermission(actor, 'portal.edit');
  const page = pageOf(q.limit, q.offset);
  const status = typeof q.status === 'string' && q.status ? q.status : undefined;
  const rows = await listArticlesForEditors(deps.db.kysely, { ...page, ...(status ? { status } : {}) });
  const now = nowIso(deps);
  const counts = await countPublishedComments(
    deps.db.kysely,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...toArticleView(r, [], now), commentCount: counts.get(r.id) ?? 0 }));
}

export async function listArticleRevisions(deps: Deps, actor: Actor, idValue: unknown) {
  requirePermission(actor, 'portal.edit');
  const id = positiveId(idValue, 'id');
  await mustFind(deps, id);
  const rows = await listRevisions(deps.db.kysely, id);
  return rows.map(toRevisionView);
}

export interface RevisionView {
  version: number;
  title: string;
  summary: string;
  bodyHtml: string;
  categorySlug: string;
  tags: string[];
  editor: string;
  createdAt: string;
  /** The older version this one brought back, or null for an ordinary save. */
  restoredFrom: number | null;
}

function toRevisionView(r: Awaited<ReturnType<typeof listRevisions>>[number]): RevisionView {
  return {
    version: r.version,
    title: r.title,
    summary: r.summary,
    // Stored clean when saved; cleaned again with today's policy as every rendering is.
    bodyHtml: sanitizeArticleHtml(r.body_html),
    categorySlug: r.category_slug,
    tags: JSON.parse(r.tags_json) as string[],
    editor: r.editor,
    createdAt: r.created_at,
    restoredFrom: r.restored_from,
  };
}

export async function getArticleRevision(
  deps: Deps,
  actor: Actor,
  idValue: unknown,
  versionValue: unknown,
): Promise<RevisionView> {
  requirePermission(actor, 'portal.edit');
  const id = positiveId(idValue, 'id');
  const version = positiveId(versionValue, 'version');
  await mustFind(deps, id);
  const row = await findRevision(deps.db.kysely, id, version);
  if (!row) throw new AppError('REVISION_NOT_FOUND', { id, version });
  return toRevisionView(row);
}

// ── public reading ──────────────────────────────────────────────────────────

export interface PublicArticleSummary extends ArticleView {
  commentCount: number;
}

export async function listPublishedArticles(
  deps: Deps,
  q: { categorySlug?: string; query?: string; page?: number; perPage?: number } = {},
): Promise<{ items: PublicArticleSummary[]; total: number; page: number; perPage: number }> {
  const db = deps.db.kysely;
  const now = nowIso(deps);
  const perPage = Math.min(Math.max(q.perPage ?? 10, 1), 50);
  const page = Math.max(1, Math.floor(q.page ?? 1));
  const terms = q.query !== undefined ? searchTerms(q.query) : undefined;
  // A search with no usable word finds nothing rather than everything.
  if (terms !== undefined && terms.length === 0) return { items: [], total: 0, page, perPage };
  const filter = {
    now,
    ...(q.categorySlug ? { categorySlug: q.categorySlug } : {}),
    ...(terms ? { terms } : {}),
  };
  const [rows, total] = await Promise.all([
    listPublicArticles(db, { ...filter, limit: perPage, offset: (page - 1) * perPage }),
    countPublicArticles(db, filter),
  ]);
  const ids = rows.map((r) => r.id);
  const [photos, counts] = await Promise.all([listPhotos(db, ids), countPublishedComments(db, ids)]);
  return {
    items: rows.map((r) => ({ ...toArticleView(r, photos, now), commentCount: counts.get(r.id) ?? 0 })),
    total,
    page,
    perPage,
  };
}

export interface PublicComment {
  id: number;
  name: string;
  body: string;
  createdAt: string;
}

export async function getPublishedArticle(
  deps: Deps,
  slug: string,
): Promise<PublicArticleSummary & { comments: PublicComment[] }> {
  const db = deps.db.kysely;
  const now = nowIso(deps);
  const row = await findArticleBySlug(db, slug);
  if (!row || row.status !== 'published' || row.published_at === null || row.published_at > now) {
    throw new AppError('ARTICLE_NOT_FOUND', { id: slug });
  }
  const [photos, comments] = await Promise.all([listPhotos(db, [row.id]), listPublishedComments(db, row.id)]);
  return {
    ...toArticleView(row, photos, now),
    commentCount: comments.length,
    comments: comments.map((c) => ({ id: c.id, name: c.name, body: c.body, createdAt: c.created_at })),
  };
}

export async function listPublicCategories(deps: Deps) {
  return (await listCategories(deps.db.kysely)).map((c) => ({
    slug: c.slug,
    nameVi: c.name_vi,
    nameEn: c.name_en,
  }));
}

export async function listSitemapEntries(deps: Deps) {
  return listPublicArticleSlugs(deps.db.kysely, nowIso(deps));
}

// ── site settings ───────────────────────────────────────────────────────────

export interface SiteSettings {
  /** Slogans of the banner, shown in turn (Vietnamese; the English page shows `slogansEn` when set). */
  slogans: string[];
  slogansEn: string[];
}

const DEFAULT_SETTINGS: SiteSettings = {
  slogans: [
    'Chung tay vì người nghèo – Không để ai bị bỏ lại phía sau',
    'Giảm nghèo bền vững, đa chiều, bao trùm',
  ],
  slogansEn: [
    'Together for the poor – leave no one behind',
    'Sustainable, multidimensional, inclusive poverty reduction',
  ],
};

export async function getSiteSettings(deps: Deps): Promise<SiteSettings> {
  const raw = await getSetting(deps.db.kysely, 'site');
  if (!raw) return DEFAULT_SETTINGS;
  const parsed = JSON.parse(raw) as Partial<SiteSettings>;
  return { slogans: parsed.slogans ?? DEFAULT_SETTINGS.slogans, slogansEn: parsed.slogansEn ?? [] };
}

export async function updateSiteSettings(
  deps: Deps,
  actor: Actor,
  input: { slogans?: unknown; slogansEn?: unknown },
): Promise<SiteSettings> {
  requirePermission(actor, 'portal.edit');
  const list = (v: unknown, field: string): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw new AppError('FIELD_TYPE', { field, expected: 'string[]' }, { field });
    if (v.length > 10) throw new AppError('FIELD_INVALID', { field, detail: '≤ 10' }, { field });
    return v.map((s, i) => requiredText(s, `${field}[${i}]`, 200));
  };
  const next: SiteSettings = {
    slogans: list(input.slogans, 'slogans'),
    slogansEn: list(input.slogansEn, 'slogansEn'),
  };
  const at = nowIso(deps);
  await publicTransaction(deps, async (trx) => {
    const before = await getSetting(trx, 'site');
    await setSetting(trx, 'site', JSON.stringify(next), at);
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'update',
      entity: 'portal-settings',
      entityId: 'site',
      before: before ? JSON.parse(before) : null,
      after: next,
    });
  });
  return next;
}
