// `npm run bench -- web [RUNS]`: how fast the sign-in page of the web app is ready in Chromium on
// a cold cache, with the CPU slowed 4× (an old office laptop), against a baseline measured in the
// same run: a bare server-rendered page from the same server in the same browser. Also the bytes
// the sign-in page downloads, compressed (as served) against uncompressed.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, startApp } from '../tests/e2e/support.js';

const runs = Number(process.argv[2] ?? 5);
const CPU_SLOWDOWN = 4;
const root = fileURLToPath(new URL('..', import.meta.url));

execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startApp();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

interface Sample {
  ms: number;
  wire: number;
  raw: number;
}

/** One cold load (fresh context: empty cache, no cookies) until `ready` resolves. */
async function load(path: string, ready: (page: Page) => Promise<unknown>): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let wire = 0;
  let raw = 0;
  page.on('response', (r) => {
    void r
      .body()
      .then((b) => {
        raw += b.length;
        wire += Number(r.headers()['content-length'] ?? b.length);
      })
      .catch(() => {});
  });
  const t0 = performance.now();
  await page.goto(`${server.url}${path}`);
  await ready(page);
  const ms = performance.now() - t0;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, wire, raw };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  // Warm the server and the browser once.
  await load('/app/', (p) => p.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor());
  const app: Sample[] = [];
  const base: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    app.push(await load('/app/', (p) => p.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor()));
    base.push(await load('/no-such-page', (p) => p.getByRole('heading', { level: 1 }).waitFor()));
  }
  const appMs = median(app.map((s) => s.ms));
  const baseMs = median(base.map((s) => s.ms));
  const wire = median(app.map((s) => s.wire));
  const raw = median(app.map((s) => s.raw));
  console.log(`web sign-in page, cold cache, CPU ${CPU_SLOWDOWN}× slower, median of ${runs}:`);
  console.log(`  ready in            ${appMs.toFixed(0)} ms`);
  console.log(`  baseline (bare server-rendered page, same server and browser): ${baseMs.toFixed(0)} ms`);
  console.log(`  ratio               ${(appMs / baseMs).toFixed(1)}×`);
  console.log(`  downloaded          ${(wire / 1024).toFixed(0)} kB on the wire (gzip)`);
  console.log(`  baseline (the same files uncompressed): ${(raw / 1024).toFixed(0)} kB`);
  console.log(`  ratio               ${(wire / raw).toFixed(2)}`);
} finally {
  await browser.close();
  await server.stop();
}
