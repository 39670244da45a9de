// Reproductions of issue 10, items 1, 2, 3, 4 and 9: every row answers to its own unit's scope,
// an out-of-scope row reads exactly as a missing one, and personal data reaches the roles without
// the permission only as initials — whatever the route, and in error bodies too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM } from '../../src/services/deps.js';
import { getHousehold } from '../../src/services/registry/households.service.js';
import { householdSupport } from '../../src/services/finance/support.service.js';
import { maskName } from '../../src/domain/registry/certificate.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { asRaw, buildMember, buildRecord } from '../support/survey.js';
import {
  buildScopeFixture,
  OTHER_COMMUNE,
  OTHER_PROVINCE,
  TWELVE_DIGITS,
  twelveDigitsIn,
  type ScopeFixture,
} from '../support/scope.js';

type Session = { cookie: string; csrf: string };

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = '----giamngheo-scope';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
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

/** What of the fixture's people must not appear in a body. */
function leaks(body: string, f: ScopeFixture): string[] {
  const found: string[] = [];
  for (const s of [f.headName, f.spouseName, ...f.idNumbers, 'Số 7, Thôn Một', '1980-05-10'])
    if (body.includes(s)) found.push(s);
  const twelve = twelveDigitsIn(body);
  if (twelve) found.push(`12 digits ${twelve}`);
  return found;
}

// The leak check itself must be able to fail, and must not fail on what is no leak.
describe('the leak check', () => {
  const fixture = {
    headName: 'Lò Văn Khách',
    spouseName: 'Lò Thị Khách',
    idNumbers: ['038080480123', '038183391457'],
  } as ScopeFixture;
  const job = '3f2a9c1e-7b4d-4e8a-9c0f-480123391457';

  it('finds a citizen ID of the fixture, and any other 12-digit number, wherever it stands', () => {
    expect(leaks(JSON.stringify({ cccd: fixture.idNumbers[0] }), fixture)).toEqual([
      fixture.idNumbers[0],
      `12 digits ${fixture.idNumbers[0]}`,
    ]);
    expect(leaks(`{"id":"${job}","cccd":"001090123456"}`, fixture)).toEqual(['12 digits 001090123456']);
    expect(leaks(`["${job}",001090123456]`, fixture)).toEqual(['12 digits 001090123456']);
  });

  it('does not take the all-decimal last group of a UUID for a citizen ID', () => {
    expect(TWELVE_DIGITS.test(`{"id":"${job}"}`)).toBe(true);
    expect(leaks(`{"id":"${job}","status":"queued"}`, fixture)).toEqual([]);
    expect(leaks(`{"id":"${job.toUpperCase()}"}`, fixture)).toEqual([]);
  });
});

