// Imports started from the web app run in the background so the page can show a progress bar.
// The upload has been streamed to a temporary folder (the route); the same importSurvey service
// runs in a worker thread with its own database connection (import-job.worker.ts), so parsing,
// validating, classifying and writing never hold the server's thread (docs/decisions/0016). The
// job's progress and final report are kept in memory for an hour (the report itself is also
// audited); the temporary folder is removed when the job ends, whatever the outcome.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError, isAppError, type ErrorCode, type ErrorParams } from '../../errors.js';
import type { Config } from '../../config.js';
import type { Actor, Deps } from '../deps.js';
import { startTsWorker } from '../ts-worker.js';
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
  const done = runImport(deps, actor, upload.source, opts, (n) => {
    job.read = n;
  })
    .then((report) => {
      job.report = report;
      job.read = report.read;
      job.state = 'done';
    })
    .catch((err: unknown) => {
      job.state = 'failed';
      failures.set(job, err);
      // An unexpected failure's own text stays in the server (the error format's rule for a 500).
      job.error = (isAppError(err) ? err : new AppError('INTERNAL', {}, { cause: err })).toJSON();
    })
    .finally(() => {
      job.finishedAt = deps.now().toISOString();
      fs.rmSync(upload.dir, { recursive: true, force: true });
      setTimeout(() => jobs.delete(id), KEEP_MS).unref();
    })
    .then(() => job);
  return { job, done };
}

/** The error a failed job ended with. */
export function failureOf(job: ImportJob): unknown {
  return failures.get(job);
}

/** A job of this user (jobs of others are invisible). */
export function findImportJob(id: string, actor: Actor): ImportJob | undefined {
  const job = jobs.get(id);
  return job && job.owner === actor.username ? job : undefined;
}
