// Naughty strings (the blns list) in article titles, summaries, bodies, tags, comment names and
// comment bodies, and in feedback, must never give the rendered pages a script execution path:
// no script element of theirs, no event-handler attribute, no javascript:/vbscript:/data: URL,
// no frame, object, embed, base or meta refresh.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Parser } from 'htmlparser2';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM } from '../../src/services/deps.js';
import { createArticle, publishArticle } from '../../src/services/public/articles.service.js';
import { insertComment } from '../../src/db/repositories/portal.repository.js';
import { isAppError } from '../../src/errors.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { solvedCaptcha } from '../support/portal.js';

const naughty = createRequire(import.meta.url)('blns') as string[];

const HANDWRITTEN = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href=" JaVaScRiPt:alert(1)">x</a>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
];

const DANGEROUS_TAGS = new Set([
  'iframe',
  'frame',
  'object',
  'embed',
  'base',
  'svg',
  'math',
  'applet',
  'frameset',
]);
const URL_ATTRS = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'srcset',
  'data',
  'xlink:href',
  'poster',
  'background',
]);

/** Every way the page could run script. Empty when the page is safe. */
export function scriptPaths(page: string): string[] {
  const problems: string[] = [];
  let inScript = false;
  let styles = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'script') {
          inScript = true;
          // The portal's own deferred script is the only one allowed.
          if (attrs.src !== '/portal.js') problems.push(`<script ${JSON.stringify(attrs)}>`);
        }
        if (name === 'style') styles += 1;
        if (DANGEROUS_TAGS.has(name)) problems.push(`<${name}>`);
        if (name === 'meta' && (attrs['http-equiv'] ?? '').toLowerCase() === 'refresh')
          problems.push('<meta refresh>');
        for (const [attr, value] of Object.entries(attrs)) {
          if (attr.startsWith('on')) problems.push(`${name}[${attr}]`);
          if (attr === 'style') problems.push(`${name}[style]`);
          if (URL_ATTRS.has(attr)) {
            // Browsers ignore ASCII whitespace and control characters inside a scheme.
            // eslint-disable-next-line no-control-regex
            const compact = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
            if (/(^|,)(javascript|vbscript|data):/.test(compact)) problems.push(`${name}[${attr}=${value}]`);
          }
        }
      },
      ontext(text) {
        if (inScript && text.trim()) problems.push(`inline script: ${text.slice(0, 40)}`);
      },
      onclosetag(name) {
        if (name === 'script') inScript = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(page);
  parser.end();
  // The portal's stylesheet is external (/portal.css): any style element came from the content.
  if (styles !== 0) problems.push(`${styles} <style> elements`);
  return problems;
}

