// Accounts, sign-in and sessions. Passwords are hashed with argon2id; a session is a random token
// kept by the browser in an httpOnly cookie, stored here only as its SHA-256.
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError, isAppError } from '../errors.js';
import { withWriteWait } from '../db/database.js';
import {
  deleteSession,
  extendSession,
  findLiveSession,
  findUserByUsername,
  insertSession,
  insertUser,
  listUsers as listUserRows,
} from '../db/repositories/users.repository.js';
import { insertAudit } from '../db/repositories/audit.repository.js';
import { findUnitVersions } from '../db/repositories/units.repository.js';
import { requirePermission } from './access.js';
import { actorId, actorName, isRole, nowIso, ROLES, type Actor, type Deps, type Role } from './deps.js';
import { roleMayBeNational } from '../domain/access/permissions.js';
import { passwordProblem } from '../domain/access/password-policy.js';
import { LoginThrottle } from '../domain/access/login-throttle.js';

export { MIN_PASSWORD_LENGTH } from '../domain/access/password-policy.js';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  active: boolean;
}

export interface NewUser {
  username: string;
  password: string;
  role: string;
  unitCode?: string | null;
  displayName?: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export async function createUser(deps: Deps, actor: Actor, input: NewUser): Promise<UserView> {
  requirePermission(actor, 'users.manage');
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new AppError(
      'FIELD_INVALID',
      { field: 'username', detail: 'a–z, 0–9, . _ - (3–64) / chữ thường không dấu, số, . _ - (3–64 ký tự)' },
      { field: 'username' },
    );
  }
  if (!isRole(input.role))
    throw new AppError('ROLE_UNKNOWN', { role: input.role, allowed: ROLES.join(', ') }, { field: 'role' });
  const role: Role = input.role;
  const problem = passwordProblem(input.password, username);
  if (problem) throw new AppError(problem.code, problem.params, { field: 'password' });
  const unitCode = input.unitCode?.trim() || null;
  // Every role works within a unit; a nationwide scope (no unit) is for the administrator only.
  if (!unitCode && !roleMayBeNational(role))
    throw new AppError('UNIT_SCOPE_REQUIRED', { role }, { field: 'unit' });
  const db = deps.db.kysely;
  if (unitCode && (await findUnitVersions(db, unitCode)).length === 0) {
    throw new AppError('UNIT_NOT_FOUND', { code: unitCode, date: '—' }, { field: 'unit' });
  }
  const passwordHash = await hash(input.password);
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, username))
      throw new AppError('USERNAME_TAKEN', { username }, { field: 'username' });
    const row = await insertUser(trx, {
      username,
      display_name: input.displayName?.trim() || username,
      password_hash: passwordHash,
      role,
      unit_code: unitCode,
      active: 1,
      created_at: at,
      updated_at: at,
    });
    const view = toView(row);
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'create',
      entity: 'user',
      entityId: String(row.id),
      unitCode,
      after: view,
    });
    return view;
  });
}

function toView(row: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  unit_code: string | null;
  active: number;
}): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    unitCode: row.unit_code,
    active: row.active === 1,
  };
}

