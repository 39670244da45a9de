// Sign-in throttling: after FREE_FAILURES wrong passwords for one key (an account, a client
// address), every further attempt waits a delay that doubles from 1 s up to 15 minutes. While a
// key waits, every attempt is refused before the password is even checked (so the right password
// during the wait is refused too). A success clears the keys it used; a key forgets its failures
// once it has been quiet for FORGET_AFTER_MS. Time is a parameter (no clock here).
// Kept in memory (docs/decisions/0013-permission-table.md): one server process serves a database.

export const FREE_FAILURES = 5;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** A key quiet this long starts again from zero. */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** At most this many keys are kept; the least recently failed go first (a flood of addresses). */
export const MAX_KEYS = 100_000;

interface KeyState {
  failures: number;
  /** Epoch milliseconds before which attempts are refused. */
  lockedUntil: number;
  lastFailure: number;
}

/** The delay imposed after the `failures`-th consecutive failure (0 while under the free tries). */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  const doublings = failures - FREE_FAILURES;
  // 2^20 s is far past the cap: stop doubling before the number grows without need.
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(doublings, 20), MAX_DELAY_MS);
}

export class LoginThrottle {
  private readonly keys = new Map<string, KeyState>();

  /** Milliseconds the caller must still wait before trying `keys` (the longest of them), or 0. */
  waitMs(keys: readonly string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const s = this.live(key, now);
      if (s && s.lockedUntil > now) wait = Math.max(wait, s.lockedUntil - now);
    }
    return wait;
  }

  /** Counts a failure against every key; returns the delay now imposed (ms, the longest). */
  fail(keys: readonly string[], now: number): number {
    let delay = 0;
    for (const key of keys) {
      const s = this.live(key, now) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
      s.failures += 1;
      s.lastFailure = now;
      const d = delayAfter(s.failures);
      s.lockedUntil = now + d;
      delay = Math.max(delay, d);
      // Re-insert so that the Map's order is the order of the last failure (oldest first).
      this.keys.delete(key);
      this.keys.set(key, s);
    }
    while (this.keys.size > MAX_KEYS) {
      const oldest = this.keys.keys().next().value;
      if (oldest === undefined) break;
      this.keys.delete(oldest);
    }
    return delay;
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.keys.delete(key);
  }

  private live(key: string, now: number): KeyState | undefined {
    const s = this.keys.get(key);
    if (s && now - s.lastFailure > FORGET_AFTER_MS) {
      this.keys.delete(key);
      return undefined;
    }
    return s;
  }
}
