// The classification engine: a survey record, a standard and an area in; the class, the income
// line and the deprived indicators (contract order) out, with an explanation per indicator on
// request. Each indicator key maps to one rule below; all thresholds come from the standard.
//
// Hot path (the CLI classifies millions of records): a standard is compiled once into closures
// over precomputed sets, member ages are computed once per record into a reused buffer, and the
// explanation texts are only built when asked for.
import { formatDateVn } from '../dates.js';
import { formatVnd } from '../format.js';
import type { Area, EducationLevel, SurveyMember, SurveyRecord } from '../survey/record.js';
import type { Classification, Indicator, IndicatorKey, Standard, Text } from '../standards/standard.js';
import { isAboveWorkingAge, isWorkingAge, lastWorkingDay } from './working-age.js';

/** An indicator is not deprived. */
export const NOT_DEPRIVED = -1;
/** Deprived by the household as a whole (housing, water, telecom…), not by one member. */
export const HOUSEHOLD = -2;

/** What an evaluation sees: the record, the survey date and every member's age on it. */
export interface EvalContext {
  record: SurveyRecord;
  on: string;
  ages: ArrayLike<number>;
}

/** NOT_DEPRIVED, HOUSEHOLD, or the index of the first member who makes the household deprived. */
type Rule = (ctx: EvalContext) => number;

export interface IndicatorExplanation {
  indicator: IndicatorKey;
  deprived: boolean;
  /** Index in `members` of the member concerned, null when the household as a whole is. */
  member: number | null;
  memberName: string | null;
  /** The value that decided (a level, an area per person, a share…). */
  value: string | number | boolean | null;
  /** The threshold it was compared with. */
  threshold: string | number | null;
  vi: string;
  en: string;
}

export interface ClassificationResult {
  standard: string;
  provisional: boolean;
  area: Area;
  incomeLine: number;
  averageUpperBound: number | null;
  classification: Classification;
  deprivations: IndicatorKey[];
  deprivationCount: number;
}

export interface CompiledStandard {
  readonly standard: Standard;
  readonly keys: readonly IndicatorKey[];
  readonly rules: readonly Rule[];
}

function levelRank(order: readonly EducationLevel[]): Map<string, number> {
  return new Map(order.map((l, i) => [l, i]));
}

function isDependant(
  ind: Extract<Indicator, { key: 'dependants' }>,
  m: SurveyMember,
  age: number,
  on: string,
): boolean {
  if (age < ind.childUnderAge) return true;
  const allowanceOk = !ind.requireSocialAllowance || m.monthlySocialAllowance;
  if (!allowanceOk) return false;
  if (ind.disabilities.includes(m.disability)) return true;
  return ind.aboveWorkingAge && isAboveWorkingAge(m, on, age);
}

function dependantShare(ind: Extract<Indicator, { key: 'dependants' }>, ctx: EvalContext): number {
  const members = ctx.record.members;
  let n = 0;
  for (let i = 0; i < members.length; i += 1) if (isDependant(ind, members[i]!, ctx.ages[i]!, ctx.on)) n += 1;
  return members.length === 0 ? 0 : n / members.length;
}

