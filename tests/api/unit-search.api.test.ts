// Finding administrative units by name typed without accents (GET /api/v1/units/search), on both
// engines: the stored name key, the word-start rule, dates, levels and the scope filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';

interface Match {
  code: string;
  name: string;
  level: string;
  validFrom: string | null;
  validTo: string | null;
  parentName: string | null;
}

for (const dialect of DIALECTS) {
  describe(`unit search by name (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let cookie: string;
    const search = async (query: string) => {
      const r = await app.inject({
        method: 'GET',
        url: `/api/v1/units/search?${query}`,
        headers: { cookie },
      });
      expect(r.statusCode).toBe(200);
      return (r.json() as { items: Match[] }).items;
    };
    beforeAll(async () => {
      deps = await makeDeps(dialect);
      app = await buildApp(deps);
      cookie = (await buildSession(deps, { unitCode: '38', role: 'province-officer' })).cookie;
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('"sam son" finds Thành phố Sầm Sơn (ended 30/06/2025) first, then the wards named after it', async () => {
      const items = await search('q=sam%20son&within=38');
      expect(items[0]).toMatchObject({
        code: '382',
        name: 'Thành phố Sầm Sơn',
        level: 'district',
        validTo: '2025-06-30',
        parentName: 'Tỉnh Thanh Hóa',
      });
      const names = items.map((i) => i.name);
      expect(names).toContain('Phường Sầm Sơn');
      expect(names).toContain('Phường Nam Sầm Sơn');
      expect(names.every((n) => /Sầm Sơn/.test(n))).toBe(true);
    });

    it('"dong hai" finds every Phường/Xã Đông Hải in force on a date, each with its province', async () => {
      const items = await search('q=dong%20hai&on=2025-07-01&level=commune');
      const hp = items.find((i) => i.code === '11411');
      expect(hp).toMatchObject({ name: 'Phường Đông Hải', parentName: 'Thành phố Hải Phòng' });
      expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['11411', '22780', '29536', '31975']));
      expect(items.every((i) => i.validFrom === null || i.validFrom <= '2025-07-01')).toBe(true);
      expect(items.every((i) => i.validTo === null || i.validTo >= '2025-07-01')).toBe(true);
    });

    it('on a date after the reform, the ended city is not offered; accents typed still match', async () => {
      const items = await search(`q=${encodeURIComponent('Sầm Sơn')}&on=2026-01-01&within=38`);
      expect(items.map((i) => i.code)).not.toContain('382');
      expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['16516', '16531']));
    });

    it('a middle of a word does not match; digits search code prefixes', async () => {
      expect(await search('q=am%20son&within=38')).toEqual([]);
      const byCode = await search('q=1651&on=2026-01-01');
      expect(byCode.map((i) => i.code)).toContain('16516');
      expect(byCode.every((i) => i.code.startsWith('1651'))).toBe(true);
    });

    it('a bad date or a missing query is a coded error, not a 500', async () => {
      const bad = await app.inject({
        method: 'GET',
        url: '/api/v1/units/search?q=sam&on=2025-02-30',
        headers: { cookie },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('DATE_INVALID');
      const none = await app.inject({ method: 'GET', url: '/api/v1/units/search', headers: { cookie } });
      expect(none.statusCode).toBe(400);
      expect(typeof none.json().error.code).toBe('string');
    });
  });
}
