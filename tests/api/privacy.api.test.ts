// Personal-data protection over app.inject (issue 17): the access record written by the household
// page, the list export and the certificates, read back by the administrator (all), the commune
// officer of that commune (theirs only) and refused to others; its CSV/XLSX export; and a
// household's own data report, JSON and PDF read back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { pdfPages } from '../support/pdf.js';
import { campaignReadyToRecognise, POOR_OR_NEAR, RECOGNISE } from '../support/certificates.js';
import { SYSTEM } from '../../src/services/deps.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { getHousehold } from '../../src/services/registry/households.service.js';
import { collectHouseholdData } from '../../src/services/privacy/household-report.service.js';
import { findHouseholdsByKey } from '../../src/db/repositories/registry.repository.js';

for (const dialect of DIALECTS) {
  describe(`personal data API (${dialect})`, () => {
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

    type S = { cookie: string };
    const get = (url: string, s: S) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

    it(
      'records who read or exported which household or list, and shows it by scope',
      { timeout: 180_000 },
      async () => {
        const ref = await campaignReadyToRecognise(deps);
        await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
        const officer = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
        const admin = await buildSession(deps, { role: 'admin', unitCode: null });

        expect((await get('/api/v1/registry/households/EX-05', officer)).statusCode).toBe(200);
        const xlsx = await get(
          '/api/v1/registry/households/export.xlsx?unit=14830&period=2024&q=hung',
          officer,
        );
        expect(xlsx.statusCode).toBe(200);
        expect(
          (await get('/api/v1/registry/campaigns/14830/2024/certificates.pdf', officer)).statusCode,
        ).toBe(200);

        const mine = await get('/api/v1/access-log', officer);
        expect(mine.statusCode).toBe(200);
        const items = mine.json().items as {
          action: string;
          actor: string;
          role: string;
          route: string;
          unitCode: string;
          householdId: string | null;
          households: number;
          filter: Record<string, unknown> | null;
          actionWord: { vi: string };
        }[];
        // Every field of the service's AccessItem reaches the screen (the response schema drops none).
        expect(mine.json()).toMatchObject({ total: 3, next: null });
        for (const i of items)
          expect(Object.keys(i).sort()).toEqual(
            [
              'id',
              'at',
              'actor',
              'role',
              'action',
              'actionWord',
              'route',
              'provinceCode',
              'unitCode',
              'householdId',
              'households',
              'filter',
            ].sort(),
          );
        // Newest first.
        expect(items.map((i) => i.action)).toEqual([
          'certificate.print',
          'export.households',
          'household.read',
        ]);
        const [cert, exported, read] = items;
        expect(read).toMatchObject({
          householdId: 'EX-05',
          unitCode: '14830',
          role: 'commune-officer',
          route: 'GET /api/v1/registry/households/:householdId',
          households: 1,
        });
        expect(read!.actionWord.vi).toBe('Xem hồ sơ hộ');
        expect(exported!.route).toBe('GET /api/v1/registry/households/export.xlsx');
        // The search is recorded by its kind, never its text (decision 0038).
        expect(exported!.filter).toMatchObject({ 'Tìm kiếm': 'theo tên, địa chỉ', 'Kỳ rà soát': 2024 });
        expect(JSON.stringify(items)).not.toContain('hung');
        expect(exported!.households).toBeGreaterThan(0);
        expect(cert!.households).toBe(POOR_OR_NEAR.length);

        // "Who saw EX-05": its page, and the batch of certificates it was in.
        const ex05 = await get('/api/v1/access-log?household=EX-05', officer);
        expect(ex05.json().items.map((i: { action: string }) => i.action)).toContain('certificate.print');
        expect(ex05.json().items.map((i: { action: string }) => i.action)).toContain('household.read');

        // Another commune's officer sees none of it; the administrator sees all; a finance officer
        // holds no permission; a filter that matches nothing answers nothing.
        const other = await buildSession(deps, { role: 'commune-officer', unitCode: '16513' });
        expect((await get('/api/v1/access-log', other)).json()).toMatchObject({ total: 0, items: [] });
        expect((await get('/api/v1/access-log', admin)).json().total).toBe(3);
        expect((await get('/api/v1/access-log?action=export.households', admin)).json().total).toBe(1);
        expect((await get('/api/v1/access-log?from=2030-01-01', admin)).json().total).toBe(0);
        const bad = await get('/api/v1/access-log?action=nope', admin);
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error).toMatchObject({ code: 'ENUM_INVALID', field: 'action' });
        const finance = await buildSession(deps, { role: 'finance-officer', unitCode: '14830' });
        expect((await get('/api/v1/access-log', finance)).statusCode).toBe(403);

        const csv = await get('/api/v1/access-log/export?format=csv', officer);
        expect(csv.statusCode).toBe(200);
        const lines = csv.body
          .replace(/^\ufeff/, '')
          .trim()
          .split('\r\n');
        expect(lines).toHaveLength(4);
        expect(lines[0]).toContain('Người truy cập');
        expect(csv.body).toContain('GET /api/v1/registry/households/:householdId');
        const x = await get('/api/v1/access-log/export?format=xlsx&action=household.read', admin);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
        const ws = wb.getWorksheet('Nhật ký truy cập')!;
        expect(ws.rowCount).toBe(2);
        expect(ws.getRow(2).getCell(4).value).toBe('Xem hồ sơ hộ');
        expect(ws.getRow(2).getCell(7).value).toBe('EX-05');
      },
    );

    it(
      'records list pages, searches (their kind, not their text), campaign screens and review lists',
      { timeout: 180_000 },
      async () => {
        const complainant = 'Trần Thị Khiếu Nại';
        await campaignReadyToRecognise(deps, (ref) =>
          transition(deps, SYSTEM, {
            ...ref,
            action: {
              type: 'file-complaint',
              householdKey: 'EX-05',
              complainant,
              receivedOn: '2024-10-28',
              text: 'Xin xem lại thu nhập',
            },
          }),
        );
        const officer = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });

        const list = await get('/api/v1/registry/households?unit=14830&period=2024', officer);
        expect(list.statusCode).toBe(200);
        const shown = (list.json().items as { householdId: string; headName: string }[]).map(
          (i) => i.householdId,
        );
        expect(shown.length).toBeGreaterThan(1);
        const head = (list.json().items as { headName: string }[])[0]!.headName;
        const search = await get(
          `/api/v1/registry/households?unit=14830&q=${encodeURIComponent(head)}`,
          officer,
        );
        expect(search.json().items.length).toBeGreaterThan(0);
        const byNumber = await get('/api/v1/registry/households?unit=14830&q=038123456789', officer);
        expect(byNumber.statusCode).toBe(200);
        // A search that finds no one shows no one: nothing to record.
        expect(byNumber.json().items).toEqual([]);
        expect((await get('/api/v1/registry/campaigns/14830/2024', officer)).statusCode).toBe(200);
        expect(
          (await get('/api/v1/reports/review-papers/posted-lists?commune=14830&period=2024', officer))
            .statusCode,
        ).toBe(200);

        const items = (await get('/api/v1/access-log', officer)).json().items as {
          action: string;
          route: string;
          unitCode: string;
          households: number;
          filter: Record<string, unknown> | null;
        }[];
        expect(items.map((i) => i.action)).toEqual([
          'review-paper.read',
          'campaign.read',
          'list.households',
          'list.households',
        ]);
        const [paper, campaign, searched, listed] = items;
        expect(listed).toMatchObject({
          route: 'GET /api/v1/registry/households',
          unitCode: '14830',
          households: shown.length,
          filter: { 'Kỳ rà soát': 2024, Trang: 1 },
        });
        expect(searched!.filter).toEqual({ 'Tìm kiếm': 'theo tên, địa chỉ', Trang: 1 });
        expect(searched!.households).toBe(search.json().items.length);
        expect(campaign).toMatchObject({
          route: 'GET /api/v1/registry/campaigns/:communeCode/:period',
          households: 1,
        });
        expect(campaign!.filter).toEqual({ 'Kỳ rà soát': 2024, Loại: 'Rà soát định kỳ' });
        expect(paper!.households).toBeGreaterThan(0);
        expect(paper!.filter).toMatchObject({ 'Biểu mẫu': 'Danh sách niêm yết công khai' });
        // Neither the name searched for nor the complainant is kept by the record or its export.
        const csv = (await get('/api/v1/access-log/export?format=csv', officer)).body;
        for (const text of [JSON.stringify(items), csv]) {
          expect(text).not.toContain(head);
          expect(text).not.toContain(complainant);
          expect(text).not.toContain('038123456789');
        }
        // "Who saw EX-05": the list, the campaign screen (its complaint) and the posted lists.
        const ex05 = (await get('/api/v1/access-log?household=EX-05', officer)).json().items as {
          action: string;
        }[];
        expect(ex05.map((i) => i.action)).toEqual(
          expect.arrayContaining(['review-paper.read', 'campaign.read', 'list.households']),
        );
      },
    );

    it(
      "produces a household's own data as JSON and PDF, for personal-data roles within scope",
      { timeout: 180_000 },
      async () => {
        const ref = await campaignReadyToRecognise(deps);
        await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
        const officer = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
        await get('/api/v1/registry/households/EX-05/periods/2024/certificate.pdf', officer);
        const page = await getHousehold(deps, SYSTEM, 'EX-05');

        const res = await get('/api/v1/registry/households/EX-05/report.json', officer);
        expect(res.statusCode).toBe(200);
        const r = res.json();
        expect(r.household).toMatchObject({
          householdId: 'EX-05',
          communeCode: '14830',
          headName: page.headName,
        });
        expect(r.members.map((m: { name: string }) => m.name)).toEqual(page.members.map((m) => m.name));
        expect(r.results).toHaveLength(1);
        expect(r.results[0]).toMatchObject({ period: 2024, recognised: true });
        expect(r.results[0].answers.incomePerCapitaMonthly).toBeTypeOf('number');
        expect(r.certificates).toHaveLength(1);
        expect(r.certificates[0].number).toMatch(/^\d+\/GCN-HN\.HCN$/);
        expect(r.history.length).toBeGreaterThan(0);
        // Who accessed it: the certificate printed above (the page read by getHousehold as SYSTEM too).
        expect(r.accessRecord.map((a: { action: string }) => a.action)).toContain('certificate.print');
        // The response schema drops no field: the answer is what the service collected (the access
        // record then gains the report's own line, which the answer was collected before).
        const [h] = await findHouseholdsByKey(deps.db.kysely, 'EX-05');
        const direct = JSON.parse(
          JSON.stringify(
            await collectHouseholdData(deps, deps.db.kysely, { ...h!, id: Number(h!.id) }, r.generatedBy),
          ),
        ) as typeof r;
        expect({ ...r, generatedAt: null, accessRecord: null }).toEqual({
          ...direct,
          generatedAt: null,
          accessRecord: null,
        });
        expect(r.accessRecord).toEqual(
          direct.accessRecord.filter((a: { action: string }) => a.action !== 'household.report'),
        );
        expect(Object.keys(r.members[0]).length).toBeGreaterThan(5);

        const pdf = await get('/api/v1/registry/households/EX-05/report.pdf', officer);
        expect(pdf.statusCode).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        const text = (await pdfPages(pdf.rawPayload)).join('\n');
        expect(text).toContain('EX-05');
        expect(text).toContain(page.headName);
        expect(text).toContain(r.certificates[0].number);
        expect(text).toContain('In giấy chứng nhận');
        expect(text).toContain('Xem hồ sơ hộ');

        // The report itself is recorded.
        const log = await get('/api/v1/access-log?action=household.report', officer);
        expect(log.json().total).toBe(2);

        const supervisor = await buildSession(deps, { role: 'supervisor', unitCode: '14830' });
        expect((await get('/api/v1/registry/households/EX-05/report.json', supervisor)).statusCode).toBe(403);
        const other = await buildSession(deps, { role: 'commune-officer', unitCode: '16513' });
        const hidden = await get('/api/v1/registry/households/EX-05/report.json', other);
        expect(hidden.statusCode).toBe(404);
        expect(hidden.json().error.code).toBe('HOUSEHOLD_NOT_FOUND');
        const missing = await get('/api/v1/registry/households/NOPE/report.json', officer);
        expect(missing.json().error.code).toBe('HOUSEHOLD_NOT_FOUND');
      },
    );
  });
}
