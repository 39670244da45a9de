// The line reader and JSON.parse agree: whatever the reader returns deep-equals JSON.parse of the
// same line (a key the line lacks being undefined), and it returns nothing for a line JSON.parse
// refuses. On generated records, on every catalogue field given each of its codes or null, on
// numbers in every JSON form, and on lines mutated at random one byte at a time.
import { describe, expect, it } from 'vitest';
import { scanSurveyBytes } from './compiled-scan.js';
import { HOUSEHOLD_FIELDS, MEMBER_FIELDS } from './fields.js';
import { WORDS } from '../words/catalogue.js';
import { rngFrom, twoCommuneGenerator } from '../registry/generate.js';

type Json = Record<string, unknown>;

const generator = () => twoCommuneGenerator('compiled-scan');

/** A value with its undefined properties left out (as JSON.parse never makes them). */
function defined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(defined);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => [k, defined(x)]),
  );
}

const scan = (line: string) => {
  const bytes = Buffer.from(line);
  return scanSurveyBytes(bytes, 0, bytes.length);
};

/** The reader on a line: what it returns equals JSON.parse; true when it returned a record. */
function agrees(line: string): boolean {
  const got = scan(line);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    expect(got, line).toBeUndefined();
    return false;
  }
  if (got === undefined) return false;
  expect(defined(got), line).toStrictEqual(parsed);
  return true;
}

const base = generator().next() as Json;

