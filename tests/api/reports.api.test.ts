// The reports API over app.inject: resident households entered by the commune's officer (and not by
// another commune's), the year's balance as JSON, XLSX and PDF read back.
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

for (const dialect of DIALECTS) {
  describe(`reports API (${dialect})`, () => {
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

    it('enters resident households in scope and serves the balance as JSON, XLSX and PDF', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const officer = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const other = await buildSession(deps, { role: 'commune-officer', unitCode: '16513' });
      const put = (s: typeof officer, body: unknown) =>
        app.inject({
          method: 'PUT',
          url: '/api/v1/registry/resident-households?unit=14830&year=2024',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
          payload: body as Record<string, unknown>,
        });
      const body = { households: 250, source: 'Công an phường', sourceDate: '2024-10-01' };
      const ok = await put(officer, body);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ unit: { code: '14830' }, year: 2024, households: 250 });
      const refused = await put(other, { ...body, households: 1 });
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
      expect(refused.statusCode).toBeLessThan(500);
      const bad = await put(officer, { ...body, sourceDate: 'hôm qua' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'DATE_INVALID', field: 'sourceDate' });

      const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: officer.cookie } });
      const b = await get('/api/v1/reports/balance?unit=14830&period=2024');
      expect(b.statusCode).toBe(200);
      const balance = b.json();
      expect(balance.total.residentHouseholds).toBe(250);
      const end = balance.total.poor.end as number;
      expect(end).toBeGreaterThan(0);

      const x = await get('/api/v1/reports/balance.xlsx?unit=14830&period=2024');
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-disposition']).toContain('can-doi-ho-ngheo-14830-2024.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
      const row = wb.worksheets[0]!.getRow(10);
      expect(row.getCell(10).value).toBe(end);
      expect(row.getCell(11).value).toBe(`${((end / 250) * 100).toFixed(2).replace('.', ',')} %`);

      const p = await get('/api/v1/reports/balance.pdf?unit=14830&period=2024');
      expect(p.statusCode).toBe(200);
      const text = (await pdfPages(p.rawPayload)).join('\n');
      expect(text).toContain('BÁO CÁO DIỄN BIẾN HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024');
      expect(text).toContain('PHƯỜNG TRUNG SƠN');
      expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
      expect(text).toContain('Cuối kỳ');
    }, 240_000);
  });
}
