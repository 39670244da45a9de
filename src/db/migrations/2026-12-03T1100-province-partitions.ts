// PostgreSQL: the registry's large tables become partitioned by province_code (declarative LIST
// partitioning), the single-node step of the Citus plan of docs/decisions/0011-distribution.md on
// the same key. One partition per province of the 2025 map (34) and a DEFAULT partition for the
// codes of the provinces merged away in 2025 (their records end with the periods before it).
// A query that names its province reads one partition; the primary keys become
// (province_code, id), as Citus requires of a distributed table.
//
// The tables are carried over in place: each one is renamed, a partitioned table of the same
// columns, defaults and checks takes its name, the rows are copied, the same indexes are created,
// and the old table is dropped; its id sequence is handed to the new table. A foreign key to one
// of them is re-created on (province_code, column): the referencing table must hold province_code.
// SQLite: nothing to do (a file holds a province or less).
// Frozen: it reads the catalogue, not the application's schema types.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './helpers.js';

const TABLES = ['household', 'household_member', 'household_change', 'review_result'] as const;

/** The 34 provinces and centrally governed cities since 01/07/2025 (GSO codes). */
const PROVINCES_2025 = [
  '01', '04', '08', '11', '12', '14', '15', '19', '20', '22', '24', '25', '31', '33', '37', '38', '40',
  '42', '44', '46', '48', '51', '52', '56', '66', '68', '75', '79', '80', '82', '86', '91', '92', '96',
] as const; // prettier-ignore

const IDENT = /^[a-z_][a-z0-9_]*$/;
const ident = (name: string) => {
  if (!IDENT.test(name)) throw new Error(`partitions: unexpected identifier ${name}`);
  return sql.raw(`"${name}"`);
};

async function partition(db: Kysely<any>, table: string): Promise<void> {
  const kind = await sql<{ relkind: string }>`
    SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relname = ${table}`.execute(db);
  if (kind.rows[0]?.relkind === 'p') return; // already partitioned
  // A foreign key to the table's id cannot stay (id alone is no longer unique): it is re-created
  // on (province_code, column), which the referencing table must hold.
  const refs = await sql<{
    conname: string;
    child: string;
    column: string;
    ondelete: string;
    hasProvince: boolean;
  }>`
    SELECT c.conname, f.relname AS child, a.attname AS column, c.confdeltype AS ondelete,
      EXISTS (SELECT 1 FROM pg_attribute p WHERE p.attrelid = f.oid AND p.attname = 'province_code') AS "hasProvince"
    FROM pg_constraint c JOIN pg_class f ON f.oid = c.conrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = ${table}::regclass AND array_length(c.conkey, 1) = 1`.execute(db);
  for (const r of refs.rows) {
    if (!r.hasProvince)
      throw new Error(`partitions: ${r.child}.${r.column} refers to ${table} without province_code`);
    await sql`ALTER TABLE ${ident(r.child)} DROP CONSTRAINT ${ident(r.conname)}`.execute(db);
  }

  const indexes = await sql<{ name: string; def: string }>`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid = ${table}::regclass AND NOT x.indisprimary
    ORDER BY i.relname`.execute(db);
  const pkey = await sql<{ conname: string }>`
    SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = ${table}::regclass`.execute(db);
  const seq = await sql<{ seq: string | null }>`SELECT pg_get_serial_sequence(${table}, 'id') AS seq`.execute(
    db,
  );
  const sequence = seq.rows[0]?.seq ?? null;
  const old = `${table}_unpartitioned`;

  if (sequence) await sql`ALTER SEQUENCE ${sql.raw(sequence)} OWNED BY NONE`.execute(db);
  await sql`ALTER TABLE ${ident(table)} RENAME TO ${ident(old)}`.execute(db);
  for (const i of indexes.rows) await sql`DROP INDEX ${ident(i.name)}`.execute(db);
  const pkName = pkey.rows[0]?.conname ?? `${table}_pkey`;
  if (pkey.rows[0]) await sql`ALTER TABLE ${ident(old)} DROP CONSTRAINT ${ident(pkName)}`.execute(db);

  await sql`CREATE TABLE ${ident(table)} (LIKE ${ident(old)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)
    PARTITION BY LIST (province_code)`.execute(db);
  await sql`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(pkName)} PRIMARY KEY (province_code, id)`.execute(
    db,
  );
  for (const p of PROVINCES_2025)
    await sql`CREATE TABLE ${ident(`${table}_p${p}`)} PARTITION OF ${ident(table)} FOR VALUES IN (${sql.lit(p)})`.execute(
      db,
    );
  await sql`CREATE TABLE ${ident(`${table}_pother`)} PARTITION OF ${ident(table)} DEFAULT`.execute(db);
  // The same indexes, by their own definitions (they name the table, which is now the new one).
  for (const i of indexes.rows) await sql.raw(i.def).execute(db);

  await sql`INSERT INTO ${ident(table)} SELECT * FROM ${ident(old)}`.execute(db);
  await sql`DROP TABLE ${ident(old)}`.execute(db);
  if (sequence) await sql`ALTER SEQUENCE ${sql.raw(sequence)} OWNED BY ${ident(table)}.id`.execute(db);
  const onDelete: Record<string, string> = { c: 'CASCADE', r: 'RESTRICT' };
  for (const r of refs.rows)
    await sql`ALTER TABLE ${ident(r.child)} ADD CONSTRAINT ${ident(r.conname)}
      FOREIGN KEY (province_code, ${ident(r.column)}) REFERENCES ${ident(table)} (province_code, id)
      ${sql.raw(r.ondelete === 'n' ? `ON DELETE SET NULL ("${r.column}")` : onDelete[r.ondelete] ? `ON DELETE ${onDelete[r.ondelete]}` : '')}`.execute(
      db,
    );
  await sql`ANALYZE ${ident(table)}`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const t of TABLES) await partition(db, t);
}
