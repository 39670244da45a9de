// npm run bench -- balance [--households N] [--dir DIR] [--reuse]
//
// The year's balance (`report balance`) of a province from the kept aggregates, beside the same
// figures computed from scratch (GROUP BY over the registry: the results of P joined to the same
// households' results of P−1) in the same run. Imports N generated households of province 38
// (default 200,000; the issue asks for 1,000,000 — pass --households 1000000 on a quiet machine)
// for 2023 and the same households a year later for 2024 into a fresh SQLite file through the product's
// import service, marks every commune's review of both periods recognised, then times each way
// 15 times and prints p50 and p95. Both ways produce the same balance (checked here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDeps, processIo } from '../src/cli/runtime.js';
import { SYSTEM, type Deps } from '../src/services/deps.js';
import { generateSurveyFile } from '../src/services/registry/generate.service.js';
import { importSurvey } from '../src/services/registry/import.service.js';
import {
  assembleBalance,
  balanceOfCells,
  recognisedSet,
  reportBalance,
} from '../src/services/registry/balance.service.js';
import { regroupingOn } from '../src/services/registry/regroup.js';
import { balanceCellsFromScratch } from '../src/db/repositories/reports.repository.js';
import { insertCampaign } from '../src/db/repositories/campaign.repository.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    households: { type: 'string', default: '200000' },
    dir: { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
const N = Number(values.households);
const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gn-bench-balance-'));
fs.mkdirSync(dir, { recursive: true });
const io = { ...processIo(), stderr: { write: () => true } as unknown as NodeJS.WritableStream };
const log = (msg: string) => console.log(msg);
log(`giamngheo balance benchmark: ${N.toLocaleString('en')} households × 2 periods, in ${dir}`);
log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
);

const file = path.join(dir, 'balance.sqlite');
const reuse = values.reuse && fs.existsSync(file);
if (!reuse) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
const deps: Deps = await openDeps(io, loadConfig({}, { db: file }));
if (!reuse) {
  // 2023 is generated; 2024 is the same households a year later in the same commune (a household
  // rarely moves), its income changed by −25 %…+35 % so that some enter and some leave poverty, and
  // one household in 200 moved to the next commune of the file.
  const first = path.join(dir, 'households-2023.jsonl');
  let t = performance.now();
  await generateSurveyFile(deps, {
    households: N,
    provinceCode: '38',
    period: 2023,
    seed: 'bench-balance',
    out: first,
  });
  log(`generate 2023: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const lines = fs
    .readFileSync(first, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const units = [...new Set(lines.map((l) => (JSON.parse(l) as { unitCode: string }).unitCode))];
  const next = lines.map((l, i) => {
    const r = JSON.parse(l) as { unitCode: string; surveyDate: string; incomePerCapitaMonthly: number };
    const factor = 0.75 + ((i * 7919) % 600) / 1000;
    return JSON.stringify({
      ...r,
      surveyDate: `2024${r.surveyDate.slice(4)}`,
      incomePerCapitaMonthly: Math.round((r.incomePerCapitaMonthly * factor) / 1000) * 1000,
      unitCode: i % 200 === 0 ? units[(units.indexOf(r.unitCode) + 1) % units.length] : r.unitCode,
    });
  });
  fs.writeFileSync(path.join(dir, 'households-2024.jsonl'), next.join('\n') + '\n');
  for (const period of [2023, 2024]) {
    t = performance.now();
    const input = path.join(dir, `households-${period}.jsonl`);
    const r = await importSurvey(
      deps,
      SYSTEM,
      { format: 'jsonl', path: input },
      { status: 'approved', period, writer: 'auto' },
    );
    log(
      `import ${period}: ${r.imported.toLocaleString('en')} of ${N.toLocaleString('en')} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  // Every commune version with results is recognised in both periods (the reports count recognised reviews).
  const communes = await deps.db.kysely
    .selectFrom('review_result')
    .select(['unit_code', 'unit_valid_from', 'period'])
    .distinct()
    .execute();
  for (const c of communes)
    await insertCampaign(
      deps.db.kysely,
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

const input = { period: 2024, unitCode: '38' };
const kept = () => reportBalance(deps, SYSTEM, input);
const scratch = async () => {
  const g = await regroupingOn(deps, '38', '2024-12-31');
  const cells = await balanceCellsFromScratch(deps.db.kysely, { provinceCode: '38', period: 2024 });
  return assembleBalance(
    deps,
    g,
    2024,
    await balanceOfCells(g, 2024, cells, await recognisedSet(deps, '38', 2024)),
  );
};

async function time(fn: () => Promise<unknown>, runs: number) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs / 2)]!, p95: ms[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]! };
}

const a = await kept();
const b = await scratch();
if (!isDeepStrictEqual(a, b)) throw new Error('the kept aggregates and the scan disagree');
log(`province total: poor ${JSON.stringify(a.total.poor)}`);
const k = await time(kept, 15);
const s = await time(scratch, 5);
log(
  `balance from the kept aggregates: p50 ${k.p50.toFixed(1)} ms, p95 ${k.p95.toFixed(1)} ms (goal p50 ≤ 50 ms)`,
);
log(
  `baseline, from scratch (GROUP BY over the registry): p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`,
);
log(`ratio: ${(s.p50 / k.p50).toFixed(1)}× faster`);
await deps.db.close?.();
