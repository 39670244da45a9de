// The public portal through app.inject: an editor writes and publishes an article with two
// captioned photos; the public reads it (Vietnamese time, Open Graph, feeds, sitemap); comments
// need a solved captcha, are moderated and counted; feedback gets a follow-up code.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { multipartBody, solvedCaptcha, syntheticPhoto, withTempUploads } from '../support/portal.js';

const TITLE = 'TP Sầm Sơn: triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024';

for (const dialect of DIALECTS) {
  describe(`public portal API and pages (${dialect})`, () => {
    let deps: TestDeps & { uploadDir: string };
    let app: FastifyInstance;
    let editor: { cookie: string; csrf: string };
    let supervisor: { cookie: string; csrf: string };
    let articleId: number;
    let slug: string;

    const as = (s: { cookie: string; csrf: string }) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

    beforeAll(async () => {
      deps = withTempUploads(await makeDeps(dialect));
      app = await buildApp(deps);
      editor = await buildSession(deps, { role: 'editor', unitCode: '382' });
      supervisor = await buildSession(deps, { role: 'supervisor', unitCode: '382' });
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
      fs.rmSync(deps.uploadDir, { recursive: true, force: true });
    });

    it('an editor writes a draft, uploads two captioned photos and publishes it', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/articles',
        headers: as(editor),
        payload: {
          title: TITLE,
          summary: 'Sáng 11/6, UBND thành phố Sầm Sơn tổ chức hội nghị triển khai Chương trình năm 2024.',
          bodyHtml: '<p>Năm 2024, thành phố phấn đấu giảm <strong>155 hộ nghèo</strong>.</p>',
          categorySlug: 'tin-tuc',
          tags: ['giảm nghèo', 'Sầm Sơn'],
          authorName: 'Phòng Văn hóa – Thông tin',
        },
      });
      expect(created.statusCode).toBe(201);
      const a = created.json() as { id: number; slug: string; status: string; version: number };
      expect(a).toMatchObject({
        status: 'draft',
        version: 1,
        slug: 'tp-sam-son-trien-khai-thuc-hien-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2024',
      });
      articleId = a.id;
      slug = a.slug;

      for (const [caption, colour] of [
        ['Toàn cảnh hội nghị', '#2b6cb0'],
        ['Đại biểu dự hội nghị', '#9b2c2c'],
      ] as const) {
        const body = multipartBody(await syntheticPhoto(caption, 1800, 1000, colour), {
          caption,
          alt: `Ảnh: ${caption}`,
        });
        const up = await app.inject({
          method: 'POST',
          url: `/api/v1/portal/articles/${articleId}/photos`,
          headers: { ...as(editor), ...body.headers },
          payload: body.payload,
        });
        expect(up.statusCode).toBe(201);
        const photo = up.json() as {
          caption: string;
          sources: { width: number; webp: string; jpeg: string }[];
        };
        expect(photo.caption).toBe(caption);
        expect(photo.sources.map((s) => s.width)).toEqual([480, 960, 1600]);
      }
      const files = fs.readdirSync(path.join(deps.uploadDir, 'portal')).sort();
      expect(files).toHaveLength(12);
      expect(files.filter((f) => f.endsWith('.webp'))).toHaveLength(6);

      // Not public before publication.
      expect((await app.inject({ method: 'GET', url: `/bai-viet/${slug}` })).statusCode).toBe(404);
      const pub = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/articles/${articleId}/publish`,
        headers: as(editor),
        payload: {},
      });
      expect(pub.statusCode).toBe(200);
      expect(pub.json()).toMatchObject({ status: 'published', publishedAt: '2024-06-11T09:12:04.000Z' });
    });

    it('control characters (NUL included) are dropped, on both databases', async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/articles',
        headers: as(editor),
        payload: {
          title: 'Tin\u0000 ngắn\u0007',
          summary: 'Tóm\u0000 tắt',
          bodyHtml: '<p>Nội\u0000 dung</p>',
          slug: 'tin-ngan-nul',
        },
      });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ title: 'Tin ngắn', summary: 'Tóm tắt' });
      const feedback = await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: {
          kind: 'program',
          name: 'A\u0000',
          subject: 'B\u0000',
          body: 'C\u0000',
          captcha: await solvedCaptcha(app),
        },
      });
      expect(feedback.statusCode).toBe(201);
    });

    it('a non-image upload is a coded error naming the file field', async () => {
      const body = multipartBody(Buffer.from('not an image'), { caption: 'x' });
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/articles/${articleId}/photos`,
        headers: { ...as(editor), ...body.headers },
        payload: body.payload,
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'FIELD_INVALID', field: 'file' });
    });

    it('only editors write articles', async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/articles',
        headers: as(supervisor),
        payload: { title: 'x' },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN_ROLE');
      const anon = await app.inject({ method: 'GET', url: '/api/v1/portal/articles' });
      expect(anon.statusCode).toBe(401);
    });

    it('the home page lists it with the Vietnam time and the comment count', async () => {
      const r = await app.inject({ method: 'GET', url: '/' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.body).toContain(TITLE);
      expect(r.body).toContain('Đăng lúc: 16:12:04 11/06/2024 (GMT+7)');
      expect(r.body).toContain('0 bình luận');
      expect(r.body).toContain('Chung tay vì người nghèo');
      // No cookie is set on a visitor (the language preference is set only when asked for).
      expect(r.headers['set-cookie']).toBeUndefined();
    });

    it('the article page has the photos with captions, Open Graph tags and stays under 100 KB', async () => {
      const r = await app.inject({
        method: 'GET',
        url: `/bai-viet/${slug}`,
        headers: { host: 'cong.example.vn' },
      });
      expect(r.statusCode).toBe(200);
      const page = r.body;
      expect(page).toContain('<figcaption>Toàn cảnh hội nghị</figcaption>');
      expect(page).toContain('<figcaption>Đại biểu dự hội nghị</figcaption>');
      expect(page).toContain('alt="Ảnh: Toàn cảnh hội nghị"');
      expect(page).toContain('Đăng lúc: 16:12:04 11/06/2024 (GMT+7)');
      expect(page).toMatch(/Tác giả:\s*<span class="author">Phòng Văn hóa – Thông tin<\/span>/);
      expect(page).toContain(`<meta property="og:title" content="${TITLE}"`);
      expect(page).toContain('<meta property="og:type" content="article"');
      expect(page).toContain('<meta property="og:image:alt" content="Ảnh: Toàn cảnh hội nghị"');
      expect(page).toContain('<meta property="og:image:width" content="960"');
      expect(page).toContain(`<meta property="og:url" content="http://cong.example.vn/bai-viet/${slug}"`);
      expect(page).toMatch(
        /<meta property="og:image" content="http:\/\/cong\.example\.vn\/media\/portal\/[a-f0-9]{32}-960\.jpg"/,
      );
      expect(page).toContain('Bấm vào đây để nhận mã');
      expect(page).toContain('Số lượt truy cập');
      expect(page).toMatch(/\d+ người đang online/);
      // HTML and its one stylesheet together stay under 100 KB before images.
      const css = /<link rel="stylesheet" href="(\/portal\.css\?v=[a-z0-9]+)"/.exec(page)![1]!;
      const sheet = await app.inject({ method: 'GET', url: css });
      expect(sheet.statusCode).toBe(200);
      expect(sheet.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(sheet.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Buffer.byteLength(page) + sheet.rawPayload.length).toBeLessThan(100 * 1024);

      const img = /src="(\/media\/portal\/[a-f0-9]{32}-960\.jpg)"/.exec(page)![1]!;
      const media = await app.inject({ method: 'GET', url: img });
      expect(media.statusCode).toBe(200);
      expect(media.headers['content-type']).toBe('image/jpeg');
      expect(media.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(media.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
      expect(
        (await app.inject({ method: 'GET', url: '/media/portal/..%2F..%2Fetc%2Fpasswd' })).statusCode,
      ).toBe(404);
    });

    it('switches to English with ?lang=en and remembers it in a preference cookie', async () => {
      const r = await app.inject({ method: 'GET', url: `/bai-viet/${slug}?lang=en` });
      expect(r.body).toContain('Published: 16:12:04 11/06/2024 (GMT+7)');
      expect(r.body).toContain('<html lang="en">');
      expect(String(r.headers['set-cookie'])).toContain('lang=en');
      const again = await app.inject({ method: 'GET', url: '/', cookies: { lang: 'en' } });
      expect(again.body).toContain('Latest news');
    });

    it('a comment without a captcha, or with a wrong one, is refused with CAPTCHA_INVALID', async () => {
      const none = await app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        payload: { articleId, name: 'Lê Văn A', body: 'Rất hay' },
      });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.code).toBe('CAPTCHA_INVALID');
      const good = JSON.parse(Buffer.from(await solvedCaptcha(app), 'base64').toString()) as {
        number: number;
      };
      const wrong = Buffer.from(JSON.stringify({ ...good, number: good.number + 1 })).toString('base64');
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        payload: { articleId, name: 'Lê Văn A', body: 'Rất hay', captcha: wrong },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'CAPTCHA_INVALID', field: 'captcha' });
      const garbage = await app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        payload: { articleId, name: 'A', body: 'B', captcha: 'abc' },
      });
      expect(garbage.json().error.code).toBe('CAPTCHA_INVALID');
      const rows = await deps.db.kysely.selectFrom('portal_comment').selectAll().execute();
      expect(rows).toHaveLength(0);
    });

    it('an expired captcha is refused', async () => {
      const captcha = await solvedCaptcha(app);
      deps.setNow(new Date('2024-06-11T09:40:00.000Z'));
      try {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/comments',
          payload: { articleId, name: 'A', body: 'B', captcha },
        });
        expect(r.json().error.code).toBe('CAPTCHA_INVALID');
      } finally {
        deps.setNow(new Date('2024-06-11T09:12:04.000Z'));
      }
    });

    let commentId: number;
    it('a comment with a solved captcha waits for moderation; the captcha cannot be replayed', async () => {
      const captcha = await solvedCaptcha(app);
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        payload: {
          articleId,
          name: 'Nguyễn Thị B',
          body: 'Mong chương trình tiếp tục hỗ trợ bà con.',
          captcha,
        },
      });
      expect(r.statusCode).toBe(201);
      const c = r.json() as { id: number; status: string };
      expect(c.status).toBe('pending');
      commentId = c.id;
      const replay = await app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        payload: { articleId, name: 'X', body: 'Y', captcha },
      });
      expect(replay.json().error.code).toBe('CAPTCHA_INVALID');
      const page = await app.inject({ method: 'GET', url: `/bai-viet/${slug}` });
      expect(page.body).toContain('0 bình luận');
      expect(page.body).not.toContain('Mong chương trình tiếp tục');
    });

    it('the honeypot drops a robot silently', async () => {
      const captcha = await solvedCaptcha(app);
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        payload: { articleId, name: 'Bot', body: 'spam', website: 'http://spam.example', captcha },
      });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toEqual({ id: null, status: 'pending' });
      const rows = await deps.db.kysely.selectFrom('portal_comment').select('name').execute();
      expect(rows.map((x) => x.name)).not.toContain('Bot');
    });

    it('a moderator approves it and the count becomes "1 bình luận"; rejecting needs a reason', async () => {
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/portal/comments?status=pending',
        headers: as(supervisor),
      });
      expect((list.json() as { items: { id: number }[] }).items.map((c) => c.id)).toEqual([commentId]);
      const noReason = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/comments/${commentId}/moderate`,
        headers: as(supervisor),
        payload: { decision: 'reject' },
      });
      expect(noReason.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
      const ok = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/comments/${commentId}/moderate`,
        headers: as(supervisor),
        payload: { decision: 'publish' },
      });
      expect(ok.statusCode).toBe(200);
      const page = await app.inject({ method: 'GET', url: `/bai-viet/${slug}` });
      expect(page.body).toContain('1 bình luận');
      expect(page.body).toContain('Mong chương trình tiếp tục hỗ trợ bà con.');
      const home = await app.inject({ method: 'GET', url: '/' });
      expect(home.body).toContain('1 bình luận');
    });

    it('the page form works without JavaScript once a code is filled in (303 back to the article)', async () => {
      const captcha = await solvedCaptcha(app);
      const form = new URLSearchParams({
        articleId: String(articleId),
        name: 'Trần C',
        body: 'Gửi từ biểu mẫu',
        captcha,
        website: '',
      });
      const r = await app.inject({
        method: 'POST',
        url: `/bai-viet/${slug}/binh-luan`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
      expect(r.statusCode).toBe(303);
      expect(r.headers.location).toBe(`/bai-viet/${slug}?binh-luan=da-gui#binh-luan`);
      const noCode = new URLSearchParams({
        articleId: String(articleId),
        name: 'Trần C',
        body: 'Không có mã',
      });
      const refused = await app.inject({
        method: 'POST',
        url: `/bai-viet/${slug}/binh-luan`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: noCode.toString(),
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Mã xác nhận không đúng hoặc đã hết hạn');
      expect(refused.body).toContain('Không có mã</textarea>');
    });

    it('without JavaScript, the captcha link leads to an honest explanation; the preview is sanitised', async () => {
      const page = await app.inject({
        method: 'GET',
        url: '/ma-xac-nhan',
        headers: { referer: `http://localhost:80/bai-viet/${slug}` },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Phép tính này cần JavaScript');
      expect(page.body).toContain('Ủy ban Mặt trận Tổ quốc');
      const js = await app.inject({ method: 'GET', url: '/portal.js' });
      expect(js.headers['content-type']).toContain('text/javascript');
      expect(js.body).toContain('/api/v1/captcha');
      const preview = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/preview',
        headers: as(editor),
        payload: {
          bodyHtml: '<p onclick="x()">Xem <a href="javascript:alert(1)">thử</a></p><script>alert(1)</script>',
        },
      });
      expect(preview.json()).toEqual({
        bodyHtml: '<p>Xem <a rel="noopener noreferrer nofollow">thử</a></p>',
      });
    });

    it('limits how often one address may post', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/comments',
          remoteAddress: '10.9.8.7',
          payload: { articleId, name: 'A', body: 'B' },
        });
        statuses.push(r.statusCode);
      }
      expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
      expect(statuses[10]).toBe(429);
      const last = await app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        remoteAddress: '10.9.8.7',
        payload: { articleId },
      });
      expect(last.json().error.code).toBe('RATE_LIMITED');
    });

    it('keeps every revision and refuses a save from a stale version', async () => {
      const base = {
        title: TITLE,
        summary: 'Tóm tắt mới',
        bodyHtml: '<p>Nội dung sửa</p>',
        categorySlug: 'tin-tuc',
      };
      const ok = await app.inject({
        method: 'PUT',
        url: `/api/v1/portal/articles/${articleId}`,
        headers: as(editor),
        payload: { ...base, version: 1 },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().version).toBe(2);
      const stale = await app.inject({
        method: 'PUT',
        url: `/api/v1/portal/articles/${articleId}`,
        headers: as(editor),
        payload: { ...base, version: 1 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('CONFLICT');
      const revs = await app.inject({
        method: 'GET',
        url: `/api/v1/portal/articles/${articleId}/revisions`,
        headers: as(editor),
      });
      expect(
        (revs.json() as { items: { version: number; summary: string }[] }).items.map((r) => r.version),
      ).toEqual([2, 1]);
    });

    it('schedules an article: invisible until its time, then public', async () => {
      const c = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/articles',
        headers: as(editor),
        payload: {
          title: 'Thông báo lịch tiếp dân tháng 7',
          summary: 'Lịch tiếp dân',
          bodyHtml: '<p>Lịch</p>',
          categorySlug: 'thong-bao',
        },
      });
      const id = (c.json() as { id: number }).id;
      const s = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/articles/${id}/publish`,
        headers: as(editor),
        payload: { publishAt: '2024-07-01T01:00:00Z' },
      });
      expect(s.json().status).toBe('scheduled');
      expect(
        (await app.inject({ method: 'GET', url: '/bai-viet/thong-bao-lich-tiep-dan-thang-7' })).statusCode,
      ).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/chuyen-muc/thong-bao' })).body).not.toContain(
        'Thông báo lịch tiếp dân',
      );
      deps.setNow(new Date('2024-07-01T02:00:00.000Z'));
      try {
        expect(
          (await app.inject({ method: 'GET', url: '/bai-viet/thong-bao-lich-tiep-dan-thang-7' })).statusCode,
        ).toBe(200);
        expect((await app.inject({ method: 'GET', url: '/chuyen-muc/thong-bao' })).body).toContain(
          'Thông báo lịch tiếp dân',
        );
      } finally {
        deps.setNow(new Date('2024-06-11T09:12:04.000Z'));
      }
    });

    it('search ignores accents and case; feeds and sitemap list the article', async () => {
      const s = await app.inject({ method: 'GET', url: '/tim-kiem?q=SAM%20son%20giam%20ngheo' });
      expect(s.body).toContain(TITLE);
      expect(s.body).toContain('1 kết quả');
      const none = await app.inject({ method: 'GET', url: '/tim-kiem?q=%25' });
      expect(none.body).toContain('0 kết quả');
      const rss = await app.inject({ method: 'GET', url: '/rss.xml' });
      expect(rss.headers['content-type']).toContain('application/rss+xml');
      expect(rss.body).toContain(`<title>${TITLE}</title>`);
      const atom = await app.inject({ method: 'GET', url: '/atom.xml' });
      expect(atom.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
      const map = await app.inject({ method: 'GET', url: '/sitemap.xml' });
      expect(map.body).toContain(`/bai-viet/${slug}</loc>`);
    });

    it('feedback gets a follow-up code; the citizen follows its status and answer', async () => {
      const captcha = await solvedCaptcha(app);
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: {
          kind: 'program',
          name: 'Phạm D',
          subject: 'Hỏi về vay vốn',
          body: 'Hộ cận nghèo có được vay vốn không?',
          captcha,
        },
      });
      expect(r.statusCode).toBe(201);
      const { code } = r.json() as { code: string };
      expect(code).toMatch(/^GY-[A-Z2-9]{8}$/);
      const look = await app.inject({ method: 'GET', url: `/api/v1/feedback/${code.toLowerCase()}` });
      expect(look.json()).toMatchObject({
        code,
        status: 'received',
        subject: 'Hỏi về vay vốn',
        response: null,
      });
      expect(look.json()).not.toHaveProperty('name');

      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/portal/feedback',
        headers: as(supervisor),
      });
      const item = (list.json() as { items: { id: number; code: string }[] }).items.find(
        (f) => f.code === code,
      )!;
      const answered = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/feedback/${item.id}/respond`,
        headers: as(supervisor),
        payload: { status: 'answered', response: 'Có, theo Nghị định 78/2002.' },
      });
      expect(answered.statusCode).toBe(200);
      const page = await app.inject({ method: 'GET', url: `/gop-y/tra-cuu?ma=${code}` });
      expect(page.body).toContain('Đã trả lời');
      expect(page.body).toContain('Có, theo Nghị định 78/2002.');
      const missing = await app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        payload: { kind: 'list', name: 'A', subject: 'B', body: 'C', captcha: await solvedCaptcha(app) },
      });
      expect(missing.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'communeCode' });
    });

    it('officers see the feedback of their own commune only; the Front sees the program feedback too', async () => {
      const send = async (communeCode: string | undefined, subject: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/feedback',
          remoteAddress: '10.1.1.1',
          payload: {
            kind: communeCode ? 'list' : 'program',
            communeCode,
            name: 'Dân',
            subject,
            body: 'Nội dung',
            captcha: await solvedCaptcha(app),
          },
        });
      expect((await send('14830', 'Về danh sách Trung Sơn')).statusCode).toBe(201);
      expect((await send('16516', 'Về danh sách Đại Hùng')).statusCode).toBe(201);
      const trungSon = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const mine = await app.inject({ method: 'GET', url: '/api/v1/portal/feedback', headers: as(trungSon) });
      const subjects = (mine.json() as { items: { subject: string }[] }).items.map((f) => f.subject);
      expect(subjects).toEqual(['Về danh sách Trung Sơn']);
      const front = await app.inject({
        method: 'GET',
        url: '/api/v1/portal/feedback',
        headers: as(supervisor),
      });
      const all = (front.json() as { items: { subject: string }[] }).items.map((f) => f.subject);
      expect(all).toEqual(
        expect.arrayContaining(['Về danh sách Trung Sơn', 'Về danh sách Đại Hùng', 'Hỏi về vay vốn']),
      );
      // An officer cannot answer another commune's feedback (it does not exist for them).
      const other = (front.json() as { items: { id: number; subject: string }[] }).items.find(
        (f) => f.subject === 'Về danh sách Đại Hùng',
      )!;
      const denied = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/feedback/${other.id}/respond`,
        headers: as(trungSon),
        payload: { status: 'answered', response: 'x' },
      });
      expect(denied.statusCode).toBe(404);
      const editorTry = await app.inject({
        method: 'GET',
        url: '/api/v1/portal/feedback',
        headers: as(editor),
      });
      expect(editorTry.json().error.code).toBe('FORBIDDEN_ROLE');
    });

    it('sends pages brotli- or gzip-compressed to clients that accept it, the same bytes once inflated', async () => {
      const plain = await app.inject({ method: 'GET', url: `/bai-viet/${slug}`, remoteAddress: '192.0.2.9' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toContain('accept-encoding');
      // What a browser sends: brotli, the smaller.
      const packed = await app.inject({
        method: 'GET',
        url: `/bai-viet/${slug}`,
        remoteAddress: '192.0.2.9',
        headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
      });
      expect(packed.headers['content-encoding']).toBe('br');
      expect(packed.headers.vary).toContain('accept-encoding');
      expect(Number(packed.headers['content-length'])).toBe(packed.rawPayload.length);
      expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(zlib.brotliDecompressSync(packed.rawPayload).toString('utf8')).toBe(plain.body);
      // A client without brotli, or refusing it: gzip.
      for (const accept of ['gzip, deflate', 'br;q=0, gzip']) {
        const gzipped = await app.inject({
          method: 'GET',
          url: `/bai-viet/${slug}`,
          remoteAddress: '192.0.2.9',
          headers: { 'accept-encoding': accept },
        });
        expect(gzipped.headers['content-encoding']).toBe('gzip');
        expect(Number(gzipped.headers['content-length'])).toBe(gzipped.rawPayload.length);
        expect(gzipped.rawPayload.length).toBeGreaterThan(packed.rawPayload.length);
        expect(zlib.gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(plain.body);
      }
      // Both refused with q=0: plain HTML.
      const refused = await app.inject({
        method: 'GET',
        url: `/bai-viet/${slug}`,
        remoteAddress: '192.0.2.9',
        headers: { 'accept-encoding': 'br;q=0, gzip;q=0' },
      });
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body).toBe(plain.body);
      // HEAD: the headers of GET, no body.
      const head = await app.inject({
        method: 'HEAD',
        url: `/bai-viet/${slug}`,
        remoteAddress: '192.0.2.9',
        headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
      });
      expect(head.statusCode).toBe(200);
      expect(head.rawPayload.length).toBe(0);
      const { date: _d1, ...headHeaders } = head.headers;
      const { date: _d2, ...getHeaders } = packed.headers;
      expect(headHeaders).toEqual(getHeaders);
    });

    it('a page written with its prepared headers carries the same headers as one sent through Fastify', async () => {
      // The usual view is written in one call with a prepared header list; the language switch
      // (a cookie) goes through Fastify's reply. Apart from the cookie, the headers are the same.
      const headers = { 'accept-encoding': 'gzip, deflate, br, zstd' };
      const prepared = await app.inject({ method: 'GET', url: `/bai-viet/${slug}`, headers });
      const switched = await app.inject({ method: 'GET', url: `/bai-viet/${slug}?lang=vi`, headers });
      expect(switched.headers['set-cookie']).toContain('lang=vi');
      const { date: _d1, ...a } = prepared.headers;
      const { date: _d2, 'set-cookie': _c, ...b } = switched.headers;
      expect(a).toEqual({ ...b, 'content-length': a['content-length'] });
      expect(Object.keys(a)).toEqual(Object.keys(b));
      expect(a).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
        'content-encoding': 'br',
      });
      expect(a['content-security-policy']).toContain("frame-ancestors 'self'");
      // Every header the application's hooks put on a reply (here on the stylesheet, sent through
      // Fastify) is on the page too: a hook adding one must not be bypassed by the prepared list.
      const sheet = await app.inject({ method: 'GET', url: '/portal.css' });
      const own = new Set(['content-type', 'cache-control', 'content-length', 'date', 'connection']);
      for (const [name, value] of Object.entries(sheet.headers)) {
        if (!own.has(name)) expect([name, a[name]]).toEqual([name, value]);
      }
    });

    it('counts visits and people online without cookies or stored addresses', async () => {
      await app.inject({
        method: 'GET',
        url: '/',
        remoteAddress: '192.0.2.1',
        headers: { 'user-agent': 'A' },
      });
      await app.inject({
        method: 'GET',
        url: '/',
        remoteAddress: '192.0.2.2',
        headers: { 'user-agent': 'B' },
      });
      const r = await app.inject({
        method: 'GET',
        url: '/',
        remoteAddress: '192.0.2.2',
        headers: { 'user-agent': 'B' },
      });
      expect(r.headers['set-cookie']).toBeUndefined();
      const online = Number(/(\d+) người đang online/.exec(r.body)![1]);
      expect(online).toBeGreaterThanOrEqual(2);
    });
  });
}
