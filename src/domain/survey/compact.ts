// The stored form of a survey record's answers (review_result.answers, docs/decisions/0034): a
// JSON array of values by position, codes as their index in a frozen table, instead of the record
// as JSON with every key and code spelt out (about 2.4 KB a household, 0.4 KB this way).
//
// Contract:
// - decodeAnswers(encodeAnswers(r)) deep-equals r, for ANY JSON object r: a key the layout does not
//   know (an extra column of an import, a field added later), a value that does not fit its slot
//   (a code outside the table, a string where a boolean is expected) is kept with its key in a
//   trailing object. Known keys come back in the layout's order, then the kept ones.
// - The layout and the code tables are FROZEN for version 1: a row already stored reads the same
//   forever. A new code is appended to its table (never inserted or removed); a new field is kept
//   as an extra until a version 2 layout lists it (the decoder reads both).
//
// Layout v1: [1, …household slots, [member, …], {extras}?]; a member is [...member slots, {extras}?].
// A slot holds: the value (text, number, null); a code's index (or its text when not in the
// table); 1/0 for a boolean; an array of indexes for a list; `false` when the key is absent.
// Trailing absent slots are left out.
//
// Layout v2 (what every write stores since 04/12/2026): v1's, with what the registry's own rows
// already hold left out, so that nothing is stored twice (docs/decisions/0034, addendum):
// - householdId, unitCode and surveyDate hold `true`: they are the household's key and the
//   result row's unit_code and survey_date, written together with the answers and never apart;
// - a member whose name, citizen ID, birth date, sex and relation are its household_member row
//   (same ordinal) is stored as [true, …its other answers] (MEMBER_REST, below). That holds only while the
//   result's period is the household's answers_period (the members replaced by its last write):
//   before a write replaces the members for another period, the write path stores that period's
//   members back in full (`inlineMembers`).
// `true` never appears in a v1 slot (booleans are 1/0), so both layouts read unambiguously.
// Reading v2 needs the rows (`AnswersContext`); a v1 row reads without them.
import type { SurveyRecord } from './record.js';

/** Code tables of version 1 (the lists of record.ts on 03/12/2026). Append only. */
const DURABILITY = ['durable', 'non-durable'];
const WATER = [
  'piped',
  'drilled-well',
  'protected-dug-well',
  'protected-spring',
  'rainwater',
  'bottled',
  'unprotected-well',
  'unprotected-spring',
  'surface',
  'other',
];
const LATRINE = [
  'septic',
  'semi-septic',
  'pour-flush',
  'double-vault',
  'ventilated-pit',
  'unhygienic-pit',
  'bucket',
  'none',
  'other',
];
const DEVICES = ['tv', 'radio', 'computer', 'phone'];
const CAUSES = [
  'no-land',
  'no-capital',
  'no-labour',
  'no-means',
  'no-skills',
  'illness',
  'many-dependants',
  'disaster',
  'social-evils',
  'unwilling',
  'other',
];
const NEEDS = [
  'credit',
  'land',
  'means',
  'seeds-livestock',
  'know-how',
  'training-jobs',
  'labour-export',
  'housing',
  'water-sanitation',
  'health-insurance',
  'education',
  'social-allowance',
  'other',
];
const AREAS = ['rural', 'urban'];
const SEXES = ['M', 'F'];
const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'];
const EMPLOYMENTS = [
  'wage-with-contract',
  'wage-no-contract',
  'self-employed',
  'unemployed',
  'not-in-labour-force',
  'student',
];
const SCHOOLING = ['appropriate', 'below-level', 'not-attending'];
const EDUCATION = [
  'none',
  'primary',
  'lower-secondary',
  'upper-secondary',
  'vocational-elementary',
  'vocational-intermediate',
  'college',
  'university',
];
const DISABILITIES = ['none', 'mild', 'severe', 'extremely-severe'];
/** v2: the ethnic groups' codes "01"…"54" (a frozen list, not the reference table). */
const ETHNICITY = Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0'));

type Slot =
  | { key: string; kind: 'value' }
  | { key: string; kind: 'boolean' }
  | { key: string; kind: 'code'; codes: readonly string[] }
  | { key: string; kind: 'codes'; codes: readonly string[] };

