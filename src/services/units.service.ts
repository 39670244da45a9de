// Use cases on administrative units: look a code up on a date, list units for pickers, villages.
import { AppError } from '../errors.js';
import { parseIsoDate, vnDateOf } from '../domain/dates.js';
import { compareUnitMatches, unitNameQuery } from '../domain/units/name-search.js';
import { parseUnitCode } from '../domain/input.js';
import {
  findUnitOn,
  findUnitsByCodes,
  searchUnitsByName,
  findUnitVersions,
  listUnitsOn,
  predecessorsOf,
  successorsOf,
  type UnitRecord,
} from '../db/repositories/units.repository.js';
import type { Deps } from './deps.js';

export interface UnitView {
  code: string;
  name: string;
  type: string;
  area: 'rural' | 'urban' | null;
  level: string;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  predecessors: { code: string; name: string; validTo: string }[];
  successors: { code: string; name: string; validFrom: string }[];
}

export function checkDate(value: string, field = 'date'): string {
  return parseIsoDate(value, field);
}

async function view(deps: Deps, u: UnitRecord): Promise<UnitView> {
  const db = deps.db.kysely;
  const preds = u.valid_from ? await predecessorsOf(db, u.code, u.level, u.valid_from) : [];
  const succs = u.valid_to ? await successorsOf(db, u.code, u.level, u.valid_to) : [];
  return {
    code: u.code,
    name: u.name,
    type: u.type,
    area: u.area === 'rural' || u.area === 'urban' ? u.area : null,
    level: u.level,
    parentCode: u.parent_code,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    predecessors: preds.map((p) => ({
      code: p.predecessor_code,
      name: p.predecessor_name,
      validTo: p.predecessor_valid_to,
    })),
    successors: succs.map((s) => ({
      code: s.successor_code,
      name: s.successor_name,
      validFrom: s.successor_valid_from,
    })),
  };
}

/** The unit holding `code` on `date` (default: today in Vietnam). */
export async function showUnit(deps: Deps, code: string, date?: string): Promise<UnitView> {
  const on = date === undefined ? vnDateOf(deps.now()) : checkDate(date, 'on');
  const u = await findUnitOn(deps.db.kysely, code, on);
  if (!u) {
    // Say where the code went (or what it was) so the user can ask again with the right date.
    const versions = await findUnitVersions(deps.db.kysely, code);
    const before = versions.filter((v) => v.valid_to !== null && v.valid_to < on).pop();
    const successors = before?.valid_to
      ? (await successorsOf(deps.db.kysely, code, before.level, before.valid_to)).map((s) => ({
          code: s.successor_code,
          name: s.successor_name,
          validFrom: s.successor_valid_from,
        }))
      : [];
    throw new AppError(
      'UNIT_NOT_FOUND',
      { code, date: on },
      {
        field: 'code',
        data: {
          successors,
          versions: versions.map((v) => ({ name: v.name, validFrom: v.valid_from, validTo: v.valid_to })),
        },
      },
    );
  }
  return view(deps, u);
}

/** Units for a picker: the children of `parentCode` (or the provinces) in force on `date`. */
export async function listUnits(
  deps: Deps,
  opts: { date: string; parentCode?: string; level?: string; provinceCode?: string },
): Promise<
  Pick<UnitView, 'code' | 'name' | 'type' | 'area' | 'level' | 'parentCode' | 'validFrom' | 'validTo'>[]
> {
  checkDate(opts.date, 'on');
  const parentCode = opts.parentCode ? parseUnitCode(opts.parentCode, 'parent') : undefined;
  const provinceCode = opts.provinceCode ? parseUnitCode(opts.provinceCode, 'province') : undefined;
  const rows = await listUnitsOn(deps.db.kysely, {
    date: opts.date,
    ...(parentCode ? { parentCode } : {}),
    ...(opts.level ? { level: opts.level } : parentCode ? {} : { level: 'province' }),
    ...(provinceCode ? { provinceCode } : {}),
  });
  return rows.map((u) => ({
    code: u.code,
    name: u.name,
    type: u.type,
    area: u.area === 'rural' || u.area === 'urban' ? u.area : null,
    level: u.level,
    parentCode: u.parent_code,
    validFrom: u.valid_from,
    validTo: u.valid_to,
  }));
}

export interface UnitMatch {
  code: string;
  name: string;
  type: string;
  level: string;
  validFrom: string | null;
  validTo: string | null;
  /** The name of the unit above it when it was in force (district or province), for telling apart namesakes. */
  parentName: string | null;
}

/**
 * Units found by a name typed with or without accents (or by the first digits of a code),
 * best matches first: in force on `on` when given, else every version (a code's ended units
 * included, each with its dates). Reference data: any signed-in user may search it.
 */
export async function searchUnits(
  deps: Deps,
  opts: { q: string; on?: string; level?: string; within?: string; limit?: number },
): Promise<UnitMatch[]> {
  const key = unitNameQuery(opts.q);
  if (key === null) return [];
  const on = opts.on === undefined ? undefined : checkDate(opts.on, 'on');
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const db = deps.db.kysely;
  const rows = await searchUnitsByName(db, {
    key,
    limit: 300,
    ...(on ? { date: on } : {}),
    ...(opts.level ? { level: opts.level } : {}),
    ...(opts.within ? { within: opts.within } : {}),
  });
  const ranked = rows
    .map((u) => ({ u, k: { name: u.name, level: u.level, validTo: u.valid_to } }))
    .sort((a, b) => compareUnitMatches(opts.q, a.k, b.k) || a.u.code.localeCompare(b.u.code))
    .slice(0, limit)
    .map((x) => x.u);
  const parents = await findUnitsByCodes(db, [
    ...new Set(ranked.map((u) => u.parent_code).filter((c): c is string => c !== null)),
  ]);
  // The parent version in force when the unit was (its last day, or its first, or today's).
  const parentOf = (u: UnitRecord) => {
    const day = u.valid_to ?? u.valid_from ?? on ?? '9999-12-31';
    return parents.find(
      (p) =>
        p.code === u.parent_code &&
        (p.valid_from === null || p.valid_from <= day) &&
        (p.valid_to === null || p.valid_to >= day),
    );
  };
  return ranked.map((u) => ({
    code: u.code,
    name: u.name,
    type: u.type,
    level: u.level,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    parentName: parentOf(u)?.name ?? null,
  }));
}
