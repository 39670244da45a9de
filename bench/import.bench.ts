// npm run bench -- import [--households N] [--seed S] [--dir DIR] [--keep] [--pg URL] [--pg-prefix P] [--rounds R] [--only sqlite|pg]
//
// Imports N generated households (default 1,000,000; about 3.8 members each) into a fresh SQLite
// file through the product's import service as the CLI runs it — validation, classification by
// the engine, search keys, change history, movement, aggregates, all in one transaction, written
// from a second thread while the first validates and classifies — and, in the same run, two
// baselines of the same rows (JSON.parse only, no validation or classification):
// - minimal: the households and their members into two tables with primary keys only;
// - product schema: the household, member and result rows into the product's tables and indexes
//   (less the household word index).
// Then `report summary` for the province (from the aggregates), p50 over 50 runs, beside the same
// GROUP BY computed from scratch on the results table. Peak memory is that of the import command
// run once more in its own process (`giamngheo import survey`, its maximum resident set size read
// from /proc), beside this process's; the file size is given per household-period; the load average is printed
// (on a shared machine the ratios are the figures to read). With --pg URL (a server where the
// bench may create and drop databases), the same file is imported into a fresh PostgreSQL
// database by the product (new rows by COPY) beside a bare COPY of the household, member and
// result rows into another one, each on a database of its own (named --pg-prefix, then import_ or
// copy_ and a random suffix), dropped afterwards. --rounds R runs the pair R times, alternating,
// and compares the fastest of each: on a machine shared with other work, the runs least disturbed.
// --only runs one engine's part.
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { runWatched } from './support/child-run.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { openDeps, processIo } from '../src/cli/runtime.js';
import { SYSTEM } from '../src/services/deps.js';
import { generateSurveyFile } from '../src/services/registry/generate.service.js';
import { importSurvey } from '../src/services/registry/import.service.js';
import { reportSummary } from '../src/services/registry/summary.service.js';
import { countResultsFromScratch } from '../src/db/repositories/registry.repository.js';
import { pgCopier, singleClientKysely, type CopyValue } from '../src/db/repositories/pg-copy.repository.js';
import type { Deps } from '../src/services/deps.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    households: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: 'bench' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    pg: { type: 'string' },
    only: { type: 'string' },
    // The bench's PostgreSQL databases are named P + import|copy + a random suffix (a shared server).
    'pg-prefix': { type: 'string', default: 'gn_bench_' },
    // PostgreSQL: rounds of the bare COPY and the import, the fastest of each compared.
    rounds: { type: 'string', default: '1' },
  },
});
/** What the baselines read of each line (JSON.parse only, no validation). */
interface BaselineRecord {
  householdId: string;
  unitCode: string;
  surveyDate: string;
  members: { name: string; idNumber: string | null; birthDate: string; sex: string; relation: string }[];
}
/** The file's lines, as every baseline reads them. */
const linesOf = (file: string) =>
  readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
const onSqlite = values.only !== 'pg';
const N = Number(values.households);
// The columns of the bare COPY baseline on PostgreSQL (the same values as the SQLite baseline).
const PG_HOUSEHOLD = [
  'id',
  'province_code',
  'household_key',
  'commune_code',
  'commune_valid_from',
  'head_name',
  'head_birth_date',
  'head_key',
  'search_key',
  'member_count',
  'version',
  'created_at',
  'updated_at',
];
const PG_MEMBER = [
  'province_code',
  'household_id',
  'ordinal',
  'name',
  'id_number',
  'birth_date',
  'sex',
  'relation',
];
const PG_RESULT = [
  'province_code',
  'household_id',
  'period',
  'unit_code',
  'unit_valid_from',
  'survey_date',
  'answers',
  'standard',
  'area',
  'income_line',
  'classification',
  'deprivations',
  'deprivation_count',
  'explanation_json',
  'movement',
  'no_labour',
  'status',
  'frozen',
  'created_at',
  'updated_at',
];
const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gn-bench-import-'));
fs.mkdirSync(dir, { recursive: true });
const io = { ...processIo(), stderr: { write: () => true } as unknown as NodeJS.WritableStream };
const log = (msg: string) => console.log(msg);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
/**
 * `giamngheo import survey FILE --db DB` in its own process, as an officer runs it: its wall clock
 * and its peak resident memory (VmHWM, read from /proc while it runs: Linux), or null elsewhere.
 */
