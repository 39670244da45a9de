// Authorisation: every service call says which permission it needs and, for data of a unit, checks
// that the unit lies within the caller's scope. A commune officer never sees another commune.
import { AppError } from '../errors.js';
import type { Executor } from '../db/repositories/executor.js';
import { findUnitVersions } from '../db/repositories/units.repository.js';
import { listLinksOfCode } from '../db/repositories/succession.repository.js';
import type { Actor } from './deps.js';
import { can, type Permission } from '../domain/access/permissions.js';

/**
 * Whether the actor holds `permission` in the permission table (src/domain/access/permissions.ts).
 * The CLI's `system` actor, the operator of the machine, holds every permission.
 */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || can(actor.role, permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (hasPermission(actor, permission)) return;
  throw new AppError('FORBIDDEN_ROLE', { role: actor.kind === 'user' ? actor.role : '' });
}

/**
 * Who may see who the households are (names of the head and members, birth dates, citizen IDs):
 * the permission `registry.personal-data`. Finance officers and supervisors read the lists for
 * counts and follow-up; they see initials instead of names (Decree 13/2023 on personal data: the
 * least data for the purpose).
 */
export function canSeePersonalData(actor: Actor): boolean {
  return hasPermission(actor, 'registry.personal-data');
}

export function requirePersonalData(actor: Actor): void {
  if (!canSeePersonalData(actor))
    throw new AppError('PERSONAL_DATA_FORBIDDEN', { role: actor.kind === 'user' ? actor.role : '' });
}

/** The unit code an actor is limited to, or null for the whole country. */
export function scopeOf(actor: Actor): string | null {
  return actor.kind === 'system' || actor.role === 'admin' ? null : actor.unitCode;
}

/**
 * Whether `targetCode` lies within the unit `scopeCode`: the same code, a unit below it in any
 * period (a commune of a pre-2025 district, of a province), or a unit linked to it by the 2025
 * reform (a ward officer of Phường Nam Sầm Sơn sees the results of its four predecessors).
 */
export async function unitWithinScope(db: Executor, scopeCode: string, targetCode: string): Promise<boolean> {
  if (scopeCode === targetCode) return true;
  const versions = await findUnitVersions(db, targetCode);
  if (
    versions.some(
      (v) => v.province_code === scopeCode || v.district_code === scopeCode || v.parent_code === scopeCode,
    )
  ) {
    return true;
  }
  const links = await listLinksOfCode(db, targetCode);
  for (const link of links) {
    const other = link.predecessor_code === targetCode ? link.successor_code : link.predecessor_code;
    if (other === scopeCode) return true;
    const otherVersions = await findUnitVersions(db, other);
    if (otherVersions.some((v) => v.district_code === scopeCode)) return true;
  }
  return false;
}

export async function requireUnitAccess(db: Executor, actor: Actor, unitCode: string): Promise<void> {
  const scope = scopeOf(actor);
  if (scope === null) return;
  if (!(await unitWithinScope(db, scope, unitCode))) throw new AppError('FORBIDDEN_SCOPE', { unitCode });
}
