// Use cases on administrative units: look a code up on a date, list units for pickers, villages.
import { AppError } from '../errors.js';
import { parseIsoDate, vnDateOf } from '../domain/dates.js';
import { parseUnitCode } from '../domain/input.js';
import {
  findUnitOn,
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
