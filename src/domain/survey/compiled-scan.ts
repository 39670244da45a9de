// A survey line read straight from its bytes into the record JSON.parse would make of its text,
// compiled from the field catalogue (./fields.ts) as the check is (./compiled-check.ts): one
// function per object of the record (the household, `housing`, a member), each with the object's
// keys and codes as constants and a local per key. A line becomes objects of one shape without
// decoding it to a string and without JSON.parse's generic work (every key looked up, every object
// grown key by key); a code (`septic`) becomes the constant string of the code, which every later
// comparison finds at once. `giamngheo classify` runs it on every line of the file as read.
//
// It reads only the lines it is sure of and gives up (undefined) on anything else, which then goes
// through JSON.parse and the parser as before. It gives up on:
// - a key that is not a field of its object, or a key given twice;
// - a value of another JSON type than its field's (a string where a number is expected…), a null
//   where the field is required, a string outside a field's codes;
// - any backslash in the line (an escape sequence), a control character in a free text;
// - anything JSON itself refuses.
// Contract: whatever it returns deep-equals JSON.parse of the line's UTF-8 text, except that a key
// the line does not have is a property with the value undefined (every reader of a record reads by
// key). ./compiled-scan.test.ts holds it to that on generated records and on lines mutated at
// random.
//
// Only the command line and the services use it (the web app's CSP refuses `new Function`).
import { HOUSEHOLD_FIELDS, MEMBER_FIELDS, type SurveyField } from './fields.js';
import { WORDS } from '../words/catalogue.js';

/**
 * The record of the line in `bytes` from `start` to `end` (its newline and any CR excluded; see
 * the contract above), or undefined when left to JSON.parse. A buffer is not changed while its
 * lines are read (where its backslashes lie is kept between calls).
 */
export type SurveyScan = (
  bytes: Uint8Array,
  start: number,
  end: number,
) => Record<string, unknown> | undefined;

/** The key of the members' list in a record (contracts/survey-record.md). */
const MEMBERS = 'members';

/** Whitespace JSON allows between tokens: skips it from `p`, which it leaves on the next token. */
const WS = 'for (;;) { c = s[p]; if (c === 32 || c === 10 || c === 13 || c === 9) p += 1; else break; }';

/**
 * A string token at `p` into `t` (no escape: the line has no backslash), `p` after it: its closing
 * quote within the line (a multi-byte character never holds the byte of a quote), refused with a
 * control character as JSON refuses it.
 */
const str = (t: string) =>
  'if (s[p] !== 34) return undefined; ' +
  'for (q = p + 1; q < end; q += 1) { c = s[q]; if (c === 34) break; if (c < 32) return undefined; } ' +
  `if (q >= end) return undefined; ${t} = utf8(s, p + 1, q); p = q + 1;`;

/** `null` at `p` into `t`; `otherwise` when the token is not null. */
const nullOr = (t: string, otherwise: string) =>
  `if (s[p] === 110) { if (s[p + 1] !== 117 || s[p + 2] !== 108 || s[p + 3] !== 108) return undefined; ${t} = null; p += 4; } else { ${otherwise} }`;

const bool = (t: string) =>
  'c = s[p]; ' +
  `if (c === 116 && s[p + 1] === 114 && s[p + 2] === 117 && s[p + 3] === 101) { ${t} = true; p += 4; } ` +
  `else if (c === 102 && s[p + 1] === 97 && s[p + 2] === 108 && s[p + 3] === 115 && s[p + 4] === 101) { ${t} = false; p += 5; } ` +
  'else return undefined;';

/**
 * A number token at `p` into `t`, as JSON's grammar reads it: an integer of up to 15 digits
 * summed digit by digit (exact), any other form through Number() of its text (JSON.parse's
 * conversion).
 */
const number = (t: string) =>
  'q = p; if (s[q] === 45) q += 1; c = s[q]; ' +
  'if (c === 48) q += 1; else if (c >= 49 && c <= 57) { q += 1; for (;;) { c = s[q]; if (c >= 48 && c <= 57) q += 1; else break; } } else return undefined; ' +
  'x = q; ' +
  'if (s[q] === 46) { q += 1; c = s[q]; if (!(c >= 48 && c <= 57)) return undefined; for (;;) { q += 1; c = s[q]; if (!(c >= 48 && c <= 57)) break; } } ' +
  'c = s[q]; if (c === 101 || c === 69) { q += 1; c = s[q]; if (c === 43 || c === 45) { q += 1; c = s[q]; } if (!(c >= 48 && c <= 57)) return undefined; for (;;) { q += 1; c = s[q]; if (!(c >= 48 && c <= 57)) break; } } ' +
  `if (q === x && q - p <= 15 && s[p] !== 45) { ${t} = 0; for (k = p; k < q; k += 1) ${t} = ${t} * 10 + s[k] - 48; } else ${t} = Number(latin1(s, p, q)); ` +
  'p = q;';

