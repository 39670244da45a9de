// Proof-of-work captcha (ALTCHA, computed in the visitor's browser; no third-party service sees
// anything). The HMAC key is generated once per database and kept in `meta`, so challenges stay
// valid across restarts and processes. Expiry is checked against the service clock, and each
// solved challenge is accepted once (its signature is recorded until it expires).
import crypto from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { AppError } from '../../errors.js';
import { getMeta, setMeta } from '../../db/repositories/meta.repository.js';
import { deleteExpiredCaptchas, markCaptchaUsed } from '../../db/repositories/portal.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import type { Db } from '../../db/database.js';
import { nowIso, type Deps } from '../deps.js';

/** How long a challenge may be solved and submitted. */
export const CAPTCHA_TTL_MS = 20 * 60 * 1000;
/**
 * Upper bound of the secret number: about 25k SHA-256 hashes on average, well under a second in a
 * phone's browser, yet a cost per message for a spammer.
 */
export const CAPTCHA_MAX_NUMBER = 50_000;
const KEY = 'portal.captcha-hmac-key';

const keys = new WeakMap<Db, Promise<string>>();

function hmacKey(deps: Deps): Promise<string> {
  let key = keys.get(deps.db);
  if (!key) {
    key = (async () => {
      const existing = await getMeta(deps.db.kysely, KEY);
      if (existing) return existing;
      await setMeta(deps.db.kysely, KEY, crypto.randomBytes(32).toString('hex'));
      // Two processes may race here: whichever write landed last is the key both read back.
      return (await getMeta(deps.db.kysely, KEY))!;
    })();
    key.catch(() => keys.delete(deps.db));
    keys.set(deps.db, key);
  }
  return key;
}

export async function newCaptchaChallenge(deps: Deps): Promise<Challenge> {
  return createChallenge({
    hmacKey: await hmacKey(deps),
    maxnumber: CAPTCHA_MAX_NUMBER,
    expires: new Date(deps.now().getTime() + CAPTCHA_TTL_MS),
  });
}

interface Payload {
  algorithm: 'SHA-256';
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

function parsePayload(raw: unknown): Payload | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    if (raw.length === 0 || raw.length > 4000) return undefined;
    try {
      value = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const p = value as Record<string, unknown>;
  if (
    p.algorithm !== 'SHA-256' ||
    typeof p.challenge !== 'string' ||
    typeof p.salt !== 'string' ||
    typeof p.signature !== 'string' ||
    typeof p.number !== 'number' ||
    !Number.isInteger(p.number)
  ) {
    return undefined;
  }
  return {
    algorithm: 'SHA-256',
    challenge: p.challenge,
    number: p.number,
    salt: p.salt,
    signature: p.signature,
  };
}

/** A solution whose proof of work and signature were checked, not yet spent. */
export interface CheckedCaptcha {
  readonly signature: string;
  readonly expiresAt: string;
}

/**
 * Checks a solved challenge (base64 JSON as the ALTCHA widget sends it, or the object): the proof
 * of work, the server's signature and the expiry. Call it before opening the transaction (it may
 * read the key from the database), then spend the result inside it.
 */
export async function checkCaptcha(deps: Deps, raw: unknown): Promise<CheckedCaptcha> {
  const invalid = () => new AppError('CAPTCHA_INVALID', {}, { field: 'captcha' });
  const payload = parsePayload(raw);
  if (!payload) throw invalid();
  if (!(await verifySolution(payload, await hmacKey(deps), false))) throw invalid();
  const expires = Number(extractParams(payload).expires);
  if (!Number.isFinite(expires) || expires * 1000 < deps.now().getTime()) throw invalid();
  return { signature: payload.signature, expiresAt: new Date(expires * 1000).toISOString() };
}

/**
 * Spends a checked solution inside the caller's transaction: accepted once (a replay is
 * CAPTCHA_INVALID); if the message is then not stored, the solution stays usable.
 */
export async function spendCaptcha(deps: Deps, trx: Executor, captcha: CheckedCaptcha): Promise<void> {
  if (!(await markCaptchaUsed(trx, captcha.signature, captcha.expiresAt))) {
    throw new AppError('CAPTCHA_INVALID', {}, { field: 'captcha' });
  }
  // Housekeeping rides on a write that happens anyway: spent signatures are kept only until expiry.
  await deleteExpiredCaptchas(trx, nowIso(deps));
}
