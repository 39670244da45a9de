// The paperwork API over app.inject: a review paper as JSON, XLSX and PDF; the applications
// register (enter, decide, read, download); the reporting round (submit, download the frozen XLSX,
// the board) — with the permission table and unit scope, and coded 4xx for bad input.
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
import { reviewPaper } from '../../src/services/registry/review-papers.service.js';
import { applicationRegister } from '../../src/services/registry/applications.service.js';
import { reportingBoard } from '../../src/services/registry/round.service.js';
import type { Actor } from '../../src/services/deps.js';

for (const dialect of DIALECTS) {
  describe(`paperwork API (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    beforeEach(async () => {
      deps = await makeDeps(dialect, new Date('2024-11-12T03:00:00Z'));
      app = await buildApp(deps);
    });
    afterEach(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('serves the papers, the register and the round to the roles of the permission table', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const officer = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const supervisor = await buildSession(deps, { role: 'supervisor', unitCode: '382' });
      const other = await buildSession(deps, { role: 'commune-officer', unitCode: '16513' });
      const get = (s: typeof officer, url: string) =>
        app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: s.cookie } });
      const post = (s: typeof officer, url: string, payload: Record<string, unknown>) =>
        app.inject({
          method: 'POST',
          url: `/api/v1${url}`,
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
          payload,
        });

      const paper = await get(officer, '/reports/review-papers/decision?commune=14830&period=2024');
      expect(paper.statusCode).toBe(200);
      // The response schemas drop no field: each JSON answer is the service's own, whole.
      const actorOf = (s: typeof officer): Actor => ({
        kind: 'user',
        id: s.user.id,
        username: s.user.username,
        role: s.user.role,
        unitCode: s.user.unitCode,
      });
      const same = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
      expect(paper.json()).toEqual(
        same(
          await reviewPaper(deps, actorOf(officer), { communeCode: '14830', period: 2024, kind: 'decision' }),
        ),
      );
      expect(paper.json()).toMatchObject({
        kind: 'decision',
        header: { number: '125/QĐ-UBND', title: 'QUYẾT ĐỊNH' },
      });
      expect(paper.json().parts.some((p: { table?: unknown }) => p.table)).toBe(true);
      const x = await get(officer, '/reports/review-papers/decision/xlsx?commune=14830&period=2024');
      expect(x.headers['content-disposition']).toContain('quyet-dinh-mau-02-14830-2024.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
      expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('ỦY BAN NHÂN DÂN PHƯỜNG TRUNG SƠN');
      const notice = await get(
        officer,
        '/reports/review-papers/posting-notice/pdf?commune=14830&period=2024',
      );
      expect((await pdfPages(notice.rawPayload)).join('\n')).toContain('THÔNG BÁO');
      expect((await get(other, '/reports/review-papers/decision?commune=14830&period=2024')).statusCode).toBe(
        403,
      );
      const badKind = await get(officer, '/reports/review-papers/nonsense?commune=14830&period=2024');
      expect(badKind.statusCode).toBe(400);

      const a = await post(officer, '/reports/applications', {
        commune: '14830',
        form: '01',
        applicantName: 'Lê Thị Hoa',
        reason: 'Chồng ốm nặng',
        receivedOn: '2024-10-20',
      });
      expect(a.statusCode).toBe(200);
      expect(a.json()).toMatchObject({ status: 'received', clockLabel: { vi: 'quá hạn 8 ngày' } });
      expect(
        (await post(supervisor, '/reports/applications', { ...a.json(), commune: '14830' })).statusCode,
      ).toBe(403);
      const bad = await post(officer, '/reports/applications', {
        commune: '14830',
        form: '01',
        applicantName: 'X',
        reason: 'Y',
        receivedOn: '2024-13-40',
      });
      expect(bad.statusCode).toBe(400);
      const d = await post(officer, `/reports/applications/${a.json().id}/decision`, {
        expectedVersion: 1,
        outcome: 'refused',
        decidedOn: '2024-11-01',
      });
      expect(d.statusCode).toBe(400);
      expect(d.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'refusalReason' });
      const reg = await get(supervisor, '/reports/applications?unit=382&from=2024-01-01&to=2024-12-31');
      expect(reg.statusCode).toBe(200);
      expect(reg.json()).toEqual(
        same(
          await applicationRegister(deps, actorOf(supervisor), {
            unitCode: '382',
            from: '2024-01-01',
            to: '2024-12-31',
          }),
        ),
      );
      expect(reg.json().rows[0]).toMatchObject({
        applicantName: 'L. T. H.',
        clockLabel: { vi: 'quá hạn 8 ngày' },
      });
      const regX = await get(officer, '/reports/applications.xlsx?unit=14830&from=2024-01-01&to=2024-12-31');
      expect(regX.statusCode).toBe(200);

      const province = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
      const s = await post(province, '/reports/round/submissions', {
        unit: '38',
        round: 'preliminary',
        period: 2024,
      });
      expect(s.statusCode).toBe(200);
      expect(s.json()).toMatchObject({ version: 1, statusLabel: { vi: 'Đã nộp đúng hạn' } });
      expect(
        (
          await post(supervisor, '/reports/round/submissions', {
            unit: '382',
            round: 'monthly',
            period: 2024,
            month: 6,
          })
        ).statusCode,
      ).toBe(403);
      const file = await get(province, `/reports/round/submissions/${s.json().id}/xlsx`);
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.length).toBeGreaterThan(1000);
      expect((await get(other, `/reports/round/submissions/${s.json().id}/xlsx`)).statusCode).toBe(404);
      const board = await get(province, '/reports/round/board?unit=38&period=2024');
      expect(board.statusCode).toBe(200);
      expect(board.json()).toEqual(
        same(await reportingBoard(deps, actorOf(province), { unitCode: '38', period: 2024 })),
      );
      const prelim = board.json().reports.find((r: { round: string }) => r.round === 'preliminary');
      expect(prelim.units).toEqual([
        expect.objectContaining({
          unit: expect.objectContaining({ code: '38' }),
          versions: [expect.objectContaining({ version: 1 })],
        }),
      ]);
      const boardPdf = await get(supervisor, '/reports/round/board.pdf?unit=382&period=2024');
      expect((await pdfPages(boardPdf.rawPayload)).join('\n')).toContain('Quá hạn, chưa nộp');
    });
  });
}
