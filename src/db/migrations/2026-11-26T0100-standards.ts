// Poverty standards as versioned data: the national standards (seeded by the application on first
// start from its shipped definitions) and the local standards provinces register. The whole
// definition (lines, bands, indicators and their thresholds) is one validated JSON document; the
// columns beside it are what the engine selects on.
import type { Kysely } from 'kysely';
import { notNull, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('poverty_standard'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', notNull)
    .addColumn('province_code', 'text')
    .addColumn('base_code', 'text')
    .addColumn('valid_from', 'text', notNull)
    .addColumn('valid_to', 'text', notNull)
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('definition_json', 'text', notNull)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('poverty_standard_scope')
    .on('poverty_standard')
    .columns(['scope', 'province_code', 'valid_from'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('poverty_standard').execute();
}