function ruleOf(ind: Indicator): Rule {
  switch (ind.key) {
    case 'employment': {
      const deprived = new Set<string>(ind.deprivedEmployment);
      return ({ record, ages, on }) => {
        const ms = record.members;
        for (let i = 0; i < ms.length; i += 1) {
          const m = ms[i]!;
          if (deprived.has(m.employment) && isWorkingAge(m, on, ages[i]!)) return i;
        }
        return NOT_DEPRIVED;
      };
    }
    case 'dependants':
      return (ctx) => (dependantShare(ind, ctx) > ind.maxShare ? HOUSEHOLD : NOT_DEPRIVED);
    case 'nutrition':
      return ({ record, ages }) => {
        const ms = record.members;
        for (let i = 0; i < ms.length; i += 1) {
          const m = ms[i]!;
          if (ages[i]! < ind.childUnderAge && (m.stunted || m.underweight)) return i;
        }
        return NOT_DEPRIVED;
      };
    case 'healthInsurance':
      return ({ record, ages }) => {
        const ms = record.members;
        for (let i = 0; i < ms.length; i += 1)
          if (ages[i]! >= ind.fromAge && !ms[i]!.healthInsurance) return i;
        return NOT_DEPRIVED;
      };
    case 'adultEducation': {
      const rank = levelRank(ind.levelOrder);
      const bands = ind.bands.map((b) => ({ from: b.fromAge, to: b.toAge, min: rank.get(b.minLevel) ?? 0 }));
      const lowest = Math.min(...bands.map((b) => b.from));
      const highest = Math.max(...bands.map((b) => b.to));
      return ({ record, ages }) => {
        const ms = record.members;
        for (let i = 0; i < ms.length; i += 1) {
          const age = ages[i]!;
          if (age < lowest || age > highest) continue;
          const m = ms[i]!;
          if (ind.inTrainingMeets && m.inTraining) continue;
          const band = bands.find((b) => age >= b.from && age <= b.to);
          if (band && (rank.get(m.education) ?? -1) < band.min) return i;
        }
        return NOT_DEPRIVED;
      };
    }
    case 'childSchooling': {
      const ok = new Set<string | null>(ind.acceptable);
      return ({ record, ages }) => {
        const ms = record.members;
        for (let i = 0; i < ms.length; i += 1) {
          const age = ages[i]!;
          if (age >= ind.fromAge && age < ind.underAge && !ok.has(ms[i]!.schooling)) return i;
        }
        return NOT_DEPRIVED;
      };
    }
    case 'housingQuality':
      return ({ record }) => {
        let n = 0;
        for (const s of ind.structures) if (record.housing[s] === 'non-durable') n += 1;
        return n >= ind.minNonDurable ? HOUSEHOLD : NOT_DEPRIVED;
      };
    case 'housingArea':
      // Strictly below: exactly 8 m² per person is not deprived.
      return ({ record }) =>
        record.housing.floorAreaM2 / record.members.length < ind.minM2PerPerson ? HOUSEHOLD : NOT_DEPRIVED;
    case 'waterSource': {
      const ok = new Set<string>(ind.acceptable);
      return ({ record }) => (ok.has(record.waterSource) ? NOT_DEPRIVED : HOUSEHOLD);
    }
    case 'latrine': {
      const ok = new Set<string>(ind.acceptable);
      return ({ record }) => (ok.has(record.latrine) ? NOT_DEPRIVED : HOUSEHOLD);
    }
    case 'telecom':
      return ({ record }) => (ind.requireInternetUse && !record.internetUse ? HOUSEHOLD : NOT_DEPRIVED);
    case 'infoAccess': {
      const counted = new Set<string>(ind.devices);
      return ({ record }) => {
        for (const d of record.infoDevices) if (counted.has(d)) return NOT_DEPRIVED;
        if (ind.loudspeakerCounts && record.loudspeakerAccess) return NOT_DEPRIVED;
        return HOUSEHOLD;
      };
    }
  }
}

/** Compiles a (validated) standard into its rules, once. */
export function compileStandard(standard: Standard): CompiledStandard {
  return { standard, keys: standard.indicators.map((i) => i.key), rules: standard.indicators.map(ruleOf) };
}

const compiledCache = new WeakMap<Standard, CompiledStandard>();
function compiled(standard: Standard | CompiledStandard): CompiledStandard {
  if ('rules' in standard) return standard;
  let c = compiledCache.get(standard);
  if (!c) {
    c = compileStandard(standard);
    compiledCache.set(standard, c);
  }
  return c;
}

/** Member ages (whole years on the survey date). */
const digits = (s: string, from: number, n: number): number => {
  let v = 0;
  for (let k = from; k < from + n; k += 1) v = v * 10 + s.charCodeAt(k) - 48;
  return v;
};

/**
 * Member ages (whole years on the survey date), the same as `ageOn` for each member but reading
 * the survey date once and the digits without slicing (this runs for every member of millions of
 * records). `into` may be a reused buffer: only the first `members.length` entries are meaningful.
 */
