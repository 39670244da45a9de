// Payloads of the portal API (src/http/routes/portal.routes.ts), defined once: Fastify validates
// with them and /api/docs publishes them. The public forms are checked field by field by the
// services (coded errors naming the field), so their schemas only describe the fields.
import type { FromSchema } from 'json-schema-to-ts';
import { COMMENT_STATUSES, FEEDBACK_KINDS, FEEDBACK_STATUSES } from '../../domain/public/statuses.js';

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,12}$' } },
} as const;
export type IdParams = FromSchema<typeof idParams>;

export const revisionParams = {
  type: 'object',
  required: ['id', 'version'],
  properties: {
    id: { type: 'string', pattern: '^[0-9]{1,12}$' },
    version: { type: 'string', pattern: '^[0-9]{1,9}$' },
  },
} as const;
export type RevisionParams = FromSchema<typeof revisionParams>;

/** A citizen's comment on an article (held for moderation). */
export const commentBody = {
  type: 'object',
  properties: {
    articleId: {},
    name: { type: 'string' },
    body: { type: 'string' },
    captcha: {},
    website: { type: 'string' },
  },
} as const;

/** A citizen's feedback on a public list or the program. */
export const feedbackBody = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['list', 'program'] },
    communeCode: { type: 'string' },
    name: { type: 'string' },
    contact: { type: 'string' },
    subject: { type: 'string' },
    body: { type: 'string' },
    captcha: {},
    website: { type: 'string' },
  },
} as const;

