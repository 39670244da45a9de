// People online across server processes: each process reports how many visitors it saw in the
// online window (a count, nothing about them) with the time of the report; a page shows its own
// process's count plus the fresh reports of the others.
import type { Kysely } from 'kysely';
import { notNull } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_presence')
    /** A random id drawn when the process starts. */
    .addColumn('instance', 'text', (c) => c.primaryKey())
    .addColumn('online', 'integer', notNull)
    /** ISO instant (UTC) of the report. */
    .addColumn('reported_at', 'text', notNull)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_presence').ifExists().execute();
}
