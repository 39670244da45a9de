// PostgreSQL: the registry's households per commune version (household_tally) kept by statement
// triggers over transition tables instead of one trigger call per row. A COPY or a multi-row
// INSERT of an import now adds its households to the tally in one grouped upsert per statement
// (the per-row trigger cost about 40 µs a household: a third of the server's work of an import);
// a single edit pays two small grouped statements. Every write path still keeps the tally
// without knowing of it, but one: a large import on PostgreSQL sets `giamngheo.tally_by_writer`
// for its transaction and adds its households to the tally once, at the end (each upsert of a
// tally row in one transaction leaves a version of it the next one walks past: over the 1,000
// batches of a 1,000,000-household import, the upserts came to cost more than the COPY). The
// effect on the tally is the same; SQLite (no statement triggers, rows updated in place) keeps
// its row triggers.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`DROP TRIGGER household_tally_change ON household`.execute(db);
  await sql`DROP FUNCTION household_tally_change()`.execute(db);
  await sql`CREATE FUNCTION household_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('giamngheo.tally_by_writer', true) = 'on' THEN RETURN NULL; END IF;
      INSERT INTO household_tally (province_code, commune_code, commune_valid_from, n)
      SELECT province_code, commune_code, commune_valid_from, count(*) FROM new_rows
      GROUP BY province_code, commune_code, commune_valid_from
      ON CONFLICT (province_code, commune_code, commune_valid_from)
      DO UPDATE SET n = household_tally.n + excluded.n;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE FUNCTION household_tally_remove() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('giamngheo.tally_by_writer', true) = 'on' THEN RETURN NULL; END IF;
      UPDATE household_tally t SET n = t.n - o.n
      FROM (SELECT province_code, commune_code, commune_valid_from, count(*) AS n FROM old_rows
            GROUP BY province_code, commune_code, commune_valid_from) o
      WHERE t.province_code = o.province_code AND t.commune_code = o.commune_code
        AND t.commune_valid_from = o.commune_valid_from;
      RETURN NULL;
    END $$`.execute(db);
  // An update takes its rows out of their old cells and adds them to their new ones; only the
  // rows whose commune changed move (the others cancel out and are left alone).
  await sql`CREATE FUNCTION household_tally_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('giamngheo.tally_by_writer', true) = 'on' THEN RETURN NULL; END IF;
      WITH moved AS (
        SELECT o.province_code AS old_province, o.commune_code AS old_commune,
               o.commune_valid_from AS old_valid_from, n.province_code AS new_province,
               n.commune_code AS new_commune, n.commune_valid_from AS new_valid_from
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.province_code, o.commune_code, o.commune_valid_from)
          IS DISTINCT FROM (n.province_code, n.commune_code, n.commune_valid_from)
      ), removed AS (
        UPDATE household_tally t SET n = t.n - m.n
        FROM (SELECT old_province, old_commune, old_valid_from, count(*) AS n FROM moved
              GROUP BY old_province, old_commune, old_valid_from) m
        WHERE t.province_code = m.old_province AND t.commune_code = m.old_commune
          AND t.commune_valid_from = m.old_valid_from
      )
      INSERT INTO household_tally (province_code, commune_code, commune_valid_from, n)
      SELECT new_province, new_commune, new_valid_from, count(*) FROM moved
      GROUP BY new_province, new_commune, new_valid_from
      ON CONFLICT (province_code, commune_code, commune_valid_from)
      DO UPDATE SET n = household_tally.n + excluded.n;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER household_tally_add AFTER INSERT ON household
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tally_add()`.execute(db);
  await sql`CREATE TRIGGER household_tally_remove AFTER DELETE ON household
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tally_remove()`.execute(
    db,
  );
  await sql`CREATE TRIGGER household_tally_move AFTER UPDATE ON household
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION household_tally_move()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const t of ['household_tally_move', 'household_tally_remove', 'household_tally_add']) {
    await sql`DROP TRIGGER ${sql.raw(t)} ON household`.execute(db);
    await sql`DROP FUNCTION ${sql.raw(t)}()`.execute(db);
  }
  await sql`CREATE FUNCTION household_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE household_tally SET n = n - 1
        WHERE province_code = OLD.province_code AND commune_code = OLD.commune_code
          AND commune_valid_from = OLD.commune_valid_from;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO household_tally (province_code, commune_code, commune_valid_from, n)
        VALUES (NEW.province_code, NEW.commune_code, NEW.commune_valid_from, 1)
        ON CONFLICT (province_code, commune_code, commune_valid_from)
        DO UPDATE SET n = household_tally.n + 1;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER household_tally_change
    AFTER INSERT OR DELETE OR UPDATE OF province_code, commune_code, commune_valid_from ON household
    FOR EACH ROW EXECUTE FUNCTION household_tally_change()`.execute(db);
}
