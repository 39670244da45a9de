// Worker threads over this repository's TypeScript sources. The sources run through tsx's loader
// (bin/giamngheo.js), and a worker does not inherit it: the worker registers the same loader
// first, then imports its entry module. (tsx's ESM entry, as its package's exports map gives it
// for `import`: the CommonJS one cannot register the loader from a worker.)
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const tsxApi = pathToFileURL(
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
    'dist/esm/api/index.mjs',
  ),
).href;

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((m) => { m.register(); return import(workerData.entry); })
  .catch((err) => require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(err && err.stack || err) }));
`;

/**
 * Starts `entry` (a module URL) in a worker thread; it reads `data` as its workerData, and runs
 * within `resourceLimits` when given (e.g. a larger young generation). A failure to load the
 * module is posted as `{ type: 'error', message }`.
 */
export function startTsWorker(entry: URL, data: object, resourceLimits?: ResourceLimits): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { ...data, tsxApi, entry: entry.href },
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}
