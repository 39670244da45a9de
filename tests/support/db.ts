// One suite, every database: integration tests loop over DIALECTS. SQLite runs in memory and is
// always there; PostgreSQL joins when GIAMNGHEO_TEST_PG names a server (each test database is
// created fresh and dropped afterwards).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * The files whose content decides what a migrated database holds: the migrations, the code that
 * loads the reference units, and the units themselves. Their hash names the template database,
 * so a change to any of them builds a new template instead of reusing a stale one.
 */
function templateName(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.join(root, 'src/db'));
  walk(path.join(root, 'datasets/units'));
  files.push(path.join(root, 'src/services/reference-data.service.ts'));
  files.push(path.join(root, 'src/domain/units/dataset.ts'));
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f));
  return `gn_tpl_${h.digest('hex').slice(0, 16)}`;
}

let template: Promise<string> | undefined;

/**
 * A migrated database with the reference units, built once per server and content (see
 * templateName) and copied by CREATE DATABASE … TEMPLATE for each test: a copy takes a fraction
 * of running every migration and loading 14,000 units again. Test processes running side by side
 * take an advisory lock, so one builds the template and the others wait for it.
 */
async function postgresTemplate(): Promise<string> {
  const name = templateName();
  const base = process.env.GIAMNGHEO_TEST_PG!;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const have = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (have.rowCount === 0) {
      const building = `${name}_build_${crypto.randomBytes(3).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${building}`);
      const url = new URL(base);
      url.pathname = `/${building}`;
      const db = openDb(url.toString());
      try {
        await migrateToLatest(db);
        await ensureReferenceData(db);
      } finally {
        await db.close();
      }
      // Only a complete template gets the name tests look for.
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
    await admin.end();
  }
  return name;
}

async function postgresDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  template ??= postgresTemplate();
  const from = await template;
  const base = process.env.GIAMNGHEO_TEST_PG!;
  const name = `gn_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${from}`);
  } finally {
    await admin.end();
  }
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

/** A fresh, migrated PostgreSQL database with the reference units (a copy of the template). */
export const migratedPostgresDb = postgresDb;

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
