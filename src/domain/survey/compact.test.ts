// The stored form of the answers gives back exactly the record it was made from, whatever the
// record holds, and is several times smaller than the record as JSON.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  COMPACT_CODE_TABLES,
  answersNeedMembers,
  decodeAnswers,
  encodeAnswers,
  encodeAnswersV1,
  inlineMembers,
  memberDataOf,
  type AnswersContext,
} from './compact.js';
import { parseSurveyRecord } from './parse.js';
import { HouseholdGenerator } from '../registry/generate.js';
import * as lists from './record.js';

const generator = () =>
  new HouseholdGenerator('compact', {
    provinceCode: '38',
    period: 2024,
    withVillage: true,
    communes: [
      { code: '15832', area: 'rural', weight: 1, offset: -0.5, villages: ['Thôn 1'] },
      { code: '15043', area: 'urban', weight: 1, offset: 0.3 },
    ],
  });

/**
 * The registry's rows as a write of `o` stores them: the household's key, the result row's unit and
 * date, and member rows of each member's columns (what the write path copies from the record).
 */
function rowsOf(o: Record<string, unknown>): AnswersContext {
  const members = Array.isArray(o.members) ? (o.members as Record<string, unknown>[]) : [];
  return {
    householdKey: o.householdId as string,
    unitCode: o.unitCode as string,
    surveyDate: o.surveyDate as string,
    members: members.map((m) => ({
      name: m?.name as string,
      idNumber: m?.idNumber as string | null,
      birthDate: m?.birthDate as string,
      sex: m?.sex as string,
      relation: m?.relation as string,
    })),
  };
}

