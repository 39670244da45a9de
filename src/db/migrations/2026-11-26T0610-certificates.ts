// Certificates of poor and near-poor households (Mẫu số 03, Decision 24/2021): one row per
// household × review period recognised poor or near-poor, carrying the number "N/GCN-HN.HCN" that
// re-printing must repeat, and the per commune × year counter the numbers are drawn from.
import type { Kysely } from 'kysely';
import { notNull, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('certificate'))
    .addColumn('province_code', 'text', notNull)
    /** The issuing commune version (a code was reused after the 2025 reform). */
    .addColumn('commune_code', 'text', notNull)
    .addColumn('commune_valid_from', 'text', notNull)
    /** Year of the recognition decision: numbers restart at 1 each year in each commune. */
    .addColumn('year', 'integer', notNull)
    .addColumn('number', 'integer', notNull)
    .addColumn('household_id', 'bigint', notNull)
    .addColumn('period', 'integer', notNull)
    /** POOR | NEAR_POOR as recognised. */
    .addColumn('classification', 'text', notNull)
    /** The review campaign (periodic, or a regular-review case) whose recognition issued it. */
    .addColumn('campaign_id', 'bigint', notNull)
    .addColumn('decision_number', 'text', notNull)
    .addColumn('decision_date', 'text', notNull)
    .addColumn('signer', 'text', notNull)
    /** valid | replaced (a later regular-review recognition changed the class or ended it). */
    .addColumn('status', 'text', notNull)
    .addColumn('issued_at', 'text', notNull)
    .addColumn('replaced_at', 'text')
    .execute();
  await db.schema
    .createIndex('certificate_number_unique')
    .on('certificate')
    .columns(['province_code', 'commune_code', 'commune_valid_from', 'year', 'number'])
    .unique()
    .execute();
  await db.schema
    .createIndex('certificate_household')
    .on('certificate')
    .columns(['province_code', 'household_id', 'period'])
    .execute();
  await db.schema
    .createIndex('certificate_campaign')
    .on('certificate')
    .columns(['province_code', 'campaign_id'])
    .execute();

  await db.schema
    .createTable('certificate_counter')
    .addColumn('province_code', 'text', notNull)
    .addColumn('commune_code', 'text', notNull)
    .addColumn('commune_valid_from', 'text', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('last_number', 'integer', notNull)
    .addPrimaryKeyConstraint('certificate_counter_pk', [
      'province_code',
      'commune_code',
      'commune_valid_from',
      'year',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificate_counter').execute();
  await db.schema.dropTable('certificate').execute();
}
