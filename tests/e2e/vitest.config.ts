// End-to-end suite: the real app on a temporary SQLite file, driven through Debian's Chromium
// (playwright-core, never a downloaded browser). One fork, files one after another: each file
// starts its own server and browser, and the machine has two cores.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // Tests marked concurrent (the language crawl's roles) run two at a time.
    maxConcurrency: 2,
  },
});
