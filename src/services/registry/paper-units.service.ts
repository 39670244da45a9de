// The units the paperwork screen offers for a review period (issue 12): within the actor's scope,
// the communes and wards that hold the review of that period — in force on the review's date, so
// after the 2025 mergers the successor wards, not the city that ended on 30/06/2025 — each saying
// whether it holds a review (a periodic campaign, or imported results) or none yet, and the actor's
// own unit (for its register and reporting round) with the day it ended when it did.
import {
  findUnitOn,
  findUnitVersions,
  listUnitsOn,
  type UnitRecord,
} from '../../db/repositories/units.repository.js';
import { communesWithReview } from '../../db/repositories/reports.repository.js';
import { communesInScope, requirePermission, scopeOf } from '../access.js';
import { periodOf } from '../input.js';
import type { Actor, Deps } from '../deps.js';

/** The day whose units a review of `period` is read on: the periodic review runs in the autumn (the papers read it so). */
export const reviewDateOf = (period: number) => `${period}-10-15`;

export type ReviewHeld = 'campaign' | 'results' | 'none';

export interface PaperUnit {
  code: string;
  name: string;
  level: string;
  parentName: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** For a commune: what it holds of the period's review; null for a unit above the communes. */
  review: ReviewHeld | null;
}

export interface PaperUnits {
  period: number;
  /** The review's date: the communes listed are those in force on it. */
  on: string;
  /** The actor's own unit as it stood in the period (its last version when it ended); null for a national account. */
  own: (PaperUnit & { inForceOnReview: boolean }) | null;
  /** The actor's own unit (when above the communes and in force during the period), then the communes by name. */
  items: PaperUnit[];
}

const itemOf = (u: UnitRecord, parentName: string | null, review: ReviewHeld | null): PaperUnit => ({
  code: u.code,
  name: u.name,
  level: u.level,
  parentName,
  validFrom: u.valid_from,
  validTo: u.valid_to,
  review,
});

export async function paperUnits(deps: Deps, actor: Actor, q: { period: unknown }): Promise<PaperUnits> {
  requirePermission(actor, 'registry.read');
  const db = deps.db.kysely;
  const period = periodOf(deps, q.period);
  const on = reviewDateOf(period);
  const scope = scopeOf(actor);
  const allowed = await communesInScope(db, actor);
  const start = `${period}-01-01`;
  const end = `${period}-12-31`;

  let ownVersion: UnitRecord | undefined;
  if (scope !== null) {
    const versions = await findUnitVersions(db, scope);
    ownVersion =
      versions
        .filter((v) => (v.valid_from ?? '') <= end && (v.valid_to === null || v.valid_to >= start))
        .pop() ?? versions[versions.length - 1];
  }
  const provinces = ownVersion ? [ownVersion.province_code] : null;
  const held = new Map(
    (await communesWithReview(db, period, provinces))
      .filter((r) => allowed === null || allowed.has(r.code))
      .map((r) => [`${r.code}|${r.validFrom}`, r.campaign ? ('campaign' as const) : ('results' as const)]),
  );

  // The province's units on the review's date give the communes in force and their parents' names.
  const onDate = provinces ? await listUnitsOn(db, { date: on, provinceCode: provinces[0]! }) : [];
  const nameOf = new Map(onDate.map((u) => [`${u.code}|${u.level}`, u.name]));
  const parentNameOf = async (u: UnitRecord) => {
    if (!u.parent_code) return null;
    const level = u.parent_code.length === 2 ? 'province' : 'district';
    return (
      nameOf.get(`${u.parent_code}|${level}`) ??
      (await findUnitOn(db, u.parent_code, u.valid_to ?? on))?.name ??
      null
    );
  };
  const communes: PaperUnit[] = [];
  const seen = new Set<string>();
  for (const u of onDate) {
    if (u.level !== 'commune' || (allowed !== null && !allowed.has(u.code))) continue;
    const key = `${u.code}|${u.valid_from ?? ''}`;
    seen.add(key);
    communes.push(itemOf(u, await parentNameOf(u), held.get(key) ?? 'none'));
  }
  // Reviews held under a commune version not in force on the date (a national account's view, or
  // results imported under a version that ended during the year).
  for (const [key, review] of held) {
    if (seen.has(key)) continue;
    const [code, validFrom] = key.split('|') as [string, string];
    const version = (await findUnitVersions(db, code)).find(
      (v) => v.level === 'commune' && (v.valid_from ?? '') === validFrom,
    );
    if (version) communes.push(itemOf(version, await parentNameOf(version), review));
  }
  communes.sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code));

  const ownItem = ownVersion
    ? itemOf(
        ownVersion,
        await parentNameOf(ownVersion),
        ownVersion.level === 'commune'
          ? (held.get(`${ownVersion.code}|${ownVersion.valid_from ?? ''}`) ?? 'none')
          : null,
      )
    : null;
  const inForce = (u: PaperUnit, day: string) =>
    (u.validFrom ?? '') <= day && (u.validTo === null || u.validTo >= day);
  const own = ownItem ? { ...ownItem, inForceOnReview: inForce(ownItem, on) } : null;
  // A unit above the communes is offered first while it existed during the period (its register
  // and its reporting round); a commune is among the communes when it holds the date.
  const inPeriod =
    ownItem !== null && (ownItem.validFrom ?? '') <= end && (ownItem.validTo ?? '9999') >= start;
  const items = ownItem && inPeriod && ownItem.level !== 'commune' ? [ownItem, ...communes] : communes;
  return { period, on, own, items };
}
