// The registry's write path, behind one interface (docs/decisions/0042). Every SQL statement that
// writes households, members, change history, results, movements and aggregate cells lives in
// this folder (it counts as a repository); the rules it applies are the domain's
// (src/domain/registry/aggregates.ts, movement.ts).
//
// - portable.ts: one household at a time through Kysely, both engines (the edits of a household).
// - batch.ts: an import's households in batches, set-based; new rows by multi-row INSERT (portable)
//   or by COPY (pg-copy.ts, PostgreSQL).
// - sqlite-bulk.ts: an import on SQLite, raw prepared statements; from a second thread for a large
//   file (sqlite-thread.ts).
//
// An import opens its writes with `withImportWriter`, which picks the implementation for the
// database: the service only says what it writes.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Db } from '../database.js';
import { AggregateDeltas, type AggregateKey } from '../../domain/registry/aggregates.js';
import { insertAudit, type AuditEntry } from '../repositories/audit.repository.js';
import { deferSearchIndex } from '../repositories/household-search.repository.js';
import { pgTextCopier, singleClientKysely } from '../repositories/pg-copy.repository.js';
import {
  applyAggregateDeltas,
  applyAggregateDeltasByCopy,
  applyTallyDeltas,
  keepTallyInWriter,
} from './aggregates.js';
import { ImportBatches, multiRowInserts, writeHouseholdBatch, type NewRows } from './batch.js';
import { copyRows } from './pg-copy.js';
import { sqliteBulkWriter } from './sqlite-bulk.js';
import { ImportWriter } from './sqlite-thread.js';
import type { HouseholdWrite, ImportOutcome, WriteOptions } from './types.js';

export type {
  HouseholdWrite,
  ImportOutcome,
  MemberRow,
  ResultRow,
  WriteOptions,
  WriteOutcome,
} from './types.js';
export { writeHousehold, setResultFrozen } from './portable.js';
export {
  applyAggregateDeltas,
  recomputeAllMovements,
  recountUnitAggregates,
  replaceAggregates,
} from './aggregates.js';

/** The writes of one import, inside its one transaction. */
export interface ImportWrites<T> {
  /**
   * Where the import reads its reference data (units, villages, standards, scope): the
   * transaction's connection, or the database itself when the writes run on another thread (it
   * then reads committed data).
   */
  readonly reader: Kysely<Database>;
  /**
   * Writes one household (keys distinct within an import). Its outcome reaches `settle`, at once
   * or later, but always before `withImportWriter` returns.
   */
  write(tag: T, w: HouseholdWrite): Promise<void>;
  /** Waits until every household written has its outcome (a refusal counts as a rejection). */
  drain(): Promise<void>;
}

export interface ImportWriterOptions<T> {
  writeOpts: WriteOptions;
  settle: (tag: T, outcome: ImportOutcome) => void;
  /**
   * Write from a second thread where the database allows it (an SQLite file): both cores work,
   * and any other write to the file waits for the import's transaction. For a process that does
   * nothing else meanwhile (the CLI).
   */
  preferThread?: boolean;
  /** The portable batch path (multi-row INSERTs through Kysely) whatever the database. */
  portable?: boolean;
}

/** The body's answer: the audit entry to commit with, or null to roll everything back. */
export type ImportEnd = AuditEntry | null;

/**
 * Runs an import's writes in one transaction: `body` writes the households, then returns the
 * audit entry to commit with (the word index, the aggregate cells and the audit entry are written
 * in the same transaction) or null to roll back. Returns whether the import was committed. An
 * error thrown by `body` or by a write rolls everything back and is thrown again.
 */
export async function withImportWriter<T>(
  db: Db,
  opts: ImportWriterOptions<T>,
  body: (writes: ImportWrites<T>) => Promise<ImportEnd>,
): Promise<boolean> {
  if (opts.portable) return batched(db.kysely, { rows: multiRowInserts }, opts, body);
  if (db.pool) {
    // The transaction runs on one leased connection, so that the new rows go by COPY on it.
    const lease = await singleClientKysely(db.pool);
    try {
      const copy = pgTextCopier(lease.client);
      return await batched(
        lease.kysely,
        {
          rows: copyRows(copy),
          tallyByWriter: true,
          applyDeltas: (trx, deltas) => applyAggregateDeltasByCopy(trx, copy, deltas),
        },
        opts,
        body,
      );
    } finally {
      await lease.release();
    }
  }
  if (opts.preferThread && db.location !== ':memory:') return threaded(db, opts, body);
  return inline(db, opts, body);
}

const ROLLBACK = Symbol('rollback');

async function inTransaction(
  kysely: Kysely<Database>,
  run: (trx: Kysely<Database>) => Promise<boolean>,
): Promise<boolean> {
  try {
    return await kysely.transaction().execute(async (trx) => {
      if (!(await run(trx))) throw ROLLBACK;
      return true;
    });
  } catch (err) {
    if (err === ROLLBACK) return false;
    throw err;
  }
}

