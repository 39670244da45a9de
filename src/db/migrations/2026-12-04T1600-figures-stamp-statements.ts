// PostgreSQL: the province stamps of figures_stamp (migration 2026-12-04T1400-figures-stamp) set
// once per statement over its transition tables instead of once per row. An import adds its
// aggregate cells by a few multi-row upserts at its end (about 20,000 cells for 20,000
// households): each row's trigger upserted the province's one stamp row, and every version of that
// row stays until the transaction ends, so each upsert walked past all the versions before it —
// 2.6 s of the server's 3.9 s for an import of 20,000 households, growing with the square of the
// cells. Now each statement sets the stamp of each province it touched, once. The same provinces
// change their stamp on the same writes; SQLite (no statement triggers, the row updated in place)
// keeps its row triggers.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './helpers.js';

/** The stamped tables of 2026-12-04T1400-figures-stamp, as they were then. */
const STAMPED_TABLES = [
  'review_aggregate',
  'review_campaign',
  'household_tally',
  'resident_household',
  'finance_target',
] as const;

/** Transition tables need a trigger per event. */
const EVENTS = [
  { op: 'insert', event: 'INSERT', referencing: 'NEW TABLE AS new_rows' },
  { op: 'update', event: 'UPDATE', referencing: 'OLD TABLE AS old_rows NEW TABLE AS new_rows' },
  { op: 'delete', event: 'DELETE', referencing: 'OLD TABLE AS old_rows' },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const t of STAMPED_TABLES)
    await sql`DROP TRIGGER ${sql.raw(`${t}_stamp`)} ON ${sql.raw(t)}`.execute(db);
  await sql`DROP FUNCTION figures_stamp_change()`.execute(db);
  // A province's stamp is random, never a counter (a rolled-back one never comes back).
  await sql`CREATE FUNCTION figures_stamp_statement() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO figures_stamp (province_code, stamp)
        SELECT p, md5(random()::text || clock_timestamp()::text)
        FROM (SELECT DISTINCT province_code AS p FROM new_rows) touched
        ON CONFLICT (province_code) DO UPDATE SET stamp = excluded.stamp;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO figures_stamp (province_code, stamp)
        SELECT p, md5(random()::text || clock_timestamp()::text)
        FROM (SELECT DISTINCT province_code AS p FROM old_rows) touched
        ON CONFLICT (province_code) DO UPDATE SET stamp = excluded.stamp;
      ELSE
        INSERT INTO figures_stamp (province_code, stamp)
        SELECT p, md5(random()::text || clock_timestamp()::text)
        FROM (SELECT province_code AS p FROM new_rows UNION SELECT province_code FROM old_rows) touched
        ON CONFLICT (province_code) DO UPDATE SET stamp = excluded.stamp;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  for (const t of STAMPED_TABLES)
    for (const e of EVENTS)
      await sql`CREATE TRIGGER ${sql.raw(`${t}_stamp_${e.op}`)} AFTER ${sql.raw(e.event)} ON ${sql.raw(t)}
        REFERENCING ${sql.raw(e.referencing)} FOR EACH STATEMENT EXECUTE FUNCTION figures_stamp_statement()`.execute(
        db,
      );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const t of STAMPED_TABLES)
    for (const e of EVENTS)
      await sql`DROP TRIGGER ${sql.raw(`${t}_stamp_${e.op}`)} ON ${sql.raw(t)}`.execute(db);
  await sql`DROP FUNCTION figures_stamp_statement()`.execute(db);
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
}
