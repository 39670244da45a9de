// Household registry, review results per period, aggregates, review campaigns and the working-day
// calendar. Every large table carries province_code and every unique key includes it, so the
// schema can be distributed by province (docs/decisions/0006-registry-storage.md).
import type { Kysely } from 'kysely';
import { notNull, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('household'))
    .addColumn('province_code', 'text', notNull)
    /** The external householdId of the survey record, unique within a province. */
    .addColumn('household_key', 'text', notNull)
    .addColumn('commune_code', 'text', notNull)
    .addColumn('commune_valid_from', 'text', notNull)
    .addColumn('village_id', 'bigint')
    .addColumn('head_name', 'text', notNull)
    .addColumn('head_birth_date', 'text')
    .addColumn('address', 'text')
    /** Folded (accent-free, lower-case) head name: prefix search by index. */
    .addColumn('head_key', 'text', notNull)
    /** Folded head name, member names, householdId and address: token search. */
    .addColumn('search_key', 'text', notNull)
    .addColumn('member_count', 'integer', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('household_key_unique')
    .on('household')
    .columns(['province_code', 'household_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('household_commune_head')
    .on('household')
    .columns(['province_code', 'commune_code', 'head_key'])
    .execute();
  await db.schema
    .createIndex('household_head')
    .on('household')
    .columns(['province_code', 'head_key'])
    .execute();
  await db.schema
    .createIndex('household_village')
    .on('household')
    .columns(['province_code', 'village_id'])
    .execute();

  await withId(db, db.schema.createTable('household_member'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('household_id', 'bigint', notNull)
    .addColumn('ordinal', 'integer', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('id_number', 'text')
    .addColumn('birth_date', 'text', notNull)
    .addColumn('sex', 'text', notNull)
    .addColumn('relation', 'text', notNull)
    /** The remaining survey answers of the member (employment, schooling…), as JSON. */
    .addColumn('data_json', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('household_member_household')
    .on('household_member')
    .columns(['province_code', 'household_id', 'ordinal'])
    .unique()
    .execute();
  await db.schema
    .createIndex('household_member_id_number')
    .on('household_member')
    .columns(['province_code', 'id_number'])
    .execute();

  await withId(db, db.schema.createTable('household_change'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('household_id', 'bigint', notNull)
    .addColumn('at', 'text', notNull)
    .addColumn('actor_id', 'bigint')
    .addColumn('actor', 'text', notNull)
    /** create | update | import-create | import-update | review | complaint | regular-review */
    .addColumn('action', 'text', notNull)
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema
    .createIndex('household_change_household')
    .on('household_change')
    .columns(['province_code', 'household_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('review_result'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('household_id', 'bigint', notNull)
    .addColumn('period', 'integer', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('unit_valid_from', 'text', notNull)
    .addColumn('survey_date', 'text', notNull)
    .addColumn('answers_json', 'text', notNull)
    .addColumn('standard', 'text', notNull)
    .addColumn('area', 'text', notNull)
    .addColumn('income_line', 'bigint', notNull)
    .addColumn('classification', 'text', notNull)
    /** Indicator keys in the order of the standard, joined by ','. */
    .addColumn('deprivations', 'text', notNull)
    .addColumn('deprivation_count', 'integer', notNull)
    .addColumn('explanation_json', 'text', notNull)
    .addColumn('movement', 'text', notNull)
    .addColumn('no_labour', 'integer', notNull)
    /** draft | approved */
    .addColumn('status', 'text', notNull)
    /** 1 once recognised by the commune chair: later edits open a regular-review case. */
    .addColumn('frozen', 'integer', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('review_result_household_period')
    .on('review_result')
    .columns(['province_code', 'household_id', 'period'])
    .unique()
    .execute();
  await db.schema
    .createIndex('review_result_unit')
    .on('review_result')
    .columns(['province_code', 'period', 'unit_code', 'classification'])
    .execute();

  // Counts per unit version × period × status × class × indicator ('' = households), kept in the
  // same transaction as every write of review_result.
  await db.schema
    .createTable('review_aggregate')
    .addColumn('province_code', 'text', notNull)
    .addColumn('period', 'integer', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('unit_valid_from', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('classification', 'text', notNull)
    .addColumn('indicator', 'text', notNull)
    .addColumn('n', 'bigint', notNull)
    .addPrimaryKeyConstraint('review_aggregate_pk', [
      'province_code',
      'period',
      'unit_code',
      'unit_valid_from',
      'status',
      'classification',
      'indicator',
    ])
    .execute();

  await withId(db, db.schema.createTable('review_campaign'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('commune_code', 'text', notNull)
    .addColumn('commune_valid_from', 'text', notNull)
    .addColumn('period', 'integer', notNull)
    /** periodic | regular */
    .addColumn('kind', 'text', notNull)
    /** For a regular review: the household concerned; '' for the periodic campaign. */
    .addColumn('case_key', 'text', notNull)
    .addColumn('step', 'text', notNull)
    .addColumn('state_json', 'text', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('review_campaign_unique')
    .on('review_campaign')
    .columns(['province_code', 'commune_code', 'commune_valid_from', 'period', 'kind', 'case_key'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('campaign_event'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('campaign_id', 'bigint', notNull)
    .addColumn('at', 'text', notNull)
    .addColumn('actor_id', 'bigint')
    .addColumn('actor', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('from_step', 'text', notNull)
    .addColumn('to_step', 'text', notNull)
    .addColumn('payload_json', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('campaign_event_campaign')
    .on('campaign_event')
    .columns(['province_code', 'campaign_id', 'id'])
    .execute();

  // The working-day calendar is data: statutory holidays, Tết, compensatory and swapped days off
  // (kind 'off') and make-up Saturdays (kind 'work').
  await db.schema
    .createTable('calendar_day')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('source', 'text')
    .execute();
  const rows = CALENDAR_2024_2026.map(([date, kind, name]) => ({
    date,
    kind,
    name,
    source: 'regulations-2 §6.2',
  }));
  await db.insertInto('calendar_day').values(rows).execute();
}

// Public-sector schedules 2024–2026 (official notices; see the campaign decision record). Weekday
// days off only: weekends are off by rule, and make-up Saturdays are listed as working days.
const CALENDAR_2024_2026: [string, 'off' | 'work', string][] = [
  ['2024-01-01', 'off', 'Tết Dương lịch'],
  ['2024-02-08', 'off', 'Tết Nguyên đán Giáp Thìn'],
  ['2024-02-09', 'off', 'Tết Nguyên đán Giáp Thìn'],
  ['2024-02-12', 'off', 'Tết Nguyên đán Giáp Thìn'],
  ['2024-02-13', 'off', 'Tết Nguyên đán Giáp Thìn'],
  ['2024-02-14', 'off', 'Tết Nguyên đán Giáp Thìn'],
  ['2024-04-18', 'off', 'Giỗ Tổ Hùng Vương'],
  ['2024-04-29', 'off', 'Nghỉ hoán đổi (30/4 – 1/5)'],
  ['2024-04-30', 'off', 'Ngày Chiến thắng'],
  ['2024-05-01', 'off', 'Quốc tế Lao động'],
  ['2024-05-04', 'work', 'Làm bù cho ngày 29/04/2024'],
  ['2024-09-02', 'off', 'Quốc khánh'],
  ['2024-09-03', 'off', 'Quốc khánh'],
  ['2025-01-01', 'off', 'Tết Dương lịch'],
  ['2025-01-27', 'off', 'Tết Nguyên đán Ất Tỵ'],
  ['2025-01-28', 'off', 'Tết Nguyên đán Ất Tỵ'],
  ['2025-01-29', 'off', 'Tết Nguyên đán Ất Tỵ'],
  ['2025-01-30', 'off', 'Tết Nguyên đán Ất Tỵ'],
  ['2025-01-31', 'off', 'Tết Nguyên đán Ất Tỵ'],
  ['2025-04-07', 'off', 'Giỗ Tổ Hùng Vương'],
  ['2025-04-26', 'work', 'Làm bù cho ngày 02/05/2025'],
  ['2025-04-30', 'off', 'Ngày Chiến thắng'],
  ['2025-05-01', 'off', 'Quốc tế Lao động'],
  ['2025-05-02', 'off', 'Nghỉ hoán đổi (30/4 – 1/5)'],
  ['2025-09-01', 'off', 'Quốc khánh'],
  ['2025-09-02', 'off', 'Quốc khánh'],
  ['2026-01-01', 'off', 'Tết Dương lịch'],
  ['2026-01-02', 'off', 'Nghỉ hoán đổi (Tết Dương lịch)'],
  ['2026-01-10', 'work', 'Làm bù cho ngày 02/01/2026'],
  ['2026-02-16', 'off', 'Tết Nguyên đán Bính Ngọ'],
  ['2026-02-17', 'off', 'Tết Nguyên đán Bính Ngọ'],
  ['2026-02-18', 'off', 'Tết Nguyên đán Bính Ngọ'],
  ['2026-02-19', 'off', 'Tết Nguyên đán Bính Ngọ'],
  ['2026-02-20', 'off', 'Tết Nguyên đán Bính Ngọ'],
  ['2026-04-27', 'off', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04 là Chủ nhật)'],
  ['2026-04-30', 'off', 'Ngày Chiến thắng'],
  ['2026-05-01', 'off', 'Quốc tế Lao động'],
  ['2026-08-22', 'work', 'Làm bù cho ngày 31/08/2026'],
  ['2026-08-31', 'off', 'Nghỉ hoán đổi (Quốc khánh)'],
  ['2026-09-01', 'off', 'Quốc khánh'],
  ['2026-09-02', 'off', 'Quốc khánh'],
];

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'calendar_day',
    'campaign_event',
    'review_campaign',
    'review_aggregate',
    'review_result',
    'household_change',
    'household_member',
    'household',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
