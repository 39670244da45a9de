// The registry API over app.inject: accent-insensitive search, optimistic locking with both
// versions in the conflict, scope, campaign steps refused out of order, import upload with its
// job, and the summary.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACTS } from '../support/cli.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';

const EXAMPLES = path.join(CONTRACTS, 'examples.jsonl');
const ex01 = JSON.parse(fs.readFileSync(EXAMPLES, 'utf8').split('\n')[0]!) as Record<string, unknown>;

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = '----giamngheo-test';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

for (const dialect of DIALECTS) {
  describe(`registry API (${dialect})`, () => {
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

    it('imports an uploaded file, searches without accents, and refuses a stale update with both versions', async () => {
      const s = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const auth = { cookie: s.cookie, 'x-csrf-token': s.csrf };
      const mp = multipart(
        { mode: 'valid-rows', status: 'approved' },
        { name: 'examples.jsonl', content: fs.readFileSync(EXAMPLES) },
      );
      const up = await app.inject({
        method: 'POST',
        url: '/api/v1/registry/imports?wait=true',
        payload: mp.payload,
        headers: { ...mp.headers, ...auth },
      });
      expect(up.statusCode).toBe(200);
      // The officer of Trung Sơn may write Trung Sơn and the ward it merged into (16531, 2025):
      // Quảng Minh (16513) is outside the scope and refused.
      const job = up.json();
      expect(job.state).toBe('done');
      expect(job.report.imported).toBe(13);
      expect(
        job.report.errors
          .filter((e: { code: string }) => e.code === 'FORBIDDEN_SCOPE')
          .map((e: { householdId: string }) => e.householdId),
      ).toEqual(['EX-11']);
      const poll = await app.inject({
        method: 'GET',
        url: `/api/v1/registry/imports/${job.id}`,
        headers: auth,
      });
      expect(poll.json()).toMatchObject({ id: job.id, state: 'done', read: 16 });

      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households?unit=14830&period=2024&q=le%20van%20hung&pageSize=3',
        headers: auth,
      });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ total: 11, totalCapped: false, page: 1, pageSize: 3 });
      expect(list.json().items[0]).toMatchObject({ headName: 'Lê Văn Hùng', communeCode: '14830' });
      const poor = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households?unit=14830&period=2024&class=POOR',
        headers: auth,
      });
      expect(poor.statusCode, poor.body).toBe(200);
      expect(
        poor
          .json()
          .items.map((i: { householdId: string }) => i.householdId)
          .sort(),
      ).toEqual(['EX-05', 'EX-14']);
      const other = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households?unit=16513',
        headers: auth,
      });
      expect(other.statusCode).toBe(403);

      const page = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households/EX-05',
        headers: auth,
      });
      expect(page.json()).toMatchObject({
        householdId: 'EX-05',
        version: 1,
        results: [{ period: 2024, classification: 'POOR' }],
      });
      expect(page.json().results[0].explanation.indicators).toHaveLength(3);

      const edit = (income: number) => ({
        survey: { ...ex01, incomePerCapitaMonthly: income },
        expectedVersion: 1,
        confirmDuplicates: true,
      });
      const first = await app.inject({
        method: 'PUT',
        url: '/api/v1/registry/households/EX-01',
        payload: edit(2_500_000),
        headers: auth,
      });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ saved: true, version: 2, classification: 'AVERAGE' });
      const second = await app.inject({
        method: 'PUT',
        url: '/api/v1/registry/households/EX-01',
        payload: edit(1_000_000),
        headers: auth,
      });
      expect(second.statusCode).toBe(409);
      const body = second.json().error;
      expect(body.code).toBe('CONFLICT');
      expect(body.mine.survey.incomePerCapitaMonthly).toBe(1_000_000);
      expect(body.theirs).toMatchObject({ householdId: 'EX-01', version: 2 });
      const dup = await app.inject({
        method: 'POST',
        url: '/api/v1/registry/households',
        payload: { survey: { ...ex01, householdId: 'EX-NEW' } },
        headers: auth,
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('HOUSEHOLD_DUPLICATE_SUSPECTED');
      expect(dup.json().error.duplicates.length).toBeGreaterThan(0);
    });

    it('refuses a campaign step out of order and reports the summary', async () => {
      const s = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
      const auth = { cookie: s.cookie, 'x-csrf-token': s.csrf };
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/registry/campaigns/14830/2024/transitions',
        payload: {
          action: {
            type: 'recognise',
            decisionNumber: '1/QĐ',
            decisionDate: '2024-11-01',
            signer: 'Chủ tịch',
          },
        },
        headers: auth,
      });
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({
        code: 'CAMPAIGN_STEP_OUT_OF_ORDER',
        allowedActions: ['open-meetings'],
      });
      const c = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/campaigns/14830/2024',
        headers: auth,
      });
      expect(c.json()).toMatchObject({ step: 'survey', allowedActions: ['open-meetings'], timeline: [] });
      const sum = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/summary?period=2024&unit=382',
        headers: auth,
      });
      expect(sum.statusCode).toBe(200);
      expect(sum.json()).toMatchObject({ unit: { code: '382' }, households: 0 });
      const anon = await app.inject({ method: 'GET', url: '/api/v1/registry/summary?period=2024&unit=382' });
      expect(anon.statusCode).toBe(401);
    });
  });
}
