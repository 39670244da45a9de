// Issue 10: kill -9 during an import through the API leaves nothing half-written. The real
// server (`giamngheo serve`) imports a generated file in atomic mode; once the job has read
// 10,000 of its 15,000 records (and written them inside its open transaction), the process is
// killed with SIGKILL. After a restart the database holds none of the import's rows or all of
// them, never a part, and the aggregate cells equal a rebuild from the stored results.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { generateSurveyFile } from '../../src/services/registry/generate.service.js';
import { DIALECTS } from '../support/db.js';
import { expectAggregatesMatchRebuild } from '../support/registry.js';
import { prepareServerDb, startServer, uploadSurvey } from '../support/server.js';

const HOUSEHOLDS = 15_000;

for (const dialect of DIALECTS) {
  describe(`kill -9 during an API import (${dialect})`, { timeout: 900_000 }, () => {
    it('leaves none or all of the import, with aggregates equal to a rebuild', async () => {
      const sdb = await prepareServerDb(dialect);
      try {
        const file = path.join(sdb.dir, 'big.jsonl');
        await generateSurveyFile(sdb.deps, {
          households: HOUSEHOLDS,
          provinceCode: '38',
          period: 2024,
          seed: 'kill',
          out: file,
        });
        let server = await startServer(sdb.location);
        const res = await uploadSurvey(server, sdb.auth, file);
        expect(res.status).toBe(202);
        const job = (await res.json()) as { id: string };
        let polled = { state: 'running', read: 0 };
        while (polled.state === 'running' && polled.read < 10_000) {
          await new Promise((r) => setTimeout(r, 100));
          const poll = await fetch(`${server.url}/api/v1/registry/imports/${job.id}`, { headers: sdb.auth });
          polled = (await poll.json()) as typeof polled;
        }
        // Killed mid-import: the job had not finished when it was last seen.
        expect(polled.state).toBe('running');
        await server.kill9();

        server = await startServer(sdb.location);
        try {
          const count = async (
            table: 'household' | 'household_member' | 'review_result' | 'household_change',
          ) =>
            Number(
              (
                await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(
                  sdb.deps.db.kysely,
                )
              ).rows[0]!.n,
            );
          const households = await count('household');
          expect([0, HOUSEHOLDS]).toContain(households);
          expect(await count('review_result')).toBe(households);
          expect(await count('household_change')).toBe(households);
          if (households === 0) expect(await count('household_member')).toBe(0);
          else expect(await count('household_member')).toBeGreaterThan(HOUSEHOLDS);
          await expectAggregatesMatchRebuild(sdb.deps.db.kysely);
          // The restarted server answers and can import the same file in full.
          const again = await uploadSurvey(server, sdb.auth, file);
          expect(again.status).toBe(202);
          const id = ((await again.json()) as { id: string }).id;
          let state = 'running';
          while (state === 'running') {
            await new Promise((r) => setTimeout(r, 250));
            const poll = await fetch(`${server.url}/api/v1/registry/imports/${id}`, { headers: sdb.auth });
            state = ((await poll.json()) as { state: string }).state;
          }
          expect(state).toBe('done');
          expect(await count('household')).toBe(HOUSEHOLDS);
          await expectAggregatesMatchRebuild(sdb.deps.db.kysely);
        } finally {
          await server.stop();
        }
      } finally {
        await sdb.dispose();
      }
    });
  });
}
