// npm run bench -- dashboard --db FILE [--unit CODE] [--today YYYY-MM-DD]
//
// The dashboard API's answer (GET /api/v1/dashboard: summary, balance, trend, review progress per
// commune, targets, money, tasks) for a province, timed on the database the report benchmarks share
// (`npm run bench -- targets --households N --dir DIR` leaves DIR/province.sqlite: N households of
// province 38 in 2023 and 2024). Beside it, in the same run, the baseline: the least work giving
// the same dashboard from the registry — the cells it reads counted by one GROUP BY pass over the
// results of each year, then the same code over them (timed once). Prints p50 and p95 twice: loads
// one after another (the sections kept between loads, as while nobody writes), and loads each
// after a write of one cell (the province's stamp changes: every cell is read and every section
// assembled again, as while a review is entering surveys). The writes add up to nothing.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDeps, processIo } from '../src/cli/runtime.js';
import { SYSTEM, type Deps } from '../src/services/deps.js';
import { dashboard } from '../src/services/dashboard.service.js';
import { formatRuns, timeRuns } from './support/province-registry.js';
import { cellsFromScratch, readScopeOf } from '../src/db/repositories/aggregate-cells.repository.js';
import type { Db } from '../src/db/database.js';
import { applyAggregateDeltas } from '../src/db/registry-write/index.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    db: { type: 'string' },
    unit: { type: 'string', default: '38' },
    today: { type: 'string', default: '2024-10-20' },
  },
});
if (!values.db) {
  console.error(
    'usage: npm run bench -- dashboard --db DIR/province.sqlite (built by the report benchmarks)',
  );
  process.exit(2);
}
const io = { ...processIo(), stderr: { write: () => true } as unknown as NodeJS.WritableStream };
const opened = await openDeps(io, loadConfig({}, { db: values.db }));
// The review of the year under way: the dashboard is read on a day of the 2024 review.
const deps: Deps = { ...opened, now: () => new Date(`${values.today}T03:00:00Z`) };
const households = await deps.db.kysely
  .selectFrom('household')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
console.log(
  `giamngheo dashboard benchmark: unit ${values.unit}, ${Number(households.n).toLocaleString('en')} households, ${values.db}`,
);
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
);

const kept = () => dashboard(deps, SYSTEM, { unit: values.unit });
const scratch = async () => {
  const cells = new Map();
  for (const period of [2023, 2024]) cells.set(period, await cellsFromScratch(deps.db.kysely, '38', period));
  const scoped = { ...deps, db: { ...deps.db, kysely: readScopeOf(deps.db.kysely, '38', cells) } as Db };
  return dashboard(scoped, SYSTEM, { unit: values.unit });
};
const t0 = performance.now();
const b = await scratch();
const s = { p50: performance.now() - t0 };
const a = await kept();
if (!isDeepStrictEqual(a, b)) throw new Error('the kept aggregates and the scan disagree');
console.log(
  `${a.unit.name}: ${a.registry?.summary.children.length ?? 0} units under it, ${a.review?.communes.length ?? 0} communes in review`,
);
const k = await timeRuns(kept, 21);
console.log(
  `dashboard from the kept aggregates, loads one after another: ${formatRuns(k)} (goal p50 ≤ 30 ms)`,
);
// A write of one household cell before each load (+1, then −1 back): what every write path does to
// the cells, so the province's stamp changes and the load reads its cells afresh.
const one = await deps.db.kysely
  .selectFrom('review_aggregate')
  .selectAll()
  .where('province_code', '=', '38')
  .where('period', '=', 2024)
  .where('indicator', '=', '')
  .limit(1)
  .executeTakeFirstOrThrow();
const key = {
  provinceCode: one.province_code,
  period: one.period,
  unitCode: one.unit_code,
  unitValidFrom: one.unit_valid_from,
  status: one.status,
  classification: one.classification,
  indicator: one.indicator,
};
let net = 0;
const write = (i: number) => {
  const d = i % 2 === 0 ? 1 : -1;
  net += d;
  return applyAggregateDeltas(deps.db.kysely, [[key, d]]);
};
const w = await timeRuns(kept, 21, write);
if (net !== 0) await applyAggregateDeltas(deps.db.kysely, [[key, -net]]);
console.log(
  `dashboard from the kept aggregates, each load after a write: ${formatRuns(w)} (goal p50 ≤ 30 ms)`,
);
console.log(
  `baseline, the cells counted from the results (GROUP BY) and the same dashboard over them, one run: ${s.p50.toFixed(1)} ms`,
);
console.log(
  `ratio: ${(s.p50 / k.p50).toFixed(1)}× faster one after another, ${(s.p50 / w.p50).toFixed(1)}× faster after a write`,
);
await deps.db.close?.();
