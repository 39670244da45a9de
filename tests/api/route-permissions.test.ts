// Every API route declares who may call it, from the permission table, and the edge enforces it
// before the body is read: each route answers 401 to an anonymous caller and 403 FORBIDDEN_ROLE
// to every role the table does not give its permission. The README's permission × role table is
// the table itself.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { apiRoutes } from '../../src/http/routes/index.js';
import type { RouteAccess } from '../../src/http/access.js';
import { can, isPermission, PERMISSIONS, ROLES, type Role } from '../../src/domain/access/permissions.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';

interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

/** The API routes exactly as buildApp registers them, seen by an onRoute hook. */
async function declaredRoutes(): Promise<DeclaredRoute[]> {
  const app = Fastify();
  const seen: DeclaredRoute[] = [];
  app.addHook('onRoute', (r: RouteOptions) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      seen.push({ method, url: r.url, access: r.config?.access });
    }
  });
  for (const routes of apiRoutes) await app.register(routes, { prefix: '/api/v1' });
  await app.ready();
  await app.close();
  return seen;
}

/** The README table, generated from the permission table. */
export function permissionMarkdown(): string {
  const head = `| permission | cho phép / allows | ${ROLES.join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = Object.entries(PERMISSIONS).map(
    ([name, row]) =>
      `| \`${name}\` | ${row.vi} / ${row.en} | ${ROLES.map((r) => ((row.roles as readonly string[]).includes(r) ? '✓' : '')).join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n');
}

describe('route declarations', () => {
  it('every API route declares public, user or a permission of the table', async () => {
    const routes = await declaredRoutes();
    expect(routes.length).toBeGreaterThan(60);
    for (const r of routes) {
      const label = `${r.method} ${r.url}`;
      expect(r.access, label).toBeDefined();
      if (typeof r.access === 'object') expect(isPermission(r.access.permission), label).toBe(true);
      else expect(['public', 'user'], label).toContain(r.access);
    }
    // Only sign-in, "who am I", the captcha and the citizens' forms are public; only sign-out is
    // open to any account whatever its role.
    expect(routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/auth/login',
      'GET /api/v1/auth/me',
      'GET /api/v1/captcha',
      'POST /api/v1/comments',
      'POST /api/v1/feedback',
      'GET /api/v1/feedback/:code',
      'POST /api/v1/offline/status',
    ]);
    expect(routes.filter((r) => r.access === 'user').map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/auth/logout',
    ]);
  });

  it('buildApp refuses to start with an API route that declares nothing', async () => {
    const deps = await makeDeps('sqlite');
    try {
      await expect(
        buildApp(deps, {
          plugins: [
            async (a) => {
              a.get('/api/v1/undeclared', async () => ({}));
            },
          ],
        }),
      ).rejects.toThrow(/declares no access rule/);
    } finally {
      await deps.cleanup();
    }
  });

  it('the README shows the permission × role table as it is', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(permissionMarkdown());
  });
});

for (const dialect of DIALECTS) {
  describe(`route permissions enforced (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    const sessions = new Map<Role, { cookie: string; csrf: string }>();
    beforeAll(async () => {
      deps = await makeDeps(dialect);
      app = await buildApp(deps);
      for (const role of ROLES)
        sessions.set(role, await buildSession(deps, { role, unitCode: role === 'admin' ? null : '16516' }));
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('answers 401 to anonymous and 403 to every role without the permission, before reading the body', async () => {
      const routes = await declaredRoutes();
      let refusals = 0;
      for (const r of routes) {
        if (r.access === 'public') continue;
        const url = r.url.replace(/:(\w+)/g, '1');
        const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : '{"truncated":';
        const headers = body ? { 'content-type': 'application/json' } : {};
        const anon = await app.inject({ method: r.method as 'GET', url, headers, payload: body });
        expect(anon.statusCode, `anonymous ${r.method} ${r.url}`).toBe(401);
        if (typeof r.access !== 'object') continue;
        for (const role of ROLES) {
          if (can(role, r.access.permission)) continue;
          const s = sessions.get(role)!;
          const res = await app.inject({
            method: r.method as 'GET',
            url,
            headers: { ...headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
            payload: body,
          });
          expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
          expect(res.json().error.code, `${role} ${r.method} ${r.url}`).toBe('FORBIDDEN_ROLE');
          refusals += 1;
        }
      }
      expect(refusals).toBeGreaterThan(100);
    });
  });
}
