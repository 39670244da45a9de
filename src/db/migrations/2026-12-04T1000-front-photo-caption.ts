// A house photo's caption (issue 16): what the photo shows in the Front's words, shown under it on
// the house's page. The demo's drawn photos say "Ảnh minh họa" there, so no drawing passes for a
// photograph of a real house. Null for the photos stored before, and for answer attachments.
// Frozen: plain strings, no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('front_file').addColumn('caption', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('front_file').dropColumn('caption').execute();
}
