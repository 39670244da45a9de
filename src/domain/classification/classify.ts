// The classification engine: a survey record, a standard and an area in; the class, the income
// line and the deprived indicators (contract order) out, with an explanation per indicator on
// request. Each indicator key maps to one rule below; all thresholds come from the standard.
//
// Hot path (the CLI classifies millions of records): a standard is compiled once into closures
// over precomputed sets, member ages are computed once per record into a reused buffer, and the
// explanation facts are only gathered when asked for (and rendered in words by ./explain.ts).
import type { Area, EducationLevel, SurveyMember, SurveyRecord } from '../survey/record.js';
import type { Classification, Indicator, IndicatorKey, Standard, Text } from '../standards/standard.js';
import {
  renderIncome,
  renderIndicator,
  type IncomeFacts,
  type IndicatorFacts,
  type RenderOptions,
} from './explain.js';
import { isAboveWorkingAge, isWorkingAge } from './working-age.js';

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

/** An indicator's facts (./explain.ts), the member's name and the sentence in both languages. */
export interface IndicatorExplanation extends IndicatorFacts {
  memberName: string | null;
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

/**
 * The deprived indicators of a valid record under a compiled standard as a bit mask (bit i: the
 * standard's i-th indicator), the same set as classifyHousehold's list without building the list
 * or a result: the command line's hot path, which writes its output from the mask.
 */
export function deprivationMask(record: SurveyRecord, c: CompiledStandard): number {
  const ctx: EvalContext = { record, on: record.surveyDate, ages: memberAges(record, scratchAges) };
  const rules = c.rules;
  let mask = 0;
  for (let i = 0; i < rules.length; i += 1) if (rules[i]!(ctx) !== NOT_DEPRIVED) mask |= 1 << i;
  return mask;
}

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
// The engine states the facts; ./explain.ts renders them in words when they are read.

/** The facts of one indicator: which member (first culprit), which value, which threshold. */
function factsOf(ind: Indicator, ctx: EvalContext, culprit: number): IndicatorFacts {
  const { record } = ctx;
  const deprived = culprit !== NOT_DEPRIVED;
  const m = culprit >= 0 ? record.members[culprit]! : undefined;
  const base = { indicator: ind.key, deprived, member: m ? culprit : null };
  switch (ind.key) {
    case 'employment':
      return { ...base, value: m ? m.employment : null, threshold: ind.deprivedEmployment.join(', ') };
    case 'dependants':
      return {
        ...base,
        value: Math.round(dependantShare(ind, ctx) * 10000) / 10000,
        threshold: ind.maxShare,
      };
    case 'nutrition':
      return {
        ...base,
        value: m ? (m.stunted ? 'stunted' : 'underweight') : null,
        threshold: ind.childUnderAge,
      };
    case 'healthInsurance':
      return { ...base, value: !m, threshold: ind.fromAge };
    case 'adultEducation': {
      if (m) {
        const age = ctx.ages[culprit]!;
        const band = ind.bands.find((b) => age >= b.fromAge && age <= b.toAge);
        return { ...base, value: m.education, threshold: band?.minLevel ?? null };
      }
      const ranges = ind.bands.map((b) => `${b.fromAge}–${b.toAge}: ${b.minLevel}`).join('; ');
      return { ...base, value: null, threshold: ranges };
    }
    case 'childSchooling':
      return { ...base, value: m ? m.schooling : null, threshold: ind.acceptable.join(', ') };
    case 'housingQuality':
      return {
        ...base,
        value: ind.structures.filter((s) => record.housing[s] === 'non-durable').length,
        threshold: ind.minNonDurable,
      };
    case 'housingArea':
      return {
        ...base,
        value: Math.round((record.housing.floorAreaM2 / record.members.length) * 100) / 100,
        threshold: ind.minM2PerPerson,
      };
    case 'waterSource':
      return { ...base, value: record.waterSource, threshold: ind.acceptable.join(', ') };
    case 'latrine':
      return { ...base, value: record.latrine, threshold: ind.acceptable.join(', ') };
    case 'telecom':
      return { ...base, value: record.internetUse, threshold: null };
    case 'infoAccess': {
      const owned = record.infoDevices.filter((d) => ind.devices.includes(d));
      const speaker = ind.loudspeakerCounts && record.loudspeakerAccess;
      return {
        ...base,
        value: owned.join(', ') || (speaker ? 'loudspeaker' : null),
        threshold: ind.devices.join(', '),
      };
    }
  }
}

/** The facts of every indicator of the standard, in its order (what the registry stores, deprived ones). */
export function explainFacts(record: SurveyRecord, standard: Standard | CompiledStandard): IndicatorFacts[] {
  const c = compiled(standard);
  const ctx: EvalContext = { record, on: record.surveyDate, ages: memberAges(record) };
  return c.standard.indicators.map((ind, i) => factsOf(ind, ctx, c.rules[i]!(ctx)));
}

/**
 * The facts of the deprived indicators only, in the standard's order: the same as
 * `explainFacts(…).filter((f) => f.deprived)` without stating the facts of the others (what an
 * import stores, for every household).
 */
export function deprivedFacts(record: SurveyRecord, standard: Standard | CompiledStandard): IndicatorFacts[] {
  const c = compiled(standard);
  const ctx: EvalContext = { record, on: record.surveyDate, ages: memberAges(record, scratchAges) };
  const out: IndicatorFacts[] = [];
  for (let i = 0; i < c.rules.length; i += 1) {
    const culprit = c.rules[i]!(ctx);
    if (culprit !== NOT_DEPRIVED) out.push(factsOf(c.standard.indicators[i]!, ctx, culprit));
  }
  return out;
}

/** One explanation per indicator of the standard, in its order, with its sentence in both languages. */
export function explainHousehold(
  record: SurveyRecord,
  standard: Standard | CompiledStandard,
): IndicatorExplanation[] {
  return explainFacts(record, standard).map((f) => ({
    ...f,
    memberName: f.member === null ? null : record.members[f.member]!.name,
    vi: renderIndicator(f, record, 'vi'),
    en: renderIndicator(f, record, 'en'),
  }));
}

/** The income comparison and the class in words (vi, en), for the class line of an explanation. */
export function explainIncome(result: ClassificationResult, income: number, opts: RenderOptions = {}): Text {
  const facts: IncomeFacts = { ...result, income };
  return { vi: renderIncome(facts, 'vi', opts), en: renderIncome(facts, 'en', opts) };
}
