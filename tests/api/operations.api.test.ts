// Issue 17: /api/health tells whether the database answers and its schema is current (503 with a
// coded reason otherwise); /metrics serves Prometheus text per GIAMNGHEO_METRICS (local, admin,
// off), labelled by route pattern so no household key or search text reaches a metric.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { migrations } from '../../src/db/migrations/index.js';
import { openDb } from '../../src/db/database.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';

type Session = { cookie: string; csrf: string };

for (const dialect of DIALECTS) {
  describe(`health (${dialect})`, () => {
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

    it('answers 200 with the engine and the number of migrations when all is current', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        status: 'ok',
        database: dialect,
        migrations: Object.keys(migrations).length,
      });
    });

    it('answers 503 MIGRATIONS_PENDING when a migration is missing or unknown, in the asked language', async () => {
      const last = Object.keys(migrations).at(-1)!;
      await sql`DELETE FROM schema_migration WHERE name = ${last}`.execute(deps.db.kysely);
      try {
        const res = await app.inject({
          method: 'GET',
          url: '/api/health',
          headers: { 'accept-language': 'en' },
        });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({
          error: { code: 'MIGRATIONS_PENDING', message: expect.stringContaining('1 migrations') as unknown },
        });
      } finally {
        await sql`INSERT INTO schema_migration (name, timestamp) VALUES (${last}, ${new Date().toISOString()})`.execute(
          deps.db.kysely,
        );
      }
      await sql`INSERT INTO schema_migration (name, timestamp) VALUES ('2099-01-01T0000-newer', ${new Date().toISOString()})`.execute(
        deps.db.kysely,
      );
      try {
        const res = await app.inject({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ error: { code: 'MIGRATIONS_PENDING' } });
      } finally {
        await sql`DELETE FROM schema_migration WHERE name = '2099-01-01T0000-newer'`.execute(deps.db.kysely);
      }
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    });
  });

  describe(`health of an unreachable database (${dialect})`, () => {
    it('answers 503 DATABASE_UNREACHABLE, never 500', async () => {
      const deps = await makeDeps(dialect);
      // SQLite: its file handle closed under the server; PostgreSQL: a server that does not answer.
      const broken = dialect === 'sqlite' ? deps.db : openDb('postgres://nobody@127.0.0.1:1/none');
      const app = await buildApp({ ...deps, db: broken });
      try {
        if (dialect === 'sqlite') deps.db.sqlite!.close();
        const res = await app.inject({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ error: { code: 'DATABASE_UNREACHABLE' } });
      } finally {
        await app.close();
        if (dialect === 'postgres') await broken.close();
        await deps.cleanup().catch(() => undefined);
      }
    });
  });

  describe(`metrics (${dialect})`, () => {
    let deps: TestDeps;
    const apps: FastifyInstance[] = [];
    let admin: Session;
    let officer: Session;
    const appWith = async (metrics: 'local' | 'admin' | 'off') => {
      const app = await buildApp({ ...deps, config: { ...deps.config, metrics } });
      apps.push(app);
      return app;
    };
    beforeAll(async () => {
      deps = await makeDeps(dialect);
      admin = await buildSession(deps, { role: 'admin', unitCode: null });
      officer = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await deps.cleanup();
    });

    it('local: counts requests by route pattern, never the URL; answers the machine itself only', async () => {
      const app = await appWith('local');
      const headers = { cookie: officer.cookie };
      await app.inject({ method: 'GET', url: '/api/v1/registry/households?q=nguyen%20van%20kien', headers });
      await app.inject({ method: 'GET', url: '/api/v1/registry/households/HK-SECRET-4242', headers });
      await app.inject({ method: 'GET', url: '/api/v1/no-such-route/0123456789012' });
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const text = res.body;
      expect(text).toMatch(
        /giamngheo_http_requests_total\{method="GET",route="\/api\/v1\/registry\/households",status="\d+"\} 1/,
      );
      expect(text).toMatch(
        /giamngheo_http_requests_total\{method="GET",route="\/api\/v1\/registry\/households\/:householdId",status="404"\} 1/,
      );
      expect(text).toMatch(
        /giamngheo_http_requests_total\{method="GET",route="\(unmatched\)",status="404"\} 1/,
      );
      expect(text).toMatch(
        /giamngheo_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/registry\/households"/,
      );
      expect(text).not.toMatch(/nguyen|kien|HK-SECRET|(?<!\d)4242(?!\d)|0123456789012/);
      expect(text).toContain('giamngheo_import_jobs_running 0');
      expect(text).toMatch(/giamngheo_import_jobs_ended\{state="failed"\} \d+/);
      expect(text).toMatch(
        dialect === 'postgres'
          ? /giamngheo_db_pool_connections\{dialect="postgres",state="idle"\} \d+/
          : /giamngheo_db_pool_connections\{dialect="sqlite",state="total"\} 1/,
      );
      expect(text).toContain('giamngheo_process_resident_memory_bytes');
      // Through a proxy (X-Forwarded-For) or from another machine: as if there were no such page.
      const proxied = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(proxied.statusCode).toBe(404);
      const remote = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
      expect(remote.statusCode).toBe(404);
      expect(remote.body).not.toContain('giamngheo_');
    });

    it('admin: the administrator only; off: no such page', async () => {
      const app = await appWith('admin');
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const asOfficer = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { cookie: officer.cookie },
      });
      expect(asOfficer.statusCode).toBe(403);
      const asAdmin = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { cookie: admin.cookie },
        remoteAddress: '10.1.2.3',
      });
      expect(asAdmin.statusCode).toBe(200);
      expect(asAdmin.body).toContain('giamngheo_http_requests_total');
      const off = await appWith('off');
      const res = await off.inject({ method: 'GET', url: '/metrics', headers: { cookie: admin.cookie } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('giamngheo_');
    });
  });
}