for (const dialect of DIALECTS) {
  describe(`row scope and masking (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let uploadDir: string;
    let a: ScopeFixture;
    let b: ScopeFixture;
    let ward: Session;
    let finance: Session;
    let supervisor: Session;
    const send = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      app.inject({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      });
    /** A survey of Đại Hùng (16516) for the household ID `id`. */
    const surveyOf = (id: string, idNumber: string | null = null, name = 'Nguyễn Văn Mới') =>
      asRaw(
        buildRecord({
          householdId: id,
          unitCode: '16516',
          members: [buildMember({ name, idNumber })],
        }),
      );

    beforeAll(async () => {
      deps = await makeDeps(dialect);
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-scope-'));
      const withUploads = { ...deps, config: { ...deps.config, uploadDir } };
      a = await buildScopeFixture(withUploads, OTHER_COMMUNE);
      b = await buildScopeFixture(withUploads, OTHER_PROVINCE);
      app = await buildApp(withUploads);
      ward = await buildSession(deps, { role: 'commune-officer', unitCode: '16516' });
      finance = await buildSession(deps, { role: 'finance-officer', unitCode: '382' });
      supervisor = await buildSession(deps, { role: 'supervisor', unitCode: '382' });
    }, 120_000);
    afterAll(async () => {
      await app.close();
      fs.rmSync(uploadDir, { recursive: true, force: true });
      await deps.cleanup();
    });

    it('item 1: an officer of another commune cannot take a household over by its ID, by save, update or import', async () => {
      const before = await getHousehold(deps, SYSTEM, a.householdId);
      const save = await send(ward, 'POST', '/api/v1/registry/households', {
        survey: surveyOf(a.householdId),
        expectedVersion: before.version,
      });
      expect(save.statusCode, save.body).toBe(403);
      expect(save.json().error.code).toBe('HOUSEHOLD_OUT_OF_SCOPE');
      expect(leaks(save.body, a)).toEqual([]);
      const put = await send(ward, 'PUT', `/api/v1/registry/households/${a.householdId}`, {
        survey: surveyOf(a.householdId),
        expectedVersion: before.version,
      });
      expect(put.statusCode, put.body).toBe(403);
      expect(put.json().error.code).toBe('HOUSEHOLD_OUT_OF_SCOPE');

      const mp = multipart(
        { mode: 'valid-rows', status: 'approved' },
        {
          name: 'takeover.jsonl',
          content: Buffer.from(
            [surveyOf(a.householdId), surveyOf('DH-NEW-1')].map((r) => JSON.stringify(r)).join('\n'),
          ),
        },
      );
      const up = await app.inject({
        method: 'POST',
        url: '/api/v1/registry/imports?wait=true',
        payload: mp.payload,
        headers: { ...mp.headers, cookie: ward.cookie, 'x-csrf-token': ward.csrf },
      });
      expect(up.statusCode, up.body).toBe(200);
      const report = up.json().report;
      expect(report).toMatchObject({ read: 2, imported: 1, rejected: 1 });
      expect(report.errors).toMatchObject([
        { line: 1, householdId: a.householdId, code: 'HOUSEHOLD_OUT_OF_SCOPE', field: 'householdId' },
      ]);
      expect(leaks(up.body, a)).toEqual([]);

      // The household is where it was, as it was; its officer still reads it.
      const after = await getHousehold(deps, SYSTEM, a.householdId);
      expect(after).toMatchObject({ communeCode: '14830', version: before.version, headName: a.headName });
      expect(after.members.map((m) => m.idNumber)).toEqual(before.members.map((m) => m.idNumber));
      // To the other commune's officer it is missing, exactly as an unknown ID.
      const page = await send(ward, 'GET', `/api/v1/registry/households/${a.householdId}`);
      const missing = await send(ward, 'GET', '/api/v1/registry/households/SS24-9999999');
      expect(page.statusCode).toBe(404);
      expect(page.body.replaceAll(a.householdId, 'ID')).toBe(missing.body.replaceAll('SS24-9999999', 'ID'));
    });

    it('item 2: the conflict of a stale save of another commune’s household carries nothing of it', async () => {
      const r = await send(ward, 'POST', '/api/v1/registry/households', {
        survey: surveyOf(a.householdId),
        expectedVersion: 0,
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('HOUSEHOLD_OUT_OF_SCOPE');
      expect(r.json().error.data).toBeUndefined();
      expect(leaks(r.body, a)).toEqual([]);
    });

    it('item 3: supervisors and finance officers read initials in campaign cases, campaign lists, complaints and suggestions', async () => {
      const initials = maskName(a.headName);
      for (const s of [finance, supervisor]) {
        const kase = await send(s, 'GET', `/api/v1/registry/campaigns/14830/2024?case=${a.householdId}`);
        expect(kase.statusCode, kase.body).toBe(200);
        expect(kase.json().pending.members[0].name).toBe(initials);
        expect(leaks(kase.body, a)).toEqual([]);
        const list = await send(s, 'GET', '/api/v1/registry/campaigns/14830');
        expect(list.statusCode).toBe(200);
        expect(list.json().items.find((c: { caseKey: string }) => c.caseKey === a.householdId).headName).toBe(
          initials,
        );
        expect(leaks(list.body, a)).toEqual([]);
        const campaign = await send(s, 'GET', '/api/v1/registry/campaigns/14830/2024');
        expect(campaign.json().state.complaints[0].complainant).toBe(initials);
        expect(leaks(campaign.body, a)).toEqual([]);
        const unit = await send(s, 'GET', '/api/v1/finance/suggestions?unit=14830&period=2024');
        expect(unit.statusCode, unit.body).toBe(200);
        expect(unit.json().items.map((i: { headName: string }) => i.headName)).toEqual([initials]);
        expect(leaks(unit.body, a)).toEqual([]);
        const one = await send(
          s,
          'GET',
          `/api/v1/finance/households/${a.householdId}/suggestions?period=2024`,
        );
        expect(one.statusCode, one.body).toBe(200);
        expect(one.json().headName).toBe(initials);
      }
      // The registry officers still see people.
      const officer = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const kase = await send(officer, 'GET', `/api/v1/registry/campaigns/14830/2024?case=${a.householdId}`);
      expect(kase.json().pending.members[0].name).toBe(a.headName);
      const campaign = await send(officer, 'GET', '/api/v1/registry/campaigns/14830/2024');
      expect(campaign.json().state.complaints[0].complainant).toBe(a.headName);
    });

    it('item 4: support against another province’s disbursement is refused as not found, telling nothing of it', async () => {
      const tries = [1_000, b.disbursedAmount + 1];
      for (const amount of tries) {
        const r = await send(ward, 'POST', '/api/v1/finance/support', {
          householdKey: 'DH-0001',
          unitCode: '16516',
          disbursementId: b.disbursementId,
          date: '2024-06-01',
          amount,
          description: 'Hỗ trợ giống',
        });
        const missing = await send(ward, 'POST', '/api/v1/finance/support', {
          householdKey: 'DH-0001',
          unitCode: '16516',
          disbursementId: 987_654,
          date: '2024-06-01',
          amount,
          description: 'Hỗ trợ giống',
        });
        expect(r.statusCode, r.body).toBe(404);
        expect(r.body.replaceAll(String(b.disbursementId), 'ID')).toBe(
          missing.body.replaceAll('987654', 'ID'),
        );
        expect(r.body).not.toContain(b.voucherNo);
        expect(r.body).not.toContain(String(b.disbursedAmount));
      }
      // Nothing was recorded: the household of Hà Nội has only its own support.
      expect(await householdSupport(deps, SYSTEM, { householdKey: b.householdId })).toHaveLength(1);
      await expect(householdSupport(deps, SYSTEM, { householdKey: 'DH-0001' })).rejects.toMatchObject({
        code: 'HOUSEHOLD_NOT_FOUND',
      });
      // Finance rows of another province by id read as missing too.
      const financeOf16516 = await buildSession(deps, { role: 'finance-officer', unitCode: '16516' });
      for (const [url, unknown] of [
        [`/api/v1/finance/allocations/${b.allocationId}`, '/api/v1/finance/allocations/987654'],
        [`/api/v1/tasks/${b.taskId}`, '/api/v1/tasks/987654'],
        [`/api/v1/tasks/attachments/${b.attachmentId}`, '/api/v1/tasks/attachments/987654'],
      ] as const) {
        const r = await send(financeOf16516, 'GET', url);
        const m = await send(financeOf16516, 'GET', unknown);
        expect(r.statusCode, url).toBe(404);
        expect(r.body.replace(/\b\d+\b/g, 'N')).toBe(m.body.replace(/\b\d+\b/g, 'N'));
      }
    });

    it('item 9: a citizen ID registered in another commune is only "in another commune"', async () => {
      const r = await send(ward, 'POST', '/api/v1/registry/households/check-duplicates', {
        survey: surveyOf('DH-NEW-2', a.idNumbers[0]!, 'Trịnh Văn Tư'),
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().duplicates).toEqual([
        {
          kind: 'citizen-id',
          otherCommune: true,
          code: 'DUPLICATE_IN_OTHER_COMMUNE',
          householdId: null,
          headName: null,
          communeCode: null,
          detail: 'Số CCCD của Trịnh Văn Tư đã có trong một hộ ở xã khác.',
          detailEn: 'The citizen ID of Trịnh Văn Tư is already registered in a household of another commune.',
        },
      ]);
      expect(r.body).not.toContain(a.householdId);
      expect(r.body).not.toContain('14830');
      expect(r.body).not.toContain(a.headName);
      // Saving it anyway is held for confirmation with the same flag, and nothing more.
      const save = await send(ward, 'POST', '/api/v1/registry/households', {
        survey: surveyOf('DH-NEW-2', a.idNumbers[0]!, 'Trịnh Văn Tư'),
      });
      expect(save.statusCode).toBe(409);
      expect(save.json().error.code).toBe('HOUSEHOLD_DUPLICATE_SUSPECTED');
      expect(save.body).not.toContain(a.householdId);
      expect(save.body).not.toContain(a.headName);
    });
  });
}
