// The engine against the rule of contracts/survey-record.md §3–4, one row per threshold edge, and
// two properties over generated households: classification is monotone in income, and one more
// deprivation never makes a household less poor.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../dates.js';
import { ND07_2021, ND351_2025 } from '../standards/national.js';
import type { Classification, IndicatorKey } from '../standards/standard.js';
import type { SurveyMember, SurveyRecord } from '../survey/record.js';
import { classifyHousehold, classOf, explainHousehold } from './classify.js';
import { bornYearsBefore, buildMember, buildRecord, SURVEY_DATE } from '../../../tests/support/survey.js';

const deprived = (r: SurveyRecord, std = ND07_2021) => classifyHousehold(r, std, 'urban').deprivations;

/** A member aged exactly `years` on the survey date, or one day short of it with `dayShort`. */
const aged = (years: number, extra: Partial<SurveyMember> = {}, dayShort = false): SurveyMember =>
  buildMember({
    name: `Người ${years}`,
    relation: 'other',
    birthDate: dayShort ? addDays(bornYearsBefore(years), 1) : bornYearsBefore(years),
    ...extra,
  });

const withExtra = (...extra: SurveyMember[]) => {
  const base = buildRecord();
  return buildRecord({ members: [...base.members, ...extra] });
};

interface Row {
  name: string;
  record: SurveyRecord;
  indicator: IndicatorKey;
  deprived: boolean;
}