async function importCommand(file: string, db: string): Promise<{ seconds: number; peak: number | null }> {
  const bin = fileURLToPath(new URL('../bin/giamngheo.js', import.meta.url));
  const run = await runWatched(process.execPath, [bin, 'import', 'survey', file, '--db', db]);
  if (run.code !== 0)
    throw new Error(`giamngheo import survey exited ${run.code}: ${run.stderr.slice(-2000)}`);
  return { seconds: run.seconds, peak: run.peakBytes };
}

/** CPU seconds of this process (every thread) since `from`. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};
/**
 * CPU seconds the server's processes spent for a database so far (its backends, read from /proc:
 * the server must run on this machine, else 0). On a shared machine the CPU each side spent is
 * steadier than the wall clock.
 */
async function serverCpu(admin: pg.Client, database: string): Promise<Map<number, number>> {
  const r = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
    database,
  ]);
  const ticks = new Map<number, number>();
  for (const { pid } of r.rows) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // Not on this machine (or just ended).
    }
  }
  return ticks;
}
/**
 * The server's CPU seconds for a database from now until `stop`: its backends read every 200 ms,
 * so that a backend that ends before `stop` is counted up to
 * its last reading. A backend first seen after the start counts from zero.
 */
async function watchServerCpu(admin: pg.Client, database: string): Promise<{ stop(): Promise<number> }> {
  const first = await serverCpu(admin, database);
  const last = new Map(first);
  const read = async () => {
    for (const [pid, v] of await serverCpu(admin, database)) last.set(pid, v);
  };
  let reading: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    reading = reading.then(read, read);
  }, 200);
  return {
    async stop() {
      clearInterval(timer);
      await reading;
      await read();
      return [...last].reduce((s, [pid, v]) => s + v - (first.get(pid) ?? 0), 0);
    },
  };
}

async function freshDeps(name: string): Promise<Deps> {
  const file = path.join(dir, name);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return openDeps(io, loadConfig({}, { db: file }));
}

const input = path.join(dir, `households-${N}.jsonl`);
log(`giamngheo import benchmark: ${N.toLocaleString('en')} households, seed ${values.seed}, in ${dir}`);
log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);

// ── input ────────────────────────────────────────────────────────────────────
{
  const deps = await freshDeps('generate.sqlite');
  const t = performance.now();
  await generateSurveyFile(deps, {
    households: N,
    provinceCode: '38',
    period: 2024,
    seed: values.seed,
    out: input,
  });
  await deps.db.close();
  log(`generate: ${((performance.now() - t) / 1000).toFixed(1)} s, ${mb(fs.statSync(input).size)} JSONL`);
}