// ── answers (response schemas) ──────────────────────────────────────────────
// Every field the service sends is listed; additionalProperties false keeps the derived types
// closed, and fast-json-stringify drops anything a service might add without saying so here.
export const challengeSchema = {
  type: 'object',
  properties: {
    algorithm: { type: 'string', enum: ['SHA-1', 'SHA-256', 'SHA-512'] },
    challenge: { type: 'string' },
    maxnumber: { type: 'number' },
    salt: { type: 'string' },
    signature: { type: 'string' },
  },
  required: ['algorithm', 'challenge', 'salt', 'signature'],
  additionalProperties: false,
} as const;
export const submittedCommentSchema = {
  type: 'object',
  properties: { id: { type: ['number', 'null'] }, status: { type: 'string', enum: ['pending'] } },
  required: ['id', 'status'],
  additionalProperties: false,
} as const;
export const feedbackReceiptResponse = {
  type: 'object',
  properties: {
    code: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['received'] },
    complaintFiled: { type: 'boolean' },
  },
  required: ['code', 'status'],
  additionalProperties: false,
} as const;
export const feedbackStatusViewSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    kind: { type: 'string', enum: FEEDBACK_KINDS },
    subject: { type: 'string' },
    status: { type: 'string', enum: FEEDBACK_STATUSES },
    response: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    complaint: {
      type: ['object', 'null'],
      properties: {
        status: { type: 'string', enum: ['open', 'accepted', 'rejected'] },
        reason: { type: ['string', 'null'] },
        resolvedOn: { type: ['string', 'null'] },
      },
      required: ['status', 'reason', 'resolvedOn'],
      additionalProperties: false,
    },
  },
  required: ['code', 'kind', 'subject', 'status', 'response', 'createdAt', 'updatedAt', 'complaint'],
  additionalProperties: false,
} as const;
export const categoryListResponse = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { slug: { type: 'string' }, nameVi: { type: 'string' }, nameEn: { type: 'string' } },
        required: ['slug', 'nameVi', 'nameEn'],
        additionalProperties: false,
      },
    },
  },
  required: ['items'],
  additionalProperties: false,
} as const;
export const photoSourceSchema = {
  type: 'object',
  properties: { width: { type: 'number' }, webp: { type: 'string' }, jpeg: { type: 'string' } },
  required: ['width', 'webp', 'jpeg'],
  additionalProperties: false,
} as const;
export const photoViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    articleId: { type: 'number' },
    position: { type: 'number' },
    caption: { type: 'string' },
    alt: { type: 'string' },
    width: { type: 'number' },
    height: { type: 'number' },
    sources: { type: 'array', items: photoSourceSchema },
  },
  required: ['id', 'articleId', 'position', 'caption', 'alt', 'width', 'height', 'sources'],
  additionalProperties: false,
} as const;
export const articleListResponse = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          commentCount: { type: 'number' },
          id: { type: 'number' },
          slug: { type: 'string' },
          title: { type: 'string' },
          summary: { type: 'string' },
          bodyHtml: { type: 'string' },
          categorySlug: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' } },
          authorName: { type: 'string' },
          status: { type: 'string', enum: ['draft', 'scheduled', 'published', 'withdrawn'] },
          publishedAt: { type: ['string', 'null'] },
          version: { type: 'number' },
          createdAt: { type: 'string' },
          updatedAt: { type: 'string' },
          photos: { type: 'array', items: photoViewSchema },
        },
        required: [
          'commentCount',
          'id',
          'slug',
          'title',
          'summary',
          'bodyHtml',
          'categorySlug',
          'tags',
          'authorName',
          'status',
          'publishedAt',
          'version',
          'createdAt',
          'updatedAt',
          'photos',
        ],
        additionalProperties: false,
      },
    },
  },
  required: ['items'],
  additionalProperties: false,
} as const;
export const articleViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    slug: { type: 'string' },
    title: { type: 'string' },
    summary: { type: 'string' },
    bodyHtml: { type: 'string' },
    categorySlug: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    authorName: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'scheduled', 'published', 'withdrawn'] },
    publishedAt: { type: ['string', 'null'] },
    version: { type: 'number' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    photos: { type: 'array', items: photoViewSchema },
  },
  required: [
    'id',
    'slug',
    'title',
    'summary',
    'bodyHtml',
    'categorySlug',
    'tags',
    'authorName',
    'status',
    'publishedAt',
    'version',
    'createdAt',
    'updatedAt',
    'photos',
  ],
  additionalProperties: false,
} as const;
export const revisionViewSchema = {
  type: 'object',
  properties: {
    version: { type: 'number' },
    title: { type: 'string' },
    summary: { type: 'string' },
    bodyHtml: { type: 'string' },
    categorySlug: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    editor: { type: 'string' },
    createdAt: { type: 'string' },
    restoredFrom: { type: ['number', 'null'] },
  },
  required: [
    'version',
    'title',
    'summary',
    'bodyHtml',
    'categorySlug',
    'tags',
    'editor',
    'createdAt',
    'restoredFrom',
  ],
  additionalProperties: false,
} as const;
export const revisionListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: revisionViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;
export const previewResponse = {
  type: 'object',
  properties: { bodyHtml: { type: 'string' } },
  required: ['bodyHtml'],
  additionalProperties: false,
} as const;
export const siteSettingsSchema = {
  type: 'object',
  properties: {
    slogans: { type: 'array', items: { type: 'string' } },
    slogansEn: { type: 'array', items: { type: 'string' } },
  },
  required: ['slogans', 'slogansEn'],
  additionalProperties: false,
} as const;
export const commentViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    articleId: { type: 'number' },
    articleTitle: { type: 'string' },
    articleSlug: { type: 'string' },
    name: { type: 'string' },
    body: { type: 'string' },
    status: { type: 'string', enum: COMMENT_STATUSES },
    rejectReason: { type: ['string', 'null'] },
    moderatedBy: { type: ['string', 'null'] },
    moderatedAt: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
  },
  required: [
    'id',
    'articleId',
    'articleTitle',
    'articleSlug',
    'name',
    'body',
    'status',
    'rejectReason',
    'moderatedBy',
    'moderatedAt',
    'createdAt',
  ],
  additionalProperties: false,
} as const;
export const commentListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: commentViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;
export const moderationResponse = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    status: { type: 'string', enum: COMMENT_STATUSES },
    rejectReason: { type: ['string', 'null'] },
  },
  required: ['id', 'status', 'rejectReason'],
  additionalProperties: false,
} as const;
export const feedbackViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    communeCode: { type: ['string', 'null'] },
    name: { type: 'string' },
    contact: { type: ['string', 'null'] },
    body: { type: 'string' },
    handledBy: { type: ['string', 'null'] },
    complaintRef: { type: ['string', 'null'] },
    response: { type: ['string', 'null'] },
    status: { type: 'string', enum: FEEDBACK_STATUSES },
    kind: { type: 'string', enum: FEEDBACK_KINDS },
    code: { type: 'string' },
    subject: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: [
    'id',
    'communeCode',
    'name',
    'contact',
    'body',
    'handledBy',
    'complaintRef',
    'response',
    'status',
    'kind',
    'code',
    'subject',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
} as const;
export const feedbackListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: feedbackViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;

/** A 204: nothing in the body. */
export const noContentResponse = { type: 'null', description: 'Không có nội dung / No content' } as const;

// The answers' types, derived: the web app imports these (type-only) instead of restating them.
export type PhotoView = FromSchema<typeof photoViewSchema>;
export type ArticleView = FromSchema<typeof articleViewSchema>;
export type ArticleListItem = FromSchema<typeof articleListResponse>['items'][number];
export type CategoryView = FromSchema<typeof categoryListResponse>['items'][number];
export type CommentView = FromSchema<typeof commentViewSchema>;
export type FeedbackView = FromSchema<typeof feedbackViewSchema>;
export type SiteSettingsView = FromSchema<typeof siteSettingsSchema>;
export type RevisionView = FromSchema<typeof revisionViewSchema>;
