// RSS 2.0, Atom and the sitemap of the public portal.
import type { PublicArticleSummary } from '../services/public/articles.service.js';
import { escapeXml } from './html.js';

function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

export function rssFeed(
  origin: string,
  siteName: string,
  description: string,
  items: PublicArticleSummary[],
): string {
  const entries = items
    .map((a) => {
      const url = `${origin}/bai-viet/${a.slug}`;
      const photo = a.photos[0]?.sources.find((s) => s.width >= 960) ?? a.photos[0]?.sources[0];
      return `<item><title>${escapeXml(a.title)}</title><link>${escapeXml(url)}</link><guid isPermaLink="true">${escapeXml(url)}</guid><pubDate>${rfc822(a.publishedAt!)}</pubDate><dc:creator>${escapeXml(a.authorName)}</dc:creator><description>${escapeXml(a.summary)}</description>${
        photo ? `<enclosure url="${escapeXml(origin + photo.jpeg)}" type="image/jpeg" length="0"/>` : ''
      }</item>`;
    })
    .join('');
  const built = items[0]?.publishedAt ? `<lastBuildDate>${rfc822(items[0].publishedAt)}</lastBuildDate>` : '';
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${escapeXml(siteName)}</title><link>${escapeXml(origin + '/')}</link><atom:link href="${escapeXml(origin + '/rss.xml')}" rel="self" type="application/rss+xml"/><description>${escapeXml(description)}</description><language>vi</language>${built}${entries}</channel></rss>`;
}

export function atomFeed(origin: string, siteName: string, items: PublicArticleSummary[]): string {
  const updated = items[0]?.updatedAt ?? new Date(0).toISOString();
  const entries = items
    .map((a) => {
      const url = `${origin}/bai-viet/${a.slug}`;
      return `<entry><title>${escapeXml(a.title)}</title><link href="${escapeXml(url)}"/><id>${escapeXml(url)}</id><published>${a.publishedAt}</published><updated>${a.updatedAt > (a.publishedAt ?? '') ? a.updatedAt : a.publishedAt}</updated><author><name>${escapeXml(a.authorName)}</name></author><summary>${escapeXml(a.summary)}</summary></entry>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi"><title>${escapeXml(siteName)}</title><link href="${escapeXml(origin + '/')}"/><link rel="self" href="${escapeXml(origin + '/atom.xml')}"/><id>${escapeXml(origin + '/')}</id><updated>${updated}</updated>${entries}</feed>`;
}

export function sitemap(origin: string, paths: { path: string; lastmod?: string }[]): string {
  const urls = paths
    .map(
      (p) =>
        `<url><loc>${escapeXml(origin + p.path)}</loc>${p.lastmod ? `<lastmod>${p.lastmod.slice(0, 10)}</lastmod>` : ''}</url>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`;
}
