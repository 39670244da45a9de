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
  },
});
