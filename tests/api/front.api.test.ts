// The Front's module over HTTP on both engines: the supervisor records receipts and spending, the
// public disclosure on the portal carries no personal data beyond what the open lists show (the
// head's name and village of a listed household; nothing of anyone else, no key, no reason, no
// member, no birth date), every table downloads, the feed lists new disclosures; reports come as
// XLSX and PDF; a commune officer answers a recommendation addressed to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { frontRecord, loadRecords } from '../support/front.js';
import { multipartBody, syntheticPhoto, withTempUploads } from '../support/portal.js';

/** The Front's routes that answer JSON; each must be called below and answer in full. */
const JSON_ROUTES = [
  'GET /api/v1/front/funds',
  'GET /api/v1/front/funds/:id',
  'POST /api/v1/front/receipts',
  'POST /api/v1/front/spending',
  'POST /api/v1/front/transfers',
  'GET /api/v1/front/houses',
  'GET /api/v1/front/houses/by-unit',
  'POST /api/v1/front/houses',
  'POST /api/v1/front/houses/:id/stage',
  'POST /api/v1/front/houses/:id/photos',
  'GET /api/v1/front/plans',
  'POST /api/v1/front/plans',
  'POST /api/v1/front/plans/:id/visits',
  'POST /api/v1/front/plans/:id/recommendations',
  'GET /api/v1/front/recommendations',
  'GET /api/v1/front/recommendations/overdue',
  'POST /api/v1/front/recommendations/:id/answer',
  'GET /api/v1/front/feedback',
];

