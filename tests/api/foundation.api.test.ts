// The foundation's HTTP behaviour through app.inject: health, sign-in, CSRF, role and unit scope,
// and coded errors (Vietnamese and English, never a 500) for bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession, buildUser } from '../support/builders.js';

for (const dialect of DIALECTS) {
  describe(`foundation API (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    beforeAll(async () => {
      deps = await makeDeps(dialect);
      app = await buildApp(deps);
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
    });

    it('GET /api/health answers {"status":"ok"} (and the engine, the schema: tests/api/operations.api.test.ts)', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/health' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ status: 'ok' });
    });

    it('serves the OpenAPI document', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(r.statusCode).toBe(200);
      const doc = r.json() as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toContain('/api/v1/units/{code}');
    });

    it('signs in, tells who is signed in, signs out', async () => {
      const { user, password } = await buildUser(deps, { username: 'canbo.trungson' });
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'canbo.trungson', password },
      });
      expect(login.statusCode).toBe(200);
      const setCookie = String(login.headers['set-cookie']);
      expect(setCookie).toMatch(/gn_session=[^;]+;/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const cookie = setCookie.split(';')[0]!;
      const { csrfToken } = login.json() as { csrfToken: string };
      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      expect(me.json()).toMatchObject({ user: { id: user.id, role: 'commune-officer', unitCode: '14830' } });
      const out = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      expect(out.statusCode).toBe(200);
      const after = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('AUTH_REQUIRED');
    });

    it('a wrong password is AUTH_INVALID_CREDENTIALS in Vietnamese and English', async () => {
      await buildUser(deps, { username: 'sai.matkhau' });
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'sai.matkhau', password: 'nope-nope' },
      });
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toMatchObject({
        code: 'AUTH_INVALID_CREDENTIALS',
        message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
        messageEn: 'The username or password is incorrect.',
      });
      const en = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'accept-language': 'en-US,en;q=0.8' },
        payload: { username: 'nobody-here', password: 'whatever1' },
      });
      expect(en.json().error.message).toBe('The username or password is incorrect.');
    });

    it('a state-changing call without the CSRF token is refused and writes nothing', async () => {
      const s = await buildSession(deps, { unitCode: '14830' });
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/units/14830/villages',
        headers: { cookie: s.cookie },
        payload: { name: 'Tổ dân phố CSRF', kind: 'to-dan-pho', on: '2024-06-07' },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('CSRF_INVALID');
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/units/14830/villages?on=2024-06-07',
        headers: { cookie: s.cookie },
      });
      expect(list.json().items.map((v: { name: string }) => v.name)).not.toContain('Tổ dân phố CSRF');
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/units/14830/villages',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: { name: 'Tổ dân phố CSRF', kind: 'to-dan-pho', on: '2024-06-07' },
      });
      expect(ok.statusCode).toBe(200);
      const rows = await deps.db.kysely
        .selectFrom('village')
        .selectAll()
        .where('name', '=', 'Tổ dân phố CSRF')
        .execute();
      expect(rows).toHaveLength(1);
      const audit = await deps.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', 'village')
        .execute();
      expect(audit.some((a) => a.entity_id === String(rows[0]!.id) && a.actor === s.user.username)).toBe(
        true,
      );
    });

    it('a commune officer never reaches another commune', async () => {
      const s = await buildSession(deps, { unitCode: '14830' });
      const r = await app.inject({
        method: 'GET',
        url: '/api/v1/units/16516/villages?on=2024-06-07',
        headers: { cookie: s.cookie },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
      expect(r.json().error.messageEn).toContain('16516');
      const w = await app.inject({
        method: 'POST',
        url: '/api/v1/units/16516/villages',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: { name: 'Thôn lạ', kind: 'thon', on: '2024-06-07' },
      });
      expect(w.statusCode).toBe(403);
    });

    it('a city-level officer reaches the wards of its city, before and after the reform', async () => {
      const s = await buildSession(deps, { role: 'province-officer', unitCode: '382' });
      const before = await app.inject({
        method: 'GET',
        url: '/api/v1/units/14830/villages?on=2024-06-07',
        headers: { cookie: s.cookie },
      });
      expect(before.statusCode).toBe(200);
      const after = await app.inject({
        method: 'GET',
        url: '/api/v1/units/16531/villages?on=2025-07-01',
        headers: { cookie: s.cookie },
      });
      expect(after.statusCode).toBe(200);
      const elsewhere = await app.inject({
        method: 'GET',
        url: '/api/v1/units/14758/villages?on=2024-06-07',
        headers: { cookie: s.cookie },
      });
      expect(elsewhere.statusCode).toBe(403);
    });

    it('a role outside the route list is FORBIDDEN_ROLE', async () => {
      const s = await buildSession(deps, { role: 'supervisor', unitCode: '382' });
      const r = await app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: s.cookie } });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN_ROLE');
    });

    it('an unknown unit code and a malformed date are coded errors, not 500s', async () => {
      const s = await buildSession(deps);
      const unknown = await app.inject({
        method: 'GET',
        url: '/api/v1/units/99999?on=2024-01-01',
        headers: { cookie: s.cookie },
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'UNIT_NOT_FOUND', field: 'code' });
      const bad = await app.inject({
        method: 'GET',
        url: '/api/v1/units/16516?on=2024-02-30',
        headers: { cookie: s.cookie },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'DATE_INVALID', field: 'on' });
      const moved = await app.inject({
        method: 'GET',
        url: '/api/v1/units/14830?on=2025-07-01',
        headers: { cookie: s.cookie },
      });
      expect(moved.json().error.successors[0].code).toBe('16531');
    });

    it('a body missing a field names the field', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x' } });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'password' });
    });

    it('an unknown API route is a coded 404', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('ROUTE_NOT_FOUND');
    });

    it('anonymous callers get AUTH_REQUIRED on protected routes', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/v1/units?on=2024-01-01' });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('AUTH_REQUIRED');
    });
  });
}
