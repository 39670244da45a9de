// Import of survey records (contracts/cli.md `import survey`): JSONL, or the two tables as CSV or
// XLSX. Every record is validated and classified by the engine (parseSurveyRecord +
// classifier), then written as a household, its members and its result of the period, with the
// change history and the aggregate counts, in ONE transaction. `atomic` (default): one invalid
// record rolls everything back. `valid-rows`: valid records are written, invalid ones listed.
// The CLI and the web upload call this same service.
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { AppError, messageOf, type ErrorCode } from '../../errors.js';
import type { Database } from '../../db/schema.js';
import type { Db } from '../../db/database.js';
import { parseSurveyRecord, householdIdOf } from '../../domain/survey/parse.js';
import type { SurveyRecord } from '../../domain/survey/record.js';
import { isWorkingAge } from '../../domain/classification/working-age.js';
import { explainHousehold, type IndicatorExplanation } from '../../domain/classification/classify.js';
import { foldText } from '../../domain/registry/fold.js';
import { hasNoLabourCapacity } from '../../domain/registry/movement.js';
import { findUnitVersions, type UnitRecord } from '../../db/repositories/units.repository.js';
import { listVillagesOfCommune } from '../../db/repositories/villages.repository.js';
import {
  AggregateDeltas,
  applyAggregateDeltas,
  sqliteBulkWriter,
  writeHouseholdBatch,
  type HouseholdWrite,
  type WriteOptions,
  type WriteOutcome,
} from '../../db/repositories/registry.repository.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { deferSearchIndex } from '../../db/repositories/household-search.repository.js';
import { pgCopier, singleClientKysely } from '../../db/repositories/pg-copy.repository.js';
import { createClassifier, isFailure, type ClassifyResult } from '../classification.service.js';
import { loadStandards } from '../standards.service.js';
import { requirePermission, requireUnitAccess, scopeOf } from '../access.js';
import { ImportWriter, type WriterOutcome } from './import-writer.js';
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
   * JSONL files of WORKER_FROM_BYTES or more.
   */
  writer?: 'auto' | 'worker' | 'inline';
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
  raw?: unknown;
  /** JSON syntax error of the line. */
  malformed?: string;
  memberLines?: number[];
}

/**
 * Lines in chunks: one await per chunk, not per record (millions of records). The file is read
 * by pulling from the stream (backpressure), never faster than records are written.
 */
