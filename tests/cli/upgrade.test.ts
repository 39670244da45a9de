// Issue 17: an upgrade takes a backup first, then runs the migrations; a database written by a
// newer version is refused before anything is written (no backup, no migration). The database
// here is an SQLite file one migration behind this version, as an operator's would be after
// installing the new release.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { openDb } from '../../src/db/database.js';
import { migrations } from '../../src/db/migrations/index.js';
import { verifyBackup } from '../../src/services/backup.service.js';
import { runCli } from '../support/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-upgrade-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const names = Object.keys(migrations);

async function databaseOneBehind(file: string): Promise<void> {
  const db = openDb(file);
  const older = Object.fromEntries(names.slice(0, -1).map((n) => [n, migrations[n]!]));
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => older },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  await db.close();
}

const applied = async (file: string) => {
  const db = openDb(file);
  try {
    return (
      await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(db.kysely)
    ).rows.map((r) => r.name);
  } finally {
    await db.close();
  }
};

describe('upgrade: backup first, then migrations', { timeout: 600_000 }, () => {
  it('backs up a database one migration behind, then migrates it; nothing to back up the second time', async () => {
    const file = path.join(dir, 'old.sqlite');
    const backups = path.join(dir, 'backups');
    await databaseOneBehind(file);
    expect(await applied(file)).toEqual(names.slice(0, -1));
    const env = { GIAMNGHEO_BACKUP_DIR: backups };
    const r = await runCli(['migrate', '--db', file], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/sao lưu trước \/ Upgrading the database \(1 migrations\): backing up first/);
    const taken = fs.readdirSync(backups);
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatch(new RegExp(`^before-upgrade-.*-to-${names.at(-1)}\\.jsonl\\.gz$`));
    const v = await verifyBackup(path.join(backups, taken[0]!));
    expect(v.schema).toBe(names.at(-2));
    expect(v.schemaCurrent).toBe(false);
    expect(v.checksums).toBe(true);
    expect(await applied(file)).toEqual(names);

    const again = await runCli(['migrate', '--db', file], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(fs.readdirSync(backups)).toHaveLength(1);
  });

  it('refuses a database of a newer version, with no backup and no change', async () => {
    const file = path.join(dir, 'newer.sqlite');
    const backups = path.join(dir, 'backups-newer');
    await databaseOneBehind(file);
    const db = openDb(file);
    await sql`INSERT INTO schema_migration (name, timestamp) VALUES ('2099-01-01T0000-from-a-newer-version', '2099-01-01T00:00:00.000Z')`.execute(
      db.kysely,
    );
    await db.close();
    const before = await applied(file);
    const r = await runCli(['migrate', '--db', file, '--json'], { env: { GIAMNGHEO_BACKUP_DIR: backups } });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'DATABASE_SCHEMA_MISMATCH' } });
    expect(fs.existsSync(backups)).toBe(false);
    expect(await applied(file)).toEqual(before);
  });

  it('a new, empty database is created without a backup', async () => {
    const backups = path.join(dir, 'backups-fresh');
    const r = await runCli(['migrate', '--db', path.join(dir, 'fresh.sqlite')], {
      env: { GIAMNGHEO_BACKUP_DIR: backups },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(backups)).toBe(false);
  });
});