const value = (key: string): Slot => ({ key, kind: 'value' });
const bool = (key: string): Slot => ({ key, kind: 'boolean' });
const code = (key: string, codes: readonly string[]): Slot => ({ key, kind: 'code', codes });
const codes = (key: string, list: readonly string[]): Slot => ({ key, kind: 'codes', codes: list });

/** The housing object's slots, stored flat among the household's. */
const HOUSING: readonly Slot[] = [
  value('floorAreaM2'),
  code('walls', DURABILITY),
  code('columns', DURABILITY),
  code('roof', DURABILITY),
];

/** Household slots of v1, in the order of the record (members at MEMBERS_AT). */
const HOUSEHOLD_BEFORE: readonly Slot[] = [
  value('householdId'),
  value('unitCode'),
  value('surveyDate'),
  value('incomePerCapitaMonthly'),
];
const HOUSEHOLD_AFTER_HOUSING: readonly Slot[] = [
  code('waterSource', WATER),
  code('latrine', LATRINE),
  bool('internetUse'),
  codes('infoDevices', DEVICES),
  bool('loudspeakerAccess'),
];
const HOUSEHOLD_AFTER_MEMBERS: readonly Slot[] = [
  codes('povertyCauses', CAUSES),
  codes('supportNeeds', NEEDS),
  code('area', AREAS),
];
const MEMBER: readonly Slot[] = [
  value('name'),
  value('idNumber'),
  value('birthDate'),
  code('sex', SEXES),
  code('relation', RELATIONS),
  code('employment', EMPLOYMENTS),
  bool('healthInsurance'),
  code('schooling', SCHOOLING),
  code('education', EDUCATION),
  bool('inTraining'),
  bool('stunted'),
  bool('underweight'),
  code('disability', DISABILITIES),
  bool('monthlySocialAllowance'),
  value('ethnicity'),
  bool('merit'),
];

/** Every code table of v1 by the record field it codes (tests compare them with record.ts). */
export const COMPACT_CODE_TABLES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...HOUSING, ...HOUSEHOLD_AFTER_HOUSING, ...HOUSEHOLD_AFTER_MEMBERS, ...MEMBER].flatMap((s) =>
    s.kind === 'code' || s.kind === 'codes' ? [[s.key, s.codes]] : [],
  ),
);

const ABSENT = false;
type Json = unknown;
type Obj = Record<string, Json>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The slot's stored value, or undefined when the value does not fit (kept as an extra). */
function put(slot: Slot, v: Json): Json | undefined {
  switch (slot.kind) {
    case 'value':
      return typeof v === 'string' || v === null || (typeof v === 'number' && Number.isFinite(v))
        ? v
        : undefined;
    case 'boolean':
      return v === true ? 1 : v === false ? 0 : undefined;
    case 'code': {
      if (v === null) return null;
      if (typeof v !== 'string') return undefined;
      const i = slot.codes.indexOf(v);
      return i >= 0 ? i : v;
    }
    case 'codes': {
      if (!Array.isArray(v)) return undefined;
      const out: number[] = [];
      for (const x of v) {
        const i = typeof x === 'string' ? slot.codes.indexOf(x) : -1;
        if (i < 0) return undefined;
        out.push(i);
      }
      return out;
    }
  }
}

function take(slot: Slot, s: Json): Json {
  switch (slot.kind) {
    case 'value':
      return s;
    case 'boolean':
      return s === 1;
    case 'code':
      return typeof s === 'number' ? slot.codes[s] : s;
    case 'codes':
      return (s as number[]).map((i) => slot.codes[i]);
  }
}

/**
 * An object whose keys are all its own: without a prototype, `o['__proto__'] = v` is a key like
 * any other (as JSON.parse makes it), never a change of prototype that would lose it.
 */
function ownObject(): Obj {
  return Object.create(null) as Obj;
}

