// The read scope of the dashboard (src/db/repositories/aggregate-cells.repository.ts): within one
// scope a province's cells are read once and stay as first read; outside a scope every reading is
// fresh, so a write is seen at once by the next report; a scope given its database keeps readings
// between requests only while the province's stamp is unchanged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { backup, restore } from '../../src/services/backup.service.js';
import { householdTallyAndCount } from '../../src/db/repositories/reports.repository.js';
import { ward2024Examples } from '../support/registry.js';
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

    it('keeps a reading between requests while the province stamp stays, and never past a change', async () => {
      deps = await makeDeps(dialect);
      const db = deps.db.kysely;
      const database = {};
      await db
        .insertInto('review_aggregate')
        .values([cell('16000', 'POOR', 3)])
        .execute();
      const first = await householdCellsOfPeriod(readScope(db, database), '38', 2024);
      // A second request on the same database takes the same reading.
      expect(await householdCellsOfPeriod(readScope(db, database), '38', 2024)).toBe(first);
      // Another database (or none given) reads its own.
      expect(await householdCellsOfPeriod(readScope(db, {}), '38', 2024)).not.toBe(first);

      // A change of a cell (an upsert, as every write path makes) is seen by the next request.
      await db.updateTable('review_aggregate').set({ n: 4 }).where('unit_code', '=', '16000').execute();
      const second = await householdCellsOfPeriod(readScope(db, database), '38', 2024);
      expect(second.map((c) => c.n)).toEqual([4]);

      // A write rolled back leaves the stamp as it was: the reading made inside the transaction
      // (under the transaction's own stamp) is never taken for the committed cells.
      await expect(
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('review_aggregate')
            .values([cell('16001', 'NEAR_POOR', 2)])
            .execute();
          const inside = await householdCellsOfPeriod(readScope(trx, database), '38', 2024);
          expect(inside.length).toBe(2);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      const third = await householdCellsOfPeriod(readScope(db, database), '38', 2024);
      expect(third.map((c) => [c.unit_code, c.n])).toEqual([['16000', 4]]);

      // A deletion too, and another province's change leaves this reading in place.
      const stampOf = async (p: string) =>
        (
          await db
            .selectFrom('figures_stamp')
            .select('stamp')
            .where('province_code', '=', p)
            .executeTakeFirst()
        )?.stamp;
      const before = await stampOf('38');
      await db
        .insertInto('review_aggregate')
        .values([{ ...cell('01000', 'POOR', 1), province_code: '01' }])
        .execute();
      expect(await stampOf('38')).toBe(before);
      expect(await householdCellsOfPeriod(readScope(db, database), '38', 2024)).toBe(third);
      await db.deleteFrom('review_aggregate').where('province_code', '=', '38').execute();
      expect(await stampOf('38')).not.toBe(before);
      expect(await householdCellsOfPeriod(readScope(db, database), '38', 2024)).toEqual([]);

      // One statement over many cells changes the stamp of each province it touched, and a cell
      // moved to another province changes both; a statement that touches nothing changes none.
      const [was01, was38] = [await stampOf('01'), await stampOf('38')];
      await db
        .insertInto('review_aggregate')
        .values([cell('16000', 'POOR', 1), cell('16001', 'POOR', 2), cell('16002', 'POOR', 3)])
        .execute();
      expect(await stampOf('01')).toBe(was01);
      const after38 = await stampOf('38');
      expect(after38).not.toBe(was38);
      await db.updateTable('review_aggregate').set({ n: 9 }).where('unit_code', '=', 'none').execute();
      expect([await stampOf('01'), await stampOf('38')]).toEqual([was01, after38]);
      await db
        .updateTable('review_aggregate')
        .set({ province_code: '38' })
        .where('province_code', '=', '01')
        .execute();
      expect(await stampOf('01')).not.toBe(was01);
      expect(await stampOf('38')).not.toBe(after38);
    });

    it('keeps the households per commune version through an import, a move, an erasure and a restore', async () => {
      deps = await makeDeps(dialect);
      const db = deps.db.kysely;
      const report = await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'tally', records: ward2024Examples },
        { status: 'approved' },
      );
      expect(report.imported).toBe(ward2024Examples.length);
      let t = await householdTallyAndCount(db);
      expect([...t.kept.values()].reduce((a, b) => a + b, 0)).toBe(ward2024Examples.length);
      expect(t.kept).toEqual(t.counted);

      // A household moved to another commune version, another erased.
      const [first, second] = await db
        .selectFrom('household')
        .select(['id', 'commune_code'])
        .orderBy('id')
        .limit(2)
        .execute();
      await db.updateTable('household').set({ commune_code: '14833' }).where('id', '=', first!.id).execute();
      await db.deleteFrom('household_member').where('household_id', '=', second!.id).execute();
      await db.deleteFrom('review_result').where('household_id', '=', second!.id).execute();
      await db.deleteFrom('household_change').where('household_id', '=', second!.id).execute();
      await db.deleteFrom('household').where('id', '=', second!.id).execute();
      t = await householdTallyAndCount(db);
      expect(
        t.kept.get(
          '38|14833|' +
            (
              await db
                .selectFrom('household')
                .select('commune_valid_from')
                .where('id', '=', first!.id)
                .executeTakeFirstOrThrow()
            ).commune_valid_from,
        ),
      ).toBe(1);
      expect(t.kept).toEqual(t.counted);

      // A restore loads the households and counts them again (the tally is not in the file).
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gn-tally-')), 'b.jsonl.gz');
      await backup(deps, file);
      await restore(deps, file);
      const after = await householdTallyAndCount(db);
      expect(after.kept).toEqual(t.counted);
    });
  });
}
