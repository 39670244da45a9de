// Imports started from the web app run in the background so the page can show a progress bar.
// The upload has been streamed to a temporary folder (the route); the same importSurvey service
// runs in a worker thread with its own database connection (import-job.worker.ts), so parsing,
// validating, classifying and writing never hold the server's thread (docs/decisions/0016). The
// job's progress and final report are kept in memory for an hour (the report itself is also
// audited); the temporary folder is removed when the job ends, whatever the outcome. Each job is
// also on record (table import_job) from its start to its end: on SIGTERM the server lets running
// jobs finish for a grace period and then stops their threads (the transaction rolls back), and
// a job found still running at the next start is marked failed, IMPORT_INTERRUPTED
// (docs/decisions/0028-operations.md).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError, catalogue, isAppError, type ErrorCode, type ErrorParams } from '../../errors.js';
import type { Config } from '../../config.js';
import type { Actor, Deps } from '../deps.js';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../ts-worker.js';
import {
  failRunningImportJobs,
  findImportJobRow,
  finishImportJob,
  insertImportJob,
} from '../../db/repositories/import-job.repository.js';
import { importSurvey, type ImportOptions, type ImportReport, type ImportSource } from './import.service.js';

export interface ImportJob {
  id: string;
  owner: string;
  state: 'running' | 'done' | 'failed';
  fileName: string;
  /** Records read so far (the page shows it against the file size estimate). */
  read: number;
  startedAt: string;
  finishedAt: string | null;
  report: ImportReport | null;
  error: unknown;
}

const jobs = new Map<string, ImportJob>();
/** The error a failed job ended with (a `?wait=true` upload answers with it). */
const failures = new WeakMap<ImportJob, unknown>();
const KEEP_MS = 60 * 60 * 1000;
/** Jobs not yet ended, with the thread that runs each (none inline) and their end. */
const active = new Map<
  string,
  { job: ImportJob; worker: Worker | undefined; done: Promise<ImportJob>; interrupted: boolean }
>();
let stopping = false;
const finished = { done: 0, failed: 0 };

export type JobOptions = Omit<ImportOptions, 'progress' | 'errorReport' | 'writer'>;

/** What the worker thread is started with (all of it structured-clonable). */
export interface ImportJobInit {
  location: string;
  config: Config;
  /** The job's start: the import's instant, as inline. */
  at: number;
  actor: Actor;
  source: ImportSource;
  opts: JobOptions;
}

export type FromImportJob =
  | { type: 'progress'; read: number }
  | { type: 'done'; report: ImportReport }
  | {
      type: 'failed';
      error:
        | {
            code: ErrorCode;
            params: ErrorParams;
            field: string | undefined;
            data: Record<string, unknown> | undefined;
          }
        | { message: string };
    }
  /** The thread could not load its module (ts-worker.ts). */
  | { type: 'error'; message: string };

const entry = new URL('./import-job.worker.ts', import.meta.url);

/**
 * Runs the import in a worker thread. An in-memory SQLite database (tests) exists only on this
 * thread's connection: there the import runs inline.
 */
function runImport(
  deps: Deps,
  actor: Actor,
  source: ImportSource,
  opts: JobOptions,
  progress: (read: number) => void,
  onWorker: (worker: Worker) => void,
): Promise<ImportReport> {
  if (deps.db.dialect === 'sqlite' && deps.db.location === ':memory:')
    return importSurvey(deps, actor, source, { ...opts, progress });
  const init: ImportJobInit = {
    location: deps.db.location,
    config: deps.config,
    at: deps.now().getTime(),
    actor,
    source,
    opts,
  };
  const worker = startTsWorker(entry, init);
  onWorker(worker);
  return new Promise<ImportReport>((resolve, reject) => {
    worker.on('message', (msg: FromImportJob) => {
      if (msg.type === 'progress') progress(msg.read);
      else if (msg.type === 'done') resolve(msg.report);
      else if (msg.type === 'error') reject(new Error(`import thread: ${msg.message}`));
      else if ('code' in msg.error) {
        const e = msg.error;
        reject(
          new AppError(e.code, e.params, {
            ...(e.field ? { field: e.field } : {}),
            ...(e.data ? { data: e.data } : {}),
          }),
        );
      } else reject(new Error(`import thread: ${msg.error.message}`));
    });
    worker.on('error', reject);
    // After a settled promise this does nothing.
    worker.on('exit', (code) => reject(new Error(`import thread stopped (${code})`)));
  });
}

/**
 * Starts an import of uploaded files (one JSONL/XLSX/CSV file; a CSV households table may come
 * with its members table) that lie in `dir`, which the job removes when it ends. Returns at
 * once; `done` resolves with the finished job.
 */
