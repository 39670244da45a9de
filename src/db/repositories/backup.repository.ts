// Whole-database reads and writes for logical backups. The only place that lists tables and their
// foreign keys; the statements differ per dialect because the catalogues do.
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Kysely, PostgresDialect, SqliteDialect, sql, type PostgresPoolClient } from 'kysely';
import type { Database } from '../schema.js';
import type { Db } from '../database.js';
import type { Executor } from './executor.js';

// household_search_pause: a flag inside a bulk import's or a restore's transaction, empty outside.
const INTERNAL = new Set([
  'schema_migration',
  'schema_migration_lock',
  'sqlite_sequence',
  'household_search_pause',
  // Kept by triggers from the households (migration 2026-12-04T1100): a restore's loaded
  // households count themselves again.
  'household_tally',
  // Set by triggers on the tables of the figures (migration 2026-12-04T1400): a restore's rows stamp it anew.
  'figures_stamp',
]);

/** Product tables, parents before children (foreign keys), so that a restore can insert in order. */
export async function tablesInDependencyOrder(db: Db, ex: Executor): Promise<string[]> {
  let tables: string[];
  const deps = new Map<string, Set<string>>();
  if (db.dialect === 'sqlite') {
    // Ordinary tables only: a full-text index (virtual table) and its shadow tables are derived
    // data, rebuilt from their content table at the end of a restore.
    const rows = await sql<{
      name: string;
    }>`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
      ex,
    );
    tables = rows.rows.map((r) => r.name).filter((t) => !INTERNAL.has(t));
    for (const t of tables) {
      const fks = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_list(${t})`.execute(ex);
      deps.set(t, new Set(fks.rows.map((r) => r.table).filter((p) => p !== t)));
    }
  } else {
    const rows = await sql<{
      name: string;
    }>`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition`.execute(ex);
    // A partitioned table is read and written whole; its partitions are not tables of their own.
    tables = rows.rows.map((r) => r.name).filter((t) => !INTERNAL.has(t));
    const fks = await sql<{ child: string; parent: string }>`
      SELECT tc.table_name AS child, ccu.table_name AS parent
      FROM information_schema.table_constraints tc
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`.execute(ex);
    for (const t of tables) deps.set(t, new Set());
    for (const fk of fks.rows) if (fk.child !== fk.parent) deps.get(fk.child)?.add(fk.parent);
  }
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of deps.get(t) ?? []) if (tables.includes(p)) visit(p);
    ordered.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return ordered;
}

export async function appliedMigrations(ex: Executor): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(ex);
  return r.rows.map((x) => x.name);
}

/** One consistent view of the whole database, as a backup reads it. */
export interface Snapshot {
  tables: string[];
  migrations: string[];
  rowsOf(table: string): Promise<RowSource>;
}

/**
 * Runs `fn` on one consistent snapshot of the whole database without taking the write lock, so a
 * backup of a running server sees every table as of one instant while imports and edits go on.
 * SQLite file: a read transaction on a second, read-only connection (WAL), so the server's own
 * connection is never held; SQLite in memory (tests): a deferred transaction on the one
 * connection; PostgreSQL: a read-only REPEATABLE READ transaction on one leased client, read by COPY.
 */
export async function withSnapshot<T>(db: Db, fn: (s: Snapshot) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres') {
    const client = await db.pool!.connect();
    const lent = {
      query: client.query.bind(client),
      release: () => undefined,
    } as unknown as PostgresPoolClient;
    const kysely = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: { connect: async () => lent, end: async () => undefined } }),
    });
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await fn({
        tables: await tablesInDependencyOrder(db, kysely),
        migrations: await appliedMigrations(kysely),
        rowsOf: (t) => pgTableRows(client, t),
      });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await kysely.destroy();
      client.release();
    }
  }
  const ro = openSqliteSnapshot(db.location);
  if (ro) {
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: ro }) });
    try {
      return await fn({
        tables: await tablesInDependencyOrder(db, kysely),
        migrations: await appliedMigrations(kysely),
        rowsOf: async (t) => sqliteTableRows(ro, t),
      });
    } finally {
      // Destroying the Kysely closes the read-only handle, which ends its read transaction.
      await kysely.destroy();
    }
  }
  return db.kysely.connection().execute(async (conn) => {
    await sql`BEGIN DEFERRED`.execute(conn);
    try {
      const result = await fn({
        tables: await tablesInDependencyOrder(db, conn),
        migrations: await appliedMigrations(conn),
        rowsOf: async (t) => sqliteTableRows(db.sqlite!, t),
      });
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (err) {
      await sql`ROLLBACK`.execute(conn);
      throw err;
    }
  });
}

export async function clearTables(ex: Executor, tablesChildFirst: string[]): Promise<void> {
  for (const t of tablesChildFirst) await sql`DELETE FROM ${sql.table(t)}`.execute(ex);
}

/** After inserting explicit ids on PostgreSQL, move each id sequence past the largest id. */
export async function resetSequences(db: Db, ex: Executor, tables: string[]): Promise<void> {
  if (db.dialect !== 'postgres') return;
  // Only tables whose id is fed by a sequence (a failed statement would abort the transaction).
  const r = await sql<{ t: string; s: string }>`
    SELECT table_name AS t, pg_get_serial_sequence(quote_ident(table_name), 'id') AS s
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'id' AND column_default LIKE 'nextval%'`.execute(
    ex,
  );
  for (const { t, s } of r.rows) {
    if (!tables.includes(t) || !s) continue;
    await sql`SELECT setval(${s}, COALESCE((SELECT MAX(id) FROM ${sql.table(t)}), 0) + 1, false)`.execute(ex);
  }
}

