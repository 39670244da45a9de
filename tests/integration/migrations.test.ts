// Upgrades: a database created by an earlier version must reach the latest schema by running only
// the migrations it lacks. Kysely's migrator runs migrations in name order and refuses a database
// whose applied migrations are not a prefix of the list, so every new migration must be named
// after the last one that shipped.
import { describe, expect, it } from 'vitest';
import { Migrator, type Kysely, type Migration } from 'kysely';
import { openDb, type Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { DIALECTS, emptyPostgresDb } from '../support/db.js';

/** The migrations of the first release (26/11/2026), frozen. */
const FIRST_RELEASE = [
  '2026-11-26T0001-foundation',
  '2026-11-26T0100-standards',
  '2026-11-26T0200-registry',
  '2026-11-26T0300-finance',
  '2026-11-26T0400-portal',
];

async function emptyDb(dialect: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = openDb(':memory:');
    return { db, drop: () => db.close() };
  }
  return emptyPostgresDb();
}

describe('migration list', () => {
  it('is in name order and starts with the first release unchanged', () => {
    const names = Object.keys(migrations);
    expect([...names].sort()).toEqual(names);
    expect(names.slice(0, FIRST_RELEASE.length)).toEqual(FIRST_RELEASE);
  });
});

for (const dialect of DIALECTS) {
  describe(`upgrading a database (${dialect})`, () => {
    it('a database at the first release reaches the latest schema, running only what it lacks', async () => {
      const { db, drop } = await emptyDb(dialect);
      try {
        const old: Record<string, Migration> = Object.fromEntries(
          FIRST_RELEASE.map((n) => [n, migrations[n]!]),
        );
        const first = await new Migrator({
          db: db.kysely,
          provider: { getMigrations: async () => old },
          migrationTableName: 'schema_migration',
          migrationLockTableName: 'schema_migration_lock',
        }).migrateToLatest();
        expect(first.error).toBeUndefined();
        const ran = await migrateToLatest(db);
        expect(ran).toEqual(Object.keys(migrations).slice(FIRST_RELEASE.length));
        const applied = await db.kysely
          .selectFrom('schema_migration' as never)
          .select('name' as never)
          .orderBy('name' as never)
          .execute();
        expect(applied.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations));
      } finally {
        await drop();
      }
    });

    it('writes the seeded English beneficiaries without the code-like "recently-exited", keeping an edited text', async () => {
      const { db, drop } = await emptyDb(dialect);
      try {
        const upTo = (last: string) =>
          Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= last));
        await new Migrator({
          db: db.kysely,
          provider: { getMigrations: async () => upTo('2026-12-03T0200-official-reports') },
          migrationTableName: 'schema_migration',
          migrationLockTableName: 'schema_migration_lock',
        }).migrateToLatest();
        // Tables as the migrations leave them (the schema types are those of the latest release).
        const k = db.kysely as unknown as Kysely<{
          program_component: { code: string; beneficiaries_en: string };
        }>;
        const texts = async () =>
          await k.selectFrom('program_component').select(['code', 'beneficiaries_en']).execute();
        const before = await texts();
        expect(before.filter((r) => r.beneficiaries_en.includes('recently-exited')).length).toBeGreaterThan(
          3,
        );
        // An officer's own wording of one project (through the programs service) is theirs.
        const edited = before.find((r) => r.beneficiaries_en.includes('recently-exited'))!;
        const own = 'Recently-exited households of the commune (as the province wrote it)';
        await k
          .updateTable('program_component')
          .set({ beneficiaries_en: own })
          .where('code', '=', edited.code)
          .execute();
        await migrateToLatest(db);
        const after = await texts();
        expect(after.find((r) => r.code === edited.code)!.beneficiaries_en).toBe(own);
        expect(
          after.filter((r) => r.code !== edited.code && r.beneficiaries_en.includes('recently-exited')),
        ).toEqual([]);
        expect(after.filter((r) => r.beneficiaries_en.includes('recently exited households')).length).toBe(
          before.filter((r) => r.beneficiaries_en.includes('recently-exited')).length - 1,
        );
      } finally {
        await drop();
      }
    });

    it('refuses, with a coded error, a database written by a newer version', async () => {
      const { db, drop } = await emptyDb(dialect);
      try {
        await migrateToLatest(db);
        await db.kysely
          .insertInto('schema_migration' as never)
          .values({ name: '2026-11-26T0000-from-the-future', timestamp: new Date().toISOString() } as never)
          .execute();
        await expect(migrateToLatest(db)).rejects.toMatchObject({ code: 'DATABASE_SCHEMA_MISMATCH' });
      } finally {
        await drop();
      }
    });
  });
}
