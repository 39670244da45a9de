// The sync of queued surveys (decision 0036): sent in the order they were saved, in batches; an
// applied or duplicate answer takes the survey off the queue, a conflict or a refusal keeps it with
// the server's answer, and a batch that gets no answer stops the sync with it and the rest kept.
import { describe, expect, it } from 'vitest';
import { BATCH, syncQueue, type QueueItem, type SyncPorts } from './queue';
import type { OfflineSyncItem, OfflineSyncResult } from '../../../../http/schemas/offline';

function item(n: number, seq: number, state: QueueItem['state'] = 'pending'): QueueItem {
  return {
    n,
    seq,
    clientId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    householdId: `H-${n}`,
    baseVersion: 1,
    survey: { householdId: `H-${n}` },
    address: null,
    villageId: null,
    photo: null,
    position: null,
    provisional: 'POOR',
    state,
    error: null,
    server: null,
    savedAt: '2026-12-03T00:00:00.000Z',
  };
}

function ports(answer: (items: OfflineSyncItem[], call: number) => OfflineSyncResult[]) {
  const sent: string[][] = [];
  const applied: number[] = [];
  const kept: QueueItem[] = [];
  const progress: [number, number][] = [];
  const p: SyncPorts = {
    send: async (items) => {
      sent.push(items.map((i) => i.householdId));
      return answer(items, sent.length);
    },
    applied: async (q) => {
      applied.push(q.n);
    },
    kept: async (q) => {
      kept.push(q);
    },
    progress: (d, t) => progress.push([d, t]),
  };
  return { p, sent, applied, kept, progress };
}

const ok = (i: OfflineSyncItem): OfflineSyncResult => ({
  clientId: i.clientId,
  status: 'applied',
  householdId: i.householdId,
  version: 2,
  classification: 'POOR',
  deprivations: [],
  regularReview: null,
});

describe('syncing the queue', () => {
  it('sends pending surveys in the order they were saved, and sorts out each answer', async () => {
    const queue = [item(3, 30), item(1, 10), item(2, 20), item(4, 40, 'conflict')];
    const s = ports((items) =>
      items.map((i): OfflineSyncResult => {
        if (i.householdId === 'H-2')
          return { clientId: i.clientId, status: 'conflict', householdId: 'H-2', server: { version: 5 } };
        if (i.householdId === 'H-3')
          return {
            clientId: i.clientId,
            status: 'rejected',
            householdId: 'H-3',
            error: { code: 'FIELD_REQUIRED', field: 'surveyDate', message: 'x', messageEn: 'x' },
          };
        return ok(i);
      }),
    );
    const summary = await syncQueue(queue, s.p);
    expect(s.sent).toEqual([['H-1', 'H-2', 'H-3']]);
    expect(s.applied).toEqual([1]);
    expect(s.kept.map((k) => [k.n, k.state])).toEqual([
      [2, 'conflict'],
      [3, 'rejected'],
    ]);
    expect(s.kept[0]!.server).toEqual({ version: 5 });
    expect(s.kept[1]!.error).toMatchObject({ field: 'surveyDate' });
    expect(summary).toMatchObject({ applied: 1, conflicts: 1, rejected: 1, unsent: 0 });
    expect(s.progress.at(-1)).toEqual([3, 3]);
  });

  it('stops at a batch without an answer and keeps it and the rest', async () => {
    const queue = Array.from({ length: BATCH * 2 + 3 }, (_, i) => item(i, i));
    const s = ports((items, call) => {
      if (call === 2) throw new Error('network');
      return items.map(ok);
    });
    const summary = await syncQueue(queue, s.p);
    expect(s.sent).toHaveLength(2);
    expect(s.applied).toEqual(Array.from({ length: BATCH }, (_, i) => i));
    expect(summary.unsent).toBe(BATCH + 3);
    expect(summary.failure).toBeInstanceOf(Error);
  });
});
