// The write side of a large PostgreSQL import, in its own thread (see writer-thread.ts). It leases
// one connection of its own, holds the import's one transaction on it, writes the batches it is
// sent as the inline path does (batch.ts, new rows by COPY: pg-copy.ts), and at the end either
// commits (the tally, the aggregate cells and the audit entry in the same transaction) or rolls
// back. If the thread dies, its connection closes and the server discards the transaction:
// nothing is half-written.
//
// A batch is started as soon as it arrives, without waiting for the one before: the statements of
// each are queued on the one connection in the order they are issued (a COPY's text waits in its
// stream until its turn), so this thread formats the next batch's rows while the server ingests
// the previous one's. The households of an import have distinct keys, so the batches touch
// distinct rows; what they share here (the cells, the tally, the provinces seen) is added to in
// this thread's one event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { openDb } from '../database.js';
import { AggregateDeltas } from '../../domain/registry/aggregates.js';
import { insertAudit, type AuditEntry } from '../repositories/audit.repository.js';
import { pgTextCopier, singleClientKysely } from '../repositories/pg-copy.repository.js';
import { applyAggregateDeltasByCopy, applyTallyDeltas, keepTallyInWriter } from './aggregates.js';
import { ImportBatches, writeHouseholdBatch } from './batch.js';
import { copyRows } from './pg-copy.js';
import type { ImportOutcome } from './types.js';
import type { ToWriter, WriterInit } from './writer-thread.js';

const port = parentPort!;
const init = workerData as WriterInit;

async function main(): Promise<void> {
  const db = openDb(init.location);
  const lease = await singleClientKysely(db.pool!);
  const trx = lease.kysely;
  const copy = pgTextCopier(lease.client, lease.turns);
  const rows = copyRows(copy);
  const deltas = new AggregateDeltas();
  const provinces = new ImportBatches(true);
  const inFlight = new Set<Promise<void>>();
  let failed = false;

  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    port.postMessage({
      type: 'error',
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  };
  const close = async () => {
    await lease.release().catch(() => undefined);
    await db.close().catch(() => undefined);
  };

  await sql`BEGIN`.execute(trx);
  await keepTallyInWriter(trx);
  port.on('message', (msg: ToWriter) => {
    if (msg.type === 'batch') {
      if (failed) return;
      const written = writeHouseholdBatch(trx, msg.writes, init.writeOpts, deltas, rows, provinces).then(
        (outcomes) => {
          const back: ImportOutcome[] = outcomes.map((o) =>
            o.ok ? { ok: true, created: o.created } : { ok: false, code: o.code },
          );
          port.postMessage({ type: 'outcomes', id: msg.id, outcomes: back });
        },
        fail,
      );
      inFlight.add(written);
      void written.finally(() => inFlight.delete(written));
      return;
    }
    void (async () => {
      try {
        // No statement of a batch may still be queued when the transaction ends.
        await Promise.all(inFlight);
        if (msg.commit && !failed) {
          await applyTallyDeltas(trx, provinces.tally.values());
          await applyAggregateDeltasByCopy(trx, copy, deltas.values());
          await insertAudit(trx, msg.audit as AuditEntry);
          await sql`COMMIT`.execute(trx);
        } else await sql`ROLLBACK`.execute(trx);
        await close();
        if (!failed) port.postMessage({ type: 'done' });
      } catch (err) {
        await sql`ROLLBACK`.execute(trx).catch(() => undefined);
        await close();
        fail(err);
      }
    })();
  });
  port.postMessage({ type: 'ready' });
}

main().catch((err: unknown) => {
  port.postMessage({
    type: 'error',
    message: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
});
