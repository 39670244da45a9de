// npm run bench -- search [--households N] [--seed S] [--db FILE] [--runs R] [--like-scan]
//
// Household search on a province-sized registry (default 1,000,000 generated households of
// province 38, about 3.5 members each). The database is built with bare prepared inserts of
// household and result rows (the generator's records with an address in one of a commune's
// villages, the search key folded exactly as the import folds it) in one transaction, the word
// index written at its end as the import writes it. `--db FILE` keeps the file it builds, or
// reuses it when it exists (or a file the import benchmark kept: `npm run bench -- import --dir D
// --keep`, then `--db D/product.sqlite`). Then, for realistic queries and the worst cases (a
// single given name, a common full-name prefix, a bare householdId prefix, a citizen-ID prefix, a
// village name), through the product's service (`listHouseholds`, page 1 of 50, period 2024):
// - province-wide search: p50 / p95 over R runs of each query, and over every run of every query
//   (goal: p95 ≤ 50 ms);
// - the same queries within one commune;
// - baseline, same run, same file: a bare look-up of one household by its key (the page's row of
//   household and result), the least work that lists a household;
// - with --like-scan, also the search before the word index (every word a substring of search_key
//   with LIKE, the same ranking and an uncapped count), fewer runs: each one scans the province.
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
    'like-scan': { type: 'boolean', default: false },
  },
});
const N = Number(values.households);
const RUNS = Number(values.runs);
const LIKE = values['like-scan'];
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
const loadAverage = () => os.loadavg()[0]!.toFixed(1);
log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${loadAverage()}`,
);

// ── the registry ─────────────────────────────────────────────────────────────
if (built) {
  const communes = communeProfiles(values.seed, await communesForPeriod(deps, PROVINCE, PERIOD));
  const gen = new HouseholdGenerator(values.seed, { provinceCode: PROVINCE, period: PERIOD, communes });
  const insH = h.prepare(
    `INSERT INTO household (province_code, household_key, commune_code, commune_valid_from, village_id, head_name, head_birth_date, address, head_key, search_key, member_count, version, created_at, updated_at)
     VALUES ('38', ?, ?, '', NULL, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const insR = h.prepare(
    `INSERT INTO review_result (province_code, household_id, period, unit_code, unit_valid_from, survey_date, answers, standard, area, income_line, classification, deprivations, deprivation_count, explanation_json, movement, no_labour, status, frozen, created_at, updated_at)
     VALUES ('38', ?, 2024, ?, '', ?, '{}', '', '', 0, ?, '', 0, 'null', 'new', 0, 'approved', 0, ?, ?)`,
  );
  // Village names as communes have them (a commune holds 6–15 villages): the address is a word of
  // the search key, as the import stores it.
  const VILLAGE_NAMES = ['Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Mới', 'Yên', 'Phú', 'Hòa'];
  const villageOf = (commune: string, n: number) => {
    const c = Number(commune) % 97;
    const k = n % (6 + (c % 10));
    return k < 4 ? `Thôn ${VILLAGE_NAMES[(c + k) % VILLAGE_NAMES.length]!}` : `Thôn ${k - 3}`;
  };
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
    const address = `Số ${1 + (i % 200)}, ${villageOf(r.unitCode, Math.floor(i / 7))}`;
    // The import's search key: head, the other members, householdId, address.
    const searchKey = foldText(
      [head.name, ...r.members.filter((m) => m !== head).map((m) => m.name), r.householdId, address].join(
        ' ',
      ),
    );
    const id = Number(
      insH.run(
        r.householdId,
        r.unitCode,
        head.name,
        head.birthDate,
        address,
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

const QUERIES: [string, string][] = [
  ['full name', 'Nguyễn Văn Hùng'],
  ['full name', 'le thi lan'],
  ['full name', 'Trần Thị Mai'],
  ['full name', 'hoang duc kien'],
  ['typing a name', 'nguyen van hu'],
  ['common name prefix', 'nguyen van'],
  ['common name prefix', 'le thi'],
  ['family + given', 'Đặng Quỳnh'],
  // A common given name: no head name starts with it, tens of thousands of matches.
  ['one given name', 'hùng'],
  ['one given name', 'lan'],
  ['householdId', sampleKey],
  ['householdId prefix', sampleKey.slice(0, -2)],
  // Every household matches: the words are in every householdId.
  ['bare id prefix', 'HH-38-0'],
  ['bare id prefix', 'HH-38'],
  ['citizen-ID prefix', '038095'],
  ['village name', 'Thôn Đông'],
  ['village + name', 'thon bac nguyen'],
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
}
/** CPU time of this process per run, beside the wall clock: the machine is shared. */
const cpu: number[] = [];
async function timeIt(fn: () => Promise<unknown>, runs: number, cpuInto: number[] = cpu): Promise<number[]> {
  await fn(); // warm the page cache and the statement cache
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpuInto.push((d.user + d.system) / 1000);
  }
  return xs;
}
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);

// The baseline: the page's row (household and result) of one household, by its key.
const keyLookup = h.prepare(
  `SELECT h.id, h.household_key, h.head_name, r.classification FROM household h
   LEFT JOIN review_result r ON r.household_id = h.id AND r.province_code = h.province_code AND r.period = ?
   WHERE h.province_code = ? AND h.household_key = ?`,
);
const lookup = async (key: string) => keyLookup.get(PERIOD, PROVINCE, key);

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
  `${'kind'.padEnd(19)} ${'query'.padEnd(16)} ${'matches'.padStart(8)}  ${'province p50'.padStart(12)} ${'p95'.padStart(9)}  ${'commune p50'.padStart(11)} ${'p95'.padStart(9)}${LIKE ? `  ${'LIKE scan p50'.padStart(13)}` : ''}`,
);
const all = {
  province: [] as number[],
  cpu: [] as number[],
  commune: [] as number[],
  baseline: [] as number[],
};
const worst: { q: string; p95: number }[] = [];
for (const [kind, q] of QUERIES) {
  const first = await search(PROVINCE, q);
  const queryCpu: number[] = [];
  const province = await timeIt(() => search(PROVINCE, q), RUNS, queryCpu);
  all.cpu.push(...queryCpu);
  const inCommune = await timeIt(() => search(commune, q), RUNS);
  all.province.push(...province);
  all.commune.push(...inCommune);
  worst.push({ q, p95: pct(province, 0.95) });
  let like = '';
  if (LIKE) {
    const old = await oldSearch(q);
    const baseline = await timeIt(() => oldSearch(q), Math.max(3, Math.floor(RUNS / 5)));
    all.baseline.push(...baseline);
    like = `  ${ms(pct(baseline, 0.5)).padStart(13)}   (LIKE: ${old.total.toLocaleString('en')} substring matches)`;
  }
  const matches = `${first.total.toLocaleString('en')}${first.totalCapped ? '+' : ''}`;
  log(
    `${kind.padEnd(19)} ${q.padEnd(16)} ${matches.padStart(8)}  ${ms(pct(province, 0.5)).padStart(12)} ${ms(pct(province, 0.95))}  ${ms(pct(inCommune, 0.5)).padStart(11)} ${ms(pct(inCommune, 0.95))}${like}   CPU p95 ${pct(queryCpu, 0.95).toFixed(1)} ms; first: ${first.items[0]?.headName ?? '—'}`,
  );
}
// Bare key look-ups of households spread over the file, as many as the searches timed.
const keys = h
  .prepare('SELECT household_key FROM household WHERE id % 997 = 1 LIMIT ?')
  .pluck()
  .all(QUERIES.length) as string[];