if (onSqlite) {
  // ── minimal baseline: the same households and members into two tables, primary keys only ─────
  let minimalSeconds: number;
  let minimalCpu: number;
  {
    const file = path.join(dir, 'minimal.sqlite');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    const h = new Database(file);
    h.pragma('journal_mode = WAL');
    h.pragma('synchronous = NORMAL');
    h.pragma('cache_size = -196608'); // the product's bulk writer's page cache
    h.exec(`CREATE TABLE household (id INTEGER PRIMARY KEY, household_key TEXT NOT NULL, unit_code TEXT NOT NULL,
    survey_date TEXT NOT NULL, answers TEXT NOT NULL);
    CREATE TABLE member (household_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, name TEXT NOT NULL,
    id_number TEXT, birth_date TEXT NOT NULL, sex TEXT NOT NULL, relation TEXT NOT NULL, answers TEXT NOT NULL,
    PRIMARY KEY (household_id, ordinal)) WITHOUT ROWID;`);
    const insH = h.prepare(
      'INSERT INTO household (household_key, unit_code, survey_date, answers) VALUES (?, ?, ?, ?)',
    );
    const insM = h.prepare('INSERT INTO member VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    h.exec('BEGIN');
    const rl = linesOf(input);
    for await (const line of rl) {
      const { members: ms, ...r } = JSON.parse(line) as BaselineRecord;
      const id = Number(insH.run(r.householdId, r.unitCode, r.surveyDate, JSON.stringify(r)).lastInsertRowid);
      ms.forEach((m, i) => {
        const { name, idNumber, birthDate, sex, relation, ...rest } = m;
        insM.run(id, i + 1, name, idNumber, birthDate, sex, relation, JSON.stringify(rest));
      });
    }
    h.exec('COMMIT');
    minimalSeconds = (performance.now() - t) / 1000;
    minimalCpu = cpuSince(cpu0);
    h.close();
    log(
      `minimal baseline (bare prepared inserts of the same households and members, two tables, primary keys only): ${minimalSeconds.toFixed(1)} s`,
    );
  }

  // ── baseline: bare prepared statements into the product's schema, same rows ───────────────
  let baselineSeconds: number;
  let baselineCpu: number;
  let members = 0;
  {
    const deps = await freshDeps('baseline.sqlite');
    const h = deps.db.sqlite!;
    h.pragma('cache_size = -196608'); // the same page cache as the product's bulk writer
    // Bare rows: no word index (its triggers dropped), so the ratio includes the product's indexing.
    for (const t of ['insert', 'update', 'delete']) h.exec(`DROP TRIGGER household_search_${t}`);
    const insH = h.prepare(
      `INSERT INTO household (province_code, household_key, commune_code, commune_valid_from, village_id, head_name, head_birth_date, address, head_key, search_key, member_count, version, created_at, updated_at)
     VALUES ('38', ?, ?, '', NULL, ?, ?, NULL, ?, ?, ?, 1, ?, ?)`,
    );
    const insM = h.prepare(
      'INSERT INTO household_member (province_code, household_id, ordinal, name, id_number, birth_date, sex, relation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insR = h.prepare(
      `INSERT INTO review_result (province_code, household_id, period, unit_code, unit_valid_from, survey_date, answers, standard, area, income_line, classification, deprivations, deprivation_count, explanation_json, movement, no_labour, status, frozen, created_at, updated_at)
     VALUES ('38', ?, 2024, ?, '', ?, ?, '', '', 0, '', '', 0, 'null', '', 0, 'approved', 0, ?, ?)`,
    );
    const at = new Date().toISOString();
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    h.exec('BEGIN');
    const rl = linesOf(input);
    for await (const line of rl) {
      const r = JSON.parse(line) as BaselineRecord;
      const head = r.members[0]!;
      const id = Number(
        insH.run(
          r.householdId,
          r.unitCode,
          head.name,
          head.birthDate,
          head.name,
          head.name,
          r.members.length,
          at,
          at,
        ).lastInsertRowid,
      );
      r.members.forEach((m, i) => {
        insM.run('38', id, i + 1, m.name, m.idNumber, m.birthDate, m.sex, m.relation);
        members += 1;
      });
      insR.run(id, r.unitCode, r.surveyDate, line, at, at);
    }
    h.exec('COMMIT');
    baselineSeconds = (performance.now() - t) / 1000;
    baselineCpu = cpuSince(cpu0);
    await deps.db.close();
    log(
      `product-schema baseline (bare prepared inserts of the same rows into the product's tables and indexes, one transaction): ${baselineSeconds.toFixed(1)} s, ${members.toLocaleString('en')} members`,
    );
  }

  // ── the product's import ─────────────────────────────────────────────────────
  // The process's peak so far (generation and baselines): the peak printed at the end is the
  // import's only when it is higher.
  const peakBeforeImport = peakRss();
  const deps = await freshDeps('product.sqlite');
  let importSeconds: number;
  let importCpu: number;
  {
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await importSurvey(
      deps,
      SYSTEM,
      { format: 'jsonl', path: input },
      // As `giamngheo import survey` runs it (the CLI passes writer 'auto').
      { status: 'approved', mode: 'atomic', writer: 'auto' },
    );
    importSeconds = (performance.now() - t) / 1000;
    importCpu = cpuSince(cpu0);
    if (r.imported !== N)
      throw new Error(`imported ${r.imported} of ${N}: ${JSON.stringify(r.errors.slice(0, 3))}`);
    log(
      `import survey (validation + engine + history + aggregates, one transaction): ${importSeconds.toFixed(1)} s, ` +
        `${Math.round(N / importSeconds).toLocaleString('en')} households/s`,
    );
  }

  // ── report summary vs GROUP BY from scratch ─────────────────────────────────
  function p50(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)]!;
  }
  const summaryTimes: number[] = [];
  let summary: Awaited<ReturnType<typeof reportSummary>> | undefined;
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    summary = await reportSummary(deps, SYSTEM, { period: 2024, unitCode: '38' });
    summaryTimes.push(performance.now() - t);
  }
  const scratchTimes: number[] = [];
  let scratchHouseholds = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const rows = await countResultsFromScratch(deps.db.kysely, {
      period: 2024,
      status: 'approved',
      provinceCode: '38',
    });
    scratchTimes.push(performance.now() - t);
    scratchHouseholds = rows.reduce((s, r) => s + Number(r.n), 0);
  }
  if (summary!.households !== scratchHouseholds)
    throw new Error(`aggregates ${summary!.households} ≠ from scratch ${scratchHouseholds}`);
  // Where the bytes are: each table with its indexes, per household-period (SQLite's dbstat).
  const byTable = deps.db
    .sqlite!.prepare(
      `SELECT coalesce(m.tbl_name, s.name) AS t, sum(s.pgsize) AS bytes
       FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY t ORDER BY bytes DESC LIMIT 6`,
    )
    .all() as { t: string; bytes: number }[];
  await deps.db.close();

  const size = (f: string) =>
    ['', '-wal'].reduce(
      (s, x) => s + (fs.existsSync(path.join(dir, f + x)) ? fs.statSync(path.join(dir, f + x)).size : 0),
      0,
    );
  log('');
  log(
    `load:     ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (1, 5, 15 min; ${os.cpus().length} cores)`,
  );
  log(
    `import:   ${importSeconds.toFixed(1)} s   minimal baseline: ${minimalSeconds.toFixed(1)} s   ratio: ${(importSeconds / minimalSeconds).toFixed(2)}× (goal ≤ 2.5×)   ` +
      `product-schema baseline: ${baselineSeconds.toFixed(1)} s   ratio: ${(importSeconds / baselineSeconds).toFixed(2)}×`,
  );
  log(
    `cpu:      import ${importCpu.toFixed(1)} s (both threads)   minimal baseline ${minimalCpu.toFixed(1)} s   ratio: ${(importCpu / minimalCpu).toFixed(2)}×   ` +
      `product-schema baseline ${baselineCpu.toFixed(1)} s   ratio: ${(importCpu / baselineCpu).toFixed(2)}×`,
  );
  log(
    `summary:  p50 ${p50(summaryTimes).toFixed(2)} ms (province 38, ${summary!.children.length} child units, goal ≤ 20 ms)   ` +
      `GROUP BY from scratch: p50 ${p50(scratchTimes).toFixed(1)} ms   ratio: ${(p50(scratchTimes) / p50(summaryTimes)).toFixed(0)}× faster`,
  );
  // The goal is the import's own memory: the command in its own process, into a fresh database
  // (the in-process figure also holds what generation and the baselines left in this process).
  const command = await importCommand(input, path.join(dir, 'command.sqlite'));
  log(
    `memory:   the import command alone (giamngheo import survey, its own process, ${command.seconds.toFixed(1)} s): ` +
      `peak RSS ${command.peak === null ? 'not measured (no /proc)' : mb(command.peak)} (goal < 1 GB; MB = 2^20 bytes)   ` +
      `this process: ${mb(peakRss())}, of which ${mb(peakBeforeImport)} before the import (generation, baselines)`,
  );
  log(
    `files:    product ${mb(size('product.sqlite'))} (${Math.round(size('product.sqlite') / N).toLocaleString('en')} bytes per household-period, goal ≤ 1,536), ` +
      `product-schema baseline ${mb(size('baseline.sqlite'))}, minimal ${mb(size('minimal.sqlite'))}`,
  );
  log(
    `bytes:    per household-period, with indexes: ${byTable.map((r) => `${r.t} ${Math.round(r.bytes / N).toLocaleString('en')}`).join(', ')}`,
  );
  log(`counts:   ${summary!.households} households, ${summary!.poor} poor, ${summary!.nearPoor} near-poor`);
}