/** SQLite, this thread: prepared statements in a transaction on the process's one connection. */
function inline<T>(
  db: Db,
  opts: ImportWriterOptions<T>,
  body: (writes: ImportWrites<T>) => Promise<ImportEnd>,
): Promise<boolean> {
  return inTransaction(db.kysely, async (trx) => {
    const bulk = sqliteBulkWriter(db);
    // The word index is written once at the end, not row by row (docs/decisions/0006).
    const searchIndex = deferSearchIndex(db, opts.writeOpts.at);
    const deltas = new AggregateDeltas();
    const audit = await body({
      reader: trx,
      write: async (tag, w) => {
        const o = bulk.write(w, opts.writeOpts, deltas);
        opts.settle(tag, o.ok ? { ok: true, created: o.created } : { ok: false, code: o.code });
      },
      drain: async () => undefined,
    });
    if (!audit) return false;
    searchIndex.finish();
    await applyAggregateDeltas(trx, deltas.values());
    await insertAudit(trx, audit);
    return true;
  });
}

/** SQLite file, a writer thread with its own connection and the import's transaction. */
async function threaded<T>(
  db: Db,
  opts: ImportWriterOptions<T>,
  body: (writes: ImportWrites<T>) => Promise<ImportEnd>,
): Promise<boolean> {
  const writer = await ImportWriter.start<T>(
    { location: db.location, writeOpts: opts.writeOpts },
    opts.settle,
  );
  try {
    // This thread holds no transaction: it reads committed reference data.
    const audit = await body({
      reader: db.kysely,
      write: (tag, w) => writer.write(tag, w),
      drain: () => writer.drain(),
    });
    await writer.finish(audit !== null, audit ?? undefined);
    return audit !== null;
  } finally {
    await writer.abort();
  }
}

/** Households written per batch. */
const BATCH = 1000;
/** Households prepared between two turns of the event loop while a batch is written. */
const YIELD_EVERY = 50;

/** How the batches write: their new rows, who keeps the tally, how the aggregate cells are added. */
interface BatchedWrites {
  rows: NewRows;
  tallyByWriter?: boolean;
  applyDeltas?: (trx: Kysely<Database>, deltas: Iterable<[AggregateKey, number]>) => Promise<void>;
}

/**
 * In batches (batch.ts), new rows by `rows`. One batch is written while the next is prepared:
 * the writes are sent without waiting for the previous batch (the connection runs them in order),
 * at most one batch in flight, so the database and this process work at the same time. With
 * `tallyByWriter` (COPY on PostgreSQL) the household tally is counted here and written once at
 * the end instead of by the triggers (see migration 2026-12-04T1200-household-tally-statements).
 */
function batched<T>(
  kysely: Kysely<Database>,
  { rows, tallyByWriter = false, applyDeltas = applyAggregateDeltas }: BatchedWrites,
  opts: ImportWriterOptions<T>,
  body: (writes: ImportWrites<T>) => Promise<ImportEnd>,
): Promise<boolean> {
  return inTransaction(kysely, async (trx) => {
    const deltas = new AggregateDeltas();
    const provinces = new ImportBatches(tallyByWriter);
    if (tallyByWriter) await keepTallyInWriter(trx);
    let queued: { tag: T; w: HouseholdWrite }[] = [];
    let inFlight: Promise<void> | undefined;
    const send = async () => {
      if (inFlight) await inFlight;
      if (queued.length === 0) return;
      const batch = queued;
      queued = [];
      const written = writeHouseholdBatch(
        trx,
        batch.map((b) => b.w),
        opts.writeOpts,
        deltas,
        rows,
        provinces,
      ).then((outcomes) =>
        batch.forEach((b, i) => {
          const o = outcomes[i]!;
          opts.settle(b.tag, o.ok ? { ok: true, created: o.created } : { ok: false, code: o.code });
        }),
      );
      // Awaited by the next send or at the end; a failure is thrown there.
      written.catch(() => undefined);
      inFlight = written;
    };
    let audit: ImportEnd;
    try {
      audit = await body({
        reader: trx,
        write: async (tag, w) => {
          queued.push({ tag, w });
          if (queued.length >= BATCH) await send();
          // Let the connection's replies in while the records are prepared: the batch in flight
          // is several statements, each sent when the previous one has answered.
          else if (inFlight && queued.length % YIELD_EVERY === 0)
            await new Promise((resolve) => setImmediate(resolve));
        },
        drain: async () => {
          await send();
          await inFlight;
        },
      });
      await send();
      await inFlight;
    } catch (err) {
      // No statement may still run on the connection when the transaction ends.
      await inFlight?.catch(() => undefined);
      throw err;
    }
    if (!audit) return false;
    await applyTallyDeltas(trx, provinces.tally.values());
    await applyDeltas(trx, deltas.values());
    await insertAudit(trx, audit);
    return true;
  });
}
