// Imports started from the web app run in the background so the page can show a progress bar:
// the upload is saved to a temporary folder, the same importSurvey service runs, and the job's
// progress and final report are kept in memory for an hour (the report itself is also audited).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAppError } from '../../errors.js';
import type { Actor, Deps } from '../deps.js';
import { importSurvey, sourceOf, type ImportOptions, type ImportReport } from './import.service.js';

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
const KEEP_MS = 60 * 60 * 1000;

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/**
 * Starts an import of uploaded files (one JSONL/XLSX/CSV file; a CSV households table may come
 * with its members table). Returns at once; `done` resolves with the finished job.
 */
export function startImportJob(
  deps: Deps,
  actor: Actor,
  files: { main: UploadedFile; members?: UploadedFile },
  opts: Omit<ImportOptions, 'progress' | 'errorReport'>,
): { job: ImportJob; done: Promise<ImportJob> } {
  const id = crypto.randomUUID();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-upload-'));
  const safe = (name: string) => path.basename(name).replace(/[^\w.-]+/g, '_') || 'upload';
  const main = path.join(dir, safe(files.main.fileName));
  fs.writeFileSync(main, files.main.data);
  let members: string | undefined;
  if (files.members) {
    members = path.join(dir, `members-${safe(files.members.fileName)}`);
    fs.writeFileSync(members, files.members.data);
  }
  const job: ImportJob = {
    id,
    owner: actor.username,
    state: 'running',
    fileName: files.main.fileName,
    read: 0,
    startedAt: deps.now().toISOString(),
    finishedAt: null,
    report: null,
    error: null,
  };
  jobs.set(id, job);
  const done = importSurvey(deps, actor, sourceOf(main, members), {
    ...opts,
    progress: (n) => {
      job.read = n;
    },
  })
    .then((report) => {
      job.report = report;
      job.read = report.read;
      job.state = 'done';
    })
    .catch((err: unknown) => {
      job.state = 'failed';
      job.error = isAppError(err) ? err.toJSON() : { code: 'INTERNAL', message: String(err) };
    })
    .finally(() => {
      job.finishedAt = deps.now().toISOString();
      fs.rmSync(dir, { recursive: true, force: true });
      setTimeout(() => jobs.delete(id), KEEP_MS).unref();
    })
    .then(() => job);
  return { job, done };
}

/** A job of this user (jobs of others are invisible). */
export function findImportJob(id: string, actor: Actor): ImportJob | undefined {
  const job = jobs.get(id);
  return job && job.owner === actor.username ? job : undefined;
}
