// Matching households to the program's components: a small rules engine over data
// (matching-rules.ts). A household profile becomes a set of named facts; each rule's conditions
// are checked against them; suggestions are merged per component and ranked. Eligibility comes
// from the catalogue (who the component is for, and its poor-district / coastal-commune flags).
// Pure: the profile is built by the caller from the registry (or typed in).

import { AppError } from '../../errors.js';
import { listOf, objectOf, objectsOf } from '../input.js';

export type HouseholdStatus = 'poor' | 'near-poor' | 'recently-exited' | 'other';

export interface MemberProfile {
  age: number;
  workingAge: boolean;
  /** Survey values: unemployed | wage-no-contract | wage-with-contract | self-employed | not-in-labour-force | student */
  employment: string | null;
  disability: 'none' | 'mild' | 'severe' | 'extremely-severe';
  vocationalTraining?: boolean;
  pregnantOrBreastfeeding?: boolean;
  stunted?: boolean;
  underweight?: boolean;
}

export interface HouseholdProfile {
  householdKey: string;
  status: HouseholdStatus;
  /** Deprived indicator keys of the standard (employment, nutrition, telecom, infoAccess, housingQuality…). */
  deprivations: readonly string[];
  members: readonly MemberProfile[];
  traits?: { farmland?: boolean; livestockCapacity?: boolean };
  area?: { poorDistrict?: boolean; coastalCommune?: boolean };
}

export const FACTS = [
  'status',
  'membersWithLabourCapacity',
  'workingAgeWithoutStableWork',
  'workingAgeWithoutTraining',
  'childrenUnder16',
  'pregnantOrBreastfeeding',
  'nutritionDeprived',
  'informationDeprived',
  'housingDeprived',
  'hasFarmland',
  'livestockCapacity',
  'hasProductionCapacity',
  'inPoorDistrict',
  'inCoastalCommune',
] as const;
export type FactName = (typeof FACTS)[number];
export type FactValue = string | number | boolean;
export type Facts = Record<FactName, FactValue>;

export const OPERATORS = ['eq', 'ne', 'gte', 'lte', 'in'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  fact: FactName;
  op: Operator;
  value: FactValue | readonly string[];
}

export interface MatchRule {
  id: string;
  effect: 'suggest' | 'exclude';
  /** A component code, `social-protection`, or (for exclusions) a list of codes. */
  target: string | readonly string[];
  score: number;
  when: readonly Condition[];
  /** Shown to the officer; {fact} placeholders are filled from the household's facts. */
  reason: { vi: string; en: string };
}

/** The part of a program component that matching needs. */
export interface MatchComponent {
  code: string;
  parentCode: string | null;
  name: string;
  nameEn: string;
  needsPoorDistrict: boolean;
  needsCoastalCommune: boolean;
}

const UNSTABLE_WORK = new Set(['unemployed', 'wage-no-contract']);
const SEVERE = new Set(['severe', 'extremely-severe']);
const INFORMATION = ['telecom', 'infoAccess', 'infoDevices'];
const HOUSING = ['housingQuality', 'housingArea'];

const STATUSES: readonly HouseholdStatus[] = ['poor', 'near-poor', 'recently-exited', 'other'];
const DISABILITY_LEVELS: readonly MemberProfile['disability'][] = [
  'none',
  'mild',
  'severe',
  'extremely-severe',
];

/**
 * A profile typed in by a caller (POST /finance/match) checked field by field: every problem is a
 * coded error naming its field (`profile.members[1].age`); optional flags default to false.
 */
