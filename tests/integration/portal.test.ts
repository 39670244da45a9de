// Portal services on every database: the demo articles, the visit counter, photo renditions.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { seedPortal } from '../../src/services/demo/portal.seed.js';
import { VisitCounter } from '../../src/services/public/visits.service.js';
import { getCounter } from '../../src/db/repositories/portal.repository.js';
import { listPublishedArticles } from '../../src/services/public/articles.service.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { solvedCaptcha, withTempUploads } from '../support/portal.js';
import { submitComment } from '../../src/services/public/comments.service.js';

for (const dialect of DIALECTS) {
  describe(`portal services (${dialect})`, () => {
    let deps: TestDeps & { uploadDir: string };
    beforeAll(async () => {
      deps = withTempUploads(await makeDeps(dialect, new Date('2026-01-05T03:00:00.000Z')));
    });
    afterAll(async () => {
      await deps.cleanup();
      fs.rmSync(deps.uploadDir, { recursive: true, force: true });
    });

    it('the demo seeds the Sầm Sơn conference report with its two captioned photos and comments', async () => {
      await seedPortal({ deps, progress: () => undefined, accounts: [] });
      const { items, total } = await listPublishedArticles(deps, {});
      expect(total).toBe(5);
      const report = items.find((a) => a.title.startsWith('TP Sầm Sơn: triển khai thực hiện Chương trình'))!;
      expect(report.photos.map((p) => p.caption)).toEqual(['Toàn cảnh hội nghị', 'Đại biểu dự hội nghị']);
      expect(report.commentCount).toBe(2);
      const app = await buildApp(deps);
      try {
        const page = await app.inject({ method: 'GET', url: `/bai-viet/${report.slug}` });
        expect(page.body).toContain('Đăng lúc: 16:12:04 11/06/2024 (GMT+7)');
        expect(page.body).toContain('2 bình luận');
        expect(Buffer.byteLength(page.body)).toBeLessThan(100 * 1024);
      } finally {
        await app.close();
      }
      // Renditions: WebP and JPEG per width, never wider than asked.
      const files = fs.readdirSync(path.join(deps.uploadDir, 'portal'));
      const w960 = files.find((f) => f.endsWith('-960.webp'))!;
      const meta = await sharp(path.join(deps.uploadDir, 'portal', w960)).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: 960 });
    });

    it('the first comment after a restart (captcha key not yet in memory) is accepted, not deadlocked', async () => {
      const captcha = await solvedCaptcha(deps);
      // A new handle on the same database: the key must be read from it again.
      const restarted = { ...deps, db: { ...deps.db } };
      const { items } = await listPublishedArticles(deps, {});
      const sent = await submitComment(restarted, {
        articleId: items[0]!.id,
        name: 'Người đọc',
        body: 'Bình luận',
        captcha,
      });
      expect(sent.status).toBe('pending');
      expect(sent.id).toBeGreaterThan(0);
    });

    it('counts visits by a salted hash, flushes them with one upsert, and forgets visitors at day change', async () => {
      const counter = new VisitCounter(deps);
      const start = await getCounter(deps.db.kysely, 'visits');
      expect(counter.record('203.0.113.5', 'Firefox')).toBe(true);
      expect(counter.record('203.0.113.5', 'Firefox')).toBe(false);
      expect(counter.record('203.0.113.6', 'Firefox')).toBe(true);
      expect(counter.online()).toBe(2);
      expect((await counter.stats()).totalVisits).toBe(start + 2);
      await counter.flush();
      expect(await getCounter(deps.db.kysely, 'visits')).toBe(start + 2);
      // Nothing about the visitor is in the database.
      const dump = JSON.stringify(await deps.db.kysely.selectFrom('portal_counter').selectAll().execute());
      expect(dump).not.toContain('203.0.113');
      // Six minutes later nobody is online; after the gap the same visitor is a new visit.
      deps.setNow(new Date('2026-01-05T03:06:00.000Z'));
      expect(counter.online()).toBe(0);
      deps.setNow(new Date('2026-01-05T03:40:00.000Z'));
      expect(counter.record('203.0.113.5', 'Firefox')).toBe(true);
      // A new Vietnam day (17:00 UTC) draws a new salt and forgets everyone.
      deps.setNow(new Date('2026-01-05T17:00:01.000Z'));
      expect(counter.online()).toBe(0);
      expect(counter.record('203.0.113.5', 'Firefox')).toBe(true);
      await counter.flush();
      expect(await getCounter(deps.db.kysely, 'visits')).toBe(start + 4);
    });

    it('adds the people online in other server processes sharing the database, while their reports are fresh', async () => {
      deps.setNow(new Date('2026-01-07T03:00:00.000Z'));
      const one = new VisitCounter(deps);
      const two = new VisitCounter(deps);
      one.record('198.51.100.7', 'A');
      two.record('198.51.100.8', 'B');
      two.record('198.51.100.9', 'C');
      await one.flush();
      await two.flush();
      await one.flush();
      expect((await one.stats()).online).toBe(3);
      expect((await two.stats()).online).toBe(3);
      // Nothing but a count and a time is stored.
      const rows = await deps.db.kysely.selectFrom('portal_presence').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain('198.51.100');
      expect(rows.map((r) => Number(r.online)).sort()).toEqual([1, 2]);
      // The second process stops: after a minute its last report no longer counts.
      deps.setNow(new Date('2026-01-07T03:01:30.000Z'));
      one.record('198.51.100.7', 'A');
      await one.flush();
      expect((await one.stats()).online).toBe(1);
    });

    it('shows one snapshot of the figures until a visitor arrives or a second passes', async () => {
      deps.setNow(new Date('2026-01-06T03:00:00.000Z'));
      const counter = new VisitCounter(deps);
      counter.record('198.51.100.1', 'A');
      const first = await counter.stats();
      expect(first.online).toBe(1);
      // The same visitor again: nothing changed, the same object (pages keyed on it stay cached).
      counter.record('198.51.100.1', 'A');
      expect(await counter.stats()).toBe(first);
      // A new visitor is counted at once.
      counter.record('198.51.100.2', 'B');
      const second = await counter.stats();
      expect(second).not.toBe(first);
      expect(second.online).toBe(2);
      expect(second.totalVisits).toBe(first.totalVisits + 1);
      // Six minutes on, people who left are no longer online (the snapshot is at most a second old).
      deps.setNow(new Date('2026-01-06T03:06:00.000Z'));
      expect((await counter.stats()).online).toBe(0);
    });
  });
}
