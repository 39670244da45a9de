// Payloads of sign-in, sign-out and "who am I" (src/http/routes/auth.routes.ts), defined once.
import type { FromSchema } from 'json-schema-to-ts';
import { userSchema } from './users.js';

export const loginBody = {
  type: 'object',
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 256 },
  },
} as const;
export type LoginBody = FromSchema<typeof loginBody>;

export const loginResponse = {
  type: 'object',
  required: ['user', 'csrfToken', 'expiresAt'],
  properties: { user: userSchema, csrfToken: { type: 'string' }, expiresAt: { type: 'string' } },
  additionalProperties: false,
} as const;
export type LoginAnswer = FromSchema<typeof loginResponse>;

/** The signed-in account and the CSRF token the web app echoes in `x-csrf-token`. */
export const sessionResponse = {
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: { user: userSchema, csrfToken: { type: 'string' } },
  additionalProperties: false,
} as const;
export type SessionAnswer = FromSchema<typeof sessionResponse>;

export const logoutResponse = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok'] } },
  additionalProperties: false,
} as const;
