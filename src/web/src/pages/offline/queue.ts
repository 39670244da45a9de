// The queue of surveys entered on the device and its sync (issue 15, decision 0036). One queued
// survey per household (saving again replaces it, under a new client id). Sync sends the pending
// ones in the order they were saved, in batches; the server answers each: applied or duplicate
// (done, the device takes the server's version and class), conflict (kept, with the server's
// version, for the officer to resolve), rejected (kept, with the coded error). A batch that gets no
// answer (the network dropped) stops the sync and keeps it and everything after it, unsent.
// Pure: the store and the transport are passed in, so the order and the outcomes are unit-tested.
import type { OfflineSyncItem, OfflineSyncResult } from '../../../../http/schemas/offline';

export type QueueState = 'pending' | 'conflict' | 'rejected';

export interface QueueItem {
  /** The household's number in the device's index. */
  n: number;
  /** Order of saving. */
  seq: number;
  clientId: string;
  householdId: string;
  baseVersion: number | null;
  survey: Record<string, unknown>;
  address: string | null;
  villageId: number | null;
  /** The house photo, resized on the device (JPEG data URL). */
  photo: string | null;
  /** Where the survey was filled in, if allowed; `at`: when the device took it (ISO instant). */
  position: { lat: number; lon: number; accuracy: number; at?: string } | null;
  /** The class computed on the device, shown at the door. */
  provisional: string | null;
  state: QueueState;
  error: NonNullable<OfflineSyncResult['error']> | null;
  server: OfflineSyncResult['server'] | null;
  savedAt: string;
  /** The officer saw the possible duplicates the server named and confirms. */
  confirmDuplicates?: boolean;
}

export interface SyncPorts {
  send(items: OfflineSyncItem[]): Promise<OfflineSyncResult[]>;
  /** A survey the server took: drop it from the queue and keep the server's version and class. */
  applied(item: QueueItem, result: OfflineSyncResult): Promise<void>;
  /** A survey kept in the queue with its new state. */
  kept(item: QueueItem): Promise<void>;
  progress(done: number, total: number): void;
}

export interface SyncSummary {
  applied: number;
  conflicts: number;
  rejected: number;
  /** Surveys not sent because the connection failed (they stay queued, in order). */
  unsent: number;
  failure: unknown;
}

export const BATCH = 20;

export function syncItemOf(q: QueueItem): OfflineSyncItem {
  return {
    clientId: q.clientId,
    householdId: q.householdId,
    baseVersion: q.baseVersion,
    survey: q.survey as OfflineSyncItem['survey'],
    address: q.address,
    villageId: q.villageId,
    ...(q.photo ? { photo: q.photo } : {}),
    ...(q.position ? { position: q.position } : {}),
    ...(q.confirmDuplicates ? { confirmDuplicates: true } : {}),
  };
}

/** Sends the pending surveys of `queue` in order. */
export async function syncQueue(queue: readonly QueueItem[], ports: SyncPorts): Promise<SyncSummary> {
  const pending = queue.filter((q) => q.state === 'pending').sort((a, b) => a.seq - b.seq);
  const summary: SyncSummary = { applied: 0, conflicts: 0, rejected: 0, unsent: 0, failure: null };
  let done = 0;
  ports.progress(0, pending.length);
  for (let i = 0; i < pending.length; i += BATCH) {
    const batch = pending.slice(i, i + BATCH);
    let results: OfflineSyncResult[];
    try {
      results = await ports.send(batch.map(syncItemOf));
    } catch (err) {
      summary.unsent = pending.length - i;
      summary.failure = err;
      return summary;
    }
    for (const item of batch) {
      const r = results.find((x) => x.clientId === item.clientId);
      if (!r) {
        summary.unsent += 1;
        continue;
      }
      if (r.status === 'applied' || r.status === 'duplicate') {
        await ports.applied(item, r);
        summary.applied += 1;
      } else if (r.status === 'conflict') {
        await ports.kept({ ...item, state: 'conflict', server: r.server ?? null, error: null });
        summary.conflicts += 1;
      } else {
        await ports.kept({ ...item, state: 'rejected', error: r.error ?? null, server: null });
        summary.rejected += 1;
      }
      done += 1;
      ports.progress(done, pending.length);
    }
  }
  return summary;
}

/** A client id: a random UUID (crypto.randomUUID needs a secure context, which the app has). */
export function newClientId(): string {
  return globalThis.crypto.randomUUID();
}