/** One of a field's codes at `p` into `t`, as the constant string of the code. */
const code = (codes: readonly string[], t: string) =>
  oneOf(codes, (i) => `${t} = ${JSON.stringify(codes[i])}; p += ${codes[i]!.length + 2};`);

/** A JSON array at `p` into `t`, each element read by `item` into `y`. */
const arrayOf = (t: string, item: string) =>
  `if (s[p] !== 91) return undefined; ${t} = []; p += 1; ${WS} ` +
  `if (c === 93) p += 1; else for (;;) { ${item} ${t}.push(y); ${WS} if (c === 44) { p += 1; ${WS} continue; } if (c === 93) { p += 1; break; } return undefined; }`;

/** An array of a field's codes at `p` into `t`. */
const codeList = (codes: readonly string[], t: string) => arrayOf(t, code(codes, 'y'));

/** The value of one field at `p` into `t`. */
function fieldValue(f: SurveyField, t: string): string {
  const optional = !f.required;
  switch (f.type) {
    case 'text':
    case 'unit-code':
    case 'date':
      return str(t);
    case 'money':
    case 'number':
      return number(t);
    case 'boolean':
      return optional ? nullOr(t, bool(t)) : bool(t);
    case 'citizen-id':
      return optional ? nullOr(t, str(t)) : str(t);
    case 'enum': {
      const codes = Object.keys(WORDS[f.words!]);
      return optional ? nullOr(t, code(codes, t)) : code(codes, t);
    }
    case 'enum-list': {
      const codes = Object.keys(WORDS[f.words!]);
      return optional ? nullOr(t, codeList(codes, t)) : codeList(codes, t);
    }
    default:
      throw new Error(`survey field ${f.path}: ${String(f.type)} not compiled for reading lines`);
  }
}

/**
 * Code reading, at `p`, a JSON string that is one of `words` (plain ASCII, nothing to escape)
 * and running `hit(i)` for the i-th, `p` still on its opening quote; `return undefined` for any
 * other token. The words are told apart one character at a time (a `switch` where they differ),
 * the last one left compared character by character with its closing quote: no call, no string
 * made.
 */
function oneOf(words: readonly string[], hit: (i: number) => string): string {
  for (const w of words)
    if (!/^[\x20-\x7e]*$/.test(w) || w.includes('"') || w.includes('\\'))
      throw new Error(`"${w}": not a plain ASCII word to read from a line`);
  const at = (n: number) => `s[p + ${n + 1}]`;
  // Candidates (indexes into words) that agree on their first `depth` characters.
  const node = (candidates: number[], depth: number): string => {
    if (candidates.length === 1) {
      const i = candidates[0]!;
      const w = words[i]!;
      const rest = [...w.slice(depth)].map((ch, n) => `${at(depth + n)} === ${ch.charCodeAt(0)}`);
      rest.push(`${at(w.length)} === 34`);
      return `if (${rest.join(' && ')}) { ${hit(i)} } else return undefined;`;
    }
    // The character at `depth`, or the closing quote (34) for a word that ends there.
    const groups = new Map<number, number[]>();
    for (const i of candidates) {
      const w = words[i]!;
      const ch = depth < w.length ? w.charCodeAt(depth) : 34;
      groups.set(ch, [...(groups.get(ch) ?? []), i]);
    }
    const cases = [...groups]
      .map(([ch, list]) =>
        ch === 34 ? `case 34: { ${hit(list[0]!)} } break;` : `case ${ch}: ${node(list, depth + 1)} break;`,
      )
      .join(' ');
    return `switch (${at(depth)}) { ${cases} default: return undefined; }`;
  };
  const all = words.map((_, i) => i);
  return `if (s[p] !== 34) return undefined; ${node(all, 0)}`;
}

interface Member {
  key: string;
  /** What reads its value at `p` into `t`. */
  value: (t: string) => string;
}

/**
 * The function reading one object of `members` at `p` (its `{`): its value, with the position
 * after it in END; undefined when left to JSON.parse.
 */
