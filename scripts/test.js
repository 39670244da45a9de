#!/usr/bin/env node
// `npm test`: type check, lint, then the test suites in order — unit (domain), integration
// (services and repositories on SQLite, and on PostgreSQL when GIAMNGHEO_TEST_PG is set), API
// (app.inject), end-to-end (Playwright with the system Chromium, when present).
// With GIAMNGHEO_REQUIRE_ALL=1 (set by .ci/run) a suite that cannot run, or a skipped test, fails
// the run instead of being skipped. The last line is the plain `N passed, N failed` summary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const requireAll = process.env.GIAMNGHEO_REQUIRE_ALL === '1';
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

function step(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return true;
  process.stderr.write(`\n── ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) problems.push(`${name} failed (exit ${r.status})`);
  return r.status === 0;
}

function vitest(name, config, env = {}) {
  if (only.length && !only.includes(name)) return;
  const out = path.join(os.tmpdir(), `giamngheo-vitest-${name}-${process.pid}.json`);
  process.stderr.write(`\n── ${name}: vitest (${config})\n`);
  const r = spawnSync(
    'npx',
    ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile=${out}`],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  let report;
  try {
    report = JSON.parse(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out, { force: true });
  } catch {
    problems.push(`${name}: no report (exit ${r.status})`);
    failed += 1;
    return;
  }
  // Say which databases the suite really ran on (test names carry the dialect).
  const byDialect = { sqlite: 0, postgres: 0 };
  for (const file of report.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status !== 'passed') continue;
      for (const d of Object.keys(byDialect)) if (t.fullName.includes(`(${d})`)) byDialect[d] += 1;
    }
  }
  process.stderr.write(
    `── ${name}: ${report.numPassedTests} passed (SQLite: ${byDialect.sqlite}, PostgreSQL: ${byDialect.postgres})\n`,
  );
  if (requireAll && process.env.GIAMNGHEO_TEST_PG && name !== 'e2e' && byDialect.postgres === 0)
    problems.push(`${name}: no test ran on PostgreSQL`);
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  const pending = report.numPendingTests + (report.numTodoTests ?? 0);
  skipped += pending;
  if (report.numTotalTests === 0) problems.push(`${name}: ran no test`);
  if (r.status !== 0 && report.numFailedTests === 0) problems.push(`${name}: vitest exited ${r.status}`);
  if (requireAll && pending > 0)
    problems.push(`${name}: ${pending} test(s) skipped while GIAMNGHEO_REQUIRE_ALL=1`);
}

step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('lint', 'npm', ['run', '--silent', 'lint']);

const pgUrl = process.env.GIAMNGHEO_TEST_PG;
if (!pgUrl && requireAll) problems.push('PostgreSQL suite cannot run: GIAMNGHEO_TEST_PG is not set');
vitest('unit-integration-api', 'vitest.config.ts');

const chromium = process.env.GIAMNGHEO_CHROMIUM ?? '/usr/bin/chromium';
if (fs.existsSync(chromium)) {
  vitest('e2e', 'tests/e2e/vitest.config.ts', { GIAMNGHEO_CHROMIUM: chromium });
} else if (requireAll) {
  problems.push(`end-to-end suite cannot run: no Chromium at ${chromium}`);
} else {
  process.stderr.write(`\n── e2e: skipped (no Chromium at ${chromium})\n`);
}

for (const p of problems) process.stderr.write(`✗ ${p}\n`);
const extra = skipped ? `, ${skipped} skipped` : '';
process.stdout.write(`\n${passed} passed, ${failed + problems.length} failed${extra}\n`);
process.exit(failed === 0 && problems.length === 0 ? 0 : 1);
