// `report summary` (contracts/cli.md): counts of the approved results of a review period in a unit
// and each of its child units, read from the aggregates kept with every write (never from the
// results table). Units are those in force on 31 December of the period unless `unitsOn` asks to
// regroup the same results onto the units of another date.
//
// Regrouping rule (docs/decisions/0007-review-campaign.md): a result counts for the unit version
// it was surveyed in. When that version is not in force on the target date, it follows the
// succession links forward (several steps if needed) to the unit in force on the date. A partial
// split (a predecessor with several successors) sends all of its results to one successor: the
// one that kept the predecessor's code if any, else the lowest code among the successors. Results
// are never divided between successors, because a household lives in exactly one place and we do
// not know which part of the split area it was in.
import { AppError } from '../../errors.js';
import { optionalIsoDate } from '../../domain/dates.js';
import { periodOf } from '../input.js';
import {
  findUnitOn,
  findUnitVersions,
  listSuccessions,
  listUnitsOn,
  type UnitRecord,
} from '../../db/repositories/units.repository.js';
import { readAggregates } from '../../db/repositories/registry.repository.js';
import { requireRole, requireUnitAccess } from '../access.js';
import type { Actor, Deps } from '../deps.js';

export interface SummaryRow {
  unit: { code: string; name: string };
  period: number;
  households: number;
  poor: number;
  nearPoor: number;
  average: number;
  poorRate: number;
  nearPoorRate: number;
  multidimensionalRate: number;
}

export interface Summary extends SummaryRow {
  children: SummaryRow[];
}

interface Counts {
  households: number;
  poor: number;
  nearPoor: number;
  average: number;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function row(unit: { code: string; name: string }, period: number, c: Counts): SummaryRow {
  const h = c.households;
  return {
    unit,
    period,
    households: h,
    poor: c.poor,
    nearPoor: c.nearPoor,
    average: c.average,
    poorRate: h ? round(c.poor / h) : 0,
    nearPoorRate: h ? round(c.nearPoor / h) : 0,
    multidimensionalRate: h ? round((c.poor + c.nearPoor) / h) : 0,
  };
}

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
function referenceCache(deps: Deps): ReferenceCache {
  let c = referenceCaches.get(deps.db);
  if (!c) referenceCaches.set(deps.db, (c = { forward: undefined, landing: new Map() }));
  return c;
}
function unitsOfProvinceOn(deps: Deps, provinceCode: string, on: string): Promise<UnitRecord[]> {
  let perDb = unitListCache.get(deps.db);
  if (!perDb) unitListCache.set(deps.db, (perDb = new Map()));
  const key = `${provinceCode}|${on}`;
  let hit = perDb.get(key);
  if (!hit) {
    hit = listUnitsOn(deps.db.kysely, { date: on, provinceCode });
    hit.catch(() => perDb.delete(key));
    perDb.set(key, hit);
  }
  return hit;
}

export async function reportSummary(
  deps: Deps,
  actor: Actor,
  input: { period: number; unitCode: string; unitsOn?: string },
): Promise<Summary> {
  requireRole(actor, ['province-officer', 'commune-officer', 'finance-officer', 'supervisor']);
  const db = deps.db.kysely;
  const period = periodOf(deps, input.period);
  const on = optionalIsoDate(input.unitsOn, 'unitsOn') ?? `${period}-12-31`;
  await requireUnitAccess(db, actor, input.unitCode);
  const unit = await findUnitOn(db, input.unitCode, on);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { code: input.unitCode, date: on }, { field: 'unit' });

  // Units in force on the date within the province, and where each commune rolls up to.
  const all = await unitsOfProvinceOn(deps, unit.province_code, on);
  const byCode = new Map(all.map((u) => [u.code + '|' + u.level, u]));
  const communeOn = new Map(all.filter((u) => u.level === 'commune').map((u) => [u.code, u]));
  const children = all.filter((u) => u.parent_code === unit.code && u.level !== unit.level);
  if (unit.level === 'commune') children.length = 0;
  const childOf = (commune: UnitRecord): UnitRecord | undefined => {
    if (unit.level === 'commune') return commune.code === unit.code ? commune : undefined;
    if (commune.parent_code === unit.code) return commune;
    const parent = commune.parent_code ? byCode.get(commune.parent_code + '|district') : undefined;
    if (parent && parent.parent_code === unit.code) return parent;
    return undefined;
  };

  // Where the results of each surveyed unit version land on the date.
  const cells = await readAggregates(db, {
    period,
    status: 'approved',
    provinceCode: unit.province_code,
  });
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

  const total: Counts = { households: 0, poor: 0, nearPoor: 0, average: 0 };
  const perChild = new Map<string, Counts>();
  for (const c of cells) {
    const commune = await landing(c.unit_code, c.unit_valid_from);
    if (!commune) continue;
    const child = childOf(commune);
    if (!child) continue;
    const n = Number(c.n);
    const targets = [total];
    if (unit.level !== 'commune') {
      let cc = perChild.get(child.code);
      if (!cc) perChild.set(child.code, (cc = { households: 0, poor: 0, nearPoor: 0, average: 0 }));
      targets.push(cc);
    }
    for (const t of targets) {
      t.households += n;
      if (c.classification === 'POOR') t.poor += n;
      else if (c.classification === 'NEAR_POOR') t.nearPoor += n;
      else if (c.classification === 'AVERAGE') t.average += n;
    }
  }
  const empty: Counts = { households: 0, poor: 0, nearPoor: 0, average: 0 };
  return {
    ...row({ code: unit.code, name: unit.name }, input.period, total),
    children: children
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((ch) => row({ code: ch.code, name: ch.name }, input.period, perChild.get(ch.code) ?? empty)),
  };
}
