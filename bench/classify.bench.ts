// npm run bench -- classify [N]   (default N = 1,000,000)
// Generates N deterministic survey records (JSONL, realistic shapes: 1–9 members, real communes
// of Thanh Hóa, a few percent of faulty records) in a temporary file, then, batch by batch over
// the same lines, times JSON.parse alone (the baseline) and the full classify path of the CLI
// (JSON.parse + validation + unit look-up + classification + JSON.stringify). Prints records/s
// for both and their ratio (goal ≤ 2, aim 1), then the command's own loop: a piece of the file's
// bytes read line by line into records (compiled-scan.ts) and written as output text.
// Then the wall clock over the whole file (read from disk): the command on several threads (this
// one and a worker per other core, started beforehand, as the command starts them before its
// first large piece is done) against reading the file and JSON.parse of every line on one thread;
// with the CPU time of each (every thread of the process), since the threads' work adds up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runWatched } from './support/child-run.js';
import { openDb } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ensureReferenceData } from '../src/services/reference-data.service.js';
import { loadConfig } from '../src/config.js';
import { listUnitsOn } from '../src/db/repositories/units.repository.js';
import { createClassifier, type ClassifyOutput } from '../src/services/classification.service.js';
import { linePieces, splitLines } from '../src/services/classification/jsonl-lines.js';
import { classifyPiece, startClassifyPool } from '../src/services/classification/classify-pool.js';

const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
/** --cli: also run the real command on the file with a 64 MB JavaScript heap (constant memory). */
const WITH_CLI = args.includes('--cli');
const BATCH = 5_000;

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Lê', 'Trần', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Bùi', 'Đặng', 'Ngô'];
const MIDDLE_M = ['Văn', 'Đình', 'Xuân', 'Hữu', 'Minh'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Hà',
  'Hùng',
  'Lan',
  'Mai',
  'Nam',
  'Phong',
  'Quân',
  'Sơn',
  'Thảo',
  'Tú',
  'Yến',
];
const WATER = [
  'piped',
  'piped',
  'drilled-well',
  'drilled-well',
  'protected-dug-well',
  'rainwater',
  'bottled',
  'unprotected-well',
  'surface',
  'protected-spring',
];
const LATRINE = [
  'septic',
  'septic',
  'septic',
  'semi-septic',
  'pour-flush',
  'double-vault',
  'unhygienic-pit',
  'none',
  'bucket',
];
const DEVICES = ['tv', 'radio', 'computer', 'phone'];

function pad(n: number, w = 2) {
  return String(n).padStart(w, '0');
}