export function memberAges(record: SurveyRecord, into: number[] = []): number[] {
  const ms = record.members;
  const on = record.surveyDate;
  const onYear = digits(on, 0, 4);
  const onMonthDay = digits(on, 5, 2) * 100 + digits(on, 8, 2);
  for (let i = 0; i < ms.length; i += 1) {
    const b = ms[i]!.birthDate;
    const monthDay = digits(b, 5, 2) * 100 + digits(b, 8, 2);
    into[i] = onYear - digits(b, 0, 4) - (onMonthDay < monthDay ? 1 : 0);
  }
  return into;
}

/**
 * The class of a household from its income and number of deprivations. Inclusive: the decree
 * counts income equal to the line as at or below it, and the band's upper bound as inside it.
 * Without a known average band (null), every household above the line is NONE.
 */
export function classOf(
  standard: Standard,
  area: Area,
  income: number,
  deprivationCount: number,
): Classification {
  const line = standard.incomeLines[area];
  if (income <= line) return deprivationCount >= standard.poorMinDeprivations ? 'POOR' : 'NEAR_POOR';
  const band = standard.averageUpperBounds[area];
  return band !== null && income <= band ? 'AVERAGE' : 'NONE';
}

const scratchAges: number[] = [];

/** Classifies a valid survey record under a standard for an area (pure, no explanation). */
export function classifyHousehold(
  record: SurveyRecord,
  standard: Standard | CompiledStandard,
  area: Area,
): ClassificationResult {
  const c = compiled(standard);
  const ctx: EvalContext = { record, on: record.surveyDate, ages: memberAges(record, scratchAges) };
  const deprivations: IndicatorKey[] = [];
  for (let i = 0; i < c.rules.length; i += 1)
    if (c.rules[i]!(ctx) !== NOT_DEPRIVED) deprivations.push(c.keys[i]!);
  const s = c.standard;
  return {
    standard: s.code,
    provisional: s.provisional,
    area,
    incomeLine: s.incomeLines[area],
    averageUpperBound: s.averageUpperBounds[area],
    classification: classOf(s, area, record.incomePerCapitaMonthly, deprivations.length),
    deprivations,
    deprivationCount: deprivations.length,
  };
}

// ── explanations ─────────────────────────────────────────────────────────────

const fmtNum = (n: number) => (Math.round(n * 100) / 100).toString();
const pct = (share: number) => `${fmtNum(share * 100)}%`;

function memberLabel(m: SurveyMember, i: number): Text {
  const name = m.name || `#${i + 1}`;
  return { vi: `thành viên ${i + 1} (${name})`, en: `member ${i + 1} (${name})` };
}

