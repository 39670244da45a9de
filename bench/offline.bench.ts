// `npm run bench -- offline [HOUSEHOLDS] [OPENS]` (issue 15, decision 0036): the offline survey.
// 1. The assignment package of a commune of HOUSEHOLDS (default 5,000) households over loopback:
//    time to the last byte and bytes on the wire (gzip), against a baseline measured in the same
//    run — the same three SELECTs, JSON.stringify and gzip in process, with no HTTP, no access
//    record and no assignment row. Targets: ≤ 5 s and ≤ 10 MB.
// 2. In Chromium (playwright-core), after the package is stored encrypted: opening a household
//    (read, decrypt, form drawn with its answers; target ≤ 100 ms), and the same to the first frame
//    painted with it, against a baseline of the least work giving the same answers: the record read
//    from IndexedDB, decrypted and parsed, nothing drawn (the bench derives the key from the
//    password itself, outside the timing); classifying in the browser (validator and engine;
//    target ≤ 5 ms per household), measured by the page's own performance marks. No CPU slowdown
//    is applied; the machine's load average is printed with the figures, as a busy machine
//    stretches every wall-clock figure.
import http from 'node:http';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { ACCOUNTS, CHROMIUM, CHROMIUM_ARGS, startApp } from '../tests/e2e/support.js';
import { importSurvey } from '../src/services/registry/import.service.js';
import { SYSTEM } from '../src/services/deps.js';
import {
  listPackageHouseholds,
  listPackageMembers,
  listPackageResults,
} from '../src/db/repositories/offline.repository.js';
import { buildMember, buildRecord } from '../tests/support/survey.js';

const N = Number(process.argv[2] ?? 5000);
const OPENS = Number(process.argv[3] ?? 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startApp();
const given = ['Văn', 'Thị', 'Đức', 'Ngọc', 'Minh'];
const records = Array.from({ length: N }, (_, i) =>
  buildRecord({
    householdId: `BN-${String(i).padStart(5, '0')}`,
    unitCode: '16516',
    surveyDate: '2026-10-15',
    incomePerCapitaMonthly: 700_000 + (i % 40) * 50_000,
    members: [
      buildMember({ name: `Nguyễn ${given[i % 5]} Hộ${i}`, birthDate: `19${60 + (i % 30)}-05-10` }),
      buildMember({ name: `Trần Thị Vợ${i}`, sex: 'F', relation: 'spouse', birthDate: '1982-02-20' }),
      buildMember({
        name: `Nguyễn Văn Con${i}`,
        relation: 'child',
        employment: 'student',
        schooling: 'appropriate',
        education: 'primary',
        birthDate: '2015-01-15',
      }),
    ],
  }),
);
const r = await importSurvey(
  server.deps,
  SYSTEM,
  { format: 'records', name: 'bench-offline', records: records as never },
  { period: 2026, status: 'draft' },
);
if (r.errors.length) throw new Error(`import: ${JSON.stringify(r.errors[0])}`);

/** Signs in over HTTP; the session cookie. */
async function cookie(): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ACCOUNTS.commune.username, password: ACCOUNTS.commune.password }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** One download as a device makes it (gzip accepted), to the last byte: ms and bytes on the wire. */
function download(c: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(
        `${server.url}/api/v1/offline/assignment?unit=16516`,
        { headers: { cookie: c, 'accept-encoding': 'gzip' } },
        (res) => {
          let bytes = 0;
          res.on('data', (d: Buffer) => (bytes += d.length));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve({ ms: performance.now() - t0, bytes })
              : reject(new Error(`status ${res.statusCode}`)),
          );
        },
      )
      .on('error', reject);
  });
}

