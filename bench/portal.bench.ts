// npm run bench -- portal [SECONDS] [ROUNDS]   (default 5 seconds per run, 5 rounds)
// Serves the demo article page (the Sầm Sơn conference report with two photos and comments) from
// an in-memory SQLite database on loopback, and a bare Fastify hello-world on another loopback
// port, then runs autocannon against each in turn with the same settings, in interleaved rounds
// (hello-world, article page, hello-world…; the side that goes first alternates from round to
// round), and compares the medians. Requests carry the Accept-Encoding a phone's browser sends,
// as real visitors do; the article page is also measured without it (plain HTML), for reference.
// Prints requests/s for both, the ratio of the medians (goal ≥ 60%), the ratio of each round's
// pair (hello-world and article back to back: the machine's load drifts less within a pair than
// across the run) and their median, the servers' CPU time per request (their own work, whatever
// bounds the requests/s), the page size, and the load average before and after. And the same
// answer (its headers and encoded bytes) from node:http alone: what an answer of that size
// reaches here, the server doing nothing else.
// Loopback only, bounded.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { openDb } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { seedPortal } from '../src/services/demo/portal.seed.js';
import { listPublishedArticles } from '../src/services/public/articles.service.js';
import type { Deps } from '../src/services/deps.js';

const SECONDS = Math.min(Math.max(Number(process.argv[2] ?? 5), 1), 60);
const ROUNDS = Math.min(Math.max(Number(process.argv[3] ?? 5), 1), 21);
const CONNECTIONS = 10;
/** What Chrome on Android sends. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

// The load generator runs in its own process, so parsing the responses does not eat into the
// servers' event loop (that would penalise the larger page, not the hello-world).
const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

async function load(
  url: string,
  seconds: number,
  acceptEncoding = BROWSER_ACCEPT_ENCODING,
): Promise<{ requests: { average: number; total: number }; non2xx: number; errors: number }> {
  const headers = acceptEncoding ? ['-H', `accept-encoding=${acceptEncoding}`] : [];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [autocannonCli, '--json', '-c', String(CONNECTIONS), '-d', String(seconds), ...headers, url],
    { maxBuffer: 16 * 1024 * 1024, timeout: (seconds + 30) * 1000 },
  );
  return JSON.parse(stdout) as {
    requests: { average: number; total: number };
    non2xx: number;
    errors: number;
  };
}

/**
 * Requests/s of a run, and the CPU time this process (both servers, nothing else: the load
 * generator has its own process) spent per request answered, in µs. On a shared machine the
 * requests/s of a run are bounded by the load generator and the other processes as much as by
 * the server; the CPU per request is the server's own work.
 */
async function run(
  url: string,
  title: string,
  acceptEncoding?: string,
): Promise<{ rate: number; cpuPerRequest: number }> {
  const c = process.cpuUsage();
  const result = await load(url, SECONDS, acceptEncoding);
  const d = process.cpuUsage(c);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rate: result.requests.average, cpuPerRequest: (d.user + d.system) / result.requests.total };
}

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-bench-portal-'));
const db = openDb(':memory:');
await migrateToLatest(db);
const deps: Deps = {
  db,
  config: loadConfig({}, { db: ':memory:', uploadDir, logLevel: 'silent' }),
  now: () => new Date(),
};
await seedPortal({ deps, progress: () => undefined, accounts: [] });
const report = (await listPublishedArticles(deps, { query: 'Sầm Sơn triển khai 2024' })).items[0]!;

const app = await buildApp(deps);
await app.listen({ host: '127.0.0.1', port: 0 });
const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const hello = Fastify({ logger: false });
hello.get('/', async () => ({ hello: 'world' }));
await hello.listen({ host: '127.0.0.1', port: 0 });
const helloUrl = `http://127.0.0.1:${(hello.server.address() as { port: number }).port}/`;

