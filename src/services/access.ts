// Authorisation: every service call says which permission it needs and, for data of a unit, checks
// that the unit lies within the caller's scope. A commune officer never sees another commune.
import { AppError } from '../errors.js';
import type { Executor } from '../db/repositories/executor.js';
import { findUnitVersions, listCodesUnder } from '../db/repositories/units.repository.js';
import { listLinksOfCode, listLinksOfCodes } from '../db/repositories/succession.repository.js';
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
 * `reformLinks: false` leaves the last out: the units as they stood before the reform took
 * effect, for a duty that the reform carried over only from its first day (decision 0039).
 */
export async function unitWithinScope(
  db: Executor,
  scopeCode: string,
  targetCode: string,
  opts: { reformLinks?: boolean } = {},
): Promise<boolean> {
  if (scopeCode === targetCode) return true;
  const versions = await findUnitVersions(db, targetCode);
  if (
    versions.some(
      (v) => v.province_code === scopeCode || v.district_code === scopeCode || v.parent_code === scopeCode,
    )
  ) {
    return true;
  }
  if (opts.reformLinks === false) return false;
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

// ── rows of a unit (docs/decisions/0015-row-scope-and-masking.md) ───────────────────────────
// A service that reads or writes a row by its id passes the row through `inScope`: the row's own
// unit (an existing household's commune, a disbursement's allocation unit, a task's issuing and
// assignee units…) is checked against the caller's scope, and a row outside it is answered with
// the very error a missing id gets. Never the unit named in the request: that is where the caller
// wants the row to go, which needs scope too (`requireUnitAccess`), on top of this.

/** Whether the actor's scope covers `unitCode` (always true for the system and the administrator). */
export async function isWithinScope(
  db: Executor,
  actor: Actor,
  unitCode: string,
  opts: { reformLinks?: boolean } = {},
): Promise<boolean> {
  const scope = scopeOf(actor);
  return scope === null || unitWithinScope(db, scope, unitCode, opts);
}

/**
 * The guard: `row` when it exists and one of its units lies within the actor's scope, otherwise
 * the not-found error of the row (the same for a missing and a hidden row: no existence oracle).
 * A row with several units (a task: its issuing unit and the ward it is assigned to) is visible
 * from any of them.
 */
export async function inScope<T>(
  db: Executor,
  actor: Actor,
  row: T | undefined | null,
  unitsOf: (row: T) => string | readonly (string | null | undefined)[],
  notFound: () => AppError,
): Promise<T> {
  if (row === undefined || row === null) throw notFound();
  const units = [unitsOf(row)].flat().filter((u): u is string => typeof u === 'string' && u !== '');
  for (const u of units) if (await isWithinScope(db, actor, u)) return row;
  throw notFound();
}

/**
 * The commune codes (of every period) an actor may write households of, for the bulk writers that
 * cannot ask per row: `null` for a national scope. The same rule as `unitWithinScope`, as a set:
 * the scope's own code, every unit whose province, district or parent it is, and every unit linked
 * by the 2025 reform to the scope or to a unit of the scope's district.
 */
export async function communesInScope(db: Executor, actor: Actor): Promise<ReadonlySet<string> | null> {
  const scope = scopeOf(actor);
  if (scope === null) return null;
  const under = await listCodesUnder(db, scope);
  const codes = new Set([scope, ...under.all]);
  for (const link of await listLinksOfCodes(db, [scope, ...under.ofDistrict])) {
    codes.add(link.predecessor_code);
    codes.add(link.successor_code);
  }
  return codes;
}