async function bare(): Promise<{ ms: number; bytes: number }> {
  const db = server.deps.db.kysely;
  const codes = ['16516', '16507', '16510', '16498', '16504', '16513'];
  const t0 = performance.now();
  const rows = await Promise.all([
    listPackageHouseholds(db, ['38'], codes),
    listPackageMembers(db, ['38'], codes),
    listPackageResults(db, ['38'], codes, 2026),
  ]);
  const gz = await promisify(zlib.gzip)(JSON.stringify(rows), { level: 6 });
  return { ms: performance.now() - t0, bytes: gz.length };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const c = await cookie();
  await download(c);
  const pkg: { ms: number; bytes: number }[] = [];
  const base: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < 5; i += 1) {
    pkg.push(await download(c));
    base.push(await bare());
  }
  const pkgMs = median(pkg.map((s) => s.ms));
  const baseMs = median(base.map((s) => s.ms));
  console.log(`offline package, ${N} households, loopback, median of 5:`);
  console.log(`  downloaded in       ${pkgMs.toFixed(0)} ms (target ≤ 5000 ms)`);
  console.log(`  baseline (same SELECTs + JSON.stringify + gzip in process): ${baseMs.toFixed(0)} ms`);
  console.log(`  ratio               ${(pkgMs / baseMs).toFixed(2)}×`);
  console.log(`  on the wire         ${(pkg[0]!.bytes / 1e6).toFixed(2)} MB (target ≤ 10 MB)`);
  console.log(`  baseline (bare rows gzip): ${(base[0]!.bytes / 1e6).toFixed(2)} MB`);

  // The browser: sign in, download and store the package encrypted, then open households — on the
  // tablet the survey is made for (the form paged, one section drawn), then on a laptop (every
  // section drawn at once).
  for (const device of [
    { name: 'tablet 800×1280', viewport: { width: 800, height: 1280 } },
    { name: 'laptop 1280×900', viewport: { width: 1280, height: 900 } },
  ]) {
    const context = await browser.newContext({ viewport: device.viewport, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/app/login?next=%2Foffline`);
    await page.getByLabel('Tên đăng nhập').fill(ACCOUNTS.commune.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(ACCOUNTS.commune.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('offline-download-password').fill(ACCOUNTS.commune.password);
    await page.getByRole('button', { name: 'Tải gói khảo sát' }).click();
    await page.getByTestId('offline-counter').waitFor({ timeout: 120_000 });
    // The baseline's key, derived as the page derives it (PBKDF2 from the password and the vault's
    // stored salt and iteration count), kept in the page for the baseline's reads only.
    await page.evaluate(`(async () => {
      const db = await new Promise((res) => {
        const r = indexedDB.open('giamngheo-offline');
        r.onsuccess = () => res(r.result);
      });
      const header = await new Promise((res) => {
        const r = db.transaction('meta').objectStore('meta').get('vault');
        r.onsuccess = () => res(r.result);
      });
      db.close();
      const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(${JSON.stringify(
        ACCOUNTS.commune.password,
      )}), 'PBKDF2', false, ['deriveKey']);
      window.__benchKey = await crypto.subtle.deriveKey(
        { name: 'PBKDF2', hash: 'SHA-256', salt: header.salt, iterations: header.iterations },
        base, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
    })()`);
    const open: number[] = [];
    const painted: number[] = [];
    const raw: number[] = [];
    const classify: number[] = [];
    for (let i = 0; i < OPENS; i += 1) {
      const k = (i * 331) % N;
      await page.getByTestId('offline-search').fill(`BN-${String(k).padStart(5, '0')}`);
      await page.getByTestId('offline-row').first().getByRole('button').click();
      await page.getByTestId('offline-save').waitFor();
      await page.waitForFunction(`performance.getEntriesByName('offline-open-painted').length > ${i}`);
      await page.getByTestId('offline-save').click();
      await page.getByTestId('offline-provisional').waitFor();
      const m = (await page.evaluate(`({
        open: performance.getEntriesByName('offline-open').at(-1).duration,
        painted: performance.getEntriesByName('offline-open-painted').at(-1).duration,
        classify: performance.getEntriesByName('offline-classify').at(-1).duration,
      })`)) as { open: number; painted: number; classify: number };
      open.push(m.open);
      painted.push(m.painted);
      classify.push(m.classify);
      // Baseline: the same record read from IndexedDB, decrypted and parsed; nothing drawn.
      const b = (await page.evaluate(`(async () => {
          const db = await new Promise((res) => {
            const r = indexedDB.open('giamngheo-offline');
            r.onsuccess = () => res(r.result);
          });
          const t0 = performance.now();
          const sealed = await new Promise((res) => {
            const r = db.transaction('households').objectStore('households').get(${k});
            r.onsuccess = () => res(r.result);
          });
          const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, window.__benchKey, sealed.data);
          const h = JSON.parse(new TextDecoder().decode(plain));
          const ms = performance.now() - t0;
          db.close();
          return { ms, id: h.householdId };
        })()`)) as { ms: number; id: string };
      if (b.id !== `BN-${String(k).padStart(5, '0')}`) throw new Error(`baseline read ${b.id}`);
      raw.push(b.ms);
      await page.getByTestId('offline-close').click();
    }
    console.log(
      `offline survey in Chromium, ${device.name}, median of ${OPENS} households (load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${os.cpus().length} CPUs):`,
    );
    console.log(
      `  open a household    ${median(open).toFixed(1)} ms (read, decrypt, form drawn; target ≤ 100 ms)`,
    );
    console.log(`  to the frame painted ${median(painted).toFixed(1)} ms (style, layout and paint too)`);
    console.log(
      `  baseline (the record read from IndexedDB, decrypted and parsed; nothing drawn): ${median(raw).toFixed(2)} ms`,
    );
    console.log(`  classify            ${median(classify).toFixed(2)} ms per household (target ≤ 5 ms)`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