for (const dialect of DIALECTS) {
  describe(`portal pages against naughty strings (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    const strings = [...HANDWRITTEN, ...naughty].filter((s) => s.trim().length > 0 && s.length <= 300);

    beforeAll(async () => {
      deps = await makeDeps(dialect);
      app = await buildApp(deps);
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('the checker itself finds each kind of script path', () => {
      expect(scriptPaths('<script>alert(1)</script>')).not.toEqual([]);
      expect(scriptPaths('<img src=x onerror=alert(1)>')).not.toEqual([]);
      expect(scriptPaths('<a href=" jav&#x09;ascript:alert(1)">x</a>')).not.toEqual([]);
      expect(scriptPaths('<script src="/portal.js"></script><p>ok</p>')).toEqual([]);
    });

    it(`neutralises ${strings.length} strings in articles, comments and names`, async () => {
      const slugs: string[] = [];
      // Articles: each string as title, summary, tag and body (alone and inside a paragraph).
      for (const [i, s] of strings.entries()) {
        try {
          const a = await createArticle(deps, SYSTEM, {
            title: s,
            slug: `xss-${i}`,
            summary: s,
            bodyHtml: `${s}<p>${s}</p><a href="${s}">l</a>`,
            tags: [s.slice(0, 60)],
            authorName: s.slice(0, 200),
          });
          await publishArticle(deps, SYSTEM, a.id);
          slugs.push(a.slug);
        } catch (err) {
          // A string that is not a valid title at all (only markup, nothing left) is refused with a code.
          if (!isAppError(err)) throw err;
        }
      }
      expect(slugs.length).toBeGreaterThan(strings.length * 0.9);
      // Comments: every string as a published name and body on the first article.
      const host = await deps.db.kysely
        .selectFrom('portal_article')
        .select('id')
        .where('slug', '=', slugs[0]!)
        .executeTakeFirstOrThrow();
      for (const s of strings) {
        await insertComment(deps.db.kysely, {
          article_id: host.id,
          name: s.slice(0, 100),
          body: s,
          status: 'published',
          reject_reason: null,
          moderated_by: 'test',
          moderated_at: '2024-06-11T09:00:00.000Z',
          created_at: '2024-06-11T09:00:00.000Z',
        });
      }
      const failures: string[] = [];
      for (const slug of slugs) {
        const r = await app.inject({ method: 'GET', url: `/bai-viet/${slug}` });
        expect(r.statusCode).toBe(200);
        for (const p of scriptPaths(r.body)) failures.push(`${slug}: ${p}`);
      }
      for (const url of [
        '/',
        '/?trang=2',
        '/?trang=5',
        '/chuyen-muc/tin-tuc',
        '/tim-kiem?q=script',
        '/tim-kiem?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
        '/rss.xml',
      ]) {
        const r = await app.inject({ method: 'GET', url });
        if (url.endsWith('.xml')) {
          expect(r.body).not.toContain('<script');
          continue;
        }
        for (const p of scriptPaths(r.body)) failures.push(`${url}: ${p}`);
      }
      expect(failures).toEqual([]);
    });

    it('names and bodies sent through the API are stored as text and rendered escaped', async () => {
      const a = await createArticle(deps, SYSTEM, {
        title: 'Bài thử bình luận',
        summary: 's',
        bodyHtml: '<p>b</p>',
      });
      await publishArticle(deps, SYSTEM, a.id);
      const name = '<img src=x onerror=alert(1)>';
      const body = '"><script>alert(document.cookie)</script><a href="javascript:alert(1)">x</a>';
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        payload: { articleId: a.id, name, body, captcha: await solvedCaptcha(app) },
      });
      expect(r.statusCode).toBe(201);
      const row = await deps.db.kysely
        .selectFrom('portal_comment')
        .selectAll()
        .where('id', '=', (r.json() as { id: number }).id)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe(name);
      await deps.db.kysely
        .updateTable('portal_comment')
        .set({ status: 'published' })
        .where('id', '=', row.id)
        .execute();
      const page = await app.inject({ method: 'GET', url: `/bai-viet/${a.slug}` });
      expect(scriptPaths(page.body)).toEqual([]);
      expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');

      // Feedback: the lookup page shows the subject and the answer escaped.
      const f = await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { kind: 'program', name, subject: body, body, captcha: await solvedCaptcha(app) },
      });
      const code = (f.json() as { code: string }).code;
      const look = await app.inject({ method: 'GET', url: `/gop-y/tra-cuu?ma=${code}` });
      expect(look.statusCode).toBe(200);
      expect(scriptPaths(look.body)).toEqual([]);
      // A failed form keeps what was typed, escaped.
      const form = new URLSearchParams({ articleId: String(a.id), name, body });
      const refused = await app.inject({
        method: 'POST',
        url: `/bai-viet/${a.slug}/binh-luan`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
      expect(refused.statusCode).toBe(400);
      expect(scriptPaths(refused.body)).toEqual([]);
      const fb = new URLSearchParams({ kind: 'program', name, subject: body, body });
      const refusedFb = await app.inject({
        method: 'POST',
        url: '/gop-y',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: fb.toString(),
      });
      expect(refusedFb.statusCode).toBe(400);
      expect(scriptPaths(refusedFb.body)).toEqual([]);
    });
  });
}
