// The provisional class at the door (issue 15): the server's rules for one survey, run in the
// browser on what the assignment package carries. The same validator (parseSurveyRecord), the
// same engine (classifyHousehold, explainHousehold), and the same choice of standard as the
// server's save (classification.service.ts: the province's local standard in force on the survey
// date, else the national one; review-standard.ts: then the review period's standard unless the
// one used is the period's or a local one based on it). Pure: no I/O, no clock.
import {
  classifyHousehold,
  compileStandard,
  explainHousehold,
  explainIncome,
  type CompiledStandard,
  type IndicatorExplanation,
} from '../classification/classify.js';
import { messageOf, type ErrorCode, type ErrorParams } from '../../errors.js';
import { needsPeriodStandard } from '../standards/period.js';
import type { Classification, IndicatorKey, Standard, Text } from '../standards/standard.js';
import { parseSurveyRecord, type SurveyFieldError } from '../survey/parse.js';
import type { Area, SurveyRecord } from '../survey/record.js';

/** A version of the assignment's commune (or one of its predecessors) as the package carries it. */
export interface PackageUnit {
  code: string;
  name: string;
  provinceCode: string;
  area: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface OfflineRules {
  standards: readonly Standard[];
  /** The code of the standard the review period uses. */
  periodStandard: string;
  units: readonly PackageUnit[];
}

export interface OfflineClass {
  classification: Classification;
  standard: string;
  area: Area;
  incomeLine: number;
  deprivations: IndicatorKey[];
  explanation: { income: Text; indicators: IndicatorExplanation[] };
}

export type OfflineOutcome =
  { ok: true; record: SurveyRecord; result: OfflineClass } | { ok: false; errors: SurveyFieldError[] };

/** Standards compiled once per set of rules (a package), reused for every household. */
export interface OfflineClassifier {
  classify(raw: unknown): OfflineOutcome;
  /** The engine alone on a validated record (what the bench times per household). */
  classifyRecord(record: SurveyRecord): OfflineOutcome;
}

function problem(code: ErrorCode, field: string, params: ErrorParams): SurveyFieldError {
  return { code, field, message: messageOf(code, params, 'vi'), messageEn: messageOf(code, params, 'en') };
}

export function offlineClassifier(rules: OfflineRules): OfflineClassifier {
  const compiled = new Map<string, CompiledStandard>();
  const compiledOf = (s: Standard) => {
    let c = compiled.get(s.code);
    if (!c) compiled.set(s.code, (c = compileStandard(s)));
    return c;
  };
  const inForce = (s: Standard, date: string) => s.validFrom <= date && date <= s.validTo;

  function classifyRecord(record: SurveyRecord): OfflineOutcome {
    const date = record.surveyDate;
    const unit = rules.units.find(
      (u) =>
        u.code === record.unitCode &&
        (u.validFrom === null || u.validFrom <= date) &&
        (u.validTo === null || u.validTo >= date),
    );
    if (!unit)
      return {
        ok: false,
        errors: [problem('UNIT_NOT_FOUND', 'unitCode', { code: record.unitCode, date })],
      };
    const area = record.area ?? (unit.area === 'rural' || unit.area === 'urban' ? unit.area : null);
    if (!area)
      return {
        ok: false,
        errors: [problem('AREA_UNKNOWN', 'area', { code: unit.code, type: unit.name })],
      };
    const national = rules.standards.find((s) => s.scope === 'national' && inForce(s, date));
    const local = rules.standards.find(
      (s) => s.scope === 'local' && s.provinceCode === unit.provinceCode && inForce(s, date),
    );
    let standard = local ?? national;
    if (!national || !standard)
      return {
        ok: false,
        errors: [problem('STANDARD_NOT_IN_FORCE', 'surveyDate', { date })],
      };
    if (needsPeriodStandard(rules.standards, standard.code, rules.periodStandard)) {
      const forced = rules.standards.find((s) => s.code === rules.periodStandard);
      if (forced) standard = forced;
    }
    const c = compiledOf(standard);
    const r = classifyHousehold(record, c, area);
    return {
      ok: true,
      record,
      result: {
        classification: r.classification,
        standard: r.standard,
        area,
        incomeLine: r.incomeLine,
        deprivations: r.deprivations,
        explanation: {
          income: explainIncome(r, record.incomePerCapitaMonthly),
          indicators: explainHousehold(record, c),
        },
      },
    };
  }

  return {
    classifyRecord,
    classify(raw) {
      const parsed = parseSurveyRecord(raw);
      if (!parsed.record) return { ok: false, errors: parsed.errors };
      return classifyRecord(parsed.record);
    },
  };
}
