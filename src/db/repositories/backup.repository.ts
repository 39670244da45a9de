// Whole-database reads and writes for logical backups. The only place that lists tables and their
// foreign keys; the statements differ per dialect because the catalogues do.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Executor } from './executor.js';

// household_search_pause: a flag inside a bulk import's or a restore's transaction, empty outside.
const INTERNAL = new Set([
  'schema_migration',
  'schema_migration_lock',
  'sqlite_sequence',
  'household_search_pause',
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

/**
 * Runs `fn` on one consistent snapshot of the whole database without taking the write lock, so a
 * backup of a running server sees every table as of one instant while imports and edits go on.
 * SQLite: a deferred transaction on the (one) connection, its snapshot fixed by the first read
 * (WAL); PostgreSQL: a read-only REPEATABLE READ transaction.
 */
export async function readSnapshot<T>(db: Db, fn: (ex: Executor) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres')
    return db.kysely
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(fn);
  return db.kysely.connection().execute(async (conn) => {
    await sql`BEGIN DEFERRED`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (err) {
      await sql`ROLLBACK`.execute(conn);
      throw err;
    }
  });
}

const ROWID = '__giamngheo_rowid';

/**
 * Reads a whole table in pages of `pageSize` rows, each page found by an index seek rather than an
 * OFFSET (which rereads every skipped row: quadratic on a province's millions of members). SQLite
 * pages by rowid; PostgreSQL reads through a cursor inside the snapshot's transaction.
 */
export async function* readTable(
  ex: Executor,
  dialect: 'sqlite' | 'postgres',
  table: string,
  pageSize = 5000,
): AsyncGenerator<Record<string, unknown>[]> {
  if (dialect === 'postgres') {
    const cursor = sql.id(`backup_${table}`);
    await sql`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT * FROM ${sql.table(table)}`.execute(ex);
    try {
      for (;;) {
        const r = await sql<
          Record<string, unknown>
        >`FETCH ${sql.raw(String(pageSize))} FROM ${cursor}`.execute(ex);
        if (r.rows.length === 0) return;
        yield r.rows;
        if (r.rows.length < pageSize) return;
      }
    } finally {
      await sql`CLOSE ${cursor}`.execute(ex);
    }
  }
  for (let after = -Infinity; ;) {
    const r = await sql<Record<string, unknown>>`SELECT rowid AS ${sql.id(ROWID)}, * FROM ${sql.table(
      table,
    )} WHERE rowid > ${after === -Infinity ? Number.MIN_SAFE_INTEGER : after} ORDER BY rowid LIMIT ${pageSize}`.execute(
      ex,
    );
    if (r.rows.length === 0) return;
    after = Number(r.rows.at(-1)![ROWID]);
    for (const row of r.rows) delete row[ROWID];
    yield r.rows;
    if (r.rows.length < pageSize) return;
  }
}

export async function clearTables(ex: Executor, tablesChildFirst: string[]): Promise<void> {
  for (const t of tablesChildFirst) await sql`DELETE FROM ${sql.table(t)}`.execute(ex);
}

export async function insertRows(
  ex: Executor,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((row) => sql`(${sql.join(row.map((v) => sql`${v}`))})`);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(values)}`.execute(
    ex,
  );
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
