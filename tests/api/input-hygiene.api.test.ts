// Input hygiene (issue 10, items 10 and 12): the inputs that answered 500 or were taken as given
// now get a coded 4xx naming the field — a match profile without its fields, meeting tasks that
// are not a list of objects, a lone UTF-16 surrogate as a village name, an impossible calendar
// date, a disbursement dated after today, a period outside the declared range — and the
// FIELD_TYPE message of a survey says what was expected. Nothing is written by a refused call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { allocationInput } from '../support/finance.js';
import { ward2024Examples } from '../support/registry.js';

type Session = { cookie: string; csrf: string };

for (const dialect of DIALECTS) {
  describe(`input hygiene over the API (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let admin: Session;
    let finance: Session;
    let province: Session;
    let ward: Session;
    const send = (s: Session, method: 'POST' | 'GET', url: string, payload?: string | object) =>
      app.inject({
        method,
        url,
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}),
        },
        ...(payload === undefined ? {} : { payload }),
      });
    const count = async (table: 'village' | 'meeting' | 'task' | 'disbursement') =>
      Number(
        (
          await deps.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      deps = await makeDeps(dialect);
      app = await buildApp(deps);
      admin = await buildSession(deps, { role: 'admin', unitCode: null });
      finance = await buildSession(deps, { role: 'finance-officer', unitCode: '382' });
      province = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
      ward = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('POST /finance/match with an empty profile is a coded 400 naming the field; a full one matches', async () => {
      const empty = await send(finance, 'POST', '/api/v1/finance/match', { year: 2024, profile: {} });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'profile.status' });
      const badMember = await send(finance, 'POST', '/api/v1/finance/match', {
        year: 2024,
        profile: { status: 'poor', members: [{ age: 'old' }] },
      });
      expect(badMember.json().error).toMatchObject({ code: 'FIELD_TYPE', field: 'profile.members[0].age' });
      const ok = await send(finance, 'POST', '/api/v1/finance/match', {
        year: 2024,
        profile: {
          status: 'poor',
          deprivations: ['nutrition'],
          members: [{ age: 34, workingAge: true, employment: 'unemployed' }],
        },
      });
      expect(ok.statusCode).toBe(200);
      expect(Array.isArray(ok.json().suggestions)).toBe(true);
    });

    it('POST /meetings with tasks that are not a list of objects is a coded 400, nothing written', async () => {
      const meeting = {
        unitCode: '382',
        date: '2024-06-10',
        title: 'Giao ban giảm nghèo',
        chair: 'Phó Chủ tịch',
        conclusions: 'Đẩy nhanh giải ngân',
      };
      const before = [await count('meeting'), await count('task')];
      const text = await send(province, 'POST', '/api/v1/meetings', { ...meeting, tasks: 'x' });
      expect(text.statusCode).toBe(400);
      expect(text.json().error).toMatchObject({ code: 'FIELD_TYPE', field: 'tasks' });
      const nulls = await send(province, 'POST', '/api/v1/meetings', { ...meeting, tasks: [null] });
      expect(nulls.statusCode).toBe(400);
      expect(nulls.json().error).toMatchObject({ code: 'FIELD_TYPE', field: 'tasks[0]' });
      expect([await count('meeting'), await count('task')]).toEqual(before);
      expect((await send(province, 'POST', '/api/v1/meetings', { ...meeting, tasks: [] })).statusCode).toBe(
        201,
      );
    });

    it('a field that breaks its schema is named, with the rule in Vietnamese and in English', async () => {
      const r = await send(ward, 'POST', '/api/v1/units/14830/villages', {
        name: { first: 'Thôn' },
        kind: 'thon',
      });
      expect(r.statusCode).toBe(400);
      const error = r.json().error as { code: string; field: string; message: string; messageEn: string };
      expect(error).toMatchObject({ code: 'FIELD_INVALID', field: 'name' });
      expect(error.message).toBe('Giá trị của name không hợp lệ: phải là một chuỗi ký tự');
      expect(error.messageEn).toBe('The value of name is invalid: must be text');
      const kind = await send(ward, 'POST', '/api/v1/units/14830/villages', {
        name: 'Thôn 9',
        kind: 'xom-moi',
      });
      expect(kind.json().error.message).toMatch(
        /^Giá trị của kind không hợp lệ: phải là một trong các giá trị "/,
      );
      expect(kind.json().error.message).not.toMatch(/must|allowed/);
    });

    it('a lone surrogate as a village name is FIELD_INVALID naming the field, twice, nothing written', async () => {
      const before = await count('village');
      for (let i = 0; i < 2; i += 1) {
        const r = await send(
          ward,
          'POST',
          '/api/v1/units/14830/villages',
          '{"name":"\\ud800","kind":"thon"}',
        );
        expect(r.statusCode).toBe(400);
        expect(r.json().error).toMatchObject({ code: 'FIELD_INVALID', field: 'name' });
      }
      // Anywhere in a body: a nested key of a meeting's tasks.
      const nested = await send(
        province,
        'POST',
        '/api/v1/meetings',
        '{"unitCode":"382","tasks":[{"title":"a\\udc00b"}]}',
      );
      expect(nested.json().error).toMatchObject({ code: 'FIELD_INVALID', field: 'tasks[0].title' });
      expect(await count('village')).toBe(before);
      // A well-formed name with an astral character (a surrogate pair) is fine, stored in NFC.
      const ok = await send(ward, 'POST', '/api/v1/units/14830/villages', {
        name: 'Thôn 𠀀 Mới'.normalize('NFD'),
        kind: 'thon',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().name).toBe('Thôn 𠀀 Mới'.normalize('NFC'));
    });

    it('asOf=2024-02-30 is DATE_INVALID naming asOf, on every route that takes it', async () => {
      const id = (
        await send(finance, 'POST', '/api/v1/finance/allocations', allocationInput({ componentCode: 'DA2' }))
      ).json().id as number;
      for (const url of [
        '/api/v1/finance/allocations?unit=382&year=2024&asOf=2024-02-30',
        `/api/v1/finance/allocations/${id}?asOf=2024-02-30`,
        '/api/v1/finance/report?unit=382&year=2024&asOf=2024-02-30',
        '/api/v1/finance/at-risk?unit=382&year=2024&asOf=2024-02-30',
        '/api/v1/tasks/board?unit=382&asOf=2024-02-30',
        '/api/v1/units/14830/villages?on=2024-02-30',
      ]) {
        const r = await send(admin, 'GET', url);
        expect([url, r.statusCode]).toEqual([url, 400]);
        expect(r.json().error).toMatchObject({
          code: 'DATE_INVALID',
          field: url.includes('on=') ? 'on' : 'asOf',
        });
      }
      expect((await send(admin, 'GET', `/api/v1/finance/allocations/${id}?asOf=2024-02-29`)).statusCode).toBe(
        200,
      );
    });

    it('a disbursement dated after today (Vietnam time) is refused, nothing written', async () => {
      const id = (
        await send(
          finance,
          'POST',
          '/api/v1/finance/allocations',
          allocationInput({ componentCode: 'DA6.1' }),
        )
      ).json().id as number;
      const before = await count('disbursement');
      const body = { allocationId: id, amount: 1_000, voucherNo: 'PC-FUT-1', activity: 'x' };
      const future = await send(finance, 'POST', '/api/v1/finance/disbursements', {
        ...body,
        date: '2099-01-01',
      });
      expect(future.statusCode).toBe(400);
      expect(future.json().error).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'date' });
      // The fixed clock is 11/06/2024 16:12 in Vietnam: tomorrow is refused, today is fine.
      const tomorrow = await send(finance, 'POST', '/api/v1/finance/disbursements', {
        ...body,
        date: '2024-06-12',
      });
      expect(tomorrow.json().error.code).toBe('DATE_IN_FUTURE');
      expect(await count('disbursement')).toBe(before);
      const today = await send(finance, 'POST', '/api/v1/finance/disbursements', {
        ...body,
        date: '2024-06-11',
      });
      expect(today.statusCode).toBe(201);
    });

    it('periods outside the declared range are PERIOD_OUT_OF_RANGE, never a made-up campaign', async () => {
      for (const url of [
        '/api/v1/registry/campaigns/16516/99999999999999999999',
        '/api/v1/registry/campaigns/16516/2019',
        '/api/v1/registry/campaigns/16516/2026',
        '/api/v1/finance/allocations?unit=382&year=1999',
        '/api/v1/finance/report?unit=382&year=2999',
        '/api/v1/finance/suggestions?unit=14830&period=3000',
        '/api/v1/registry/summary?unit=382&period=2100',
      ]) {
        const r = await send(admin, 'GET', url);
        expect([url, r.statusCode]).toEqual([url, 400]);
        expect(r.json().error.code).toBe('PERIOD_OUT_OF_RANGE');
      }
      // The range is 2021 … next year of the clock (2024 → 2025).
      expect((await send(admin, 'GET', '/api/v1/registry/campaigns/16516/2025')).statusCode).toBe(200);
      const r = await send(finance, 'POST', '/api/v1/finance/match', {
        year: 1,
        profile: { status: 'poor' },
      });
      expect(r.json().error).toMatchObject({ code: 'PERIOD_OUT_OF_RANGE', field: 'year' });
      expect(r.json().error.message).toBe('year phải là năm từ 2021 đến 2025, nhận được "1".');
    });

    it('the FIELD_TYPE message of a survey says what was expected (no {placeholder})', async () => {
      const survey = { ...ward2024Examples[0]!, householdId: 12 };
      const r = await send(ward, 'POST', '/api/v1/registry/households', { survey });
      expect(r.statusCode).toBe(400);
      const error = r.json().error as { code: string; field: string; message: string; messageEn: string };
      expect(error).toMatchObject({ code: 'FIELD_TYPE', field: 'householdId' });
      expect(error.message).toBe('householdId phải là chuỗi ký tự.');
      expect(error.messageEn).toBe('householdId must be a string.');
    });
  });
}
