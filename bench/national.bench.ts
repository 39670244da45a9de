// npm run bench -- national --pg URL [--db NAME] [--households N] [--chunk N] [--shard I/K] [--no-load] [--runs N]
//
// The national run on PostgreSQL: N generated households (default 5,000,000) over the 34 provinces
// of the 2025 map, each province's share in proportion to its population
// (datasets/population/vn_provinces_2025_population.csv), generated over the province's real
// communes and imported province by province through the product's import service (as
// `giamngheo import survey` runs it), in chunks of --chunk households, one transaction each.
// The database (NAME, default national_bench, on the server of URL) is kept: a run resumes where
// an interrupted one stopped (a province's households already stored are not imported again), and
// --no-load measures what is there.
//
// Then, with the baseline of each figure measured in the same run over the same rows:
// - province summary and balance (`report summary`, `report balance` of each province read from
//   the aggregates) beside a bare COUNT … GROUP BY classification of the province's results;
// - national summary (the 34 provinces' summaries combined) beside the bare GROUP BY over every
//   result of the period;
// - household search (the search service's repository, one province) beside a bare lookup of a
//   household by its key;
// - the database size and the size per household.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDeps, processIo } from '../src/cli/runtime.js';
import { SYSTEM, type Deps } from '../src/services/deps.js';
import { generateSurveyFile } from '../src/services/registry/generate.service.js';
import { importSurvey } from '../src/services/registry/import.service.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    pg: { type: 'string' },
    db: { type: 'string', default: 'national_bench' },
    households: { type: 'string', default: '5000000' },
    chunk: { type: 'string', default: '100000' },
    period: { type: 'string', default: '2025' },
    'no-load': { type: 'boolean', default: false },
    shard: { type: 'string', default: '0/1' },
    dir: { type: 'string' },
    runs: { type: 'string', default: '21' },
  },
});
if (!values.pg) {
  console.error('usage: npm run bench -- national --pg postgres://… [--db NAME] [--households N]');
  process.exit(2);
}
const N = Number(values.households);
const CHUNK = Number(values.chunk);
const PERIOD = Number(values.period);
const log = (msg: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${msg}`);
const here = path.dirname(fileURLToPath(import.meta.url));

// ── shares ───────────────────────────────────────────────────────────────────
interface Province {
  code: string;
  name: string;
  population: number;
  households: number;
}
const provinces: Province[] = fs
  .readFileSync(path.join(here, '../datasets/population/vn_provinces_2025_population.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code, name, population] = line.split(',');
    return { code: code!, name: name!, population: Number(population), households: 0 };
  });
{
  // Largest remainder: the shares add up to N exactly.
  const total = provinces.reduce((s, p) => s + p.population, 0);
  const exact = provinces.map((p) => (N * p.population) / total);
  provinces.forEach((p, i) => (p.households = Math.floor(exact[i]!)));
  let left = N - provinces.reduce((s, p) => s + p.households, 0);
  const byRemainder = provinces
    .map((p, i) => ({ p, r: exact[i]! - Math.floor(exact[i]!) }))
    .sort((a, b) => b.r - a.r);
  for (const { p } of byRemainder) {
    if (left-- <= 0) break;
    p.households += 1;
  }
}

const urlOf = (name: string) => {
  const u = new URL(values.pg!);
  u.pathname = `/${name}`;
  return u.toString();
};
{
  const admin = new pg.Client({ connectionString: values.pg });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [values.db]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${values.db!.replace(/"/g, '')}"`);
  await admin.end();
}
const io = { ...processIo(), stderr: { write: () => true } as unknown as NodeJS.WritableStream };
const deps: Deps = await openDeps(io, loadConfig({}, { db: urlOf(values.db!) }));
const pool = deps.db.pool!;
log(
  `giamngheo national benchmark: ${N.toLocaleString('en')} households over ${provinces.length} provinces, period ${PERIOD}, database ${values.db}`,
);
log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
);

async function storedIn(code: string): Promise<number> {
  const r = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM review_result WHERE province_code = $1 AND period = $2',
    [code, PERIOD],
  );
  return Number(r.rows[0]!.n);
}

