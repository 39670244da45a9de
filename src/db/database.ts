// Opens the product database: embedded SQLite (better-sqlite3, WAL) by default, PostgreSQL when
// the location is a postgres:// URL. Everything above this file sees one Kysely<Database> and a
// `dialect` tag for the few places (bulk loads, upserts) where the two engines differ.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  /** The raw better-sqlite3 handle (bulk loads), only on SQLite. */
  readonly sqlite: SQLite.Database | undefined;
  /** The pg pool (COPY), only on PostgreSQL. */
  readonly pool: pg.Pool | undefined;
  readonly location: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (COUNT, SUM, bigint money) and numeric as strings. Our amounts stay far
// below 2^53 đồng, so reading them as numbers is exact.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export function openDb(location: string): Db {
  if (isPostgresUrl(location)) {
    const pool = new pg.Pool({ connectionString: location, max: 10 });
    // An idle client whose connection the server ended (a restart, an administrator's command) is
    // dropped by the pool and replaced on the next query. Without a listener, Node would treat
    // the event as an unhandled error and stop the whole process.
    pool.on('error', () => undefined);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      dialect: 'postgres',
      sqlite: undefined,
      pool,
      location,
      close: () => kysely.destroy(),
    };
  }
  if (location !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
  const handle = new SQLite(location);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    kysely,
    dialect: 'sqlite',
    sqlite: handle,
    pool: undefined,
    location,
    close: () => kysely.destroy(),
  };
}

/** Case- and accent-insensitive text search helper is dialect-specific; keep such fragments here. */
export function nowSql() {
  return sql<string>`CURRENT_TIMESTAMP`;
}