/** Copies `source`'s keys as own properties (Object.assign would call the `__proto__` setter). */
function assignOwn(target: Obj, source: Obj): Obj {
  for (const k of Object.keys(source))
    Object.defineProperty(target, k, {
      value: source[k],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return target;
}

/** Appends the slots of `o`; the keys that did not fit go into `extras`. */
function putSlots(out: Json[], slots: readonly Slot[], o: Obj, extras: Obj): void {
  for (const slot of slots) {
    if (!own(o, slot.key)) {
      out.push(ABSENT);
      continue;
    }
    const s = put(slot, o[slot.key]);
    if (s === undefined) {
      out.push(ABSENT);
      extras[slot.key] = o[slot.key];
    } else out.push(s);
  }
}

function takeSlots(into: Obj, slots: readonly Slot[], a: readonly Json[], at: number): number {
  for (const slot of slots) {
    const s = at < a.length ? a[at] : ABSENT;
    if (s !== ABSENT) into[slot.key] = take(slot, s);
    at += 1;
  }
  return at;
}

function trimAbsent(a: Json[]): Json[] {
  let n = a.length;
  while (n > 0 && a[n - 1] === ABSENT) n -= 1;
  a.length = n;
  return a;
}

const KNOWN_HOUSING = new Set(HOUSING.map((s) => s.key));
const KNOWN_MEMBER = new Set(MEMBER.map((s) => s.key));
const KNOWN_HOUSEHOLD = new Set(
  [...HOUSEHOLD_BEFORE, ...HOUSEHOLD_AFTER_HOUSING, ...HOUSEHOLD_AFTER_MEMBERS].map((s) => s.key),
);

function encodeMember(m: Obj): Json[] {
  const extras = ownObject();
  const out: Json[] = [];
  putSlots(out, MEMBER, m, extras);
  for (const k of Object.keys(m)) if (!KNOWN_MEMBER.has(k)) extras[k] = m[k];
  trimAbsent(out);
  if (Object.keys(extras).length > 0) out.push(extras);
  return out;
}

function decodeMember(stored: readonly Json[]): Obj {
  const [a, extras] = splitExtras(stored);
  const m: Obj = {};
  takeSlots(m, MEMBER, a, 0);
  return extras ? assignOwn(m, extras) : m;
}

/** The slots and the trailing object of kept keys (no slot ever holds an object). */
function splitExtras(a: readonly Json[]): [readonly Json[], Obj | undefined] {
  const last = a[a.length - 1];
  return isObject(last) ? [a.slice(0, -1), last] : [a, undefined];
}

/** The registry's rows that stored answers of layout v2 leave out (see the layout above). */
export interface AnswersContext {
  /** household.household_key */
  householdKey: string;
  /** review_result.unit_code and survey_date of the answers' own row */
  unitCode: string;
  surveyDate: string;
  /** The household's member rows by ordinal; needed while the period is its answers_period. */
  members?: readonly MemberColumns[];
}

/** A household_member row's columns, as the record names them. */
export interface MemberColumns {
  name: string;
  idNumber: string | null;
  birthDate: string;
  sex: string;
  relation: string;
}

/** The household slots v2 reads from the rows, by the context's field. */
const FROM_ROWS: Readonly<Record<string, 'householdKey' | 'unitCode' | 'surveyDate'>> = {
  householdId: 'householdKey',
  unitCode: 'unitCode',
  surveyDate: 'surveyDate',
};
/** A member's answers besides the five a household_member row holds, in the record's order. */
const MEMBER_ANSWER_KEYS = MEMBER.slice(5).map((slot) => slot.key);
const IN_ROWS = true;

/** Whether a member's row holds exactly its first five answers (then they are left out). */
function rowHolds(m: Obj): boolean {
  return (
    typeof m.name === 'string' &&
    own(m, 'idNumber') &&
    (typeof m.idNumber === 'string' || m.idNumber === null) &&
    typeof m.birthDate === 'string' &&
    typeof m.sex === 'string' &&
    typeof m.relation === 'string'
  );
}

/**
 * v2's member whose columns are in its row: [true, employment, schooling, education, disability,
 * ethnicity, flags?, {extras}?] — codes as indexes (ethnicity: its index among "01"…"54"), and the
 * six yes/no answers in one number: bit i set when FLAGS[i] is true, bit 6 + i set when it is
 * absent (a value that is not a boolean counts as absent and is kept as an extra).
 */
const MEMBER_REST: readonly Slot[] = [
  code('employment', EMPLOYMENTS),
  code('schooling', SCHOOLING),
  code('education', EDUCATION),
  code('disability', DISABILITIES),
  code('ethnicity', ETHNICITY),
];
const FLAGS = ['healthInsurance', 'inTraining', 'stunted', 'underweight', 'monthlySocialAllowance', 'merit'];

function encodeMemberOutsideRow(m: Obj): Json[] {
  const extras = ownObject();
  const out: Json[] = [IN_ROWS];
  putSlots(out, MEMBER_REST, m, extras);
  let flags = 0;
  FLAGS.forEach((k, i) => {
    const v = own(m, k) ? m[k] : undefined;
    if (v === true) flags |= 1 << i;
    else if (v !== false) {
      flags |= 1 << (6 + i);
      if (own(m, k)) extras[k] = v;
    }
  });
  out.push(flags);
  for (const k of Object.keys(m)) if (!KNOWN_MEMBER.has(k)) extras[k] = m[k];
  if (flags === 0b111111000000) out.pop();
  trimAbsent(out);
  if (Object.keys(extras).length > 0) out.push(extras);
  return out;
}

/**
 * The answers in their stored form (a JSON text), layout v2: for a result row written together
 * with the household whose key is record.householdId, the row's unit_code = record.unitCode and
 * survey_date = record.surveyDate, and — `members: 'rows'`, the write that replaces the members —
 * member rows holding each member's name, idNumber, birthDate, sex and relation in the record's
 * order. `members: 'inline'` keeps every member whole (a period that is not the answers_period).
 */
export function encodeAnswers(
  record: SurveyRecord | Obj,
  opts: { members: 'rows' | 'inline' } = { members: 'rows' },
): string {
  return encodeLayout(record as Obj, 2, opts.members === 'rows');
}

/** Layout v1 (rows written before v2; kept for the tests of reading them). */
export function encodeAnswersV1(record: SurveyRecord | Obj): string {
  return encodeLayout(record as Obj, 1, false);
}

function encodeLayout(r: Obj, version: 1 | 2, membersInRows: boolean): string {
  const extras = ownObject();
  const out: Json[] = [version];
  putSlots(out, HOUSEHOLD_BEFORE, r, extras);
  if (version === 2) for (let i = 0; i < 3; i += 1) if (typeof out[1 + i] === 'string') out[1 + i] = IN_ROWS;
  // housing: flat when it is an object of the known keys only, else kept whole as an extra.
  const housing = r.housing;
  if (isObject(housing) && Object.keys(housing).every((k) => KNOWN_HOUSING.has(k))) {
    const hExtras = ownObject();
    const at = out.length;
    putSlots(out, HOUSING, housing, hExtras);
    if (Object.keys(hExtras).length > 0 || Object.keys(housing).length === 0) {
      out.length = at;
      for (let i = 0; i < HOUSING.length; i += 1) out.push(ABSENT);
      extras.housing = housing;
    }
  } else {
    for (let i = 0; i < HOUSING.length; i += 1) out.push(ABSENT);
    if (own(r, 'housing')) extras.housing = housing;
  }
  putSlots(out, HOUSEHOLD_AFTER_HOUSING, r, extras);
  const members = r.members;
  if (Array.isArray(members) && members.every(isObject))
    out.push(
      members.map((m) => (membersInRows && rowHolds(m) ? encodeMemberOutsideRow(m) : encodeMember(m))),
    );
  else {
    out.push(ABSENT);
    if (own(r, 'members')) extras.members = members;
  }
  putSlots(out, HOUSEHOLD_AFTER_MEMBERS, r, extras);
  for (const k of Object.keys(r))
    if (!KNOWN_HOUSEHOLD.has(k) && k !== 'housing' && k !== 'members') extras[k] = r[k];
  trimAbsent(out);
  if (Object.keys(extras).length > 0) out.push(extras);
  return JSON.stringify(out);
}

/**
 * The record of stored answers: the compact form, or (rows written before it, and a value any
 * caller passes through) a record as JSON, returned as it is. Layout v2 takes what it left to the
 * registry's rows from `context` (`registry.repository` `readAnswers` gathers them); with
 * `'without-rows'` those keys are left out (a reader of the other answers only).
 */
export function decodeAnswers(text: string, context?: AnswersContext | 'without-rows'): SurveyRecord {
  const stored = JSON.parse(text) as Json;
  if (!Array.isArray(stored)) return stored as SurveyRecord;
  if (stored[0] !== 1 && stored[0] !== 2)
    throw new Error(`stored answers: unknown layout ${String(stored[0])}`);
  const [a, extras] = splitExtras(stored);
  const r: Obj = {};
  let at = takeSlots(r, HOUSEHOLD_BEFORE, a, 1);
  for (const [key, field] of Object.entries(FROM_ROWS))
    if (r[key] === IN_ROWS) {
      if (context === 'without-rows') delete r[key];
      else r[key] = needContext(context)[field];
    }
  const housing: Obj = {};
  at = takeSlots(housing, HOUSING, a, at);
  if (Object.keys(housing).length > 0) r.housing = housing;
  at = takeSlots(r, HOUSEHOLD_AFTER_HOUSING, a, at);
  const m = at < a.length ? a[at] : ABSENT;
  if (m !== ABSENT)
    r.members = (m as Json[][]).map((x, i) =>
      x[0] !== IN_ROWS
        ? decodeMember(x)
        : decodeMemberOfRow(x, context === 'without-rows' ? undefined : rowOf(context, i)),
    );
  takeSlots(r, HOUSEHOLD_AFTER_MEMBERS, a, at + 1);
  return (extras ? assignOwn(r, extras) : r) as unknown as SurveyRecord;
}

function needContext(context: AnswersContext | undefined): AnswersContext {
  if (!context) throw new Error('stored answers of layout 2: the registry rows are needed to read them');
  return context;
}

function rowOf(context: AnswersContext | undefined, i: number): MemberColumns {
  const row = needContext(context).members?.[i];
  if (!row) throw new Error(`stored answers of layout 2: no member row of ordinal ${i + 1}`);
  return row;
}

/** A member left to its row; without the row (`'without-rows'`), its answers beside the row's. */
function decodeMemberOfRow(stored: readonly Json[], row: MemberColumns | undefined): Obj {
  const [a, extras] = splitExtras(stored);
  const m: Obj = row
    ? {
        name: row.name,
        idNumber: row.idNumber,
        birthDate: row.birthDate,
        sex: row.sex,
        relation: row.relation,
      }
    : {};
  const rest: Obj = {};
  const at = takeSlots(rest, MEMBER_REST, a, 1);
  const flags = at < a.length ? (a[at] as number) : 0b111111000000;
  FLAGS.forEach((k, i) => {
    if ((flags & (1 << (6 + i))) === 0) rest[k] = (flags & (1 << i)) !== 0;
  });
  // The keys in the record's order, as v1 gives them back.
  for (const k of MEMBER_ANSWER_KEYS) if (own(rest, k)) m[k] = rest[k];
  return extras ? assignOwn(m, extras) : m;
}

/** Whether stored answers leave members to their rows (then reading them needs the rows). */
export function answersNeedMembers(text: string): boolean {
  return text.startsWith('[2,') && text.includes('[true');
}

/**
 * The answers of a period that stops being the household's answers_period, with its members
 * stored whole: read with the member rows it left them to (before they are replaced), written
 * back with every member inline. Answers that hold their members already are returned as they are.
 */
export function inlineMembers(text: string, context: AnswersContext): string {
  if (!answersNeedMembers(text)) return text;
  return encodeAnswers(decodeAnswers(text, context), { members: 'inline' });
}

/** The columns of a member row (household_member); the rest of a member's answers are its data. */
const MEMBER_COLUMNS = new Set(['name', 'idNumber', 'birthDate', 'sex', 'relation']);

/** Each member's answers besides the columns of its row, in the record's order (a member's data). */
export function memberDataOf(record: SurveyRecord | undefined): Record<string, unknown>[] {
  const members = (record as { members?: unknown } | undefined)?.members;
  if (!Array.isArray(members)) return [];
  return members.map((m) =>
    isObject(m) ? Object.fromEntries(Object.entries(m).filter(([k]) => !MEMBER_COLUMNS.has(k))) : {},
  );
}
