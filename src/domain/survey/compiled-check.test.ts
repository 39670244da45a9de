// The compiled check and the parser agree: whatever the check accepts, the parser accepts with the
// same record (the absent answers filled alike); whatever the parser accepts, the check accepts,
// but for the shapes it leaves to the parser on purpose. Every field of the catalogue is made
// missing, null, empty, of each other type and outside its list, on the household and on members.
import { describe, expect, it } from 'vitest';
import { checkSurveyRecord } from './compiled-check.js';
import { parseSurveyRecord } from './parse.js';
import { HOUSEHOLD_FIELDS, MEMBER_FIELDS } from './fields.js';
import { rngFrom, twoCommuneGenerator } from '../registry/generate.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const generator = () => twoCommuneGenerator('compiled-check');

type Json = Record<string, unknown>;

/** Checks one record both ways; true when the check accepts it. */
function agree(raw: unknown, leftToParser = false): boolean {
  const checked = clone(raw);
  const accepted = checkSurveyRecord(checked);
  const parsed = parseSurveyRecord(clone(raw));
  if (accepted) expect(parsed.record).toStrictEqual(checked);
  else if (!leftToParser) expect(parsed.errors).not.toHaveLength(0);
  return accepted;
}

const WRONG: unknown[] = [
  undefined,
  null,
  '',
  '   ',
  0,
  -1,
  1.5,
  true,
  false,
  'zzz',
  [],
  ['x'],
  {},
  { a: 1 },
  'durable',
  'M',
  'head',
  '2024-01-01',
  '14830',
];

function set(o: Json, key: string, v: unknown): void {
  if (v === undefined) delete o[key];
  else o[key] = v;
}

/** Sets the value at a catalogue path (`housing.walls`) or a member's key. */
function mutate(base: Json, path: string, v: unknown, member = 0): Json {
  const r = clone(base);
  if (path.startsWith('members[].')) set((r.members as Json[])[member]!, path.slice(10), v);
  else if (path.includes('.')) {
    const [parent, key] = path.split('.') as [string, string];
    set(r[parent] as Json, key, v);
  } else set(r, path, v);
  return r;
}

/**
 * The parser accepts it, the check leaves it to the parser: an empty string for an optional code
 * or list (the parser reads it as absent).
 */
const leftToParser = (path: string, v: unknown) =>
  v === '' && ['members[].ethnicity', 'povertyCauses', 'supportNeeds'].includes(path);

describe('compiled survey check', () => {
  const base = generator().next() as Json;

  it('accepts a valid record and fills it as the parser does', () => {
    expect(agree(base)).toBe(true);
    const bare = clone(base);
    for (const m of bare.members as Json[]) {
      for (const k of ['ethnicity', 'merit', 'idNumber', 'schooling', 'stunted', 'underweight']) delete m[k];
    }
    delete bare.povertyCauses;
    delete bare.supportNeeds;
    delete bare.area;
    expect(agree(bare)).toBe(true);
  });

  it('agrees with the parser on every catalogue field made wrong, household and member', () => {
    const paths = [...HOUSEHOLD_FIELDS, ...MEMBER_FIELDS].filter((f) => f.inRecord).map((f) => f.path);
    for (const path of [...paths, 'housing', 'members']) {
      for (const v of WRONG) {
        for (const member of path.startsWith('members[].') ? [0, 1] : [0]) {
          const raw = mutate(base, path, v, member);
          const accepted = agree(raw, leftToParser(path, v));
          if (!accepted && !leftToParser(path, v))
            expect(parseSurveyRecord(clone(raw)).record).toBeUndefined();
        }
      }
    }
  });

  it('agrees on dates, citizen IDs, unit codes, heads and duplicates', () => {
    const cases: [string, unknown][] = [
      ['surveyDate', '2024-02-30'],
      ['surveyDate', '2023-02-29'],
      ['surveyDate', '2024-02-29'],
      ['surveyDate', '2024-13-01'],
      ['surveyDate', '2024-1-01'],
      ['surveyDate', '20241015'],
      ['unitCode', '1234'],
      ['unitCode', '123456'],
      ['unitCode', '1234a'],
      ['unitCode', '00001'],
      ['incomePerCapitaMonthly', 2 ** 53],
      ['incomePerCapitaMonthly', -0],
      ['infoDevices', ['tv', 'fax']],
      ['infoDevices', [null]],
      ['povertyCauses', ['no-land', 'bogus']],
      ['members[].birthDate', '2099-01-01'],
      ['members[].birthDate', '1893-01-01'],
      ['members[].idNumber', '038'],
      ['members[].idNumber', '03808001234a'],
      ['members[].idNumber', '999080012345'],
      ['members[].idNumber', '038080012345'],
      ['members[].idNumber', '038180012345'],
      ['members[].idNumber', '038280012345'],
      ['members[].idNumber', '038380012345'],
      ['members[].ethnicity', '55'],
      ['members[].ethnicity', '1'],
      ['members[].relation', 'spouse'],
    ];
    for (const [path, v] of cases) for (const member of [0, 1]) agree(mutate(base, path, v, member));
    // Birth dates about MAX_AGE years before the survey: the exact year is left to the parser.
    const on = base.surveyDate as string;
    const year = Number(on.slice(0, 4));
    for (const y of [year - 129, year - 130, year - 131]) {
      for (const md of ['-01-01', on.slice(4), '-12-31']) {
        const raw = mutate(base, 'members[].birthDate', `${y}${md}`);
        (raw.members as Json[])[0]!.idNumber = null;
        expect(agree(raw, y === year - 130)).toBe(y === year - 129);
      }
    }
    const two = clone(base);
    const ms = two.members as Json[];
    if (ms.length > 1) {
      ms[1]!.relation = 'head';
      expect(agree(two)).toBe(false);
    }
    const dup = clone(base);
    const dm = dup.members as Json[];
    dm.push({ ...dm[0]!, relation: 'other' });
    agree(dup);
    for (const v of [null, [], 7, 'x']) agree({ ...clone(base), members: [...(base.members as Json[]), v] });
    for (const v of [null, [], 7, 'x', {}]) expect(agree(v)).toBe(false);
  });

  it('accepts every generated record, and agrees on each with one field changed', () => {
    const gen = generator();
    const rnd = rngFrom('compiled-check');
    const paths = [...HOUSEHOLD_FIELDS, ...MEMBER_FIELDS].filter((f) => f.inRecord).map((f) => f.path);
    for (let i = 0; i < 400; i += 1) {
      const raw = gen.next() as Json;
      expect(agree(raw)).toBe(true);
      const path = paths[Math.floor(rnd() * paths.length)]!;
      const v = WRONG[Math.floor(rnd() * WRONG.length)];
      const members = (raw.members as Json[]).length;
      agree(mutate(raw, path, v, Math.floor(rnd() * members)), leftToParser(path, v));
    }
  });
});
