// A change counter of the public content, per database handle, bumped by every use case that
// changes what the public pages show (articles, photos, moderated comments, settings). Pages keep
// short-lived copies of what they read and drop them as soon as the counter moves, so a reader
// sees an editor's or moderator's change at once, while a busy article page costs no query.
// Writers in another process (a CLI, a second server) are picked up when the copies expire.
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Deps } from '../deps.js';

const generations = new WeakMap<Db, number>();

export function publicContentGeneration(db: Db): number {
  return generations.get(db) ?? 0;
}

export function publicContentChanged(db: Db): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

/** Runs a use case's transaction and, once it has committed, marks the public content as changed. */
export async function publicTransaction<T>(
  deps: Deps,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const result = await deps.db.kysely.transaction().execute(fn);
  publicContentChanged(deps.db);
  return result;
}
