// Portal revisions and photo edits through app.inject, on SQLite and PostgreSQL: an editor reads
// one saved version, restores an older one as a NEW version (history kept, optimistic version
// check, audited, the public page shows the old text again), and edits a photo's caption, alt
// text and place among the article's photos.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { multipartBody, syntheticPhoto, withTempUploads } from '../support/portal.js';

type Session = { cookie: string; csrf: string };
const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

const V1 = {
  title: 'Xã Quảng Minh trao 12 con bò giống cho hộ nghèo',
  summary: 'Sáng 11/6, UBND xã Quảng Minh trao bò giống cho 12 hộ nghèo.',
  bodyHtml:
    '<h2>Hỗ trợ sinh kế</h2><p>Mỗi hộ nhận <strong>một con bò giống</strong> trị giá 15.000.000 ₫.</p>',
  categorySlug: 'tin-tuc',
  tags: ['sinh kế'],
};
const V2 = {
  title: 'Xã Quảng Minh trao 15 con bò giống cho hộ nghèo, hộ cận nghèo',
  summary: 'Sáng 11/6, UBND xã Quảng Minh trao bò giống cho 15 hộ.',
  bodyHtml: '<p>Mỗi hộ nhận một con bò giống và được tập huấn chăn nuôi.</p>',
  categorySlug: 'chinh-sach',
  tags: ['sinh kế', 'chăn nuôi'],
};

