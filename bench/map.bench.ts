// `npm run bench -- map [RUNS]`: how fast the Bản đồ page (boundaries + figures) first renders in
// Chromium on a cold cache with the CPU slowed 4× (as `bench/web.bench.ts`), for the province
// account. First render: from navigation to the frame in which the choropleth of every one of
// Thanh Hóa's 166 communes is drawn in its colour and the legend is on the page — the SVG first
// view (MapSvg.tsx: 166 filled paths) or, should it come first, MapLibre's canvas (its
// `data-rendered`, MapCanvas.tsx). Also shown: when MapLibre, loaded behind the first view, has
// taken over (canvas drawn, SVG gone). Baseline, same run, same browser and server: the Tổng quan
// page of the same account until its dashboard heading shows. Goal (issue 13): ≤ 1.5 s.
// The benchmark's database has the units but no household: every commune is drawn in the grey
// of "Chưa có số liệu", which costs the browser what any colour does.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { ACCOUNTS, CHROMIUM, CHROMIUM_ARGS, signIn, startApp } from '../tests/e2e/support.js';

const runs = Number(process.argv[2] ?? 5);
const loadAtStart = loadavg();
const CPU_SLOWDOWN = 4;
const root = fileURLToPath(new URL('..', import.meta.url));

execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startApp();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

const COMMUNES = 166;

/** Runs in the page (no DOM types in the benchmark's compilation). */
type Doc = {
  querySelector(s: string): { dataset: Record<string, string | undefined> } | null;
  querySelectorAll(s: string): { length: number };
};

const mapReady = (page: Page) =>
  page.waitForFunction(
    (n: number) => {
      const doc = (globalThis as unknown as { document: Doc }).document;
      if (!doc.querySelector('[data-testid=map-legend]')) return false;
      if (doc.querySelectorAll('[data-testid=map-svg] path[data-code][fill]').length >= n) return true;
      const raw = doc.querySelector('[data-testid=map-canvas]')?.dataset.rendered;
      return !!raw && Object.keys(JSON.parse(raw) as object).length >= n;
    },
    COMMUNES,
    { timeout: 120_000 },
  );
const mapLibreReady = (page: Page) =>
  page.waitForFunction(
    (n: number) => {
      const doc = (globalThis as unknown as { document: Doc }).document;
      const raw = doc.querySelector('[data-testid=map-canvas]')?.dataset.rendered;
      return (
        !doc.querySelector('[data-testid=map-svg]') &&
        !!raw &&
        Object.keys(JSON.parse(raw) as object).length >= n
      );
    },
    COMMUNES,
    { timeout: 120_000 },
  );
const overviewReady = (page: Page) =>
  page.getByRole('heading', { level: 2, name: 'Tình hình giảm nghèo' }).waitFor({ timeout: 120_000 });

/**
 * One cold load (fresh context: empty cache), signed in, until `ready` resolves; then, if given,
 * until `then` resolves (its time from the same start).
 */
async function load(
  path: string,
  ready: (page: Page) => Promise<unknown>,
  then?: (page: Page) => Promise<unknown>,
): Promise<[number, number]> {
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
  if (then) await then(page);
  const later = performance.now() - t0;
  await context.close();
  return [ms, later];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  await load('/app/map', mapReady, mapLibreReady);
  const map: number[] = [];
  const maplibre: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [first, full] = await load('/app/map', mapReady, mapLibreReady);
    map.push(first);
    maplibre.push(full);
    base.push((await load('/app/overview', overviewReady))[0]);
  }
  const m = median(map);
  const b = median(base);
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(
    `map page (${COMMUNES} communes coloured, legend shown), cold cache, CPU ${CPU_SLOWDOWN}× slower, median of ${runs}:`,
  );
  console.log(`  first render        ${m.toFixed(0)} ms   (goal ≤ 1500 ms)`);
  console.log(`  baseline (Tổng quan page of the same account, dashboard shown): ${b.toFixed(0)} ms`);
  console.log(`  ratio               ${(m / b).toFixed(2)}×`);
  console.log(`  MapLibre took over  ${median(maplibre).toFixed(0)} ms (loaded behind the first view)`);
  console.log(`  runs                map ${list(map)}; MapLibre ${list(maplibre)}; overview ${list(base)}`);
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`  load average        ${fmt(loadAtStart)} at the start; ${fmt(loadavg())} at the end`);
} finally {
  await browser.close();
  await server.stop();
}
