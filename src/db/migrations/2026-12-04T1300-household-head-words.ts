// A word index over the words of each head's name after the first (SQLite), for the third tier of
// the household search's ranking: "the head's name contains the query" (at a word, not at its
// start: that is the second tier). Without it a province-wide search whose words are common but
// whose query no head name contains — a common full-name prefix, a bare householdId prefix, a
// village name — read the whole (province, head) index to find that tier empty: 78 ms of CPU on
// 1,000,000 households (docs/decisions/0035-national-run.md, addendum of 04/12/2026).
// - Contentless (content='', contentless_delete=1): the words are derived from head_key, nothing
//   is stored twice; a household's entry is deleted by its id. detail=none, prefix='2 3' as for
//   household_search (the last word of a query is a prefix), on a vocabulary of names only.
// - Kept current by triggers on household, paused with household_search's triggers during a bulk
//   import or a restore, which index what they wrote at their end (household-search.repository).
// - PostgreSQL: the same words as a GIN expression index over to_tsvector('simple', the head's
//   later words) on the (partitioned) household table: kept by the database itself on every write
//   path, COPY included.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './helpers.js';

/** The words of a folded head name after the first ('' for a one-word name). */
const TAIL = (col: string) =>
  sql.raw(`CASE WHEN instr(${col}, ' ') > 0 THEN substr(${col}, instr(${col}, ' ') + 1) ELSE '' END`);

/** PostgreSQL's spelling of TAIL (strpos for instr); household-search.repository.ts repeats it to use the index. */
const PG_HEAD_WORDS = `to_tsvector('simple'::regconfig, CASE WHEN strpos(head_key, ' ') > 0 THEN substr(head_key, strpos(head_key, ' ') + 1) ELSE '' END)`;

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`CREATE INDEX household_head_words ON household USING gin (${sql.raw(PG_HEAD_WORDS)})`.execute(
      db,
    );
    return;
  }
  await sql`CREATE VIRTUAL TABLE household_head_words USING fts5(words, content='', contentless_delete=1, tokenize='unicode61', prefix='2 3', detail='none')`.execute(
    db,
  );
  await sql`CREATE TRIGGER household_head_words_insert AFTER INSERT ON household
    WHEN NOT EXISTS (SELECT 1 FROM household_search_pause) BEGIN
    INSERT INTO household_head_words (rowid, words) VALUES (new.id, ${TAIL('new.head_key')});
  END`.execute(db);
  await sql`CREATE TRIGGER household_head_words_delete AFTER DELETE ON household
    WHEN NOT EXISTS (SELECT 1 FROM household_search_pause) BEGIN
    DELETE FROM household_head_words WHERE rowid = old.id;
  END`.execute(db);
  await sql`CREATE TRIGGER household_head_words_update AFTER UPDATE OF head_key ON household
    WHEN old.head_key IS NOT new.head_key AND NOT EXISTS (SELECT 1 FROM household_search_pause) BEGIN
    DELETE FROM household_head_words WHERE rowid = old.id;
    INSERT INTO household_head_words (rowid, words) VALUES (new.id, ${TAIL('new.head_key')});
  END`.execute(db);
  // Households stored before this migration.
  await sql`INSERT INTO household_head_words (rowid, words) SELECT id, ${TAIL('head_key')} FROM household`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`DROP INDEX household_head_words`.execute(db);
    return;
  }
  for (const t of [
    'household_head_words_update',
    'household_head_words_delete',
    'household_head_words_insert',
  ])
    await sql`DROP TRIGGER ${sql.raw(t)}`.execute(db);
  await sql`DROP TABLE household_head_words`.execute(db);
}
