// Opens the product database: embedded SQLite (better-sqlite3, WAL) by default, PostgreSQL when
// the location is a postgres:// URL. Everything above this file sees one Kysely<Database> and a
// `dialect` tag for the few places (bulk loads, upserts) where the two engines differ.
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { AppError } from '../errors.js';
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
  // No busy handler on this connection: SQLite's waits block the thread (the server's only one).
  // Waiting for another connection's write (an import's worker) is done by BusyWaitDriver instead.
  handle.pragma('busy_timeout = 0');
  const kysely = new Kysely<Database>({ dialect: new BusyWaitSqliteDialect(handle) });
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

/**
 * How long a statement waits for another connection's write transaction (an import running in a
 * worker thread, decision 0016) before it fails with DATABASE_BUSY.
 */
export const SQLITE_WRITE_WAIT_MS = 120_000;

const writeWait = new AsyncLocalStorage<number>();

/**
 * Runs `fn` with its SQLite statements waiting at most `ms` for another connection's write (0:
 * not at all) instead of SQLITE_WRITE_WAIT_MS, then failing with DATABASE_BUSY. For writes that
 * may be skipped, such as renewing a session while an import commits. No effect on PostgreSQL.
 */
export function withWriteWait<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return writeWait.run(ms, fn);
}

const isBusy = (err: unknown) =>
  typeof (err as { code?: unknown }).code === 'string' &&
  (err as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * SQLite through Kysely, waiting for a busy database without blocking the event loop
 * (docs/decisions/0016): the connection has no busy handler, so a write while another connection
 * holds the write lock fails at once with SQLITE_BUSY; it is retried after a pause during which
 * the connection is released to the other queries of this process (reads go on: WAL). Only a
 * statement outside a transaction is retried, and every transaction starts with BEGIN IMMEDIATE,
 * so a transaction never meets a busy database half-way (where a retry could not help).
 */
class BusyWaitSqliteDialect extends SqliteDialect {
  constructor(private readonly handle: SQLite.Database) {
    super({ database: handle });
  }

  override createDriver(): Driver {
    return new BusyWaitDriver(super.createDriver(), this.handle);
  }
}

class BusyWaitDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly handle: SQLite.Database,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new BusyWaitConnection(await this.inner.acquireConnection(), this.inner, this.handle);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  savepoint: Driver['savepoint'] = (connection, name, compile) =>
    this.inner.savepoint!(connection, name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) =>
    this.inner.rollbackToSavepoint!(connection, name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) =>
    this.inner.releaseSavepoint!(connection, name, compile);

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as BusyWaitConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

class BusyWaitConnection implements DatabaseConnection {
  constructor(
    public inner: DatabaseConnection,
    private readonly driver: Driver,
    private readonly handle: SQLite.Database,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now();
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (err) {
        if (!isBusy(err) || this.handle.inTransaction) throw err;
        if (Date.now() - started >= (writeWait.getStore() ?? SQLITE_WRITE_WAIT_MS))
          throw new AppError('DATABASE_BUSY');
      }
      // Let the other queries of this process use the connection meanwhile.
      await this.driver.releaseConnection(this.inner);
      await new Promise((r) => setTimeout(r, pause));
      this.inner = await this.driver.acquireConnection();
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
