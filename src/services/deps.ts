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

export const ROLES = [
  'admin',
  'province-officer',
  'commune-officer',
  'finance-officer',
  'supervisor',
  'editor',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is asking. The CLI acts as `system` (the operator of the machine has every right). */
export type Actor =
  | { kind: 'user'; id: number; username: string; role: Role; unitCode: string | null }
  | { kind: 'system'; username: string };

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
