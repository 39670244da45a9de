// npm run bench -- health-under-import [--households N] [--pg URL]
//
// Does the server stay responsive while it imports? Starts `giamngheo serve` on a fresh SQLite
// file (or, with --pg, a fresh database on that PostgreSQL server), signs in a province officer,
// and generates a survey file of N households (default 50,000) with the product's generator.
// Baseline, same run: /api/health latency p50/p99 on the idle server, one request every 50 ms
// for 15 s. Figure: the same while the file is uploaded through the API
// (POST /api/v1/registry/imports, atomic mode) and imported, until the job is done. A health
// request that has not answered after 10 s counts as 10 s. Goal (issue 10): p99 ≤ 100 ms.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateSurveyFile } from '../src/services/registry/generate.service.js';
import { prepareServerDb, startServer, uploadSurvey, type Server } from '../tests/support/server.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { households: { type: 'string', default: '50000' }, pg: { type: 'string' } },
});
const N = Number(values.households);
if (values.pg) process.env.GIAMNGHEO_TEST_PG = values.pg;
const log = (msg: string) => console.log(msg);
const INTERVAL_MS = 50;
const TIMEOUT_MS = 10_000;

async function healthOnce(server: Server): Promise<number> {
  const t = performance.now();
  try {
    await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) }).then((r) =>
      r.text(),
    );
    return performance.now() - t;
  } catch {
    return TIMEOUT_MS;
  }
}

/** One health request every INTERVAL_MS (a slow one does not delay the next) until `until` says stop. */
async function sample(server: Server, until: () => boolean): Promise<number[]> {
  const out: Promise<number>[] = [];
  while (!until()) {
    out.push(healthOnce(server));
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }
  return Promise.all(out);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const sdb = await prepareServerDb(values.pg ? 'postgres' : 'sqlite');
let server: Server | undefined;
try {
  log(`giamngheo health-under-import: ${N} households, ${values.pg ? 'PostgreSQL' : 'SQLite file'}`);
  log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]!.toFixed(1)}, node ${process.version}`,
  );
  const file = path.join(sdb.dir, 'survey.jsonl');
  await generateSurveyFile(sdb.deps, {
    households: N,
    provinceCode: '38',
    period: 2024,
    seed: 'health',
    out: file,
  });
  server = await startServer(sdb.location);
  const s = server;
  // Warm-up: the first requests compile the route.
  for (let i = 0; i < 20; i++) await healthOnce(s);
  const idleEnd = Date.now() + 15_000;
  const idle = await sample(s, () => Date.now() > idleEnd);

  let done = false;
  const started = performance.now();
  const busyP = sample(s, () => done);
  const res = await uploadSurvey(s, sdb.auth, file);
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const uploadedMs = performance.now() - started;
  const { id } = (await res.json()) as { id: string };
  let job: { state: string; report?: { imported: number } } = { state: 'running' };
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 500));
    job = (await (
      await fetch(`${s.url}/api/v1/registry/imports/${id}`, { headers: sdb.auth })
    ).json()) as typeof job;
  }
  done = true;
  const importMs = performance.now() - started;
  const busy = await busyP;
  if (job.state !== 'done') throw new Error(`import ${job.state}: ${JSON.stringify(job)}`);

  log(
    `import: ${job.report?.imported} households in ${(importMs / 1000).toFixed(1)} s (upload ${(uploadedMs / 1000).toFixed(1)} s)`,
  );
  log(
    `baseline /api/health idle:         p50 ${ms(pct(idle, 50))}, p99 ${ms(pct(idle, 99))} (${idle.length} requests)`,
  );
  log(
    `figure   /api/health during import: p50 ${ms(pct(busy, 50))}, p99 ${ms(pct(busy, 99))}, max ${ms(Math.max(...busy))} (${busy.length} requests)`,
  );
  log(
    `ratio p99 import / idle: ${(pct(busy, 99) / pct(idle, 99)).toFixed(1)}; goal p99 ≤ 100 ms: ${pct(busy, 99) <= 100 ? 'met' : 'NOT met'}`,
  );
} finally {
  await server?.stop();
  await sdb.dispose();
}
