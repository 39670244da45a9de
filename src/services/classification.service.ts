// Classifying survey records (contracts/survey-record.md): validation, the standard in force on the
// survey date (or a forced one), the unit holding the code on that date and its area, then the
// pure engine. Standards and units are read from the database once and kept in memory, so the CLI
// classifies a file of millions of lines at close to the speed of JSON.parse. Reads only: nothing
// here writes to the database.
import { AppError, messageOf, type ErrorCode } from '../errors.js';
import {
  classifyHousehold,
  compileStandard,
  explainHousehold,
  explainIncome,
  type CompiledStandard,
  type IndicatorExplanation,
} from '../domain/classification/classify.js';
import type { Classification, IndicatorKey, Standard, Text } from '../domain/standards/standard.js';
import { CLASSIFICATIONS } from '../domain/standards/standard.js';
import { householdIdOf, parseSurveyRecord, type SurveyFieldError } from '../domain/survey/parse.js';
import type { Area, SurveyRecord } from '../domain/survey/record.js';
import { findUnitVersions, type UnitRecord } from '../db/repositories/units.repository.js';
import { loadStandards } from './standards.service.js';
import type { Deps } from './deps.js';

/** One classified record: the keys of the contract, then additions (provisional, explanations). */
export interface ClassifyResult {
  householdId: string;
  standard: string;
  provisional: boolean;
  unitCode: string;
  unitName: string;
  area: Area;
  incomeLine: number;
  classification: Classification;
  deprivations: IndicatorKey[];
  deprivationCount: number;
  explanations?: { income: Text; indicators: IndicatorExplanation[] };
}

export interface ClassifyErrorBody {
  code: ErrorCode;
  field: string | null;
  message: string;
  messageEn: string;
}

/** A record that cannot be classified: the first error, and all of them when there are several. */
export interface ClassifyFailure {
  householdId: string | null;
  error: ClassifyErrorBody;
  errors?: ClassifyErrorBody[];
}

export type ClassifyOutput = ClassifyResult | ClassifyFailure;

export function isFailure(o: ClassifyOutput): o is ClassifyFailure {
  return 'error' in o;
}

export interface ClassifierOptions {
  /** Force this standard for every record (what-if); otherwise the one in force on surveyDate. */
  standard?: string;
  /** Include one explanation per indicator (default true; the CLI turns it off unless asked). */
  explain?: boolean;
}

export interface Classifier {
  readonly standards: readonly Standard[];
  classifyLine(line: string): Promise<ClassifyOutput>;
  classifyRecord(raw: unknown): Promise<ClassifyOutput>;
  /** Same as classifyRecord, synchronous when the unit is already cached (the CLI's hot path). */
  classifyRecordNow(raw: unknown): ClassifyOutput | Promise<ClassifyOutput>;
  classifyLineNow(line: string): ClassifyOutput | Promise<ClassifyOutput>;
  /** Classifies an already validated record. */
  classifyParsed(record: SurveyRecord): Promise<ClassifyOutput>;
  /** Same as classifyParsed, synchronous when the unit is already cached (the import's hot path). */
  classifyParsedNow(record: SurveyRecord): ClassifyOutput | Promise<ClassifyOutput>;
}

function failure(
  householdId: string | null,
  errors: SurveyFieldError[] | ClassifyErrorBody[],
): ClassifyFailure {
  const bodies = errors.map((e) => ({
    code: e.code,
    field: e.field,
    message: e.message,
    messageEn: e.messageEn,
  }));
  const out: ClassifyFailure = { householdId, error: bodies[0]! };
  if (bodies.length > 1) out.errors = bodies;
  return out;
}

function coded(code: ErrorCode, field: string | null, params: Record<string, string>): ClassifyErrorBody {
  return { code, field, message: messageOf(code, params, 'vi'), messageEn: messageOf(code, params, 'en') };
}

interface Prepared {
  standard: Standard;
  compiled: CompiledStandard;
}

/**
 * Builds a classifier over the standards stored in the database. Throws STANDARD_UNKNOWN when
 * `opts.standard` names no standard.
 */
