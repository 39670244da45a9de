// The PostgreSQL pool survives the server ending an idle connection (a restart, an
// administrator's command): the next query opens a new one and the process keeps running.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { makeDeps } from '../support/db.js';

// PostgreSQL only: without GIAMNGHEO_TEST_PG the suite is reported as skipped (never "No test
// suite found"), and `npm test` fails on it under GIAMNGHEO_REQUIRE_ALL=1.
const dialect = 'postgres' as const;

describe.skipIf(!process.env.GIAMNGHEO_TEST_PG)(`database connections (${dialect})`, () => {
  it('a connection ended by the server is replaced, not fatal', async () => {
    const deps = await makeDeps(dialect);
    try {
      const db = deps.db.kysely;
      const first = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
      const pid = first.rows[0]!.pid;
      const admin = new pg.Client({ connectionString: process.env.GIAMNGHEO_TEST_PG });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await admin.end();
      await new Promise((r) => setTimeout(r, 200));
      const again = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM admin_unit`.execute(db);
      expect(Number(again.rows[0]!.n)).toBe(14149);
    } finally {
      await deps.cleanup();
    }
  });
});
