// Payloads of the portal API (src/http/routes/portal.routes.ts), defined once: Fastify validates
// with them and /api/docs publishes them. The public forms are checked field by field by the
// services (coded errors naming the field), so their schemas only describe the fields.
import type { FromSchema } from 'json-schema-to-ts';

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