export function parseProfile(raw: unknown, field = 'profile'): HouseholdProfile {
  const p = objectOf(raw, field);
  const at = (k: string) => `${field}.${k}`;
  const flag = (o: Record<string, unknown>, k: string, f: string): boolean | undefined => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean')
      throw new AppError('FIELD_TYPE', { field: f, expected: 'true / false' }, { field: f });
    return v;
  };
  const required = <T>(v: T | undefined, f: string): T => {
    if (v === undefined) throw new AppError('FIELD_REQUIRED', { field: f }, { field: f });
    return v;
  };
  const oneOf = <T extends string>(v: unknown, allowed: readonly T[], f: string): T => {
    if (v === undefined || v === null) throw new AppError('FIELD_REQUIRED', { field: f }, { field: f });
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
      throw new AppError(
        'ENUM_INVALID',
        { field: f, value: typeof v === 'string' ? v.slice(0, 40) : typeof v, allowed: allowed.join(', ') },
        { field: f },
      );
    return v as T;
  };
  const deprivations = listOf(p.deprivations, at('deprivations')).map((d, i) => {
    if (typeof d !== 'string')
      throw new AppError(
        'FIELD_TYPE',
        { field: `${at('deprivations')}[${i}]`, expected: 'chuỗi ký tự / text' },
        { field: `${at('deprivations')}[${i}]` },
      );
    return d;
  });
  const members = objectsOf(p.members, at('members')).map((m, i): MemberProfile => {
    const f = (k: string) => `${at('members')}[${i}].${k}`;
    const age = m.age;
    if (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > 130)
      throw new AppError('FIELD_TYPE', { field: f('age'), expected: '0…130' }, { field: f('age') });
    const employment = m.employment === undefined || m.employment === null ? null : m.employment;
    if (employment !== null && typeof employment !== 'string')
      throw new AppError(
        'FIELD_TYPE',
        { field: f('employment'), expected: 'chuỗi ký tự / text' },
        { field: f('employment') },
      );
    const member: MemberProfile = {
      age,
      // Working age depends on sex and birth date under the labour code: the caller says it.
      workingAge: required(flag(m, 'workingAge', f('workingAge')), f('workingAge')),
      employment,
      disability:
        m.disability === undefined ? 'none' : oneOf(m.disability, DISABILITY_LEVELS, f('disability')),
    };
    for (const k of ['vocationalTraining', 'pregnantOrBreastfeeding', 'stunted', 'underweight'] as const) {
      const v = flag(m, k, f(k));
      if (v !== undefined) member[k] = v;
    }
    return member;
  });
  const profile: HouseholdProfile = {
    householdKey: p.householdKey === undefined ? '' : String(p.householdKey).slice(0, 60),
    status: oneOf(p.status, STATUSES, at('status')),
    deprivations,
    members,
  };
  if (p.traits !== undefined && p.traits !== null) {
    const t = objectOf(p.traits, at('traits'));
    profile.traits = {
      farmland: flag(t, 'farmland', at('traits.farmland')) ?? false,
      livestockCapacity: flag(t, 'livestockCapacity', at('traits.livestockCapacity')) ?? false,
    };
  }
  if (p.area !== undefined && p.area !== null) {
    const a = objectOf(p.area, at('area'));
    profile.area = {
      poorDistrict: flag(a, 'poorDistrict', at('area.poorDistrict')) ?? false,
      coastalCommune: flag(a, 'coastalCommune', at('area.coastalCommune')) ?? false,
    };
  }
  return profile;
}

/** The named facts the rules read, derived from a profile. */
export function factsOf(p: HouseholdProfile): Facts {
  const able = p.members.filter((m) => m.workingAge && !SEVERE.has(m.disability));
  const unstable = able.filter((m) => m.employment !== null && UNSTABLE_WORK.has(m.employment));
  const children = p.members.filter((m) => m.age < 16);
  const farmland = p.traits?.farmland === true;
  const livestock = p.traits?.livestockCapacity === true;
  return {
    status: p.status,
    membersWithLabourCapacity: able.length,
    workingAgeWithoutStableWork: unstable.length,
    workingAgeWithoutTraining: unstable.filter((m) => m.vocationalTraining !== true).length,
    childrenUnder16: children.length,
    pregnantOrBreastfeeding: p.members.filter((m) => m.pregnantOrBreastfeeding === true).length,
    nutritionDeprived:
      p.deprivations.includes('nutrition') ||
      children.some((c) => c.stunted === true || c.underweight === true),
    informationDeprived: INFORMATION.some((k) => p.deprivations.includes(k)),
    housingDeprived: HOUSING.some((k) => p.deprivations.includes(k)),
    hasFarmland: farmland,
    livestockCapacity: livestock,
    hasProductionCapacity: farmland || livestock,
    inPoorDistrict: p.area?.poorDistrict === true,
    inCoastalCommune: p.area?.coastalCommune === true,
  };
}

export function conditionHolds(c: Condition, facts: Facts): boolean {
  const actual = facts[c.fact];
  switch (c.op) {
    case 'eq':
      return actual === c.value;
    case 'ne':
      return actual !== c.value;
    case 'gte':
      return typeof actual === 'number' && typeof c.value === 'number' && actual >= c.value;
    case 'lte':
      return typeof actual === 'number' && typeof c.value === 'number' && actual <= c.value;
    case 'in':
      return Array.isArray(c.value) && (c.value as readonly string[]).includes(String(actual));
  }
}

export interface RuleProblem {
  ruleId: string;
  field: string;
  detail: string;
}

