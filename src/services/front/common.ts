// Shared steps of the Front's services: audit, unit and household look-ups within scope.
import { AppError } from '../../errors.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findHouseholdsByKey } from '../../db/repositories/registry.repository.js';
import { findUnitOn, findUnitVersions, type UnitRecord } from '../../db/repositories/units.repository.js';
import { householdResultsAround } from '../../db/repositories/front.repository.js';
import { inScope, isWithinScope, unitWithinScope } from '../access.js';
import { actorId, actorName, type Actor } from '../deps.js';
import { reqText } from '../finance/common.js';

export async function audit(
  trx: Executor,
  actor: Actor,
  at: string,
  e: {
    action: string;
    entity: string;
    id: number | string;
    unitCode: string;
    provinceCode: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await insertAudit(trx, {
    at,
    actorId: actorId(actor),
    actor: actorName(actor),
    action: e.action,
    entity: e.entity,
    entityId: String(e.id),
    unitCode: e.unitCode,
    provinceCode: e.provinceCode,
    before: e.before,
    after: e.after,
  });
}

/** The unit holding `code` on `date`, or its last version before it (a unit merged in 2025). */
export async function unitAt(
  db: Executor,
  code: unknown,
  date: string,
  field = 'unitCode',
): Promise<UnitRecord> {
  const c = reqText(code, field, 10);
  const u =
    (await findUnitOn(db, c, date)) ??
    (await findUnitVersions(db, c)).filter((v) => (v.valid_from ?? '') <= date).pop();
  if (!u) throw new AppError('UNIT_NOT_FOUND', { code: c, date }, { field });
  return u;
}

/** The unit's name on a date (its code when unknown). */
export async function unitNameOf(db: Executor, code: string, date: string): Promise<string> {
  const u = (await findUnitOn(db, code, date)) ?? (await findUnitVersions(db, code)).pop();
  return u?.name ?? code;
}

/**
 * A registry household by its key that the actor may read and that lies within `withinUnit`
 * (the fund's or the plan's unit); anything else reads as missing.
 */
export async function householdInScope(
  db: Executor,
  actor: Actor,
  key: unknown,
  withinUnit: string | null,
  field: string,
) {
  const k = reqText(key, field, 60);
  const notFound = () => new AppError('HOUSEHOLD_NOT_FOUND', { id: k }, { field });
  for (const h of await findHouseholdsByKey(db, k)) {
    if (!(await isWithinScope(db, actor, h.commune_code))) continue;
    if (withinUnit !== null && !(await unitWithinScope(db, withinUnit, h.commune_code))) continue;
    return { ...h, id: Number(h.id) };
  }
  throw notFound();
}

/** The household's class at its latest result surveyed on or before `date` (null: none). */
export async function classOn(db: Executor, provinceCode: string, householdId: number, date: string) {
  const results = await householdResultsAround(db, provinceCode, householdId);
  const before = results.filter((r) => r.survey_date <= date).pop();
  return before?.classification ?? null;
}

export { inScope };
