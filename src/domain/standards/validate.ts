// validateStandard(x) checks a standard read from the database, a file or a request, and returns
// EVERY problem with a code and a path (`indicators[3].fromAge`), never throwing at the first: the
// person editing a standard sees the whole list at once.
import { isIsoDate } from '../dates.js';
import {
  AREAS,
  DISABILITIES,
  EDUCATION_LEVELS,
  EMPLOYMENTS,
  HOUSING_STRUCTURES,
  INFO_DEVICES,
  LATRINES,
  SCHOOLING,
  WATER_SOURCES,
} from '../survey/record.js';
import { DIMENSIONS, INDICATOR_KEYS, type Standard } from './standard.js';

export type StandardProblemCode =
  | 'REQUIRED'
  | 'TYPE'
  | 'RANGE'
  | 'ENUM'
  | 'DATE'
  | 'DATE_ORDER'
  | 'BAND_BELOW_LINE'
  | 'INDICATOR_UNKNOWN'
  | 'INDICATOR_DUPLICATE'
  | 'INDICATOR_ORDER'
  | 'INDICATORS_EMPTY'
  | 'SCOPE_MISMATCH';

export interface StandardProblem {
  code: StandardProblemCode;
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly problems: StandardProblem[] = [];
  add(code: StandardProblemCode, path: string, message: string): void {
    this.problems.push({ code, path, message });
  }
  obj(o: Obj, key: string, path: string): Obj | undefined {
    const v = o[key];
    if (v === undefined || v === null) return void this.add('REQUIRED', path, 'required');
    if (!isObj(v)) return void this.add('TYPE', path, 'must be an object');
    return v;
  }
  str(
    o: Obj,
    key: string,
    path: string,
    opts: { nullable?: boolean; pattern?: RegExp } = {},
  ): string | null | undefined {
    const v = o[key];
    if (v === null && opts.nullable) return null;
    if (v === undefined || v === null) return void this.add('REQUIRED', path, 'required');
    if (typeof v !== 'string' || v.trim() === '')
      return void this.add('TYPE', path, 'must be a non-empty string');
    if (opts.pattern && !opts.pattern.test(v))
      return void this.add('RANGE', path, `must match ${String(opts.pattern)}`);
    return v;
  }
  text(o: Obj, key: string, path: string, nullable = false): void {
    if (nullable && o[key] === null) return;
    const t = this.obj(o, key, path);
    if (!t) return;
    this.str(t, 'vi', `${path}.vi`);
    this.str(t, 'en', `${path}.en`);
  }
  bool(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined || v === null) return void this.add('REQUIRED', path, 'required');
    if (typeof v !== 'boolean') return void this.add('TYPE', path, 'must be true or false');
    return v;
  }
  num(
    o: Obj,
    key: string,
    path: string,
    opts: { integer?: boolean; min?: number; max?: number; nullable?: boolean } = {},
  ) {
    const v = o[key];
    if (v === null && opts.nullable) return null;
    if (v === undefined || v === null) return void this.add('REQUIRED', path, 'required');
    if (typeof v !== 'number' || !Number.isFinite(v)) return void this.add('TYPE', path, 'must be a number');
    if (opts.integer && !Number.isInteger(v)) return void this.add('TYPE', path, 'must be a whole number');
    if (opts.min !== undefined && v < opts.min)
      return void this.add('RANGE', path, `must be at least ${opts.min}`);
    if (opts.max !== undefined && v > opts.max)
      return void this.add('RANGE', path, `must be at most ${opts.max}`);
    return v;
  }
  oneOf(o: Obj, key: string, path: string, allowed: readonly string[]): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return void this.add('REQUIRED', path, 'required');
    if (typeof v !== 'string' || !allowed.includes(v))
      return void this.add('ENUM', path, `must be one of ${allowed.join(', ')}`);
    return v;
  }
  list(
    o: Obj,
    key: string,
    path: string,
    allowed: readonly string[],
    opts: { nonEmpty?: boolean } = {},
  ): string[] | undefined {
    const v = o[key];
    if (v === undefined || v === null) return void this.add('REQUIRED', path, 'required');
    if (!Array.isArray(v)) return void this.add('TYPE', path, 'must be a list');
    if (opts.nonEmpty && v.length === 0) this.add('RANGE', path, 'must not be empty');
    v.forEach((item, i) => {
      if (typeof item !== 'string' || !allowed.includes(item))
        this.add('ENUM', `${path}[${i}]`, `must be one of ${allowed.join(', ')}`);
    });
    return v as string[];
  }
}

