// Builders for test data: sensible defaults, fixed dates, deterministic ids; each creates the
// parents it needs.
import { createUser, login } from '../../src/services/users.service.js';
import { SYSTEM, type Role } from '../../src/services/deps.js';
import type { Deps } from '../../src/services/deps.js';

let seq = 0;

export async function buildUser(
  deps: Deps,
  overrides: { role?: Role; unitCode?: string | null; username?: string; password?: string } = {},
) {
  seq += 1;
  const password = overrides.password ?? 'correct horse battery';
  const user = await createUser(deps, SYSTEM, {
    username: overrides.username ?? `user${seq}`,
    password,
    role: overrides.role ?? 'commune-officer',
    unitCode: overrides.unitCode === undefined ? '14830' : overrides.unitCode,
  });
  return { user, password };
}

/** A signed-in session: the cookie header and CSRF token to pass to app.inject. */
export async function buildSession(deps: Deps, overrides: Parameters<typeof buildUser>[1] = {}) {
  const { user, password } = await buildUser(deps, overrides);
  const s = await login(deps, user.username, password);
  return { user, cookie: `gn_session=${s.token}`, csrf: s.csrfToken };
}
