// Column helpers shared by migrations. Migrations never import application code; these helpers
// only smooth over the two dialects' spelling of the same column, and they are frozen like the
// migrations that use them: change them only by adding new helpers.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): Dialect {
  const name = (db.getExecutor().adapter.constructor.name || '').toLowerCase();
  return name.includes('postgres') ? 'postgres' : 'sqlite';
}

/** An auto-incrementing integer primary key named `id`. */
export function withId<T extends string>(
  db: Kysely<any>,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Integer money in đồng: bigint on PostgreSQL, integer (64-bit) on SQLite. */
export const money = 'bigint' as const;

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