for (const dialect of DIALECTS) {
  describe(`the Front over HTTP and on the portal (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let front: { cookie: string; csrf: string };
    let ward: { cookie: string; csrf: string };
    let fundId = 0;
    // What each successful JSON answer was before the response schema serialised it, and after:
    // fast-json-stringify drops any field a schema does not list, so the two must be equal.
    const beforeSerialising = new Map<string, unknown>();
    const answers: { route: string; raw: unknown; sent: unknown }[] = [];
    const post = (s: { cookie: string; csrf: string }, url: string, payload: object) =>
      app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload,
      });
    const get = (s: { cookie: string } | null, url: string) =>
      app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });

    beforeAll(async () => {
      deps = await makeDeps(dialect, new Date('2024-11-30T03:00:00Z'));
      app = await buildApp(withTempUploads(deps));
      app.addHook('preSerialization', async (req, _reply, payload) => {
        beforeSerialising.set(req.id, JSON.parse(JSON.stringify(payload)));
        return payload;
      });
      app.addHook('onSend', async (req, reply, payload) => {
        if (reply.statusCode < 300 && beforeSerialising.has(req.id) && typeof payload === 'string')
          answers.push({
            route: `${req.method} ${req.routeOptions.url}`,
            raw: beforeSerialising.get(req.id),
            sent: JSON.parse(payload),
          });
        return payload;
      });
      await loadRecords(
        deps,
        [
          frontRecord('PUB-POOR', '14830', 'poor', '2024-10-15'),
          frontRecord('PUB-NONE', '14830', 'none', '2024-10-15'),
        ],
        2024,
      );
      front = await buildSession(deps, { role: 'supervisor', unitCode: '382' });
      ward = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('records receipts and spending as the Front; a commune officer may not', async () => {
      const gifts = [
        {
          receiptNo: '01',
          donorName: 'Ngân hàng Chính sách xã hội',
          donorKind: 'organisation',
          value: 30_000_000,
          date: '2024-10-18',
        },
        { receiptNo: '02', donorName: 'Trần Văn Hảo', value: 2_000_000, date: '2024-10-19' },
        {
          receiptNo: '03',
          donorName: 'Phạm Thị Kín Tên',
          anonymous: true,
          value: 5_000_000,
          date: '2024-10-20',
        },
        { receiptNo: '04', donorName: 'Hoàng Văn Nhỏ', value: 200_000, date: '2024-10-21' },
        { receiptNo: '05', donorName: 'Đỗ Thị Bé', value: 100_000, date: '2024-10-21' },
      ];
      for (const g of gifts) {
        const r = await post(front, '/front/receipts', { unitCode: '382', ...g });
        expect(r.statusCode, r.body).toBe(201);
        fundId = r.json<{ fund: { id: number } }>().fund.id;
      }
      expect(
        (
          await post(ward, '/front/receipts', {
            unitCode: '14830',
            receiptNo: 'x',
            donorName: 'x',
            value: 1,
            date: '2024-10-21',
          })
        ).statusCode,
      ).toBe(403);
      const s = await post(front, '/front/spending', {
        fundId,
        date: '2024-11-20',
        purpose: 'health-insurance',
        amount: 1_500_000,
        decisionNo: '20/QĐ-MTTQ',
        decisionDate: '2024-11-18',
        households: [
          { householdKey: 'PUB-POOR' },
          { householdKey: 'PUB-NONE', reason: 'Con bị tai nạn lao động, nằm viện dài ngày' },
        ],
      });
      expect(s.statusCode, s.body).toBe(201);
      const over = await post(front, '/front/spending', {
        fundId,
        date: '2024-11-21',
        purpose: 'livelihood',
        amount: 999_000_000,
        decisionNo: '21/QĐ-MTTQ',
        decisionDate: '2024-11-21',
      });
      expect([over.statusCode, over.json<{ error: { code: string } }>().error.code]).toEqual([
        409,
        'FRONT_FUND_BALANCE_INSUFFICIENT',
      ]);
    });

    it('discloses on the portal without personal data beyond the open lists', async () => {
      const page = await get(null, '/cong-khai/quy/382?nam=2024');
      expect(page.statusCode).toBe(200);
      const body = page.body;
      expect(body).toContain('Ngân hàng Chính sách xã hội');
      expect(body).toContain('Trần Văn Hảo');
      expect(body).toContain('Nhà hảo tâm không nêu tên');
      expect(body).toContain('2 lượt ủng hộ nhỏ của cá nhân');
      expect(body).toContain('37.300.000'); // the peak-month total (all five gifts fall in 17/10–18/11)
      expect(body).toContain('Nguyễn Văn PUB-POOR'); // on the poor list: as the open lists show it
      expect(body).toContain('Hộ khác');
      for (const hidden of [
        'Phạm Thị Kín Tên',
        'Hoàng Văn Nhỏ',
        'Đỗ Thị Bé',
        'Nguyễn Văn PUB-NONE',
        'Lê Thị PUB-POOR',
        'PUB-NONE',
        'tai nạn lao động',
        '01/03/1975',
        '1975-03-01',
      ])
        expect(body, hidden).not.toContain(hidden);
      for (const table of ['ung-ho', 'noi-dung', 'khoan-chi']) {
        const csv = await get(null, `/cong-khai/quy/382/tai-ve?bang=${table}&nam=2024`);
        expect(csv.statusCode).toBe(200);
        expect(csv.headers['content-type']).toContain('text/csv');
        expect(csv.body).not.toContain('Phạm Thị Kín Tên');
        expect(csv.body).not.toContain('PUB-NONE');
      }
      expect((await get(null, '/cong-khai/quy/382/tai-ve?bang=khac')).statusCode).toBe(400);
      const en = await get(null, '/cong-khai/quy/382?nam=2024&lang=en');
      expect(en.body).toContain('Health-insurance cards');
      const feed = await get(null, '/cong-khai/quy/moi.xml');
      expect(feed.body).toContain('Thẻ bảo hiểm y tế – 1.500.000 ₫');
      expect((await get(null, '/cong-khai/quy')).body).toContain('/cong-khai/quy/382?nam=2024');
      expect((await get(null, '/cong-khai/quy/16285')).statusCode).toBe(404);
    });

    it('serves the statement and the houses report as XLSX and PDF', async () => {
      const x = await get(front, `/api/v1/front/funds/${fundId}/statement.xlsx`);
      expect(x.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const cells = wb.worksheets[0]!.getSheetValues().flat().map(String);
      expect(cells).toContain('Thẻ bảo hiểm y tế');
      expect(cells).toContain(String(37_300_000 - 1_500_000));
      const p = await get(front, `/api/v1/front/funds/${fundId}/statement.pdf`);
      expect(p.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await get(ward, `/api/v1/front/funds/${fundId}`)).statusCode).toBe(404);
      const h = await post(front, '/front/houses', {
        householdKey: 'PUB-POOR',
        kind: 'repair',
        estimatedCost: 25_000_000,
        approvedOn: '2024-11-01',
      });
      expect(h.statusCode, h.body).toBe(201);
      const r = await get(front, '/api/v1/front/houses/report.pdf');
      expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('lets the addressed commune answer a recommendation', async () => {
      const plan = await post(front, '/front/plans', {
        unitCode: '382',
        topic: 'Giám sát rà soát 2024',
        startDate: '2024-10-01',
        endDate: '2024-10-31',
        units: ['14830'],
      });
      expect(plan.statusCode, plan.body).toBe(201);
      const rec = await post(front, `/front/plans/${plan.json<{ id: number }>().id}/recommendations`, {
        addresseeUnitCode: '14830',
        content: 'Công khai danh sách tại nhà văn hóa tổ dân phố.',
        issuedOn: '2024-10-20',
        deadline: '2024-11-20',
      });
      expect(rec.statusCode, rec.body).toBe(201);
      const id = rec.json<{ id: number }>().id;
      const overdue = await get(ward, '/api/v1/front/recommendations/overdue');
      expect(overdue.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toEqual([id]);
      const a = await post(ward, `/front/recommendations/${id}/answer`, {
        status: 'accepted',
        text: 'Đã niêm yết.',
      });
      expect(a.statusCode, a.body).toBe(201);
      expect(a.json<{ state: string }>().state).toBe('answered-late');
      expect(
        (await post(front, `/front/recommendations/${id}/answer`, { status: 'accepted', text: 'x' }))
          .statusCode,
      ).toBe(403);
    });

    it('answers every JSON route with every field the service returned', async () => {
      for (const url of [
        '/api/v1/front/funds',
        `/api/v1/front/funds/${fundId}`,
        '/api/v1/front/houses',
        '/api/v1/front/houses/by-unit',
        '/api/v1/front/plans',
        '/api/v1/front/recommendations',
        '/api/v1/front/feedback',
      ]) {
        const r = await get(front, url);
        expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      }
      const carry = await post(front, '/front/transfers', {
        fundId,
        kind: 'carry-over',
        date: '2024-12-31',
        decisionNo: '30/QĐ-MTTQ',
      });
      expect(carry.statusCode, carry.body).toBe(201);
      const house = (await get(front, '/api/v1/front/houses')).json<{ items: { id: number }[] }>().items[0]!;
      const stage = await post(front, `/front/houses/${house.id}/stage`, {
        stage: 'under-construction',
        date: '2024-11-25',
      });
      expect(stage.statusCode, stage.body).toBe(200);
      const photo = multipartBody(await syntheticPhoto('Nhà PUB-POOR', 400, 300), {
        caption: 'Đổ mái ngày 25/11',
      });
      const p = await app.inject({
        method: 'POST',
        url: `/api/v1/front/houses/${house.id}/photos`,
        headers: { cookie: front.cookie, 'x-csrf-token': front.csrf, ...photo.headers },
        payload: photo.payload,
      });
      expect(p.statusCode, p.body).toBe(201);
      // The caption sent with the photo comes back with the house, under the photo's stage.
      const shown = (await get(front, '/api/v1/front/houses'))
        .json<{ items: { id: number; photos: { stage: string; caption: string | null }[] }[] }>()
        .items.find((h) => h.id === house.id)!;
      expect(shown.photos).toEqual([
        expect.objectContaining({ stage: 'under-construction', caption: 'Đổ mái ngày 25/11' }),
      ]);
      const plan = (await get(front, '/api/v1/front/plans')).json<{ items: { id: number }[] }>().items[0]!;
      const visit = await post(front, `/front/plans/${plan.id}/visits`, {
        unitCode: '14830',
        date: '2024-10-10',
        findings: 'Danh sách chưa niêm yết.',
      });
      expect(visit.statusCode, visit.body).toBe(201);

      expect([...new Set(answers.map((a) => a.route))].sort()).toEqual([...JSON_ROUTES].sort());
      for (const a of answers) expect(a.sent, a.route).toEqual(a.raw);
    });
  });
}