export function startImportJob(
  deps: Deps,
  actor: Actor,
  upload: { dir: string; fileName: string; source: ImportSource },
  opts: JobOptions,
): { job: ImportJob; done: Promise<ImportJob> } {
  if (stopping) throw new AppError('SERVER_STOPPING');
  const id = crypto.randomUUID();
  const job: ImportJob = {
    id,
    owner: actor.username,
    state: 'running',
    fileName: upload.fileName,
    read: 0,
    startedAt: deps.now().toISOString(),
    finishedAt: null,
    report: null,
    error: null,
  };
  jobs.set(id, job);
  const entry: {
    job: ImportJob;
    worker: Worker | undefined;
    done: Promise<ImportJob>;
    interrupted: boolean;
  } = { job, worker: undefined, done: Promise.resolve(job), interrupted: false };
  const done = insertImportJob(deps.db.kysely, {
    id,
    owner: job.owner,
    file_name: job.fileName,
    state: 'running',
    read: 0,
    started_at: job.startedAt,
    finished_at: null,
    error_code: null,
  })
    .then(() =>
      runImport(
        deps,
        actor,
        upload.source,
        opts,
        (n) => {
          job.read = n;
        },
        (worker) => {
          entry.worker = worker;
        },
      ),
    )
    .then((report) => {
      job.report = report;
      job.read = report.read;
      job.state = 'done';
    })
    .catch((err: unknown) => {
      job.state = 'failed';
      // A thread stopped by shutdown ends with no report: its transaction was rolled back.
      const cause = entry.interrupted ? new AppError('IMPORT_INTERRUPTED', { fileName: job.fileName }) : err;
      failures.set(job, cause);
      // An unexpected failure's own text stays in the server (the error format's rule for a 500).
      job.error = (isAppError(cause) ? cause : new AppError('INTERNAL', {}, { cause })).toJSON();
    })
    .finally(async () => {
      job.finishedAt = deps.now().toISOString();
      fs.rmSync(upload.dir, { recursive: true, force: true });
      setTimeout(() => jobs.delete(id), KEEP_MS).unref();
      finished[job.state === 'done' ? 'done' : 'failed'] += 1;
      const code =
        job.error && typeof job.error === 'object' ? (job.error as { code?: string }).code : undefined;
      await finishImportJob(deps.db.kysely, id, {
        state: job.state === 'done' ? 'done' : 'failed',
        read: job.read,
        finishedAt: job.finishedAt,
        errorCode: job.state === 'failed' ? (code ?? 'INTERNAL') : null,
      }).catch(() => undefined);
      active.delete(id);
    })
    .then(() => job);
  entry.done = done;
  active.set(id, entry);
  return { job, done };
}

/**
 * Shutdown: no new job starts; running jobs may finish within `graceMs`, then their threads are
 * stopped (each one's open transaction rolls back) and they end failed, IMPORT_INTERRUPTED. An
 * inline job (in-memory database) cannot be stopped and is waited for.
 */
export async function stopImportJobs(graceMs: number): Promise<{ completed: number; interrupted: number }> {
  stopping = true;
  const entries = [...active.values()];
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((r) => (timer = setTimeout(r, graceMs)));
  await Promise.race([Promise.all(entries.map((e) => e.done)), grace]);
  clearTimeout(timer);
  let interrupted = 0;
  for (const e of entries) {
    if (e.job.state !== 'running' || !e.worker) continue;
    e.interrupted = true;
    interrupted += 1;
    await e.worker.terminate();
  }
  await Promise.all(entries.map((e) => e.done));
  return { completed: entries.length - interrupted, interrupted };
}

/** At start: jobs on record as running were cut by a stop or a crash (one server per database). */
export async function failInterruptedImportJobs(deps: Deps): Promise<string[]> {
  return failRunningImportJobs(deps.db.kysely, 'IMPORT_INTERRUPTED', deps.now().toISOString());
}

/** Running jobs and records read so far, jobs ended since start (for /metrics). */
export function importJobStats(): { running: number; read: number; done: number; failed: number } {
  let read = 0;
  for (const e of active.values()) read += e.job.read;
  return { running: active.size, read, ...finished };
}

/** The error a failed job ended with. */
export function failureOf(job: ImportJob): unknown {
  return failures.get(job);
}

/**
 * A job of this user (jobs of others are invisible): from memory while it is kept there, else
 * from the record (a job of an earlier run of the server: its end state and error code only).
 */
export async function findImportJob(deps: Deps, id: string, actor: Actor): Promise<ImportJob | undefined> {
  const job = jobs.get(id);
  if (job) return job.owner === actor.username ? job : undefined;
  const row = await findImportJobRow(deps.db.kysely, id);
  if (!row || row.owner !== actor.username) return undefined;
  const code = row.error_code as ErrorCode | null;
  return {
    id: row.id,
    owner: row.owner,
    state: row.state,
    fileName: row.file_name,
    read: row.read,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    report: null,
    error: code
      ? new AppError(code in catalogue ? code : 'INTERNAL', { fileName: row.file_name }).toJSON()
      : null,
  };
}
