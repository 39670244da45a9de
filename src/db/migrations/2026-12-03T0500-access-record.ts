// The access record (issue 17; docs/decisions/0027-personal-data.md): who read or exported which
// household or which list, with the route and the time. Kept apart from the change audit
// (audit_log): it records reads, it is shown to other people (the commune officer sees the reads of
// their commune) and it has a retention of its own.
// - `access_record`: one read or export. A single household names it (province_code +
//   household_key); a list names its unit and its filter (filter_json) and how many households it
//   carried.
// - `access_record_household`: the households a list carried (an export, a batch of certificates),
//   one row each, so that "who saw this household" also finds the lists it was on.
import type { Kysely } from 'kysely';
import { notNull, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('access_record'))
    .addColumn('at', 'text', notNull)
    .addColumn('actor_id', 'bigint')
    .addColumn('actor', 'text', notNull)
    /** The account's role then ('' for the command line's operator). */
    .addColumn('role', 'text', notNull)
    /** household.read | household.report | export.households | export.recognised | certificate.print … */
    .addColumn('action', 'text', notNull)
    /** The route pattern (`GET /api/v1/registry/households/:householdId`) or `cli <command>`. */
    .addColumn('route', 'text', notNull)
    .addColumn('province_code', 'text')
    /** The household's commune, or the unit of the list. */
    .addColumn('unit_code', 'text')
    /** A single household read; null for a list. */
    .addColumn('household_key', 'text')
    /** How many households the read carried (1 for a household page). */
    .addColumn('households', 'integer', notNull)
    /** The list's filter (period, village, class, movement, search words), as JSON. */
    .addColumn('filter_json', 'text')
    .execute();
  await db.schema.createIndex('access_record_at').on('access_record').columns(['at', 'id']).execute();
  await db.schema
    .createIndex('access_record_unit')
    .on('access_record')
    .columns(['unit_code', 'at'])
    .execute();
  await db.schema
    .createIndex('access_record_household_key')
    .on('access_record')
    .columns(['province_code', 'household_key'])
    .execute();

  await db.schema
    .createTable('access_record_household')
    .addColumn('record_id', 'bigint', (c) => c.notNull().references('access_record.id'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('household_key', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('access_record_household_key_idx')
    .on('access_record_household')
    .columns(['province_code', 'household_key'])
    .execute();
  await db.schema
    .createIndex('access_record_household_record')
    .on('access_record_household')
    .column('record_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_record_household').execute();
  await db.schema.dropTable('access_record').execute();
}