// ── PostgreSQL (--pg URL): the product's import vs a bare COPY of the same rows ─────────────
if (values.pg) {
  const admin = new pg.Client({ connectionString: values.pg });
  await admin.connect();
  const suffix = crypto.randomBytes(4).toString('hex');
  const prefix = values['pg-prefix'];
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`--pg-prefix: not an identifier: ${prefix}`);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds: not a positive integer: ${values.rounds}`);
  const urlOf = (n: string) => {
    const u = new URL(values.pg!);
    u.pathname = `/${n}`;
    return u.toString();
  };
  /** Runs `measure` on a fresh database of its own, dropped afterwards. */
  async function onFreshDatabase<R>(name: string, measure: (name: string) => Promise<R>): Promise<R> {
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      return await measure(name);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  interface Run {
    seconds: number;
    /** CPU seconds: this process, the server's backends. */
    cpu: [number, number];
    /** The product's database after the import: its size, and its largest tables with their indexes. */
    bytes?: { total: number; tables: { t: string; bytes: number }[] };
  }
  /** Bytes of a database and of its largest tables (partitions summed, with indexes and TOAST). */
  async function databaseBytes(url: string): Promise<NonNullable<Run['bytes']>> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const total = Number(
        (await c.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n,
      );
      const tables = (
        await c.query<{ t: string; bytes: string }>(
          `SELECT coalesce(pg_partition_root(c.oid)::regclass::text, c.relname) AS t,
                  sum(pg_total_relation_size(c.oid)) AS bytes
             FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
            GROUP BY 1 ORDER BY 2 DESC LIMIT 6`,
        )
      ).rows.map((r) => ({ t: r.t, bytes: Number(r.bytes) }));
      return { total, tables };
    } finally {
      await c.end();
    }
  }
  // Baseline: COPY of household, member and result rows (JSON.parse only), one transaction.
  const baseline = (name: string): Promise<Run> =>
    onFreshDatabase(name, async () => {
      const base = await openDeps(io, loadConfig({}, { db: urlOf(name) }));
      await base.db.pool!.query('DROP INDEX household_search'); // bare rows: no word index
      const lease = await singleClientKysely(base.db.pool!);
      const copy = pgCopier(lease.client);
      const at = new Date().toISOString();
      const t = performance.now();
      const cpu0 = process.cpuUsage();
      const server = await watchServerCpu(admin, name);
      await lease.client.query('BEGIN');
      let hs: CopyValue[][] = [];
      let ms: CopyValue[][] = [];
      let rs: CopyValue[][] = [];
      const flush = async () => {
        await copy('household', PG_HOUSEHOLD, hs);
        await copy('household_member', PG_MEMBER, ms);
        await copy('review_result', PG_RESULT, rs);
        hs = [];
        ms = [];
        rs = [];
      };
      let id = 0;
      const rl = linesOf(input);
      for await (const line of rl) {
        const r = JSON.parse(line) as BaselineRecord;
        id += 1;
        const head = r.members[0]!;
        hs.push([
          id,
          '38',
          r.householdId,
          r.unitCode,
          '',
          head.name,
          head.birthDate,
          head.name,
          head.name,
          r.members.length,
          1,
          at,
          at,
        ]);
        r.members.forEach((m, i) => {
          ms.push(['38', id, i + 1, m.name, m.idNumber, m.birthDate, m.sex, m.relation]);
        });
        rs.push([
          '38',
          id,
          2024,
          r.unitCode,
          '',
          r.surveyDate,
          line,
          '',
          '',
          0,
          '',
          '',
          0,
          'null',
          '',
          0,
          'approved',
          0,
          at,
          at,
        ]);
        if (hs.length >= 5000) await flush();
      }
      await flush();
      await lease.client.query('COMMIT');
      const seconds = (performance.now() - t) / 1000;
      const cpu: [number, number] = [cpuSince(cpu0), await server.stop()];
      await lease.release();
      await base.db.close();
      return { seconds, cpu };
    });
  // The product's import, as `giamngheo import survey` runs it (the CLI passes writer 'auto').
  const product = (name: string): Promise<Run> =>
    onFreshDatabase(name, async () => {
      const deps = await openDeps(io, loadConfig({}, { db: urlOf(name) }));
      const t = performance.now();
      const cpu0 = process.cpuUsage();
      const server = await watchServerCpu(admin, name);
      const r = await importSurvey(
        deps,
        SYSTEM,
        { format: 'jsonl', path: input },
        { status: 'approved', mode: 'atomic', writer: 'auto' },
      );
      const seconds = (performance.now() - t) / 1000;
      const cpu: [number, number] = [cpuSince(cpu0), await server.stop()];
      await deps.db.close();
      if (r.imported !== N) throw new Error(`PostgreSQL: imported ${r.imported} of ${N}`);
      return { seconds, cpu, bytes: await databaseBytes(urlOf(name)) };
    });
  try {
    const sum = (x: readonly [number, number]) => x[0] + x[1];
    const runs: { base: Run; pg: Run }[] = [];
    // Each round runs the baseline then the import; with several rounds, the fastest of each
    // (the run least disturbed by the machine's other work) is compared.
    for (let round = 1; round <= rounds; round++) {
      const base = await baseline(`${prefix}copy_${suffix}_${round}`);
      const pgRun = await product(`${prefix}import_${suffix}_${round}`);
      runs.push({ base, pg: pgRun });
      if (rounds > 1)
        log(
          `round ${round}: import ${pgRun.seconds.toFixed(1)} s (cpu ${sum(pgRun.cpu).toFixed(1)} s)   bare COPY ${base.seconds.toFixed(1)} s (cpu ${sum(base.cpu).toFixed(1)} s)   ` +
            `load ${os.loadavg()[0]!.toFixed(1)}`,
        );
    }
    const best = (pick: (r: { base: Run; pg: Run }) => Run) =>
      runs.map(pick).reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const [pgRun, base] = [best((r) => r.pg), best((r) => r.base)];
    const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!
      .server_version;
    const of = rounds > 1 ? ` (fastest of ${rounds})` : '';
    log(
      `postgres: import ${pgRun.seconds.toFixed(1)} s${of} (${Math.round(N / pgRun.seconds).toLocaleString('en')} households/s, COPY)   ` +
        `baseline (bare COPY of the same rows): ${base.seconds.toFixed(1)} s${of}   ratio: ${(pgRun.seconds / base.seconds).toFixed(2)}× (goal ≤ 1.5×)   (PostgreSQL ${version})`,
    );
    log(
      `postgres cpu: import ${sum(pgRun.cpu).toFixed(1)} s (node ${pgRun.cpu[0].toFixed(1)} + server ${pgRun.cpu[1].toFixed(1)})   ` +
        `baseline ${sum(base.cpu).toFixed(1)} s (node ${base.cpu[0].toFixed(1)} + server ${base.cpu[1].toFixed(1)})   ratio: ${(sum(pgRun.cpu) / sum(base.cpu)).toFixed(2)}×`,
    );
    const bytes = pgRun.bytes!;
    log(
      `postgres size: ${(bytes.total / 1e6).toFixed(0)} MB after the import (${Math.round(bytes.total / N).toLocaleString('en')} bytes per household-period, reference data included); ` +
        bytes.tables.map((x) => `${x.t} ${Math.round(x.bytes / N).toLocaleString('en')}`).join(', '),
    );
    log(
      `load:     ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (1, 5, 15 min; ${os.cpus().length} cores)`,
    );
  } finally {
    await admin.end();
  }
}
if (!values.keep && !values.dir) fs.rmSync(dir, { recursive: true, force: true });
