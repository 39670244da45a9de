// parseSurveyRecord(raw) checks one survey record of contracts/survey-record.md field by field and
// returns the typed record, or every problem as a coded error naming its field
// (`members[2].birthDate`), Vietnamese and English. It never throws, whatever `raw` is.
// It runs once per line of `giamngheo classify`: plain type tests and precomputed sets, no
// schema library, no Date objects.
import { messageOf, type ErrorCode } from '../../errors.js';
import { isIsoDate } from '../dates.js';
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
  string(v: unknown, field: string): string | undefined {
    if (v === undefined || v === null) return this.missing(field);
    if (typeof v !== 'string') return this.type(field, 'string');
    if (v.trim() === '') return this.missing(field);
    return v;
  }
  boolean(v: unknown, field: string, fallback?: boolean): boolean | undefined {
    if (typeof v === 'boolean') return v;
    if ((v === undefined || v === null) && fallback !== undefined) return fallback;
    if (v === undefined || v === null) return this.missing(field);
    return this.type(field, 'boolean');
  }
  oneOf<T extends string>(
    v: unknown,
    field: string,
    allowed: ReadonlySet<string>,
    list: readonly T[],
  ): T | undefined {
    if (typeof v === 'string' && allowed.has(v)) return v as T;
    if (v === undefined || v === null) return this.missing(field);
    if (typeof v !== 'string') return this.type(field, 'string');
    return this.fail('ENUM_INVALID', field, { value: v, allowed: list.join(', ') });
  }
  date(v: unknown, field: string): string | undefined {
    if (isIsoDate(v)) return v;
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
        vi: `chữ số thứ tư ${p.digit} chỉ giới tính ${p.digit % 2 === 0 ? 'nam' : 'nữ'}, nhưng giới tính ghi là ${p.sex}`,
        en: `the fourth digit ${p.digit} means ${p.digit % 2 === 0 ? 'male' : 'female'}, but sex is ${p.sex}`,
      };
  }
}

