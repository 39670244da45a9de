// The registry's households per commune version, kept (issue 13): the dashboard's review progress
// shows, for each commune, the households surveyed against the households the registry holds.
// Counting those read one index entry per household of the province (73 ms at 1,000,000
// households, the only read of the dashboard that grew with the registry). The count is kept by
// triggers on household, so every write path — a single edit, the bulk import and its writer
// thread, PostgreSQL's COPY, a move, the retention's erasure, a restore — keeps it without knowing
// of it. Derived data: not in backups; a restore's loaded households count themselves again.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('household_tally')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('commune_valid_from', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('household_tally_pk', ['province_code', 'commune_code', 'commune_valid_from'])
    .execute();
  if (dialectOf(db) === 'postgres') {
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
  } else {
    await sql`CREATE TRIGGER household_tally_insert AFTER INSERT ON household BEGIN
      INSERT INTO household_tally (province_code, commune_code, commune_valid_from, n)
      VALUES (new.province_code, new.commune_code, new.commune_valid_from, 1)
      ON CONFLICT (province_code, commune_code, commune_valid_from) DO UPDATE SET n = n + 1;
    END`.execute(db);
    await sql`CREATE TRIGGER household_tally_delete AFTER DELETE ON household BEGIN
      UPDATE household_tally SET n = n - 1
      WHERE province_code = old.province_code AND commune_code = old.commune_code
        AND commune_valid_from = old.commune_valid_from;
    END`.execute(db);
    await sql`CREATE TRIGGER household_tally_move
      AFTER UPDATE OF province_code, commune_code, commune_valid_from ON household
      WHEN old.province_code IS NOT new.province_code OR old.commune_code IS NOT new.commune_code
        OR old.commune_valid_from IS NOT new.commune_valid_from
    BEGIN
      UPDATE household_tally SET n = n - 1
      WHERE province_code = old.province_code AND commune_code = old.commune_code
        AND commune_valid_from = old.commune_valid_from;
      INSERT INTO household_tally (province_code, commune_code, commune_valid_from, n)
      VALUES (new.province_code, new.commune_code, new.commune_valid_from, 1)
      ON CONFLICT (province_code, commune_code, commune_valid_from) DO UPDATE SET n = n + 1;
    END`.execute(db);
  }
  // The households stored before this migration.
  await sql`INSERT INTO household_tally (province_code, commune_code, commune_valid_from, n)
    SELECT province_code, commune_code, commune_valid_from, count(*) FROM household
    GROUP BY province_code, commune_code, commune_valid_from`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`DROP TRIGGER household_tally_change ON household`.execute(db);
    await sql`DROP FUNCTION household_tally_change()`.execute(db);
  } else {
    for (const t of ['household_tally_move', 'household_tally_delete', 'household_tally_insert'])
      await sql`DROP TRIGGER ${sql.raw(t)}`.execute(db);
  }
  await db.schema.dropTable('household_tally').execute();
}
