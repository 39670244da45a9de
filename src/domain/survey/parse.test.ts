// Every field of the survey record is checked with a coded error naming it; impossible
// combinations are refused; nothing makes the parser throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSurveyRecord, isIsoDateFast } from './parse.js';
import { isIsoDate } from '../dates.js';
import { asRaw, buildRecord } from '../../../tests/support/survey.js';

type Raw = Record<string, unknown> & { members: Record<string, unknown>[]; housing: Record<string, unknown> };
const raw = (): Raw => asRaw(buildRecord()) as Raw;
const errorsOf = (r: unknown) => parseSurveyRecord(r).errors.map((e) => `${e.code} ${e.field}`);

describe('parseSurveyRecord', () => {
  it('accepts the contract example shape and fills absent optional fields', () => {
    const r = raw();
    delete r.area;
    delete r.members[1]!.idNumber;
    delete r.members[1]!.stunted;
    const p = parseSurveyRecord(r);
    expect(p.errors).toEqual([]);
    expect(p.record!.area).toBeNull();
    expect(p.record!.members[1]!.idNumber).toBeNull();
    expect(p.record!.members[1]!.stunted).toBe(false);
  });

  it.each<[string, (r: Raw) => void, string]>([
    ['missing householdId', (r) => delete r.householdId, 'FIELD_REQUIRED householdId'],
    ['numeric householdId', (r) => (r.householdId = 12), 'FIELD_TYPE householdId'],
    ['unit code as a number', (r) => (r.unitCode = 14830), 'FIELD_TYPE unitCode'],
    ['unit code of 4 digits', (r) => (r.unitCode = '1483'), 'FIELD_INVALID unitCode'],
    ['impossible survey date', (r) => (r.surveyDate = '2024-02-30'), 'DATE_INVALID surveyDate'],
    ['unknown area', (r) => (r.area = 'suburban'), 'ENUM_INVALID area'],
    ['missing income', (r) => delete r.incomePerCapitaMonthly, 'FIELD_REQUIRED incomePerCapitaMonthly'],
    [
      'income as a string',
      (r) => (r.incomePerCapitaMonthly = '1500000'),
      'FIELD_TYPE incomePerCapitaMonthly',
    ],
    ['fractional income', (r) => (r.incomePerCapitaMonthly = 1500000.5), 'FIELD_TYPE incomePerCapitaMonthly'],
    ['negative income', (r) => (r.incomePerCapitaMonthly = -1), 'FIELD_INVALID incomePerCapitaMonthly'],
    ['floor area 0', (r) => (r.housing.floorAreaM2 = 0), 'FIELD_INVALID housing.floorAreaM2'],
    ['negative floor area', (r) => (r.housing.floorAreaM2 = -3), 'FIELD_INVALID housing.floorAreaM2'],
    ['unknown roof', (r) => (r.housing.roof = 'straw'), 'ENUM_INVALID housing.roof'],
    ['housing not an object', (r) => (r.housing = 'house' as never), 'FIELD_TYPE housing'],
    ['unknown water source', (r) => (r.waterSource = 'river'), 'ENUM_INVALID waterSource'],
    ['unknown latrine', (r) => (r.latrine = 'modern'), 'ENUM_INVALID latrine'],
    ['internetUse as a string', (r) => (r.internetUse = 'yes'), 'FIELD_TYPE internetUse'],
    ['unknown device', (r) => (r.infoDevices = ['tv', 'fax']), 'ENUM_INVALID infoDevices[1]'],
    ['devices not a list', (r) => (r.infoDevices = 'tv'), 'FIELD_TYPE infoDevices'],
    ['no members', (r) => (r.members = []), 'SURVEY_INVALID members'],
    ['members not a list', (r) => (r.members = {} as never), 'FIELD_TYPE members'],
    [
      'member birth after survey',
      (r) => (r.members[2]!.birthDate = '2024-10-16'),
      'SURVEY_INVALID members[2].birthDate',
    ],
    [
      'member impossible birth date',
      (r) => (r.members[2]!.birthDate = '2012-13-01'),
      'DATE_INVALID members[2].birthDate',
    ],
    [
      'member missing birth date',
      (r) => delete r.members[3]!.birthDate,
      'FIELD_REQUIRED members[3].birthDate',
    ],
    ['member unknown sex', (r) => (r.members[1]!.sex = 'X'), 'ENUM_INVALID members[1].sex'],
    [
      'member unknown employment',
      (r) => (r.members[1]!.employment = 'farmer'),
      'ENUM_INVALID members[1].employment',
    ],
    [
      'member unknown education',
      (r) => (r.members[0]!.education = 'phd'),
      'ENUM_INVALID members[0].education',
    ],
    [
      'member unknown schooling',
      (r) => (r.members[2]!.schooling = 'sometimes'),
      'ENUM_INVALID members[2].schooling',
    ],
    [
      'member unknown disability',
      (r) => (r.members[0]!.disability = 'partial'),
      'ENUM_INVALID members[0].disability',
    ],
    [
      'member insurance as 1',
      (r) => (r.members[0]!.healthInsurance = 1),
      'FIELD_TYPE members[0].healthInsurance',
    ],
    ['member not an object', (r) => (r.members[1] = 'Mai' as never), 'FIELD_TYPE members[1]'],
    ['duplicate head', (r) => (r.members[1]!.relation = 'head'), 'SURVEY_INVALID members[1].relation'],
    ['no head', (r) => (r.members[0]!.relation = 'other'), 'SURVEY_INVALID members'],
    [
      'member older than 130',
      (r) => (r.members[0]!.birthDate = '1894-10-14'),
      'SURVEY_INVALID members[0].birthDate',
    ],
    [
      'two members with one citizen ID',
      (r) => {
        r.members[0]!.idNumber = '038080001234';
        r.members[1]!.idNumber = '038080001234';
        r.members[1]!.sex = 'M';
      },
      'SURVEY_INVALID members[1].idNumber',
    ],
    [
      'citizen ID of 9 digits',
      (r) => (r.members[0]!.idNumber = '038080001'),
      'CITIZEN_ID_INVALID members[0].idNumber',
    ],
    [
      'citizen ID of an unknown province',
      (r) => (r.members[0]!.idNumber = '039080001234'),
      'CITIZEN_ID_INVALID members[0].idNumber',
    ],
    [
      'citizen ID of a woman for a man',
      (r) => (r.members[0]!.idNumber = '038180001234'),
      'CITIZEN_ID_INVALID members[0].idNumber',
    ],
    [
      'citizen ID of the 2000s for a man born 1980',
      (r) => (r.members[0]!.idNumber = '038280001234'),
      'CITIZEN_ID_INVALID members[0].idNumber',
    ],
    [
      'citizen ID as a number',
      (r) => (r.members[0]!.idNumber = 38080001234),
      'FIELD_TYPE members[0].idNumber',
    ],
  ])('%s → %s', (_name, mutate, expected) => {
    const r = raw();
    mutate(r);
    const p = parseSurveyRecord(r);
    expect(p.record).toBeUndefined();
    expect(p.errors.map((e) => `${e.code} ${e.field}`)).toContain(expected);
    for (const e of p.errors) {
      expect(e.message).not.toMatch(/\{\w+\}/);
      expect(e.messageEn).not.toMatch(/\{\w+\}/);
    }
  });

  it('reports every extra head, and accepts a member aged exactly 130', () => {
    const r = raw();
    r.members[1]!.relation = 'head';
    r.members[2]!.relation = 'head';
    r.members[3]!.birthDate = '1894-10-15';
    expect(errorsOf(r)).toEqual(['SURVEY_INVALID members[1].relation', 'SURVEY_INVALID members[2].relation']);
  });

  it('accepts consistent citizen IDs, before and after the 2025 reform, and for the 2000s', () => {
    const r = raw();
    r.members[0]!.idNumber = '038080001234'; // Thanh Hóa, man born 1980
    r.members[1]!.idNumber = '001183001234'; // Hà Nội, woman born 1983
    r.members[2]!.idNumber = '002312001234'; // Hà Giang (pre-2025 code), girl born 2012
    expect(parseSurveyRecord(r).errors).toEqual([]);
  });

  it('reports every problem of a record at once, in Vietnamese and English', () => {
    const r = raw();
    r.incomePerCapitaMonthly = 'nhiều';
    r.members[2]!.birthDate = '2030-01-01';
    r.waterSource = 'river';
    const p = parseSurveyRecord(r);
    expect(p.errors.map((e) => e.field)).toEqual([
      'incomePerCapitaMonthly',
      'waterSource',
      'members[2].birthDate',
    ]);
    const birth = p.errors[2]!;
    expect(birth.message).toContain('2030-01-01');
    expect(birth.messageEn).toContain('after the survey date 2024-10-15');
  });

  it('never throws, whatever the input', () => {
    expect(errorsOf(null)).toEqual(['SURVEY_INVALID ']);
    expect(errorsOf([1, 2])).toEqual(['SURVEY_INVALID ']);
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const p = parseSurveyRecord(x);
        expect(p.record !== undefined || p.errors.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom('members', 'housing', 'infoDevices', 'surveyDate', 'unitCode'),
        fc.anything(),
        (key, value) => {
          const r = raw();
          (r as Record<string, unknown>)[key] = value;
          expect(() => parseSurveyRecord(r)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });

  // From year 100 on: isIsoDate goes through Date.UTC, which reads years 0–99 as 1900–1999.
  it('isIsoDateFast agrees with isIsoDate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isIsoDateFast(s)).toBe(isIsoDate(s));
        },
      ),
      { numRuns: 2000 },
    );
    for (const s of ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2024-1-01', '２０２４-01-01']) {
      expect(isIsoDateFast(s)).toBe(isIsoDate(s));
    }
  });
});
