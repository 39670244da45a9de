// The ethnic-group reference (54 groups, 1979 codes), the DTTS rule as data, the household groups,
// and the new survey fields read by the catalogue-driven parser and the spreadsheet import.
import { describe, expect, it } from 'vitest';
import {
  ETHNIC_CODES,
  ETHNIC_CODE_LIST,
  ETHNIC_GROUPS,
  ethnicCodeOf,
  isMinority,
} from '../../src/domain/reference/ethnic-groups.js';
import { householdGroupsOf } from '../../src/domain/registry/groups.js';
import { parseSurveyRecord } from '../../src/domain/survey/parse.js';
import { readCsvTables } from '../../src/services/registry/tabular.js';
import { HOUSEHOLD_COLUMNS, MEMBER_COLUMNS } from '../../src/services/registry/tabular.js';
import { buildMember, buildRecord } from '../support/survey.js';

describe('the ethnic groups', () => {
  it('are the 54 groups of the 1979 list, 01 Kinh … 54 Rơ-măm, only Kinh not a minority', () => {
    expect(ETHNIC_CODES).toEqual(Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(ETHNIC_GROUPS.every((g) => g.list === ETHNIC_CODE_LIST)).toBe(true);
    expect(ETHNIC_GROUPS[5]!.name.vi).toBe('Mường');
    expect(ETHNIC_GROUPS[53]!.name.vi).toBe('Rơ-măm');
    expect(ETHNIC_GROUPS.filter((g) => !g.minority).map((g) => g.code)).toEqual(['01']);
    expect([isMinority('06'), isMinority('01'), isMinority(null), isMinority('99')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('reads a cell by 1979 code or by name, with or without accents', () => {
    expect(ethnicCodeOf('6')).toBe('06');
    expect(ethnicCodeOf('Mường')).toBe('06');
    expect(ethnicCodeOf('muong')).toBe('06');
    expect(ethnicCodeOf("H'Mông")).toBe('08');
    expect(ethnicCodeOf('HMông (Mèo)')).toBe('08');
    expect(ethnicCodeOf('Kinh')).toBe('01');
    expect(ethnicCodeOf('Khmer')).toBe('05');
    expect(ethnicCodeOf('Khơ-mú')).toBe('29');
    expect(ethnicCodeOf('55')).toBeUndefined();
    expect(ethnicCodeOf('Martian')).toBeUndefined();
  });
});

describe('household groups', () => {
  it('follow one rule each: a minority member, merit, a monthly allowance, a female head', () => {
    const head = buildMember();
    expect(householdGroupsOf([head])).toEqual([]);
    expect(householdGroupsOf([head, buildMember({ relation: 'spouse', sex: 'F', ethnicity: '03' })])).toEqual(
      ['ethnic-minority'],
    );
    expect(
      householdGroupsOf([
        buildMember({ sex: 'F', merit: true, monthlySocialAllowance: true, ethnicity: '01' }),
      ]),
    ).toEqual(['merit', 'social-protection', 'female-head']);
    // Not recorded: not a minority.
    expect(householdGroupsOf([buildMember({ ethnicity: null })])).toEqual([]);
  });
});

describe('the new survey fields', () => {
  it('are read from the catalogue: checked, and filled when absent', () => {
    const ok = parseSurveyRecord(
      JSON.parse(JSON.stringify(buildRecord({ povertyCauses: ['no-capital'], supportNeeds: ['credit'] }))),
    );
    expect(ok.errors).toEqual([]);
    const bare = JSON.parse(JSON.stringify(buildRecord())) as Record<string, unknown>;
    delete bare.povertyCauses;
    delete bare.supportNeeds;
    for (const m of bare.members as Record<string, unknown>[]) {
      delete m.ethnicity;
      delete m.merit;
    }
    const filled = parseSurveyRecord(bare).record!;
    expect([filled.povertyCauses, filled.supportNeeds]).toEqual([[], []]);
    expect([filled.members[0]!.ethnicity, filled.members[0]!.merit]).toEqual([null, false]);
    const bad = parseSurveyRecord({
      ...JSON.parse(JSON.stringify(buildRecord())),
      povertyCauses: ['laziness'],
      members: [{ ...buildMember(), ethnicity: '77', merit: 'yes' }],
    });
    expect(bad.errors.map((e) => `${e.code} ${e.field}`).sort()).toEqual([
      'ENUM_INVALID members[0].ethnicity',
      'ENUM_INVALID povertyCauses[0]',
      'FIELD_TYPE members[0].merit',
    ]);
  });

  it('take names in spreadsheet cells: "Mường", "Có", and words of the causes separated by ";"', () => {
    const h = ['Mã hộ', 'unitCode', 'surveyDate', 'incomePerCapitaMonthly', 'Nguyên nhân nghèo'];
    const households = `${h.join(',')}\nH1,14830,2024-10-15,1200000,"Thiếu vốn sản xuất, kinh doanh; Đông người ăn theo"\n`;
    const members = `householdId,name,birthDate,sex,relation,Dân tộc,Người có công\nH1,Lê Văn A,1980-01-01,M,head,Mường,Có\n`;
    const t = readCsvTables(Buffer.from(households), Buffer.from(members));
    expect(t.errors).toEqual([]);
    const raw = t.records[0]!.raw as {
      povertyCauses: string[];
      members: { ethnicity: string; merit: boolean }[];
    };
    expect(raw.povertyCauses).toEqual(['no-capital', 'many-dependants']);
    expect(raw.members[0]).toMatchObject({ ethnicity: '06', merit: true });
    expect(HOUSEHOLD_COLUMNS).toContain('povertyCauses');
    expect(MEMBER_COLUMNS).toContain('ethnicity');
  });
});
