// The PostgreSQL write path of an import: the batch write (batch.ts) whose new rows go by
// COPY … FROM STDIN on the connection that holds the import's transaction, the ids of new
// households drawn from their sequence first (COPY returns nothing).
import { sql } from 'kysely';
import type { Executor } from '../repositories/executor.js';
import type { CopyValue, RowCopier } from '../repositories/pg-copy.repository.js';
import type { NewRows } from './batch.js';

/** The columns of rows built as objects of one shape (the first row's keys), and their values. */
function columnsAndRows(rows: object[]): [string[], CopyValue[][]] {
  if (rows.length === 0) return [[], []];
  const columns = Object.keys(rows[0]!);
  return [columns, rows.map((r) => columns.map((c) => (r as Record<string, CopyValue>)[c] ?? null))];
}

/** New rows by COPY over `copy` (which must run on the executor's connection). */
export function copyRows(copy: RowCopier): NewRows {
  return {
    async households(db: Executor, rows) {
      if (rows.length === 0) return [];
      const drawn = await sql<{
        id: string;
      }>`SELECT nextval(pg_get_serial_sequence('household', 'id')) AS id FROM generate_series(1, ${rows.length})`.execute(
        db,
      );
      const ids = drawn.rows.map((r) => Number(r.id));
      await copy('household', ...columnsAndRows(rows.map((r, n) => ({ id: ids[n]!, ...r }))));
      return ids;
    },
    async insert(_db, table, rows) {
      await copy(table, ...columnsAndRows(rows));
    },
  };
}
