// Where the results of a surveyed unit version land on the units in force on a date, shared by
// `report summary` and `report balance`. Rule (docs/decisions/0007-review-campaign.md): a result
// counts for the unit version it was surveyed in. When that version is not in force on the target
// date, it follows the succession links forward (several steps if needed) to the unit in force on
// the date. A partial split (a predecessor with several successors) sends all of its results to
// one successor: the one that kept the predecessor's code if any, else the lowest code among the
// successors. Results are never divided between successors, because a household lives in exactly
// one place and we do not know which part of the split area it was in.
import { AppError } from '../../errors.js';
import {
  findUnitOn,
  findUnitVersions,
  listSuccessions,
  listUnitsOn,
  type UnitRecord,
} from '../../db/repositories/units.repository.js';
import type { Deps } from '../deps.js';

// The unit lists are reference data, loaded once at start-up and never edited by the product:
// the units of a province on a date are read once per process (a report is then a few thousand
// aggregate rows and no unit query).
const unitListCache = new WeakMap<object, Map<string, Promise<UnitRecord[]>>>();
interface ReferenceCache {
  forward: Map<string, { code: string; validFrom: string }[]> | undefined;
  /** target date → surveyed unit version → the unit in force on that date. */
  landing: Map<string, Map<string, UnitRecord | undefined>>;
}
const referenceCaches = new WeakMap<object, ReferenceCache>();
/** The database a cache belongs to: its connection, whatever wrapper of it (a transaction's, a read scope's) the caller holds. */
const databaseOf = (deps: Deps): object => deps.db.sqlite ?? deps.db.pool ?? deps.db;
function referenceCache(deps: Deps): ReferenceCache {
  let c = referenceCaches.get(databaseOf(deps));
  if (!c) referenceCaches.set(databaseOf(deps), (c = { forward: undefined, landing: new Map() }));
  return c;
}
export function unitsOfProvinceOn(deps: Deps, provinceCode: string, on: string): Promise<UnitRecord[]> {
  let perDb = unitListCache.get(databaseOf(deps));
  if (!perDb) unitListCache.set(databaseOf(deps), (perDb = new Map()));
  const key = `${provinceCode}|${on}`;
  let hit = perDb.get(key);
  if (!hit) {
    hit = listUnitsOn(deps.db.kysely, { date: on, provinceCode });
    hit.catch(() => perDb.delete(key));
    perDb.set(key, hit);
  }
  return hit;
}

export interface Regrouping {
  /** The unit of the report, in force on the date. */
  unit: UnitRecord;
  /** Its child units on the date (none for a commune), by code. */
  children: UnitRecord[];
  /** The communes in force on the date under the unit (the unit itself for a commune). */
  communes: UnitRecord[];
  /** The commune in force on the date where the results of a surveyed commune version land. */
  landing(code: string, validFrom: string): Promise<UnitRecord | undefined>;
  /** The child (or, for a commune report, the commune itself) a landed commune counts in. */
  childOf(commune: UnitRecord): UnitRecord | undefined;
}

export async function regroupingOn(deps: Deps, unitCode: string, on: string): Promise<Regrouping> {
  const db = deps.db.kysely;
  const unit = await findUnitOn(db, unitCode, on);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { code: unitCode, date: on }, { field: 'unit' });
  const all = await unitsOfProvinceOn(deps, unit.province_code, on);
  const byCode = new Map(all.map((u) => [u.code + '|' + u.level, u]));
  const communeOn = new Map(all.filter((u) => u.level === 'commune').map((u) => [u.code, u]));
  const children =
    unit.level === 'commune'
      ? []
      : all
          .filter((u) => u.parent_code === unit.code && u.level !== unit.level)
          .sort((a, b) => a.code.localeCompare(b.code));
  const childOf = (commune: UnitRecord): UnitRecord | undefined => {
    if (unit.level === 'commune') return commune.code === unit.code ? commune : undefined;
    if (commune.parent_code === unit.code) return commune;
    const parent = commune.parent_code ? byCode.get(commune.parent_code + '|district') : undefined;
    if (parent && parent.parent_code === unit.code) return parent;
    return undefined;
  };
  const communes = [...communeOn.values()].filter((c) => childOf(c) !== undefined);

  const cache = referenceCache(deps);
  // Loaded only when some results were surveyed in a unit no longer in force on the date.
  const forwardLinks = async () => {
    if (cache.forward) return cache.forward;
    const forward = new Map<string, { code: string; validFrom: string }[]>();
    for (const s of await listSuccessions(db, { level: 'commune' })) {
      if (s.successor_level !== 'commune') continue;
      const k = `${s.predecessor_code}|${s.predecessor_valid_to}`;
      const list = forward.get(k) ?? [];
      list.push({ code: s.successor_code, validFrom: s.successor_valid_from });
      forward.set(k, list);
    }
    cache.forward = forward;
    return forward;
  };
  let versionCache = cache.landing.get(on);
  if (!versionCache) cache.landing.set(on, (versionCache = new Map()));
  const landed = versionCache;
  const landing = async (code: string, validFrom: string): Promise<UnitRecord | undefined> => {
    const key = `${code}|${validFrom}`;
    if (landed.has(key)) return landed.get(key);
    let result: UnitRecord | undefined;
    const current = communeOn.get(code);
    if (current && (current.valid_from ?? '') === validFrom) result = current;
    else {
      // The surveyed version: find when it ended, then follow its successors.
      const version = (await findUnitVersions(db, code)).find(
        (u) => u.level === 'commune' && (u.valid_from ?? '') === validFrom,
      );
      if (version && version.valid_to && version.valid_to < on) {
        const next = (await forwardLinks()).get(`${code}|${version.valid_to}`) ?? [];
        const pick =
          next.find((n) => n.code === code) ?? [...next].sort((a, b) => a.code.localeCompare(b.code))[0];
        if (pick) result = await landing(pick.code, pick.validFrom);
      } else if (version && (version.valid_from ?? '') > on) {
        // Results surveyed in a unit created after the date cannot be regrouped backwards.
        result = undefined;
      }
    }
    landed.set(key, result);
    return result;
  };
  return { unit, children, communes, landing, childOf };
}
