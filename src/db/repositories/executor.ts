import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** A repository function runs on the database or inside the caller's transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

/**
 * `column` starts with `prefix`, as a condition an index on the column can answer as a range on
 * SQLite (where LIKE, case-insensitive by default, cannot use a BINARY index): `>= prefix AND <
 * prefix's successor`, with the LIKE kept as the exact test. PostgreSQL keeps the LIKE alone: its
 * range comparison follows the database's collation, which may order punctuation otherwise.
 */
export function startsWith(db: Executor, column: string, prefix: string) {
  const like = sql<boolean>`${sql.ref(column)} LIKE ${`${prefix}%`}`;
  const postgres = (db.getExecutor().adapter.constructor.name || '').toLowerCase().includes('postgres');
  if (postgres) return like;
  const next = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return sql<boolean>`(${sql.ref(column)} >= ${prefix} AND ${sql.ref(column)} < ${next} AND ${like})`;
}
