// Import of survey records (contracts/cli.md `import survey`): JSONL, or the two tables as CSV or
// XLSX. The steps: read the records; validate and classify each one by the engine
// (`recordPreparer`: parseSurveyRecord, unit, village, scope, classifier); write it as a
// household, its members and its result of the period, with the change history and the
// aggregate counts, through the registry's write path (src/db/registry-write, which picks the
// writer for the database), all in ONE transaction; report. `atomic` (default): one invalid
// record rolls everything back. `valid-rows`: valid records are written, invalid ones listed.
// The CLI and the web upload call this same service.
import { householdGroupsOf } from '../../domain/registry/groups.js';
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { AppError, messageOf, type ErrorCode } from '../../errors.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db } from '../../db/database.js';
import { parseSurveyRecord, householdIdOf } from '../../domain/survey/parse.js';
import { checkSurveyRecord } from '../../domain/survey/compiled-check.js';
import { linePieces } from '../classification/jsonl-lines.js';
import { scanSurveyBytes } from '../../domain/survey/compiled-scan.js';
import type { SurveyRecord } from '../../domain/survey/record.js';
import { isWorkingAge } from '../../domain/classification/working-age.js';
import { deprivedFacts } from '../../domain/classification/classify.js';
import { factsJson, type IndicatorFacts } from '../../domain/classification/explain.js';
import { foldText } from '../../domain/registry/fold.js';
import { encodeAnswers } from '../../domain/survey/compact.js';
import { hasNoLabourCapacity } from '../../domain/registry/movement.js';
import { findUnitVersions, type UnitRecord } from '../../db/repositories/units.repository.js';
import { listVillagesOfCommune } from '../../db/repositories/villages.repository.js';
import {
  withImportWriter,
  type HouseholdWrite,
  type ImportOutcome,
  type WriteOptions,
} from '../../db/registry-write/index.js';
import type { AuditEntry } from '../../db/repositories/audit.repository.js';
import { createClassifier, isFailure, type ClassifyResult } from '../classification.service.js';
import { loadStandards } from '../standards.service.js';
import { defaultPeriodOf, needsPeriodStandard, periodStandardCode } from './review-standard.js';
import { communesInScope, requirePermission, requireUnitAccess, scopeOf } from '../access.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import {
  readCsvTables,
  readXlsx,
  writeErrorReport,
  membersFileOf,
  type RejectedRecord,
  type TabularError,
} from './tabular.js';

export type ImportSource =
  | { format: 'jsonl'; path: string }
  | { format: 'csv'; households: string; members: string }
  | { format: 'xlsx'; path: string }
  /** Records already in memory (demo seeder, web form batches). */
  | { format: 'records'; name: string; records: Iterable<unknown> | AsyncIterable<unknown> };

export interface ImportOptions {
  /** Review year the results belong to; default the year of each surveyDate. */
  period?: number;
  status?: 'draft' | 'approved';
  mode?: 'atomic' | 'valid-rows';
  /** Write the rejected records here (XLSX or CSV template with an `_errors` column). */
  errorReport?: string;
  /** Store the explanation of each deprived indicator with the result (default true). */
  explain?: boolean;
  progress?: (done: number) => void;
  /**
   * Where an SQLite file import writes. `inline` (default): this thread, in a transaction on the
   * process's one connection. `worker`: a writer thread with its own connection, so both cores
   * work; for a process that does nothing else meanwhile (the CLI): any other write to the file
   * waits for the import's transaction and fails after the busy timeout. `auto`: the worker for
   * JSONL files of WORKER_FROM_BYTES or more. `portable`: the portable batch path (multi-row
   * INSERTs through Kysely) on any database, to check the other paths against.
   */
  writer?: 'auto' | 'worker' | 'inline' | 'portable';
}

/** A JSONL file this large (about 5,000 households) is imported with a writer thread. */
const WORKER_FROM_BYTES = 8 * 1024 * 1024;

