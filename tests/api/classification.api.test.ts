// HTTP adapter of the engine: classify one record with explanations (any signed-in user), read
// the standards, register a local standard (province officer of that province only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { asRaw, buildRecord } from '../support/survey.js';

const localStandard = (overrides: Record<string, unknown> = {}) => ({
  code: 'TH38_2027',
  provinceCode: '38',
  baseCode: 'ND351_2025',
  name: { vi: 'Chuẩn nghèo tỉnh Thanh Hóa 2027–2030', en: 'Thanh Hóa poverty standard 2027–2030' },
  legalBasis: { vi: 'Nghị quyết HĐND tỉnh (thử nghiệm)', en: 'Provincial council resolution (test)' },
  validFrom: '2027-01-01',
  validTo: '2030-12-31',
  incomeLines: { rural: 2_400_000, urban: 3_000_000 },
  ...overrides,
});

for (const dialect of DIALECTS) {
  describe(`classification API (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    beforeAll(async () => {
      deps = await makeDeps(dialect);
      app = await buildApp(deps);
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('POST /api/v1/classify answers the contract result with explanations', async () => {
      const s = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const record = asRaw(buildRecord({ internetUse: false, waterSource: 'surface', latrine: 'bucket' }));
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/classify',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: record,
      });
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body).toMatchObject({
        householdId: 'HH-TEST',
        standard: 'ND07_2021',
        provisional: false,
        unitCode: '14830',
        unitName: 'Phường Trung Sơn',
        area: 'urban',
        incomeLine: 2_000_000,
        classification: 'POOR',
        deprivations: ['waterSource', 'latrine', 'telecom'],
        deprivationCount: 3,
      });
      expect(body.explanations.indicators).toHaveLength(12);
      expect(body.explanations.indicators[8]).toMatchObject({
        indicator: 'waterSource',
        deprived: true,
        value: 'surface',
      });
      expect(body.explanations.income.vi).toContain('2.000.000 ₫');
    });

    it('a record that cannot be classified gets its coded errors, and anonymous callers get 401', async () => {
      const s = await buildSession(deps, { role: 'supervisor', unitCode: '38' });
      const bad = asRaw(buildRecord({ surveyDate: '2021-06-01' }));
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/classify',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: bad,
      });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({
        householdId: 'HH-TEST',
        error: { code: 'STANDARD_NOT_IN_FORCE', field: 'surveyDate' },
      });
      const invalid = asRaw(buildRecord());
      (invalid.housing as Record<string, unknown>).floorAreaM2 = 0;
      const r2 = await app.inject({
        method: 'POST',
        url: '/api/v1/classify',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: invalid,
      });
      expect(r2.statusCode).toBe(400);
      expect(r2.json().error).toMatchObject({ code: 'FIELD_INVALID', field: 'housing.floorAreaM2' });
      expect(r2.json().error.messageEn).toContain('greater than 0');
      const anon = await app.inject({
        method: 'POST',
        url: '/api/v1/classify',
        payload: asRaw(buildRecord()),
      });
      expect(anon.statusCode).toBe(401);
    });

    it('GET /api/v1/standards lists the seeded national standards; GET one by code', async () => {
      const s = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/standards',
        headers: { cookie: s.cookie },
      });
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { code: string; provisional: boolean }[];
      expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['ND07_2021', 'ND351_2025']));
      const one = await app.inject({
        method: 'GET',
        url: '/api/v1/standards/ND351_2025',
        headers: { cookie: s.cookie },
      });
      expect(one.json()).toMatchObject({
        code: 'ND351_2025',
        provisional: true,
        incomeLines: { rural: 2_200_000, urban: 2_800_000 },
      });
      expect(one.json().indicators.length).toBe(11);
      const none = await app.inject({
        method: 'GET',
        url: '/api/v1/standards/XX',
        headers: { cookie: s.cookie },
      });
      expect(none.json().error.code).toBe('STANDARD_UNKNOWN');
    });

    it('POST /api/v1/standards: province officer of the province only, every problem listed, then used', async () => {
      const commune = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const denied = await app.inject({
        method: 'POST',
        url: '/api/v1/standards',
        headers: { cookie: commune.cookie, 'x-csrf-token': commune.csrf },
        payload: localStandard(),
      });
      expect(denied.statusCode).toBe(403);
      const other = await buildSession(deps, { role: 'province-officer', unitCode: '01' });
      const outOfScope = await app.inject({
        method: 'POST',
        url: '/api/v1/standards',
        headers: { cookie: other.cookie, 'x-csrf-token': other.csrf },
        payload: localStandard(),
      });
      expect(outOfScope.statusCode).toBe(403);
      expect(outOfScope.json().error.code).toBe('FORBIDDEN_SCOPE');

      const officer = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
      const headers = { cookie: officer.cookie, 'x-csrf-token': officer.csrf };
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/standards',
        headers,
        payload: localStandard({
          incomeLines: { rural: 2_000_000, urban: 3_000_000 },
          validTo: '2031-12-31',
        }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('STANDARD_INVALID');
      expect(bad.json().error.problems.map((p: { path: string }) => p.path)).toEqual([
        'validTo',
        'incomeLines.rural',
      ]);

      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/standards',
        headers,
        payload: localStandard(),
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({
        code: 'TH38_2027',
        scope: 'local',
        provinceCode: '38',
        provisional: true,
        version: 1,
      });
      const row = await deps.db.kysely
        .selectFrom('poverty_standard')
        .selectAll()
        .where('code', '=', 'TH38_2027')
        .executeTakeFirstOrThrow();
      expect(row.created_by).toBe(officer.user.username);

      // A 2027 household of Phường Sầm Sơn (Thanh Hóa) is now classified under the local standard.
      const rec = asRaw(
        buildRecord({ unitCode: '16531', surveyDate: '2027-05-05', incomePerCapitaMonthly: 2_900_000 }),
      );
      const c = await app.inject({ method: 'POST', url: '/api/v1/classify', headers, payload: rec });
      expect(c.json()).toMatchObject({
        standard: 'TH38_2027',
        incomeLine: 3_000_000,
        classification: 'NEAR_POOR',
        provisional: true,
      });

      const dup = await app.inject({
        method: 'POST',
        url: '/api/v1/standards',
        headers,
        payload: localStandard(),
      });
      expect(dup.statusCode).toBe(409);
    });

    it('the OpenAPI document describes the routes', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/classify', '/api/v1/standards', '/api/v1/standards/{code}']),
      );
    });
  });
}