/** Checks a rule set against the facts, operators and component codes it may use; every problem is listed. */
export function validateRules(rules: readonly MatchRule[], componentCodes: readonly string[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const known = new Set([...componentCodes, 'social-protection']);
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) problems.push({ ruleId: r.id, field: 'id', detail: 'duplicate rule id' });
    ids.add(r.id);
    for (const t of typeof r.target === 'string' ? [r.target] : r.target) {
      if (!known.has(t)) problems.push({ ruleId: r.id, field: 'target', detail: `unknown component ${t}` });
    }
    r.when.forEach((c, i) => {
      if (!(FACTS as readonly string[]).includes(c.fact))
        problems.push({ ruleId: r.id, field: `when[${i}].fact`, detail: `unknown fact ${c.fact}` });
      if (!(OPERATORS as readonly string[]).includes(c.op))
        problems.push({ ruleId: r.id, field: `when[${i}].op`, detail: `unknown operator ${c.op}` });
      if (c.op === 'in' && !Array.isArray(c.value))
        problems.push({ ruleId: r.id, field: `when[${i}].value`, detail: '"in" needs a list' });
    });
    if (r.effect === 'suggest' && typeof r.target !== 'string')
      problems.push({ ruleId: r.id, field: 'target', detail: 'a suggestion names one component' });
  }
  return problems;
}

export interface Reason {
  ruleId: string;
  vi: string;
  en: string;
}

export interface Suggestion {
  code: string;
  /** The project a sub-project belongs to (itself for a project; null outside the program). */
  projectCode: string | null;
  name: string;
  nameEn: string;
  score: number;
  reasons: Reason[];
}

export interface MatchResult {
  householdKey: string;
  facts: Facts;
  /** Components the household may benefit from, in catalogue order. */
  eligible: string[];
  /** Ranked, best first. */
  suggestions: Suggestion[];
  excluded: { code: string; reasons: Reason[] }[];
}

const SOCIAL_PROTECTION = {
  name: 'Trợ giúp xã hội (ngoài Chương trình)',
  nameEn: 'Social protection (outside the program)',
};

function fillReason(text: string, facts: Facts): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in facts ? String(facts[key as FactName]) : whole,
  );
}

/** Whether the catalogue says the household belongs to a component's beneficiaries at all. */
function componentOpen(c: MatchComponent, facts: Facts): boolean {
  if (c.needsPoorDistrict && c.needsCoastalCommune)
    return facts.inPoorDistrict === true || facts.inCoastalCommune === true;
  if (c.needsPoorDistrict) return facts.inPoorDistrict === true;
  if (c.needsCoastalCommune) return facts.inCoastalCommune === true;
  return true;
}

export function matchHousehold(
  profile: HouseholdProfile,
  components: readonly MatchComponent[],
  rules: readonly MatchRule[],
): MatchResult {
  const facts = factsOf(profile);
  const byCode = new Map(components.map((c) => [c.code, c]));
  const fired = rules.filter((r) => r.when.every((c) => conditionHolds(c, facts)));
  const reasonOf = (r: MatchRule): Reason => ({
    ruleId: r.id,
    vi: fillReason(r.reason.vi, facts),
    en: fillReason(r.reason.en, facts),
  });

  const excluded = new Map<string, Reason[]>();
  for (const r of fired.filter((x) => x.effect === 'exclude')) {
    for (const code of typeof r.target === 'string' ? [r.target] : r.target)
      excluded.set(code, [...(excluded.get(code) ?? []), reasonOf(r)]);
  }
  const targeted = facts.status !== 'other';
  const eligible = components
    .filter((c) => targeted && componentOpen(c, facts) && !excluded.has(c.code))
    .map((c) => c.code);
  const eligibleSet = new Set(eligible);

  const merged = new Map<string, Suggestion>();
  for (const r of fired.filter((x) => x.effect === 'suggest')) {
    const code = r.target as string;
    const component = byCode.get(code);
    if (code !== 'social-protection' && (!component || !eligibleSet.has(code))) continue;
    const prev = merged.get(code);
    if (prev) {
      prev.score = Math.max(prev.score, r.score);
      prev.reasons.push(reasonOf(r));
    } else {
      merged.set(code, {
        code,
        projectCode: component ? (component.parentCode ?? component.code) : null,
        name: component?.name ?? SOCIAL_PROTECTION.name,
        nameEn: component?.nameEn ?? SOCIAL_PROTECTION.nameEn,
        score: r.score,
        reasons: [reasonOf(r)],
      });
    }
  }
  // Several reasons for the same component rank it above a single one of equal score.
  const suggestions = [...merged.values()].sort(
    (a, b) => b.score + b.reasons.length - (a.score + a.reasons.length) || a.code.localeCompare(b.code),
  );
  return {
    householdKey: profile.householdKey,
    facts,
    eligible,
    suggestions,
    excluded: [...excluded.entries()]
      .filter(([code]) => byCode.has(code))
      .map(([code, reasons]) => ({ code, reasons })),
  };
}
