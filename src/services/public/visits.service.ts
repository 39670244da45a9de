// Visit counter and "N người đang online" without tracking. A visitor is recognised only by an
// keyed hash of (address, user agent) under a random salt drawn for the current Vietnam day and kept in
// memory: nothing about the visitor is written anywhere, no cookie is set, and when the day
// changes the salt and every hash are discarded, so yesterday's visitors cannot be linked to
// today's. The total is kept in the database; increments are batched and flushed periodically
// (one UPSERT per flush), so counting costs a hash and a map update per page view. Several server
// processes may share the database: each reports its count of people online (a number, nothing
// else) at every flush and adds the others' fresh reports to its own. The figures a
// page shows are a snapshot re-taken when they can have changed (a visit began, someone came
// online, a flush re-read the total) or a second has passed (someone went offline), so a page
// view does not walk the visitor map and pages can be cached with the same figures.
import crypto from 'node:crypto';
import {
  addToCounter,
  getCounter,
  othersOnline,
  reportPresence,
} from '../../db/repositories/portal.repository.js';
import { vnDateOf } from '../../domain/dates.js';
import type { Deps } from '../deps.js';

/** A visitor unseen for this long starts a new visit. */
export const VISIT_GAP_MS = 30 * 60 * 1000;
/** Seen within this window: "online". */
export const ONLINE_WINDOW_MS = 5 * 60 * 1000;
/** Another process's report of its people online counts while younger than this (flushes come every 15 s). */
const PRESENCE_FRESH_MS = 60 * 1000;
/** The longest a snapshot of the figures is reused when nothing marked it stale. */
const SNAPSHOT_MS = 1000;
const COUNTER_KEY = 'visits';

export interface VisitStats {
  totalVisits: number;
  online: number;
}

export class VisitCounter {
  private day = '';
  private dayStart = 0;
  private dayEnd = 0;
  /** 32 random bytes (base64url), drawn for the current Vietnam day. */
  private salt = '';
  /** hash → last seen (ms). Emptied with the salt when the day changes. */
  private lastSeen = new Map<string, number>();
  private pending = 0;
  private stored: number | undefined;
  private flushing: Promise<void> | undefined;
  private snapshot: { stats: VisitStats; at: number } | undefined;
  /** This process, among the server processes sharing the database (for "people online"). */
  private readonly instance = crypto.randomBytes(12).toString('base64url');
  /** People online in the other processes, as of the last flush. */
  private others = 0;

  constructor(private readonly deps: Deps) {}

  private rotate(nowMs: number): void {
    // Cheap path: still within the Vietnam day the salt was drawn for.
    if (nowMs >= this.dayStart && nowMs < this.dayEnd) return;
    const today = vnDateOf(new Date(nowMs));
    if (today !== this.day) {
      this.day = today;
      this.salt = crypto.randomBytes(32).toString('base64url');
      this.lastSeen = new Map();
      this.snapshot = undefined;
    }
    // Midnight in Vietnam (GMT+7) is 17:00 UTC the day before.
    this.dayStart = Date.parse(`${today}T00:00:00+07:00`);
    this.dayEnd = this.dayStart + 86_400_000;
  }

  /** Records a page view from this address and user agent; returns whether it began a visit. */
  record(address: string, userAgent: string, nowMs = this.deps.now().getTime()): boolean {
    this.rotate(nowMs);
    // A keyed hash (the secret salt first) in one call: an Hmac object per page view cost more
    // than the rest of a cached page's work. Only equality of hashes is ever used.
    const hash = crypto.hash('sha256', `${this.salt}\u0000${address}\u0000${userAgent}`, 'base64url');
    const previous = this.lastSeen.get(hash);
    this.lastSeen.set(hash, nowMs);
    const isNew = previous === undefined || nowMs - previous > VISIT_GAP_MS;
    if (isNew) this.pending += 1;
    if (previous === undefined || nowMs - previous > ONLINE_WINDOW_MS) this.snapshot = undefined;
    // Keep the map small: forget visitors idle longer than a visit gap (they count anew anyway).
    if (this.lastSeen.size > 10_000) this.prune(nowMs);
    return isNew;
  }

  private prune(nowMs: number): void {
    for (const [h, t] of this.lastSeen) if (nowMs - t > VISIT_GAP_MS) this.lastSeen.delete(h);
  }

  online(): number {
    const nowMs = this.deps.now().getTime();
    this.rotate(nowMs);
    let n = 0;
    for (const t of this.lastSeen.values()) if (nowMs - t <= ONLINE_WINDOW_MS) n += 1;
    return n;
  }

  /**
   * Writes the batched increments and re-reads the total (other processes count too). Safe to call
   * concurrently; a failed write keeps the increments for the next flush.
   */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const n = this.pending;
    this.pending = 0;
    this.flushing = (async () => {
      try {
        const db = this.deps.db.kysely;
        if (n > 0) await addToCounter(db, COUNTER_KEY, n);
        this.stored = await getCounter(db, COUNTER_KEY);
        const nowMs = this.deps.now().getTime();
        const iso = (ms: number) => new Date(ms).toISOString();
        await reportPresence(
          db,
          this.instance,
          this.online(),
          iso(nowMs),
          iso(nowMs - 2 * PRESENCE_FRESH_MS),
        );
        this.others = await othersOnline(db, this.instance, iso(nowMs - PRESENCE_FRESH_MS));
        this.snapshot = undefined;
      } catch (err) {
        this.pending += n;
        throw err;
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }

  /**
   * The figures to show. The same object is returned while it is current, so callers may key
   * caches on it.
   */
  /** The figures while the snapshot is current, without a promise (a cached page's hot path). */
  statsNow(nowMs = this.deps.now().getTime()): VisitStats | undefined {
    const snap = this.snapshot;
    if (this.stored === undefined || !snap) return undefined;
    return nowMs >= snap.at && nowMs - snap.at < SNAPSHOT_MS ? snap.stats : undefined;
  }

  async stats(): Promise<VisitStats> {
    if (this.stored === undefined) {
      this.stored = await getCounter(this.deps.db.kysely, COUNTER_KEY);
      this.snapshot = undefined;
    }
    const nowMs = this.deps.now().getTime();
    const snap = this.snapshot;
    if (snap && nowMs >= snap.at && nowMs - snap.at < SNAPSHOT_MS) return snap.stats;
    const stats = { totalVisits: this.stored + this.pending, online: this.online() + this.others };
    this.snapshot = { stats, at: nowMs };
    return stats;
  }
}
