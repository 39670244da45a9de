// A word index over the folded search key of households (head, members, householdId, address),
// so that a province-wide search reads the households that contain the words instead of scanning
// the province (docs/decisions/0006-registry-storage.md).
// - SQLite: an FTS5 external-content table over household.search_key, kept current by triggers,
//   so every single write maintains it in its own transaction; the bulk import and the restore
//   pause them and index what they wrote at their end, in the same transaction.
//   detail=none: only "which households contain the word" is needed (no phrases, no positions);
//   prefix='2 3 4 5 6 7': the last word of a query is matched as a prefix while the user types;
//   indexing the prefixes up to the longest Vietnamese syllable (7 letters) makes that prefix one
//   index lookup instead of a merge of every word that starts with it (16 → 3 ms on 1M households).
// - PostgreSQL: a GIN index over to_tsvector('simple', search_key): the same words (the key is
//   already lower-case ASCII words), matched with to_tsquery (prefix with :*). No extension.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`CREATE INDEX household_search ON household USING gin (to_tsvector('simple'::regconfig, search_key))`.execute(
      db,
    );
    return;
  }
  await sql`CREATE VIRTUAL TABLE household_search USING fts5(search_key, content='household', content_rowid='id', tokenize='unicode61', prefix='2 3 4 5 6 7', detail='none')`.execute(
    db,
  );
  // While this table holds a row — only inside the transaction of a bulk import or a restore on
  // SQLite — the triggers leave the index alone: the import indexes the households it wrote with
  // set statements at its end (deferSearchIndex), the restore rebuilds the index from the rows it
  // loaded (rebuildSearchIndex). An FTS5 write from a trigger is flushed row by row: about
  // 0.1 ms a household, 100 s more on a 1,000,000-household import.
  await sql`CREATE TABLE household_search_pause (since TEXT NOT NULL)`.execute(db);
  await sql`CREATE TRIGGER household_search_insert AFTER INSERT ON household
    WHEN NOT EXISTS (SELECT 1 FROM household_search_pause) BEGIN
    INSERT INTO household_search (rowid, search_key) VALUES (new.id, new.search_key);
  END`.execute(db);
  await sql`CREATE TRIGGER household_search_delete AFTER DELETE ON household
    WHEN NOT EXISTS (SELECT 1 FROM household_search_pause) BEGIN
    INSERT INTO household_search (household_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  END`.execute(db);
  await sql`CREATE TRIGGER household_search_update AFTER UPDATE OF search_key ON household
    WHEN old.search_key IS NOT new.search_key AND NOT EXISTS (SELECT 1 FROM household_search_pause) BEGIN
    INSERT INTO household_search (household_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    INSERT INTO household_search (rowid, search_key) VALUES (new.id, new.search_key);
  END`.execute(db);
  // Households stored before this migration.
  await sql`INSERT INTO household_search (household_search) VALUES ('rebuild')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`DROP INDEX household_search`.execute(db);
    return;
  }
  for (const t of ['household_search_update', 'household_search_delete', 'household_search_insert'])
    await sql`DROP TRIGGER ${sql.raw(t)}`.execute(db);
  await sql`DROP TABLE household_search`.execute(db);
  await sql`DROP TABLE household_search_pause`.execute(db);
}
