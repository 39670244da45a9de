// PostgreSQL: the registry's large tables are partitioned by province_code (migration
// 2026-12-03T1100-province-partitions). A database holding households before the migration keeps
// every row, each in its province's partition; ids go on from where they were; the product reads
// and writes as before; a query naming its province reads that partition only.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Migrator, sql, type Migration } from 'kysely';
import { CONTRACTS } from '../support/cli.js';
import { emptyPostgresDb } from '../support/db.js';
import { migrations } from '../../src/db/migrations/index.js';
import { ensureReferenceData } from '../../src/services/reference-data.service.js';
import { loadConfig } from '../../src/config.js';
import { SYSTEM, type Deps } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { listHouseholds } from '../../src/services/registry/households.service.js';

const PARTITIONED = ['household', 'household_member', 'household_change', 'review_result'];
const MIGRATION = '2026-12-03T1100-province-partitions';

const ex01 = JSON.parse(fs.readFileSync(path.join(CONTRACTS, 'examples.jsonl'), 'utf8').split('\n')[0]!) as {
  members: Record<string, unknown>[];
} & Record<string, unknown>;
const record = (key: string, unitCode: string, head: string) => ({
  ...ex01,
  householdId: key,
  unitCode,
  members: [{ ...ex01.members[0], name: head }, ...ex01.members.slice(1)],
});

describe.skipIf(!process.env.GIAMNGHEO_TEST_PG)('province partitions (postgres)', () => {
  it('carries a registry over: every row kept, in its province partition, ids continued', async () => {
    const { db, drop } = await emptyPostgresDb();
    try {
      // Every migration but this one first, so that the product's import writes the registry as
      // it is today; then this one, as the last (Kysely runs it out of order on request).
      const migrator = (set: Record<string, Migration>) =>
        new Migrator({
          db: db.kysely,
          provider: { getMigrations: async () => set },
          migrationTableName: 'schema_migration',
          migrationLockTableName: 'schema_migration_lock',
          allowUnorderedMigrations: true,
        });
      const before: Record<string, Migration> = Object.fromEntries(
        Object.entries(migrations).filter(([n]) => n !== MIGRATION),
      );
      const first = await migrator(before).migrateToLatest();
      expect(first.error).toBeUndefined();
      await ensureReferenceData(db);
      const deps: Deps = {
        db,
        config: loadConfig({}, { db: 'postgres://test' }),
        now: () => new Date('2024-06-11T09:12:04.000Z'),
      };
      // Thanh Hóa (Trung Sơn, 14830) and Hà Nội (Phúc Xá, 00001).
      const r = await importSurvey(deps, SYSTEM, {
        format: 'records',
        name: 'before',
        records: [
          record('P-01', '14830', 'Lê Văn Hùng'),
          record('P-02', '14830', 'Trần Thị Mai'),
          record('P-03', '00001', 'Nguyễn Văn An'),
        ],
      });
      expect(r.imported).toBe(3);
      // A table of a later feature that points at a household by id (with its province).
      await sql`CREATE TABLE household_note (id bigserial PRIMARY KEY, province_code text NOT NULL,
        household_id bigint REFERENCES household (id) ON DELETE SET NULL)`.execute(db.kysely);
      await sql`INSERT INTO household_note (province_code, household_id)
        SELECT province_code, id FROM household WHERE household_key = 'P-01'`.execute(db.kysely);
      const count = async (table: string) =>
        Number(
          (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db.kysely))
            .rows[0]!.n,
        );
      const counts = Object.fromEntries(await Promise.all(PARTITIONED.map(async (t) => [t, await count(t)])));
      const maxId = Number(
        (await sql<{ m: string }>`SELECT max(id) AS m FROM household`.execute(db.kysely)).rows[0]!.m,
      );

      const last = await migrator(migrations).migrateToLatest();
      expect(last.error).toBeUndefined();
      expect(last.results?.map((r) => r.migrationName)).toEqual([MIGRATION]);

      for (const t of PARTITIONED) {
        const kind = await sql<{
          relkind: string;
        }>`SELECT relkind FROM pg_class WHERE relname = ${t}`.execute(db.kysely);
        expect(kind.rows[0]!.relkind, t).toBe('p');
        expect(await count(t), t).toBe(counts[t]);
        const pk = await sql<{ def: string }>`
          SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE contype = 'p' AND conrelid = ${t}::regclass`.execute(db.kysely);
        expect(pk.rows[0]!.def, t).toBe('PRIMARY KEY (province_code, id)');
      }
      // Each row in its province's partition.
      const only = async (table: string) =>
        Number(
          (await sql<{ n: string }>`SELECT count(*) AS n FROM ONLY ${sql.table(table)}`.execute(db.kysely))
            .rows[0]!.n,
        );
      expect(await only('household_p38')).toBe(2);
      expect(await only('household_p01')).toBe(1);
      expect(await only('household_pother')).toBe(0);
      expect(await only('household_member_p38')).toBe(2 * ex01.members.length);

      // The product writes and reads as before; new ids continue after the old ones.
      const again = await importSurvey(deps, SYSTEM, {
        format: 'records',
        name: 'after',
        records: [record('P-04', '14830', 'Lê Văn Hùng Cường')],
      });
      expect(again.imported).toBe(1);
      const newId = Number(
        (await sql<{ id: string }>`SELECT id FROM household WHERE household_key = 'P-04'`.execute(db.kysely))
          .rows[0]!.id,
      );
      expect(newId).toBeGreaterThan(maxId);
      const found = await listHouseholds(deps, SYSTEM, { unitCode: '38', period: 2024, q: 'le van hung' });
      expect(found.items.map((h) => h.householdId).sort()).toEqual(['P-01', 'P-04']);

      const fk = await sql<{ def: string }>`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'f' AND conrelid = 'household_note'::regclass AND conparentid = 0`.execute(db.kysely);
      expect(fk.rows.map((r) => r.def)).toEqual([
        'FOREIGN KEY (province_code, household_id) REFERENCES household(province_code, id) ON DELETE SET NULL (household_id)',
      ]);
      await sql`DELETE FROM household WHERE household_key = 'P-01'`.execute(db.kysely);
      const note = await sql<{ household_id: string | null; province_code: string }>`
        SELECT household_id, province_code FROM household_note`.execute(db.kysely);
      expect(note.rows).toEqual([{ household_id: null, province_code: '38' }]);

      // A household of a province merged away in 2025 (Hà Nam, 35) goes to the DEFAULT partition.
      await sql`
        INSERT INTO household (province_code, household_key, commune_code, commune_valid_from, village_id, head_name,
          head_birth_date, address, head_key, search_key, member_count, version, created_at, updated_at)
        SELECT '35', household_key, commune_code, commune_valid_from, NULL, head_name, head_birth_date, address,
          head_key, search_key, member_count, 1, created_at, updated_at FROM household WHERE household_key = 'P-03'`.execute(
        db.kysely,
      );
      expect(await only('household_pother')).toBe(1);

      // A query naming its province reads that partition only.
      const plan = await sql<{
        'QUERY PLAN': string;
      }>`EXPLAIN SELECT id FROM household WHERE province_code = '38' AND head_key = 'le van hung'`.execute(
        db.kysely,
      );
      const text = plan.rows.map((p) => p['QUERY PLAN']).join('\n');
      expect(text).toContain('household_p38');
      expect(text).not.toContain('household_p01');
    } finally {
      await drop();
    }
  });
});
