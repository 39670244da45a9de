// Every /api/v1 route declares who may call it (`config.access`); buildApp refuses to start with a
// route that does not. The checks run on the matched route, never on the URL string (a path
// spelled `/%61pi/v1/…` reaches the same route and the same checks):
// - onRequest, before the body is read: the CSRF token of a signed-in browser on a state-changing
//   method, then the session, then the permission of the permission table
//   (src/domain/access/permissions.ts), then the unit scope when the scope key is a route
//   parameter or a query key. An anonymous or unauthorised caller never gets its body parsed.
// - preHandler, after the body is parsed and validated: the unit scope when the scope key is in
//   the body. The services check permission and scope again (the CLI and jobs call them too).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { requirePermission, requireUnitAccess } from '../services/access.js';
import type { Permission } from '../domain/access/permissions.js';

export type RouteAccess =
  /** Anyone, signed in or not. */
  | 'public'
  /** Any signed-in account, whatever its role (signing out). */
  | 'user'
  | {
      permission: Permission;
      /** Name of a route parameter, query or body key holding a unit code that must be within scope. */
      scope?: string;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function own(source: unknown, key: string): source is Record<string, unknown> {
  return Boolean(source) && typeof source === 'object' && Object.hasOwn(source as object, key);
}

async function checkScope(req: FastifyRequest, value: unknown): Promise<void> {
  if (typeof value === 'string' && value && req.actor)
    await requireUnitAccess(req.deps.db.kysely, req.actor, value);
}

/** Route-level onRequest hook of every route that declares access. */
export async function checkAccessBeforeBody(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const access = req.routeOptions.config.access;
  if (!access) return;
  // A signed-in browser must echo its session's token on every state-changing call, public
  // routes included (a forged comment in the officer's name is still a forgery).
  if (req.session && STATE_CHANGING.has(req.method) && req.headers['x-csrf-token'] !== req.session.csrfToken)
    throw new AppError('CSRF_INVALID');
  if (access === 'public') return;
  const actor = req.actor;
  if (!actor) throw new AppError('AUTH_REQUIRED');
  if (access === 'user') return;
  requirePermission(actor, access.permission);
  const key = access.scope;
  if (!key) return;
  if (own(req.params, key)) return checkScope(req, req.params[key]);
  if (own(req.query, key)) return checkScope(req, req.query[key]);
}

/** Route-level preHandler hook of the routes whose scope key may only be found in the body. */
export async function checkBodyScope(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const access = req.routeOptions.config.access;
  if (!access || typeof access === 'string' || !access.scope) return;
  const key = access.scope;
  if (own(req.params, key) || own(req.query, key)) return;
  if (own(req.body, key)) await checkScope(req, req.body[key]);
}
