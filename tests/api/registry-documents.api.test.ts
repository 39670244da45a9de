// Registry documents over app.inject: the certificate PDF of a household and the batch of a
// commune, the coded refusals (not poor, not recognised, no personal-data rights, other commune),
// and the streamed XLSX exports read back with exceljs.
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
import { getHousehold } from '../../src/services/registry/households.service.js';

for (const dialect of DIALECTS) {
  describe(`registry documents API (${dialect})`, () => {
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

    it('serves certificates as PDF to registry officers and refuses the others with coded errors', async () => {
      const ref = await campaignReadyToRecognise(deps);
      const officer = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const get = (url: string, s = officer) =>
        app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

      const early = await get('/api/v1/registry/households/EX-05/periods/2024/certificate.pdf');
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('CERTIFICATE_NOT_RECOGNISED');
      expect(early.json().error.messageEn).toContain('not been recognised');

      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const res = await get('/api/v1/registry/households/EX-05/periods/2024/certificate.pdf');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('giay-chung-nhan-EX-05-2024.pdf');
      const [text] = await pdfPages(res.rawPayload);
      const page = await getHousehold(deps, SYSTEM, 'EX-05');
      expect(text).toContain(page.headName);
      expect(text).toMatch(/Số: \d+\/GCN-HN\.HCN/);
      expect(text).toContain('HỘ NGHÈO');

      const refused = await get('/api/v1/registry/households/EX-03/periods/2024/certificate.pdf');
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'CERTIFICATE_NOT_ELIGIBLE', field: 'householdId' });

      const batch = await get('/api/v1/registry/campaigns/14830/2024/certificates.pdf');
      expect(batch.statusCode).toBe(200);
      expect(await pdfPages(batch.rawPayload)).toHaveLength(9);

      const supervisor = await buildSession(deps, { role: 'supervisor', unitCode: '14830' });
      const s = await get('/api/v1/registry/households/EX-05/periods/2024/certificate.pdf', supervisor);
      expect(s.statusCode).toBe(403);
      expect(s.json().error.code).toBe('FORBIDDEN_ROLE');
      const other = await buildSession(deps, { role: 'commune-officer', unitCode: '14833' });
      const o = await get('/api/v1/registry/campaigns/14830/2024/certificates.pdf', other);
      expect(o.statusCode).toBe(403);
      expect(o.json().error.code).toBe('FORBIDDEN_SCOPE');
      const anon = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/campaigns/14830/2024/certificates.pdf',
      });
      expect(anon.statusCode).toBe(401);
    });

    it('streams the filtered household list and the recognised lists as XLSX, masked for a supervisor', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const page = await getHousehold(deps, SYSTEM, 'EX-05');
      const read = async (payload: Buffer) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(payload as unknown as ExcelJS.Buffer);
        return wb;
      };
      for (const [role, expectName] of [
        ['commune-officer', page.headName],
        [
          'supervisor',
          page.headName
            .split(' ')
            .map((w) => `${w[0]}.`)
            .join(' '),
        ],
      ] as const) {
        const s = await buildSession(deps, { role, unitCode: '14830' });
        const res = await app.inject({
          method: 'GET',
          url: '/api/v1/registry/households/export.xlsx?unit=14830&period=2024&class=POOR',
          headers: { cookie: s.cookie },
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('spreadsheetml');
        expect(res.headers['content-disposition']).toContain('danh-sach-ho-14830-2024.xlsx');
        const ws = (await read(res.rawPayload)).getWorksheet('Danh sách hộ')!;
        expect(ws.rowCount).toBe(3);
        const names: unknown[] = [];
        ws.eachRow((r, i) => i > 1 && names.push(r.getCell(6).value));
        expect(names).toContain(expectName);
      }
      const officer = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const bad = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households/export.xlsx?unit=14830&movement=sideways',
        headers: { cookie: officer.cookie },
      });
      expect(bad.statusCode).toBe(400);
      const rec = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/campaigns/14830/2024/recognised.xlsx',
        headers: { cookie: officer.cookie },
      });
      expect(rec.statusCode).toBe(200);
      const wb = await read(rec.rawPayload);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Hộ nghèo', 'Hộ cận nghèo', 'Thông tin']);
      expect(wb.getWorksheet('Hộ nghèo')!.rowCount).toBe(3);
      expect(wb.getWorksheet('Hộ cận nghèo')!.rowCount).toBe(8);
    });
  });
}