function checkIndicator(c: Checker, ind: Obj, p: string): void {
  c.oneOf(ind, 'dimension', `${p}.dimension`, DIMENSIONS);
  c.text(ind, 'name', `${p}.name`);
  c.text(ind, 'legalReference', `${p}.legalReference`);
  const age = (key: string) => c.num(ind, key, `${p}.${key}`, { integer: true, min: 0, max: 120 });
  switch (ind.key) {
    case 'employment':
      c.list(ind, 'deprivedEmployment', `${p}.deprivedEmployment`, EMPLOYMENTS, { nonEmpty: true });
      break;
    case 'dependants':
      age('childUnderAge');
      c.bool(ind, 'aboveWorkingAge', `${p}.aboveWorkingAge`);
      c.list(ind, 'disabilities', `${p}.disabilities`, DISABILITIES);
      c.bool(ind, 'requireSocialAllowance', `${p}.requireSocialAllowance`);
      c.num(ind, 'maxShare', `${p}.maxShare`, { min: 0, max: 1 });
      break;
    case 'nutrition':
      age('childUnderAge');
      break;
    case 'healthInsurance':
      age('fromAge');
      break;
    case 'adultEducation': {
      const order = c.list(ind, 'levelOrder', `${p}.levelOrder`, EDUCATION_LEVELS, { nonEmpty: true });
      c.bool(ind, 'inTrainingMeets', `${p}.inTrainingMeets`);
      const bands = ind.bands;
      if (!Array.isArray(bands) || bands.length === 0) {
        c.add(
          bands === undefined ? 'REQUIRED' : 'TYPE',
          `${p}.bands`,
          'must be a non-empty list of age bands',
        );
        break;
      }
      let previousTo = -1;
      bands.forEach((b: unknown, i) => {
        const bp = `${p}.bands[${i}]`;
        if (!isObj(b)) return c.add('TYPE', bp, 'must be an object');
        const from = c.num(b, 'fromAge', `${bp}.fromAge`, { integer: true, min: 0, max: 120 });
        const to = c.num(b, 'toAge', `${bp}.toAge`, { integer: true, min: 0, max: 120 });
        const level = c.oneOf(b, 'minLevel', `${bp}.minLevel`, EDUCATION_LEVELS);
        if (typeof from === 'number' && typeof to === 'number') {
          if (to < from) c.add('RANGE', `${bp}.toAge`, 'must not be below fromAge');
          if (from <= previousTo)
            c.add('RANGE', `${bp}.fromAge`, 'age bands must not overlap and must ascend');
          previousTo = to;
        }
        if (level && order && !order.includes(level))
          c.add('ENUM', `${bp}.minLevel`, 'must appear in levelOrder');
      });
      break;
    }
    case 'childSchooling': {
      const from = age('fromAge');
      const under = age('underAge');
      if (typeof from === 'number' && typeof under === 'number' && under <= from) {
        c.add('RANGE', `${p}.underAge`, 'must be above fromAge');
      }
      c.list(ind, 'acceptable', `${p}.acceptable`, SCHOOLING, { nonEmpty: true });
      break;
    }
    case 'housingQuality': {
      const structures = c.list(ind, 'structures', `${p}.structures`, HOUSING_STRUCTURES, { nonEmpty: true });
      c.num(ind, 'minNonDurable', `${p}.minNonDurable`, {
        integer: true,
        min: 1,
        ...(structures ? { max: structures.length } : {}),
      });
      break;
    }
    case 'housingArea':
      c.num(ind, 'minM2PerPerson', `${p}.minM2PerPerson`, { min: 0.1, max: 1000 });
      break;
    case 'waterSource':
      c.list(ind, 'acceptable', `${p}.acceptable`, WATER_SOURCES, { nonEmpty: true });
      break;
    case 'latrine':
      c.list(ind, 'acceptable', `${p}.acceptable`, LATRINES, { nonEmpty: true });
      break;
    case 'telecom':
      c.bool(ind, 'requireInternetUse', `${p}.requireInternetUse`);
      break;
    case 'infoAccess':
      c.list(ind, 'devices', `${p}.devices`, INFO_DEVICES, { nonEmpty: true });
      c.bool(ind, 'loudspeakerCounts', `${p}.loudspeakerCounts`);
      break;
  }
}

