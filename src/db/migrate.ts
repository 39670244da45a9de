// Brings a database to the latest schema. Runs at every start. Kysely's migrator refuses a
// database whose applied migrations are not a prefix of the known list (a newer product wrote
// it, or a migration was renamed), which is what we want.
import { Migrator, type MigrationProvider } from 'kysely';
import { AppError } from '../errors.js';
import { migrations } from './migrations/index.js';
import type { Db } from './database.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error instanceof Error && /corrupted migrations/.test(error.message))
    throw new AppError('DATABASE_SCHEMA_MISMATCH', { detail: error.message });
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