function explain(
  ind: Indicator,
  ctx: EvalContext,
  culprit: number,
): Omit<IndicatorExplanation, 'indicator' | 'deprived'> {
  const { record, ages } = ctx;
  const deprived = culprit !== NOT_DEPRIVED;
  const m = culprit >= 0 ? record.members[culprit]! : undefined;
  const who = m ? memberLabel(m, culprit) : undefined;
  const base = { member: m ? culprit : null, memberName: m ? m.name : null };
  const age = m ? ages[culprit]! : 0;
  switch (ind.key) {
    case 'employment': {
      const list = ind.deprivedEmployment.join(', ');
      if (m && who) {
        return {
          ...base,
          value: m.employment,
          threshold: list,
          vi: `${who.vi}, ${age} tuổi, trong độ tuổi lao động (đến hết ngày ${formatDateVn(lastWorkingDay(m.sex, m.birthDate))}), có tình trạng việc làm "${m.employment}" (thiếu hụt khi: ${list}).`,
          en: `${who.en}, aged ${age}, of working age (until ${lastWorkingDay(m.sex, m.birthDate)}), has employment "${m.employment}" (deprived when: ${list}).`,
        };
      }
      return {
        ...base,
        value: null,
        threshold: list,
        vi: `Không thành viên nào trong độ tuổi lao động có tình trạng việc làm ${list}.`,
        en: `No working-age member has employment ${list}.`,
      };
    }
    case 'dependants': {
      const share = dependantShare(ind, ctx);
      const n = Math.round(share * record.members.length);
      return {
        ...base,
        value: Math.round(share * 10000) / 10000,
        threshold: ind.maxShare,
        vi: `${n}/${record.members.length} thành viên là người phụ thuộc (${pct(share)}); thiếu hụt khi trên ${pct(ind.maxShare)}.`,
        en: `${n} of ${record.members.length} members are dependants (${pct(share)}); deprived when above ${pct(ind.maxShare)}.`,
      };
    }
    case 'nutrition':
      if (m && who) {
        const what = m.stunted ? { vi: 'thấp còi', en: 'stunted' } : { vi: 'nhẹ cân', en: 'underweight' };
        return {
          ...base,
          value: m.stunted ? 'stunted' : 'underweight',
          threshold: ind.childUnderAge,
          vi: `${who.vi}, ${age} tuổi (dưới ${ind.childUnderAge}), ${what.vi}.`,
          en: `${who.en}, aged ${age} (under ${ind.childUnderAge}), is ${what.en}.`,
        };
      }
      return {
        ...base,
        value: null,
        threshold: ind.childUnderAge,
        vi: `Không trẻ em dưới ${ind.childUnderAge} tuổi nào thấp còi hoặc nhẹ cân.`,
        en: `No child under ${ind.childUnderAge} is stunted or underweight.`,
      };
    case 'healthInsurance':
      if (m && who) {
        return {
          ...base,
          value: false,
          threshold: ind.fromAge,
          vi: `${who.vi}, ${age} tuổi (từ ${ind.fromAge} tuổi trở lên), không có bảo hiểm y tế.`,
          en: `${who.en}, aged ${age} (${ind.fromAge} or over), has no health insurance.`,
        };
      }
      return {
        ...base,
        value: true,
        threshold: ind.fromAge,
        vi: `Mọi thành viên từ ${ind.fromAge} tuổi trở lên đều có bảo hiểm y tế.`,
        en: `Every member aged ${ind.fromAge} or over has health insurance.`,
      };
    case 'adultEducation': {
      const ranges = ind.bands.map((b) => `${b.fromAge}–${b.toAge}: ${b.minLevel}`).join('; ');
      if (m && who) {
        const band = ind.bands.find((b) => age >= b.fromAge && age <= b.toAge);
        return {
          ...base,
          value: m.education,
          threshold: band?.minLevel ?? null,
          vi: `${who.vi}, ${age} tuổi, không đang đi học/đào tạo, trình độ "${m.education}" thấp hơn mức tối thiểu "${band?.minLevel ?? ''}".`,
          en: `${who.en}, aged ${age}, not in training, has "${m.education}", below the minimum "${band?.minLevel ?? ''}".`,
        };
      }
      return {
        ...base,
        value: null,
        threshold: ranges,
        vi: `Mọi thành viên trong độ tuổi xét (${ranges}) đang đi học hoặc đạt trình độ tối thiểu.`,
        en: `Every member in the age bands (${ranges}) is in training or has the minimum level.`,
      };
    }
    case 'childSchooling':
      if (m && who) {
        return {
          ...base,
          value: m.schooling,
          threshold: ind.acceptable.join(', '),
          vi: `${who.vi}, ${age} tuổi (từ ${ind.fromAge} đến dưới ${ind.underAge}), tình trạng đi học "${m.schooling ?? 'không ghi'}".`,
          en: `${who.en}, aged ${age} (${ind.fromAge} to under ${ind.underAge}), has schooling "${m.schooling ?? 'not recorded'}".`,
        };
      }
      return {
        ...base,
        value: null,
        threshold: ind.acceptable.join(', '),
        vi: `Mọi trẻ từ ${ind.fromAge} đến dưới ${ind.underAge} tuổi đi học đúng cấp.`,
        en: `Every child aged ${ind.fromAge} to under ${ind.underAge} attends the appropriate level.`,
      };
    case 'housingQuality': {
      const weak = ind.structures.filter((s) => record.housing[s] === 'non-durable');
      return {
        ...base,
        value: weak.length,
        threshold: ind.minNonDurable,
        vi: `${weak.length}/${ind.structures.length} kết cấu chính không bền chắc (${weak.join(', ') || 'không có'}); thiếu hụt từ ${ind.minNonDurable}.`,
        en: `${weak.length} of ${ind.structures.length} main structures are non-durable (${weak.join(', ') || 'none'}); deprived from ${ind.minNonDurable}.`,
      };
    }
    case 'housingArea': {
      const per = record.housing.floorAreaM2 / record.members.length;
      return {
        ...base,
        value: Math.round(per * 100) / 100,
        threshold: ind.minM2PerPerson,
        vi: `${fmtNum(record.housing.floorAreaM2)} m² cho ${record.members.length} người = ${fmtNum(per)} m²/người; thiếu hụt khi dưới ${ind.minM2PerPerson} m²/người.`,
        en: `${fmtNum(record.housing.floorAreaM2)} m² for ${record.members.length} people = ${fmtNum(per)} m² per person; deprived below ${ind.minM2PerPerson} m².`,
      };
    }
    case 'waterSource':
      return {
        ...base,
        value: record.waterSource,
        threshold: ind.acceptable.join(', '),
        vi: `Nguồn nước "${record.waterSource}" ${deprived ? 'không thuộc' : 'thuộc'} danh mục nước sạch (${ind.acceptable.join(', ')}).`,
        en: `Water source "${record.waterSource}" is ${deprived ? 'not ' : ''}one of the clean sources (${ind.acceptable.join(', ')}).`,
      };
    case 'latrine':
      return {
        ...base,
        value: record.latrine,
        threshold: ind.acceptable.join(', '),
        vi: `Nhà tiêu "${record.latrine}" ${deprived ? 'không thuộc' : 'thuộc'} danh mục hợp vệ sinh (${ind.acceptable.join(', ')}).`,
        en: `Latrine "${record.latrine}" is ${deprived ? 'not ' : ''}one of the hygienic types (${ind.acceptable.join(', ')}).`,
      };
    case 'telecom':
      return {
        ...base,
        value: record.internetUse,
        threshold: null,
        vi: record.internetUse
          ? 'Có thành viên sử dụng dịch vụ internet.'
          : 'Không thành viên nào sử dụng dịch vụ internet.',
        en: record.internetUse
          ? 'At least one member uses internet services.'
          : 'No member uses internet services.',
      };
    case 'infoAccess': {
      const owned = record.infoDevices.filter((d) => ind.devices.includes(d));
      const speaker = ind.loudspeakerCounts && record.loudspeakerAccess;
      return {
        ...base,
        value: owned.join(', ') || (speaker ? 'loudspeaker' : null),
        threshold: ind.devices.join(', '),
        vi: `Phương tiện: ${owned.join(', ') || 'không có'}; ${record.loudspeakerAccess ? 'nghe được' : 'không nghe được'} loa truyền thanh xã/thôn.`,
        en: `Devices: ${owned.join(', ') || 'none'}; ${record.loudspeakerAccess ? 'can' : 'cannot'} hear the commune/village loudspeakers.`,
      };
    }
  }
}