const rows: Row[] = [
  // housingArea: strictly below 8 m² per person.
  {
    name: '7.99 m²/person',
    record: buildRecord({ housing: { ...buildRecord().housing, floorAreaM2: 31.96 } }),
    indicator: 'housingArea',
    deprived: true,
  },
  {
    name: '8 m²/person',
    record: buildRecord({ housing: { ...buildRecord().housing, floorAreaM2: 32 } }),
    indicator: 'housingArea',
    deprived: false,
  },
  // healthInsurance: members aged 6 or over.
  {
    name: 'uninsured child aged 5',
    record: withExtra(aged(5, { healthInsurance: false })),
    indicator: 'healthInsurance',
    deprived: false,
  },
  {
    name: 'uninsured child one day short of 6',
    record: withExtra(aged(6, { healthInsurance: false }, true)),
    indicator: 'healthInsurance',
    deprived: false,
  },
  {
    name: 'uninsured child aged 6',
    record: withExtra(aged(6, { healthInsurance: false })),
    indicator: 'healthInsurance',
    deprived: true,
  },
  // childSchooling: aged 3 to under 16.
  {
    name: 'child aged 2 not attending',
    record: withExtra(aged(2, { schooling: 'not-attending' })),
    indicator: 'childSchooling',
    deprived: false,
  },
  {
    name: 'child aged 3 not attending',
    record: withExtra(aged(3, { schooling: 'not-attending' })),
    indicator: 'childSchooling',
    deprived: true,
  },
  {
    name: 'child aged 15 below level',
    record: withExtra(aged(15, { schooling: 'below-level' })),
    indicator: 'childSchooling',
    deprived: true,
  },
  {
    name: 'youth aged 16 not attending',
    record: withExtra(aged(16, { schooling: 'not-attending', education: 'lower-secondary' })),
    indicator: 'childSchooling',
    deprived: false,
  },
  {
    name: 'child aged 10 appropriate',
    record: withExtra(aged(10, { schooling: 'appropriate' })),
    indicator: 'childSchooling',
    deprived: false,
  },
  // adultEducation: 16–17 need lower-secondary, 18–30 upper-secondary or vocational+, unless in training.
  {
    name: 'aged 15 with primary',
    record: withExtra(aged(15, { education: 'primary', schooling: 'appropriate' })),
    indicator: 'adultEducation',
    deprived: false,
  },
  {
    name: 'aged 16 with primary',
    record: withExtra(aged(16, { education: 'primary' })),
    indicator: 'adultEducation',
    deprived: true,
  },
  {
    name: 'aged 16 with lower-secondary',
    record: withExtra(aged(16, { education: 'lower-secondary' })),
    indicator: 'adultEducation',
    deprived: false,
  },
  {
    name: 'aged 17 with lower-secondary',
    record: withExtra(aged(17, { education: 'lower-secondary' })),
    indicator: 'adultEducation',
    deprived: false,
  },
  {
    name: 'aged 17 with primary',
    record: withExtra(aged(17, { education: 'primary' })),
    indicator: 'adultEducation',
    deprived: true,
  },
  {
    name: 'aged 18 with lower-secondary',
    record: withExtra(aged(18, { education: 'lower-secondary' })),
    indicator: 'adultEducation',
    deprived: true,
  },
  {
    name: 'aged 18 with upper-secondary',
    record: withExtra(aged(18, { education: 'upper-secondary' })),
    indicator: 'adultEducation',
    deprived: false,
  },
  {
    name: 'aged 18 with vocational-elementary',
    record: withExtra(aged(18, { education: 'vocational-elementary' })),
    indicator: 'adultEducation',
    deprived: false,
  },
  {
    name: 'aged 25 with primary, in training',
    record: withExtra(aged(25, { education: 'primary', inTraining: true })),
    indicator: 'adultEducation',
    deprived: false,
  },
  {
    name: 'aged 30 with primary',
    record: withExtra(aged(30, { education: 'primary' })),
    indicator: 'adultEducation',
    deprived: true,
  },
  {
    name: 'aged 31 with primary',
    record: withExtra(aged(31, { education: 'primary' })),
    indicator: 'adultEducation',
    deprived: false,
  },
  // housingQuality: at least two of walls, columns, roof non-durable.
  {
    name: 'one non-durable structure',
    record: buildRecord({
      housing: { floorAreaM2: 48, walls: 'non-durable', columns: 'durable', roof: 'durable' },
    }),
    indicator: 'housingQuality',
    deprived: false,
  },
  {
    name: 'two non-durable structures',
    record: buildRecord({
      housing: { floorAreaM2: 48, walls: 'durable', columns: 'non-durable', roof: 'non-durable' },
    }),
    indicator: 'housingQuality',
    deprived: true,
  },
  // nutrition: under 16.
  {
    name: 'stunted child aged 15',
    record: withExtra(aged(15, { stunted: true, schooling: 'appropriate', education: 'primary' })),
    indicator: 'nutrition',
    deprived: true,
  },
  {
    name: 'underweight member aged 16',
    record: withExtra(aged(16, { underweight: true, education: 'lower-secondary' })),
    indicator: 'nutrition',
    deprived: false,
  },
  // dependants: more than 50 % of members.
  { name: 'dependants exactly 50 %', record: buildRecord(), indicator: 'dependants', deprived: false },
  {
    name: 'dependants 3 of 5',
    record: withExtra(aged(4, { schooling: 'appropriate' })),
    indicator: 'dependants',
    deprived: true,
  },
  {
    name: 'severe disability counts as dependant',
    record: withExtra(aged(40, { disability: 'severe' })),
    indicator: 'dependants',
    deprived: true,
  },
  {
    name: 'mild disability does not',
    record: withExtra(aged(40, { disability: 'mild' })),
    indicator: 'dependants',
    deprived: false,
  },
  // employment: working-age members unemployed or wage-no-contract.
  {
    name: 'working-age member unemployed',
    record: withExtra(aged(40, { employment: 'unemployed' })),
    indicator: 'employment',
    deprived: true,
  },
  {
    name: 'wage without contract',
    record: withExtra(aged(40, { employment: 'wage-no-contract' })),
    indicator: 'employment',
    deprived: true,
  },
  {
    name: 'aged 14 unemployed',
    record: withExtra(aged(14, { employment: 'unemployed', schooling: 'appropriate' })),
    indicator: 'employment',
    deprived: false,
  },
  {
    name: 'aged 15 unemployed',
    record: withExtra(aged(15, { employment: 'unemployed', schooling: 'appropriate' })),
    indicator: 'employment',
    deprived: true,
  },
  // Born 10/1963: the 2024 retirement age of 61 y is reached in 10/2024, working age to 31/10/2024.
  {
    name: 'man reaching 61 y this month, unemployed',
    record: withExtra(aged(61, { employment: 'unemployed' })),
    indicator: 'employment',
    deprived: true,
  },
  {
    name: 'man aged 62 unemployed',
    record: withExtra(aged(62, { employment: 'unemployed' })),
    indicator: 'employment',
    deprived: false,
  },
  {
    name: 'woman aged 57 unemployed',
    record: withExtra(aged(57, { sex: 'F', employment: 'unemployed' })),
    indicator: 'employment',
    deprived: false,
  },
  {
    name: 'woman aged 55 (below 55 y 8 m) unemployed',
    record: withExtra(aged(55, { sex: 'F', employment: 'unemployed' })),
    indicator: 'employment',
    deprived: true,
  },
  {
    name: 'self-employed',
    record: withExtra(aged(40, { employment: 'self-employed' })),
    indicator: 'employment',
    deprived: false,
  },
  // water, latrine, telecom, information.
  {
    name: 'rainwater is clean',
    record: buildRecord({ waterSource: 'rainwater' }),
    indicator: 'waterSource',
    deprived: false,
  },
  {
    name: 'unprotected spring',
    record: buildRecord({ waterSource: 'unprotected-spring' }),
    indicator: 'waterSource',
    deprived: true,
  },
  {
    name: 'ventilated pit is hygienic',
    record: buildRecord({ latrine: 'ventilated-pit' }),
    indicator: 'latrine',
    deprived: false,
  },
  {
    name: 'unhygienic pit',
    record: buildRecord({ latrine: 'unhygienic-pit' }),
    indicator: 'latrine',
    deprived: true,
  },
  {
    name: 'no internet use',
    record: buildRecord({ internetUse: false }),
    indicator: 'telecom',
    deprived: true,
  },
  {
    name: 'no devices but loudspeakers',
    record: buildRecord({ infoDevices: [], loudspeakerAccess: true }),
    indicator: 'infoAccess',
    deprived: false,
  },
  {
    name: 'a radio, no loudspeakers',
    record: buildRecord({ infoDevices: ['radio'], loudspeakerAccess: false }),
    indicator: 'infoAccess',
    deprived: false,
  },
  {
    name: 'no devices, no loudspeakers',
    record: buildRecord({ infoDevices: [], loudspeakerAccess: false }),
    indicator: 'infoAccess',
    deprived: true,
  },
];

