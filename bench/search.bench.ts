// npm run bench -- search [--households N] [--seed S] [--db FILE] [--runs R]
//
// Household search on a province-sized registry (default 1,000,000 generated households of
// province 38, about 3.5 members each). The database is built with bare prepared inserts of
// household and result rows (the generator's records, the search key folded exactly as the import
// folds it) in one transaction, the word index written at its end as the import writes it; or
// `--db FILE` reuses a file the import benchmark kept (`npm run bench -- import --dir D --keep`,
// then `--db D/product.sqlite`). Then, for a handful of realistic queries, through the product's
// service (`listHouseholds`, page 1 of 50, period 2024):
// - province-wide search: p50 / p95 over R runs of each query (goal: p50 ≤ 50 ms);
// - the same queries within one commune;
// - baseline, same run, same file: the search before the word index (every word a substring of
//   search_key with LIKE, the same ranking and an uncapped count), province-wide, fewer runs
//   because each one scans the province.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { openDeps, processIo } from '../src/cli/runtime.js';
import { SYSTEM, type Deps } from '../src/services/deps.js';
import { communesForPeriod } from '../src/services/registry/generate.service.js';
import { communeProfiles, HouseholdGenerator } from '../src/domain/registry/generate.js';
import { foldText, searchTokens } from '../src/domain/registry/fold.js';
import { listHouseholds } from '../src/services/registry/households.service.js';
import { deferSearchIndex } from '../src/db/repositories/household-search.repository.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    households: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: 'bench' },
    db: { type: 'string' },
    runs: { type: 'string', default: '20' },
  },
});
const N = Number(values.households);
const RUNS = Number(values.runs);
const log = (msg: string) => console.log(msg);
const io = { ...processIo(), stderr: { write: () => true } as unknown as NodeJS.WritableStream };
const PROVINCE = '38';
const PERIOD = 2024;

let dir: string | undefined;
let file: string;
if (values.db) file = path.resolve(values.db);
else {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-bench-search-'));
  file = path.join(dir, 'search.sqlite');
}
const built = !fs.existsSync(file);
const deps: Deps = await openDeps(io, loadConfig({}, { db: file }));
const h = deps.db.sqlite!;
log(`giamngheo search benchmark: ${file}`);
log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);

// ── the registry ─────────────────────────────────────────────────────────────
if (built) {
  const communes = communeProfiles(values.seed, await communesForPeriod(deps, PROVINCE, PERIOD));
  const gen = new HouseholdGenerator(values.seed, { provinceCode: PROVINCE, period: PERIOD, communes });
  const insH = h.prepare(
    `INSERT INTO household (province_code, household_key, commune_code, commune_valid_from, village_id, head_name, head_birth_date, address, head_key, search_key, member_count, version, created_at, updated_at)
     VALUES ('38', ?, ?, '', NULL, ?, ?, NULL, ?, ?, ?, 1, ?, ?)`,
  );
  const insR = h.prepare(
    `INSERT INTO review_result (province_code, household_id, period, unit_code, unit_valid_from, survey_date, answers, standard, area, income_line, classification, deprivations, deprivation_count, explanation_json, movement, no_labour, status, frozen, created_at, updated_at)
     VALUES ('38', ?, 2024, ?, '', ?, '{}', '', '', 0, ?, '', 0, 'null', 'new', 0, 'approved', 0, ?, ?)`,
  );
  const classes = ['POOR', 'NEAR_POOR', 'AVERAGE', 'AVERAGE', 'AVERAGE', 'AVERAGE', 'AVERAGE', 'AVERAGE'];
  const at = new Date().toISOString();
  const t = performance.now();
  h.exec('BEGIN');
  const index = deferSearchIndex(deps.db, at); // as the import does: indexed once at the end
  for (let i = 0; i < N; i++) {
    const r = gen.next() as {
      householdId: string;
      unitCode: string;
      surveyDate: string;
      members: { name: string; birthDate: string; relation: string }[];
    };
    const head = r.members.find((m) => m.relation === 'head') ?? r.members[0]!;
    // The import's search key: head, the other members, householdId, address (none here).
    const searchKey = foldText(
      [head.name, ...r.members.filter((m) => m !== head).map((m) => m.name), r.householdId, ''].join(' '),
    );
    const id = Number(
      insH.run(
        r.householdId,
        r.unitCode,
        head.name,
        head.birthDate,
        foldText(head.name),
        searchKey,
        r.members.length,
        at,
        at,
      ).lastInsertRowid,
    );
    insR.run(id, r.unitCode, r.surveyDate, classes[i % classes.length], at, at);
  }
  index.finish();
  h.exec('COMMIT');
  log(
    `built: ${N.toLocaleString('en')} households in ${((performance.now() - t) / 1000).toFixed(1)} s (word index written at the end, as by the import)`,
  );
}
const households = (h.prepare('SELECT count(*) FROM household').pluck().get() as number) ?? 0;
// The commune searched: the one holding the most households (the worst case of commune search).
const commune = h
  .prepare(
    'SELECT commune_code FROM household WHERE province_code = ? GROUP BY commune_code ORDER BY count(*) DESC LIMIT 1',
  )
  .pluck()
  .get(PROVINCE) as string;
