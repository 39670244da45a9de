// Import jobs on record (issue 17, docs/decisions/0028-operations.md): a job started through the API
// is written here when it starts and when it ends, so that after a stop or a crash no job stays
// "running" forever: the next `serve` marks the ones it finds running as failed, with a coded reason.
import type { Kysely } from 'kysely';
import { notNull } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', notNull)
    .addColumn('file_name', 'text', notNull)
    /** running | done | failed */
    .addColumn('state', 'text', notNull)
    .addColumn('read', 'integer', notNull)
    .addColumn('started_at', 'text', notNull)
    .addColumn('finished_at', 'text')
    /** The error code a failed job ended with (IMPORT_INTERRUPTED after a stop or a crash). */
    .addColumn('error_code', 'text')
    .execute();
  await db.schema.createIndex('import_job_state').on('import_job').column('state').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_job').execute();
}
