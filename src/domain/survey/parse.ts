// parseSurveyRecord(raw) checks one survey record of contracts/survey-record.md field by field and
// returns the typed record, or every problem as a coded error naming its field
// (`members[2].birthDate`), Vietnamese and English. It never throws, whatever `raw` is.
// It runs once per line of `giamngheo classify`: plain type tests and precomputed sets, no
// schema library, no Date objects.
import { messageOf, type ErrorCode } from '../../errors.js';
import { citizenIdProblems, type CitizenIdProblem } from './citizen-id.js';
import {
  AREAS,
  DISABILITIES,
  DURABILITY,
  EDUCATION_LEVELS,
  EMPLOYMENTS,
  INFO_DEVICES,
  LATRINES,
  RELATIONS,
  SCHOOLING,
  SEXES,
  WATER_SOURCES,
  type Area,
  type Disability,
  type Durability,
  type EducationLevel,
  type Employment,
  type InfoDevice,
  type Latrine,
  type Relation,
  type Schooling,
  type Sex,
  type SurveyMember,
  type SurveyRecord,
  type WaterSource,
} from './record.js';
import { HOUSEHOLD_FIELDS, MEMBER_FIELDS, type SurveyField } from './fields.js';
import { WORDS } from '../words/catalogue.js';

export interface SurveyFieldError {
  code: ErrorCode;
  field: string;
  message: string;
  messageEn: string;
}

export interface ParsedSurvey {
  record?: SurveyRecord;
  errors: SurveyFieldError[];
}

type Params = Record<string, string | number>;
type Bilingual = { vi: string; en: string };

/** A coded error; `lang` parameters differ per language when a detail is worded. */
export function fieldError(
  code: ErrorCode,
  field: string,
  params: Params = {},
  worded: Record<string, Bilingual> = {},
): SurveyFieldError {
  const vi: Params = { field, ...params };
  const en: Params = { field, ...params };
  for (const [k, v] of Object.entries(worded)) {
    vi[k] = v.vi;
    en[k] = v.en;
  }
  return { code, field, message: messageOf(code, vi, 'vi'), messageEn: messageOf(code, en, 'en') };
}

