// Explanations rendered from facts read as prose in the reader's language: every indicator, both
// outcomes, no code of the survey answers, the classes, the indicators or the standards inside.
import { describe, expect, it } from 'vitest';
import {
  classifyHousehold,
  compileStandard,
  deprivedFacts,
  explainFacts,
  explainIncome,
} from './classify.js';
import { renderExplanation, storedFacts, factsJson, type IndicatorFacts } from './explain.js';
import { ND07_2021 } from '../standards/national.js';
import { WORDS } from '../words/catalogue.js';
import type { SurveyMember, SurveyRecord } from '../survey/record.js';

const member = (o: Partial<SurveyMember>): SurveyMember => ({
  name: 'Lê Văn Hùng',
  idNumber: null,
  birthDate: '1980-05-10',
  sex: 'M',
  relation: 'head',
  employment: 'wage-with-contract',
  healthInsurance: true,
  schooling: null,
  education: 'upper-secondary',
  inTraining: false,
  stunted: false,
  underweight: false,
  disability: 'none',
  monthlySocialAllowance: false,
  ...o,
});

/** Deprived on all twelve indicators. */
const poor: SurveyRecord = {
  householdId: 'HH-1',
  unitCode: '14830',
  surveyDate: '2024-10-15',
  area: null,
  incomePerCapitaMonthly: 1_200_000,
  housing: { floorAreaM2: 22.5, walls: 'non-durable', columns: 'non-durable', roof: 'durable' },
  waterSource: 'surface',
  latrine: 'unhygienic-pit',
  internetUse: false,
  infoDevices: [],
  loudspeakerAccess: false,
  members: [
    member({ employment: 'wage-no-contract', healthInsurance: false }),
    member({ name: 'Lê Văn Út', birthDate: '2004-01-01', relation: 'child', education: 'primary' }),
    member({
      name: 'Lê Thị Na',
      birthDate: '2014-03-01',
      sex: 'F',
      relation: 'child',
      schooling: 'not-attending',
      stunted: true,
    }),
    member({
      name: 'Lê Thị Bé',
      birthDate: '2020-03-01',
      sex: 'F',
      relation: 'grandchild',
      education: 'none',
    }),
    member({ name: 'Lê Văn Tí', birthDate: '2023-03-01', relation: 'grandchild', education: 'none' }),
  ],
};

/** Deprived on nothing. */
const fine: SurveyRecord = {
  ...poor,
  incomePerCapitaMonthly: 3_500_000,
  housing: { floorAreaM2: 80, walls: 'durable', columns: 'durable', roof: 'durable' },
  waterSource: 'piped',
  latrine: 'septic',
  internetUse: true,
  infoDevices: ['tv', 'phone'],
  loudspeakerAccess: true,
  members: [
    member({}),
    member({ name: 'Trần Thị Mai', birthDate: '1983-02-20', sex: 'F', relation: 'spouse' }),
  ],
};

/** Every code a person must never read: answers, classes, indicators, standards, structures. */
const CODES = [
  ...Object.keys(WORDS.classification),
  ...Object.keys(WORDS.indicator),
  ...Object.keys(WORDS.standard),
  ...Object.keys(WORDS.waterSource),
  ...Object.keys(WORDS.latrine),
  ...Object.keys(WORDS.employment),
  ...Object.keys(WORDS.schooling),
  ...Object.keys(WORDS.education),
  ...Object.keys(WORDS.disability),
  ...Object.keys(WORDS.durability),
  ...Object.keys(WORDS.infoDevice),
  ...Object.keys(WORDS.relation),
  'loudspeaker',
  'stunted',
  'underweight',
];
/** Codes that are also plain English words: looked for in the Vietnamese text only. */
const ENGLISH_WORDS = new Set([
  'surface',
  'bucket',
  'none',
  'other',
  'primary',
  'college',
  'university',
  'student',
  'unemployed',
  'appropriate',
  'durable',
  'tv',
  'radio',
  'computer',
  'phone',
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'mild',
  'severe',
  'employment',
  'dependants',
  'nutrition',
  'latrine',
  'telecom',
  'septic',
  'rainwater',
  'bottled',
  'piped',
  'stunted',
  'underweight',
  'loudspeaker',
]);

