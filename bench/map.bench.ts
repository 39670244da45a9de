// `npm run bench -- map [RUNS]`: how fast the Bản đồ page (boundaries + figures) first renders in
// Chromium on a cold cache with the CPU slowed 4× (as `bench/web.bench.ts`), for the province
// account: from navigation to MapLibre's first idle with Thanh Hóa's 166 communes coloured (the
// canvas's `data-rendered`, MapCanvas.tsx). Baseline, same run, same browser and server: the
// Tổng quan page of the same account until its dashboard heading shows. Goal (issue 13): ≤ 1.5 s.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { ACCOUNTS, CHROMIUM, CHROMIUM_ARGS, signIn, startApp } from '../tests/e2e/support.js';

const runs = Number(process.argv[2] ?? 5);
const CPU_SLOWDOWN = 4;
const root = fileURLToPath(new URL('..', import.meta.url));

execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startApp();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

const mapReady = (page: Page) =>
  page.waitForFunction(
    () => {
      const doc = (
        globalThis as unknown as {
          document: { querySelector(s: string): { dataset: Record<string, string | undefined> } | null };
        }
      ).document;
      const raw = doc.querySelector('[data-testid=map-canvas]')?.dataset.rendered;
      return !!raw && Object.keys(JSON.parse(raw) as object).length >= 100;
    },
    undefined,
    { timeout: 120_000 },
  );
const overviewReady = (page: Page) =>
  page.getByRole('heading', { level: 2, name: 'Tình hình giảm nghèo' }).waitFor({ timeout: 120_000 });

/** One cold load (fresh context: empty cache), signed in, until `ready` resolves. */
async function load(path: string, ready: (page: Page) => Promise<unknown>): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await signIn(page, server.url, ACCOUNTS.province);
  // The sign-in warmed nothing of the page measured: clear the HTTP cache, then slow the CPU.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const t0 = performance.now();
  await page.goto(`${server.url}${path}`);
  await ready(page);
  const ms = performance.now() - t0;
  await context.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  await load('/app/map', mapReady);
  const map: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    map.push(await load('/app/map', mapReady));
    base.push(await load('/app/overview', overviewReady));
  }
  const m = median(map);
  const b = median(base);
  console.log(
    `map page (166 communes coloured), cold cache, CPU ${CPU_SLOWDOWN}× slower, median of ${runs}:`,
  );
  console.log(`  first render        ${m.toFixed(0)} ms   (goal ≤ 1500 ms)`);
  console.log(`  baseline (Tổng quan page of the same account, dashboard shown): ${b.toFixed(0)} ms`);
  console.log(`  ratio               ${(m / b).toFixed(2)}×`);
  console.log(
    `  runs                map ${map.map((x) => x.toFixed(0)).join(', ')}; overview ${base.map((x) => x.toFixed(0)).join(', ')}`,
  );
} finally {
  await browser.close();
  await server.stop();
}