export interface ImportError {
  line: number;
  householdId: string | null;
  code: string;
  field: string;
  message: string;
}

export interface ImportReport {
  read: number;
  imported: number;
  rejected: number;
  errors: ImportError[];
  created: number;
  updated: number;
  errorReport?: string[];
}

/** The format a file name says, or undefined for any other name. */
export function formatOfName(name: string): 'jsonl' | 'csv' | 'xlsx' | undefined {
  const m = /\.(jsonl|ndjson|json|csv|xlsx)$/i.exec(name);
  if (!m) return undefined;
  const ext = m[1]!.toLowerCase();
  return ext === 'csv' ? 'csv' : ext === 'xlsx' ? 'xlsx' : 'jsonl';
}

const ZIP_MAGIC = 0x04034b50;

/**
 * Refuses at once, before any reading, a file whose first bytes contradict its format: an XLSX
 * that is not a zip archive, or a JSONL/CSV file that is binary (a zip archive, NUL bytes).
 * Deeper faults (a corrupt archive, a cut CSV, bad UTF-8 further on) throw IMPORT_FILE_INVALID
 * while the file is read. Both end the import with that coded error (docs/decisions/0016).
 */
export function checkImportFile(source: ImportSource): void {
  if (source.format === 'records') return;
  const paths = source.format === 'csv' ? [source.households, source.members] : [source.path];
  for (const p of paths) {
    let head: Buffer;
    try {
      const fd = fs.openSync(p, 'r');
      try {
        head = Buffer.alloc(64 * 1024);
        head = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      throw new AppError('FILE_NOT_FOUND', { path: p }, { field: 'file' });
    }
    const zip = head.length >= 4 && head.readUInt32LE(0) === ZIP_MAGIC;
    const file = path.basename(p);
    if (source.format === 'xlsx' && !zip)
      throw new AppError(
        'IMPORT_FORMAT_UNKNOWN',
        { file, detail: 'không phải tệp nén XLSX / not a zip (XLSX) archive' },
        { field: 'file' },
      );
    if (source.format !== 'xlsx' && (zip || head.includes(0)))
      throw new AppError(
        'IMPORT_FORMAT_UNKNOWN',
        { file, detail: 'tệp nhị phân, không phải văn bản / a binary file, not text' },
        { field: 'file' },
      );
  }
}

/** Source format from a file name: .jsonl/.json → jsonl, .xlsx → xlsx, .csv → csv (members beside it). */
export function sourceOf(file: string, membersFile?: string): ImportSource {
  const lower = file.toLowerCase();
  if (lower.endsWith('.xlsx')) return { format: 'xlsx', path: file };
  if (lower.endsWith('.csv'))
    return { format: 'csv', households: file, members: membersFile ?? membersFileOf(file) };
  return { format: 'jsonl', path: file };
}

interface Item {
  line: number;
  /**
   * A JSONL line not parsed yet, as bytes `start`–`end` of `bytes` (a line that opens with `{`) or
   * as text: a record is read when its turn comes, so that the records read ahead stay flat bytes
   * or strings rather than object trees kept alive (and copied by every minor garbage collection)
   * until they are prepared.
   */
  bytes?: Buffer;
  start?: number;
  end?: number;
  text?: string;
  raw?: unknown;
  /** The record was read from its bytes and passed the compiled check (it is a SurveyRecord). */
  checked?: boolean;
  /** JSON syntax error of the line. */
  malformed?: string;
  memberLines?: number[];
}

/**
 * Reads an item's line, if it has one, into its record or its syntax error: from its bytes when the
 * line reader is sure of it and the record is valid (compiled-scan.ts, the same record as
 * JSON.parse); otherwise its text through JSON.parse, so a refused record and its errors are
 * JSON.parse's.
 */
function parseItem(item: Item): void {
  if (item.bytes !== undefined) {
    const raw = scanSurveyBytes(item.bytes, item.start!, item.end!);
    if (raw !== undefined && checkSurveyRecord(raw)) {
      item.raw = raw;
      item.checked = true;
    } else item.text = item.bytes.toString('utf8', item.start, item.end);
    item.bytes = undefined;
  }
  if (item.text === undefined) return;
  try {
    item.raw = JSON.parse(item.text);
  } catch (err) {
    item.malformed = err instanceof Error ? err.message : String(err);
  }
  item.text = undefined;
}

/** Bytes read from a JSONL file at a time. */
const READ_BYTES = 1 << 20;

/**
 * A file's bytes, read into two buffers in turn rather than a new one per read: items keep the
 * bytes of their line until they are read (parseItem), and fresh megabyte buffers would stay
 * allocated until the garbage collector noticed them (tens of megabytes at a time). A chunk's
 * buffer is read into again two reads later: its lines must be done with by then (jsonlItems).
 */
async function* readInTurn(path: string): AsyncGenerator<Buffer> {
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
  const file = await fs.promises.open(path, 'r');
  try {
    for (let turn = 0; ; turn ^= 1) {
      const { bytesRead } = await file.read(buffers[turn]!, 0, READ_BYTES, null);
      if (bytesRead === 0) return;
      yield buffers[turn]!.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/**
 * Lines in chunks: one await per chunk, not per record (millions of records). The file is read a
 * chunk at a time when the caller asks for the next one, never faster than records are written,
 * in pieces of whole lines (linePieces, as `classify` reads it). A file that is not UTF-8 text (a
 * binary file, another encoding) throws IMPORT_FILE_INVALID at the line where that shows: the
 * whole import fails, nothing is written (docs/decisions/0016). Lines are kept as the bytes read
 * (a newline byte never falls inside a multi-byte character, so the bytes of a piece are checked
 * as UTF-8 together); a BOM starting the file and a CR before a newline are left out, blank lines
 * skipped. The items of a piece are yielded before the next piece is read; any the caller has not
 * read by then are read first, so the bytes are never read into again under an item.
 */
async function* jsonlItems(path: string): AsyncGenerator<Item[]> {
  let line = 0;
  const notText = (at: number, detail: string) =>
    new AppError('IMPORT_FILE_INVALID', { detail: `dòng / line ${at}: ${detail}` }, { field: 'file' });
  for await (const { bytes, first } of linePieces(readInTurn(path))) {
    const chunk: Item[] = [];
    const textOk = isUtf8(bytes);
    const nul = bytes.indexOf(0);
    for (let start = 0; start <= bytes.length;) {
      let nl = bytes.indexOf(10, start);
      if (nl < 0) nl = bytes.length;
      line += 1;
      // The exact line of a fault of the piece.
      if (!textOk && !isUtf8(bytes.subarray(start, nl)))
        throw notText(line, 'không phải văn bản UTF-8 / not UTF-8 text');
      if (nul >= 0 && nul < nl) throw notText(line, 'tệp nhị phân / a binary file');
      const end = nl > start && bytes[nl - 1] === 13 ? nl - 1 : nl;
      // The file's BOM, and a BOM starting its first line of text after it.
      let begin = start;
      for (let k = 0; k < 2 && first && start === 0; k += 1)
        if (bytes[begin] === 0xef && bytes[begin + 1] === 0xbb && bytes[begin + 2] === 0xbf) begin += 3;
      if (bytes[begin] === 0x7b) chunk.push({ line, bytes, start: begin, end });
      else {
        const text = bytes.toString('utf8', begin, end);
        if (text.trim()) chunk.push({ line, text });
      }
      start = nl + 1;
    }
    if (chunk.length === 0) continue;
    yield chunk;
    for (const item of chunk) if (item.bytes !== undefined) parseItem(item);
  }
}

async function* recordItems(records: Iterable<unknown> | AsyncIterable<unknown>): AsyncGenerator<Item[]> {
  let line = 0;
  let chunk: Item[] = [];
  for await (const raw of records) {
    chunk.push({ line: ++line, raw });
    if (chunk.length === 1000) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function readFileOr(path: string): Buffer {
  try {
    return fs.readFileSync(path);
  } catch {
    throw new AppError('FILE_NOT_FOUND', { path }, { field: 'file' });
  }
}

const errorOf = (
  line: number,
  householdId: string | null,
  code: ErrorCode | string,
  field: string | null,
  message: string,
): ImportError => ({
  line,
  householdId,
  code,
  field: field ?? '',
  message,
});

/** Member field errors point at the member's own line in a members table. */
function lineOfField(item: Item, field: string | null): number {
  const m = field ? /^members\[(\d+)\]/.exec(field) : null;
  if (m && item.memberLines) return item.memberLines[Number(m[1])] ?? item.line;
  return item.line;
}

export async function importSurvey(
  deps: Deps,
  actor: Actor,
  source: ImportSource,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  requirePermission(actor, 'registry.write');
  checkImportFile(source);
  const mode = opts.mode ?? 'atomic';
  const status = opts.status ?? 'approved';
  const explain = opts.explain ?? true;
  const at = nowIso(deps);
  const report: ImportReport = { read: 0, imported: 0, rejected: 0, errors: [], created: 0, updated: 0 };
  const rejected: RejectedRecord[] = [];
  const wantReport = opts.errorReport !== undefined;

  // Tabular sources are read whole (they are spreadsheets); JSONL streams.
  let items: AsyncIterable<Item[]> | Iterable<Item[]>;
  let fileErrors: TabularError[] = [];
  let fatal = false;
  let rowCount = 0;
  if (source.format === 'records') {
    items = recordItems(source.records);
  } else if (source.format === 'jsonl') {
    items = jsonlItems(source.path);
  } else {
    const data =
      source.format === 'xlsx'
        ? await readXlsx(readFileOr(source.path))
        : readCsvTables(readFileOr(source.households), readFileOr(source.members));
    fileErrors = data.errors;
    fatal = data.fatal;
    rowCount = data.rowCount;
    items = [data.records.map((r) => ({ line: r.line, raw: r.raw, memberLines: r.memberLines }))];
  }
  for (const e of fileErrors) report.errors.push(errorOf(e.line, e.householdId, e.code, e.field, e.message));
  if (fatal) {
    report.rejected = report.read = rowCount;
    return report;
  }
  // Orphan member rows make their file inconsistent: in atomic mode nothing is written.
  const orphanRows = fileErrors.length;

  await loadStandards(deps); // seeds the national standards outside the import transaction
  // Households already kept by a commune outside the scope are refused row by row by the writer.
  const scopeCommunes = await communesInScope(deps.db.kysely, actor);
  const writeOpts: WriteOptions = {
    at,
    actorId: actorId(actor),
    actor: actorName(actor),
    action: 'import',
    scopeCommunes,
  };
  const preferThread =
    opts.writer === 'worker' ||
    (opts.writer === 'auto' &&
      source.format === 'jsonl' &&
      fs.statSync(source.path).size >= WORKER_FROM_BYTES);
  type Tag = { item: Item; hid: string | null };
  // Outcomes: a record refused by a step or by the writer is a rejection; in atomic mode the first
  // one stops the writes (the transaction is rolled back at the end).
  let writing = orphanRows === 0 || mode === 'valid-rows';
  const reject = (item: Item, errs: ImportError[]) => {
    report.rejected += 1;
    report.errors.push(...errs);
    if (wantReport) rejected.push({ raw: item.raw ?? null, errors: errs });
    if (mode === 'atomic') writing = false;
  };

  const settle = ({ item, hid }: Tag, outcome: ImportOutcome) => {
    if (!outcome.ok) {
      reject(item, [
        errorOf(
          item.line,
          hid,
          outcome.code,
          'householdId',
          messageOf(outcome.code, { expected: '', actual: '', id: hid ?? '' }),
        ),
      ]);
      return;
    }
    report.imported += 1;
    if (outcome.created) report.created += 1;
    else report.updated += 1;
  };
  const committed = await withImportWriter<Tag>(
    deps.db,
    { writeOpts, preferThread, portable: opts.writer === 'portable', settle },
    async ({ reader, write, drain }): Promise<AuditEntry | null> => {
      const prepare = await recordPreparer(deps, reader, actor, { period: opts.period, status, explain });
      for await (const chunk of items)
        for (const item of chunk) {
          report.read += 1;
          if (opts.progress && report.read % 10_000 === 0) opts.progress(report.read);
          const p = await prepare(item);
          if (!p.ok) {
            reject(item, p.errors);
            continue;
          }
          // Until its outcome, a household's tag keeps of its record only what a rejection reports
          // (the record itself only for the error report): thousands are in flight at a time.
          if (writing) await write({ item: wantReport ? item : { line: item.line }, hid: p.hid }, p.write);
        }
      // Every household written has its outcome: refusals by the writer count as rejections.
      await drain();
      if (mode === 'atomic' && (report.rejected > 0 || orphanRows > 0)) return null;
      return {
        at,
        actorId: actorId(actor),
        actor: actorName(actor),
        action: 'import',
        entity: 'survey-import',
        entityId:
          source.format === 'csv'
            ? source.households
            : source.format === 'records'
              ? source.name
              : source.path,
        after: {
          mode,
          status,
          period: opts.period ?? null,
          read: report.read,
          imported: report.imported,
          rejected: report.rejected,
        },
      };
    },
  );
  if (!committed) {
    report.imported = 0;
    report.created = 0;
    report.updated = 0;
  }
  if (orphanRows > 0 && mode === 'atomic') report.rejected = Math.max(report.rejected, 1);
  if (wantReport && rejected.length > 0)
    report.errorReport = await writeErrorReport(opts.errorReport!, rejected);
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}

type Prepared =
  { ok: true; hid: string | null; write: HouseholdWrite } | { ok: false; errors: ImportError[] };

/**
 * The step of an import between reading and writing: one record parsed, validated (its unit, its
 * village, the actor's scope, a householdId seen once) and classified by the engine under the
 * standard of its review period, into the rows it writes or the errors that refuse it. Reference
 * data (units, villages, standards) are read through `reader`, once each.
 */
async function recordPreparer(
  deps: Deps,
  reader: Kysely<Database>,
  actor: Actor,
  opts: { period: number | undefined; status: 'draft' | 'approved'; explain: boolean },
): Promise<(item: Item) => Promise<Prepared>> {
  const { status, explain } = opts;
  // The engine reads units through the import's reader (one SQLite connection).
  const tdeps: Deps = { ...deps, db: { ...deps.db, kysely: reader } as Db };
  // Explanations are built only for deprived indicators (most households have few or none).
  const classifier = await createClassifier(tdeps, { explain: false });
  const standards = new Map(classifier.standards.map((st) => [st.code, st]));
  const explainer = explain
    ? (record: SurveyRecord, code: string) => deprivedFacts(record, standards.get(code)!)
    : undefined;
  // period → the standard its review uses (table review_period_standard), read once per period.
  const periodStandards = new Map<number, string | null>();
  const standardOfPeriod = async (period: number): Promise<string | null> => {
    if (!periodStandards.has(period))
      periodStandards.set(period, await periodStandardCode(reader, classifier.standards, period));
    return periodStandards.get(period)!;
  };
  const forcedClassifiers = new Map<string, Promise<Awaited<ReturnType<typeof createClassifier>>>>();
  const forcedClassifier = (code: string) => {
    let c = forcedClassifiers.get(code);
    if (!c) forcedClassifiers.set(code, (c = createClassifier(tdeps, { explain: false, standard: code })));
    return c;
  };
  const unitVersions = new Map<string, UnitRecord[]>();
  const villages = new Map<string, Map<string, number>>();
  const seen = new Set<string>();
  const scope = scopeOf(actor);
  const scopeOk = new Map<string, boolean>();
  const fail = (errors: ImportError[]): Prepared => ({ ok: false, errors });

  return async (item) => {
    parseItem(item);
    if (item.malformed !== undefined) {
      return fail([
        errorOf(
          item.line,
          null,
          'JSON_MALFORMED',
          '',
          messageOf('JSON_MALFORMED', { detail: item.malformed }),
        ),
      ]);
    }
    const hid = householdIdOf(item.raw);
    // The compiled check accepts a valid record as it is; the parser says why one is refused.
    const parsed =
      item.checked || checkSurveyRecord(item.raw)
        ? { record: item.raw as SurveyRecord, errors: [] }
        : parseSurveyRecord(item.raw);
    if (!parsed.record) {
      return fail(
        parsed.errors.map((e) => errorOf(lineOfField(item, e.field), hid, e.code, e.field, e.message)),
      );
    }
    const record: SurveyRecord = parsed.record;
    if (seen.has(record.householdId)) {
      return fail([
        errorOf(
          item.line,
          hid,
          'HOUSEHOLD_DUPLICATE_ID',
          'householdId',
          messageOf('HOUSEHOLD_DUPLICATE_ID', { householdId: record.householdId }),
        ),
      ]);
    }
    seen.add(record.householdId);
    // Validated just above: classify the record, not the raw input again.
    const pending = classifier.classifyParsedNow(record);
    let out = pending instanceof Promise ? await pending : pending;
    // The review of a period uses the standard of the lists it sets (issue 12, decision 0021).
    if (!isFailure(out)) {
      const reviewPeriod = opts.period ?? defaultPeriodOf(record);
      // Known after the first record of the period: no promise per record.
      const periodStandard = periodStandards.has(reviewPeriod)
        ? (periodStandards.get(reviewPeriod) ?? null)
        : await standardOfPeriod(reviewPeriod);
      if (!periodStandard) {
        return fail([
          errorOf(
            item.line,
            hid,
            'REVIEW_STANDARD_NOT_ISSUED',
            'period',
            messageOf('REVIEW_STANDARD_NOT_ISSUED', {
              period: reviewPeriod,
              listYear: reviewPeriod + 1,
            }),
          ),
        ]);
      }
      if (needsPeriodStandard(classifier.standards, out.standard, periodStandard)) {
        const forced = await forcedClassifier(periodStandard);
        const again = forced.classifyParsedNow(record);
        out = again instanceof Promise ? await again : again;
      }
    }
    if (isFailure(out)) {
      return fail([
        errorOf(lineOfField(item, out.error.field), hid, out.error.code, out.error.field, out.error.message),
      ]);
    }
    let versions = unitVersions.get(record.unitCode);
    if (!versions) {
      versions = await findUnitVersions(reader, record.unitCode);
      unitVersions.set(record.unitCode, versions);
    }
    const d = record.surveyDate;
    const unit = versions.find(
      (u) => (u.valid_from === null || u.valid_from <= d) && (u.valid_to === null || u.valid_to >= d),
    )!;
    if (unit.level !== 'commune') {
      return fail([
        errorOf(
          item.line,
          hid,
          'UNIT_NOT_COMMUNE',
          'unitCode',
          messageOf('UNIT_NOT_COMMUNE', { code: unit.code }),
        ),
      ]);
    }
    if (scope !== null) {
      let ok = scopeOk.get(unit.code);
      if (ok === undefined) {
        ok = await requireUnitAccess(reader, actor, unit.code).then(
          () => true,
          () => false,
        );
        scopeOk.set(unit.code, ok);
      }
      if (!ok) {
        return fail([
          errorOf(
            item.line,
            hid,
            'FORBIDDEN_SCOPE',
            'unitCode',
            messageOf('FORBIDDEN_SCOPE', { unitCode: unit.code }),
          ),
        ]);
      }
    }
    const communeValidFrom = unit.valid_from ?? '';
    let villageId: number | null = null;
    const villageName = (item.raw as Record<string, unknown>).village;
    if (typeof villageName === 'string' && villageName.trim()) {
      const vkey = `${unit.code}|${communeValidFrom}`;
      let byName = villages.get(vkey);
      if (!byName) {
        const rows = await listVillagesOfCommune(reader, unit.code, communeValidFrom);
        byName = new Map(rows.map((v) => [foldText(v.name), v.id]));
        villages.set(vkey, byName);
      }
      villageId = byName.get(foldText(villageName)) ?? null;
      if (villageId === null) {
        return fail([
          errorOf(
            item.line,
            hid,
            'VILLAGE_NOT_FOUND',
            'village',
            messageOf('VILLAGE_NOT_FOUND', { id: villageName }),
          ),
        ]);
      }
    }
    const address = (item.raw as Record<string, unknown>).address;
    const w = toWrite(record, out, {
      provinceCode: unit.province_code,
      communeValidFrom,
      villageId,
      address: typeof address === 'string' && address.trim() ? address.trim() : null,
      period: opts.period ?? Number(d.slice(0, 4)),
      status,
      ...(explainer ? { explainer } : {}),
    });
    return { ok: true, hid, write: w };
  };
}

/** The rows written for one classified record. */
export function toWrite(
  record: SurveyRecord,
  out: ClassifyResult,
  ctx: {
    provinceCode: string;
    communeValidFrom: string;
    villageId: number | null;
    address: string | null;
    period: number;
    status: 'draft' | 'approved';
    explainer?: (record: SurveyRecord, standard: string) => IndicatorFacts[];
  },
): HouseholdWrite {
  const head = record.members.find((m) => m.relation === 'head') ?? record.members[0];
  const headName = head?.name ?? '';
  const searchKey = foldText(
    [
      headName,
      ...record.members.filter((m) => m !== head).map((m) => m.name),
      record.householdId,
      ctx.address ?? '',
    ].join(' '),
  );
  const on = record.surveyDate;
  // Stored: the facts of each deprived indicator, rendered in words when read (explain.ts; the
  // income comparison is rebuilt from the stored income line and class).
  const indicators: IndicatorFacts[] = out.explanations
    ? out.explanations.indicators.filter((e) => e.deprived)
    : ctx.explainer && out.deprivationCount > 0
      ? ctx.explainer(record, out.standard)
      : [];
  return {
    provinceCode: ctx.provinceCode,
    key: record.householdId,
    communeCode: record.unitCode,
    communeValidFrom: ctx.communeValidFrom,
    villageId: ctx.villageId,
    headName,
    headBirthDate: head?.birthDate ?? null,
    address: ctx.address,
    headKey: foldText(headName),
    searchKey,
    members: record.members.map((m, i) => {
      // The member's other answers are stored once, with the result (answers below).
      const { name, idNumber, birthDate, sex, relation } = m;
      return { ordinal: i + 1, name, idNumber, birthDate, sex, relation };
    }),
    result: {
      period: ctx.period,
      unitCode: record.unitCode,
      unitValidFrom: ctx.communeValidFrom,
      surveyDate: on,
      answers: encodeAnswers(record),
      standard: out.standard,
      area: out.area,
      incomeLine: out.incomeLine,
      classification: out.classification,
      deprivations: out.deprivations,
      explanationJson: factsJson(indicators),
      noLabour: hasNoLabourCapacity(record.members, (m) => isWorkingAge(m, on)),
      groups: householdGroupsOf(record.members),
      status: ctx.status,
    },
  };
}
