// npm run bench -- export [--households N] [--seed S] [--dir DIR]
//
// A province-wide Excel export of the household list. Imports N generated households (default
// 200,000) of province 38 into a fresh SQLite file through the product's import service, then:
// - the figure: `writeHouseholdExport` for the whole province and period 2024 (keyset pages of
//   1,000 rows, exceljs streaming writer) into a file, with the peak resident memory it added;
// - the baseline, same run: a bare better-sqlite3 iteration over the same rows (same joins, same
//   order, nothing written), i.e. the cost of reading alone;
// Memory is the peak of JS heap + buffers during the export minus its level before (see below).
// --reuse with --dir runs the exports again on a database a previous run left there.
// - the ratio, and the same export of the poor households only (a few % of the rows) to show that
//   the memory the export adds does not grow with the number of rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDeps, processIo } from '../src/cli/runtime.js';
import { SYSTEM } from '../src/services/deps.js';
import { generateSurveyFile } from '../src/services/registry/generate.service.js';
import { importSurvey } from '../src/services/registry/import.service.js';
import {
  prepareHouseholdExport,
  writeHouseholdExport,
  type ExportInput,
} from '../src/services/registry/exports.service.js';
import type { Deps } from '../src/services/deps.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    households: { type: 'string', default: '200000' },
    seed: { type: 'string', default: 'bench-export' },
    dir: { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
const N = Number(values.households);
const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gn-bench-export-'));
fs.mkdirSync(dir, { recursive: true });
const io = { ...processIo(), stderr: { write: () => true } as unknown as NodeJS.WritableStream };
const log = (msg: string) => console.log(msg);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

log(`giamngheo export benchmark: ${N.toLocaleString('en')} households, seed ${values.seed}, in ${dir}`);
log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);

const file = path.join(dir, 'export.sqlite');
const reuse = values.reuse && fs.existsSync(file);
if (!reuse) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
const deps: Deps = await openDeps(io, loadConfig({}, { db: file }));
if (reuse) log(`reusing the households imported in ${file}`);
else {
  const input = path.join(dir, `households-${N}.jsonl`);
  let t = performance.now();
  await generateSurveyFile(deps, {
    households: N,
    provinceCode: '38',
    period: 2024,
    seed: values.seed,
    out: input,
  });
  log(`generate: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const r = await importSurvey(
    deps,
    SYSTEM,
    { format: 'jsonl', path: input },
    { status: 'approved', mode: 'atomic' },
  );
  if (r.imported !== N) throw new Error(`imported ${r.imported} of ${N}`);
  log(`import: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/** JS heap plus buffers: what an export that held its rows or its file in memory would grow. */
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const gc = (globalThis as { gc?: () => void }).gc;

async function exportTo(input: ExportInput, name: string) {
  const p = await prepareHouseholdExport(deps, SYSTEM, input);
  const out = fs.createWriteStream(path.join(dir, name));
  const closed = new Promise<void>((r) => out.on('close', () => r()));
  const { rows } = await writeHouseholdExport(deps, SYSTEM, p, out);
  await closed;
  return { rows, size: fs.statSync(path.join(dir, name)).size };
}

/**
 * One export timed on its own, then run again with the memory sampled every 100 ms (with node
 * --expose-gc each sample first collects garbage, so the peak is the live memory the export holds;
 * without it, garbage not yet collected counts too and the figure is an upper bound). The two runs
 * are separate because collecting every 100 ms slows the export down.
 */
async function timedExport(input: ExportInput, name: string) {
  const t = performance.now();
  const { rows, size } = await exportTo(input, name);
  const seconds = (performance.now() - t) / 1000;
  gc?.();
  const before = used();
  let peak = before;
  const timer = setInterval(() => {
    gc?.();
    peak = Math.max(peak, used());
  }, 100);
  await exportTo(input, name);
  clearInterval(timer);
  return { rows, seconds, added: peak - before, size };
}

log(
  gc
    ? 'memory: live (garbage collected before each sample)'
    : 'memory: upper bound (run with NODE_OPTIONS=--expose-gc for live memory)',
);

// Baseline: read the same rows, same joins and order, nothing written.
const h = deps.db.sqlite!;
const t = performance.now();
let baselineRows = 0;
for (const row of h
  .prepare(
    `SELECT h.id, h.household_key, h.commune_code, h.head_key, h.head_name, h.head_birth_date, h.address, h.member_count,
            v.name AS village_name, r.period, r.survey_date, r.classification, r.movement, r.status, r.frozen,
            r.deprivation_count, r.deprivations, r.no_labour, r.income_line
     FROM household h
     LEFT JOIN review_result r ON r.household_id = h.id AND r.province_code = h.province_code AND r.period = 2024
     LEFT JOIN village v ON v.id = h.village_id
     WHERE h.province_code = '38'
     ORDER BY h.commune_code, h.head_key, h.id`,
  )
  .iterate()) {
  if (row) baselineRows += 1;
}
const baseline = (performance.now() - t) / 1000;
log(
  `baseline (bare SELECT of the same rows, nothing written): ${baselineRows.toLocaleString('en')} rows in ${baseline.toFixed(2)} s`,
);

const small = await timedExport({ unitCode: '38', period: 2024, classification: 'POOR' }, 'poor.xlsx');
const whole = await timedExport({ unitCode: '38', period: 2024 }, 'province.xlsx');
log(
  `export, poor households only: ${small.rows.toLocaleString('en')} rows in ${small.seconds.toFixed(2)} s, ` +
    `${mb(small.size)} XLSX, memory added ${mb(small.added)}`,
);
log(
  `export, whole province: ${whole.rows.toLocaleString('en')} rows in ${whole.seconds.toFixed(2)} s ` +
    `(${Math.round(whole.rows / whole.seconds).toLocaleString('en')} rows/s), ${mb(whole.size)} XLSX, memory added ${mb(whole.added)}`,
);
log(`ratio export / bare read: ${(whole.seconds / baseline).toFixed(1)}×`);
log(
  `memory added, whole province / poor only (${(whole.rows / Math.max(1, small.rows)).toFixed(1)}× the rows): ` +
    `${(whole.added / Math.max(1, small.added)).toFixed(2)}×`,
);
await deps.db.close();