// ── Fast paths (decision 0038) ───────────────────────────────────────────────────────────────────
// The paths above go through Kysely, one object per row; a backup of a province reads and writes
// millions of rows, so the engine's bulk interfaces are used instead: raw row arrays from a
// second, read-only SQLite connection, COPY on PostgreSQL.

/** A table's rows as arrays in `columns` order, handed over in batches. */
export interface RowSource {
  columns: string[];
  batches: AsyncIterable<unknown[][]>;
}

/**
 * One SQLite table read as raw arrays (`SELECT *` order). Synchronous underneath: each batch is read
 * at once, and the caller's awaits between batches let the event loop run.
 */
export function sqliteTableRows(handle: SQLite.Database, table: string, batch = 2000): RowSource {
  const stmt = handle.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).raw(true);
  const columns = stmt.columns().map((c) => c.name);
  async function* batches(): AsyncGenerator<unknown[][]> {
    let rows: unknown[][] = [];
    for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
      rows.push(row);
      if (rows.length >= batch) {
        // The iterator keeps the connection busy: only this generator reads from it meanwhile.
        yield rows;
        rows = [];
      }
    }
    if (rows.length) yield rows;
  }
  return { columns, batches: batches() };
}

/**
 * A read-only second connection to a SQLite file, in a read transaction started at once: the
 * backup's snapshot. The server's own connection keeps reading and writing meanwhile (WAL), and
 * nothing waits for the backup. `undefined` for an in-memory database (no second connection).
 */
export function openSqliteSnapshot(location: string): SQLite.Database | undefined {
  if (location === ':memory:' || location === '') return undefined;
  const ro = new SQLite(location, { readonly: true, fileMustExist: true });
  ro.pragma('busy_timeout = 5000');
  ro.exec('BEGIN');
  // A read fixes the snapshot (a deferred transaction takes it at its first read).
  ro.prepare('SELECT COUNT(*) FROM schema_migration').get();
  return ro;
}

const NUMERIC_PG = new Set(['smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric']);

/** Undoes COPY text format's escapes of one field (`\N` is handled by the caller). */
function unescapeCopy(field: string): string {
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_m, c: string) =>
    c === 't'
      ? '\t'
      : c === 'n'
        ? '\n'
        : c === 'r'
          ? '\r'
          : c === 'b'
            ? '\b'
            : c === 'f'
              ? '\f'
              : c === 'v'
                ? '\v'
                : c,
  );
}

/**
 * One PostgreSQL table read by `COPY (SELECT *) TO STDOUT` on `client` (which holds the snapshot's
 * transaction), each field turned into the value the driver's row path gives: numbers for the
 * numeric types (int8 and numeric are read as numbers, see database.ts), true/false for boolean,
 * text otherwise, null for NULL.
 */
export async function pgTableRows(client: pg.PoolClient, table: string, batch = 2000): Promise<RowSource> {
  const types = await client.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  const columns = types.rows.map((r) => r.column_name);
  const kinds = types.rows.map((r) =>
    NUMERIC_PG.has(r.data_type) ? 'number' : r.data_type === 'boolean' ? 'boolean' : 'text',
  );
  const ident = `"${table.replace(/"/g, '""')}"`;
  const list = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
  const stream = client.query(copyTo(`COPY (SELECT ${list} FROM ${ident}) TO STDOUT`));
  const toRow = (line: string): unknown[] =>
    line.split('\t').map((f, i) => {
      if (f === '\\N') return null;
      const kind = kinds[i];
      if (kind === 'number') return Number(f);
      if (kind === 'boolean') return f === 't';
      return unescapeCopy(f);
    });
  async function* batches(): AsyncGenerator<unknown[][]> {
    let rest = '';
    let rows: unknown[][] = [];
    const decoder = new TextDecoder();
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const parts = (rest + decoder.decode(chunk, { stream: true })).split('\n');
      rest = parts.pop()!;
      for (const line of parts) rows.push(toRow(line));
      if (rows.length >= batch) {
        yield rows;
        rows = [];
      }
    }
    rest += decoder.decode();
    if (rest) rows.push(toRow(rest));
    if (rows.length) yield rows;
  }
  return { columns, batches: batches() };
}

/**
 * Inserts rows of one table on SQLite by one prepared statement on the raw handle. The handle is
 * the Kysely connection's, so the rows join the transaction the caller has open on it.
 */
export function sqliteRowInserter(
  handle: SQLite.Database,
  table: string,
  columns: string[],
): (rows: unknown[][]) => void {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const stmt = handle.prepare(
    `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  return (rows) => {
    for (const row of rows) stmt.run(row);
  };
}

/**
 * SQLite: drops the secondary indexes of the tables (those written as CREATE INDEX; the keys of
 * the tables stay) before a restore loads their rows, and returns the statements that build them
 * again. Building an index once over the loaded rows costs a fraction of keeping it row by row,
 * which is why a database's own restore tools load first and index after. On PostgreSQL nothing is
 * dropped (COPY is its bulk path, and the partitioned indexes belong to their parents).
 */
export async function dropSecondaryIndexes(db: Db, ex: Executor, tables: string[]): Promise<string[]> {
  if (db.dialect !== 'sqlite') return [];
  const r = await sql<{ name: string; tbl_name: string; sql: string }>`
    SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`.execute(ex);
  const rebuild: string[] = [];
  for (const ix of r.rows) {
    if (!tables.includes(ix.tbl_name)) continue;
    await sql`DROP INDEX ${sql.id(ix.name)}`.execute(ex);
    rebuild.push(ix.sql);
  }
  return rebuild;
}

/** Builds again the indexes `dropSecondaryIndexes` dropped (a unique one refuses duplicate rows here). */
export async function buildIndexes(ex: Executor, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(ex);
}
