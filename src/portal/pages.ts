// The public portal's pages, registered at the root by buildApp (pageRoutes). Handlers parse,
// call the portal services and render; forms post back here and work without JavaScript.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { AppError, isAppError, messageOf, type Lang } from '../errors.js';
import {
  getPublishedArticle,
  getSiteSettings,
  listPublicCategories,
  listPublishedArticles,
  listSitemapEntries,
} from '../services/public/articles.service.js';
import { submitComment } from '../services/public/comments.service.js';
import { lookupFeedback, submitFeedback } from '../services/public/feedback.service.js';
import { photoFilePath } from '../services/public/photos.service.js';
import { sanitizeArticleHtml } from '../services/public/sanitize.js';
import { VisitCounter } from '../services/public/visits.service.js';
import { publicContentGeneration } from '../services/public/changes.js';
import { formatInstantVn } from '../domain/dates.js';
import type { Deps } from '../services/deps.js';
import type { VisitStats } from '../services/public/visits.service.js';
import { PUBLIC_POST_LIMIT } from '../http/public-limits.js';
import { frameworkError } from '../http/framework-errors.js';
import { COMMON_SECURITY_HEADERS } from '../http/security-headers.js';
import { atomFeed, rssFeed, sitemap } from './feeds.js';
import { openListPage, openListsIndex, statsPage, unitMatchesPage } from './open-lists.views.js';
import { searchUnits } from '../services/units.service.js';
import {
  getOpenList,
  getPublicStats,
  listOpenLists,
  type PostedCommune,
} from '../services/public/open-lists.service.js';
import { html } from './html.js';
import { disclosureAtom, disclosureCsv, FRONT_PATH, fundPage, fundsIndexPage } from './front.views.js';
import { disclosureFeed, fundDisclosure, listDisclosedFunds } from '../services/front/disclosure.service.js';
import { stringsFor } from './i18n.js';
import {
  articlePage,
  STATS_SLOT,
  statsLine,
  captchaField,
  homePage,
  listingPage,
  messagePage,
  type CommentFormState,
  type PageContext,
  PORTAL_CSS,
} from './views.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORTAL_JS = fs.readFileSync(path.join(here, 'assets', 'portal.js'));

const FLUSH_EVERY_MS = 15_000;
/**
 * How long a page may reuse what it read when nothing in this process changed the public content:
 * bounds the delay for changes made elsewhere (another process, a scheduled publication).
 */
const CONTENT_TTL_MS = 5_000;

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  // X-Content-Type-Options and Referrer-Policy: every reply carries them (COMMON_SECURITY_HEADERS,
  // set by buildApp's first hook and by the error handler below).
  'content-security-policy':
    "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'",
  // The body depends on Accept-Encoding (brotli, gzip or neither): caches must key on it.
  vary: 'accept-encoding',
};

/** A rendered page as bytes, cut where the visit line goes (so a cached page is encoded once). */
interface SplitPage {
  head: Buffer;
  tail: Buffer;
}

/**
 * A page with its visit line filled in, as sent: plain, and brotli or gzip once a client asked for
 * it, each with its whole header list (PAGE_HEADERS after the common ones, the encoding, the
 * length), so a view of a cached page hands Node one prepared list.
 */
interface Assembled {
  line: string;
  plain: Encoded;
  br?: Encoded;
  gzip?: Encoded;
}

interface Encoded {
  body: Buffer;
  /** Names and values in turn, for `writeHead`: what Fastify would send, in its order. */
  headers: string[];
}

/** The names and values every page sends first: the common security headers, then the page's. */
const PAGE_HEADER_LIST: readonly string[] = [
  ...Object.entries(COMMON_SECURITY_HEADERS),
  ...Object.entries(PAGE_HEADERS),
].flat();

function encoded(body: Buffer, encoding?: string): Encoded {
  const headers = [...PAGE_HEADER_LIST];
  if (encoding) headers.push('content-encoding', encoding);
  headers.push('content-length', String(body.length));
  return { body, headers };
}

/**
 * Whether a page may be written in one call with its prepared headers: when the hooks that ran put
 * nothing on the reply but the common security headers (buildApp's first hook; every prepared list
 * has them). Anything else (the language switch's cookie, a rate limit's headers, a header of a hook
 * added later) sends the page through Fastify's reply with it. A cookie left to the cookie plugin
 * (`reply.setCookie`) is written by its onSend hook, which a page written in one call skips: hooks
 * of portal pages put their cookies on the reply as headers (the language switch does).
 */
function onlyCommonHeaders(reply: FastifyReply): boolean {
  const set = reply.getHeaders();
  let n = 0;
  for (const name in set) {
    if (set[name] !== COMMON_SECURITY_HEADERS[name]) return false;
    n += 1;
  }
  return n === COMMON_HEADER_COUNT;
}
const COMMON_HEADER_COUNT = Object.keys(COMMON_SECURITY_HEADERS).length;

