import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // The web app's pure modules have unit tests beside them (src/web/src/**/*.test.ts); its
    // screens are tested in Chromium by tests/e2e.
    exclude: ['node_modules', 'src/web/dist/**', 'tests/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on a 2-core machine (Vitest's default there is one): most files wait
    // on PostgreSQL, SQLite files or child processes, and one at a time took the suite past 40
    // minutes; two take about 10.
    maxWorkers: 2,
  },
});
