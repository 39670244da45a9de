// What every service needs, passed explicitly (no module-level handles): the database, the
// validated configuration and the clock. Tests build their own with an in-memory database and a
// fixed clock.
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';

export interface Deps {
  readonly db: Db;
  readonly config: Config;
  /** The current instant. Services never read the system clock themselves. */
  readonly now: () => Date;
}

// The roles live in the permission table; re-exported so that services keep one import.
export { ROLES, isRole, type Role } from '../domain/access/permissions.js';
import type { Role } from '../domain/access/permissions.js';

/** Who is asking. The CLI acts as `system` (the operator of the machine has every right). */
export type Actor =
  | { kind: 'user'; id: number; username: string; role: Role; unitCode: string | null; route?: string }
  | { kind: 'system'; username: string; route?: string };
// `route`: where the request came in (`GET /api/v1/registry/households/:householdId`, `cli
// registry export`), set by the adapters; the access record names it (services/privacy).

export const SYSTEM: Actor = { kind: 'system', username: 'system' };

export function actorName(actor: Actor): string {
  return actor.username;
}

export function actorId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

export function nowIso(deps: Deps): string {
  return deps.now().toISOString();
}
