// One suite, every database: integration tests loop over DIALECTS. SQLite runs in memory and is
// always there; PostgreSQL joins when GIAMNGHEO_TEST_PG names a server (each test database is
// created fresh and dropped afterwards).
import crypto from 'node:crypto';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { openDb, type Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureReferenceData } from '../../src/services/reference-data.service.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/schema.js';
import type { Deps } from '../../src/services/deps.js';

export type TestDialect = 'sqlite' | 'postgres';
export const DIALECTS: TestDialect[] = [
  'sqlite',
  ...(process.env.GIAMNGHEO_TEST_PG ? (['postgres'] as const) : []),
];

/** A fixed instant for tests: 11/06/2024 09:12:04 UTC (16:12:04 in Vietnam). */
export const FIXED_NOW = new Date('2024-06-11T09:12:04.000Z');

let sqliteTemplate: Buffer | undefined;

async function sqliteDb(): Promise<Db> {
  if (!sqliteTemplate) {
    const db = openDb(':memory:');
    await migrateToLatest(db);
    await ensureReferenceData(db);
    sqliteTemplate = db.sqlite!.serialize();
    await db.close();
  }
  const handle = new SQLite(sqliteTemplate);
  handle.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    kysely,
    dialect: 'sqlite',
    sqlite: handle,
    pool: undefined,
    location: ':memory:',
    close: () => kysely.destroy(),
  };
}

/** A fresh, empty PostgreSQL database on the test server (no migration run), and how to drop it. */
export async function emptyPostgresDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const base = process.env.GIAMNGHEO_TEST_PG!;
  const name = `gn_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = openDb(url.toString());
  return {
    db,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function postgresDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const fresh = await emptyPostgresDb();
  await migrateToLatest(fresh.db);
  await ensureReferenceData(fresh.db);
  return fresh;
}

export interface TestDeps extends Deps {
  /** Moves the test clock. */
  setNow(d: Date): void;
  cleanup(): Promise<void>;
}

/** A migrated database with the reference units, a fixed clock and the default configuration. */
export async function makeDeps(dialect: TestDialect, now: Date = FIXED_NOW): Promise<TestDeps> {
  let current = now;
  const config = loadConfig({}, { db: dialect === 'sqlite' ? ':memory:' : 'postgres://test' });
  if (dialect === 'sqlite') {
    const db = await sqliteDb();
    return { db, config, now: () => current, setNow: (d) => (current = d), cleanup: () => db.close() };
  }
  const { db, drop } = await postgresDb();
  return { db, config, now: () => current, setNow: (d) => (current = d), cleanup: drop };
}
