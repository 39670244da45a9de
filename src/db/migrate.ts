// Brings a database to the latest schema. Runs at every start. Kysely's migrator refuses a
// database whose applied migrations are not a prefix of the known list (a newer product wrote
// it, or a migration was renamed), which is what we want.
import { Migrator, sql, type MigrationProvider } from 'kysely';
import { AppError } from '../errors.js';
import { migrations } from './migrations/index.js';
import type { Db } from './database.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

const migratorOf = (db: Db) =>
  new Migrator({
    db: db.kysely,
    provider,
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });

/**
 * Where the database stands against this version's migrations: `applied` (all recorded), `pending`
 * (known, not applied) and `unknown` (recorded but not known: a newer version wrote it).
 */
export async function migrationStatus(
  db: Db,
): Promise<{ applied: string[]; pending: string[]; unknown: string[] }> {
  const known = Object.keys(migrations);
  let applied: string[];
  try {
    const rows = await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(db.kysely);
    applied = rows.rows.map((r) => r.name).sort();
  } catch (err) {
    // A new, empty database has no migration table yet; anything else (unreachable) is an error.
    if (!/schema_migration/.test(String((err as Error).message))) throw err;
    applied = [];
  }
  return {
    applied,
    pending: known.filter((m) => !applied.includes(m)),
    unknown: applied.filter((m) => !known.includes(m)),
  };
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = migratorOf(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error instanceof Error && /corrupted migrations/.test(error.message))
    throw new AppError('DATABASE_SCHEMA_MISMATCH', { detail: error.message });
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
