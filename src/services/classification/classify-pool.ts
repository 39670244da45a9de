// `giamngheo classify` on several threads: the input's pieces of whole lines (jsonl-lines.ts) are
// classified by worker threads, each with its own database connection and classifier, and by this
// thread whenever every worker already has its pieces; the output is written in input order. This
// thread takes every piece while the workers start (each loads the sources and opens the
// database, about a second). At most two pieces per thread are in flight, so memory stays bounded
// whatever the input's size. The output is the same bytes as on one thread: same classifier, same
// line splitting (classifyPiece).
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../ts-worker.js';
import type { Config } from '../../config.js';
import {
  toJsonLine,
  type ClassifyFailure,
  type Classifier,
  type ClassifierOptions,
} from '../classification.service.js';
import type { LinePiece } from './jsonl-lines.js';

export interface ClassifyPoolInit {
  location: string;
  config: Config;
  options: ClassifierOptions;
}

export type ToClassifyWorker = { seq: number; bytes: Uint8Array; first: boolean } | { type: 'end' };

export type FromClassifyWorker =
  { type: 'ready' } | ({ type: 'piece'; seq: number } & PieceOutput) | { type: 'error'; message: string };

/** The output text of a piece's lines, how many records they were and how many were refused. */
export interface PieceOutput {
  text: string;
  records: number;
  rejected: number;
}

/** The lines of a piece, classified and written as the command writes them. */
export async function classifyPiece(classifier: Classifier, piece: LinePiece): Promise<PieceOutput> {
  // The lines of splitLines (./jsonl-lines.ts), found in the bytes: a BOM skipped at the start of
  // the input, a CR before the newline dropped, blank lines skipped. A line that opens with `{` is
  // not blank and is classified from its bytes; any other is decoded and read as splitLines does.
  const b = piece.bytes;
  let start = piece.first && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  let text = '';
  let records = 0;
  let rejected = 0;
  while (start <= b.length) {
    let nl = b.indexOf(10, start);
    if (nl < 0) nl = b.length;
    const end = nl > start && b[nl - 1] === 13 ? nl - 1 : nl;
    let out: string | ClassifyFailure | Promise<string | ClassifyFailure> | undefined;
    if (b[start] === 0x7b) out = classifier.classifyBytesToJsonNow(b, start, end);
    else {
      const line = b.toString('utf8', start, end);
      if (line.trim() !== '') out = classifier.classifyLineToJsonNow(line);
    }
    start = nl + 1;
    if (out === undefined) continue;
    records += 1;
    if (out instanceof Promise) out = await out;
    if (typeof out === 'string') text += `${out}\n`;
    else {
      rejected += 1;
      text += `${toJsonLine(out)}\n`;
    }
  }
  return { text, records, rejected };
}

export interface ClassifyPool {
  /**
   * Classifies every piece and passes each piece's output text to `write` in input order
   * (awaiting it when it returns a promise: backpressure). Returns the records read and refused.
   */
  run(
    pieces: AsyncIterable<LinePiece>,
    write: (text: string) => Promise<void> | undefined,
  ): Promise<{ records: number; rejected: number }>;
  /** Resolves once every worker is ready (run does not wait for it: this thread starts alone). */
  ready(): Promise<void>;
  /** Ends the worker threads (each closes its connection). */
  close(): Promise<void>;
}

const PIECES_PER_THREAD = 2;

/**
 * Starts `workers` worker threads beside this one, which classifies with `local`. Returns at once:
 * the workers join as they become ready.
 */
export function startClassifyPool(init: ClassifyPoolInit, local: Classifier, workers: number): ClassifyPool {
  const threads: Worker[] = [];
  const ready: Worker[] = [];
  const done = new Map<number, PieceOutput>();
  /** Pieces sent to each ready worker and not answered yet. */
  const queued = new Map<Worker, number>();
  let failure: Error | undefined;
  let closing = false;
  const ended = new Set<Worker>();
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const next = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  for (let i = 0; i < workers; i += 1) {
    const w = startTsWorker(new URL('./classify-pool.worker.ts', import.meta.url), init);
    w.on('message', (m: FromClassifyWorker) => {
      if (m.type === 'ready') {
        ready.push(w);
        queued.set(w, 0);
      } else if (m.type === 'piece') {
        done.set(m.seq, m);
        queued.set(w, queued.get(w)! - 1);
      } else failure ??= new Error(m.message);
      signal();
    });
    w.on('error', (err) => {
      failure ??= err;
      signal();
    });
    // A worker that ends before it was told to would leave its pieces unanswered.
    w.on('exit', (code) => {
      ended.add(w);
      if (!closing) failure ??= new Error(`classify worker ended (exit code ${code})`);
      signal();
    });
    threads.push(w);
  }

  async function run(
    pieces: AsyncIterable<LinePiece>,
    write: (text: string) => Promise<void> | undefined,
  ): Promise<{ records: number; rejected: number }> {
    const totals = { records: 0, rejected: 0 };
    let sent = 0;
    let written = 0;
    /** Writes the finished pieces that come next in input order. */
    const flush = async () => {
      for (let r = done.get(written); r; r = done.get(written)) {
        done.delete(written);
        written += 1;
        totals.records += r.records;
        totals.rejected += r.rejected;
        if (r.text) {
          const pending = write(r.text);
          if (pending) await pending;
        }
      }
    };
    const limit = () => (ready.length + 1) * PIECES_PER_THREAD;
    for await (const p of pieces) {
      while (!failure && sent - written >= limit()) {
        await flush();
        if (sent - written >= limit()) await next();
      }
      if (failure) throw failure;
      const seq = sent;
      sent += 1;
      // The least busy worker while it has room, so that none waits for this thread; otherwise
      // (and while no worker is ready) this thread classifies the piece itself.
      let worker: Worker | undefined;
      for (const w of ready)
        if (queued.get(w)! < PIECES_PER_THREAD && (!worker || queued.get(w)! < queued.get(worker)!))
          worker = w;
      if (!worker) done.set(seq, await classifyPiece(local, p));
      else {
        // A copy the worker owns (the stream's chunk may share its memory with the next ones).
        const bytes = new Uint8Array(p.bytes);
        const msg: ToClassifyWorker = { seq, bytes, first: p.first };
        worker.postMessage(msg, [bytes.buffer]);
        queued.set(worker, queued.get(worker)! + 1);
      }
      await flush();
    }
    while (written < sent) {
      if (failure) throw failure;
      await flush();
      if (written < sent) await next();
    }
    if (failure) throw failure;
    return totals;
  }

  async function close(): Promise<void> {
    closing = true;
    // Each thread closes its connection and ends; after a failure they are stopped at once.
    await Promise.all(
      threads.map((w) => {
        if (ended.has(w)) return undefined;
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        if (failure) void w.terminate();
        else w.postMessage({ type: 'end' } satisfies ToClassifyWorker);
        return exited;
      }),
    );
  }

  async function allReady(): Promise<void> {
    while (ready.length < workers && !failure) await next();
    if (failure) throw failure;
  }

  return { run, ready: allReady, close };
}