const communeSize = h
  .prepare('SELECT count(*) FROM household WHERE province_code = ? AND commune_code = ?')
  .pluck()
  .get(PROVINCE, commune) as number;
const sampleKey = h
  .prepare('SELECT household_key FROM household WHERE id = ?')
  .pluck()
  .get(Math.max(1, Math.floor(households * 0.61))) as string;
log(
  `registry: ${households.toLocaleString('en')} households; commune ${commune}: ${communeSize.toLocaleString('en')}`,
);

const QUERIES = [
  'Nguyễn Văn Hùng',
  'le thi lan',
  'Trần Thị Mai',
  'hoang duc kien',
  'nguyen van hu',
  'Đặng Quỳnh',
  sampleKey,
  // The worst case: one common given name, no head name starting with it, every match sorted.
  'hùng',
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
}
async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn(); // warm the page cache and the statement cache
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return xs;
}
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);

// The search before the word index (the previous repository query), for the baseline.
async function oldSearch(q: string) {
  const tokens = searchTokens(q);
  const folded = tokens.join(' ');
  let query = deps.db.kysely
    .selectFrom('household as h')
    .leftJoin('review_result as r', (j) =>
      j
        .onRef('r.household_id', '=', 'h.id')
        .onRef('r.province_code', '=', 'h.province_code')
        .on('r.period', '=', PERIOD),
    )
    .select(['h.id', 'h.household_key', 'h.head_name', 'r.classification'])
    .where('h.province_code', '=', PROVINCE);
  for (const t of tokens) query = query.where('h.search_key', 'like', `%${t}%`);
  const count = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy(
      sql<number>`CASE WHEN h.head_key = ${folded} THEN 0 WHEN h.head_key LIKE ${`${folded}%`} THEN 1 WHEN h.head_key LIKE ${`%${folded}%`} THEN 2 ELSE 3 END`,
    )
    .orderBy('h.head_key')
    .orderBy('h.id')
    .limit(50)
    .execute();
  return { total: Number(count.n), rows };
}

const search = (unitCode: string, q: string) =>
  listHouseholds(deps, SYSTEM, { unitCode, q, period: PERIOD, pageSize: 50 });

log('');
log(
  `${'query'.padEnd(18)} ${'matches'.padStart(8)}  ${'province p50'.padStart(12)} ${'p95'.padStart(9)}  ${'commune p50'.padStart(11)} ${'p95'.padStart(9)}  ${'LIKE scan p50'.padStart(13)}  ratio`,
);
const all = { province: [] as number[], commune: [] as number[], baseline: [] as number[] };
for (const q of QUERIES) {
  const first = await search(PROVINCE, q);
  const old = await oldSearch(q);
  const province = await timeIt(() => search(PROVINCE, q), RUNS);
  const inCommune = await timeIt(() => search(commune, q), RUNS);
  const baseline = await timeIt(() => oldSearch(q), Math.max(3, Math.floor(RUNS / 5)));
  all.province.push(...province);
  all.commune.push(...inCommune);
  all.baseline.push(...baseline);
  const matches = `${first.total.toLocaleString('en')}${first.totalCapped ? '+' : ''}`;
  log(
    `${q.padEnd(18)} ${matches.padStart(8)}  ${ms(pct(province, 0.5)).padStart(12)} ${ms(pct(province, 0.95))}  ${ms(pct(inCommune, 0.5)).padStart(11)} ${ms(pct(inCommune, 0.95))}  ${ms(pct(baseline, 0.5)).padStart(13)}  ${(pct(baseline, 0.5) / pct(province, 0.5)).toFixed(0)}×` +
      `   (LIKE: ${old.total.toLocaleString('en')} substring matches; first: ${first.items[0]?.headName ?? '—'})`,
  );
}
log('');
log(
  `province-wide: p50 ${pct(all.province, 0.5).toFixed(1)} ms, p95 ${pct(all.province, 0.95).toFixed(1)} ms (goal p50 ≤ 50 ms)   ` +
    `LIKE scan: p50 ${pct(all.baseline, 0.5).toFixed(1)} ms   ratio: ${(pct(all.baseline, 0.5) / pct(all.province, 0.5)).toFixed(0)}× faster`,
);
log(
  `commune ${commune}: p50 ${pct(all.commune, 0.5).toFixed(1)} ms, p95 ${pct(all.commune, 0.95).toFixed(1)} ms`,
);
await deps.db.close();
if (dir) fs.rmSync(dir, { recursive: true, force: true });