/** Smaller bodies are sent as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Brotli's quality for pages. Not the maximum (11): a page is compressed again whenever its visit
 * line changes, i.e. at every new visit on a busy site, and quality 11 took 9 ms for the 9 KB
 * article page against 0.2 ms at 7 (gzip: 0.15 ms); the sizes were 2,585, 2,767 and 3,109 bytes.
 */
const BROTLI_QUALITY = 7;

function brotli(body: Buffer): Buffer {
  return zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

export type PageEncoding = 'br' | 'gzip' | undefined;

/**
 * The answers for the Accept-Encoding values seen (browsers send a handful), so a page view does
 * not parse its header again; emptied when it grows past a bound (a client may send anything).
 */
const encodingByHeader = new Map<string, PageEncoding>();

/**
 * The coding a page is sent in for an Accept-Encoding header (RFC 9110 §12.5.3: a zero q-value
 * refuses a coding, `*` stands for those not named): brotli where the client takes it at least as
 * gladly as gzip (its pages are smaller), else gzip, else none.
 */
export function pageEncoding(header: string | string[] | undefined): PageEncoding {
  if (typeof header !== 'string') return parsePageEncoding(header);
  if (encodingByHeader.has(header)) return encodingByHeader.get(header);
  const known = parsePageEncoding(header);
  if (encodingByHeader.size >= 64) encodingByHeader.clear();
  encodingByHeader.set(header, known);
  return known;
}

function parsePageEncoding(header: string | string[] | undefined): PageEncoding {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  let br: number | undefined;
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of value.split(',')) {
    const [token = '', ...params] = part.toLowerCase().split(';');
    const name = token.trim();
    const q = params.map((p) => p.replace(/\s+/g, '')).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name === 'br') br ??= weight;
    else if (name === 'gzip' || name === 'x-gzip') gzip ??= weight;
    else if (name === '*') star ??= weight;
  }
  const brWeight = br ?? star ?? 0;
  const gzipWeight = gzip ?? star ?? 0;
  if (brWeight > 0 && brWeight >= gzipWeight) return 'br';
  return gzipWeight > 0 ? 'gzip' : undefined;
}

function splitPage(page: string): SplitPage {
  const at = page.indexOf(STATS_SLOT);
  if (at < 0) return { head: Buffer.from(page), tail: Buffer.alloc(0) };
  return { head: Buffer.from(page.slice(0, at)), tail: Buffer.from(page.slice(at + STATS_SLOT.length)) };
}

/** The usual article page: no comment form state to show. */
function isPlain(form: CommentFormState): boolean {
  return !form.error && form.name === undefined && form.body === undefined;
}

type Settings = Awaited<ReturnType<typeof getSiteSettings>>;
type Categories = Awaited<ReturnType<typeof listPublicCategories>>;

interface Cached {
  value: unknown;
  generation: number;
  at: number;
}