async function* jsonlItems(path: string): AsyncGenerator<Item[]> {
  const stream = fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let line = 0;
  let rest = '';
  let chunk: Item[] = [];
  const take = (text: string) => {
    line += 1;
    const t = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (!t.trim()) return;
    try {
      chunk.push({ line, raw: JSON.parse(t) });
    } catch (err) {
      chunk.push({ line, malformed: err instanceof Error ? err.message : String(err) });
    }
  };
  for await (const data of stream as AsyncIterable<string>) {
    const text = rest + data;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      take(text.slice(start, text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (chunk.length >= 1000) {
      yield chunk;
      chunk = [];
    }
  }
  if (rest) take(rest);
  if (chunk.length > 0) yield chunk;
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

/** Existence check with a coded error, without reading the file (it may be gigabytes). */
function requireFile(path: string): void {
  try {
    fs.accessSync(path, fs.constants.R_OK);
  } catch {
    throw new AppError('FILE_NOT_FOUND', { path }, { field: 'file' });
  }
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
    requireFile(source.path);
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
  const ROLLBACK = Symbol('rollback');
  // PostgreSQL: the transaction runs on one leased connection, so that new rows go by COPY on it.
  const lease = deps.db.pool ? await singleClientKysely(deps.db.pool) : undefined;
  const copy = lease ? pgCopier(lease.client) : undefined;
  const onFile = deps.db.dialect === 'sqlite' && deps.db.location !== ':memory:';
  const useWorker =
    onFile &&
    (opts.writer === 'worker' ||
      (opts.writer === 'auto' &&
        source.format === 'jsonl' &&
        fs.statSync(source.path).size >= WORKER_FROM_BYTES));
  type Tag = { item: Item; hid: string | null };
  let settleFromWriter: (tag: Tag, outcome: WriterOutcome) => void = () => undefined;
  const writer = useWorker
    ? await ImportWriter.start<Tag>(
        {
          location: deps.db.location,
          writeOpts: { at, actorId: actorId(actor), actor: actorName(actor), action: 'import' },
        },
        (tag, outcome) => settleFromWriter(tag, outcome),
      )
    : undefined;
  // With a writer thread, this thread holds no transaction: it reads committed reference data.
  const inTransaction = async (body: (trx: Kysely<Database>) => Promise<void>) =>
    writer ? body(deps.db.kysely) : (lease?.kysely ?? deps.db.kysely).transaction().execute(body);
  try {
    await inTransaction(async (trx) => {
      // The engine reads units through the transaction (one SQLite connection).
      const tdeps: Deps = { ...deps, db: { ...deps.db, kysely: trx as unknown as Kysely<Database> } as Db };
      // Explanations are built only for deprived indicators (most households have few or none).
      const classifier = await createClassifier(tdeps, { explain: false });
      const standards = new Map(classifier.standards.map((st) => [st.code, st]));
      const explainer = explain
        ? (record: SurveyRecord, code: string) =>
            explainHousehold(record, standards.get(code)!).filter((e) => e.deprived)
        : undefined;
      const bulk = deps.db.dialect === 'sqlite' && !writer ? sqliteBulkWriter(deps.db) : undefined;
      // The word index is written once at the end, not row by row (docs/decisions/0006).
      const searchIndex = bulk ? deferSearchIndex(deps.db, at) : undefined;
      const deltas = new AggregateDeltas();
      const addDelta = deltas.add;
      const unitVersions = new Map<string, UnitRecord[]>();
      const villages = new Map<string, Map<string, number>>();
      const seen = new Set<string>();
      const scope = scopeOf(actor);
      const scopeOk = new Map<string, boolean>();
      let writing = orphanRows === 0 || mode === 'valid-rows';
      const writeOpts: WriteOptions = {
        at,
        actorId: actorId(actor),
        actor: actorName(actor),
        action: 'import',
      };

      const settle = (item: Item, hid: string | null, outcome: WriteOutcome | WriterOutcome) => {
        if (!outcome.ok) {
          reject(item, [
            errorOf(
              item.line,
              hid,
              outcome.code,
              'householdId',
              messageOf(outcome.code, { expected: '', actual: '' }),
            ),
          ]);
          return;
        }
        report.imported += 1;
        if (outcome.created) report.created += 1;
        else report.updated += 1;
      };
      // PostgreSQL: households are written in batches with multi-row statements.
      let queued: { item: Item; hid: string | null; w: HouseholdWrite }[] = [];
      const flush = async () => {
        if (queued.length === 0) return;
        const batch = queued;
        queued = [];
        const outcomes = await writeHouseholdBatch(
          trx,
          batch.map((p) => p.w),
          writeOpts,
          addDelta,
          copy,
        );
        batch.forEach((p, i) => settle(p.item, p.hid, outcomes[i]!));
      };
      const reject = (item: Item, errs: ImportError[]) => {
        report.rejected += 1;
        report.errors.push(...errs);
        if (wantReport) rejected.push({ raw: item.raw ?? null, errors: errs });
        if (mode === 'atomic') writing = false;
      };
      settleFromWriter = (tag, outcome) => settle(tag.item, tag.hid, outcome);

      for await (const chunk of items)
        for (const item of chunk) {
          report.read += 1;
          if (opts.progress && report.read % 10_000 === 0) opts.progress(report.read);
          if (item.malformed !== undefined) {
            reject(item, [
              errorOf(
                item.line,
                null,
                'JSON_MALFORMED',
                '',
                messageOf('JSON_MALFORMED', { detail: item.malformed }),
              ),
            ]);
            continue;
          }
          const hid = householdIdOf(item.raw);
          const parsed = parseSurveyRecord(item.raw);
          if (!parsed.record) {
            reject(
              item,
              parsed.errors.map((e) => errorOf(lineOfField(item, e.field), hid, e.code, e.field, e.message)),
            );
            continue;
          }
          const record: SurveyRecord = parsed.record;
          if (seen.has(record.householdId)) {
            reject(item, [
              errorOf(
                item.line,
                hid,
                'HOUSEHOLD_DUPLICATE_ID',
                'householdId',
                messageOf('HOUSEHOLD_DUPLICATE_ID', { householdId: record.householdId }),
              ),
            ]);
            continue;
          }
          seen.add(record.householdId);
          // Validated just above: classify the record, not the raw input again.
          const pending = classifier.classifyParsedNow(record);
          const out = pending instanceof Promise ? await pending : pending;
          if (isFailure(out)) {
            reject(item, [
              errorOf(
                lineOfField(item, out.error.field),
                hid,
                out.error.code,
                out.error.field,
                out.error.message,
              ),
            ]);
            continue;
          }
          let versions = unitVersions.get(record.unitCode);
          if (!versions) {
            versions = await findUnitVersions(trx, record.unitCode);
            unitVersions.set(record.unitCode, versions);
          }
          const d = record.surveyDate;
          const unit = versions.find(
            (u) => (u.valid_from === null || u.valid_from <= d) && (u.valid_to === null || u.valid_to >= d),
          )!;
          if (unit.level !== 'commune') {
            reject(item, [
              errorOf(
                item.line,
                hid,
                'UNIT_NOT_COMMUNE',
                'unitCode',
                messageOf('UNIT_NOT_COMMUNE', { code: unit.code }),
              ),
            ]);
            continue;
          }
          if (scope !== null) {
            let ok = scopeOk.get(unit.code);
            if (ok === undefined) {
              ok = await requireUnitAccess(trx, actor, unit.code).then(
                () => true,
                () => false,
              );
              scopeOk.set(unit.code, ok);
            }
            if (!ok) {
              reject(item, [
                errorOf(
                  item.line,
                  hid,
                  'FORBIDDEN_SCOPE',
                  'unitCode',
                  messageOf('FORBIDDEN_SCOPE', { unitCode: unit.code }),
                ),
              ]);
              continue;
            }
          }
          const communeValidFrom = unit.valid_from ?? '';
          let villageId: number | null = null;
          const villageName = (item.raw as Record<string, unknown>).village;
          if (typeof villageName === 'string' && villageName.trim()) {
            const vkey = `${unit.code}|${communeValidFrom}`;
            let byName = villages.get(vkey);
            if (!byName) {
              const rows = await listVillagesOfCommune(trx, unit.code, communeValidFrom);
              byName = new Map(rows.map((v) => [foldText(v.name), v.id]));
              villages.set(vkey, byName);
            }
            villageId = byName.get(foldText(villageName)) ?? null;
            if (villageId === null) {
              reject(item, [
                errorOf(
                  item.line,
                  hid,
                  'VILLAGE_NOT_FOUND',
                  'village',
                  messageOf('VILLAGE_NOT_FOUND', { id: villageName }),
                ),
              ]);
              continue;
            }
          }
          if (!writing) continue;
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
          if (writer) await writer.write({ item, hid }, w);
          else if (bulk) settle(item, hid, bulk.write(w, writeOpts, addDelta));
          else {
            queued.push({ item, hid, w });
            if (queued.length >= 500) await flush();
          }
        }
      await flush();
      await writer?.drain();
      if (mode === 'atomic' && (report.rejected > 0 || orphanRows > 0)) throw ROLLBACK;
      const audit = {
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
      if (writer) return writer.finish(true, audit);
      searchIndex?.finish();
      await applyAggregateDeltas(trx, deltas.values());
      await insertAudit(trx, audit);
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
    await writer?.finish(false);
    report.imported = 0;
    report.created = 0;
    report.updated = 0;
  } finally {
    await writer?.abort();
    await lease?.release();
  }
  if (orphanRows > 0 && mode === 'atomic') report.rejected = Math.max(report.rejected, 1);
  if (wantReport && rejected.length > 0)
    report.errorReport = await writeErrorReport(opts.errorReport!, rejected);
  report.errors.sort((a, b) => a.line - b.line);
  return report;
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
    explainer?: (record: SurveyRecord, standard: string) => IndicatorExplanation[];
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
  // Stored: the explanation of each deprived indicator (the income comparison is rebuilt from the
  // stored income line and class when shown).
  const indicators = out.explanations
    ? out.explanations.indicators.filter((e) => e.deprived)
    : ctx.explainer && out.deprivationCount > 0
      ? ctx.explainer(record, out.standard)
      : [];
  const explanation = { indicators };
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
      const { name, idNumber, birthDate, sex, relation, ...rest } = m;
      return { ordinal: i + 1, name, idNumber, birthDate, sex, relation, dataJson: JSON.stringify(rest) };
    }),
    result: {
      period: ctx.period,
      unitCode: record.unitCode,
      unitValidFrom: ctx.communeValidFrom,
      surveyDate: on,
      answersJson: JSON.stringify(record),
      standard: out.standard,
      area: out.area,
      incomeLine: out.incomeLine,
      classification: out.classification,
      deprivations: out.deprivations,
      explanationJson: JSON.stringify(explanation),
      noLabour: hasNoLabourCapacity(record.members, (m) => isWorkingAge(m, on)),
      status: ctx.status,
    },
  };
}
