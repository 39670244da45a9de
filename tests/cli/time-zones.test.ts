// Issue 17: the date-sensitive tests pass whatever the server's time zone. They are run again in
// child vitest processes under TZ=UTC and TZ=America/New_York (SQLite only, to keep it short: the
// zone affects Node's clock and formatting, not the database engines, which store UTC text).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.js';

const FILES = [
  'tests/integration/vietnam-time.test.ts',
  'src/domain/dates.test.ts',
  'src/domain/format.test.ts',
  'src/domain/finance/risk.test.ts',
  'src/domain/campaign/timeline.test.ts',
  'src/domain/classification/working-age.test.ts',
  'tests/integration/finance-tasks.test.ts',
];

for (const tz of ['UTC', 'America/New_York']) {
  describe(`date-sensitive tests under TZ=${tz}`, { timeout: 600_000 }, () => {
    it('all pass', () => {
      const r = spawnSync(
        process.execPath,
        [path.join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=json', ...FILES],
        {
          cwd: REPO,
          env: { ...process.env, TZ: tz, GIAMNGHEO_TEST_PG: '' },
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as {
        numTotalTests: number;
        numPassedTests: number;
        numFailedTests: number;
        testResults: { name: string; status: string }[];
      };
      expect(report.testResults.map((f) => path.relative(REPO, f.name)).sort()).toEqual([...FILES].sort());
      expect(report.numFailedTests, r.stderr.slice(-4000)).toBe(0);
      expect(report.numPassedTests).toBe(report.numTotalTests);
      expect(report.numTotalTests).toBeGreaterThan(20);
      expect(r.status).toBe(0);
    });
  });
}
