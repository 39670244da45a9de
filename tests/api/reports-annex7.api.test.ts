// The Annex VII API over app.inject: the tables of a recognised commune as JSON (the same poor
// count as the balance's end), the officer of another commune refused as for a missing unit, one
// table as XLSX and PDF, an unknown table refused with a coded 400.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { pdfPages } from '../support/pdf.js';
import { campaignReadyToRecognise, RECOGNISE } from '../support/certificates.js';
import { SYSTEM } from '../../src/services/deps.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { reportAnnex7 } from '../../src/services/registry/annex7.service.js';

for (const dialect of DIALECTS) {
  describe(`Annex VII API (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
      app = await buildApp(deps);
    });
    afterEach(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('serves the tables in scope as JSON, XLSX and PDF', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const officer = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const other = await buildSession(deps, { role: 'commune-officer', unitCode: '16513' });
      const get = (s: typeof officer, url: string) =>
        app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

      const balance = (await get(officer, '/api/v1/reports/balance?unit=14830&period=2024')).json();
      const r = await get(officer, '/api/v1/reports/annex7?unit=14830&period=2024');
      expect(r.statusCode).toBe(200);
      const a = r.json();
      expect(a.total.poor).toBe(balance.total.poor.end);
      expect(a.total.nearPoor).toBe(balance.total.nearPoor.end);
      expect(a.rows).toHaveLength(1);
      expect(a.rows[0]).toMatchObject({ unit: { code: '14830' }, area: 'urban' });
      expect(Object.keys(a.total.groups).sort()).toEqual(
        ['ethnic-minority', 'female-head', 'merit', 'no-labour', 'social-protection'].sort(),
      );
      expect(Object.keys(a.total.deprivations)).toHaveLength(12);
      // The response schema drops no field: the answer is the service's tables, whole.
      expect(a).toEqual(
        JSON.parse(JSON.stringify(await reportAnnex7(deps, SYSTEM, { unitCode: '14830', period: 2024 }))),
      );

      const refused = await get(other, '/api/v1/reports/annex7?unit=14830&period=2024');
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
      expect(refused.statusCode).toBeLessThan(500);
      const bad = await get(officer, '/api/v1/reports/annex7.xlsx?unit=14830&period=2024&table=pie');
      expect(bad.statusCode).toBe(400);

      const x = await get(officer, '/api/v1/reports/annex7.xlsx?unit=14830&period=2024&table=groups');
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-disposition']).toContain('phu-luc-vii-groups-14830-2024.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
      const cells: unknown[] = [];
      wb.worksheets[0]!.eachRow((row) => cells.push(...(row.values as unknown[])));
      expect(cells).toContain('SỐ HỘ NGHÈO, HỘ CẬN NGHÈO THEO NHÓM HỘ NĂM 2024');
      expect(cells).toContain('Hộ có chủ hộ là nữ');

      const p = await get(officer, '/api/v1/reports/annex7.pdf?unit=14830&period=2024&table=ethnic');
      expect(p.statusCode).toBe(200);
      const text = (await pdfPages(p.rawPayload)).join(' ').replace(/\s+/g, ' ');
      expect(text).toContain('SỐ HỘ NGHÈO, HỘ CẬN NGHÈO LÀ HỘ DÂN TỘC THIỂU SỐ NĂM 2024');
      expect(text).toContain('Phường Trung Sơn (14830)');
    }, 240_000);
  });
}
