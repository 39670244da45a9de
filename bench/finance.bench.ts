// npm run bench -- finance [--allocations N] [--disbursements M] [--dir DIR]
//
// Program finance on a fresh SQLite file:
// 1. Records M disbursements through the product's service (validation, voucher check, guarded
//    balance update of the allocation's aggregates, audit entry, one transaction each) and, in
//    the same run, the baseline: a bare better-sqlite3 prepared INSERT of the same rows, one
//    transaction each, into a table of the same shape.
// 2. `report finance` for the city over N allocations (read from the maintained aggregates), p50
//    of 50 runs, beside the baseline: one SQL GROUP BY summing the disbursement rows per project
//    and source.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDeps, processIo } from '../src/cli/runtime.js';
import { SYSTEM } from '../src/services/deps.js';
import {
  createAllocations,
  recordDisbursement,
  type AllocationInput,
} from '../src/services/finance/allocations.service.js';
import { financeReport } from '../src/services/finance/report.service.js';
import { listUnitsOn } from '../src/db/repositories/units.repository.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    allocations: { type: 'string', default: '1000' },
    disbursements: { type: 'string', default: '5000' },
    dir: { type: 'string' },
  },
});
const N = Number(values.allocations);
const M = Number(values.disbursements);
const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gn-bench-finance-'));
const io = { ...processIo(), stderr: { write: () => true } as unknown as NodeJS.WritableStream };
const file = path.join(dir, 'finance.sqlite');
for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
const deps = {
  ...(await openDeps(io, loadConfig({}, { db: file }))),
  now: () => new Date('2024-12-01T03:00:00Z'),
};
console.log(`giamngheo finance benchmark: ${N} allocations, ${M} disbursements, in ${dir}`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);

// Allocations over the ten 2024 units of Sầm Sơn × the sub-projects × capital types × sources × years.
const units = [
  '382',
  ...(await listUnitsOn(deps.db.kysely, { date: '2024-06-30', parentCode: '382' })).map((u) => u.code),
];
const components = ['DA2', 'DA3.1', 'DA3.2', 'DA4.1', 'DA4.2', 'DA4.3', 'DA6.1', 'DA6.2', 'DA7.1', 'DA7.2'];
const inputs: AllocationInput[] = [];
outer: for (const year of [2024, 2023, 2022, 2021]) {
  for (const unitCode of units) {
    for (const componentCode of components) {
      for (const capitalType of ['recurrent', 'development']) {
        for (const source of ['central', 'province', 'commune', 'other']) {
          if (inputs.length >= N) break outer;
          inputs.push({
            year,
            unitCode,
            componentCode,
            capitalType,
            source,
            amount: 10_000_000_000,
            decisionNo: 'QĐ',
            decisionDate: `${year}-02-01`,
            deadline: `${year}-12-31`,
          });
        }
      }
    }
  }
}
const allocations = await createAllocations(deps, SYSTEM, inputs);

let t = performance.now();
for (let i = 0; i < M; i++) {
  const a = allocations[i % allocations.length]!;
  await recordDisbursement(deps, SYSTEM, {
    allocationId: a.id,
    date: `${a.year}-06-15`,
    amount: 1_000_000,
    voucherNo: `PC-${i}`,
    activity: 'Chi hỗ trợ',
  });
}
const serviceSec = (performance.now() - t) / 1000;

const raw = deps.db.sqlite!;
raw.exec(`CREATE TABLE bench_disbursement AS SELECT * FROM disbursement WHERE 0`);
const ins = raw.prepare(
  `INSERT INTO bench_disbursement (province_code, allocation_id, disbursed_on, amount, voucher_no, activity, beneficiary_households, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const one = raw.transaction((i: number, a: { id: number; year: number }) =>
  ins.run('38', a.id, `${a.year}-06-15`, 1_000_000, `PC-${i}`, 'Chi hỗ trợ', 0, 'x', 'bench'),
);
t = performance.now();
for (let i = 0; i < M; i++) one(i, allocations[i % allocations.length]!);
const rawSec = (performance.now() - t) / 1000;
console.log(`record disbursement (service, 1 transaction each): ${(M / serviceSec).toFixed(0)}/s`);
console.log(`baseline bare INSERT (1 transaction each):       ${(M / rawSec).toFixed(0)}/s`);
console.log(`ratio service / baseline: ${(rawSec / serviceSec).toFixed(3)}`);

const p50 = async (fn: () => unknown) => {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b)[25]!;
};
const report = await financeReport(deps, SYSTEM, { year: 2024, unitCode: '382' });
const reportMs = await p50(() => financeReport(deps, SYSTEM, { year: 2024, unitCode: '382' }));
const group = raw.prepare(
  `SELECT c.code, a.source, SUM(d.amount) FROM disbursement d JOIN allocation a ON a.id = d.allocation_id JOIN program_component c ON c.id = a.component_id WHERE a.year = 2024 GROUP BY c.code, a.source`,
);
const groupMs = await p50(() => group.all());
console.log(
  `report finance 382/2024 (${report.rows.length} rows, ${report.total.allocations} allocations): p50 ${reportMs.toFixed(1)} ms`,
);
console.log(`baseline GROUP BY over disbursements:       p50 ${groupMs.toFixed(2)} ms`);
console.log(`ratio report / baseline: ${(reportMs / groupMs).toFixed(1)}`);
await deps.db.close();
fs.rmSync(dir, { recursive: true, force: true });
