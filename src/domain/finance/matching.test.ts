import { describe, expect, it } from 'vitest';
import {
  matchHousehold,
  validateRules,
  type HouseholdProfile,
  type MatchComponent,
  type MemberProfile,
} from './matching.js';
import { MATCH_RULES_QD90 } from './matching-rules.js';

// The Decision 90 catalogue as the migration seeds it (codes and flags only matter here).
const C = (code: string, parentCode: string | null, poor = false, coastal = false): MatchComponent => ({
  code,
  parentCode,
  name: `Tên ${code}`,
  nameEn: `Name ${code}`,
  needsPoorDistrict: poor,
  needsCoastalCommune: coastal,
});
const COMPONENTS = [
  C('DA1', null, true, true),
  C('DA2', null),
  C('DA3', null),
  C('DA3.1', 'DA3'),
  C('DA3.2', 'DA3'),
  C('DA4', null),
  C('DA4.1', 'DA4'),
  C('DA4.2', 'DA4'),
  C('DA4.3', 'DA4'),
  C('DA5', null, true),
  C('DA6', null),
  C('DA6.1', 'DA6'),
  C('DA6.2', 'DA6'),
  C('DA7', null),
];

const adult = (over: Partial<MemberProfile> = {}): MemberProfile => ({
  age: 38,
  workingAge: true,
  employment: 'self-employed',
  disability: 'none',
  ...over,
});
const child = (over: Partial<MemberProfile> = {}): MemberProfile => ({
  age: 7,
  workingAge: false,
  employment: null,
  disability: 'none',
  ...over,
});
const elder = (over: Partial<MemberProfile> = {}): MemberProfile => ({
  age: 74,
  workingAge: false,
  employment: 'not-in-labour-force',
  disability: 'none',
  ...over,
});

const household = (over: Partial<HouseholdProfile>): HouseholdProfile => ({
  householdKey: 'HH-1',
  status: 'poor',
  deprivations: [],
  members: [adult()],
  ...over,
});

const codes = (p: HouseholdProfile) =>
  matchHousehold(p, COMPONENTS, MATCH_RULES_QD90).suggestions.map((s) => s.code);

