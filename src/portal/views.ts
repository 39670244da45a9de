// Server-rendered views of the public portal. Plain HTML with one small inline stylesheet, readable
// without JavaScript; the only script (the captcha's proof of work) is loaded deferred and is
// needed only to send a comment or feedback.
import type { Lang } from '../errors.js';
import { formatInstantVn } from '../domain/dates.js';
import type {
  PhotoView,
  PublicArticleSummary,
  PublicComment,
  SiteSettings,
} from '../services/public/articles.service.js';
import type { VisitStats } from '../services/public/visits.service.js';
import { html, trusted, type Html } from './html.js';
import type { Strings } from './i18n.js';

export interface PageContext {
  lang: Lang;
  t: Strings;
  siteName: string;
  /** scheme://host of this request, for canonical and Open Graph URLs. */
  origin: string;
  /** The path of this page without the language switch (for the switch link and canonical URL). */
  path: string;
  settings: SiteSettings;
  categories: { slug: string; nameVi: string; nameEn: string }[];
  stats: VisitStats;
}

export interface Meta {
  title: string;
  description?: string;
  type?: 'website' | 'article';
  image?: { url: string; alt: string; width: number; height: number };
  publishedAt?: string | null;
  noindex?: boolean;
}

// Kept small on purpose: the whole article page must stay well under 100 KB before images.
export const PORTAL_CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#f4f5f7}
a{color:#0b4ea2}a:focus,button:focus,input:focus,textarea:focus,select:focus{outline:3px solid #fd0;outline-offset:1px}
.wrap{max-width:860px;margin:0 auto;padding:0 12px}
header.site{background:#a50e0e;color:#fff}header.site a{color:#fff}
.brand{display:block;font-weight:700;font-size:1.3rem;padding:10px 0 2px;text-decoration:none}
.slogans{margin:0 0 8px;font-size:.95rem;color:#ffe9a8}.slogans span+span:before{content:" • "}
nav.top{display:flex;flex-wrap:wrap;gap:4px 14px;padding:6px 0 10px;font-size:.95rem}
form.search{display:flex;gap:6px;padding-bottom:10px}form.search input{flex:1;min-width:0}
input,textarea,select,button{font:inherit;padding:6px 8px;border:1px solid #777;border-radius:3px;max-width:100%}
button{background:#0b4ea2;color:#fff;border-color:#0b4ea2;cursor:pointer}
main{background:#fff;padding:14px 12px 24px;margin:12px auto}
h1{font-size:1.55rem;line-height:1.3;margin:.3em 0}h2{font-size:1.25rem}
.meta{color:#555;font-size:.9rem;margin:.2em 0 .8em}.lead{font-weight:600}
.card{border-bottom:1px solid #ddd;padding:10px 0;display:flex;gap:12px}.card img{width:140px;height:auto;flex:none}
.card h2{font-size:1.1rem;margin:0 0 4px}.card p{margin:0}
figure{margin:14px 0}figure img{width:100%;height:auto;display:block}figcaption{font-size:.9rem;color:#444;font-style:italic;text-align:center;padding-top:4px}
.body img{max-width:100%;height:auto}.body table{border-collapse:collapse}.body td,.body th{border:1px solid #ccc;padding:4px}
.comment{border-top:1px solid #e3e3e3;padding:8px 0}.comment b{display:block}.comment p{margin:4px 0 0;white-space:pre-wrap}
label{display:block;margin:8px 0 2px;font-weight:600}textarea{width:100%;min-height:6em}input[type=text]{width:100%}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.note{background:#eef6ee;border-left:4px solid #2e7d32;padding:8px 10px}.error{background:#fdecea;border-left:4px solid #b71c1c;padding:8px 10px}
.code{font:700 1.5rem monospace;letter-spacing:.1em}
figure.chart{margin:1em 0;max-width:760px}figure.chart figcaption{font-size:.85em;color:#555}ul.map-legend{list-style:none;padding:0;margin:.4em 0;display:flex;flex-wrap:wrap;gap:.3em 1em}ul.map-legend svg{vertical-align:middle;border:1px solid #999}table.list{border-collapse:collapse;width:100%}table.list th,table.list td{border-bottom:1px solid #ddd;text-align:left;padding:5px}
footer{color:#444;font-size:.9rem;text-align:center;padding:10px 0 24px}
@media(max-width:520px){.card img{width:96px}h1{font-size:1.3rem}}`;
/** Changes whenever the stylesheet does, so it can be cached for a year (`/portal.css?v=…`). */
export const CSS_VERSION = cssVersion(PORTAL_CSS);

function cssVersion(css: string): string {
  // FNV-1a: a short fingerprint of the stylesheet (pure; no crypto module in the views).
  let h = 0x811c9dc5;
  for (let i = 0; i < css.length; i += 1) h = Math.imul(h ^ css.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/**
 * Where the visit counter goes. Pages are rendered with this slot and filled just before sending,
 * so a rendered page can be reused while the counter moves on.
 */
export const STATS_SLOT = '<!--gn:stats-->';

export function statsLine(t: Strings, stats: VisitStats): string {
  return html`${t.visits}: <b>${stats.totalVisits.toLocaleString('vi-VN')}</b> · ${t.online(stats.online)}`
    .value;
}

export function tr(ctx: PageContext, vi: string, en: string): string {
  return ctx.lang === 'en' ? en : vi;
}

function langSwitchHref(ctx: PageContext): string {
  const sep = ctx.path.includes('?') ? '&' : '?';
  return `${ctx.path}${sep}lang=${ctx.t.switchLangCode}`;
}

export function layout(ctx: PageContext, meta: Meta, body: Html): string {
  const { t } = ctx;
  const slogans =
    ctx.lang === 'en' && ctx.settings.slogansEn.length ? ctx.settings.slogansEn : ctx.settings.slogans;
  const url = ctx.origin + ctx.path;
  const fullTitle = meta.title === ctx.siteName ? meta.title : `${meta.title} – ${ctx.siteName}`;
  return (
    '<!doctype html>' +
    html`<html lang="${ctx.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${fullTitle}</title>
        ${meta.description ? html`<meta name="description" content="${meta.description}" />` : null}
        ${meta.noindex ? html`<meta name="robots" content="noindex" />` : null}
        <link rel="canonical" href="${url}" />
        <meta property="og:site_name" content="${ctx.siteName}" />
        <meta property="og:title" content="${meta.title}" />
        <meta property="og:type" content="${meta.type ?? 'website'}" />
        <meta property="og:url" content="${url}" />
        <meta property="og:locale" content="${ctx.lang === 'en' ? 'en_US' : 'vi_VN'}" />
        ${meta.description ? html`<meta property="og:description" content="${meta.description}" />` : null}
        ${
          meta.image
            ? html`<meta property="og:image" content="${ctx.origin + meta.image.url}" />
                <meta property="og:image:type" content="image/jpeg" />
                <meta property="og:image:width" content="${meta.image.width}" />
                <meta property="og:image:height" content="${meta.image.height}" />
                <meta property="og:image:alt" content="${meta.image.alt}" />
                <meta name="twitter:card" content="summary_large_image" />`
            : null
        }
        ${meta.publishedAt ? html`<meta property="article:published_time" content="${meta.publishedAt}" />` : null}
        <link rel="alternate" type="application/rss+xml" title="${ctx.siteName}" href="/rss.xml" />
        <link rel="alternate" type="application/atom+xml" title="${ctx.siteName}" href="/atom.xml" />
        <link rel="stylesheet" href="/portal.css?v=${CSS_VERSION}" />
        <script src="/portal.js" defer></script>
      </head>
      <body>
        <header class="site">
          <div class="wrap">
            <a class="brand" href="/">${ctx.siteName}</a>
            <p class="slogans">${slogans.map((s) => html`<span>${s}</span>`)}</p>
            <nav class="top" aria-label="${t.categories}">
              <a href="/">${t.home}</a>${ctx.categories.map(
                (c) => html`<a href="/chuyen-muc/${c.slug}">${ctx.lang === 'en' ? c.nameEn : c.nameVi}</a>`,
              )}<a href="/cong-khai">${t.openLists}</a><a href="/gop-y">${t.feedback}</a
              ><a href="${langSwitchHref(ctx)}" hreflang="${t.switchLangCode}" lang="${t.switchLangCode}"
                >${t.switchLang}</a
              >
            </nav>
            <form class="search" action="/tim-kiem" method="get" role="search">
              <input
                type="search"
                name="q"
                aria-label="${t.search}"
                placeholder="${t.searchPlaceholder}"
              /><button type="submit">${t.search}</button>
            </form>
          </div>
        </header>
        <main class="wrap">${body}</main>
        <footer class="wrap">
          <p>${t.rights}</p>
          <p>${trusted(STATS_SLOT)} · <a href="/rss.xml">${t.feed}</a></p>
        </footer>
      </body>
    </html>`.value
  );
}

export function publishedLine(ctx: PageContext, instant: string | null): string {
  return instant ? `${ctx.t.publishedAt}: ${formatInstantVn(instant)} (GMT+7)` : '';
}

function picture(photo: PhotoView, sizes: string, eager = false): Html {
  const webp = photo.sources.map((s) => `${s.webp} ${s.width}w`).join(', ');
  const jpeg = photo.sources.map((s) => `${s.jpeg} ${s.width}w`).join(', ');
  const fallback = photo.sources.find((s) => s.width >= 960) ?? photo.sources[photo.sources.length - 1]!;
  const height = Math.round((photo.height * fallback.width) / photo.width);
  return html`<picture
    ><source type="image/webp" srcset="${webp}" sizes="${sizes}" />
    <img
      src="${fallback.jpeg}"
      srcset="${jpeg}"
      sizes="${sizes}"
      alt="${photo.alt}"
      width="${fallback.width}"
      height="${height}"
      ${trusted(eager ? '' : ' loading="lazy"')}
  /></picture>`;
}

/** The rendition used for link previews (Open Graph): 960 px wide, or the largest there is. */
function shareImage(photo: PhotoView | undefined): Meta['image'] {
  if (!photo) return undefined;
  const source = photo.sources.find((s) => s.width >= 960) ?? photo.sources[photo.sources.length - 1];
  if (!source) return undefined;
  return {
    url: source.jpeg,
    alt: photo.alt,
    width: source.width,
    height: Math.round((photo.height * source.width) / photo.width),
  };
}

export function figure(photo: PhotoView, eager = false): Html {
  return html`<figure>
    ${picture(photo, '(max-width: 860px) 100vw, 836px', eager)}
    <figcaption>${photo.caption}</figcaption>
  </figure>`;
}

export function articleCard(ctx: PageContext, a: PublicArticleSummary): Html {
  const photo = a.photos[0];
  return html`<article class="card">
    ${
      photo
        ? html`<a href="/bai-viet/${a.slug}" tabindex="-1" aria-hidden="true">${picture(photo, '140px')}</a>`
        : null
    }
    <div>
      <h2><a href="/bai-viet/${a.slug}">${a.title}</a></h2>
      <p class="meta">${publishedLine(ctx, a.publishedAt)} · ${ctx.t.comments(a.commentCount)}</p>
      <p>${a.summary}</p>
    </div>
  </article>`;
}

export function pager(
  ctx: PageContext,
  base: string,
  page: number,
  perPage: number,
  total: number,
): Html | null {
  const last = Math.max(1, Math.ceil(total / perPage));
  if (last === 1) return null;
  const sep = base.includes('?') ? '&' : '?';
  return html`<nav class="meta" aria-label="pages">
    ${page > 1 ? html`<a href="${base}${sep}trang=${page - 1}">${ctx.t.previous}</a> ` : null}${page} /
    ${last}${page < last ? html` <a href="${base}${sep}trang=${page + 1}">${ctx.t.next}</a>` : null}
  </nav>`;
}

export function homePage(
  ctx: PageContext,
  items: PublicArticleSummary[],
  page: number,
  perPage: number,
  total: number,
): string {
  const body = html`<h1>${ctx.t.latestNews}</h1>
    ${items.length ? items.map((a) => articleCard(ctx, a)) : html`<p>${ctx.t.nothingFound}</p>`}${pager(ctx, '/', page, perPage, total)}`;
  return layout(ctx, { title: ctx.siteName, description: ctx.t.rights }, body);
}

export function listingPage(
  ctx: PageContext,
  title: string,
  base: string,
  items: PublicArticleSummary[],
  page: number,
  perPage: number,
  total: number,
  intro?: Html,
): string {
  const body = html`<h1>${title}</h1>
    ${intro ?? null}${items.length ? items.map((a) => articleCard(ctx, a)) : html`<p>${ctx.t.nothingFound}</p>`}${pager(ctx, base, page, perPage, total)}`;
  return layout(ctx, { title }, body);
}

export interface CommentFormState {
  name?: string;
  body?: string;
  error?: string;
  sent?: boolean;
}

export function captchaField(ctx: PageContext): Html {
  return html`<div class="captcha">
      <label for="captcha-link">${ctx.t.captchaLabel}</label>
      <a
        id="captcha-link"
        href="/ma-xac-nhan"
        data-captcha
        data-ready="${ctx.t.captchaReady}"
        data-working="${ctx.t.captchaWorking}"
        >${ctx.t.captchaLink}</a
      >
      <span data-captcha-status role="status"></span>
      <input type="hidden" name="captcha" value="" />
      <p class="meta">${ctx.t.captchaHelp}</p>
    </div>
    <div class="hp" aria-hidden="true">
      <label>${ctx.t.honeypot} <input type="text" name="website" tabindex="-1" autocomplete="off" /></label>
    </div>`;
}

export function articlePage(
  ctx: PageContext,
  a: PublicArticleSummary & { comments: PublicComment[] },
  bodyHtml: string,
  form: CommentFormState,
): string {
  const { t } = ctx;
  const [lead, ...rest] = a.photos;
  const category = ctx.categories.find((c) => c.slug === a.categorySlug);
  const body = html`<article>
      ${category ? html`<p class="meta"><a href="/chuyen-muc/${category.slug}">${ctx.lang === 'en' ? category.nameEn : category.nameVi}</a></p>` : null}
      <h1>${a.title}</h1>
      <p class="meta">
        <span class="published">${publishedLine(ctx, a.publishedAt)}</span> · ${t.author}:
        <span class="author">${a.authorName}</span> ·
        <a href="#binh-luan" class="comment-count">${t.comments(a.commentCount)}</a>
      </p>
      <p class="lead">${a.summary}</p>
      ${lead ? figure(lead, true) : null}
      <div class="body">${trusted(bodyHtml)}</div>
      ${rest.map((p) => figure(p))}
      ${a.tags.length ? html`<p class="meta">${t.tags}: ${a.tags.map((tag, i) => html`${i ? ', ' : ''}<a href="/tim-kiem?q=${encodeURIComponent(tag)}">${tag}</a>`)}</p>` : null}
    </article>
    <section id="binh-luan">
      <h2>${t.comments(a.commentCount)}</h2>
      ${
        a.comments.length
          ? a.comments.map(
              (c) =>
                html`<div class="comment">
                  <b>${c.name}</b><span class="meta">${formatInstantVn(c.createdAt)}</span>
                  <p>${c.body}</p>
                </div>`,
            )
          : html`<p class="meta">${t.noComments}</p>`
      }
      ${form.sent ? html`<p class="note" role="status">${t.commentPending}</p>` : null}
      ${form.error ? html`<p class="error" role="alert">${form.error}</p>` : null}
      <form method="post" action="/bai-viet/${a.slug}/binh-luan" id="comment-form">
        <input type="hidden" name="articleId" value="${a.id}" />
        <label for="c-name">${t.yourName}</label
        ><input
          type="text"
          id="c-name"
          name="name"
          required
          maxlength="100"
          autocomplete="name"
          value="${form.name ?? ''}"
        />
        <label for="c-body">${t.yourComment}</label
        ><textarea id="c-body" name="body" required maxlength="3000">${form.body ?? ''}</textarea>
        ${captchaField(ctx)}
        <p><button type="submit">${t.sendComment}</button></p>
      </form>
    </section>`;
  return layout(
    ctx,
    {
      title: a.title,
      description: a.summary,
      type: 'article',
      image: shareImage(lead),
      publishedAt: a.publishedAt,
    },
    body,
  );
}

export function messagePage(
  ctx: PageContext,
  title: string,
  paragraphs: (string | Html)[],
  extra?: Html,
): string {
  return layout(
    ctx,
    { title, noindex: true },
    html`<h1>${title}</h1>
      ${paragraphs.map((p) => html`<p>${p}</p>`)}${extra ?? null}`,
  );
}
