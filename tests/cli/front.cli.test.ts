// `giamngheo report fund|houses`, run as the real command on a database file holding the demo's
// Front data (the Sầm Sơn fund of 2024, its houses), the files read back: the figures in the XLSX
// and the PDF are the ledger's own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runCli } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { frontRecord, loadRecords } from '../support/front.js';
import type { TestDeps } from '../support/db.js';
import { openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureReferenceData } from '../../src/services/reference-data.service.js';
import { loadConfig } from '../../src/config.js';
import { SYSTEM } from '../../src/services/deps.js';
import { seedFront } from '../../src/services/demo/front.seed.js';
import { listFundsFor } from '../../src/services/front/fund.service.js';
import { housesByUnit } from '../../src/services/front/houses.service.js';
import { addVillage } from '../../src/services/villages.service.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-front-cli-'));
const db = path.join(dir, 'cli.sqlite');
let fund: { received: number; transferredIn: number; balance: number };
let handedOver: number;

describe('giamngheo report fund / houses', () => {
  beforeAll(async () => {
    const handle = openDb(db);
    await migrateToLatest(handle);
    await ensureReferenceData(handle);
    // The demo's dates (autumn 2024) lie before today: the clock is the real one.
    const deps = {
      db: handle,
      config: loadConfig({}, { db }),
      now: () => new Date(),
      setNow: () => undefined,
      cleanup: () => handle.close(),
    } as TestDeps;
    for (const c of ['14830', '16513'])
      await addVillage(deps, SYSTEM, { communeCode: c, on: '2024-06-07', name: 'Thôn 1', kind: 'thon' });
    // Poor households surveyed in 2023 and 2024 (as the Front's e2e loads them).
    for (const [period, date] of [
      [2023, '2023-10-15'],
      [2024, '2024-10-15'],
    ] as const)
      await loadRecords(
        deps,
        Array.from({ length: 12 }, (_, i) =>
          frontRecord(`CLI-${i + 1}`, i % 2 ? '14830' : '16513', 'poor', date, {
            badHouse: period === 2023 || i > 4,
          }),
        ),
        period,
      );
    await seedFront({ deps, progress: () => undefined, accounts: [] });
    fund = (await listFundsFor(deps, SYSTEM, { year: '2024' })).find((f) => f.unitCode === '382')!;
    handedOver = (await housesByUnit(deps, SYSTEM, { unitCode: '382' })).total.handedOver;
    await handle.close();
  }, 120_000);

  it('writes the fund’s yearly statement as XLSX and PDF with the ledger’s figures', async () => {
    expect(fund.balance).toBeGreaterThan(0);
    const xlsx = path.join(dir, 'quy.xlsx');
    const r = await runCli([
      'report',
      'fund',
      '--period',
      '2024',
      '--unit',
      '382',
      '--out',
      xlsx,
      '--db',
      db,
    ]);
    expect(r.stderr).not.toContain('INTERNAL');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const line = (no: string) => rows.find((x) => x[0] === no);
    expect(line('I')?.[3]).toBe(fund.received + fund.transferredIn);
    expect(line('III')?.[3]).toBe(fund.balance);
    expect(rows.flat().join(' ')).toContain('QUỸ "VÌ NGƯỜI NGHÈO" NĂM 2024');

    const pdf = path.join(dir, 'quy.pdf');
    const p = await runCli([
      'report',
      'fund',
      '--period',
      '2024',
      '--unit',
      '382',
      '--out',
      pdf,
      '--json',
      '--db',
      db,
    ]);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout)).toEqual({ file: pdf, format: 'pdf' });
    const text = (await pdfPages(fs.readFileSync(pdf))).join('\n');
    expect(text).toContain('BÁO CÁO THU, CHI QUỸ "VÌ NGƯỜI NGHÈO" NĂM 2024');
    expect(text).toContain(fund.balance.toLocaleString('vi-VN'));
  }, 180_000);

  it('answers the statement as JSON, and a coded error for a year without a fund', async () => {
    const j = await runCli(['report', 'fund', '--period', '2024', '--unit', '382', '--json', '--db', db]);
    expect(j.code).toBe(0);
    const body = JSON.parse(j.stdout) as { rows: unknown[][]; columns: string[] };
    expect(body.columns).toHaveLength(4);
    expect(body.rows.find((x) => x[0] === 'III')?.[3]).toBe(fund.balance);
    const none = await runCli(['report', 'fund', '--period', '2019', '--unit', '382', '--json', '--db', db]);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout).error.code).toBe('FRONT_FUND_NOT_FOUND');
    expect((await runCli(['report', 'fund', '--unit', '382', '--db', db])).code).toBe(2);
    expect((await runCli(['report', 'houses', '--out', 'x.csv', '--db', db])).code).toBe(2);
  }, 180_000);

  it('writes the houses per unit with the handed-over total, XLSX and PDF', async () => {
    expect(handedOver).toBeGreaterThan(0);
    const xlsx = path.join(dir, 'nha.xlsx');
    const r = await runCli(['report', 'houses', '--unit', '382', '--out', xlsx, '--db', db]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const total = rows.find((x) => x[1] === 'Tổng cộng / Total');
    expect(total?.[4]).toBe(handedOver);
    const pdf = path.join(dir, 'nha.pdf');
    expect((await runCli(['report', 'houses', '--unit', '382', '--out', pdf, '--db', db])).code).toBe(0);
    expect((await pdfPages(fs.readFileSync(pdf))).join('\n')).toContain(
      'BÁO CÁO NHÀ ĐẠI ĐOÀN KẾT THEO ĐƠN VỊ',
    );
  }, 180_000);
});
