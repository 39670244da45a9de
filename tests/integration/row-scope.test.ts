// The scope as a set (what the bulk household writers check) is the scope as a rule
// (unitWithinScope), for a commune, a post-2025 ward, a pre-2025 district and a province; and an
// officer whose scope covers both communes may still move a household between them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureReferenceData } from '../../src/services/reference-data.service.js';
import { loadConfig } from '../../src/config.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildUser } from '../support/builders.js';
import { communesInScope, unitWithinScope } from '../../src/services/access.js';
import { listUnitsOn } from '../../src/db/repositories/units.repository.js';
import { importSurvey, sourceOf } from '../../src/services/registry/import.service.js';
import { getHousehold, saveHousehold } from '../../src/services/registry/households.service.js';
import { SYSTEM, type Actor, type Deps } from '../../src/services/deps.js';
import { asRaw, buildRecord } from '../support/survey.js';

for (const dialect of DIALECTS) {
  describe(`row scope (${dialect})`, () => {
    let deps: TestDeps;
    beforeAll(async () => {
      deps = await makeDeps(dialect);
    });
    afterAll(async () => {
      await deps.cleanup();
    });

    it('gives the same communes as a set as unitWithinScope gives one by one', async () => {
      const db = deps.db.kysely;
      // The communes of Sầm Sơn before the reform, the wards of Thanh Hóa after it, and a few of Hà Nội.
      const codes = new Set<string>();
      for (const u of await listUnitsOn(db, { date: '2024-06-01', parentCode: '382' })) codes.add(u.code);
      for (const u of await listUnitsOn(db, { date: '2024-06-01', parentCode: '381' })) codes.add(u.code);
      for (const u of await listUnitsOn(db, { date: '2025-07-01', provinceCode: '38', level: 'commune' }))
        if (u.code >= '16500' && u.code <= '16600') codes.add(u.code);
      for (const u of (await listUnitsOn(db, { date: '2024-06-01', parentCode: '001' })).slice(0, 5))
        codes.add(u.code);
      expect(codes.size).toBeGreaterThan(20);
      for (const [role, unitCode] of [
        ['commune-officer', '14830'],
        ['commune-officer', '16531'],
        ['finance-officer', '382'],
        ['province-officer', '38'],
      ] as const) {
        const { user } = await buildUser(deps, { role, unitCode });
        const actor: Actor = { kind: 'user', id: user.id, username: user.username, role, unitCode };
        const set = (await communesInScope(db, actor))!;
        const expected: string[] = [];
        for (const c of codes) if (await unitWithinScope(db, unitCode, c)) expected.push(c);
        expect([...codes].filter((c) => set.has(c)).sort(), unitCode).toEqual(expected.sort());
        expect(set.size, unitCode).toBeGreaterThan(0);
      }
      // The 2025 reform links count both ways: Trung Sơn and the ward it merged into.
      const of = async (role: 'commune-officer', unitCode: string) =>
        (await communesInScope(db, { kind: 'user', id: 0, username: 'x', role, unitCode }))!;
      expect((await of('commune-officer', '14830')).has('16531')).toBe(true);
      expect((await of('commune-officer', '16531')).has('14830')).toBe(true);
      expect((await of('commune-officer', '16516')).has('14830')).toBe(false);
      expect(await communesInScope(db, SYSTEM)).toBeNull();
    });

    it('lets an officer whose scope covers both communes move a household, and no one else', async () => {
      const record = buildRecord({ householdId: 'MOVE-1', unitCode: '14830' });
      const r = await importSurvey(deps, SYSTEM, { format: 'records', name: 'm', records: [asRaw(record)] });
      expect(r.imported).toBe(1);
      const moved = { ...asRaw(record), unitCode: '16516' };
      const { user: w } = await buildUser(deps, { role: 'commune-officer', unitCode: '16516' });
      const ward: Actor = {
        kind: 'user',
        id: w.id,
        username: w.username,
        role: 'commune-officer',
        unitCode: '16516',
      };
      const byWard = await importSurvey(deps, ward, { format: 'records', name: 'm', records: [moved] });
      expect(byWard.errors.map((e) => e.code)).toEqual(['HOUSEHOLD_OUT_OF_SCOPE']);
      expect((await getHousehold(deps, SYSTEM, 'MOVE-1')).communeCode).toBe('14830');

      const { user: p } = await buildUser(deps, { role: 'province-officer', unitCode: '38' });
      const province: Actor = {
        kind: 'user',
        id: p.id,
        username: p.username,
        role: 'province-officer',
        unitCode: '38',
      };
      const saved = await saveHousehold(deps, province, { survey: moved, expectedVersion: 1 });
      expect(saved).toMatchObject({ saved: true, version: 2 });
      expect((await getHousehold(deps, SYSTEM, 'MOVE-1')).communeCode).toBe('16516');
    });
  });
}

// The writer thread of a large SQLite import holds its own copy of the scope (a structured clone):
// it refuses another commune's household the same way.
describe('row scope in the import writer thread (SQLite file)', () => {
  it('refuses a household kept by another commune, row by row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-scope-writer-'));
    const file = path.join(dir, 'db.sqlite');
    const db = openDb(file);
    try {
      await migrateToLatest(db);
      await ensureReferenceData(db);
      const deps: Deps = {
        db,
        config: loadConfig({}, { db: file }),
        now: () => new Date('2024-11-20T03:00:00Z'),
      };
      const kept = buildRecord({ householdId: 'KEPT-1', unitCode: '14830' });
      expect(
        (await importSurvey(deps, SYSTEM, { format: 'records', name: 'k', records: [asRaw(kept)] })).imported,
      ).toBe(1);
      const { user } = await buildUser(deps, { role: 'commune-officer', unitCode: '16516' });
      const ward: Actor = {
        kind: 'user',
        id: user.id,
        username: user.username,
        role: 'commune-officer',
        unitCode: '16516',
      };
      const jsonl = path.join(dir, 'claim.jsonl');
      fs.writeFileSync(
        jsonl,
        [
          { ...asRaw(kept), unitCode: '16516' },
          asRaw(buildRecord({ householdId: 'NEW-1', unitCode: '16516' })),
        ]
          .map((r) => JSON.stringify(r))
          .join('\n'),
      );
      const r = await importSurvey(deps, ward, sourceOf(jsonl), { mode: 'valid-rows', writer: 'worker' });
      expect(r).toMatchObject({ read: 2, imported: 1, rejected: 1 });
      expect(r.errors.map((e) => [e.householdId, e.code])).toEqual([['KEPT-1', 'HOUSEHOLD_OUT_OF_SCOPE']]);
      const h = await getHousehold(deps, SYSTEM, 'KEPT-1');
      expect(h).toMatchObject({ communeCode: '14830', version: 1 });
      expect((await getHousehold(deps, SYSTEM, 'NEW-1')).communeCode).toBe('16516');
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
