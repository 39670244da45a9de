// The Fatherland Front's records (issue 16; docs/decisions/0030-front-fund-and-supervision.md):
// - `front_fund`: the Fund for the Poor of a Front committee (a unit) in a year, with maintained
//   aggregates (received, spent, transferred in/out) guarded so the balance never goes negative;
//   `front_receipt`, `front_spending` (+ `front_spending_household`, the registry households it
//   reached) and `front_transfer` (between levels, and the carry-over to the next year) are its ledger.
// - `front_house` (+ `front_house_source`): Great Solidarity houses and their stages.
// - `front_plan`, `front_visit`, `front_recommendation`: supervision and the answers it gets.
// - `front_file`: house photos and answer attachments (stored under the upload directory).
import type { Kysely } from 'kysely';
import { money, notNull, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('front_fund'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('year', 'integer', notNull)
    /** commune | district | province */
    .addColumn('level', 'text', notNull)
    .addColumn('received', money, (c) => c.notNull().defaultTo(0))
    .addColumn('spent', money, (c) => c.notNull().defaultTo(0))
    .addColumn('transferred_in', money, (c) => c.notNull().defaultTo(0))
    .addColumn('transferred_out', money, (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('front_fund_unit_year')
    .on('front_fund')
    .columns(['unit_code', 'year'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('front_receipt'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('fund_id', 'integer', notNull)
    .addColumn('receipt_no', 'text', notNull)
    .addColumn('received_on', 'text', notNull)
    .addColumn('donor_name', 'text', notNull)
    .addColumn('donor_kind', 'text', notNull)
    .addColumn('anonymous', 'integer', notNull)
    .addColumn('kind', 'text', notNull)
    /** What was given in kind (goods, labour), null for cash. */
    .addColumn('goods', 'text')
    .addColumn('value', money, notNull)
    .addColumn('campaign', 'text', notNull)
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('front_receipt_no')
    .on('front_receipt')
    .columns(['fund_id', 'receipt_no'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('front_spending'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('fund_id', 'integer', notNull)
    .addColumn('spent_on', 'text', notNull)
    .addColumn('purpose', 'text', notNull)
    .addColumn('amount', money, notNull)
    .addColumn('decision_no', 'text', notNull)
    .addColumn('decision_date', 'text', notNull)
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('front_spending_fund')
    .on('front_spending')
    .columns(['fund_id', 'spent_on'])
    .execute();

  await withId(db, db.schema.createTable('front_spending_household'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('spending_id', 'integer', notNull)
    .addColumn('household_id', 'integer', notNull)
    .addColumn('household_key', 'text', notNull)
    .addColumn('commune_code', 'text', notNull)
    /** The household's class at its latest result on the day of the spending (null: none). */
    .addColumn('classification', 'text')
    /** Why a household that is neither poor nor near-poor is supported (required then). */
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('front_spending_household_spending')
    .on('front_spending_household')
    .columns(['spending_id'])
    .execute();

  await withId(db, db.schema.createTable('front_transfer'))
    .addColumn('province_code', 'text', notNull)
    /** transfer | carry-over */
    .addColumn('kind', 'text', notNull)
    .addColumn('from_fund_id', 'integer', notNull)
    .addColumn('to_fund_id', 'integer', notNull)
    .addColumn('amount', money, notNull)
    .addColumn('transferred_on', 'text', notNull)
    .addColumn('decision_no', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('front_house'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('commune_code', 'text', notNull)
    .addColumn('household_id', 'integer', notNull)
    .addColumn('household_key', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('estimated_cost', money, notNull)
    .addColumn('actual_cost', money)
    .addColumn('stage', 'text', notNull)
    .addColumn('approved_on', 'text', notNull)
    .addColumn('started_on', 'text')
    .addColumn('handed_over_on', 'text')
    .addColumn('spending_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('front_house_commune')
    .on('front_house')
    .columns(['commune_code', 'stage'])
    .execute();

  await db.schema
    .createTable('front_house_source')
    .addColumn('province_code', 'text', notNull)
    .addColumn('house_id', 'integer', notNull)
    .addColumn('source', 'text', notNull)
    .addColumn('amount', money, notNull)
    .addPrimaryKeyConstraint('front_house_source_pk', ['house_id', 'source'])
    .execute();

  await withId(db, db.schema.createTable('front_file'))
    .addColumn('province_code', 'text', notNull)
    /** house | answer */
    .addColumn('owner', 'text', notNull)
    .addColumn('owner_id', 'integer', notNull)
    /** The house's stage the photo shows (null for an answer's attachment). */
    .addColumn('stage', 'text')
    .addColumn('file_name', 'text', notNull)
    .addColumn('stored_name', 'text', notNull)
    .addColumn('content_type', 'text', notNull)
    .addColumn('size', 'integer', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema.createIndex('front_file_owner').on('front_file').columns(['owner', 'owner_id']).execute();

  await withId(db, db.schema.createTable('front_plan'))
    .addColumn('province_code', 'text', notNull)
    /** The Front committee that supervises. */
    .addColumn('unit_code', 'text', notNull)
    .addColumn('topic', 'text', notNull)
    .addColumn('start_date', 'text', notNull)
    .addColumn('end_date', 'text', notNull)
    /** The supervised units' codes, JSON array. */
    .addColumn('units_json', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('front_visit'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('plan_id', 'integer', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('visit_date', 'text', notNull)
    .addColumn('findings', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('front_recommendation'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('plan_id', 'integer', notNull)
    .addColumn('front_unit_code', 'text', notNull)
    /** The unit whose People's Committee must answer. */
    .addColumn('addressee_unit_code', 'text', notNull)
    .addColumn('content', 'text', notNull)
    .addColumn('issued_on', 'text', notNull)
    .addColumn('deadline', 'text', notNull)
    .addColumn('answered_on', 'text')
    .addColumn('answer_status', 'text')
    .addColumn('answer_text', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('front_recommendation_deadline')
    .on('front_recommendation')
    .columns(['answered_on', 'deadline'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'front_recommendation',
    'front_visit',
    'front_plan',
    'front_file',
    'front_house_source',
    'front_house',
    'front_transfer',
    'front_spending_household',
    'front_spending',
    'front_receipt',
    'front_fund',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
