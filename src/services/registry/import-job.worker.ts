// One import started from the server, in its own thread (import-jobs.ts, docs/decisions/0016):
// reading, validating, classifying and writing all happen here, on this thread's own database
// connection, so the server's thread keeps answering requests. The import is the same
// importSurvey as the CLI's, in one transaction: if the process dies half-way, the database
// discards the open transaction and nothing of the import remains.
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../db/database.js';
import { isAppError } from '../../errors.js';
import type { Deps } from '../deps.js';
import { importSurvey } from './import.service.js';
import type { ImportJobInit, FromImportJob } from './import-jobs.js';

const port = parentPort!;
const init = workerData as ImportJobInit;
const db = openDb(init.location);
const deps: Deps = { db, config: init.config, now: () => new Date(init.at) };
const post = (msg: FromImportJob) => port.postMessage(msg);
try {
  const report = await importSurvey(deps, init.actor, init.source, {
    ...init.opts,
    progress: (read) => post({ type: 'progress', read }),
  });
  post({ type: 'done', report });
} catch (err) {
  post({
    type: 'failed',
    error: isAppError(err)
      ? { code: err.code, params: err.params, field: err.field, data: err.data }
      : { message: err instanceof Error ? (err.stack ?? err.message) : String(err) },
  });
} finally {
  await db.close();
}
