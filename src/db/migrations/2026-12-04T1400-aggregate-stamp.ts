// A stamp per province that changes with every change of its kept aggregate cells (issue 13): the
// dashboard reads the same few thousand cells of a province on every load, and keeps them between
// requests for as long as the province's stamp is the one it read them under. The stamp is set by
// triggers on review_aggregate, so every write path (a single edit, the campaign's recognition, the
// bulk import and its writer thread, PostgreSQL's COPY, a rebuild, a restore) changes it without
// knowing of it. A stamp is random, never a counter: a stamp written by a transaction that rolls
// back never comes back, so cells read inside that transaction can never be taken for the
// committed ones. Derived data: not in backups.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('aggregate_stamp')
    .addColumn('province_code', 'text', (c) => c.notNull().primaryKey())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .execute();
  if (dialectOf(db) === 'postgres') {
    await sql`CREATE FUNCTION aggregate_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p text := CASE WHEN TG_OP = 'DELETE' THEN OLD.province_code ELSE NEW.province_code END;
      BEGIN
        INSERT INTO aggregate_stamp (province_code, stamp) VALUES (p, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT (province_code) DO UPDATE SET stamp = excluded.stamp;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER aggregate_stamp_change AFTER INSERT OR UPDATE OR DELETE ON review_aggregate
      FOR EACH ROW EXECUTE FUNCTION aggregate_stamp_change()`.execute(db);
  } else {
    for (const [event, row] of [
      ['INSERT', 'new'],
      ['UPDATE', 'new'],
      ['DELETE', 'old'],
    ] as const)
      await sql`CREATE TRIGGER ${sql.raw(`aggregate_stamp_${event.toLowerCase()}`)} AFTER ${sql.raw(event)} ON review_aggregate BEGIN
        INSERT INTO aggregate_stamp (province_code, stamp) VALUES (${sql.raw(row)}.province_code, lower(hex(randomblob(8))))
        ON CONFLICT (province_code) DO UPDATE SET stamp = excluded.stamp;
      END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`DROP TRIGGER aggregate_stamp_change ON review_aggregate`.execute(db);
    await sql`DROP FUNCTION aggregate_stamp_change()`.execute(db);
  } else {
    for (const e of ['insert', 'update', 'delete'])
      await sql`DROP TRIGGER ${sql.raw(`aggregate_stamp_${e}`)}`.execute(db);
  }
  await db.schema.dropTable('aggregate_stamp').execute();
}