describe('indicator edges (ND07_2021)', () => {
  it('the base household is deprived on nothing', () => {
    expect(deprived(buildRecord())).toEqual([]);
  });
  it.each(rows)('$name → $indicator deprived: $deprived', ({ record, indicator, deprived: expected }) => {
    expect(deprived(record).includes(indicator)).toBe(expected);
    // The explanation agrees with the decision and names the member for member-level indicators.
    const ex = explainHousehold(record, ND07_2021).find((e) => e.indicator === indicator)!;
    expect(ex.deprived).toBe(expected);
    expect(ex.vi.length).toBeGreaterThan(10);
    expect(ex.en.length).toBeGreaterThan(10);
  });
});

describe('class from income and deprivations', () => {
  const cases: [string, 'rural' | 'urban', number, number, Classification][] = [
    ['urban income equal to the line, 2 deprivations', 'urban', 2_000_000, 2, 'NEAR_POOR'],
    ['urban income equal to the line, 3 deprivations', 'urban', 2_000_000, 3, 'POOR'],
    ['urban one đồng above the line', 'urban', 2_000_001, 5, 'AVERAGE'],
    ['urban equal to the average bound', 'urban', 3_000_000, 0, 'AVERAGE'],
    ['urban above the average bound', 'urban', 3_000_001, 0, 'NONE'],
    ['rural equal to the line, 0 deprivations', 'rural', 1_500_000, 0, 'NEAR_POOR'],
    ['rural one đồng above', 'rural', 1_500_001, 4, 'AVERAGE'],
    ['rural equal to 2,250,000', 'rural', 2_250_000, 0, 'AVERAGE'],
    ['rural above 2,250,000', 'rural', 2_250_001, 0, 'NONE'],
  ];
  it.each(cases)('%s', (_name, area, income, count, expected) => {
    expect(classOf(ND07_2021, area, income, count)).toBe(expected);
  });
  it('ND351_2025 uses 2.2 M / 2.8 M and, with no known average band, NONE above the line', () => {
    expect(classOf(ND351_2025, 'rural', 2_200_000, 3)).toBe('POOR');
    expect(classOf(ND351_2025, 'urban', 2_800_000, 2)).toBe('NEAR_POOR');
    expect(classOf(ND351_2025, 'urban', 2_800_001, 9)).toBe('NONE');
  });
  it('reports the deprivations in contract order with the count, and explains the culprit member', () => {
    const r = buildRecord({
      internetUse: false,
      waterSource: 'surface',
      members: [
        ...buildRecord().members,
        aged(20, { name: 'Lê Văn Út', education: 'primary', healthInsurance: false }),
      ],
    });
    const res = classifyHousehold(r, ND07_2021, 'urban');
    expect(res.deprivations).toEqual(['healthInsurance', 'adultEducation', 'waterSource', 'telecom']);
    expect(res.deprivationCount).toBe(4);
    expect(res.classification).toBe('POOR');
    const ex = explainHousehold(r, ND07_2021).find((e) => e.indicator === 'adultEducation')!;
    expect(ex).toMatchObject({
      deprived: true,
      member: 4,
      memberName: 'Lê Văn Út',
      value: 'primary',
      threshold: 'upper-secondary',
    });
    expect(ex.vi).toContain('Lê Văn Út');
    expect(ex.en).toContain('aged 20');
  });
  it('ND351_2025 drops infoAccess and counts elderly dependants only with a monthly allowance', () => {
    const noInfo = buildRecord({ infoDevices: [], loudspeakerAccess: false });
    expect(deprived(noInfo, ND351_2025)).not.toContain('infoAccess');
    const elders = buildRecord({
      members: [
        buildMember({ birthDate: '1950-01-01' }),
        buildMember({ birthDate: '1952-01-01', sex: 'F', relation: 'spouse' }),
      ],
    });
    expect(deprived(elders, ND07_2021)).toContain('dependants');
    expect(deprived(elders, ND351_2025)).not.toContain('dependants');
    const withAllowance = buildRecord({
      members: elders.members.map((m) => ({ ...m, monthlySocialAllowance: true })),
    });
    expect(deprived(withAllowance, ND351_2025)).toContain('dependants');
  });
});