describe('scanSurveyBytes', () => {
  it('reads generated records as JSON.parse does, compact and indented', () => {
    const gen = generator();
    for (let i = 0; i < 300; i += 1) {
      const raw = gen.next();
      expect(agrees(JSON.stringify(raw))).toBe(true);
      expect(agrees(JSON.stringify(raw, null, i % 2 === 0 ? 2 : '\t'))).toBe(true);
    }
  });

  it('reads every code of every field, and null where a field may be absent', () => {
    let read = 0;
    for (const f of [...HOUSEHOLD_FIELDS, ...MEMBER_FIELDS].filter((x) => x.inRecord)) {
      const values: unknown[] = [];
      if (f.words) {
        const codes = Object.keys(WORDS[f.words]);
        values.push(...(f.type === 'enum-list' ? [codes, [], codes.slice(0, 1)] : codes));
      }
      if (!f.required) values.push(null);
      for (const v of values) {
        const rec = structuredClone(base);
        if (f.scope === 'member') (rec.members as Json[])[0]![f.key] = v;
        else if (f.path.includes('.')) (rec[f.path.split('.')[0]!] as Json)[f.key] = v;
        else rec[f.key] = v;
        expect(agrees(JSON.stringify(rec)), `${f.path} = ${JSON.stringify(v)}`).toBe(true);
        read += 1;
      }
    }
    expect(read).toBeGreaterThan(100);
  });

  it('reads numbers in every JSON form exactly', () => {
    const forms = [
      '0',
      '7',
      '1500000',
      '123456789012345',
      '1234567890123456789',
      '-0',
      '-12',
      '12.5',
      '0.1',
      '1e3',
      '1E-2',
      '2.50e+2',
      '9007199254740993',
    ];
    for (const n of forms) {
      const line = JSON.stringify(base).replace(
        /"incomePerCapitaMonthly":\d+/,
        `"incomePerCapitaMonthly":${n}`,
      );
      expect(agrees(line), n).toBe(true);
      expect(Object.is(scan(line)!.incomePerCapitaMonthly, JSON.parse(line).incomePerCapitaMonthly)).toBe(
        true,
      );
    }
    for (const n of ['01', '1.', '.5', '1e', '-', '+1', '1..2', 'NaN', 'Infinity']) {
      const line = JSON.stringify(base).replace(
        /"incomePerCapitaMonthly":\d+/,
        `"incomePerCapitaMonthly":${n}`,
      );
      expect(scan(line), n).toBeUndefined();
    }
  });

  it('leaves to JSON.parse what it is not sure of', () => {
    const line = JSON.stringify(base);
    const cases: [string, string][] = [
      ['an escape sequence', line.replace('"householdId":"', '"householdId":"\\u0041')],
      ['an escaped quote in a name', line.replace(/"name":"/, '"name":"\\"')],
      ['a key outside the catalogue', line.replace('{', '{"village":"Thôn 1",')],
      ['a key given twice', line.replace('{', `{"householdId":"x",`)],
      ['a code outside the list', line.replace(/"sex":"[MF]"/, '"sex":"X"')],
      [
        'a number as a string',
        line.replace(/"incomePerCapitaMonthly":(\d+)/, '"incomePerCapitaMonthly":"$1"'),
      ],
      ['null where required', line.replace(/"surveyDate":"[^"]*"/, '"surveyDate":null')],
      ['a control character in a name', line.replace(/"name":"/, '"name":"\u0001')],
      ['text after the record', `${line} x`],
      ['a second record', `${line}${line}`],
      ['an unclosed record', line.slice(0, -1)],
      ['a byte order mark', `\ufeff${line}`],
      ['an array', `[${line}]`],
      ['empty', ''],
    ];
    for (const [what, l] of cases) expect(scan(l), what).toBeUndefined();
    // Whitespace of every kind JSON allows, and keys in another order, are read.
    expect(agrees(` \t${line.replaceAll(',"', ' ,\r\n "').replaceAll('":', '" : ')}\r `)).toBe(true);
    const reversed = Object.fromEntries(Object.entries(base).reverse());
    expect(agrees(JSON.stringify(reversed))).toBe(true);
  });

  it('reads a line among others of one buffer by its bounds, a backslash of another line aside', () => {
    const gen = generator();
    const lines = Array.from({ length: 20 }, () => JSON.stringify(gen.next()));
    lines[7] = lines[7]!.replace('"householdId":"', '"householdId":"\\u0041');
    const bytes = Buffer.from(lines.join('\n'));
    let start = 0;
    lines.forEach((line, i) => {
      const end = start + Buffer.byteLength(line);
      const got = scanSurveyBytes(bytes, start, end);
      if (i === 7) expect(got).toBeUndefined();
      else expect(defined(got)).toStrictEqual(JSON.parse(line));
      start = end + 1;
    });
    // Read again from the start: the backslash is found again.
    expect(scanSurveyBytes(bytes, 0, Buffer.byteLength(lines[0]!))).toBeDefined();
    const seventh = lines.slice(0, 7).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(scanSurveyBytes(bytes, seventh, seventh + Buffer.byteLength(lines[7]!))).toBeUndefined();
  });

  it('never returns what JSON.parse would not make, on lines mutated at random', () => {
    const gen = generator();
    const rnd = rngFrom('compiled-scan-mutations');
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '"',
      '\\',
      ' ',
      '0',
      '9',
      '.',
      'e',
      '-',
      'n',
      't',
      'f',
      'a',
      'é',
      '\u0001',
      'null',
      'true',
      '""',
    ];
    let accepted = 0;
    for (let i = 0; i < 3000; i += 1) {
      let line = JSON.stringify(gen.next());
      for (let m = 0; m < 1 + Math.floor(rnd() * 3); m += 1) {
        const at = Math.floor(rnd() * line.length);
        const piece = pieces[Math.floor(rnd() * pieces.length)]!;
        const kind = rnd();
        if (kind < 0.35) line = line.slice(0, at) + line.slice(at + 1);
        else if (kind < 0.7) line = line.slice(0, at) + piece + line.slice(at);
        else line = line.slice(0, at) + piece + line.slice(at + 1);
      }
      if (agrees(line)) accepted += 1;
    }
    // Some mutations keep the line valid (a digit changed, a space added): those are read.
    expect(accepted).toBeGreaterThan(50);
  });
});