export async function listUsers(deps: Deps, actor: Actor): Promise<UserView[]> {
  requirePermission(actor, 'users.manage');
  return (await listUserRows(deps.db.kysely)).map(toView);
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export interface SessionInfo {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: UserView;
}

// A hash computed once so that an unknown username costs as much as a wrong password.
let decoyHash: Promise<string> | undefined;

// One throttle per database: the server process and whatever else signs in against the same
// handle share it (docs/decisions/0013-permission-table.md: kept in memory, one process).
const throttles = new WeakMap<object, LoginThrottle>();
function throttleOf(deps: Deps): LoginThrottle {
  let t = throttles.get(deps.db);
  if (!t) {
    t = new LoginThrottle();
    throttles.set(deps.db, t);
  }
  return t;
}

export interface LoginClient {
  /** The client's address as the HTTP edge sees it (after the configured proxy trust). */
  address?: string;
}

/**
 * Signs in. Failures count per account and per client address; past five, each further attempt
 * waits a doubling delay (AUTH_THROTTLED, with `retryAfter` seconds) and is refused without
 * looking at the password. Every failure is audited.
 */
export async function login(
  deps: Deps,
  username: string,
  password: string,
  client: LoginClient = {},
): Promise<SessionInfo> {
  const db = deps.db.kysely;
  const name = username.trim().toLowerCase();
  const keys = [`user:${name}`, ...(client.address ? [`addr:${client.address}`] : [])];
  const throttle = throttleOf(deps);
  const wait = throttle.waitMs(keys, deps.now().getTime());
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new AppError('AUTH_THROTTLED', { seconds }, { data: { retryAfter: seconds } });
  }
  const user = await findUserByUsername(db, name);
  let ok = false;
  if (user) {
    ok = await verify(user.password_hash, password).catch(() => false);
  } else {
    decoyHash ??= hash('decoy-password-for-timing');
    await verify(await decoyHash, password).catch(() => false);
  }
  if (!ok) {
    const now = deps.now();
    const delay = throttle.fail(keys, now.getTime());
    await insertAudit(db, {
      at: now.toISOString(),
      actorId: user?.id ?? null,
      actor: name.slice(0, 64),
      action: 'login-failed',
      entity: 'user',
      entityId: user ? String(user.id) : name.slice(0, 64),
      after: {
        reason: user ? 'wrong-password' : 'unknown-user',
        address: client.address ?? null,
        lockedForSeconds: Math.ceil(delay / 1000),
      },
    });
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (!user) throw new AppError('AUTH_INVALID_CREDENTIALS');
  throttle.succeed(keys);
  if (user.active !== 1) throw new AppError('AUTH_ACCOUNT_DISABLED');
  if (user.unit_code === null && !(isRole(user.role) && roleMayBeNational(user.role)))
    throw new AppError('AUTH_ACCOUNT_UNSCOPED');
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionHours * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      id: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    await insertAudit(trx, {
      at: now.toISOString(),
      actorId: user.id,
      actor: user.username,
      action: 'login',
      entity: 'user',
      entityId: String(user.id),
    });
  });
  return { token, csrfToken, expiresAt, user: toView(user) };
}

export interface ResolvedSession {
  actor: Extract<Actor, { kind: 'user' }>;
  csrfToken: string;
  user: UserView;
}

/** The session behind a cookie token, sliding its expiry; undefined when absent or expired. */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | undefined> {
  const db = deps.db.kysely;
  const now = deps.now();
  const s = await findLiveSession(db, sha256(token), now.toISOString());
  if (!s || s.active !== 1 || !isRole(s.role)) return undefined;
  // An account left without a unit from before units were required has no scope, not the country.
  if (s.unitCode === null && !roleMayBeNational(s.role)) return undefined;
  const renewed = new Date(now.getTime() + deps.config.sessionHours * 3_600_000);
  // Only write when at least a minute has passed: no write per request.
  // While an import holds SQLite's write lock (decision 0016) the renewal is skipped, not awaited:
  // a later request renews the session.
  if (renewed.getTime() - Date.parse(s.expiresAt) > 60_000)
    await withWriteWait(0, () => extendSession(db, s.sessionId, renewed.toISOString())).catch(
      (err: unknown) => {
        if (!(isAppError(err) && err.code === 'DATABASE_BUSY')) throw err;
      },
    );
  const user: UserView = {
    id: s.userId,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    unitCode: s.unitCode,
    active: true,
  };
  return {
    actor: { kind: 'user', id: s.userId, username: s.username, role: s.role, unitCode: s.unitCode },
    csrfToken: s.csrfToken,
    user,
  };
}

export async function logout(deps: Deps, token: string): Promise<void> {
  await deleteSession(deps.db.kysely, sha256(token));
}
