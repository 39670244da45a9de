// The validation of a survey record compiled from the field catalogue (./fields.ts), as ajv and
// fast-json-stringify compile theirs: the rows are read once, at start, into the source of one
// function of straight-line checks (one per field, the allowed codes of an enum as a `switch`,
// the members in one loop), made with `new Function`. No generic loop over the rows, no closure
// per key, no array or string made for a valid record: `giamngheo classify` runs it on every line.
//
// It only answers "valid or not" (and fills the absent optional answers in place, as
// parseSurveyRecord does for a valid record, so the object becomes the SurveyRecord). It never
// says why: a record it refuses is read again by parseSurveyRecord (./parse.ts), which gives the
// errors — so their codes and texts are the parser's by construction. Contract: whatever it
// accepts, parseSurveyRecord accepts, with the same record; it may refuse more (a rare shape it
// leaves to the parser: an empty string for an optional code, a birth date exactly 130 years
// before the survey). A rule added to parse.ts beyond what a field's type says must be added here
// too: ./compiled-check.test.ts compares the two on every field made missing, mistyped or out of
// its list, and on generated records.
//
// Only the command line and the services use it: the web app validates with parseSurveyRecord
// (its pages' content security policy refuses `new Function`).
import { citizenIdOk } from './citizen-id.js';
import { isoYear } from '../dates.js';
import { HOUSEHOLD_FIELDS, MEMBER_FIELDS, type SurveyField } from './fields.js';
import { isIsoDateFast } from './parse.js';
import { WORDS } from '../words/catalogue.js';

/** Years a member may be older than on the survey date (parse.ts's MAX_AGE; beyond: refused). */
const MAX_AGE = 130;

/**
 * True when `raw` is a valid survey record, which is then the SurveyRecord itself (absent
 * optional answers filled in place); false when it is not, or has a shape left to the parser.
 */
export type SurveyCheck = (raw: unknown) => boolean;

const isObjectTest = (v: string) => `(typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v}))`;

/** A `switch` that falls to `onMiss` for a string outside the field's codes. */
function membership(f: SurveyField, v: string, onMiss: string): string {
  const codes = Object.keys(WORDS[f.words!]);
  if (codes.length === 0) throw new Error(`survey field ${f.path}: no codes in words "${f.words}"`);
  return `switch (${v}) { ${codes.map((c) => `case ${JSON.stringify(c)}:`).join(' ')} break; default: ${onMiss} }`;
}

/**
 * The check of one field's value in `v` (read from `obj`), refusing with `return false`. A
 * member's cross-field rules (birth date against the survey date, citizen ID against birth date
 * and sex) come after all its fields, in `late`.
 */
function fieldCheck(f: SurveyField, obj: string, late: string[]): string {
  const read = `v = ${obj}.${f.key};`;
  const absent = '(v === undefined || v === null)';
  const fill = (value: string) => `if (v === undefined) ${obj}.${f.key} = ${value};`;
  const unsupported = () =>
    new Error(`survey field ${f.path}: ${f.type} (required ${f.required}) not compiled`);
  switch (f.type) {
    case 'text':
      if (!f.required) throw unsupported();
      // Not blank: a printable ASCII first character settles it, else what trim() leaves.
      return `${read} if (typeof v !== 'string' || v.length === 0) return false; c = v.charCodeAt(0); if (!(c > 32 && c < 127) && v.trim() === '') return false;`;
    case 'unit-code':
      if (!f.required) throw unsupported();
      return `${read} if (typeof v !== 'string' || v.length !== 5) return false; for (k = 0; k < 5; k += 1) { c = v.charCodeAt(k); if (c < 48 || c > 57) return false; }`;
    case 'date':
      if (!f.required) throw unsupported();
      return `${read} if (typeof v !== 'string' || !isIsoDateFast(v)) return false;`;
    case 'money':
      if (!f.required) throw unsupported();
      return `${read} if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return false;`;
    case 'number':
      // A quantity (the floor area): finite and above 0.
      if (!f.required) throw unsupported();
      return `${read} if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) return false;`;
    case 'boolean':
      if (f.required) return `${read} if (typeof v !== 'boolean') return false;`;
      if (f.whenAbsent !== false) throw unsupported();
      return `${read} if (${absent}) { ${fill('false')} if (v === null) ${obj}.${f.key} = false; } else if (typeof v !== 'boolean') return false;`;
    case 'enum':
      if (f.required) return `${read} ${membership(f, 'v', 'return false;')}`;
      if (f.whenAbsent !== null) throw unsupported();
      return `${read} if (${absent}) { ${fill('null')} } else { ${membership(f, 'v', 'return false;')} }`;
    case 'enum-list': {
      const each = `for (k = 0; k < v.length; k += 1) { x = v[k]; ${membership(f, 'x', 'return false;')} }`;
      if (f.required) return `${read} if (!Array.isArray(v)) return false; ${each}`;
      return `${read} if (${absent}) ${obj}.${f.key} = []; else { if (!Array.isArray(v)) return false; ${each} }`;
    }
    case 'citizen-id':
      if (f.required || f.scope !== 'member') throw unsupported();
      // Against the member's birth date and sex, once both are read (late); two members with
      // one ID are compared after the loop (`ids`).
      late.push(
        `v = ${obj}.${f.key}; if (v !== null) { if (!citizenIdOk(v, ${obj}.birthDate, ${obj}.sex)) return false; ids += 1; }`,
      );
      return `${read} if (v === undefined || v === '') ${obj}.${f.key} = null; else if (v !== null && typeof v !== 'string') return false;`;
    default:
      throw unsupported();
  }
}

