// A large import into an SQLite file uses both processor cores: this thread reads, validates and
// classifies the records (the engine is pure CPU) while a worker thread holds the import's one
// transaction and writes what it is sent (sqlite-thread.worker.ts). Batches are sent without
// waiting for the previous one to be written, at most MAX_IN_FLIGHT at a time, so memory stays
// bounded. The worker's connection is the only writer; this thread only reads reference data
// (units, villages, standards), which WAL lets it do while the transaction is open.
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../ts-worker.js';
import type { AuditEntry } from '../repositories/audit.repository.js';
import type { HouseholdWrite, ImportOutcome, WriteOptions } from './types.js';

export interface WriterInit {
  location: string;
  writeOpts: WriteOptions;
}

export type ToWriter =
  | { type: 'batch'; id: number; writes: HouseholdWrite[] }
  | { type: 'finish'; commit: boolean; audit?: AuditEntry };

type FromWriter =
  | { type: 'ready' }
  | { type: 'done' }
  | { type: 'error'; message: string }
  | { type: 'outcomes'; id: number; outcomes: ImportOutcome[] };

const BATCH = 500;
const MAX_IN_FLIGHT = 4;

const entry = new URL('./sqlite-thread.worker.ts', import.meta.url);

export class ImportWriter<T> {
  private readonly worker: Worker;
  private nextId = 0;
  private queued: { tag: T; write: HouseholdWrite }[] = [];
  private readonly pending = new Map<number, T[]>();
  private waiters: (() => void)[] = [];
  private failure: Error | undefined;
  private finished: ((err?: Error) => void) | undefined;
  private closing = false;

  private constructor(
    init: WriterInit,
    private readonly settle: (tag: T, outcome: ImportOutcome) => void,
    ready: (err?: Error) => void,
  ) {
    // A young generation of 48 MB (V8's default is 16–32): the writer turns over every batch's
    // writes, and fewer, larger scavenges cost less of its time (50,000 households, two rounds:
    // 7.4 and 7.5 s of CPU with the default, 7.2 and 7.0 s with this; wall 4.4–4.5 s → 4.2–4.3 s).
    this.worker = startTsWorker(entry, init, { maxYoungGenerationSizeMb: 48 });
    this.worker.on('message', (msg: FromWriter) => {
      if (msg.type === 'ready') ready();
      else if (msg.type === 'outcomes') {
        const tags = this.pending.get(msg.id)!;
        this.pending.delete(msg.id);
        msg.outcomes.forEach((o, i) => this.settle(tags[i]!, o));
        this.wake();
      } else if (msg.type === 'done') this.finished?.();
      else this.fail(new Error(`import writer: ${msg.message}`), ready);
    });
    this.worker.on('error', (err) => this.fail(err, ready));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`import writer stopped (${code})`), ready);
    });
  }

  /** Starts the writer thread; resolves once its transaction is open. */
  static async start<T>(
    init: WriterInit,
    settle: (tag: T, outcome: ImportOutcome) => void,
  ): Promise<ImportWriter<T>> {
    let writer!: ImportWriter<T>;
    await new Promise<void>((resolve, reject) => {
      writer = new ImportWriter<T>(init, settle, (err) => (err ? reject(err) : resolve()));
    });
    return writer;
  }

  private fail(err: Error, ready?: (err?: Error) => void): void {
    if (this.failure) return;
    this.failure = err;
    ready?.(err);
    this.finished?.(err);
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Queues one household; sends a batch when enough are queued (waits while too many are in flight). */
  async write(tag: T, write: HouseholdWrite): Promise<void> {
    if (this.failure) throw this.failure;
    this.queued.push({ tag, write });
    if (this.queued.length >= BATCH) await this.send();
  }

  private async send(): Promise<void> {
    while (this.pending.size >= MAX_IN_FLIGHT && !this.failure)
      await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
    if (this.queued.length === 0) return;
    const batch = this.queued;
    this.queued = [];
    const id = this.nextId++;
    this.pending.set(
      id,
      batch.map((b) => b.tag),
    );
    const msg: ToWriter = { type: 'batch', id, writes: batch.map((b) => b.write) };
    this.worker.postMessage(msg);
  }

  /** Sends what is queued and waits until every household sent has its outcome. */
  async drain(): Promise<void> {
    await this.send();
    while (this.pending.size > 0 && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }

  /** Commits (with the audit entry) or rolls back, and ends the thread. */
  async finish(commit: boolean, audit?: AuditEntry): Promise<void> {
    if (commit) await this.drain();
    if (this.failure) {
      await this.abort();
      throw this.failure;
    }
    await new Promise<void>((resolve, reject) => {
      this.finished = (err) => (err ? reject(err) : resolve());
      const msg: ToWriter = { type: 'finish', commit, ...(audit ? { audit } : {}) };
      this.worker.postMessage(msg);
    });
    this.closing = true;
    await this.worker.terminate();
  }

  /** Ends the thread without committing (its connection closes; SQLite discards the transaction). */
  async abort(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}
