import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { showUnit, listUnits } from '../../src/services/units.service.js';
import { AppError } from '../../src/errors.js';

for (const dialect of DIALECTS) {
  describe(`administrative units (${dialect})`, () => {
    let deps: TestDeps;
    beforeAll(async () => {
      deps = await makeDeps(dialect);
    });
    afterAll(async () => deps.cleanup());

    it('loads every unit of Vietnam before and after 1 July 2025', async () => {
      const provincesBefore = await listUnits(deps, { date: '2024-06-07' });
      const provincesAfter = await listUnits(deps, { date: '2025-07-01' });
      expect(provincesBefore).toHaveLength(63);
      expect(provincesAfter).toHaveLength(34);
      const communesAfter = await listUnits(deps, { date: '2025-07-01', level: 'commune' });
      expect(communesAfter).toHaveLength(3321);
      const communesBefore = await listUnits(deps, { date: '2025-06-30', level: 'commune' });
      expect(communesBefore).toHaveLength(10035);
      const samSon = await listUnits(deps, { date: '2024-06-07', parentCode: '382' });
      expect(samSon.map((u) => u.name)).toContain('Xã Đại Hùng');
      expect(samSon).toHaveLength(10);
    });

    it('16516 on 2024-06-07 is Xã Đại Hùng, rural, in district 382', async () => {
      const u = await showUnit(deps, '16516', '2024-06-07');
      expect(u).toMatchObject({
        code: '16516',
        name: 'Xã Đại Hùng',
        type: 'Xã',
        area: 'rural',
        level: 'commune',
        parentCode: '382',
        validTo: '2025-06-30',
      });
      expect(u.successors).toEqual([{ code: '16516', name: 'Phường Nam Sầm Sơn', validFrom: '2025-07-01' }]);
    });

    it('16516 on 2025-07-01 is Phường Nam Sầm Sơn with its four predecessors', async () => {
      const u = await showUnit(deps, '16516', '2025-07-01');
      expect(u).toMatchObject({
        name: 'Phường Nam Sầm Sơn',
        area: 'urban',
        parentCode: '38',
        validFrom: '2025-07-01',
        validTo: null,
      });
      expect(u.predecessors.map((p) => p.name).sort()).toEqual(
        ['Phường Quảng Vinh', 'Xã Quảng Giao', 'Xã Quảng Minh', 'Xã Đại Hùng'].sort(),
      );
    });

    it('14830 on 2025-07-01 is UNIT_NOT_FOUND and points to 16531', async () => {
      const err = await showUnit(deps, '14830', '2025-07-01').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      const body = (err as AppError).toJSON();
      expect(body.code).toBe('UNIT_NOT_FOUND');
      expect(body.successors).toEqual([{ code: '16531', name: 'Phường Sầm Sơn', validFrom: '2025-07-01' }]);
      expect(body.message).toContain('14830');
      expect(body.messageEn).toContain('14830');
    });

    it('a partly merged commune lists every successor', async () => {
      const u = await showUnit(deps, '14758', '2024-01-01');
      expect(u.name).toBe('Phường Đông Thọ');
      expect(u.successors.map((s) => s.code).sort()).toEqual(['14758', '14797']);
    });

    it('a malformed date is a coded error naming the field', async () => {
      const err = (await showUnit(deps, '16516', '2024-02-30').catch((e: unknown) => e)) as AppError;
      expect(err.code).toBe('DATE_INVALID');
      expect(err.field).toBe('on');
    });
  });
}