const TYPE_NAMES = {
  string: { vi: 'chuỗi ký tự', en: 'a string' },
  integer: { vi: 'số nguyên', en: 'a whole number' },
  number: { vi: 'số', en: 'a number' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  object: { vi: 'đối tượng JSON', en: 'a JSON object' },
  array: { vi: 'danh sách', en: 'a list' },
  stringOrNull: { vi: 'chuỗi ký tự hoặc null', en: 'a string or null' },
} as const;

const UNIT_CODE = /^\d{5}$/;
const MAX_AGE = 130;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Same answer as dates.isIsoDate for a string, from character codes (no RegExp, no Date). */
export function isIsoDateFast(v: string): boolean {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let k = 0; k < 4; k += 1) {
    const c = v.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return false;
    y = y * 10 + c;
  }
  const m1 = v.charCodeAt(5) - 48;
  const m2 = v.charCodeAt(6) - 48;
  const d1 = v.charCodeAt(8) - 48;
  const d2 = v.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/**
 * Where a value sits: a top-level key, or a member's key. The path string (`members[2].birthDate`)
 * is only built when there is an error to report; valid records allocate none.
 */
type At = number | null;
const fieldPath = (at: At, key: string): string => (at === null ? key : `members[${at}].${key}`);

class Reader {
  readonly errors: SurveyFieldError[] = [];

  fail(
    code: ErrorCode,
    field: string,
    params: Params = {},
    worded: Record<string, Bilingual> = {},
  ): undefined {
    this.errors.push(fieldError(code, field, params, worded));
    return undefined;
  }
  missing(field: string): undefined {
    return this.fail('FIELD_REQUIRED', field);
  }
  type(field: string, expected: keyof typeof TYPE_NAMES): undefined {
    return this.fail('FIELD_TYPE', field, {}, { expected: TYPE_NAMES[expected] });
  }
  string(v: unknown, at: At, key: string): string | undefined {
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (v === undefined || v === null || typeof v === 'string') return this.missing(fieldPath(at, key));
    return this.type(fieldPath(at, key), 'string');
  }
  boolean(v: unknown, at: At, key: string, fallback?: boolean): boolean | undefined {
    if (typeof v === 'boolean') return v;
    if ((v === undefined || v === null) && fallback !== undefined) return fallback;
    if (v === undefined || v === null) return this.missing(fieldPath(at, key));
    return this.type(fieldPath(at, key), 'boolean');
  }
  oneOf<T extends string>(
    v: unknown,
    at: At,
    key: string,
    allowed: ReadonlySet<string>,
    list: readonly T[],
  ): T | undefined {
    if (typeof v === 'string' && allowed.has(v)) return v as T;
    const field = fieldPath(at, key);
    if (v === undefined || v === null) return this.missing(field);
    if (typeof v !== 'string') return this.type(field, 'string');
    return this.fail('ENUM_INVALID', field, { value: v, allowed: list.join(', ') });
  }
  date(v: unknown, at: At, key: string): string | undefined {
    if (typeof v === 'string' && isIsoDateFast(v)) return v;
    const field = fieldPath(at, key);
    if (v === undefined || v === null) return this.missing(field);
    if (typeof v !== 'string') return this.type(field, 'string');
    return this.fail('DATE_INVALID', field, { value: v });
  }
}

const set = (list: readonly string[]): ReadonlySet<string> => new Set(list);
const S_AREAS = set(AREAS);
const S_DURABILITY = set(DURABILITY);
const S_WATER = set(WATER_SOURCES);
const S_LATRINES = set(LATRINES);
const S_DEVICES = set(INFO_DEVICES);
const S_SEXES = set(SEXES);
const S_RELATIONS = set(RELATIONS);
const S_EMPLOYMENT = set(EMPLOYMENTS);
const S_SCHOOLING = set(SCHOOLING);
const S_EDUCATION = set(EDUCATION_LEVELS);
const S_DISABILITY = set(DISABILITIES);

/**
 * The fields this module reads by hand (straight-line code, measured faster: decision 0018). Every
 * other field of the catalogue is read from its row by `readCatalogued`, so a new field is one row
 * in fields.ts. Only the types that need no cross-field rule are read that way.
 */
const HAND_READ = new Set([
  'householdId',
  'unitCode',
  'surveyDate',
  'area',
  'incomePerCapitaMonthly',
  'housing.walls',
  'housing.columns',
  'housing.roof',
  'housing.floorAreaM2',
  'waterSource',
  'latrine',
  'internetUse',
  'infoDevices',
  'loudspeakerAccess',
  'members[].name',
  'members[].relation',
  'members[].sex',
  'members[].birthDate',
  'members[].idNumber',
  'members[].employment',
  'members[].healthInsurance',
  'members[].schooling',
  'members[].education',
  'members[].inTraining',
  'members[].stunted',
  'members[].underweight',
  'members[].disability',
  'members[].monthlySocialAllowance',
]);

/** A catalogued field as the generic reader needs it: its key, type, allowed codes, absence. */
interface CataloguedField {
  key: string;
  type: 'enum' | 'enum-list' | 'boolean';
  required: boolean;
  /** What an absent answer stores: null or false, or [] for a list. */
  absent: null | false | [];
  allowed: ReadonlySet<string>;
  list: readonly string[];
}

function catalogued(fields: readonly SurveyField[]): CataloguedField[] {
  return fields
    .filter((f) => f.inRecord && !HAND_READ.has(f.path))
    .map((f) => {
      if (f.type !== 'enum' && f.type !== 'enum-list' && f.type !== 'boolean')
        throw new Error(`survey field ${f.path}: type ${f.type} needs a hand-written reader in parse.ts`);
      // Digit codes (ethnic groups) are sorted: an object lists integer-like keys ("10"…) first.
      const list = f.words
        ? Object.keys(WORDS[f.words]).sort((a, b) => (/^\d+$/.test(a + b) ? a.localeCompare(b) : 0))
        : [];
      return {
        key: f.key,
        type: f.type,
        required: f.required,
        absent: f.type === 'enum-list' ? [] : f.whenAbsent,
        allowed: new Set(list),
        list,
      };
    });
}
const CATALOGUED_MEMBER = catalogued(MEMBER_FIELDS);
const CATALOGUED_HOUSEHOLD = catalogued(HOUSEHOLD_FIELDS);

/**
 * Reads the catalogued fields of `raw` (a member when `at` is its index, else the household):
 * checks each, and fills an absent answer in place with what its row says absence means.
 */
function readCatalogued(r: Reader, raw: Record<string, unknown>, at: At, fields: readonly CataloguedField[]) {
  for (let k = 0; k < fields.length; k += 1) {
    const f = fields[k]!;
    const v = raw[f.key];
    if (v === undefined || v === null || (v === '' && f.type !== 'boolean')) {
      if (f.required) r.missing(fieldPath(at, f.key));
      else raw[f.key] = Array.isArray(f.absent) ? [] : f.absent;
      continue;
    }
    if (f.type === 'boolean') r.boolean(v, at, f.key);
    else if (f.type === 'enum') r.oneOf(v, at, f.key, f.allowed, f.list);
    else if (!Array.isArray(v)) r.type(fieldPath(at, f.key), 'array');
    else
      for (let i = 0; i < v.length; i += 1) {
        const x: unknown = v[i];
        if (typeof x === 'string' && f.allowed.has(x)) continue;
        r.oneOf(x, at, `${f.key}[${i}]`, f.allowed, f.list);
      }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function citizenIdWording(p: CitizenIdProblem, id: string): Bilingual {
  switch (p.kind) {
    case 'format':
      return { vi: `"${id}" phải gồm đúng 12 chữ số`, en: `"${id}" must be exactly 12 digits` };
    case 'province':
      return {
        vi: `ba số đầu ${p.prefix} không phải mã tỉnh/thành phố`,
        en: `the first three digits ${p.prefix} are not a province code`,
      };
    case 'century':
      return {
        vi: `chữ số thứ tư ${p.digit} chỉ thế kỷ ${p.century}, nhưng năm sinh là ${p.birthYear}`,
        en: `the fourth digit ${p.digit} means born in the ${p.century}s, but the birth year is ${p.birthYear}`,
      };
    case 'sex':
      return {
        vi: `chữ số thứ tư ${p.digit} chỉ giới tính ${p.digit % 2 === 0 ? 'nam' : 'nữ'}, nhưng giới tính ghi là ${p.sex === 'M' ? 'nam' : 'nữ'}`,
        en: `the fourth digit ${p.digit} means ${p.digit % 2 === 0 ? 'male' : 'female'}, but sex is ${p.sex === 'M' ? 'male' : 'female'}`,
      };
  }
}

function readMember(
  r: Reader,
  raw: unknown,
  i: number,
  surveyDate: string | undefined,
  oldest: string | undefined,
): SurveyMember | undefined {
  if (!isObject(raw)) {
    return raw === undefined || raw === null ? r.missing(`members[${i}]`) : r.type(`members[${i}]`, 'object');
  }
  const before = r.errors.length;
  r.string(raw.name, i, 'name');
  const birthDate = r.date(raw.birthDate, i, 'birthDate');
  if (birthDate !== undefined && surveyDate !== undefined && birthDate > surveyDate) {
    r.fail(
      'SURVEY_INVALID',
      fieldPath(i, 'birthDate'),
      {},
      {
        detail: {
          vi: `ngày sinh ${birthDate} sau ngày khảo sát ${surveyDate}`,
          en: `the birth date ${birthDate} is after the survey date ${surveyDate}`,
        },
      },
    );
  }
  if (birthDate !== undefined && oldest !== undefined && birthDate < oldest) {
    r.fail(
      'SURVEY_INVALID',
      fieldPath(i, 'birthDate'),
      {},
      {
        detail: {
          vi: `ngày sinh ${birthDate}: hơn ${MAX_AGE} tuổi vào ngày khảo sát`,
          en: `the birth date ${birthDate} makes the member older than ${MAX_AGE} on the survey date`,
        },
      },
    );
  }
  const sex = r.oneOf<Sex>(raw.sex, i, 'sex', S_SEXES, SEXES);
  let idNumber: string | null = null;
  const rawId = raw.idNumber;
  if (rawId !== undefined && rawId !== null && rawId !== '') {
    if (typeof rawId !== 'string') r.type(fieldPath(i, 'idNumber'), 'stringOrNull');
    else {
      idNumber = rawId;
      for (const problem of citizenIdProblems(rawId, birthDate, sex)) {
        r.fail(
          'CITIZEN_ID_INVALID',
          fieldPath(i, 'idNumber'),
          {},
          { detail: citizenIdWording(problem, rawId) },
        );
      }
    }
  }
  r.oneOf<Relation>(raw.relation, i, 'relation', S_RELATIONS, RELATIONS);
  r.oneOf<Employment>(raw.employment, i, 'employment', S_EMPLOYMENT, EMPLOYMENTS);
  r.boolean(raw.healthInsurance, i, 'healthInsurance');
  const schooling =
    raw.schooling === undefined || raw.schooling === null
      ? null
      : r.oneOf<Schooling>(raw.schooling, i, 'schooling', S_SCHOOLING, SCHOOLING);
  r.oneOf<EducationLevel>(raw.education, i, 'education', S_EDUCATION, EDUCATION_LEVELS);
  r.boolean(raw.inTraining, i, 'inTraining');
  // Recorded for children under 16 (stunted, underweight) and for the 2027–2030 reading
  // (allowance): absent means "no".
  r.boolean(raw.stunted, i, 'stunted', false);
  r.boolean(raw.underweight, i, 'underweight', false);
  r.oneOf<Disability>(raw.disability, i, 'disability', S_DISABILITY, DISABILITIES);
  r.boolean(raw.monthlySocialAllowance, i, 'monthlySocialAllowance', false);
  readCatalogued(r, raw, i, CATALOGUED_MEMBER);
  if (r.errors.length !== before) return undefined;
  // Valid: the object itself becomes the member (no copy on the hot path); absent optional
  // fields are filled in place so it has the exact shape of SurveyMember.
  if (idNumber === null) raw.idNumber = null;
  if (schooling === null || schooling === undefined) raw.schooling = null;
  if (raw.stunted !== true) raw.stunted = false;
  if (raw.underweight !== true) raw.underweight = false;
  if (raw.monthlySocialAllowance !== true) raw.monthlySocialAllowance = false;
  return raw as unknown as SurveyMember;
}

/** Checks one survey record (a parsed JSON value of any shape). */
export function parseSurveyRecord(raw: unknown): ParsedSurvey {
  const r = new Reader();
  if (!isObject(raw)) {
    r.fail(
      'SURVEY_INVALID',
      '',
      {},
      {
        detail: { vi: 'mỗi dòng phải là một đối tượng JSON', en: 'each line must be a JSON object' },
      },
    );
    return { errors: r.errors };
  }
  r.string(raw.householdId, null, 'householdId');
  if (typeof raw.unitCode === 'string' && !UNIT_CODE.test(raw.unitCode)) {
    r.fail(
      'FIELD_INVALID',
      'unitCode',
      {},
      {
        detail: {
          vi: `"${raw.unitCode}" phải là mã đơn vị 5 chữ số (giữ số 0 ở đầu)`,
          en: `"${raw.unitCode}" must be a 5-digit unit code (leading zeros kept)`,
        },
      },
    );
  } else r.string(raw.unitCode, null, 'unitCode');
  const surveyDate = r.date(raw.surveyDate, null, 'surveyDate');
  const area =
    raw.area === undefined || raw.area === null
      ? null
      : r.oneOf<Area>(raw.area, null, 'area', S_AREAS, AREAS);

  const rawIncome = raw.incomePerCapitaMonthly;
  if (rawIncome === undefined || rawIncome === null) r.missing('incomePerCapitaMonthly');
  else if (typeof rawIncome !== 'number' || !Number.isSafeInteger(rawIncome))
    r.type('incomePerCapitaMonthly', 'integer');
  else if (rawIncome < 0) {
    r.fail(
      'FIELD_INVALID',
      'incomePerCapitaMonthly',
      {},
      {
        detail: { vi: `không được âm (${rawIncome})`, en: `must not be negative (${rawIncome})` },
      },
    );
  }

  const rawHousing = raw.housing;
  if (rawHousing === undefined || rawHousing === null) r.missing('housing');
  else if (!isObject(rawHousing)) r.type('housing', 'object');
  else {
    const f = rawHousing.floorAreaM2;
    if (f === undefined || f === null) r.missing('housing.floorAreaM2');
    else if (typeof f !== 'number' || !Number.isFinite(f)) r.type('housing.floorAreaM2', 'number');
    else if (f <= 0) {
      r.fail(
        'FIELD_INVALID',
        'housing.floorAreaM2',
        {},
        {
          detail: {
            vi: `diện tích phải lớn hơn 0 (nhận ${f})`,
            en: `the floor area must be greater than 0 (got ${f})`,
          },
        },
      );
    }
    r.oneOf<Durability>(rawHousing.walls, null, 'housing.walls', S_DURABILITY, DURABILITY);
    r.oneOf<Durability>(rawHousing.columns, null, 'housing.columns', S_DURABILITY, DURABILITY);
    r.oneOf<Durability>(rawHousing.roof, null, 'housing.roof', S_DURABILITY, DURABILITY);
  }

  r.oneOf<WaterSource>(raw.waterSource, null, 'waterSource', S_WATER, WATER_SOURCES);
  r.oneOf<Latrine>(raw.latrine, null, 'latrine', S_LATRINES, LATRINES);
  r.boolean(raw.internetUse, null, 'internetUse');
  const rawDevices = raw.infoDevices;
  if (rawDevices === undefined || rawDevices === null) r.missing('infoDevices');
  else if (!Array.isArray(rawDevices)) r.type('infoDevices', 'array');
  else {
    for (let i = 0; i < rawDevices.length; i += 1) {
      const d: unknown = rawDevices[i];
      if (typeof d === 'string' && S_DEVICES.has(d)) continue;
      r.oneOf<InfoDevice>(d, null, `infoDevices[${i}]`, S_DEVICES, INFO_DEVICES);
    }
  }
  r.boolean(raw.loudspeakerAccess, null, 'loudspeakerAccess');
  readCatalogued(r, raw, null, CATALOGUED_HOUSEHOLD);

  let members: SurveyMember[] | undefined;
  const rawMembers = raw.members;
  if (rawMembers === undefined || rawMembers === null) r.missing('members');
  else if (!Array.isArray(rawMembers)) r.type('members', 'array');
  else if (rawMembers.length === 0) {
    r.fail(
      'SURVEY_INVALID',
      'members',
      {},
      {
        detail: { vi: 'hộ phải có ít nhất một thành viên', en: 'a household has at least one member' },
      },
    );
  } else {
    const list: SurveyMember[] = [];
    let heads = 0;
    // Nobody alive is older than MAX_AGE years: an earlier birth date is a typing error.
    const oldest =
      surveyDate === undefined
        ? undefined
        : `${String(Number(surveyDate.slice(0, 4)) - MAX_AGE).padStart(4, '0')}${surveyDate.slice(4)}`;
    for (let i = 0; i < rawMembers.length; i += 1) {
      const m = readMember(r, rawMembers[i], i, surveyDate, oldest);
      if (m) list.push(m);
      const rel = (rawMembers[i] as { relation?: unknown } | null)?.relation;
      if (rel === 'head') {
        heads += 1;
        if (heads >= 2) {
          r.fail(
            'SURVEY_INVALID',
            `members[${i}].relation`,
            {},
            {
              detail: { vi: 'hộ có nhiều hơn một chủ hộ', en: 'the household has more than one head' },
            },
          );
        }
      }
    }
    // One citizen ID names one person: two members with the same ID is a copying error.
    for (let i = 1; i < list.length; i += 1) {
      const id = list[i]!.idNumber;
      if (!id) continue;
      for (let j = 0; j < i; j += 1) {
        if (list[j]!.idNumber !== id) continue;
        r.fail(
          'SURVEY_INVALID',
          fieldPath(rawMembers.indexOf(list[i]), 'idNumber'),
          {},
          {
            detail: {
              vi: `số định danh ${id} trùng với thành viên ${rawMembers.indexOf(list[j]) + 1}`,
              en: `the citizen ID ${id} is the same as member ${rawMembers.indexOf(list[j]) + 1}'s`,
            },
          },
        );
        break;
      }
    }
    if (heads === 0) {
      r.fail(
        'SURVEY_INVALID',
        'members',
        {},
        {
          detail: {
            vi: 'hộ không có chủ hộ: một thành viên phải có quan hệ «Chủ hộ»',
            en: 'the household has no head: one member must have the relation «Head of household»',
          },
        },
      );
    }
    if (list.length === rawMembers.length) members = list;
  }

  if (r.errors.length > 0) return { errors: r.errors };
  // Valid: the parsed object is the record, as for members (see readMember).
  raw.area = area ?? null;
  raw.members = members;
  return { record: raw as unknown as SurveyRecord, errors: r.errors };
}

/** The household id of a raw record, for error reports: a string when there is one, else null. */
export function householdIdOf(raw: unknown): string | null {
  return isObject(raw) && typeof raw.householdId === 'string' ? raw.householdId : null;
}
