// The read scope of the dashboard (src/db/repositories/aggregate-cells.repository.ts): within one
// scope a province's cells are read once and stay as first read; outside a scope every reading is
// fresh, so a write is seen at once by the next report.
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { householdCellsOfPeriod, readScope } from '../../src/db/repositories/aggregate-cells.repository.js';

const cell = (unit: string, classification: string, n: number) => ({
  province_code: '38',
  period: 2024,
  unit_code: unit,
  unit_valid_from: '2025-07-01',
  status: 'approved',
  classification,
  indicator: '',
  n,
});

for (const dialect of DIALECTS) {
  describe(`the aggregate cells read scope (${dialect})`, () => {
    let deps: TestDeps;
    afterEach(async () => deps?.cleanup());

    it('reads once within a scope and afresh outside it', async () => {
      deps = await makeDeps(dialect);
      const db = deps.db.kysely;
      await db
        .insertInto('review_aggregate')
        .values([cell('16000', 'POOR', 3)])
        .execute();
      const scoped = readScope(db);
      const first = await householdCellsOfPeriod(scoped, '38', 2024);
      expect(first.map((c) => [c.unit_code, c.classification, c.n])).toEqual([['16000', 'POOR', 3]]);

      await db
        .insertInto('review_aggregate')
        .values([cell('16001', 'NEAR_POOR', 2)])
        .execute();
      // The scope keeps its first reading (one request sees one state of the cells)…
      expect(await householdCellsOfPeriod(scoped, '38', 2024)).toBe(first);
      // …while any other executor, and a new scope, read the write at once.
      const fresh = await householdCellsOfPeriod(db, '38', 2024);
      expect(fresh.map((c) => [c.unit_code, c.classification, c.n]).sort()).toEqual([
        ['16000', 'POOR', 3],
        ['16001', 'NEAR_POOR', 2],
      ]);
      expect((await householdCellsOfPeriod(readScope(db), '38', 2024)).length).toBe(2);
      // Periods and provinces are remembered apart.
      expect(await householdCellsOfPeriod(scoped, '38', 2023)).toEqual([]);
    });
  });
}
