// The registry a report benchmark measures on: N generated households of province 38 in a fresh
// SQLite file (or the file of an earlier run with --reuse), imported through the product's import
// service. Shared by the balance, targets and Annex VII benchmarks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { openDeps, processIo } from '../../src/cli/runtime.js';
import { SYSTEM, type Deps } from '../../src/services/deps.js';
import { generateSurveyFile } from '../../src/services/registry/generate.service.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { insertCampaign } from '../../src/db/repositories/campaign.repository.js';

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
  const households = Number(values.households);
  const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `gn-bench-${name}-`));
  fs.mkdirSync(dir, { recursive: true });
  log(`giamngheo ${title} benchmark: ${households.toLocaleString('en')} households, in ${dir}`);
  log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const file = path.join(dir, `${name}.sqlite`);
  const fresh = !(values.reuse && fs.existsSync(file));
  if (fresh) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const io = { ...processIo(), stderr: { write: () => true } as unknown as NodeJS.WritableStream };
  const deps = await openDeps(io, loadConfig({}, { db: file }));
  return { deps, households, dir, fresh };
}

/** Generates `households-<period>.jsonl` in the registry's folder; returns its lines. */
export async function generatePeriod(r: BenchRegistry, period: number, seed: string): Promise<string[]> {
  const out = path.join(r.dir, `households-${period}.jsonl`);
  const t = performance.now();
  await generateSurveyFile(r.deps, { households: r.households, provinceCode: '38', period, seed, out });
  log(`generate ${period}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return fs
    .readFileSync(out, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
}

/**
 * The same households a year later: in the same commune (a household rarely moves), income changed
 * by −25 %…+35 % so that some enter and some leave poverty, one household in 200 moved to the next
 * commune of the file.
 */
export function aYearLater(lines: readonly string[], period: number): string[] {
  const units = [...new Set(lines.map((l) => (JSON.parse(l) as { unitCode: string }).unitCode))];
  return lines.map((l, i) => {
    const r = JSON.parse(l) as { unitCode: string; surveyDate: string; incomePerCapitaMonthly: number };
    const factor = 0.75 + ((i * 7919) % 600) / 1000;
    return JSON.stringify({
      ...r,
      surveyDate: `${period}${r.surveyDate.slice(4)}`,
      incomePerCapitaMonthly: Math.round((r.incomePerCapitaMonthly * factor) / 1000) * 1000,
      unitCode: i % 200 === 0 ? units[(units.indexOf(r.unitCode) + 1) % units.length] : r.unitCode,
    });
  });
}

/** Writes lines as `<name>.jsonl` in the registry's folder. */
export function writeLines(r: BenchRegistry, name: string, lines: readonly string[]): void {
  fs.writeFileSync(path.join(r.dir, `${name}.jsonl`), lines.join('\n') + '\n');
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
      '{}',
      new Date().toISOString(),
    );
  log(`${communes.length} commune reviews marked recognised`);
}

/** p50 and p95 of `runs` calls, in ms. */
export async function timeRuns(
  fn: () => Promise<unknown>,
  runs: number,
): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs / 2)]!, p95: ms[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]! };
}
