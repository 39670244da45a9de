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

/** The record's answers in their stored form (a JSON text). */
export function encodeAnswers(record: SurveyRecord | Obj): string {
  const r = record as Obj;
  const extras = ownObject();
  const out: Json[] = [1];
  putSlots(out, HOUSEHOLD_BEFORE, r, extras);
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
  if (Array.isArray(members) && members.every(isObject)) out.push(members.map(encodeMember));
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
 * caller passes through) a record as JSON, returned as it is.
 */
export function decodeAnswers(text: string): SurveyRecord {
  const stored = JSON.parse(text) as Json;
  if (!Array.isArray(stored)) return stored as SurveyRecord;
  if (stored[0] !== 1) throw new Error(`stored answers: unknown layout ${String(stored[0])}`);
  const [a, extras] = splitExtras(stored);
  const r: Obj = {};
  let at = takeSlots(r, HOUSEHOLD_BEFORE, a, 1);
  const housing: Obj = {};
  at = takeSlots(housing, HOUSING, a, at);
  if (Object.keys(housing).length > 0) r.housing = housing;
  at = takeSlots(r, HOUSEHOLD_AFTER_HOUSING, a, at);
  const m = at < a.length ? a[at] : ABSENT;
  if (m !== ABSENT) r.members = (m as Json[][]).map(decodeMember);
  takeSlots(r, HOUSEHOLD_AFTER_MEMBERS, a, at + 1);
  return (extras ? assignOwn(r, extras) : r) as unknown as SurveyRecord;
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
