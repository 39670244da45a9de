// Reads of the kept aggregates by kind of cell (docs/decisions/0032-aggregate-read-speed.md): the
// reports read one kind of cell of a period — the households per class (indicator ''), the
// transition cells ('from:…'), the Annex VII indicators — while the primary key orders the cells by
// unit first, so every report scanned all the cells of the province's period (or of the province).
// This index puts the indicator right after the period, and holds every column the reports read,
// so each report reads exactly its cells from the index. The dashboard's "expected" count (the
// registry's households per commune version) is likewise answered from an index alone.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('review_aggregate_by_indicator')
    .on('review_aggregate')
    .columns([
      'province_code',
      'period',
      'indicator',
      'status',
      'classification',
      'unit_code',
      'unit_valid_from',
      'n',
    ])
    .execute();
  await db.schema
    .createIndex('household_commune_version')
    .on('household')
    .columns(['province_code', 'commune_code', 'commune_valid_from'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('household_commune_version').execute();
  await db.schema.dropIndex('review_aggregate_by_indicator').execute();
}
