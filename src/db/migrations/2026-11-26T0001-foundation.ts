// Foundation: periodised administrative units, villages, accounts, sessions, audit trail.
import type { Kysely } from 'kysely';
import { notNull, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('admin_unit'))
    .addColumn('code', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('name_en', 'text')
    .addColumn('level', 'text', notNull)
    .addColumn('type', 'text', notNull)
    .addColumn('area', 'text')
    .addColumn('parent_code', 'text')
    .addColumn('province_code', 'text', notNull)
    .addColumn('district_code', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .execute();
  // Codes were reused after the 2025 reform: a code is unique only together with its period.
  await db.schema
    .createIndex('admin_unit_code_period')
    .on('admin_unit')
    .columns(['code', 'level', 'valid_from'])
    .unique()
    .execute();
  await db.schema
    .createIndex('admin_unit_parent')
    .on('admin_unit')
    .columns(['parent_code', 'valid_to'])
    .execute();
  await db.schema
    .createIndex('admin_unit_province')
    .on('admin_unit')
    .columns(['province_code', 'level'])
    .execute();

  await withId(db, db.schema.createTable('admin_unit_succession'))
    .addColumn('predecessor_code', 'text', notNull)
    .addColumn('predecessor_level', 'text', notNull)
    .addColumn('predecessor_name', 'text', notNull)
    .addColumn('predecessor_valid_to', 'text', notNull)
    .addColumn('successor_code', 'text', notNull)
    .addColumn('successor_level', 'text', notNull)
    .addColumn('successor_name', 'text', notNull)
    .addColumn('successor_valid_from', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('note', 'text')
    .addColumn('province_code', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('succession_predecessor')
    .on('admin_unit_succession')
    .columns(['predecessor_code', 'predecessor_valid_to'])
    .execute();
  await db.schema
    .createIndex('succession_successor')
    .on('admin_unit_succession')
    .columns(['successor_code', 'successor_valid_from'])
    .execute();

  await withId(db, db.schema.createTable('village'))
    .addColumn('commune_code', 'text', notNull)
    .addColumn('commune_valid_from', 'text', notNull)
    .addColumn('province_code', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('village_commune_name')
    .on('village')
    .columns(['province_code', 'commune_code', 'commune_valid_from', 'name'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('app_user'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', notNull)
    .addColumn('password_hash', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('unit_code', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('user_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', notNull)
    .addColumn('actor_id', 'bigint')
    .addColumn('actor', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('entity', 'text', notNull)
    .addColumn('entity_id', 'text', notNull)
    .addColumn('unit_code', 'text')
    .addColumn('province_code', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_log',
    'user_session',
    'app_user',
    'village',
    'admin_unit_succession',
    'admin_unit',
    'meta',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
