// The write side of a large SQLite import, in its own thread (see sqlite-thread.ts). It opens its
// own connection to the database file, holds the import's one transaction, writes the households
// it is sent with the bulk writer, and at the end either commits (word index, aggregate cells and
// the audit entry in the same transaction) or rolls back. If the thread dies, its connection
// closes and SQLite discards the uncommitted transaction: nothing is half-written.
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../database.js';
import { AggregateDeltas } from '../../domain/registry/aggregates.js';
import { applyAggregateDeltas } from './aggregates.js';
import { sqliteBulkWriter } from './sqlite-bulk.js';
import { insertAudit, type AuditEntry } from '../repositories/audit.repository.js';
import { deferSearchIndex } from '../repositories/household-search.repository.js';
import type { ToWriter, WriterInit } from './sqlite-thread.js';

const port = parentPort!;
const init = workerData as WriterInit;
const db = openDb(init.location);
const h = db.sqlite!;
// This thread may block: wait for a write of the command's own thread (openDb sets no wait).
h.pragma('busy_timeout = 5000');

function fail(err: unknown): void {
  try {
    if (h.inTransaction) h.exec('ROLLBACK');
  } catch {
    // The connection is closed below; SQLite discards the transaction anyway.
  }
  port.postMessage({
    type: 'error',
    message: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
}

try {
  h.exec('BEGIN IMMEDIATE');
  const bulk = sqliteBulkWriter(db);
  const searchIndex = deferSearchIndex(db, init.writeOpts.at);
  const deltas = new AggregateDeltas();
  port.on('message', (msg: ToWriter) => {
    if (msg.type === 'batch') {
      try {
        const outcomes = msg.writes.map((w) => {
          const o = bulk.write(w, init.writeOpts, deltas);
          return o.ok ? { ok: true as const, created: o.created } : { ok: false as const, code: o.code };
        });
        port.postMessage({ type: 'outcomes', id: msg.id, outcomes });
      } catch (err) {
        fail(err);
      }
      return;
    }
    void (async () => {
      try {
        if (msg.commit) {
          searchIndex.finish();
          await applyAggregateDeltas(db.kysely, deltas.values());
          await insertAudit(db.kysely, msg.audit as AuditEntry);
          h.exec('COMMIT');
        } else h.exec('ROLLBACK');
        await db.close();
        port.postMessage({ type: 'done' });
      } catch (err) {
        fail(err);
      }
    })();
  });
  port.postMessage({ type: 'ready' });
} catch (err) {
  fail(err);
}