export async function createClassifier(deps: Deps, opts: ClassifierOptions = {}): Promise<Classifier> {
  const standards = await loadStandards(deps);
  const prepared = new Map<string, Prepared>(
    standards.map((s) => [s.code, { standard: s, compiled: compileStandard(s) }]),
  );
  const forced = opts.standard === undefined ? undefined : prepared.get(opts.standard);
  if (opts.standard !== undefined && !forced) {
    throw new AppError('STANDARD_UNKNOWN', { code: opts.standard }, { field: 'standard' });
  }
  const explain = opts.explain ?? true;
  const national = standards.filter((s) => s.scope === 'national').map((s) => prepared.get(s.code)!);
  const local = standards.filter((s) => s.scope === 'local').map((s) => prepared.get(s.code)!);

  // Every version of a unit code, read once: a file of one province touches a few hundred codes.
  const units = new Map<string, UnitRecord[]>();
  const unitOn = (versions: UnitRecord[], date: string): UnitRecord | undefined => {
    for (const u of versions) {
      if ((u.valid_from === null || u.valid_from <= date) && (u.valid_to === null || u.valid_to >= date))
        return u;
    }
    return undefined;
  };

  function nationalOn(date: string): Prepared | undefined {
    for (const p of national) if (p.standard.validFrom <= date && date <= p.standard.validTo) return p;
    return undefined;
  }

  function standardFor(record: SurveyRecord, unit: UnitRecord): Prepared | undefined {
    if (forced) return forced;
    const date = record.surveyDate;
    for (const p of local) {
      const s = p.standard;
      if (s.provinceCode === unit.province_code && s.validFrom <= date && date <= s.validTo) return p;
    }
    return nationalOn(date);
  }

  function finish(record: SurveyRecord, versions: UnitRecord[]): ClassifyOutput {
    const date = record.surveyDate;
    if (!forced && !nationalOn(date)) {
      return failure(record.householdId, [coded('STANDARD_NOT_IN_FORCE', 'surveyDate', { date })]);
    }
    const unit = unitOn(versions, date);
    if (!unit) {
      return failure(record.householdId, [
        coded('UNIT_NOT_FOUND', 'unitCode', { code: record.unitCode, date }),
      ]);
    }
    const area = record.area ?? (unit.area === 'rural' || unit.area === 'urban' ? unit.area : null);
    if (!area)
      return failure(record.householdId, [
        coded('AREA_UNKNOWN', 'area', { code: unit.code, type: unit.type }),
      ]);
    const p = standardFor(record, unit);
    if (!p) return failure(record.householdId, [coded('STANDARD_NOT_IN_FORCE', 'surveyDate', { date })]);
    const r = classifyHousehold(record, p.compiled, area);
    const out: ClassifyResult = {
      householdId: record.householdId,
      standard: r.standard,
      provisional: r.provisional,
      unitCode: record.unitCode,
      unitName: unit.name,
      area,
      incomeLine: r.incomeLine,
      classification: r.classification,
      deprivations: r.deprivations,
      deprivationCount: r.deprivationCount,
    };
    if (explain) {
      out.explanations = {
        income: explainIncome(r, record.incomePerCapitaMonthly),
        indicators: explainHousehold(record, p.compiled),
      };
    }
    return out;
  }

  function classifyParsedNow(record: SurveyRecord): ClassifyOutput | Promise<ClassifyOutput> {
    const versions = units.get(record.unitCode);
    if (versions) return finish(record, versions);
    return findUnitVersions(deps.db.kysely, record.unitCode).then((found) => {
      units.set(record.unitCode, found);
      return finish(record, found);
    });
  }

  function classifyRecordNow(raw: unknown): ClassifyOutput | Promise<ClassifyOutput> {
    const parsed = parseSurveyRecord(raw);
    if (!parsed.record) return failure(householdIdOf(raw), parsed.errors);
    return classifyParsedNow(parsed.record);
  }

  function classifyLineNow(line: string): ClassifyOutput | Promise<ClassifyOutput> {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      return failure(null, [coded('JSON_MALFORMED', null, { detail })]);
    }
    return classifyRecordNow(raw);
  }

  return {
    standards,
    classifyLineNow,
    classifyRecordNow,
    classifyLine: async (line) => classifyLineNow(line),
    classifyRecord: async (raw) => classifyRecordNow(raw),
    classifyParsed: async (record) => classifyParsedNow(record),
    classifyParsedNow,
  };
}

// ── what-if ──────────────────────────────────────────────────────────────────

export type TransitionMatrix = Record<Classification, Record<Classification, number>>;

