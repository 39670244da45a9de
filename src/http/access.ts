// Every /api/v1 route declares who may call it (`config.access`); buildApp refuses to start with a
// route that does not. The check runs before the handler: roles first, then the unit scope of the
// parameter named by `scope` (a commune officer never reaches another commune's data).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { requireRole, requireUnitAccess } from '../services/access.js';
import type { Role } from '../services/deps.js';

export interface RouteAccess {
  /** 'public': anyone; 'user': any signed-in account; or the list of roles (admin always passes). */
  roles: 'public' | 'user' | readonly Role[];
  /** Name of a route parameter, query or body key holding a unit code that must be within scope. */
  scope?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

function pick(req: FastifyRequest, key: string): unknown {
  for (const source of [req.params, req.query, req.body]) {
    if (source && typeof source === 'object' && key in source)
      return (source as Record<string, unknown>)[key];
  }
  return undefined;
}

export async function enforceAccess(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const access = req.routeOptions.config.access;
  if (!access || access.roles === 'public') return;
  const actor = req.actor;
  if (!actor) throw new AppError('AUTH_REQUIRED');
  if (access.roles !== 'user') requireRole(actor, access.roles);
  if (access.scope) {
    const code = pick(req, access.scope);
    if (typeof code === 'string' && code) await requireUnitAccess(req.deps.db.kysely, actor, code);
  }
}