const lookups: number[] = [];
const lookupCpu: number[] = [];
for (const key of keys) lookups.push(...(await timeIt(() => lookup(key), RUNS, lookupCpu)));
worst.sort((a, b) => b.p95 - a.p95);
log('');
log(
  `province-wide, ${QUERIES.length} queries × ${RUNS} runs: p50 ${pct(all.province, 0.5).toFixed(1)} ms, p95 ${pct(all.province, 0.95).toFixed(1)} ms (goal p95 ≤ 50 ms); CPU p50 ${pct(all.cpu, 0.5).toFixed(1)} ms, p95 ${pct(all.cpu, 0.95).toFixed(1)} ms; worst query p95: ${worst
    .slice(0, 3)
    .map((w) => `${w.q} ${w.p95.toFixed(1)} ms`)
    .join(', ')}`,
);
log(
  `commune ${commune}: p50 ${pct(all.commune, 0.5).toFixed(1)} ms, p95 ${pct(all.commune, 0.95).toFixed(1)} ms`,
);
log(
  `baseline, bare key look-up (household and result by household_key, ${keys.length} keys × ${RUNS} runs): p50 ${pct(lookups, 0.5).toFixed(3)} ms, p95 ${pct(lookups, 0.95).toFixed(3)} ms (CPU p95 ${pct(lookupCpu, 0.95).toFixed(3)} ms); ratio of p95: ${(pct(all.province, 0.95) / pct(lookups, 0.95)).toFixed(0)}×`,
);
if (LIKE)
  log(
    `before the word index (LIKE scan): p50 ${pct(all.baseline, 0.5).toFixed(1)} ms, ${(pct(all.baseline, 0.5) / pct(all.province, 0.5)).toFixed(0)}× the search's p50`,
  );
log(`load ${loadAverage()}`);
await deps.db.close();
if (dir) fs.rmSync(dir, { recursive: true, force: true });