/** One explanation per indicator of the standard, in its order: which member, which value, which threshold. */
export function explainHousehold(
  record: SurveyRecord,
  standard: Standard | CompiledStandard,
): IndicatorExplanation[] {
  const c = compiled(standard);
  const ctx: EvalContext = { record, on: record.surveyDate, ages: memberAges(record) };
  return c.standard.indicators.map((ind, i) => {
    const culprit = c.rules[i]!(ctx);
    return { indicator: ind.key, deprived: culprit !== NOT_DEPRIVED, ...explain(ind, ctx, culprit) };
  });
}

/** The income comparison in words (vi, en), for the class line of an explanation. */
export function explainIncome(result: ClassificationResult, income: number): Text {
  const cmp = income <= result.incomeLine;
  return {
    vi: `Thu nhập bình quân ${formatVnd(income)}/người/tháng ${cmp ? '≤' : '>'} chuẩn ${formatVnd(result.incomeLine)} (${result.area === 'urban' ? 'thành thị' : 'nông thôn'}); ${result.deprivationCount} chỉ số thiếu hụt → ${result.classification}.`,
    en: `Income ${formatVnd(income)} per person per month is ${cmp ? 'at or below' : 'above'} the ${result.area} line of ${formatVnd(result.incomeLine)}; ${result.deprivationCount} deprivations → ${result.classification}.`,
  };
}