// ── load ─────────────────────────────────────────────────────────────────────
async function loadProvince(p: Province): Promise<void> {
  const have = await storedIn(p.code);
  if (have >= p.households) return;
  const dir = values.dir ?? os.tmpdir();
  const file = path.join(dir, `national-${p.code}.jsonl`);
  const t0 = performance.now();
  // The same seed gives the same file: the households already stored are its first lines.
  await generateSurveyFile(deps, {
    households: p.households,
    provinceCode: p.code,
    period: PERIOD,
    seed: `national-${p.code}`,
    out: file,
  });
  const generated = (performance.now() - t0) / 1000;
  const rl = readline.createInterface({
    input: fs.createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let n = 0;
  let lines: string[] = [];
  let importSeconds = 0;
  const flush = async () => {
    const chunk = `${file}.chunk`;
    // In pieces: a chunk of a large province is longer than the longest string.
    const fd = fs.openSync(chunk, 'w');
    for (let i = 0; i < lines.length; i += 10_000)
      fs.writeSync(fd, lines.slice(i, i + 10_000).join('\n') + '\n');
    fs.closeSync(fd);
    const t = performance.now();
    const r = await importSurvey(
      deps,
      SYSTEM,
      { format: 'jsonl', path: chunk },
      { status: 'approved', mode: 'atomic', writer: 'auto' },
    );
    importSeconds += (performance.now() - t) / 1000;
    if (r.imported !== lines.length)
      throw new Error(
        `${p.code}: imported ${r.imported} of ${lines.length}: ${JSON.stringify(r.errors.slice(0, 3))}`,
      );
    fs.rmSync(chunk, { force: true });
    lines = [];
  };
  for await (const line of rl) {
    n += 1;
    if (n <= have) continue;
    lines.push(line);
    if (lines.length >= CHUNK) {
      await flush();
      log(`  ${p.code}: ${n.toLocaleString('en')} / ${p.households.toLocaleString('en')}`);
    }
  }
  if (lines.length) await flush();
  fs.rmSync(file, { force: true });
  const imported = p.households - have;
  log(
    `${p.code} ${p.name}: ${imported.toLocaleString('en')} households imported in ${importSeconds.toFixed(1)} s ` +
      `(${Math.round(imported / importSeconds).toLocaleString('en')}/s; generated in ${generated.toFixed(1)} s)`,
  );
}

if (!values['no-load']) {
  const t = performance.now();
  // Largest first: an interrupted run leaves the small provinces, which are quick to finish.
  // --shard I/K loads every K-th of them from the I-th, so K processes can load side by side.
  const [i, k] = values.shard!.split('/').map(Number) as [number, number];
  const queue = [...provinces].sort((a, b) => b.households - a.households).filter((_, j) => j % k === i);
  for (const p of queue) await loadProvince(p);
  log(`load: ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

// ── measure ──────────────────────────────────────────────────────────────────
const RUNS = Number(values.runs);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
async function timed(fn: () => Promise<unknown>, runs = RUNS): Promise<{ p50: number; p95: number }> {
  await fn(); // warm: statement plans, the units' cache
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { p50: pct(xs, 0.5), p95: pct(xs, 0.95) };
}
const f = (x: number) => `${x.toFixed(1)} ms`;

const stored = new Map<string, number>();
for (const r of (
  await pool.query<{ p: string; n: string }>(
    'SELECT province_code AS p, count(*) AS n FROM review_result WHERE period = $1 GROUP BY 1',
    [PERIOD],
  )
).rows)
  stored.set(r.p, Number(r.n));
const total = [...stored.values()].reduce((s, n) => s + n, 0);
const members = Number(
  (await pool.query<{ n: string }>('SELECT count(*) AS n FROM household_member')).rows[0]!.n,
);
log(
  `stored: ${total.toLocaleString('en')} households (${members.toLocaleString('en')} members) of period ${PERIOD} in ${stored.size} provinces` +
    (total < N ? ` — ${((100 * total) / N).toFixed(1)} % of the ${N.toLocaleString('en')} planned` : ''),
);
await pool.query('ANALYZE');

const { reportSummary } = await import('../src/services/registry/summary.service.js');
const { reportBalance } = await import('../src/services/registry/balance.service.js');
const { listHouseholds } = await import('../src/services/registry/households.service.js');
const { countResultsFromScratch } = await import('../src/db/repositories/registry.repository.js');

// The provinces measured: the largest stored and the smallest stored.
const held = provinces
  .filter((p) => (stored.get(p.code) ?? 0) > 0)
  .sort((a, b) => stored.get(b.code)! - stored.get(a.code)!);
const measured = [...new Set([held[0], held[held.length - 1]])].filter((p): p is Province => !!p);
for (const p of measured) {
  const n = stored.get(p.code)!;
  const summary = await timed(() => reportSummary(deps, SYSTEM, { period: PERIOD, unitCode: p.code }));
  const balance = await timed(() => reportBalance(deps, SYSTEM, { period: PERIOD, unitCode: p.code }));
  const scratch = await timed(
    () =>
      countResultsFromScratch(deps.db.kysely, { period: PERIOD, status: 'approved', provinceCode: p.code }),
    5,
  );
  const s = await reportSummary(deps, SYSTEM, { period: PERIOD, unitCode: p.code });
  if (s.households !== n) throw new Error(`${p.code}: summary ${s.households} ≠ stored ${n}`);
  log(
    `province ${p.code} ${p.name} (${n.toLocaleString('en')} households): summary p50 ${f(summary.p50)} (p95 ${f(summary.p95)}), ` +
      `balance p50 ${f(balance.p50)} (p95 ${f(balance.p95)}) — goal p50 ≤ 50 ms; ` +
      `baseline, bare GROUP BY over its results: p50 ${f(scratch.p50)}`,
  );
}

// National: the provinces' summaries (each from its aggregates) read side by side on the pool and
// combined, as a coordinator combines the per-province rows (decision 0011).
const national = async () => {
  const each = await Promise.all(
    held.map((p) => reportSummary(deps, SYSTEM, { period: PERIOD, unitCode: p.code })),
  );
  return each.reduce((n, s) => n + s.households, 0);
};
if ((await national()) !== total) throw new Error('the national summary disagrees with the stored results');
const nat = await timed(national, Math.max(5, Math.floor(RUNS / 2)));
const natScratch = await timed(
  () =>
    pool.query(
      'SELECT classification, count(*) FROM review_result WHERE period = $1 AND status = $2 GROUP BY 1',
      [PERIOD, 'approved'],
    ),
  3,
);
log(
  `national summary (${held.length} provinces' summaries read side by side and combined): p50 ${f(nat.p50)} (p95 ${f(nat.p95)}) — goal p50 ≤ 200 ms; ` +
    `baseline, bare GROUP BY classification over every result: p50 ${f(natScratch.p50)}`,
);

// Household search in the largest province: the search bench's queries and its worst cases.
if (held[0]) {
  const p = held[0];
  const sample = (
    await pool.query<{ k: string }>(
      'SELECT household_key AS k FROM household WHERE province_code = $1 ORDER BY id LIMIT 1 OFFSET $2',
      [p.code, Math.floor(stored.get(p.code)! * 0.61)],
    )
  ).rows[0]!.k;
  const queries = [
    'Nguyễn Văn Hùng',
    'le thi lan',
    'Trần Thị Mai',
    'nguyen van hu',
    'Đặng Quỳnh',
    sample,
    'hùng',
    `HH-${p.code}-00`,
  ];
  const all: number[] = [];
  for (const q of queries) {
    const xs: number[] = [];
    const search = () => listHouseholds(deps, SYSTEM, { unitCode: p.code, q, period: PERIOD, pageSize: 50 });
    const first = await search();
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await search();
      xs.push(performance.now() - t);
    }
    all.push(...xs);
    log(
      `  search "${q}" in ${p.code}: ${first.total.toLocaleString('en')}${first.totalCapped ? '+' : ''} matches, p50 ${f(pct(xs, 0.5))}, p95 ${f(pct(xs, 0.95))}`,
    );
  }
  const lookup = await timed(() =>
    pool.query('SELECT id FROM household WHERE province_code = $1 AND household_key = $2', [p.code, sample]),
  );
  log(
    `household search in ${p.code} (${stored.get(p.code)!.toLocaleString('en')} households): p50 ${f(pct(all, 0.5))}, p95 ${f(pct(all, 0.95))} — goal p50 ≤ 50 ms; ` +
      `baseline, a bare look-up of one household by its key: p50 ${f(lookup.p50)}`,
  );
}

// Size.
const size = Number(
  (await pool.query<{ s: string }>('SELECT pg_database_size(current_database()) AS s')).rows[0]!.s,
);
const tables = await pool.query<{ t: string; s: string }>(
  `SELECT t, pg_total_relation_size(t::regclass) AS s FROM unnest(ARRAY['household','household_member','household_change','review_result','review_aggregate']) t`,
);
const partSize = async (t: string) =>
  Number(
    (
      await pool.query<{ s: string }>(
        `SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) AS s FROM pg_inherits WHERE inhparent = $1::regclass`,
        [t],
      )
    ).rows[0]!.s,
  );
const parts: string[] = [];
for (const r of tables.rows)
  parts.push(`${r.t} ${((Number(r.s) + (await partSize(r.t))) / 1e9).toFixed(2)} GB`);
log(
  `database size: ${(size / 1e9).toFixed(2)} GB for ${total.toLocaleString('en')} households = ${(size / Math.max(1, total) / 1024).toFixed(2)} KB per household-period (${parts.join(', ')})`,
);
await deps.db.close();
