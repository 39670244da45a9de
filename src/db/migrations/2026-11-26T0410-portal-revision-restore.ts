// Portal revisions: a version saved by restoring an older one says which, so the history reads
// "version 5, restored from version 2" instead of an unexplained jump back in the text.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('portal_article_revision').addColumn('restored_from', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('portal_article_revision').dropColumn('restored_from').execute();
}
