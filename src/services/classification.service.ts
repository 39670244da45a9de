// Classifying survey records (contracts/survey-record.md): validation, the standard in force on the
// survey date (or a forced one), the unit holding the code on that date and its area, then the
// pure engine. Standards and units are read from the database once and kept in memory, so the CLI
// classifies a file of millions of lines at close to the speed of JSON.parse. Reads only: nothing
// here writes to the database.
import { AppError, messageOf, type ErrorCode } from '../errors.js';
import {
  classOf,
  classifyHousehold,
  compileStandard,
  explainHousehold,
  explainIncome,
  type CompiledStandard,
  type IndicatorExplanation,
} from '../domain/classification/classify.js';
import type { Classification, IndicatorKey, Standard, Text } from '../domain/standards/standard.js';
import { CLASSIFICATIONS } from '../domain/standards/standard.js';
import { isoDayNumber } from '../domain/dates.js';
import { householdIdOf, parseSurveyRecord, type SurveyFieldError } from '../domain/survey/parse.js';
import { checkSurveyRecord } from '../domain/survey/compiled-check.js';
import { scanSurveyBytes } from '../domain/survey/compiled-scan.js';
import { compileMask, type MaskOf } from '../domain/classification/compiled-mask.js';
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
  /**
   * The command's hot path: for a record that is classified, its output line
   * (`toJsonLine(classifyLineNow(line))`, the same bytes) written from fragments kept per unit,
   * standard and class, without the result object; for one that is not, its failure (the caller
   * counts it and writes it with toJsonLine).
   */
  classifyLineToJsonNow(line: string): string | ClassifyFailure | Promise<string | ClassifyFailure>;
  /**
   * classifyLineToJsonNow of the line in `bytes` from `start` to `end` (UTF-8, without its newline),
   * the same answer: the line is read from its bytes (scanSurveyBytes) when it can be, else
   * decoded and parsed. A buffer is not changed while its lines are classified.
   */
  classifyBytesToJsonNow(
    bytes: Buffer,
    start: number,
    end: number,
  ): string | ClassifyFailure | Promise<string | ClassifyFailure>;
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

/** The failure of a line JSON.parse refuses, in its words. */
const malformed = (err: unknown): ClassifyFailure =>
  failure(null, [
    coded('JSON_MALFORMED', null, { detail: err instanceof Error ? err.message : String(err) }),
  ]);

interface Prepared {
  standard: Standard;
  /** validFrom and validTo as day numbers (see isoDayNumber). */
  from: number;
  to: number;
  compiled: CompiledStandard;
  /** The deprivation mask compiled from the standard; undefined when it has too many indicators. */
  mask: MaskOf | undefined;
  /** Position in the classifier's list: indexes the output fragments kept per unit. */
  index: number;
  /**
   * The end of an output line per deprivation mask (`","deprivations":[…],"deprivationCount":N}`),
   * made on first use. Empty when the standard has too many indicators for a mask.
   */
  tails: string[];
}

/** A unit version with its validity as day numbers and the output fragments made for it. */
interface Version {
  unit: UnitRecord;
  from: number;
  to: number;
  /** The unit's area when it is rural or urban (null: the record must give it), its province. */
  area: Area | null;
  provinceCode: string;
  /** Per standard and area (slot index * 2 + urban), the line's middle per class (headsOf). */
  heads: string[][];
}

const versionOf = (unit: UnitRecord): Version => ({
  unit,
  from: unit.valid_from === null ? 0 : isoDayNumber(unit.valid_from),
  to: unit.valid_to === null ? 99_999_999 : isoDayNumber(unit.valid_to),
  area: unit.area === 'rural' || unit.area === 'urban' ? unit.area : null,
  provinceCode: unit.province_code,
  heads: [],
});

/**
 * A string as JSON (`JSON.stringify(s)`, the same bytes): quoted as it is when it has nothing to
 * escape (no control character, quote, backslash or surrogate), which a household id has.
 */