// ── properties ───────────────────────────────────────────────────────────────

const RANK: Record<Classification, number> = { POOR: 0, NEAR_POOR: 1, AVERAGE: 2, NONE: 3 };

const isoFromDays = (days: number) => addDays('1930-01-01', days);
const memberArb: fc.Arbitrary<SurveyMember> = fc.record({
  name: fc.constantFrom('An', 'Bình', 'Chi'),
  idNumber: fc.constant(null),
  birthDate: fc.integer({ min: 0, max: 34_000 }).map(isoFromDays),
  sex: fc.constantFrom('M' as const, 'F' as const),
  relation: fc.constantFrom('spouse' as const, 'child' as const, 'parent' as const),
  employment: fc.constantFrom(
    'wage-with-contract' as const,
    'wage-no-contract' as const,
    'self-employed' as const,
    'unemployed' as const,
    'not-in-labour-force' as const,
    'student' as const,
  ),
  healthInsurance: fc.boolean(),
  schooling: fc.constantFrom(null, 'appropriate' as const, 'below-level' as const, 'not-attending' as const),
  education: fc.constantFrom(
    'none' as const,
    'primary' as const,
    'lower-secondary' as const,
    'upper-secondary' as const,
    'vocational-elementary' as const,
    'university' as const,
  ),
  inTraining: fc.boolean(),
  stunted: fc.boolean(),
  underweight: fc.boolean(),
  disability: fc.constantFrom(
    'none' as const,
    'mild' as const,
    'severe' as const,
    'extremely-severe' as const,
  ),
  monthlySocialAllowance: fc.boolean(),
});
const recordArb: fc.Arbitrary<SurveyRecord> = fc
  .record({
    members: fc.array(memberArb, { minLength: 1, maxLength: 8 }),
    income: fc.integer({ min: 0, max: 5_000_000 }),
    floor: fc.integer({ min: 5, max: 200 }),
    walls: fc.constantFrom('durable' as const, 'non-durable' as const),
    columns: fc.constantFrom('durable' as const, 'non-durable' as const),
    roof: fc.constantFrom('durable' as const, 'non-durable' as const),
    water: fc.constantFrom('piped' as const, 'surface' as const, 'drilled-well' as const, 'other' as const),
    latrine: fc.constantFrom('septic' as const, 'none' as const, 'bucket' as const, 'pour-flush' as const),
    internet: fc.boolean(),
    devices: fc.subarray(['tv' as const, 'radio' as const, 'computer' as const, 'phone' as const]),
    speaker: fc.boolean(),
  })
  .map((g) =>
    buildRecord({
      surveyDate: SURVEY_DATE,
      incomePerCapitaMonthly: g.income,
      housing: { floorAreaM2: g.floor, walls: g.walls, columns: g.columns, roof: g.roof },
      waterSource: g.water,
      latrine: g.latrine,
      internetUse: g.internet,
      infoDevices: g.devices,
      loudspeakerAccess: g.speaker,
      members: g.members.map((m, i) => ({
        ...m,
        relation: i === 0 ? 'head' : m.relation,
        birthDate: m.birthDate > SURVEY_DATE ? SURVEY_DATE : m.birthDate,
      })),
    }),
  );

