// Public portal: articles with revisions, photos, categories, comments, citizen feedback, the
// captcha replay guard, the visit counter and the site settings (banner slogans).
import type { Kysely } from 'kysely';
import { notNull, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_category')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('name_vi', 'text', notNull)
    .addColumn('name_en', 'text', notNull)
    .addColumn('position', 'integer', notNull)
    .execute();
  await db
    .insertInto('portal_category')
    .values([
      { slug: 'tin-tuc', name_vi: 'Tin tức – sự kiện', name_en: 'News and events', position: 1 },
      {
        slug: 'chinh-sach',
        name_vi: 'Chính sách giảm nghèo',
        name_en: 'Poverty-reduction policy',
        position: 2,
      },
      { slug: 'guong-dien-hinh', name_vi: 'Gương điển hình', name_en: 'Good examples', position: 3 },
      { slug: 'thong-bao', name_vi: 'Thông báo', name_en: 'Announcements', position: 4 },
    ])
    .execute();

  await withId(db, db.schema.createTable('portal_article'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', notNull)
    .addColumn('summary', 'text', notNull)
    /** Sanitised HTML. */
    .addColumn('body_html', 'text', notNull)
    /** Lower-case, accent-free text of title, summary and body, for search on both dialects. */
    .addColumn('search_text', 'text', notNull)
    .addColumn('category_slug', 'text', (c) => c.notNull().references('portal_category.slug'))
    .addColumn('tags_json', 'text', notNull)
    .addColumn('author_name', 'text', notNull)
    .addColumn('author_id', 'integer')
    /** draft | published | withdrawn; a published article whose published_at is ahead is scheduled. */
    .addColumn('status', 'text', notNull)
    .addColumn('published_at', 'text')
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('portal_article_public')
    .on('portal_article')
    .columns(['status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('portal_article_category')
    .on('portal_article')
    .columns(['category_slug', 'status', 'published_at'])
    .execute();

  await withId(db, db.schema.createTable('portal_article_revision'))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('portal_article.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('summary', 'text', notNull)
    .addColumn('body_html', 'text', notNull)
    .addColumn('category_slug', 'text', notNull)
    .addColumn('tags_json', 'text', notNull)
    .addColumn('editor', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('portal_article_revision_version')
    .on('portal_article_revision')
    .columns(['article_id', 'version'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('portal_photo'))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('portal_article.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', notNull)
    .addColumn('caption', 'text', notNull)
    .addColumn('alt', 'text', notNull)
    /** Content hash naming the stored renditions: `<hash>-<width>.<webp|jpg>`. */
    .addColumn('file_key', 'text', notNull)
    /** JSON array of the widths rendered (never wider than the original). */
    .addColumn('widths_json', 'text', notNull)
    .addColumn('width', 'integer', notNull)
    .addColumn('height', 'integer', notNull)
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('portal_photo_article')
    .on('portal_photo')
    .columns(['article_id', 'position'])
    .execute();

  await withId(db, db.schema.createTable('portal_comment'))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('portal_article.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', notNull)
    .addColumn('body', 'text', notNull)
    /** pending | published | rejected */
    .addColumn('status', 'text', notNull)
    .addColumn('reject_reason', 'text')
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('portal_comment_article')
    .on('portal_comment')
    .columns(['article_id', 'status'])
    .execute();
  await db.schema
    .createIndex('portal_comment_status')
    .on('portal_comment')
    .columns(['status', 'created_at'])
    .execute();

  await withId(db, db.schema.createTable('portal_feedback'))
    /** The follow-up code handed to the citizen (unique, not guessable). */
    .addColumn('code', 'text', (c) => c.notNull().unique())
    /** list (about a posted household list) | program (about the program in general) */
    .addColumn('kind', 'text', notNull)
    .addColumn('commune_code', 'text')
    .addColumn('province_code', 'text')
    .addColumn('name', 'text', notNull)
    .addColumn('contact', 'text')
    .addColumn('subject', 'text', notNull)
    .addColumn('body', 'text', notNull)
    /** received | in-progress | answered | closed */
    .addColumn('status', 'text', notNull)
    .addColumn('response', 'text')
    .addColumn('handled_by', 'text')
    /** Where the feedback went in the review workflow (a complaint id), when it went there. */
    .addColumn('complaint_ref', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('portal_feedback_status')
    .on('portal_feedback')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('portal_captcha_used')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('portal_counter')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', notNull)
    .execute();

  await db.schema
    .createTable('portal_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'portal_setting',
    'portal_counter',
    'portal_captcha_used',
    'portal_feedback',
    'portal_comment',
    'portal_photo',
    'portal_article_revision',
    'portal_article',
    'portal_category',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