function compile(): SurveyCheck {
  const household = HOUSEHOLD_FIELDS.filter((f) => f.inRecord);
  const member = MEMBER_FIELDS.filter((f) => f.inRecord);
  const lines: string[] = [
    'return function checkSurveyRecord(r) {',
    'let v, x, c, k;',
    `if ${isObjectTest('r')} return false;`,
  ];
  // Household fields, grouped by the object that holds them (`housing.walls` in r.housing).
  const parents = new Map<string, SurveyField[]>();
  for (const f of household) {
    const dot = f.path.lastIndexOf('.');
    const parent = dot < 0 ? '' : f.path.slice(0, dot);
    if (parent.includes('.')) throw new Error(`survey field ${f.path}: nested too deep to compile`);
    parents.set(parent, [...(parents.get(parent) ?? []), f]);
  }
  const none: string[] = [];
  for (const [parent, fields] of parents) {
    if (parent === '') {
      for (const f of fields) lines.push(fieldCheck(f, 'r', none));
      continue;
    }
    const o = `o_${parent}`;
    lines.push(`const ${o} = r.${parent}; if ${isObjectTest(o)} return false;`);
    for (const f of fields) lines.push(fieldCheck(f, o, none));
  }
  if (none.length > 0) throw new Error('a household field needs a cross-field rule: not compiled');
  // The survey date as numbers, for the members' birth dates (both are ISO dates by then).
  lines.push(
    'const on = r.surveyDate;',
    'const onYear = isoYear(on);',
    'const ms = r.members;',
    'if (!Array.isArray(ms) || ms.length === 0) return false;',
    'let heads = 0, ids = 0;',
    'for (let i = 0; i < ms.length; i += 1) {',
    'const m = ms[i];',
    `if ${isObjectTest('m')} return false;`,
  );
  const late: string[] = [];
  for (const f of member) lines.push(fieldCheck(f, 'm', late));
  lines.push(
    // Born on or before the survey date, and at most MAX_AGE years before it (a birth year
    // exactly MAX_AGE years back is left to the parser, which compares the days).
    'v = m.birthDate;',
    'if (v > on) return false;',
    'x = onYear - isoYear(v);',
    `if (x >= ${MAX_AGE}) return false;`,
    ...late,
    "if (m.relation === 'head') heads += 1;",
    '}',
    'if (heads !== 1) return false;',
    // One citizen ID names one person.
    'if (ids > 1) for (let i = 1; i < ms.length; i += 1) { v = ms[i].idNumber; if (v !== null) for (let j = 0; j < i; j += 1) if (ms[j].idNumber === v) return false; }',
    'return true;',
    '};',
  );
  const make = new Function('isIsoDateFast', 'citizenIdOk', 'isoYear', lines.join('\n')) as (
    iso: typeof isIsoDateFast,
    cid: typeof citizenIdOk,
    year: typeof isoYear,
  ) => SurveyCheck;
  return make(isIsoDateFast, citizenIdOk, isoYear);
}

/** The catalogue's check, compiled once when this module is first imported. */
export const checkSurveyRecord: SurveyCheck = compile();