function objectReader(name: string, members: Member[]): string {
  if (members.length > 31) throw new Error(`${name}: more than 31 keys to read`);
  const locals = members.map((_, i) => `v${i}`);
  const values = members.map((m, i) => `case ${i}: ${m.value(`v${i}`)} break;`).join(' ');
  return [
    `function ${name}(s, p, end) {`,
    `let c = 0, q = 0, k = 0, x = 0, y, seen = 0, ${locals.join(', ')};`,
    'if (s[p] !== 123) return undefined;',
    `p += 1; ${WS}`,
    'if (c === 125) p += 1; else for (;;) {',
    'if (c !== 34) return undefined;',
    oneOf(
      members.map((m) => m.key),
      (i) => `k = ${i}; p += ${members[i]!.key.length + 2};`,
    ),
    'if ((seen & (1 << k)) !== 0) return undefined; seen |= 1 << k;',
    `${WS} if (c !== 58) return undefined; p += 1; ${WS}`,
    `switch (k) { ${values} }`,
    WS,
    `if (c === 44) { p += 1; ${WS} continue; }`,
    'if (c === 125) { p += 1; break; }',
    'return undefined;',
    '}',
    'END = p;',
    `return { ${members.map((m, i) => `${JSON.stringify(m.key)}: v${i}`).join(', ')} };`,
    '}',
  ].join('\n');
}

function compile(): SurveyScan {
  const fieldMember = (f: SurveyField): Member => ({ key: f.key, value: (t) => fieldValue(f, t) });
  // Household fields by the object that holds them (`housing.walls` in `housing`), as the check.
  const top: Member[] = [];
  const nested = new Map<string, SurveyField[]>();
  for (const f of HOUSEHOLD_FIELDS.filter((h) => h.inRecord)) {
    const dot = f.path.lastIndexOf('.');
    if (dot < 0) {
      top.push(fieldMember(f));
      continue;
    }
    const parent = f.path.slice(0, dot);
    if (parent.includes('.')) throw new Error(`survey field ${f.path}: nested too deep to compile`);
    if (!nested.has(parent)) {
      nested.set(parent, []);
      const reader = `read_${parent}`;
      top.push({
        key: parent,
        value: (t) => `${t} = ${reader}(s, p, end); if (${t} === undefined) return undefined; p = END;`,
      });
    }
    nested.get(parent)!.push(f);
  }
  top.push({
    key: MEMBERS,
    value: (t) => arrayOf(t, 'y = read_member(s, p, end); if (y === undefined) return undefined; p = END;'),
  });
  const readers = [
    objectReader('read_record', top),
    ...[...nested].map(([parent, fields]) => objectReader(`read_${parent}`, fields.map(fieldMember))),
    objectReader('read_member', MEMBER_FIELDS.filter((f) => f.inRecord).map(fieldMember)),
  ];
  const source = [
    // Where the last object read ended; where the next backslash of the last buffer read lies.
    'let END = 0, lastBytes = null, lastStart = 0, backslash = -1;',
    ...readers,
    'return function scanSurveyLine(s, start, end) {',
    // An escape sequence in the line: it is JSON.parse's. The buffer is searched once for every
    // backslash it holds, not once per line.
    'if (s !== lastBytes || start < lastStart || (backslash >= 0 && backslash < start)) { lastBytes = s; backslash = s.indexOf(92, start); }',
    'lastStart = start;',
    'if (backslash >= 0 && backslash < end) return undefined;',
    `let p = start, c = 0; ${WS}`,
    'const r = read_record(s, p, end);',
    'if (r === undefined) return undefined;',
    // Nothing but whitespace after it, within the line (the newline that ends it is beyond).
    'for (p = END; p < end; p += 1) { c = s[p]; if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return undefined; }',
    'return p === end ? r : undefined;',
    '};',
  ].join('\n');
  return new Function('utf8', 'latin1', source)(utf8, latin1) as SurveyScan;
}

/** The text of bytes `start`–`end` (as the command decodes a line). */
const utf8 = (b: Buffer, start: number, end: number): string => b.toString('utf8', start, end);
/** The text of bytes known to be ASCII (a number's). */
const latin1 = (b: Buffer, start: number, end: number): string => b.toString('latin1', start, end);

/** The catalogue's line reader, compiled once when this module is first imported. */
export const scanSurveyBytes: SurveyScan = compile();