for (const dialect of DIALECTS) {
  describe(`portal revisions and photo edits (${dialect})`, () => {
    let deps: TestDeps & { uploadDir: string };
    let app: FastifyInstance;
    let editor: Session;
    let officer: Session;
    let id: number;
    let slug: string;

    beforeAll(async () => {
      deps = withTempUploads(await makeDeps(dialect));
      app = await buildApp(deps);
      editor = await buildSession(deps, { role: 'editor', unitCode: '382' });
      officer = await buildSession(deps, { role: 'commune-officer', unitCode: '16516' });
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/articles',
        headers: as(editor),
        payload: V1,
      });
      expect(created.statusCode).toBe(201);
      id = (created.json() as { id: number }).id;
      const saved = await app.inject({
        method: 'PUT',
        url: `/api/v1/portal/articles/${id}`,
        headers: as(editor),
        payload: { ...V2, version: 1 },
      });
      expect(saved.json().version).toBe(2);
      // A new title gives a new address; a restore keeps the address the article has now.
      slug = (saved.json() as { slug: string }).slug;
      const pub = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/articles/${id}/publish`,
        headers: as(editor),
        payload: {},
      });
      expect(pub.json().status).toBe('published');
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
      fs.rmSync(deps.uploadDir, { recursive: true, force: true });
    });

    it('shows one saved version, and says clearly when there is no such version', async () => {
      const r = await app.inject({
        method: 'GET',
        url: `/api/v1/portal/articles/${id}/revisions/1`,
        headers: as(editor),
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        version: 1,
        title: V1.title,
        summary: V1.summary,
        bodyHtml: V1.bodyHtml,
        categorySlug: 'tin-tuc',
        tags: ['sinh kế'],
        restoredFrom: null,
      });
      const missing = await app.inject({
        method: 'GET',
        url: `/api/v1/portal/articles/${id}/revisions/9`,
        headers: { ...as(editor), 'accept-language': 'vi' },
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error).toMatchObject({ code: 'REVISION_NOT_FOUND' });
      expect(missing.json().error.message).toBe(`Bài viết ${id} không có phiên bản 9.`);
      const forbidden = await app.inject({
        method: 'GET',
        url: `/api/v1/portal/articles/${id}/revisions/1`,
        headers: as(officer),
      });
      expect(forbidden.statusCode).toBe(403);
    });

    it('restores version 1 as version 3, keeps the history and the address, and the page shows the old text', async () => {
      const before = await app.inject({ method: 'GET', url: `/bai-viet/${slug}` });
      expect(before.body).toContain('tập huấn chăn nuôi');
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/articles/${id}/revisions/1/restore`,
        headers: as(editor),
        payload: { version: 2 },
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        version: 3,
        slug,
        title: V1.title,
        summary: V1.summary,
        bodyHtml: V1.bodyHtml,
        categorySlug: 'tin-tuc',
        tags: ['sinh kế'],
        status: 'published',
      });

      const rows = await deps.db.kysely
        .selectFrom('portal_article_revision')
        .select(['version', 'title', 'restored_from'])
        .where('article_id', '=', id)
        .orderBy('version')
        .execute();
      expect(rows.map((x) => [x.version, x.title, x.restored_from])).toEqual([
        [1, V1.title, null],
        [2, V2.title, null],
        [3, V1.title, 1],
      ]);
      const list = await app.inject({
        method: 'GET',
        url: `/api/v1/portal/articles/${id}/revisions`,
        headers: as(editor),
      });
      expect(
        (list.json() as { items: { version: number; restoredFrom: number | null }[] }).items.map((x) => [
          x.version,
          x.restoredFrom,
        ]),
      ).toEqual([
        [3, 1],
        [2, null],
        [1, null],
      ]);
      const audit = await deps.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'after_json'])
        .where('entity', '=', 'article')
        .where('entity_id', '=', String(id))
        .where('action', '=', 'restore')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ version: 3, restoredFrom: 1 });

      const page = await app.inject({ method: 'GET', url: `/bai-viet/${slug}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<strong>một con bò giống</strong>');
      expect(page.body).not.toContain('tập huấn chăn nuôi');
    });

    it('refuses a restore from a stale version or of a missing one, and writes nothing', async () => {
      const stale = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/articles/${id}/revisions/2/restore`,
        headers: as(editor),
        payload: { version: 2 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('CONFLICT');
      const missing = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/articles/${id}/revisions/7/restore`,
        headers: as(editor),
        payload: { version: 3 },
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('REVISION_NOT_FOUND');
      const noVersion = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/articles/${id}/revisions/2/restore`,
        headers: as(editor),
        payload: {},
      });
      expect(noVersion.statusCode).toBe(400);
      expect(noVersion.json().error.field).toBe('version');
      const officerTry = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/articles/${id}/revisions/2/restore`,
        headers: as(officer),
        payload: { version: 3 },
      });
      expect(officerTry.statusCode).toBe(403);
      const article = await deps.db.kysely
        .selectFrom('portal_article')
        .select(['version', 'title'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(article).toEqual({ version: 3, title: V1.title });
      const count = await deps.db.kysely
        .selectFrom('portal_article_revision')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('article_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(3);
    });

    it('edits a caption and alt text, moves a photo, and the public page follows', async () => {
      const ids: number[] = [];
      for (const caption of ['Trao bò giống', 'Tập huấn chăn nuôi', 'Chuồng trại mới']) {
        const body = multipartBody(await syntheticPhoto(caption, 600, 400), { caption });
        const up = await app.inject({
          method: 'POST',
          url: `/api/v1/portal/articles/${id}/photos`,
          headers: { ...as(editor), ...body.headers },
          payload: body.payload,
        });
        expect(up.statusCode).toBe(201);
        ids.push((up.json() as { id: number }).id);
      }
      const edit = await app.inject({
        method: 'PATCH',
        url: `/api/v1/portal/photos/${ids[0]}`,
        headers: as(editor),
        payload: { caption: 'Lễ trao bò giống tại nhà văn hóa xã', alt: 'Cán bộ xã trao bò cho hộ nghèo' },
      });
      expect(edit.statusCode).toBe(200);
      expect(edit.json()).toMatchObject({
        caption: 'Lễ trao bò giống tại nhà văn hóa xã',
        alt: 'Cán bộ xã trao bò cho hộ nghèo',
      });
      const empty = await app.inject({
        method: 'PATCH',
        url: `/api/v1/portal/photos/${ids[1]}`,
        headers: as(editor),
        payload: { caption: '   ' },
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'caption' });

      // The third photo moves to the front; the others shift, positions stay 1…n.
      const move = await app.inject({
        method: 'PATCH',
        url: `/api/v1/portal/photos/${ids[2]}`,
        headers: as(editor),
        payload: { position: 1 },
      });
      expect(move.statusCode).toBe(200);
      const order = async () =>
        (
          await deps.db.kysely
            .selectFrom('portal_photo')
            .select(['id', 'position', 'caption'])
            .where('article_id', '=', id)
            .orderBy('position')
            .execute()
        ).map((p) => [p.id, p.position]);
      expect(await order()).toEqual([
        [ids[2], 1],
        [ids[0], 2],
        [ids[1], 3],
      ]);
      // A place past the end means last.
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/portal/photos/${ids[2]}`,
        headers: as(editor),
        payload: { position: 99 },
      });
      expect(await order()).toEqual([
        [ids[0], 1],
        [ids[1], 2],
        [ids[2], 3],
      ]);

      const page = (await app.inject({ method: 'GET', url: `/bai-viet/${slug}` })).body;
      expect(page).toContain('<figcaption>Lễ trao bò giống tại nhà văn hóa xã</figcaption>');
      expect(page).toContain('alt="Cán bộ xã trao bò cho hộ nghèo"');
      expect(page).not.toContain('<figcaption>Trao bò giống</figcaption>');
      expect(page.indexOf('Lễ trao bò giống tại nhà văn hóa xã')).toBeLessThan(
        page.indexOf('Chuồng trại mới'),
      );
    });
  });
}
