// Issue 17: SIGTERM during an API import. The real server (`giamngheo serve`) is stopped while a
// job is importing a generated file: it exits 0, and the database holds all of the import or none
// of it, with the job's record saying which ('done', or 'failed' IMPORT_INTERRUPTED). With the
// default grace period the import completes; with a one-second grace its thread is stopped and
// the transaction rolls back. A job cut by SIGKILL is found 'running' on record and marked failed
// by the next start, and its poll answers so.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { generateSurveyFile } from '../../src/services/registry/generate.service.js';
import { DIALECTS } from '../support/db.js';
import { expectAggregatesMatchRebuild } from '../support/registry.js';
import { prepareServerDb, startServer, uploadSurvey, type Server, type ServerDb } from '../support/server.js';

async function countOf(sdb: ServerDb, table: 'household' | 'review_result' | 'household_member') {
  return Number(
    (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(sdb.deps.db.kysely))
      .rows[0]!.n,
  );
}

async function jobRow(sdb: ServerDb, id: string) {
  return sdb.deps.db.kysely
    .selectFrom('import_job')
    .select(['state', 'error_code', 'file_name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/**
 * Uploads the file and waits until the job has read `atLeast` records (progress is told every
 * 10,000 records): it is then mid-way.
 */
async function importUntil(server: Server, sdb: ServerDb, file: string, atLeast: number): Promise<string> {
  const res = await uploadSurvey(server, sdb.auth, file);
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  let polled = { state: 'running', read: 0 };
  while (polled.state === 'running' && polled.read < atLeast) {
    await new Promise((r) => setTimeout(r, 100));
    polled = (await (
      await fetch(`${server.url}/api/v1/registry/imports/${id}`, { headers: sdb.auth })
    ).json()) as typeof polled;
  }
  expect(polled.state).toBe('running');
  return id;
}

async function generated(sdb: ServerDb, households: number, seed: string): Promise<string> {
  const file = path.join(sdb.dir, `${seed}.jsonl`);
  await generateSurveyFile(sdb.deps, { households, provinceCode: '38', period: 2024, seed, out: file });
  return file;
}

for (const dialect of DIALECTS) {
  describe(`SIGTERM during an API import (${dialect})`, { timeout: 900_000 }, () => {
    it('lets the import complete within the grace period, then exits 0', async () => {
      const sdb = await prepareServerDb(dialect);
      try {
        const N = 15_000;
        const file = await generated(sdb, N, 'term-complete');
        const server = await startServer(sdb.location);
        const id = await importUntil(server, sdb, file, 10_000);
        await server.stop();
        expect(server.child.exitCode).toBe(0);
        expect(await countOf(sdb, 'household')).toBe(N);
        expect(await countOf(sdb, 'review_result')).toBe(N);
        expect(await jobRow(sdb, id)).toEqual({
          state: 'done',
          error_code: null,
          file_name: 'term-complete.jsonl',
        });
        await expectAggregatesMatchRebuild(sdb.deps.db.kysely);
      } finally {
        await sdb.dispose();
      }
    });

    it('past a one-second grace stops the import: nothing written, the job failed IMPORT_INTERRUPTED', async () => {
      const sdb = await prepareServerDb(dialect);
      try {
        const file = await generated(sdb, 25_000, 'term-rollback');
        let server = await startServer(sdb.location, { GIAMNGHEO_SHUTDOWN_GRACE_SECONDS: '1' });
        const id = await importUntil(server, sdb, file, 10_000);
        await server.stop();
        expect(server.child.exitCode).toBe(0);
        expect(await countOf(sdb, 'household')).toBe(0);
        expect(await countOf(sdb, 'household_member')).toBe(0);
        expect(await countOf(sdb, 'review_result')).toBe(0);
        expect(await jobRow(sdb, id)).toMatchObject({ state: 'failed', error_code: 'IMPORT_INTERRUPTED' });
        await expectAggregatesMatchRebuild(sdb.deps.db.kysely);
        // After a restart the job, gone from memory, still answers from its record.
        server = await startServer(sdb.location);
        try {
          const poll = await fetch(`${server.url}/api/v1/registry/imports/${id}`, {
            headers: { ...sdb.auth, 'accept-language': 'vi' },
          });
          expect(poll.status).toBe(200);
          const body = (await poll.json()) as { state: string; error: { code: string; message: string } };
          expect(body.state).toBe('failed');
          expect(body.error.code).toBe('IMPORT_INTERRUPTED');
          expect(body.error.message).toContain('term-rollback.jsonl');
        } finally {
          await server.stop();
        }
      } finally {
        await sdb.dispose();
      }
    });

    it('a job cut by SIGKILL is marked failed IMPORT_INTERRUPTED by the next start', async () => {
      const sdb = await prepareServerDb(dialect);
      try {
        const file = await generated(sdb, 15_000, 'kill-sweep');
        let server = await startServer(sdb.location);
        const id = await importUntil(server, sdb, file, 10_000);
        await server.kill9();
        expect((await jobRow(sdb, id)).state).toBe('running');
        server = await startServer(sdb.location);
        try {
          expect(await jobRow(sdb, id)).toMatchObject({ state: 'failed', error_code: 'IMPORT_INTERRUPTED' });
          expect(await countOf(sdb, 'household')).toBe(0);
        } finally {
          await server.stop();
        }
      } finally {
        await sdb.dispose();
      }
    });
  });
}