export interface WhatIfReport {
  from: string;
  to: string;
  read: number;
  classified: number;
  rejected: number;
  /** Rejected records per error code (under either standard). */
  errors: Record<string, number>;
  /** Households per class under each standard. */
  totals: { from: Record<Classification, number>; to: Record<Classification, number> };
  /** matrix[fromClass][toClass] = households. */
  matrix: TransitionMatrix;
  units: { unitCode: string; unitName: string; classified: number; matrix: TransitionMatrix }[];
}

const emptyCounts = (): Record<Classification, number> => ({ POOR: 0, NEAR_POOR: 0, AVERAGE: 0, NONE: 0 });
const emptyMatrix = (): TransitionMatrix => ({
  POOR: emptyCounts(),
  NEAR_POOR: emptyCounts(),
  AVERAGE: emptyCounts(),
  NONE: emptyCounts(),
});

/**
 * Classifies every record under two standards and counts the transitions (how many POOR stay POOR,
 * become NEAR_POOR…), overall and per unit. Writes nothing. `records` are raw survey records (the
 * registry's) or JSONL lines as strings (a file).
 */
export async function whatIf(
  deps: Deps,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  fromCode: string,
  toCode: string,
): Promise<WhatIfReport> {
  const before = await createClassifier(deps, { standard: fromCode, explain: false });
  const after = await createClassifier(deps, { standard: toCode, explain: false });
  const report: WhatIfReport = {
    from: fromCode,
    to: toCode,
    read: 0,
    classified: 0,
    rejected: 0,
    errors: {},
    totals: { from: emptyCounts(), to: emptyCounts() },
    matrix: emptyMatrix(),
    units: [],
  };
  const perUnit = new Map<string, WhatIfReport['units'][number]>();
  for await (const raw of records) {
    report.read += 1;
    // A string is one JSONL line (parsed here, so a malformed line counts as JSON_MALFORMED).
    let value: unknown = raw;
    let malformed = false;
    if (typeof raw === 'string') {
      try {
        value = JSON.parse(raw);
      } catch {
        malformed = true;
      }
    }
    const a = malformed ? await before.classifyLineNow(raw as string) : await before.classifyRecordNow(value);
    const b = isFailure(a) ? a : await after.classifyRecordNow(value);
    if (isFailure(a) || isFailure(b)) {
      const code = (isFailure(a) ? a : (b as ClassifyFailure)).error.code;
      report.rejected += 1;
      report.errors[code] = (report.errors[code] ?? 0) + 1;
      continue;
    }
    report.classified += 1;
    report.totals.from[a.classification] += 1;
    report.totals.to[b.classification] += 1;
    report.matrix[a.classification][b.classification] += 1;
    let unit = perUnit.get(a.unitCode);
    if (!unit) {
      unit = { unitCode: a.unitCode, unitName: a.unitName, classified: 0, matrix: emptyMatrix() };
      perUnit.set(a.unitCode, unit);
    }
    unit.classified += 1;
    unit.matrix[a.classification][b.classification] += 1;
  }
  report.units = [...perUnit.values()].sort((x, y) => x.unitCode.localeCompare(y.unitCode));
  return report;
}

/** The classes in report order (for printing a matrix). */
export const CLASS_ORDER = CLASSIFICATIONS;

/**
 * One output line of `giamngheo classify` (without the newline): the same JSON as
 * `JSON.stringify(out)`, written directly for the common case (a result without explanations),
 * where every value but the household id and unit name is a code, a number or a boolean.
 */
export function toJsonLine(out: ClassifyOutput): string {
  if (isFailure(out) || out.explanations !== undefined) return JSON.stringify(out);
  const d = out.deprivations;
  let deprivations = '';
  for (let i = 0; i < d.length; i += 1) deprivations += i === 0 ? `"${d[i]!}"` : `,"${d[i]!}"`;
  return (
    `{"householdId":${JSON.stringify(out.householdId)},"standard":${JSON.stringify(out.standard)},` +
    `"provisional":${out.provisional},"unitCode":${JSON.stringify(out.unitCode)},` +
    `"unitName":${JSON.stringify(out.unitName)},"area":"${out.area}","incomeLine":${out.incomeLine},` +
    `"classification":"${out.classification}","deprivations":[${deprivations}],"deprivationCount":${out.deprivationCount}}`
  );
}