export async function portalPages(app: FastifyInstance): Promise<void> {
  let deps: Deps | undefined;
  let counter: VisitCounter | undefined;
  const memo = new Map<string, Cached>();
  // Sanitised bodies by article id and version: the render-time pass costs once per version.
  const bodies = new Map<string, string>();

  await app.register(rateLimit, { global: false });

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  function counterOf(d: Deps): VisitCounter {
    if (!counter || deps !== d) {
      deps = d;
      counter = new VisitCounter(d);
    }
    return counter;
  }
  const timer = setInterval(() => {
    counter?.flush().catch((err: unknown) => app.log.warn({ err }, 'visit counter flush failed'));
  }, FLUSH_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await counter?.flush().catch(() => undefined);
  });

  // The language switch: ?lang=en|vi sets a preference cookie (not a tracking one) and applies at once.
  // The cookie is put on the reply as a header at once (not left to the cookie plugin's onSend hook),
  // so a page written in one call (sendPage) sees it and goes through Fastify's reply.
  const langCookie = (lang: Lang) =>
    app.serializeCookie('lang', lang, {
      path: '/',
      sameSite: 'lax',
      maxAge: 365 * 24 * 3600,
      httpOnly: false,
    });
  const LANG_COOKIES: Readonly<Record<Lang, string>> = { vi: langCookie('vi'), en: langCookie('en') };
  app.addHook('onRequest', (req, reply, done) => {
    const q = req.query as Record<string, unknown> | undefined;
    const wanted = q?.lang;
    if (wanted === 'en' || wanted === 'vi') {
      req.lang = wanted;
      reply.header('set-cookie', LANG_COOKIES[wanted]);
    }
    done();
  });

  /**
   * The memo entry of `key` while it is current (no promise: the hot path of a cached page). `now`
   * (ms): the clock read once for the whole page view.
   */
  function fresh(d: Deps, key: string, now = d.now().getTime()): Cached | undefined {
    const hit = memo.get(key);
    return hit && isCurrent(d, hit, now) ? hit : undefined;
  }

  function isCurrent(d: Deps, hit: Cached, now: number): boolean {
    return hit.generation === publicContentGeneration(d.db) && now >= hit.at && now - hit.at < CONTENT_TTL_MS;
  }

  /**
   * Rendered article pages by path (which names the article), then by language and origin: a view
   * finds its page by comparing its own strings, with no key built. At most 8 origins a path (the
   * Host header is the client's to choose).
   */
  const articlePages = new Map<string, ArticlePage[]>();
  interface ArticlePage extends Cached {
    lang: Lang;
    protocol: string;
    host: string;
  }

  function articlePageOf(req: FastifyRequest, path: string, now: number): SplitPage | undefined {
    const variants = articlePages.get(path);
    if (!variants) return undefined;
    const { lang, protocol, host } = req;
    for (const v of variants) {
      if (v.lang === lang && v.host === host && v.protocol === protocol)
        return isCurrent(req.deps, v, now) ? (v.value as SplitPage) : undefined;
    }
    return undefined;
  }

  /**
   * Keeps an article's rendered page, made from what the memo holds under `sources`, with their
   * generation and the time of the oldest, so it is current only while they all are; not at all
   * when one of them is missing or no longer current.
   */
  function keepArticlePage(
    req: FastifyRequest,
    path: string,
    page: SplitPage,
    sources: string[],
    now: number,
  ): void {
    const generation = publicContentGeneration(req.deps.db);
    let at = now;
    for (const source of sources) {
      const hit = memo.get(source);
      if (!hit || hit.generation !== generation) return;
      at = Math.min(at, hit.at);
    }
    const { lang, protocol, host } = req;
    let variants = articlePages.get(path);
    if (!variants) {
      if (articlePages.size > 2000) articlePages.clear();
      articlePages.set(path, (variants = []));
    }
    const kept: ArticlePage = { value: page, generation, at, lang, protocol, host };
    const i = variants.findIndex((v) => v.lang === lang && v.host === host && v.protocol === protocol);
    if (i >= 0) variants[i] = kept;
    else {
      if (variants.length >= 8) variants.shift();
      variants.push(kept);
    }
  }

  /** What a page read, reused until the public content changes or CONTENT_TTL_MS passes. */
  async function cached<T>(d: Deps, key: string, load: () => Promise<T>): Promise<T> {
    const hit = fresh(d, key);
    if (hit) return hit.value as T;
    const generation = publicContentGeneration(d.db);
    const now = d.now().getTime();
    const value = await load();
    if (memo.size > 2000) memo.clear();
    memo.set(key, { value, generation, at: now });
    return value;
  }

  /**
   * A page's context. Synchronous while what it reads is cached (`ctxNow`): a busy page then
   * allocates no promise for it.
   */
  function ctxOf(
    req: FastifyRequest,
    count = true,
    now = req.deps.now().getTime(),
  ): PageContext | Promise<PageContext> {
    const d = req.deps;
    const visits = counterOf(d);
    if (count) visits.record(req.ip, String(req.headers['user-agent'] ?? ''), now);
    const settings = fresh(d, 'settings', now);
    const categories = fresh(d, 'categories', now);
    const stats = visits.statsNow(now);
    if (settings && categories && stats)
      return contextOf(req, settings.value as Settings, categories.value as Categories, stats);
    return ctxRead(req, visits);
  }

  async function ctxRead(req: FastifyRequest, visits: VisitCounter): Promise<PageContext> {
    const d = req.deps;
    const [settings, categories] = await Promise.all([
      cached(d, 'settings', () => getSiteSettings(d)),
      cached(d, 'categories', () => listPublicCategories(d)),
    ]);
    return contextOf(req, settings, categories, await visits.stats());
  }

  /**
   * The address without the language switch (links and cache keys). Most addresses are plain paths
   * with nothing to remove; anything else (e.g. "//host", backslashes) goes through URL.
   */
  function pathOf(req: FastifyRequest): string {
    const here = req.url;
    // A path starting with one slash, without a backslash or the switch (no regular expression:
    // this runs on every page view).
    if (
      here.charCodeAt(0) === 0x2f &&
      here.charCodeAt(1) !== 0x2f &&
      here.charCodeAt(1) !== 0x5c &&
      !here.includes('\\') &&
      !here.includes('lang=')
    )
      return here;
    const url = new URL(here, 'http://x');
    url.searchParams.delete('lang');
    return url.pathname + url.search;
  }

  function originOf(req: FastifyRequest): string {
    return `${req.protocol}://${req.host}`;
  }

  function contextOf(
    req: FastifyRequest,
    settings: Settings,
    categories: Categories,
    stats: VisitStats,
  ): PageContext {
    const lang: Lang = req.lang;
    return {
      lang,
      t: stringsFor(lang),
      siteName: req.deps.config.siteName,
      origin: originOf(req),
      path: pathOf(req),
      settings,
      categories,
      stats,
    };
  }

  // Pages assembled with their visit line, per cached rendering: while the figures stay the same
  // (a snapshot, see VisitCounter.stats) a cached page is joined and compressed once, not per view.
  const assembled = new WeakMap<SplitPage, Assembled>();
  const lines = new WeakMap<VisitStats, Map<Lang, string>>();

  function lineOf(lang: Lang, stats: VisitStats): string {
    let byLang = lines.get(stats);
    if (!byLang) lines.set(stats, (byLang = new Map()));
    let line = byLang.get(lang);
    if (line === undefined) byLang.set(lang, (line = statsLine(stringsFor(lang), stats)));
    return line;
  }

  function sendPage(reply: FastifyReply, ctx: PageContext, page: string | SplitPage, status = 200) {
    return sendLined(reply, lineOf(ctx.lang, ctx.stats), page, status);
  }

  /** A page with `line` in its visit slot. */
  function sendLined(reply: FastifyReply, line: string, page: string | SplitPage, status: number) {
    const p = typeof page === 'string' ? splitPage(page) : page;
    let a = assembled.get(p);
    if (!a || a.line !== line) {
      a = { line, plain: encoded(Buffer.concat([p.head, Buffer.from(line), p.tail])) };
      assembled.set(p, a);
    }
    const encoding =
      a.plain.body.length >= COMPRESS_FROM_BYTES
        ? pageEncoding(reply.request.headers['accept-encoding'])
        : undefined;
    const e =
      encoding === 'br'
        ? (a.br ??= encoded(brotli(a.plain.body), 'br'))
        : encoding === 'gzip'
          ? (a.gzip ??= encoded(zlib.gzipSync(a.plain.body), 'gzip'))
          : a.plain;
    // The usual answer: handed to Node in one call with its prepared headers, without Fastify's
    // reply (its header store and onSend hooks: the cookie plugin's, which has nothing to write
    // here, and a HEAD route's, which drops the body Node drops itself for HEAD). Fastify's
    // onResponse hooks (metrics) and request log still run when the response ends.
    if (status === 200 && onlyCommonHeaders(reply)) {
      reply.hijack();
      reply.raw.writeHead(200, e.headers);
      reply.raw.end(e.body);
      return reply;
    }
    reply.status(status).headers(PAGE_HEADERS);
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(e.body);
  }

  app.setErrorHandler(async (err, req, reply) => {
    // The error may come from a hook that ran before the one that sets these.
    reply.headers(COMMON_SECURITY_HEADERS);
    const lang = req.lang ?? 'vi';
    const appErr = isAppError(err) ? err : frameworkError(err, req.headers['content-type'])?.error;
    if (!appErr) req.log.error({ err }, 'portal page failed');
    const status = appErr?.status ?? 500;
    const message = appErr ? messageOf(appErr.code, appErr.params, lang) : messageOf('INTERNAL', {}, lang);
    const ctx = await ctxOf(req, false);
    const title = status === 404 ? ctx.t.notFound : ctx.t.errorTitle;
    return sendPage(
      reply,
      ctx,
      messagePage(ctx, title, [message], html`<p><a href="/">${ctx.t.home}</a></p>`),
      status,
    );
  });

  function pageNumber(q: Record<string, unknown>): number {
    const n = Number(q.trang ?? 1);
    return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
  }

  app.get<{ Querystring: Record<string, string> }>('/', async (req, reply) => {
    const ctx = await ctxOf(req);
    const page = pageNumber(req.query);
    const r = await cached(req.deps, `home:${page}`, () =>
      listPublishedArticles(req.deps, { page, perPage: 10 }),
    );
    const rendered = await cached(
      req.deps,
      `page:home:${page}:${ctx.lang}:${ctx.origin}:${ctx.path}`,
      async () => splitPage(homePage(ctx, r.items, r.page, r.perPage, r.total)),
    );
    return sendPage(reply, ctx, rendered);
  });

  type Article = Awaited<ReturnType<typeof getPublishedArticle>>;

  /**
   * The article page. Synchronous (no promise, undefined once sent) while the article, the page's
   * context and the rendered page are cached: the usual view of a busy article.
   */
  function renderArticle(
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    form: CommentFormState,
    status = 200,
  ): undefined | Promise<unknown> {
    const d = req.deps;
    const now = d.now().getTime();
    let count = status === 200;
    // The usual view of a busy article: its rendered page is current (which it is only while
    // everything it shows is: sendArticle), so neither the article nor the page's context is
    // looked up; the visit is counted and its line filled in.
    if (count && isPlain(form)) {
      const page = articlePageOf(req, pathOf(req), now);
      if (page) {
        const visits = counterOf(d);
        visits.record(req.ip, String(req.headers['user-agent'] ?? ''), now);
        count = false;
        const stats = visits.statsNow(now);
        if (stats) {
          sendLined(reply, lineOf(req.lang, stats), page, status);
          return undefined;
        }
      }
    }
    const articleKey = `article:${slug}`;
    const hit = fresh(d, articleKey, now);
    if (!hit) {
      // The article is read before the visit is counted: a missing one counts none.
      return cached(d, articleKey, () => getPublishedArticle(d, slug)).then((a) =>
        articleWithContext(req, reply, slug, form, status, a, count),
      );
    }
    return articleWithContext(req, reply, slug, form, status, hit.value as Article, count, now);
  }

  function articleWithContext(
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    form: CommentFormState,
    status: number,
    a: Article,
    count: boolean,
    now = req.deps.now().getTime(),
  ): undefined | Promise<unknown> {
    const c = ctxOf(req, count, now);
    if (c instanceof Promise) return c.then((ctx) => sendArticle(reply, slug, form, status, a, ctx));
    return sendArticle(reply, slug, form, status, a, c, now);
  }

  function articleBody(a: Article): string {
    const key = `${a.id}:${a.version}`;
    let body = bodies.get(key);
    if (body === undefined) {
      body = sanitizeArticleHtml(a.bodyHtml);
      if (bodies.size > 500) bodies.clear();
      bodies.set(key, body);
    }
    return body;
  }

  function sendArticle(
    reply: FastifyReply,
    slug: string,
    form: CommentFormState,
    status: number,
    a: Article,
    ctx: PageContext,
    now = reply.request.deps.now().getTime(),
  ): undefined {
    // The usual page (no form state) is rendered once per version of what it shows.
    if (!isPlain(form)) {
      sendPage(reply, ctx, splitPage(articlePage(ctx, a, articleBody(a), form)), status);
      return undefined;
    }
    const req = reply.request;
    let page = articlePageOf(req, ctx.path, now);
    if (!page) {
      page = splitPage(articlePage(ctx, a, articleBody(a), form));
      // As old as the oldest thing it shows: a view that finds it current may skip looking them
      // up (renderArticle).
      keepArticlePage(req, ctx.path, page, [`article:${slug}`, 'settings', 'categories'], now);
    }
    sendPage(reply, ctx, page, status);
    return undefined;
  }

  app.get<{ Params: { slug: string }; Querystring: Record<string, string> }>(
    '/bai-viet/:slug',
    // Not async: a cached page is sent without a promise (renderArticle).
    (req, reply) => renderArticle(req, reply, req.params.slug, { sent: req.query['binh-luan'] === 'da-gui' }),
  );

  app.post<{ Params: { slug: string }; Body: Record<string, string> }>(
    '/bai-viet/:slug/binh-luan',
    { config: { rateLimit: PUBLIC_POST_LIMIT } },
    async (req, reply) => {
      const b = req.body ?? {};
      try {
        await submitComment(req.deps, {
          articleId: b.articleId,
          name: b.name,
          body: b.body,
          captcha: b.captcha,
          website: b.website,
        });
      } catch (err) {
        if (!isAppError(err) || err.status >= 500 || err.code === 'ARTICLE_NOT_FOUND') throw err;
        await renderArticle(
          req,
          reply,
          req.params.slug,
          { name: b.name, body: b.body, error: messageOf(err.code, err.params, req.lang) },
          err.status,
        );
        return reply;
      }
      return reply.redirect(
        `/bai-viet/${encodeURIComponent(req.params.slug)}?binh-luan=da-gui#binh-luan`,
        303,
      );
    },
  );

  app.get<{ Params: { slug: string }; Querystring: Record<string, string> }>(
    '/chuyen-muc/:slug',
    async (req, reply) => {
      const ctx = await ctxOf(req);
      const category = ctx.categories.find((c) => c.slug === req.params.slug);
      if (!category) throw new AppError('NOT_FOUND', { what: `chuyên mục / section ${req.params.slug}` });
      const page = pageNumber(req.query);
      const r = await cached(req.deps, `category:${category.slug}:${page}`, () =>
        listPublishedArticles(req.deps, { categorySlug: category.slug, page, perPage: 10 }),
      );
      const title = ctx.lang === 'en' ? category.nameEn : category.nameVi;
      return sendPage(
        reply,
        ctx,
        listingPage(ctx, title, `/chuyen-muc/${category.slug}`, r.items, r.page, r.perPage, r.total),
      );
    },
  );

  app.get<{ Querystring: Record<string, string> }>('/tim-kiem', async (req, reply) => {
    const ctx = await ctxOf(req);
    const q = (req.query.q ?? '').slice(0, 200).trim();
    if (!q) return sendPage(reply, ctx, messagePage(ctx, ctx.t.search, [ctx.t.searchEmpty]));
    const page = pageNumber(req.query);
    const r = await listPublishedArticles(req.deps, { query: q, page, perPage: 10 });
    return sendPage(
      reply,
      ctx,
      listingPage(
        ctx,
        ctx.t.searchResults(q, r.total),
        `/tim-kiem?q=${encodeURIComponent(q)}`,
        r.items,
        r.page,
        r.perPage,
        r.total,
      ),
    );
  });

  async function feedItems(req: FastifyRequest) {
    return (await cached(req.deps, 'feed', () => listPublishedArticles(req.deps, { perPage: 30 }))).items;
  }

  app.get('/rss.xml', async (req, reply) => {
    const origin = `${req.protocol}://${req.host}`;
    const t = stringsFor('vi');
    return reply
      .type('application/rss+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(rssFeed(origin, req.deps.config.siteName, t.rights, await feedItems(req)));
  });

  app.get('/atom.xml', async (req, reply) => {
    const origin = `${req.protocol}://${req.host}`;
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(atomFeed(origin, req.deps.config.siteName, await feedItems(req)));
  });

  app.get('/sitemap.xml', async (req, reply) => {
    const origin = `${req.protocol}://${req.host}`;
    const [entries, categories] = await Promise.all([
      listSitemapEntries(req.deps),
      listPublicCategories(req.deps),
    ]);
    const paths = [
      { path: '/' },
      ...categories.map((c) => ({ path: `/chuyen-muc/${c.slug}` })),
      { path: '/cong-khai' },
      { path: '/gop-y' },
      ...entries.map((e) => ({ path: `/bai-viet/${e.slug}`, lastmod: e.updated_at })),
    ];
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(sitemap(origin, paths));
  });

  app.get('/robots.txt', async (req, reply) => {
    const origin = `${req.protocol}://${req.host}`;
    return reply
      .type('text/plain; charset=utf-8')
      .send(`User-agent: *\nDisallow: /app/\nDisallow: /api/\nSitemap: ${origin}/sitemap.xml\n`);
  });

  // The stylesheet of every page, kept out of the HTML so a phone downloads it once (fingerprinted URL).
  const portalCss = Buffer.from(PORTAL_CSS);
  app.get('/portal.css', async (_req, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(portalCss),
  );

  app.get('/portal.js', async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PORTAL_JS),
  );

  app.get<{ Params: { file: string } }>('/media/portal/:file', async (req, reply) => {
    const file = photoFilePath(req.deps, req.params.file);
    const stat = file ? await fsp.stat(file).catch(() => undefined) : undefined;
    if (!file || !stat?.isFile()) throw new AppError('NOT_FOUND', { what: req.params.file });
    return (
      reply
        .type(file.endsWith('.webp') ? 'image/webp' : 'image/jpeg')
        .header('content-length', stat.size)
        // Renditions are named by content hash: they never change, so browsers keep them for a year.
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(fs.createReadStream(file))
    );
  });

  app.get('/ma-xac-nhan', async (req, reply) => {
    const ctx = await ctxOf(req);
    const back =
      typeof req.headers.referer === 'string' && req.headers.referer.startsWith(ctx.origin + '/')
        ? req.headers.referer.slice(ctx.origin.length)
        : '/';
    return sendPage(
      reply,
      ctx,
      messagePage(
        ctx,
        ctx.t.captchaPageTitle,
        ctx.t.captchaPageBody,
        html`<noscript
            ><p><b>JavaScript: off</b></p></noscript
          >
          <p><a href="${back}">${ctx.t.backToArticle}</a></p>`,
      ),
    );
  });

  // ── the Front's Fund for the Poor: public disclosure (issue 16) ─────────────
  app.get(FRONT_PATH, async (req, reply) => {
    const ctx = await ctxOf(req);
    const funds = await cached(req.deps, 'front-funds', () => listDisclosedFunds(req.deps));
    return sendPage(reply, ctx, fundsIndexPage(ctx, funds));
  });
  app.get(`${FRONT_PATH}/moi.xml`, async (req, reply) => {
    const items = await cached(req.deps, 'front-feed', () => disclosureFeed(req.deps));
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('x-content-type-options', 'nosniff')
      .send(disclosureAtom(`${req.protocol}://${req.host}`, req.lang, items));
  });
  const fundYear = (q: Record<string, string>) => {
    const year = Number(q.nam);
    return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined;
  };
  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>(
    `${FRONT_PATH}/:code`,
    async (req, reply) => {
      const ctx = await ctxOf(req);
      const code = /^[0-9]{2,5}$/.test(req.params.code) ? req.params.code : '';
      const year = fundYear(req.query);
      const d = await cached(req.deps, `front-fund:${code}:${year ?? ''}`, () =>
        fundDisclosure(req.deps, code, year),
      );
      return sendPage(reply, ctx, fundPage(ctx, d));
    },
  );
  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>(
    `${FRONT_PATH}/:code/tai-ve`,
    async (req, reply) => {
      const code = /^[0-9]{2,5}$/.test(req.params.code) ? req.params.code : '';
      const year = fundYear(req.query);
      const d = await cached(req.deps, `front-fund:${code}:${year ?? ''}`, () =>
        fundDisclosure(req.deps, code, year),
      );
      const table = String(req.query.bang ?? '');
      const csv = disclosureCsv(req.lang, d, table);
      if (csv === null)
        throw new AppError(
          'ENUM_INVALID',
          { field: 'bang', value: table, allowed: 'ung-ho, noi-dung, khoan-chi' },
          { field: 'bang' },
        );
      return reply
        .type('text/csv; charset=utf-8')
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename="quy-vi-nguoi-ngheo-${code}-${d.year}-${table}.csv"`,
        )
        .send(csv);
    },
  );

  // ── open lists and public statistics ──────────────────────────────────────
  app.get('/cong-khai', async (req, reply) => {
    const ctx = await ctxOf(req);
    const lists = await cached(req.deps, 'open-lists', () => listOpenLists(req.deps));
    return sendPage(reply, ctx, openListsIndex(ctx, lists));
  });

  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>(
    '/cong-khai/:code',
    async (req, reply) => {
      const ctx = await ctxOf(req);
      const code = /^[0-9]{2,5}$/.test(req.params.code) ? req.params.code : '';
      const year = Number(req.query.nam);
      const period = Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined;
      const list = await cached(req.deps, `open-list:${code}:${period ?? ''}`, () =>
        getOpenList(req.deps, code, period),
      );
      return sendPage(reply, ctx, openListPage(ctx, list));
    },
  );

  // The unit form of /cong-khai (works without JavaScript): a name typed with or without accents
  // lists the matching units, each a link to its statistics (one match goes straight there); a
  // code still goes straight to its page.
  app.get<{ Querystring: Record<string, string> }>('/cong-khai/thong-ke', async (req, reply) => {
    const asked = (req.query['don-vi'] ?? '').trim().slice(0, 100);
    if (/^[0-9]{2,5}$/.test(asked)) return reply.redirect(`/cong-khai/thong-ke/${asked}`, 303);
    if (!asked) throw new AppError('FIELD_REQUIRED', { field: 'don-vi' }, { field: 'don-vi' });
    const matches = await cached(req.deps, `unit-search:${asked.toLowerCase()}`, () =>
      searchUnits(req.deps, { q: asked, limit: 30 }),
    );
    if (matches.length === 1) return reply.redirect(`/cong-khai/thong-ke/${matches[0]!.code}`, 303);
    const ctx = await ctxOf(req);
    return sendPage(reply, ctx, unitMatchesPage(ctx, asked, matches));
  });

  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>(
    '/cong-khai/thong-ke/:code',
    async (req, reply) => {
      const ctx = await ctxOf(req);
      const code = /^[0-9]{2,5}$/.test(req.params.code) ? req.params.code : '';
      const year = Number(req.query.nam);
      const period = Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined;
      const stats = await cached(req.deps, `stats:${code}:${period ?? ''}`, () =>
        getPublicStats(req.deps, code, period),
      );
      return sendPage(reply, ctx, statsPage(ctx, stats));
    },
  );

  // ── feedback ──────────────────────────────────────────────────────────────
  function feedbackForm(
    ctx: PageContext,
    values: Record<string, string>,
    communes: PostedCommune[],
    error?: string,
  ) {
    const { t } = ctx;
    // The communes whose lists are or were posted, by name, grouped under their district.
    const byParent = new Map<string, Map<string, string>>();
    for (const c of communes) {
      const group = byParent.get(c.parentName ?? '') ?? new Map<string, string>();
      group.set(c.communeCode, c.communeName);
      byParent.set(c.parentName ?? '', group);
    }
    const chosen = values.communeCode ?? '';
    const kind = values.kind === 'list' ? 'list' : 'program';
    return html`<p>${t.feedbackIntro}</p>
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
      <form method="post" action="/gop-y" id="feedback-form">
        ${
          values.householdRef && /^[0-9]{1,12}$/.test(values.householdRef)
            ? html`<p class="note">${t.householdRef}: <b>${values.householdRef}</b></p>
                <input type="hidden" name="householdRef" value="${values.householdRef}" />`
            : null
        }
        <fieldset>
          <legend>${t.feedbackKind}</legend>
          <label
            ><input type="radio" name="kind" value="program" ${kind === 'program' ? html` checked` : null} />
            ${t.kindProgram}</label
          >
          <label
            ><input type="radio" name="kind" value="list" ${kind === 'list' ? html` checked` : null} />
            ${t.kindList}</label
          >
        </fieldset>
        <label for="f-commune">${t.communeCode}</label
        ><select id="f-commune" name="communeCode">
          <option value="">${t.noCommune}</option>
          ${[...byParent].map(
            ([parent, group]) =>
              html`<optgroup label="${parent || t.unit}">
                ${[...group].map(
                  // The name stays on the option's line: no white space around it in the page.
                  // prettier-ignore
                  ([code, name]) => html`<option value="${code}"${code === chosen ? html` selected` : null}>${name}</option>`,
                )}
              </optgroup>`,
          )}
        </select>
        <label for="f-name">${t.yourName}</label
        ><input
          type="text"
          id="f-name"
          name="name"
          required
          maxlength="100"
          autocomplete="name"
          value="${values.name ?? ''}"
        />
        <label for="f-contact">${t.contact}</label
        ><input type="text" id="f-contact" name="contact" maxlength="200" value="${values.contact ?? ''}" />
        <label for="f-subject">${t.subject}</label
        ><input
          type="text"
          id="f-subject"
          name="subject"
          required
          maxlength="300"
          value="${values.subject ?? ''}"
        />
        <label for="f-body">${t.body}</label
        ><textarea id="f-body" name="body" required maxlength="5000">${values.body ?? ''}</textarea>
        ${captchaField(ctx)}
        <p><button type="submit">${t.sendFeedback}</button></p>
      </form>
      <h2>${t.lookup}</h2>
      <form method="get" action="/gop-y/tra-cuu">
        <label for="f-code">${t.lookupCode}</label
        ><input type="text" id="f-code" name="ma" required maxlength="20" placeholder="GY-XXXXXXXX" />
        <button type="submit">${t.lookup}</button>
      </form>`;
  }

  app.get<{ Querystring: Record<string, string> }>('/gop-y', async (req, reply) => {
    const ctx = await ctxOf(req);
    const values = {
      kind: req.query.xa ? 'list' : 'program',
      communeCode: req.query.xa ?? '',
      householdRef: req.query.ho ?? '',
    };
    const communes = await cached(req.deps, 'open-lists', () => listOpenLists(req.deps));
    return sendPage(reply, ctx, messagePage(ctx, ctx.t.feedback, [], feedbackForm(ctx, values, communes)));
  });

  app.post<{ Body: Record<string, string> }>(
    '/gop-y',
    { config: { rateLimit: PUBLIC_POST_LIMIT } },
    async (req, reply) => {
      const b = req.body ?? {};
      try {
        const r = await submitFeedback(req.deps, { ...b });
        const ctx = await ctxOf(req, false);
        return sendPage(
          reply,
          ctx,
          messagePage(
            ctx,
            ctx.t.feedbackSent,
            [],
            html`<p>${ctx.t.yourCode}:</p>
              <p class="code" id="feedback-code">${r.code ?? '—'}</p>
              <p>${ctx.t.keepCode}</p>
              ${r.complaintFiled ? html`<p class="note">${ctx.t.complaintFiled}</p>` : null}
              <p><a href="/gop-y/tra-cuu?ma=${r.code ?? ''}">${ctx.t.lookup}</a></p>`,
          ),
          201,
        );
      } catch (err) {
        if (!isAppError(err) || err.status >= 500) throw err;
        const ctx = await ctxOf(req, false);
        return sendPage(
          reply,
          ctx,
          messagePage(
            ctx,
            ctx.t.feedback,
            [],
            feedbackForm(
              ctx,
              b,
              await cached(req.deps, 'open-lists', () => listOpenLists(req.deps)),
              messageOf(err.code, err.params, req.lang),
            ),
          ),
          err.status,
        );
      }
    },
  );

  app.get<{ Querystring: Record<string, string> }>('/gop-y/tra-cuu', async (req, reply) => {
    const ctx = await ctxOf(req);
    const f = await lookupFeedback(req.deps, req.query.ma);
    const { t } = ctx;
    return sendPage(
      reply,
      ctx,
      messagePage(
        ctx,
        `${t.lookup}: ${f.code}`,
        [],
        html`<table class="list">
          <tbody>
            <tr>
              <th>${t.subject}</th>
              <td>${f.subject}</td>
            </tr>
            <tr>
              <th>${t.receivedAt}</th>
              <td>${formatInstantVn(f.createdAt)} (GMT+7)</td>
            </tr>
            <tr>
              <th>${t.status}</th>
              <td id="feedback-status">${t.feedbackStatus[f.status] ?? f.status}</td>
            </tr>
            <tr>
              <th>${t.response}</th>
              <td>${f.response ?? '—'}</td>
            </tr>
            ${
              f.complaint
                ? html`<tr>
                    <th>${t.complainList}</th>
                    <td id="complaint-status">
                      ${t.complaintStatus[f.complaint.status] ?? f.complaint.status}${
                        f.complaint.reason ? html` – ${f.complaint.reason}` : null
                      }
                    </td>
                  </tr>`
                : null
            }
          </tbody>
        </table>`,
      ),
    );
  });
}
