// A stamp per province that changes with every change of the tables its figures are read from
// (issue 13): the kept aggregate cells, the review campaigns, the registry's households per commune,
// the resident households and the targets. The dashboard reads the same few thousand cells and
// assembles the same sections on every load; it keeps them between loads for as long as the
// province's stamp is the one it read them under. The stamp is set by triggers, so every write path
// (a single edit, the campaign's steps, the bulk import and its writer thread, PostgreSQL's COPY, a
// rebuild, a restore) changes it without knowing of it. A stamp is random, never a counter: one
// written by a transaction that rolls back never comes back, so what was read inside that
// transaction can never be taken for the committed state. Derived data: not in backups.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './helpers.js';

/** The tables the figures are read from; each holds province_code. */
export const STAMPED_TABLES = [
  'review_aggregate',
  'review_campaign',
  'household_tally',
  'resident_household',
  'finance_target',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('figures_stamp')
    .addColumn('province_code', 'text', (c) => c.notNull().primaryKey())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .execute();
  if (dialectOf(db) === 'postgres') {
    await sql`CREATE FUNCTION figures_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p text := CASE WHEN TG_OP = 'DELETE' THEN OLD.province_code ELSE NEW.province_code END;
      BEGIN
        INSERT INTO figures_stamp (province_code, stamp) VALUES (p, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT (province_code) DO UPDATE SET stamp = excluded.stamp;
        IF TG_OP = 'UPDATE' AND OLD.province_code IS DISTINCT FROM NEW.province_code THEN
          INSERT INTO figures_stamp (province_code, stamp)
          VALUES (OLD.province_code, md5(random()::text || clock_timestamp()::text))
          ON CONFLICT (province_code) DO UPDATE SET stamp = excluded.stamp;
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    for (const t of STAMPED_TABLES)
      await sql`CREATE TRIGGER ${sql.raw(`${t}_stamp`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.raw(t)}
        FOR EACH ROW EXECUTE FUNCTION figures_stamp_change()`.execute(db);
  } else {
    const stamp = (row: 'new' | 'old') =>
      sql.raw(`INSERT INTO figures_stamp (province_code, stamp)
        VALUES (${row}.province_code, lower(hex(randomblob(8))))
        ON CONFLICT (province_code) DO UPDATE SET stamp = excluded.stamp;`);
    for (const t of STAMPED_TABLES) {
      await sql`CREATE TRIGGER ${sql.raw(`${t}_stamp_insert`)} AFTER INSERT ON ${sql.raw(t)} BEGIN ${stamp('new')} END`.execute(
        db,
      );
      await sql`CREATE TRIGGER ${sql.raw(`${t}_stamp_update`)} AFTER UPDATE ON ${sql.raw(t)} BEGIN ${stamp('new')} ${stamp('old')} END`.execute(
        db,
      );
      await sql`CREATE TRIGGER ${sql.raw(`${t}_stamp_delete`)} AFTER DELETE ON ${sql.raw(t)} BEGIN ${stamp('old')} END`.execute(
        db,
      );
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of STAMPED_TABLES) {
    if (dialectOf(db) === 'postgres')
      await sql`DROP TRIGGER ${sql.raw(`${t}_stamp`)} ON ${sql.raw(t)}`.execute(db);
    else
      for (const e of ['insert', 'update', 'delete'])
        await sql`DROP TRIGGER ${sql.raw(`${t}_stamp_${e}`)}`.execute(db);
  }
  if (dialectOf(db) === 'postgres') await sql`DROP FUNCTION figures_stamp_change()`.execute(db);
  await db.schema.dropTable('figures_stamp').execute();
}
