// The offline survey (issue 15, docs/decisions/0036-offline-survey.md): an assignment handed to a
// device (its token kept as a hash, revocable), and the idempotency record of the surveys a device
// sent — one row per (user, client id) applied, holding the first answer, so a resend writes nothing.
import type { Kysely } from 'kysely';
import { notNull, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('offline_assignment'))
    /** SHA-256 of the device's token, hex: the token itself is never stored. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('period', 'integer', notNull)
    .addColumn('households', 'integer', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('offline_assignment_user').on('offline_assignment').column('user_id').execute();
  await db.schema
    .createTable('offline_sync')
    .addColumn('user_id', 'integer', notNull)
    .addColumn('client_id', 'text', notNull)
    .addColumn('household_key', 'text', notNull)
    .addColumn('result_json', 'text', notNull)
    /** The house photo taken at the door (a JPEG resized on the device, as a data URL), if any. */
    .addColumn('photo', 'text')
    /** Where the survey was filled in, `{lat, lon, accuracy}`, when the officer allowed it. */
    .addColumn('position_json', 'text')
    .addColumn('created_at', 'text', notNull)
    .addPrimaryKeyConstraint('offline_sync_pk', ['user_id', 'client_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('offline_sync').execute();
  await db.schema.dropTable('offline_assignment').execute();
}
