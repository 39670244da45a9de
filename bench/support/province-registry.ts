// The registry a report benchmark measures on: N generated households of province 38 in a fresh
// SQLite file (or the file of an earlier run with --reuse), imported through the product's import
// service. Shared by the balance, targets and Annex VII benchmarks.
import fs from 'node:fs';
import { once } from 'node:events';
import readline from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { openDeps, processIo } from '../../src/cli/runtime.js';
import { SYSTEM, type Deps } from '../../src/services/deps.js';
import { generateSurveyFile } from '../../src/services/registry/generate.service.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { insertCampaign } from '../../src/db/repositories/campaign.repository.js';
import { newCampaign } from '../../src/domain/campaign/campaign.js';
import { setTarget } from '../../src/services/finance/targets.service.js';

export const log = (msg: string) => console.log(msg);

export interface BenchRegistry {
  deps: Deps;
  /** Households generated per period. */
  households: number;
  dir: string;
  /** True when the file must be filled (not reused). */
  fresh: boolean;
}

/**
 * Reads `[--households N] [--dir DIR] [--reuse]`, prints the header line and the machine, and
 * opens `DIR/<name>.sqlite` (emptied unless reused).
 */
export async function openBenchRegistry(name: string, title: string): Promise<BenchRegistry> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      households: { type: 'string', default: '200000' },
      dir: { type: 'string' },
      reuse: { type: 'boolean', default: false },
    },
  });
  const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `gn-bench-${name}-`));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.sqlite`);
  const fresh = !(values.reuse && fs.existsSync(file));
  if (fresh) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const io = { ...processIo(), stderr: { write: () => true } as unknown as NodeJS.WritableStream };
  const deps = await openDeps(io, loadConfig({}, { db: file }));
  // A reused file holds the households it was built with, whatever --households says.
  const households = fresh
    ? Number(values.households)
    : Number(
        (
          await deps.db.kysely
            .selectFrom('household')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
  log(`giamngheo ${title} benchmark: ${households.toLocaleString('en')} households, in ${dir}`);
  log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  return { deps, households, dir, fresh };
}

/** Generates `households-<period>.jsonl` in the registry's folder (one household a line). */
export async function generatePeriod(r: BenchRegistry, period: number, seed: string): Promise<string> {
  const out = path.join(r.dir, `households-${period}.jsonl`);
  const t = performance.now();
  await generateSurveyFile(r.deps, { households: r.households, provinceCode: '38', period, seed, out });
  log(`generate ${period}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

/** The lines of a JSONL file, streamed (1,000,000 households are more than one string can hold). */
async function* linesOf(file: string): AsyncGenerator<string> {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const l of rl) if (l.trim()) yield l;
}

/** Writes lines to a file through a stream, waiting when its buffer is full. */
function lineWriter(file: string) {
  const out = fs.createWriteStream(file);
  return {
    async write(line: string) {
      if (!out.write(line + '\n')) await once(out, 'drain');
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      ),
  };
}

/**
 * The same households a year later, from the file `from` to the files `to` (the first `split[0]`
 * lines to `to[0]`, the rest to `to[1]`): in the same commune (a household rarely moves), income
 * changed by −25 %…+35 % so that some enter and some leave poverty, one household in 200 moved to
 * the next commune of the file.
 */
export async function aYearLater(
  r: BenchRegistry,
  from: string,
  period: number,
  to: readonly string[],
  split: number,
): Promise<void> {
  // The communes in the order they first occur in the file (a Set keeps insertion order).
  const seen = new Set<string>();
  for await (const l of linesOf(from)) seen.add((JSON.parse(l) as { unitCode: string }).unitCode);
  const units = [...seen];
  const index = new Map(units.map((u, i) => [u, i]));
  const outs = to.map((name) => lineWriter(path.join(r.dir, `${name}.jsonl`)));
  let i = 0;
  for await (const l of linesOf(from)) {
    const rec = JSON.parse(l) as { unitCode: string; surveyDate: string; incomePerCapitaMonthly: number };
    const factor = 0.75 + ((i * 7919) % 600) / 1000;
    const line = JSON.stringify({
      ...rec,
      surveyDate: `${period}${rec.surveyDate.slice(4)}`,
      incomePerCapitaMonthly: Math.round((rec.incomePerCapitaMonthly * factor) / 1000) * 1000,
      unitCode: i % 200 === 0 ? units[(index.get(rec.unitCode)! + 1) % units.length] : rec.unitCode,
    });
    await outs[i < split || outs.length === 1 ? 0 : 1]!.write(line);
    i += 1;
  }
  for (const o of outs) await o.close();
}

