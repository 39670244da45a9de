// The house photo and the position a device sent with a survey are shown on the household's page
// (issue 15): the sync record names the household by its key, which is unique only within a
// province, so it gains the province the survey was saved in, and an index to find a household's
// records. Records stored before (the day the offline survey landed) get their province when
// exactly one household has their key; the others keep none and are not shown on any page.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('offline_sync').addColumn('province_code', 'text').execute();
  await sql`
    update offline_sync set province_code = (
      select min(h.province_code) from household h where h.household_key = offline_sync.household_key
    )
    where province_code is null
      and (select count(*) from household h where h.household_key = offline_sync.household_key) = 1
  `.execute(db);
  await db.schema
    .createIndex('offline_sync_household')
    .on('offline_sync')
    .columns(['province_code', 'household_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('offline_sync_household').execute();
  await db.schema.alterTable('offline_sync').dropColumn('province_code').execute();
}