function generate(file: string, communes: { code: string }[], n: number): Promise<void> {
  const r = rng(20241015);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const out = fs.createWriteStream(file);
  let i = 0;
  return new Promise((resolve, reject) => {
    out.on('error', reject);
    const pump = () => {
      let ok = true;
      while (i < n && ok) {
        i += 1;
        const surveyDate = `2024-${pad(9 + Math.floor(r() * 3))}-${pad(1 + Math.floor(r() * 28))}`;
        const size = 1 + Math.floor(r() * r() * 9);
        const family = pick(FAMILY);
        const headYear = 1950 + Math.floor(r() * 50);
        const members = [];
        for (let k = 0; k < size; k += 1) {
          const sex = r() < 0.5 ? 'M' : 'F';
          const year =
            k < 2
              ? headYear + Math.floor(r() * 4)
              : k < 4 && r() < 0.3
                ? headYear - 25
                : headYear + 20 + Math.floor(r() * 20);
          const birthDate = `${Math.min(year, 2023)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
          const age = 2024 - Math.min(year, 2023);
          const child = age < 16;
          members.push({
            name: `${family} ${sex === 'M' ? pick(MIDDLE_M) : pick(MIDDLE_F)} ${pick(GIVEN)}`,
            idNumber:
              age >= 14 && r() < 0.7
                ? `038${(sex === 'M' ? 0 : 1) + (Math.min(year, 2023) >= 2000 ? 2 : 0)}${String(Math.min(year, 2023)).slice(2)}${pad(Math.floor(r() * 1e6), 6)}`
                : null,
            birthDate,
            sex,
            relation: k === 0 ? 'head' : k === 1 ? 'spouse' : age > 60 ? 'parent' : 'child',
            employment: child
              ? 'student'
              : pick([
                  'wage-with-contract',
                  'self-employed',
                  'self-employed',
                  'wage-no-contract',
                  'unemployed',
                  'not-in-labour-force',
                ]),
            healthInsurance: r() < 0.93,
            schooling:
              age >= 3 && child
                ? r() < 0.95
                  ? 'appropriate'
                  : pick(['below-level', 'not-attending'])
                : null,
            education: child
              ? age > 11
                ? 'primary'
                : 'none'
              : pick([
                  'primary',
                  'lower-secondary',
                  'upper-secondary',
                  'upper-secondary',
                  'vocational-elementary',
                  'college',
                  'university',
                ]),
            inTraining: !child && age < 25 && r() < 0.3,
            stunted: child && r() < 0.05,
            underweight: child && r() < 0.05,
            disability: r() < 0.97 ? 'none' : pick(['mild', 'severe', 'extremely-severe']),
            monthlySocialAllowance: r() < 0.05,
          });
        }
        const rec: Record<string, unknown> = {
          householdId: `HH-${pad(i, 7)}`,
          unitCode: pick(communes).code,
          surveyDate,
          incomePerCapitaMonthly: Math.round((600_000 + r() * r() * 4_000_000) / 1000) * 1000,
          housing: {
            floorAreaM2: Math.round((12 + r() * 100) * 10) / 10,
            walls: r() < 0.9 ? 'durable' : 'non-durable',
            columns: r() < 0.9 ? 'durable' : 'non-durable',
            roof: r() < 0.85 ? 'durable' : 'non-durable',
          },
          waterSource: pick(WATER),
          latrine: pick(LATRINE),
          internetUse: r() < 0.8,
          infoDevices: DEVICES.filter(() => r() < 0.5),
          loudspeakerAccess: r() < 0.7,
          members,
        };
        // About 1 % faulty records, as field tools produce them.
        const fault = r();
        if (fault < 0.003) delete rec.incomePerCapitaMonthly;
        else if (fault < 0.006) rec.surveyDate = '2021-06-01';
        else if (fault < 0.008) (rec.housing as Record<string, unknown>).floorAreaM2 = 0;
        const line = fault > 0.999 ? '{"householdId": "broken", ' : JSON.stringify(rec);
        ok = out.write(`${line}\n`);
      }
      if (i < n) out.once('drain', pump);
      else out.end(resolve);
    };
    pump();
  });
}

/**
 * The real `giamngheo classify FILE` with its JavaScript heap capped at 64 MB: it can only finish
 * if it streams. Peak resident memory is sampled from /proc (Linux).
 */
async function runCli(file: string, dir: string, count: number): Promise<void> {
  const bin = fileURLToPath(new URL('../bin/giamngheo.js', import.meta.url));
  const run = await runWatched(process.execPath, [
    '--max-old-space-size=64',
    bin,
    'classify',
    file,
    '--db',
    path.join(dir, 'cli.sqlite'),
  ]);
  console.log(
    `CLI end to end (64 MB heap cap, database created on the way): exit ${run.code}, ${Math.round(count / run.seconds).toLocaleString('en-US')} records/s (${run.seconds.toFixed(1)} s), peak RSS ${run.peakBytes === null ? 'not measured (no /proc)' : `${(run.peakBytes / 1024 / 1024).toFixed(0)} MB`}`,
  );
  if (run.code !== 0 && run.code !== 1) console.error(run.stderr);
}

/**
 * The whole file read from disk, twice each in alternation: the command's pool against reading
 * and JSON.parse of every line on this thread. Wall clock and CPU time (all threads) of the best
 * pass of each.
 */
async function wallClock(
  file: string,
  config: ReturnType<typeof loadConfig>,
  classifier: Awaited<ReturnType<typeof createClassifier>>,
): Promise<void> {
  const threads = Math.min(os.availableParallelism(), 4);
  const pool = startClassifyPool(
    { location: config.db, config, options: { explain: false } },
    classifier,
    threads - 1,
  );
  await pool.ready();
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const input = () => fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let sink = 0;
  const parse = async () => {
    for await (const p of linePieces(input())) {
      for (const line of splitLines(p.bytes.toString('utf8'), p.first)) {
        try {
          if ((JSON.parse(line) as { householdId?: unknown }).householdId) sink += 1;
        } catch {
          sink -= 1;
        }
      }
    }
  };
  const classify = async () => {
    await pool.run(linePieces(input()), (text) => {
      sink += text.length;
      return undefined;
    });
  };
  const best = { parse: { wall: Infinity, cpu: Infinity }, pool: { wall: Infinity, cpu: Infinity } };
  try {
    for (let round = 0; round < 2; round += 1) {
      for (const [name, pass] of [
        ['parse', parse],
        ['pool', classify],
      ] as const) {
        const c = cpuNow();
        const t = performance.now();
        await pass();
        const wall = performance.now() - t;
        const cpu = cpuNow() - c;
        if (wall < best[name].wall) best[name] = { wall, cpu };
      }
    }
  } finally {
    await pool.close();
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `wall clock over the file, the command on ${threads} threads: ${s(best.pool.wall)} against reading + JSON.parse on one thread ${s(best.parse.wall)}, ratio ${(best.pool.wall / best.parse.wall).toFixed(2)} (goal ≤ 1.25); CPU time ${s(best.pool.cpu)} against ${s(best.parse.cpu)}, ratio ${(best.pool.cpu / best.parse.cpu).toFixed(2)}; load ${os.loadavg()[0]!.toFixed(1)} (checksum ${sink})`,
  );
}

async function main() {
  const loadBefore = os.loadavg()[0]!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'giamngheo-bench-'));
  const file = path.join(dir, 'survey.jsonl');
  // A file, not memory: the pool's worker threads open it too.
  const dbFile = path.join(dir, 'bench.sqlite');
  const db = openDb(dbFile);
  try {
    await migrateToLatest(db);
    await ensureReferenceData(db);
    const deps = {
      db,
      config: loadConfig({}, { db: dbFile }),
      now: () => new Date('2024-11-01T00:00:00Z'),
    };
    const communes = await listUnitsOn(db.kysely, {
      date: '2024-12-31',
      level: 'commune',
      provinceCode: '38',
    });
    const t0 = performance.now();
    await generate(file, communes, N);
    const size = fs.statSync(file).size;
    console.error(
      `generated ${N} records (${(size / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${file}`,
    );

    const classifier = await createClassifier(deps, { explain: false });
    // Warm the unit cache and the JIT on the first lines, outside the timings.
    const head = Buffer.alloc(4_000_000);
    const fd = fs.openSync(file, 'r');
    const got = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    const warm = head.subarray(0, got).toString('utf8').split('\n').slice(0, -1);
    for (const line of warm) {
      const o = classifier.classifyLineNow(line);
      if (o instanceof Promise) await o;
    }
    await classifyPiece(classifier, { bytes: Buffer.from(warm.join('\n')), first: false });

    let parseMs = 0;
    let classifyMs = 0;
    let cliPathMs = 0;
    // CPU time of the process per pass, beside the wall clock: on a shared machine the wall clock
    // of a pass counts the time other processes held the cores.
    let parseCpu = 0;
    let cliPathCpu = 0;
    const cpuNow = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    let count = 0;
    let rejected = 0;
    let sink = 0;
    const rl = readline.createInterface({
      input: fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      crlfDelay: Infinity,
    });
    let batch: string[] = [];
    // Three passes over each batch; their order rotates from batch to batch so that neither the
    // baseline nor the classifier always pays for the garbage the pass before it left behind.
    const parsePass = () => {
      const c = cpuNow();
      const t = performance.now();
      for (let k = 0; k < batch.length; k += 1) {
        // Same guard as the CLI: a malformed line must not stop the run.
        try {
          const v = JSON.parse(batch[k]!) as { householdId?: unknown };
          if (v.householdId) sink += 1;
        } catch {
          sink -= 1;
        }
      }
      parseMs += performance.now() - t;
      parseCpu += cpuNow() - c;
    };
    const classifyPass = async (write: (o: ClassifyOutput) => string) => {
      const t = performance.now();
      for (let k = 0; k < batch.length; k += 1) {
        let o: ClassifyOutput | Promise<ClassifyOutput> = classifier.classifyLineNow(batch[k]!);
        if (o instanceof Promise) o = await o;
        sink += write(o).length;
      }
      return performance.now() - t;
    };
    // The command's own loop (src/cli/commands/classify.ts): the lines of a piece of the file as
    // read, bytes (the batch's lines joined with newlines, made before the timing), classified and
    // written into the piece's output text (classifyPiece). The baseline gets the same lines
    // already decoded: their decoding is not counted against it.
    let batchBytes = Buffer.alloc(0);
    const cliPass = async () => {
      const t = performance.now();
      const out = await classifyPiece(classifier, { bytes: batchBytes, first: false });
      sink += out.text.length;
      rejected += out.rejected;
      return performance.now() - t;
    };
    let round = 0;
    const runBatch = async () => {
      batchBytes = Buffer.from(batch.join('\n'));
      const passes = [
        async () => parsePass(),
        async () => {
          classifyMs += await classifyPass((o) => JSON.stringify(o));
        },
        // The command's own path.
        async () => {
          const c = cpuNow();
          cliPathMs += await cliPass();
          cliPathCpu += cpuNow() - c;
        },
      ];
      for (let p = 0; p < passes.length; p += 1) await passes[(p + round) % passes.length]!();
      round += 1;
      count += batch.length;
      batch = [];
    };
    for await (const line of rl) {
      batch.push(line);
      if (batch.length === BATCH) await runBatch();
    }
    if (batch.length) await runBatch();

    const parseRate = count / (parseMs / 1000);
    const classifyRate = count / (classifyMs / 1000);
    const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
    console.log(`records: ${fmt(count)} (${fmt(rejected)} rejected with a coded error); checksum ${sink}`);
    console.log(
      `baseline JSON.parse alone:            ${fmt(parseRate)} records/s (${(parseMs / 1000).toFixed(2)} s)`,
    );
    console.log(
      `classify (parse+validate+classify+stringify): ${fmt(classifyRate)} records/s (${(classifyMs / 1000).toFixed(2)} s)`,
    );
    console.log(`ratio classify/parse time: ${(classifyMs / parseMs).toFixed(2)} (goal ≤ 2, aim 1)`);
    console.log(
      `classify as the CLI writes it: ${fmt(count / (cliPathMs / 1000))} records/s (${(cliPathMs / 1000).toFixed(2)} s), ratio ${(cliPathMs / parseMs).toFixed(2)}`,
    );
    console.log(
      `CPU time, as the CLI writes it: ${(cliPathCpu / 1000).toFixed(2)} s against JSON.parse ${(parseCpu / 1000).toFixed(2)} s, ratio ${(cliPathCpu / parseCpu).toFixed(2)} (goal ≤ 1.25); load ${os.loadavg()[0]!.toFixed(1)} (${loadBefore.toFixed(1)} at the start)`,
    );
    await wallClock(file, deps.config, classifier);
    if (WITH_CLI) await runCli(file, dir, count);
  } finally {
    await db.close();
    if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