/** Every problem of `x` as a standard; an empty list means `x` is a valid {@link Standard}. */
export function validateStandard(x: unknown): StandardProblem[] {
  const c = new Checker();
  if (!isObj(x)) {
    c.add('TYPE', '', 'a standard must be an object');
    return c.problems;
  }
  c.str(x, 'code', 'code', { pattern: /^[A-Z0-9_]{2,40}$/ });
  c.text(x, 'name', 'name');
  c.text(x, 'legalBasis', 'legalBasis');
  c.text(x, 'notes', 'notes', true);
  const scope = c.oneOf(x, 'scope', 'scope', ['national', 'local']);
  const province = c.str(x, 'provinceCode', 'provinceCode', { nullable: true, pattern: /^\d{2}$/ });
  const base = c.str(x, 'baseCode', 'baseCode', { nullable: true });
  if (scope === 'local') {
    if (province === null) c.add('SCOPE_MISMATCH', 'provinceCode', 'a local standard belongs to a province');
    if (base === null) c.add('SCOPE_MISMATCH', 'baseCode', 'a local standard raises a national one');
  }
  if (scope === 'national' && typeof province === 'string') {
    c.add('SCOPE_MISMATCH', 'provinceCode', 'a national standard has no province');
  }
  const from = x.validFrom;
  const to = x.validTo;
  if (!isIsoDate(from))
    c.add(from === undefined ? 'REQUIRED' : 'DATE', 'validFrom', 'must be a YYYY-MM-DD date');
  if (!isIsoDate(to)) c.add(to === undefined ? 'REQUIRED' : 'DATE', 'validTo', 'must be a YYYY-MM-DD date');
  if (isIsoDate(from) && isIsoDate(to) && to < from)
    c.add('DATE_ORDER', 'validTo', 'must not be before validFrom');
  c.bool(x, 'provisional', 'provisional');
  c.num(x, 'poorMinDeprivations', 'poorMinDeprivations', {
    integer: true,
    min: 1,
    max: INDICATOR_KEYS.length,
  });

  const lines = c.obj(x, 'incomeLines', 'incomeLines');
  const bands = c.obj(x, 'averageUpperBounds', 'averageUpperBounds');
  for (const area of AREAS) {
    const line = lines ? c.num(lines, area, `incomeLines.${area}`, { integer: true, min: 1 }) : undefined;
    const band = bands
      ? c.num(bands, area, `averageUpperBounds.${area}`, { integer: true, min: 1, nullable: true })
      : undefined;
    if (typeof line === 'number' && typeof band === 'number' && band <= line) {
      c.add('BAND_BELOW_LINE', `averageUpperBounds.${area}`, 'must be above the income line');
    }
  }

  const indicators = x.indicators;
  if (!Array.isArray(indicators)) {
    c.add(indicators === undefined ? 'REQUIRED' : 'TYPE', 'indicators', 'must be a list');
    return c.problems;
  }
  if (indicators.length === 0) c.add('INDICATORS_EMPTY', 'indicators', 'at least one indicator');
  const seen = new Set<string>();
  let lastRank = -1;
  indicators.forEach((ind: unknown, i) => {
    const p = `indicators[${i}]`;
    if (!isObj(ind)) return c.add('TYPE', p, 'must be an object');
    const key = ind.key;
    const rank = typeof key === 'string' ? (INDICATOR_KEYS as readonly string[]).indexOf(key) : -1;
    if (rank < 0)
      return c.add('INDICATOR_UNKNOWN', `${p}.key`, `must be one of ${INDICATOR_KEYS.join(', ')}`);
    if (seen.has(key as string)) c.add('INDICATOR_DUPLICATE', `${p}.key`, `${String(key)} appears twice`);
    else if (rank < lastRank)
      c.add('INDICATOR_ORDER', `${p}.key`, 'indicators must follow the contract order');
    seen.add(key as string);
    lastRank = Math.max(lastRank, rank);
    checkIndicator(c, ind, p);
  });
  return c.problems;
}

/** Narrowing helper: the value as a Standard when it has no problem. */
export function asStandard(x: unknown): { standard?: Standard; problems: StandardProblem[] } {
  const problems = validateStandard(x);
  return problems.length ? { problems } : { standard: x as Standard, problems };
}