describe('matching rules (Decision 90)', () => {
  it('the rule set is valid against the catalogue', () => {
    expect(
      validateRules(
        MATCH_RULES_QD90,
        COMPONENTS.map((c) => c.code),
      ),
    ).toEqual([]);
  });

  it('reports every problem of a broken rule set at once', () => {
    const problems = validateRules(
      [
        {
          id: 'x',
          effect: 'suggest',
          target: 'DA9',
          score: 1,
          when: [{ fact: 'height' as never, op: 'eq', value: 1 }],
          reason: { vi: '', en: '' },
        },
        {
          id: 'x',
          effect: 'suggest',
          target: 'DA2',
          score: 1,
          when: [{ fact: 'status', op: 'in', value: 'poor' }],
          reason: { vi: '', en: '' },
        },
      ],
      COMPONENTS.map((c) => c.code),
    );
    expect(problems.map((p) => `${p.ruleId}:${p.field}`)).toEqual([
      'x:target',
      'x:when[0].fact',
      'x:id',
      'x:when[0].value',
    ]);
  });

  it('working-age member without stable work → Project 4, with the reason', () => {
    const r = matchHousehold(
      household({
        members: [adult({ employment: 'unemployed' }), adult({ employment: 'wage-no-contract' }), child()],
      }),
      COMPONENTS,
      MATCH_RULES_QD90,
    );
    expect(r.suggestions[0]).toMatchObject({ code: 'DA4.3', projectCode: 'DA4' });
    expect(r.suggestions[0]?.reasons[0]?.vi).toBe('2 người trong độ tuổi lao động chưa có việc làm ổn định');
    expect(r.suggestions.map((s) => s.code)).toContain('DA4.1');
  });

  it('a trained worker without stable work is not sent to vocational training', () => {
    expect(
      codes(household({ members: [adult({ employment: 'unemployed', vocationalTraining: true })] })),
    ).toEqual(['DA4.3']);
  });

  it('land or livestock capacity → Project 3 production support and Project 2 livelihood models', () => {
    expect(codes(household({ traits: { farmland: true } }))).toEqual(['DA3.1', 'DA2']);
    expect(codes(household({ traits: { livestockCapacity: true } }))).toEqual(['DA3.1', 'DA2']);
    // Both: DA3.1 has two reasons.
    const r = matchHousehold(
      household({ traits: { farmland: true, livestockCapacity: true } }),
      COMPONENTS,
      MATCH_RULES_QD90,
    );
    expect(r.suggestions[0]?.reasons).toHaveLength(2);
  });

  it('a child with nutrition deprivation → Project 3 sub-project 2, ranked first', () => {
    const p = household({
      deprivations: ['nutrition'],
      members: [adult({ employment: 'unemployed' }), child({ stunted: true })],
    });
    expect(codes(p)[0]).toBe('DA3.2');
    // Stunting noted on the member counts even if the deprivation list was not passed.
    expect(codes(household({ members: [adult(), child({ underweight: true })] }))).toEqual(['DA3.2']);
  });

  it('information deprivation → Project 6', () => {
    expect(codes(household({ deprivations: ['telecom'] }))).toEqual(['DA6.1']);
    expect(codes(household({ deprivations: ['infoAccess'] }))).toEqual(['DA6.1']);
  });

  it('no labour capacity → social protection, and livelihood projects excluded', () => {
    const p = household({
      deprivations: ['telecom'],
      members: [elder(), elder(), adult({ disability: 'severe', employment: 'unemployed' })],
      traits: { farmland: true },
    });
    const r = matchHousehold(p, COMPONENTS, MATCH_RULES_QD90);
    expect(r.suggestions.map((s) => s.code)).toEqual(['social-protection', 'DA6.1']);
    expect(r.suggestions[0]).toMatchObject({
      projectCode: null,
      name: 'Trợ giúp xã hội (ngoài Chương trình)',
    });
    expect(r.eligible).not.toContain('DA2');
    expect(r.eligible).not.toContain('DA4.3');
    expect(r.excluded.map((e) => e.code)).toEqual(['DA2', 'DA3.1', 'DA4', 'DA4.1', 'DA4.2', 'DA4.3']);
  });

  it('poor-district projects are eligible only in poor districts or coastal communes', () => {
    const town = matchHousehold(
      household({ deprivations: ['housingQuality'] }),
      COMPONENTS,
      MATCH_RULES_QD90,
    );
    expect(town.eligible).not.toContain('DA1');
    expect(town.eligible).not.toContain('DA5');
    expect(town.suggestions).toEqual([]);
    const poorDistrict = matchHousehold(
      household({ deprivations: ['housingQuality'], area: { poorDistrict: true } }),
      COMPONENTS,
      MATCH_RULES_QD90,
    );
    expect(poorDistrict.eligible).toEqual(expect.arrayContaining(['DA1', 'DA5']));
    expect(poorDistrict.suggestions.map((s) => s.code)).toEqual(['DA5']);
    const coastal = matchHousehold(
      household({ area: { coastalCommune: true } }),
      COMPONENTS,
      MATCH_RULES_QD90,
    );
    expect(coastal.eligible).toContain('DA1');
    expect(coastal.eligible).not.toContain('DA5');
  });

  it('a household outside the targeted groups gets nothing', () => {
    const r = matchHousehold(
      household({ status: 'other', members: [adult({ employment: 'unemployed' })] }),
      COMPONENTS,
      MATCH_RULES_QD90,
    );
    expect(r.eligible).toEqual([]);
    expect(r.suggestions).toEqual([]);
  });

  it('a recently-exited household keeps its livelihood support', () => {
    expect(
      codes(
        household({
          status: 'recently-exited',
          members: [adult({ employment: 'unemployed', vocationalTraining: true })],
        }),
      ),
    ).toEqual(['DA4.3']);
  });
});