function jsonString(s: string): string {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/**
 * Builds a classifier over the standards stored in the database. Throws STANDARD_UNKNOWN when
 * `opts.standard` names no standard.
 */
export async function createClassifier(deps: Deps, opts: ClassifierOptions = {}): Promise<Classifier> {
  const standards = await loadStandards(deps);
  const prepared = new Map<string, Prepared>(
    standards.map((s, index) => [
      s.code,
      {
        standard: s,
        from: isoDayNumber(s.validFrom),
        to: isoDayNumber(s.validTo),
        compiled: compileStandard(s),
        mask: compileMask(s),
        index,
        tails: [],
      },
    ]),
  );
  const forced = opts.standard === undefined ? undefined : prepared.get(opts.standard);
  if (opts.standard !== undefined && !forced) {
    throw new AppError('STANDARD_UNKNOWN', { code: opts.standard }, { field: 'standard' });
  }
  const explain = opts.explain ?? true;
  const national = standards.filter((s) => s.scope === 'national').map((s) => prepared.get(s.code)!);
  const local = standards.filter((s) => s.scope === 'local').map((s) => prepared.get(s.code)!);

  // Every version of a unit code, read once: a file of one province touches a few hundred codes.
  // Kept by the code as a number too (a valid record's code is five digits): no string hashed.
  const units = new Map<string, Version[]>();
  const byCode: (Version[] | undefined)[] = [];
  const remember = (code: string, found: UnitRecord[]): Version[] => {
    const versions = found.map(versionOf);
    units.set(code, versions);
    byCode[Number(code)] = versions;
    return versions;
  };
  const codeNumber = (c: string): number =>
    (((c.charCodeAt(0) * 10 + c.charCodeAt(1)) * 10 + c.charCodeAt(2)) * 10 + c.charCodeAt(3)) * 10 +
    c.charCodeAt(4) -
    533_328;
  const unitOn = (versions: Version[], day: number): Version | undefined => {
    for (let i = 0; i < versions.length; i += 1) {
      const v = versions[i]!;
      if (v.from <= day && day <= v.to) return v;
    }
    return undefined;
  };

  function nationalOn(day: number): Prepared | undefined {
    for (let i = 0; i < national.length; i += 1) {
      const p = national[i]!;
      if (p.from <= day && day <= p.to) return p;
    }
    return undefined;
  }

  /** The standard for a unit on a day: forced, else a local one in force, else the national one. */
  function standardFor(version: Version, day: number, nationalStandard: Prepared | undefined) {
    if (forced) return forced;
    for (let i = 0; i < local.length; i += 1) {
      const p = local[i]!;
      if (p.standard.provinceCode === version.provinceCode && p.from <= day && day <= p.to) return p;
    }
    return nationalStandard;
  }

  // The failure of the record `recordOf` last refused (read right after it returns undefined).
  let refused: ClassifyFailure | undefined;

  /**
   * A raw record checked: itself when the compiled check accepts it, else what the parser makes
   * of it — the record, or undefined with `refused` set to the failure in the parser's words.
   */
  function recordOf(raw: unknown): SurveyRecord | undefined {
    if (checkSurveyRecord(raw)) return raw as SurveyRecord;
    const parsed = parseSurveyRecord(raw);
    if (parsed.record) return parsed.record;
    refused = failure(householdIdOf(raw), parsed.errors);
    return undefined;
  }

  // What `resolve` found for the record it last accepted (read right after it returns; kept here
  // rather than in a fresh object per record).
  let resolvedUnit: Version | undefined;
  let resolvedArea: Area = 'rural';
  let resolvedStandard: Prepared | undefined;

  /** The failure of a record that has no standard, unit or area on its date; undefined when it has. */
  function resolve(record: SurveyRecord, versions: Version[]): ClassifyFailure | undefined {
    const date = record.surveyDate;
    const day = isoDayNumber(date);
    const nationalStandard = forced ? undefined : nationalOn(day);
    if (!forced && !nationalStandard) {
      return failure(record.householdId, [coded('STANDARD_NOT_IN_FORCE', 'surveyDate', { date })]);
    }
    const version = unitOn(versions, day);
    if (!version) {
      return failure(record.householdId, [
        coded('UNIT_NOT_FOUND', 'unitCode', { code: record.unitCode, date }),
      ]);
    }
    const area = record.area ?? version.area;
    if (!area)
      return failure(record.householdId, [
        coded('AREA_UNKNOWN', 'area', { code: version.unit.code, type: version.unit.type }),
      ]);
    const p = standardFor(version, day, nationalStandard);
    if (!p) return failure(record.householdId, [coded('STANDARD_NOT_IN_FORCE', 'surveyDate', { date })]);
    resolvedUnit = version;
    resolvedArea = area;
    resolvedStandard = p;
    return undefined;
  }

  function finish(record: SurveyRecord, versions: Version[]): ClassifyOutput {
    const failed = resolve(record, versions);
    if (failed) return failed;
    const unit = resolvedUnit!.unit;
    const area = resolvedArea;
    const p = resolvedStandard!;
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

  // Output fragments per unit version (Version.heads): for each standard and area, the middle of
  // the line up to the class (`,"standard":…,"classification":"POOR`), one per class, made on
  // first use.
  const CLASS_INDEX = Object.fromEntries(CLASSIFICATIONS.map((c, i) => [c, i])) as Record<
    Classification,
    number
  >;

  function headsOf(record: SurveyRecord, version: Version, p: Prepared, area: Area): string[] {
    const unit = version.unit;
    const slot = p.index * 2 + (area === 'urban' ? 1 : 0);
    let list = version.heads[slot];
    if (!list) {
      const s = p.standard;
      const head =
        `,"standard":${JSON.stringify(s.code)},"provisional":${s.provisional},` +
        `"unitCode":${JSON.stringify(record.unitCode)},"unitName":${JSON.stringify(unit.name)},` +
        `"area":"${area}","incomeLine":${s.incomeLines[area]},"classification":"`;
      list = CLASSIFICATIONS.map((c) => `${head}${c}`);
      version.heads[slot] = list;
    }
    return list;
  }

  function tailOf(p: Prepared, mask: number): string {
    let tail = p.tails[mask];
    if (tail === undefined) {
      const keys = p.compiled.keys.filter((_, i) => (mask & (1 << i)) !== 0);
      tail = `","deprivations":${JSON.stringify(keys)},"deprivationCount":${keys.length}}`;
      p.tails[mask] = tail;
    }
    return tail;
  }

  /** finish, written as the output line (see classifyLineToJsonNow). */
  function finishLine(record: SurveyRecord, versions: Version[]): string | ClassifyFailure {
    const failed = resolve(record, versions);
    if (failed) return failed;
    const std = resolvedStandard!;
    if (explain || std.mask === undefined) {
      const out = finish(record, versions);
      return isFailure(out) ? out : toJsonLine(out);
    }
    const mask = std.mask(record);
    let count = 0;
    for (let m = mask; m !== 0; m &= m - 1) count += 1;
    const cls = classOf(std.standard, resolvedArea, record.incomePerCapitaMonthly, count);
    const head = headsOf(record, resolvedUnit!, std, resolvedArea)[CLASS_INDEX[cls]]!;
    return `{"householdId":${jsonString(record.householdId)}${head}${tailOf(std, mask)}`;
  }

  function classifyLineToJsonNow(line: string): string | ClassifyFailure | Promise<string | ClassifyFailure> {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      return malformed(err);
    }
    const record = recordOf(raw);
    if (record === undefined) return refused!;
    const versions = byCode[codeNumber(record.unitCode)];
    if (versions) return finishLine(record, versions);
    return findUnitVersions(deps.db.kysely, record.unitCode).then((found) =>
      finishLine(record, remember(record.unitCode, found)),
    );
  }

  function classifyBytesToJsonNow(
    bytes: Buffer,
    start: number,
    end: number,
  ): string | ClassifyFailure | Promise<string | ClassifyFailure> {
    const raw = scanSurveyBytes(bytes, start, end);
    // A record read from the bytes and valid, of a unit already read: its line at once. Anything
    // else (a line the reader leaves to JSON.parse, an invalid record and its errors, a unit not
    // yet read) takes the path of a line of text.
    if (raw !== undefined && checkSurveyRecord(raw)) {
      const record = raw as unknown as SurveyRecord;
      const versions = byCode[codeNumber(record.unitCode)];
      if (versions) return finishLine(record, versions);
    }
    return classifyLineToJsonNow(bytes.toString('utf8', start, end));
  }

  function classifyParsedNow(record: SurveyRecord): ClassifyOutput | Promise<ClassifyOutput> {
    const versions = units.get(record.unitCode);
    if (versions) return finish(record, versions);
    return findUnitVersions(deps.db.kysely, record.unitCode).then((found) =>
      finish(record, remember(record.unitCode, found)),
    );
  }

  function classifyRecordNow(raw: unknown): ClassifyOutput | Promise<ClassifyOutput> {
    const record = recordOf(raw);
    return record === undefined ? refused! : classifyParsedNow(record);
  }

  function classifyLineNow(line: string): ClassifyOutput | Promise<ClassifyOutput> {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      return malformed(err);
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
    classifyLineToJsonNow,
    classifyBytesToJsonNow,
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