// The same answer from node:http itself (set up below, once the article's answer is known).
const same = http.createServer();
const loadBefore = os.loadavg()[0]!;
try {
  const articleUrl = `${appUrl}/bai-viet/${report.slug}`;
  const page = await (await fetch(articleUrl)).text();
  if (!page.includes('Toàn cảnh hội nghị')) throw new Error('the article page did not render');
  const sent = await fetch(articleUrl, { headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING } });
  const wire = Number(sent.headers.get('content-length'));
  const encoding = sent.headers.get('content-encoding') ?? 'identity';
  // The same answer (its headers and its encoded bytes, as sent to the browser) from node:http
  // with nothing else: what an answer of this size costs the load generator and the network,
  // whatever the server does to make it.
  const sentBody = await new Promise<Buffer>((resolve, reject) => {
    // fetch decodes the body: the bytes on the wire are read with http.get.
    http
      .get(articleUrl, { headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => resolve(Buffer.concat(parts)));
      })
      .on('error', reject);
  });
  const sentHeaders: Record<string, string> = {};
  sent.headers.forEach((v, k) => {
    if (!['date', 'connection', 'keep-alive', 'content-length'].includes(k)) sentHeaders[k] = v;
  });
  // Its headers as one list, written with the body in one call: the least a server can do.
  const sameHeaders = Object.entries(sentHeaders).flat();
  sameHeaders.push('content-length', String(sentBody.length));
  same.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, sameHeaders);
    res.end(sentBody);
  });
  await new Promise<void>((resolve) => same.listen(0, '127.0.0.1', resolve));
  const sameUrl = `http://127.0.0.1:${(same.address() as { port: number }).port}/`;
  // Warm-up: JIT, statement caches, the sanitised-body cache.
  await load(articleUrl, 1);
  await load(helloUrl, 1);
  await load(sameUrl, 1);

  // Interleaved rounds, medians: the machine is shared, and drift hits both sides alike. Within a
  // round the pair runs back to back, the side going first alternating, so neither side always
  // meets the other's after-effects (garbage, a cooling cache).
  const hellos: number[] = [];
  const articles: number[] = [];
  const plains: number[] = [];
  const sames: number[] = [];
  const pairs: number[] = [];
  const helloCpu: number[] = [];
  const articleCpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let h: { rate: number; cpuPerRequest: number };
    let a: { rate: number; cpuPerRequest: number };
    if (round % 2 === 0) {
      h = await run(helloUrl, 'hello-world');
      a = await run(articleUrl, 'article page');
    } else {
      a = await run(articleUrl, 'article page');
      h = await run(helloUrl, 'hello-world');
    }
    hellos.push(h.rate);
    articles.push(a.rate);
    helloCpu.push(h.cpuPerRequest);
    articleCpu.push(a.cpuPerRequest);
    pairs.push(a.rate / h.rate);
    plains.push((await run(articleUrl, 'article page without compression', '')).rate);
    sames.push((await run(sameUrl, 'the same answer from a bare route')).rate);
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const baseline = median(hellos);
  const article = median(articles);
  const ratio = article / baseline;
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  const percents = (xs: number[]) => xs.map((x) => `${(x * 100).toFixed(0)}%`).join(', ');
  console.log(
    `portal article page (${ROUNDS} rounds × ${SECONDS}s × ${CONNECTIONS} connections, loopback, SQLite in memory; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after)`,
  );
  console.log(
    `  page: /bai-viet/${report.slug} — ${Buffer.byteLength(page)} bytes of HTML, ${wire} bytes sent (${encoding}) to a browser (stylesheet external, cached for a year)`,
  );
  console.log(`  article page:         ${article.toFixed(0)} req/s (median; runs: ${list(articles)})`);
  console.log(
    `  same page, a client that accepts no compression: ${median(plains).toFixed(0)} req/s (median; runs: ${list(plains)}) = ${((median(plains) / baseline) * 100).toFixed(1)}%`,
  );
  console.log(`  baseline hello-world: ${baseline.toFixed(0)} req/s (median; runs: ${list(hellos)})`);
  console.log(
    `  ratio of the medians: ${(ratio * 100).toFixed(1)}% of hello-world (goal ≥ 60%) ${ratio >= 0.6 ? '✓' : '✗'}`,
  );
  console.log(
    `  ratio within each round's pair: median ${(median(pairs) * 100).toFixed(1)}% (rounds: ${percents(pairs)})`,
  );
  console.log(
    `  the same ${sentBody.length} bytes and headers from node:http alone (writeHead + end): ${median(sames).toFixed(0)} req/s (median; runs: ${list(sames)}) = ${((median(sames) / baseline) * 100).toFixed(1)}% of hello-world: the most a page of this size reaches here; the article page reaches ${((article / median(sames)) * 100).toFixed(1)}% of it`,
  );
  const cpuRatio = median(helloCpu) / median(articleCpu);
  console.log(
    `  server CPU per request: article ${median(articleCpu).toFixed(1)} µs, hello-world ${median(helloCpu).toFixed(1)} µs (medians; runs: ${list(articleCpu)} / ${list(helloCpu)}): the article page would serve ${(cpuRatio * 100).toFixed(1)}% of hello-world's requests/s where the server's CPU is the bound`,
  );
} finally {
  await app.close();
  await hello.close();
  await new Promise((resolve) => same.close(resolve));
  await db.close();
  fs.rmSync(uploadDir, { recursive: true, force: true });
}