describe('stored answers (compact form)', () => {
  it('gives back every generated record exactly, in a quarter of the characters or less', () => {
    const gen = generator();
    let json = 0;
    let compact = 0;
    for (let i = 0; i < 300; i += 1) {
      const raw = gen.next();
      const record = parseSurveyRecord(raw).record!;
      expect(record).toBeDefined();
      const text = encodeAnswers(record);
      // Same keys and values, and the known keys in the record's order.
      expect(JSON.stringify(decodeAnswers(text, rowsOf(record as never)))).toBe(JSON.stringify(record));
      // Nothing the rows hold is stored again: no name, citizen ID or birth date, no key or date.
      for (const m of record.members) {
        expect(text).not.toContain(JSON.stringify(m.name));
        expect(text).not.toContain(`"${m.birthDate}"`);
        if (m.idNumber) expect(text).not.toContain(m.idNumber);
      }
      expect(text).not.toContain(record.householdId);
      expect(text).not.toContain(record.surveyDate);
      json += JSON.stringify(record).length;
      compact += text.length;
    }
    expect(compact * 4).toBeLessThan(json);
  });

  it('keeps keys it does not know, values that fit no slot and absent keys as they were', () => {
    const r = {
      householdId: 'HH-1',
      unitCode: '15832',
      surveyDate: '2024-10-14',
      incomePerCapitaMonthly: 1_200_000,
      housing: { floorAreaM2: 30.5, walls: 'durable', columns: 'mud', roof: 'non-durable' },
      waterSource: 'river',
      latrine: 'none',
      internetUse: 'yes',
      infoDevices: ['tv', 'fax'],
      loudspeakerAccess: true,
      members: [
        { name: 'A', idNumber: null, birthDate: '1980-01-01', sex: 'M', relation: 'head', pregnant: true },
        { name: 'B', sex: 'F', ethnicity: null, merit: false },
      ],
      traits: { farmland: true },
      poorDistrict: false,
      village: 'Thôn 1',
    };
    expect(decodeAnswers(encodeAnswers(r), rowsOf(r))).toEqual(r);
    expect(decodeAnswers(encodeAnswersV1(r))).toEqual(r);
    const noHousing = { householdId: 'HH-2', members: 'none', housing: {} };
    expect(decodeAnswers(encodeAnswers(noHousing), rowsOf(noHousing))).toEqual(noHousing);
    expect(decodeAnswers(encodeAnswers({}))).toEqual({});
  });

  it('reads a record stored as JSON (rows written before the compact form) as it is', () => {
    const record = parseSurveyRecord(generator().next()).record!;
    expect(decodeAnswers(JSON.stringify(record))).toEqual(record);
  });

  it('round-trips any JSON object (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const expected = JSON.parse(JSON.stringify(o)) as unknown;
        expect(decodeAnswers(encodeAnswers(o), rowsOf(o))).toEqual(expected);
        expect(decodeAnswers(encodeAnswers(o, { members: 'inline' }), rowsOf(o))).toEqual(expected);
        expect(decodeAnswers(encodeAnswersV1(o))).toEqual(expected);
      }),
    );
  });

  it('round-trips any member answers, the member columns in their rows (property)', () => {
    const keys = [
      'employment',
      'healthInsurance',
      'schooling',
      'education',
      'inTraining',
      'stunted',
      'underweight',
      'disability',
      'monthlySocialAllowance',
      'ethnicity',
      'merit',
      'other',
    ];
    const answer = fc.oneof(
      fc.boolean(),
      fc.constantFrom('01', '54', '55', 'student', 'primary', 'none', 'severe', 'appropriate'),
      fc.jsonValue(),
    );
    const member = fc.record({
      name: fc.string(),
      idNumber: fc.option(fc.string(), { nil: null }),
      birthDate: fc.string(),
      sex: fc.constantFrom('M', 'F', 'X'),
      relation: fc.constantFrom('head', 'child', 'cousin'),
      rest: fc.dictionary(fc.constantFrom(...keys), answer),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 4 }), (ms) => {
        const o = {
          householdId: 'HH-1',
          unitCode: '14830',
          surveyDate: '2024-10-15',
          members: ms.map(({ rest, ...m }) => ({ ...m, ...rest })),
        };
        const expected = JSON.parse(JSON.stringify(o)) as unknown;
        expect(decodeAnswers(encodeAnswers(o), rowsOf(o))).toEqual(expected);
      }),
    );
  });

  it('has a code for every value of the record’s lists (a new value is appended to its table)', () => {
    const expected: Record<string, readonly string[]> = {
      walls: lists.DURABILITY,
      columns: lists.DURABILITY,
      roof: lists.DURABILITY,
      waterSource: lists.WATER_SOURCES,
      latrine: lists.LATRINES,
      infoDevices: lists.INFO_DEVICES,
      povertyCauses: lists.POVERTY_CAUSES,
      supportNeeds: lists.SUPPORT_NEEDS,
      area: lists.AREAS,
      sex: lists.SEXES,
      relation: lists.RELATIONS,
      employment: lists.EMPLOYMENTS,
      schooling: lists.SCHOOLING,
      education: lists.EDUCATION_LEVELS,
      disability: lists.DISABILITIES,
    };
    expect(Object.keys(COMPACT_CODE_TABLES).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, list] of Object.entries(expected))
      for (const v of list) expect(COMPACT_CODE_TABLES[key], `${key} ${v}`).toContain(v);
  });

  it('keeps a key named __proto__ as a key, as JSON.parse does (found by the property test)', () => {
    for (const text of [
      '{"__proto__":[]}',
      '{"members":[{"__proto__":{"a":1}}]}',
      '{"housing":{"__proto__":2}}',
    ]) {
      const record = JSON.parse(text) as Record<string, unknown>;
      expect(JSON.stringify(decodeAnswers(encodeAnswers(record as never), rowsOf(record)))).toBe(text);
    }
  });

  it('reads the members it left to the rows from the rows, and refuses to read them without', () => {
    const record = parseSurveyRecord(generator().next()).record!;
    const text = encodeAnswers(record);
    expect(answersNeedMembers(text)).toBe(true);
    expect(() => decodeAnswers(text)).toThrow(/registry rows are needed/);
    const rows = rowsOf(record as never);
    expect(() => decodeAnswers(text, { ...rows, members: rows.members!.slice(1) })).toThrow(/ordinal/);
    // A corrected name in the member row is the name the answers read.
    const corrected = {
      ...rows,
      members: [{ ...rows.members![0]!, name: 'Tên Đã Sửa' }, ...rows.members!.slice(1)],
    };
    expect(decodeAnswers(text, corrected).members[0]!.name).toBe('Tên Đã Sửa');
    // The other answers of each member read without the rows.
    expect(memberDataOf(decodeAnswers(text, 'without-rows'))).toEqual(memberDataOf(record));
  });

  it('stores the members back whole for a period that stops being the answers period', () => {
    const record = parseSurveyRecord(generator().next()).record!;
    const rows = rowsOf(record as never);
    const inline = inlineMembers(encodeAnswers(record), rows);
    expect(answersNeedMembers(inline)).toBe(false);
    // Read later, with other members in the rows (or none), it still gives back the record.
    expect(decodeAnswers(inline, { ...rows, members: [] })).toEqual(record);
    expect(inlineMembers(inline, rows)).toBe(inline);
    expect(inline.length).toBeLessThan(encodeAnswersV1(record).length);
  });
});
