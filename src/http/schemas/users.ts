// Payloads of the account routes (src/http/routes/users.routes.ts), defined once: Fastify validates
// and serialises with them, /api/docs publishes them, and the web app imports the derived types.
import type { FromSchema } from 'json-schema-to-ts';
import { ROLES } from '../../domain/access/permissions.js';

/** An account as the API shows it (never the password hash). */
export const userSchema = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'role', 'unitCode', 'active'],
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    unitCode: { type: ['string', 'null'] },
    active: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;
export type User = FromSchema<typeof userSchema>;

export const usersListResponse = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: userSchema } },
  additionalProperties: false,
} as const;
export type UsersList = FromSchema<typeof usersListResponse>;

export const createUserBody = {
  type: 'object',
  required: ['username', 'password', 'role'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 256 },
    role: { type: 'string', enum: ROLES },
    unitCode: { type: ['string', 'null'] },
    displayName: { type: 'string', maxLength: 200 },
  },
} as const;
export type CreateUserBody = FromSchema<typeof createUserBody>;
