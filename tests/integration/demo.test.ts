// The README's first command fills an empty database with the demo data set: this runs the same
// seeders and checks what a visitor of the demo will see.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { seedDemo } from '../../src/services/demo/index.js';
import { login } from '../../src/services/users.service.js';
import { financeReport } from '../../src/services/finance/report.service.js';
import { SYSTEM } from '../../src/services/deps.js';
import { getPublicStats } from '../../src/services/public/open-lists.service.js';
import { communeCertificates } from '../../src/services/registry/certificates.service.js';
import { statsPage } from '../../src/portal/open-lists.views.js';
import { stringsFor } from '../../src/portal/i18n.js';

for (const dialect of DIALECTS) {
  describe(`giamngheo demo data set (${dialect})`, () => {
    let deps: TestDeps;
    beforeAll(async () => {
      const base = await makeDeps(dialect, new Date('2026-11-26T03:00:00Z'));
      const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-demo-'));
      deps = { ...base, config: { ...base.config, uploadDir } };
      const first = await seedDemo(deps, () => undefined);
      expect(first.seeded).toBe(true);
    }, 600_000);
    afterAll(async () => deps.cleanup());

    it('has about 30,000 Sầm Sơn households in 2024, ≈1.5 % poor, classified by the engine', async () => {
      const rows = await sql<{ classification: string; n: number }>`
        SELECT classification, COUNT(*) AS n FROM review_result WHERE period = 2024 GROUP BY classification`.execute(
        deps.db.kysely,
      );
      const by = Object.fromEntries(rows.rows.map((r) => [r.classification, Number(r.n)]));
      const total = Object.values(by).reduce((a, b) => a + b, 0);
      expect(total).toBe(30_000);
      expect(by.POOR! / total).toBeGreaterThan(0.01);
      expect(by.POOR! / total).toBeLessThan(0.02);
      const explained = await sql<{ n: number }>`
        SELECT COUNT(*) AS n FROM review_result WHERE period = 2024 AND standard = 'ND07_2021'`.execute(
        deps.db.kysely,
      );
      expect(Number(explained.rows[0]!.n)).toBe(30_000);
    });

    it('the 2024 review moves households against the recognised 2023 list, by more than the −155 target', async () => {
      const rows = await sql<{ period: number; n: number }>`
        SELECT period, COUNT(*) AS n FROM review_result WHERE classification = 'POOR' GROUP BY period ORDER BY period`.execute(
        deps.db.kysely,
      );
      const [y2023, y2024] = rows.rows.map((r) => Number(r.n));
      expect(y2023! - y2024!).toBeGreaterThanOrEqual(155);
      const exits = await sql<{ n: number }>`
        SELECT COUNT(*) AS n FROM review_result WHERE period = 2024 AND movement = 'thoat-ngheo'`.execute(
        deps.db.kysely,
      );
      expect(Number(exits.rows[0]!.n)).toBeGreaterThan(155);
    });

    it('recognised the 2023 lists of every commune: one certificate Mẫu số 03 per poor or near-poor household', async () => {
      const due = await sql<{ n: number }>`
        SELECT COUNT(*) AS n FROM review_result
        WHERE period = 2023 AND frozen = 1 AND classification IN ('POOR', 'NEAR_POOR')`.execute(
        deps.db.kysely,
      );
      const issued = await sql<{ n: number; communes: number; maxn: number }>`
        SELECT COUNT(*) AS n, COUNT(DISTINCT commune_code) AS communes, MAX(number) AS maxn
        FROM certificate WHERE period = 2023 AND status = 'valid' AND year = 2023`.execute(deps.db.kysely);
      expect(Number(due.rows[0]!.n)).toBeGreaterThan(500);
      expect(Number(issued.rows[0]!.n)).toBe(Number(due.rows[0]!.n));
      expect(Number(issued.rows[0]!.communes)).toBe(11);
      const batch = await communeCertificates(deps, SYSTEM, { communeCode: '14830', period: 2023 });
      expect(batch.map((c) => c.number)).toEqual(batch.map((_, i) => `${i + 1}/GCN-HN.HCN`));
      expect(batch[0]).toMatchObject({ stampYears: [2024, 2025, 2026], decision: { form: 'Mẫu số 02' } });
    });

    it('publishes Sầm Sơn statistics with a chart per ward and the 2023 → 2024 trend', async () => {
      const stats = await getPublicStats(deps, '382', 2024);
      expect(stats.trend.map((p) => p.period)).toEqual([2023, 2024]);
      const [y2023, y2024] = stats.trend;
      expect(y2023!.poorRate!).toBeGreaterThan(y2024!.poorRate!);
      expect(stats.total.poorRate).toBe(y2024!.poorRate);
      const page = statsPage(
        {
          lang: 'vi',
          t: stringsFor('vi'),
          siteName: 'x',
          origin: 'http://x',
          path: '/cong-khai/thong-ke/382',
          settings: { slogans: [], slogansEn: [] },
          categories: [],
          stats: { totalVisits: 0, online: 0 },
        },
        stats,
      );
      expect(page.match(/<figure class="chart">/g)).toHaveLength(2);
      for (const row of stats.rows) expect(page).toContain(`>${row.unitName}</text>`);
    });

    it('shows the June 2024 money situation and signs in every demo account', async () => {
      const r = await financeReport(deps, SYSTEM, { year: 2024, unitCode: '382', asOf: '2024-06-11' });
      expect(r.total.allocated).toBeGreaterThanOrEqual(6_400_000_000);
      expect(r.total.disbursed).toBe(0);
      const again = await seedDemo(deps, () => undefined);
      expect(again.seeded).toBe(false);
      for (const a of again.accounts) {
        await expect(login(deps, a.username, a.password)).resolves.toMatchObject({ user: { role: a.role } });
      }
      const articles = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM portal_article`.execute(
        deps.db.kysely,
      );
      expect(Number(articles.rows[0]!.n)).toBeGreaterThanOrEqual(5);
    });
  });
}