const codeIn = (text: string, code: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}_-])${code}(?![\\p{L}\\p{N}_-])`, 'u').test(text);

function render(record: SurveyRecord, lang: 'vi' | 'en') {
  const result = classifyHousehold(record, ND07_2021, 'urban');
  return renderExplanation(
    { ...result, income: record.incomePerCapitaMonthly },
    explainFacts(record, ND07_2021),
    record,
    lang,
  );
}

describe('explanations rendered from facts', () => {
  it.each([
    ['vi', poor],
    ['vi', fine],
    ['en', poor],
    ['en', fine],
  ] as const)('%s: every sentence is prose with no code inside', (lang, record) => {
    const r = render(record, lang);
    expect(r.indicators).toHaveLength(12);
    for (const text of [r.income, ...r.indicators.map((i) => i.text)]) {
      for (const code of CODES) {
        if (lang === 'en' && ENGLISH_WORDS.has(code)) continue;
        expect(codeIn(text, code), `"${code}" in: ${text}`).toBe(false);
      }
      expect(text).not.toMatch(/→|"|ND07_2021|\bM\b|\bF\b/);
    }
  });

  it('names each indicator as the decree does and says what decided it, in Vietnamese', () => {
    const r = render(poor, 'vi');
    const text = (k: string) => r.indicators.find((i) => i.indicator === k)!.text;
    expect(r.indicators.every((i) => i.deprived)).toBe(true);
    expect(text('waterSource')).toBe(
      'Nguồn nước sinh hoạt: nước mặt (sông, suối, ao, hồ) — không phải nguồn nước hợp vệ sinh.',
    );
    expect(text('employment')).toMatch(
      /^Việc làm: Lê Văn Hùng \(thành viên 1\), 44 tuổi, trong độ tuổi lao động \(đến hết ngày \d\d\/\d\d\/\d{4}\), tình trạng việc làm: làm công ăn lương, không có hợp đồng lao động\.$/,
    );
    expect(text('housingQuality')).toContain('2 trong 3 kết cấu chính không bền chắc (tường, cột (khung))');
    expect(text('housingArea')).toContain('22,5 m² cho 5 người, bình quân 4,5 m²/người, dưới mức 8 m²/người');
    expect(text('adultEducation')).toContain('Lê Văn Út (thành viên 2), 20 tuổi');
    expect(text('adultEducation')).toContain('trình độ tiểu học, thấp hơn mức tối thiểu trung học phổ thông');
    expect(text('childSchooling')).toContain('Lê Thị Na (thành viên 3), 10 tuổi, không đi học');
    expect(text('nutrition')).toContain('suy dinh dưỡng thể thấp còi');
    expect(r.income).toBe(
      'Thu nhập bình quân 1.200.000 ₫/người/tháng không cao hơn chuẩn nghèo 2.000.000 ₫ của khu vực thành thị (theo Nghị định 07/2021/NĐ-CP); thiếu hụt 12 chỉ số dịch vụ xã hội cơ bản. Kết quả: Hộ nghèo.',
    );
  });

  it('says the same in English, with the English decimal mark', () => {
    const r = render(poor, 'en');
    const text = (k: string) => r.indicators.find((i) => i.indicator === k)!.text;
    expect(text('waterSource')).toBe(
      'Domestic water source: surface water (river, stream, pond, lake) — not a hygienic source.',
    );
    expect(text('housingArea')).toContain('22.5 m² for 5 people, 4.5 m² per person');
    expect(r.income).toContain('Result: Poor household.');
    const ok = render(fine, 'vi');
    expect(ok.indicators.find((i) => i.indicator === 'waterSource')!.text).toBe(
      'Nguồn nước sinh hoạt: nước máy — là nguồn nước hợp vệ sinh.',
    );
    expect(ok.income).toContain('cao hơn chuẩn nghèo');
    expect(ok.income).toContain('Kết quả: Hộ không thuộc diện nghèo, cận nghèo.');
  });

  it('names members as the reader may see them (initials)', () => {
    const result = classifyHousehold(poor, ND07_2021, 'urban');
    const r = renderExplanation(
      { ...result, income: poor.incomePerCapitaMonthly },
      explainFacts(poor, ND07_2021),
      poor,
      'vi',
      { names: ['L. V. H.', 'L. V. Ú.', 'L. T. N.', 'L. T. B.', 'L. V. T.'] },
    );
    const all = JSON.stringify(r);
    for (const m of poor.members) expect(all).not.toContain(m.name);
    expect(all).toContain('L. V. H. (thành viên 1)');
  });

  it("states the deprived indicators' facts alone as it states them among all", () => {
    for (const r of [poor, fine]) {
      for (const st of [ND07_2021, compileStandard(ND07_2021)])
        expect(deprivedFacts(r, st)).toEqual(explainFacts(r, ND07_2021).filter((f) => f.deprived));
    }
    expect(deprivedFacts(poor, ND07_2021)).toHaveLength(12);
    expect(deprivedFacts(fine, ND07_2021)).toEqual([]);
  });

  it('stores the facts of deprived indicators only, compact, and reads the earlier stored form too', () => {
    const facts = explainFacts(poor, ND07_2021);
    const json = factsJson(facts);
    expect(JSON.parse(json)).toHaveLength(12);
    expect(json).not.toMatch(/"vi"|"en"|memberName|Lê Văn/);
    // 12 deprived indicators in well under the 2.8 KB the sentences took for three.
    expect(json.length).toBeLessThan(1200);
    expect(storedFacts(json)).toEqual(facts);
    expect(factsJson(explainFacts(fine, ND07_2021))).toBe('[]');
    const earlier = JSON.stringify({
      indicators: [
        {
          indicator: 'telecom',
          deprived: true,
          member: null,
          memberName: null,
          value: false,
          threshold: null,
          vi: 'x',
          en: 'y',
        },
      ],
    });
    expect(storedFacts(earlier)).toEqual<IndicatorFacts[]>([
      { indicator: 'telecom', deprived: true, member: null, value: false, threshold: null },
    ]);
  });

  it('keeps the explanation of the CLI and the classify API in both languages', () => {
    const result = classifyHousehold(poor, ND07_2021, 'urban');
    expect(explainIncome(result, poor.incomePerCapitaMonthly).en).toContain(
      'at or below the urban poverty line',
    );
  });
});