function readMember(
  r: Reader,
  raw: unknown,
  p: string,
  surveyDate: string | undefined,
): SurveyMember | undefined {
  if (!isObject(raw)) return raw === undefined || raw === null ? r.missing(p) : r.type(p, 'object');
  const before = r.errors.length;
  const name = r.string(raw.name, `${p}.name`);
  const birthDate = r.date(raw.birthDate, `${p}.birthDate`);
  if (birthDate !== undefined && surveyDate !== undefined && birthDate > surveyDate) {
    r.fail(
      'SURVEY_INVALID',
      `${p}.birthDate`,
      {},
      {
        detail: {
          vi: `${p}.birthDate ${birthDate} sau ngày khảo sát ${surveyDate}`,
          en: `${p}.birthDate ${birthDate} is after the survey date ${surveyDate}`,
        },
      },
    );
  }
  const sex = r.oneOf<Sex>(raw.sex, `${p}.sex`, S_SEXES, SEXES);
  let idNumber: string | null = null;
  const rawId = raw.idNumber;
  if (rawId !== undefined && rawId !== null && rawId !== '') {
    if (typeof rawId !== 'string') r.type(`${p}.idNumber`, 'stringOrNull');
    else {
      idNumber = rawId;
      for (const problem of citizenIdProblems(rawId, birthDate, sex)) {
        r.fail('CITIZEN_ID_INVALID', `${p}.idNumber`, {}, { detail: citizenIdWording(problem, rawId) });
      }
    }
  }
  const relation = r.oneOf<Relation>(raw.relation, `${p}.relation`, S_RELATIONS, RELATIONS);
  const employment = r.oneOf<Employment>(raw.employment, `${p}.employment`, S_EMPLOYMENT, EMPLOYMENTS);
  const healthInsurance = r.boolean(raw.healthInsurance, `${p}.healthInsurance`);
  const schooling =
    raw.schooling === undefined || raw.schooling === null
      ? null
      : r.oneOf<Schooling>(raw.schooling, `${p}.schooling`, S_SCHOOLING, SCHOOLING);
  const education = r.oneOf<EducationLevel>(raw.education, `${p}.education`, S_EDUCATION, EDUCATION_LEVELS);
  const inTraining = r.boolean(raw.inTraining, `${p}.inTraining`);
  // Recorded for children under 16 (stunted, underweight) and for the 2027–2030 reading
  // (allowance): absent means "no".
  const stunted = r.boolean(raw.stunted, `${p}.stunted`, false);
  const underweight = r.boolean(raw.underweight, `${p}.underweight`, false);
  const disability = r.oneOf<Disability>(raw.disability, `${p}.disability`, S_DISABILITY, DISABILITIES);
  const monthlySocialAllowance = r.boolean(raw.monthlySocialAllowance, `${p}.monthlySocialAllowance`, false);
  if (r.errors.length !== before) return undefined;
  return {
    name: name!,
    idNumber,
    birthDate: birthDate!,
    sex: sex!,
    relation: relation!,
    employment: employment!,
    healthInsurance: healthInsurance!,
    schooling: schooling ?? null,
    education: education!,
    inTraining: inTraining!,
    stunted: stunted!,
    underweight: underweight!,
    disability: disability!,
    monthlySocialAllowance: monthlySocialAllowance!,
  };
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
  const householdId = r.string(raw.householdId, 'householdId');
  let unitCode: string | undefined;
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
  } else unitCode = r.string(raw.unitCode, 'unitCode');
  const surveyDate = r.date(raw.surveyDate, 'surveyDate');
  const area =
    raw.area === undefined || raw.area === null ? null : r.oneOf<Area>(raw.area, 'area', S_AREAS, AREAS);

  let income: number | undefined;
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
  } else income = rawIncome;

  let housing: SurveyRecord['housing'] | undefined;
  const rawHousing = raw.housing;
  if (rawHousing === undefined || rawHousing === null) r.missing('housing');
  else if (!isObject(rawHousing)) r.type('housing', 'object');
  else {
    const before = r.errors.length;
    let floor: number | undefined;
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
    } else floor = f;
    const walls = r.oneOf<Durability>(rawHousing.walls, 'housing.walls', S_DURABILITY, DURABILITY);
    const columns = r.oneOf<Durability>(rawHousing.columns, 'housing.columns', S_DURABILITY, DURABILITY);
    const roof = r.oneOf<Durability>(rawHousing.roof, 'housing.roof', S_DURABILITY, DURABILITY);
    if (r.errors.length === before)
      housing = { floorAreaM2: floor!, walls: walls!, columns: columns!, roof: roof! };
  }

  const waterSource = r.oneOf<WaterSource>(raw.waterSource, 'waterSource', S_WATER, WATER_SOURCES);
  const latrine = r.oneOf<Latrine>(raw.latrine, 'latrine', S_LATRINES, LATRINES);
  const internetUse = r.boolean(raw.internetUse, 'internetUse');
  let infoDevices: InfoDevice[] | undefined;
  const rawDevices = raw.infoDevices;
  if (rawDevices === undefined || rawDevices === null) r.missing('infoDevices');
  else if (!Array.isArray(rawDevices)) r.type('infoDevices', 'array');
  else {
    const before = r.errors.length;
    for (let i = 0; i < rawDevices.length; i += 1) {
      r.oneOf<InfoDevice>(rawDevices[i], `infoDevices[${i}]`, S_DEVICES, INFO_DEVICES);
    }
    if (r.errors.length === before) infoDevices = rawDevices as InfoDevice[];
  }
  const loudspeakerAccess = r.boolean(raw.loudspeakerAccess, 'loudspeakerAccess');

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
    for (let i = 0; i < rawMembers.length; i += 1) {
      const m = readMember(r, rawMembers[i], `members[${i}]`, surveyDate);
      if (m) list.push(m);
      const rel = (rawMembers[i] as { relation?: unknown } | null)?.relation;
      if (rel === 'head') {
        heads += 1;
        if (heads === 2) {
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
    if (heads === 0) {
      r.fail(
        'SURVEY_INVALID',
        'members',
        {},
        {
          detail: {
            vi: 'hộ không có chủ hộ (relation = "head")',
            en: 'the household has no head (relation = "head")',
          },
        },
      );
    }
    if (list.length === rawMembers.length) members = list;
  }

  if (r.errors.length > 0) return { errors: r.errors };
  return {
    record: {
      householdId: householdId!,
      unitCode: unitCode!,
      surveyDate: surveyDate!,
      area: area ?? null,
      incomePerCapitaMonthly: income!,
      housing: housing!,
      waterSource: waterSource!,
      latrine: latrine!,
      internetUse: internetUse!,
      infoDevices: infoDevices!,
      loudspeakerAccess: loudspeakerAccess!,
      members: members!,
    },
    errors: r.errors,
  };
}

/** The household id of a raw record, for error reports: a string when there is one, else null. */
export function householdIdOf(raw: unknown): string | null {
  return isObject(raw) && typeof raw.householdId === 'string' ? raw.householdId : null;
}