/** Imports `<name>.jsonl` of the registry's folder for a period, timed. */
export async function importFile(
  r: BenchRegistry,
  name: string,
  period: number,
  status: 'approved' | 'draft' = 'approved',
): Promise<void> {
  const t = performance.now();
  const report = await importSurvey(
    r.deps,
    SYSTEM,
    { format: 'jsonl', path: path.join(r.dir, `${name}.jsonl`) },
    { status, period, writer: 'auto' },
  );
  log(
    `import ${name} (${status}): ${report.imported.toLocaleString('en')} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

/** Marks every commune version with results recognised in each of its periods (reports count those). */
export async function recogniseEveryReview(r: BenchRegistry): Promise<void> {
  const communes = await r.deps.db.kysely
    .selectFrom('review_result')
    .select(['unit_code', 'unit_valid_from', 'period'])
    .distinct()
    .execute();
  for (const c of communes)
    await insertCampaign(
      r.deps.db.kysely,
      {
        provinceCode: '38',
        communeCode: c.unit_code,
        communeValidFrom: c.unit_valid_from,
        period: c.period,
        kind: 'periodic',
        caseKey: '',
      },
      'recognised',
      JSON.stringify({ state: { ...newCampaign('periodic', c.period), step: 'recognised' } }),
      new Date().toISOString(),
    );
  log(`${communes.length} commune reviews marked recognised`);
}

/**
 * p50 and p95 of `runs` calls, in ms of wall time, and the p50 of the process's CPU time per call
 * (user + system): on a machine shared by many processes the wall time mostly measures the wait for
 * a core, the CPU time what the call itself costs.
 */
export async function timeRuns(
  fn: () => Promise<unknown>,
  runs: number,
  /** Work done before each run, not timed (a write the run must see). */
  before?: (run: number) => Promise<unknown>,
): Promise<{ p50: number; p95: number; cpu50: number }> {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (before) await before(i);
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50: ms[Math.floor(runs / 2)]!,
    p95: ms[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]!,
    cpu50: cpu[Math.floor(runs / 2)]!,
  };
}

/** `p50 … ms, p95 … ms (CPU p50 … ms), load …`: one timing as the benchmarks print it. */
export const formatRuns = (r: { p50: number; p95: number; cpu50: number }) =>
  `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (CPU p50 ${r.cpu50.toFixed(1)} ms), load ${os.loadavg()[0]!.toFixed(1)}`;

/**
 * The one province every report benchmark can share (`--dir DIR --reuse` with the same DIR, or
 * `--dir DIR` once to build it): N generated households in 2023 and the same households a year
 * later in 2024, four in five of 2024 approved and the rest still drafts under review, every
 * commune's review of both periods marked recognised, and the province's 2024 targets set.
 * Building it takes long (200,000 households: about 35 minutes on the shared 2-core machine);
 * each benchmark then opens `DIR/province.sqlite` in seconds.
 */
export async function openProvince(title: string): Promise<BenchRegistry> {
  const r = await openBenchRegistry('province', title);
  if (!r.fresh) return r;
  const first = await generatePeriod(r, 2023, 'bench-province');
  const cut = Math.floor((r.households * 4) / 5);
  await aYearLater(r, first, 2024, ['households-2024', 'households-2024-review'], cut);
  await importFile(r, 'households-2023', 2023);
  await importFile(r, 'households-2024', 2024);
  await importFile(r, 'households-2024-review', 2024, 'draft');
  await recogniseEveryReview(r);
  await setTarget(r.deps, SYSTEM, { unitCode: '38', year: 2024, kind: 'poor-reduction', value: 1000 });
  await setTarget(r.deps, SYSTEM, { unitCode: '38', year: 2024, kind: 'poor-rate-reduction', value: 1.5 });
  return r;
}
