// Program finance over HTTP: role and scope declarations, coded field errors (nothing written),
// and a disbursement moving the report's figures at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { allocationInput } from '../support/finance.js';

for (const dialect of DIALECTS) {
  describe(`finance API (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let uploadDir: string;
    let finance: { cookie: string; csrf: string };
    let province: { cookie: string; csrf: string };
    let ward: { cookie: string; csrf: string };
    const post = (s: { cookie: string; csrf: string }, url: string, payload: object) =>
      app.inject({ method: 'POST', url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    const get = (s: { cookie: string }, url: string) =>
      app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

    beforeAll(async () => {
      deps = await makeDeps(dialect);
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-api-up-'));
      app = await buildApp({ ...deps, config: { ...deps.config, uploadDir } });
      finance = await buildSession(deps, { role: 'finance-officer', unitCode: '382' });
      province = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
      ward = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
    });
    afterAll(async () => {
      await app.close();
      fs.rmSync(uploadDir, { recursive: true, force: true });
      await deps.cleanup();
    });

    it('lists the programs as data, with the seven projects of Decision 90', async () => {
      const r = await get(ward, '/api/v1/programs');
      expect(r.statusCode).toBe(200);
      const programs = r.json().items as { code: string; components: { code: string; kind: string }[] }[];
      expect(programs.map((p) => p.code)).toEqual(['QD90_2021_2025', 'NQ257_2026_2035']);
      expect(programs[0]!.components.filter((c) => c.kind === 'project').map((c) => c.code)).toEqual([
        'DA1',
        'DA2',
        'DA3',
        'DA4',
        'DA5',
        'DA6',
        'DA7',
      ]);
      // The merged program's components are edited as its structure is published.
      const add = await post(province, '/api/v1/programs/NQ257_2026_2035/components', {
        code: 'HP2.1',
        parentCode: 'HP2',
        name: 'Hỗ trợ sinh kế',
      });
      expect(add.statusCode).toBe(201);
      expect(add.json()).toMatchObject({ code: 'HP2.1', kind: 'subproject', provisional: true });
      expect(
        (await post(finance, '/api/v1/programs/NQ257_2026_2035/components', { code: 'HP9', name: 'x' }))
          .statusCode,
      ).toBe(403);
    });

    it('a disbursement moves the report at once; only finance officers write money', async () => {
      const created = await post(
        finance,
        '/api/v1/finance/allocations',
        allocationInput({ componentCode: 'DA3.2', amount: 900_000_000 }),
      );
      expect(created.statusCode).toBe(201);
      const id = created.json().id as number;
      const before = (await get(province, '/api/v1/finance/report?unit=382&year=2024')).json();
      expect(before.total).toMatchObject({ planned: 900_000_000, disbursed: 0, atRisk: true });
      const d = await post(finance, '/api/v1/finance/disbursements', {
        allocationId: id,
        date: '2024-06-11',
        amount: 300_000_000,
        voucherNo: 'PC-API-1',
        activity: 'Cấp vi chất dinh dưỡng',
      });
      expect(d.statusCode).toBe(201);
      const after = (await get(province, '/api/v1/finance/report?unit=382&year=2024')).json();
      expect(after.total).toMatchObject({ planned: 900_000_000, disbursed: 300_000_000, rate: 0.3333 });
      expect(after.rows[0]).toMatchObject({ projectCode: 'DA3', source: 'central', disbursed: 300_000_000 });
      // Reading roles cannot write money.
      expect(
        (
          await post(province, '/api/v1/finance/disbursements', {
            allocationId: id,
            date: '2024-06-12',
            amount: 1,
            voucherNo: 'PC-API-2',
            activity: 'x',
          })
        ).json().error.code,
      ).toBe('FORBIDDEN_ROLE');
      // A ward officer sees its own ward, not the city.
      expect((await get(ward, '/api/v1/finance/report?unit=382&year=2024')).json().error.code).toBe(
        'FORBIDDEN_SCOPE',
      );
      expect((await get(ward, '/api/v1/finance/report?unit=14830&year=2024')).statusCode).toBe(200);
      const detail = (await get(province, `/api/v1/finance/allocations/${id}`)).json();
      expect(detail.disbursements.map((x: { voucher_no: string }) => x.voucher_no)).toEqual(['PC-API-1']);
    });

    it('bad input: a coded, field-level error in Vietnamese and English, nothing written', async () => {
      const id = (
        await post(
          finance,
          '/api/v1/finance/allocations',
          allocationInput({ componentCode: 'DA6.2', amount: 100_000_000 }),
        )
      ).json().id as number;
      const cases: [string, object, number, string, string][] = [
        [
          '/api/v1/finance/allocations',
          allocationInput({ componentCode: 'DA7', amount: -1 }),
          400,
          'AMOUNT_INVALID',
          'amount',
        ],
        [
          '/api/v1/finance/allocations',
          allocationInput({ componentCode: 'DA7', amount: 1.5 }),
          400,
          'AMOUNT_INVALID',
          'amount',
        ],
        [
          '/api/v1/finance/allocations',
          allocationInput({ componentCode: 'DA0' }),
          400,
          'PROJECT_UNKNOWN',
          'componentCode',
        ],
        [
          '/api/v1/finance/disbursements',
          { allocationId: id, date: '2024-01-01', amount: 1, voucherNo: 'V-1', activity: 'x' },
          400,
          'DATE_BEFORE_ALLOCATION',
          'date',
        ],
        [
          '/api/v1/finance/disbursements',
          { allocationId: id, date: '2024-06-11', amount: 1, voucherNo: 'PC-API-1', activity: 'x' },
          409,
          'VOUCHER_DUPLICATE',
          'voucherNo',
        ],
        [
          '/api/v1/finance/disbursements',
          { allocationId: id, date: '2024-06-11', amount: 100_000_001, voucherNo: 'V-2', activity: 'x' },
          409,
          'BALANCE_INSUFFICIENT',
          'amount',
        ],
      ];
      const countRows = async () => [
        Number(
          (
            await deps.db.kysely
              .selectFrom('allocation')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
        Number(
          (
            await deps.db.kysely
              .selectFrom('disbursement')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ];
      const before = await countRows();
      for (const [url, body, status, code, field] of cases) {
        const r = await post(finance, url, body);
        expect([r.statusCode, r.json().error.code, r.json().error.field]).toEqual([status, code, field]);
        expect(r.json().error.message).toBeTruthy();
        expect(r.json().error.messageEn).toBeTruthy();
      }
      expect(await countRows()).toEqual(before);
    });

    it('serves the proposal as PDF and XLSX, and declares every route in OpenAPI', async () => {
      const id = (
        await post(
          finance,
          '/api/v1/finance/allocations',
          allocationInput({ componentCode: 'DA2', amount: 500_000_000 }),
        )
      ).json().id as number;
      expect(
        (
          await post(finance, `/api/v1/finance/allocations/${id}/issues`, {
            reason: 'no-beneficiaries',
            detail: 'Không có hộ phù hợp',
            proposal: 'stop',
          })
        ).statusCode,
      ).toBe(201);
      const pdf = await get(province, '/api/v1/finance/proposal.pdf?unit=382&year=2024');
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const xlsx = await get(province, '/api/v1/finance/proposal.xlsx?unit=382&year=2024');
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/finance/report',
          '/api/v1/finance/disbursements',
          '/api/v1/tasks/board',
          '/api/v1/finance/targets',
        ]),
      );
    });

    it('tasks: a ward updates its task with an attachment through multipart', async () => {
      const m = await post(province, '/api/v1/meetings', {
        unitCode: '382',
        date: '2024-06-07',
        title: 'Hội nghị',
        chair: 'Chủ tịch',
        conclusions: 'Giải ngân trước 30/9',
        tasks: [
          {
            assigneeKind: 'ward',
            assignee: 'UBND phường Trung Sơn',
            assigneeUnitCode: '14830',
            title: 'Phân loại hộ nghèo',
            deadline: '2024-09-30',
          },
        ],
      });
      expect(m.statusCode).toBe(201);
      const taskId = m.json().tasks[0].id as number;
      const boundary = '----gn';
      const body = [
        `--${boundary}\r\nContent-Disposition: form-data; name="status"\r\n\r\nin-progress\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nĐã rà soát 3 tổ dân phố\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bien-ban.txt"\r\nContent-Type: text/plain\r\n\r\nBiên bản họp\r\n`,
        `--${boundary}--\r\n`,
      ].join('');
      const u = await app.inject({
        method: 'POST',
        url: `/api/v1/tasks/${taskId}/updates`,
        payload: body,
        headers: {
          cookie: ward.cookie,
          'x-csrf-token': ward.csrf,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
      });
      expect(u.statusCode).toBe(201);
      const att = u.json().update.attachments[0];
      expect(att).toMatchObject({ fileName: 'bien-ban.txt', size: Buffer.byteLength('Biên bản họp') });
      const file = await get(ward, `/api/v1/tasks/attachments/${att.id}`);
      expect(file.body).toBe('Biên bản họp');
      const board = (await get(ward, '/api/v1/tasks/board?unit=14830&asOf=2024-09-25')).json();
      expect(board.dueSoon.map((t: { id: number }) => t.id)).toEqual([taskId]);
    });
  });
}