/** Changes that can only add deprivations: each worsens one answer. */
const worsen: ((r: SurveyRecord) => SurveyRecord)[] = [
  (r) => ({ ...r, waterSource: 'surface' }),
  (r) => ({ ...r, latrine: 'none' }),
  (r) => ({ ...r, internetUse: false }),
  (r) => ({ ...r, infoDevices: [], loudspeakerAccess: false }),
  (r) => ({ ...r, housing: { ...r.housing, walls: 'non-durable', roof: 'non-durable' } }),
  (r) => ({ ...r, housing: { ...r.housing, floorAreaM2: r.housing.floorAreaM2 / 4 } }),
  (r) => ({ ...r, members: r.members.map((m) => ({ ...m, healthInsurance: false })) }),
  (r) => ({ ...r, members: r.members.map((m) => ({ ...m, stunted: true })) }),
  (r) => ({ ...r, members: r.members.map((m) => ({ ...m, schooling: 'not-attending' as const })) }),
  (r) => ({ ...r, members: r.members.map((m) => ({ ...m, inTraining: false, education: 'none' as const })) }),
  (r) => ({ ...r, members: r.members.map((m) => ({ ...m, employment: 'unemployed' as const })) }),
  (r) => ({
    ...r,
    members: [
      ...r.members,
      buildMember({ birthDate: '2020-01-01', relation: 'child', schooling: 'appropriate' }),
    ],
  }),
];

describe('properties', () => {
  it('classification is monotone in income (more income is never poorer)', () => {
    fc.assert(
      fc.property(
        recordArb,
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.constantFrom('rural' as const, 'urban' as const),
        (r, more, area) => {
          const a = classifyHousehold(r, ND07_2021, area);
          const b = classifyHousehold(
            { ...r, incomePerCapitaMonthly: r.incomePerCapitaMonthly + more },
            ND07_2021,
            area,
          );
          expect(RANK[b.classification]).toBeGreaterThanOrEqual(RANK[a.classification]);
          expect(b.deprivations).toEqual(a.deprivations);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('adding a deprivation never makes a household less poor', () => {
    fc.assert(
      fc.property(
        recordArb,
        fc.integer({ min: 0, max: worsen.length - 1 }),
        fc.constantFrom(ND07_2021, ND351_2025),
        (r, k, std) => {
          const before = classifyHousehold(r, std, 'rural');
          const worse = worsen[k]!(r);
          const after = classifyHousehold(worse, std, 'rural');
          expect(RANK[after.classification]).toBeLessThanOrEqual(RANK[before.classification]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('one more deprivation at the same income never makes the class less poor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000 }),
        fc.integer({ min: 0, max: 11 }),
        fc.constantFrom('rural' as const, 'urban' as const),
        (income, n, area) => {
          expect(RANK[classOf(ND07_2021, area, income, n + 1)]).toBeLessThanOrEqual(
            RANK[classOf(ND07_2021, area, income, n)],
          );
        },
      ),
    );
  });
});

describe('memberAges', () => {
  it('equals ageOn for every member (29 February and the birthday itself included)', async () => {
    const { ageOn } = await import('../dates.js');
    const { memberAges } = await import('./classify.js');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 9 }),
        fc.integer({ min: 30_000, max: 45_000 }),
        (births, on) => {
          const surveyDate = isoFromDays(on);
          const members = births.map((d) => buildMember({ birthDate: isoFromDays(Math.min(d, on)) }));
          const r = buildRecord({ surveyDate, members });
          expect(memberAges(r, [99, 99, 99, 99, 99, 99, 99, 99, 99, 99]).slice(0, members.length)).toEqual(
            members.map((m) => ageOn(m.birthDate, surveyDate)),
          );
        },
      ),
      { numRuns: 1000 },
    );
    expect(
      memberAges(
        buildRecord({ surveyDate: '2025-02-28', members: [buildMember({ birthDate: '2008-02-29' })] }),
      ),
    ).toEqual([16]);
    expect(
      memberAges(
        buildRecord({ surveyDate: '2025-03-01', members: [buildMember({ birthDate: '2008-02-29' })] }),
      ),
    ).toEqual([17]);
  });
});
