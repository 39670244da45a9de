// One worker thread of the classify pool (classify-pool.ts): its own database connection and
// classifier; for each piece of whole lines, the output text of its lines as the command writes
// them on one thread, and how many records it read and refused.
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../db/database.js';
import type { Deps } from '../deps.js';
import { createClassifier } from '../classification.service.js';
import { classifyPiece } from './classify-pool.js';
import type { ClassifyPoolInit, FromClassifyWorker, ToClassifyWorker } from './classify-pool.js';

const port = parentPort!;
const init = workerData as ClassifyPoolInit;
const db = openDb(init.location);
const deps: Deps = { db, config: init.config, now: () => new Date() };
const post = (msg: FromClassifyWorker) => port.postMessage(msg);
const failed = (err: unknown) =>
  post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });

try {
  const classifier = await createClassifier(deps, init.options);
  // Pieces are classified one after the other: a unit looked up in the database may await.
  let queue = Promise.resolve();
  port.on('message', (m: ToClassifyWorker) => {
    if ('type' in m) {
      queue = queue.then(async () => {
        await db.close();
        port.close();
      });
      return;
    }
    queue = queue.then(async () => {
      const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
      post({ type: 'piece', seq: m.seq, ...(await classifyPiece(classifier, { bytes, first: m.first })) });
    });
    queue.catch(failed);
  });
  post({ type: 'ready' });
} catch (err) {
  failed(err);
  await db.close();
}
