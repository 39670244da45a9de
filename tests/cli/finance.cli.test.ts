// giamngheo report finance / finance import: JSON on stdout only, exit codes of contracts/cli.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-fin-cli-'));
const db = path.join(dir, 'cli.sqlite');

async function writeXlsx(file: string, rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

describe('giamngheo CLI (finance)', () => {
  it('imports allocations and disbursements from Excel and reports per project and source', async () => {
    const alloc = path.join(dir, 'alloc.xlsx');
    await writeXlsx(alloc, [
      [
        'Năm',
        'Mã đơn vị',
        'Dự án',
        'Loại vốn',
        'Nguồn vốn',
        'Số tiền',
        'Số quyết định',
        'Ngày quyết định',
        'Hạn giải ngân',
      ],
      [
        2024,
        '382',
        'DA4.3',
        'Sự nghiệp',
        'Trung ương',
        1_000_000_000,
        '512/QĐ-UBND',
        '26/02/2024',
        '30/09/2024',
      ],
      [
        2024,
        '382',
        'DA4.1',
        'Sự nghiệp',
        'Trung ương',
        500_000_000,
        '512/QĐ-UBND',
        '26/02/2024',
        '30/09/2024',
      ],
      [2024, '382', 'DA7', 'Sự nghiệp', 'Tỉnh', 200_000_000, '512/QĐ-UBND', '26/02/2024', '31/12/2024'],
    ]);
    const imp = await runCli(['finance', 'import', 'allocations', alloc, '--json', '--db', db]);
    expect(imp.stderr).not.toContain('INTERNAL');
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toEqual({ kind: 'allocations', read: 3, imported: 3, errors: [] });

    const disb = path.join(dir, 'disb.xlsx');
    await writeXlsx(disb, [
      ['Năm', 'Mã đơn vị', 'Dự án', 'Loại vốn', 'Nguồn vốn', 'Ngày', 'Số tiền', 'Số chứng từ', 'Nội dung'],
      [2024, '382', 'DA4.3', 'Sự nghiệp', 'Trung ương', '15/05/2024', 400_000_000, 'PC-1', 'Hỗ trợ việc làm'],
    ]);
    expect((await runCli(['finance', 'import', 'disbursements', disb, '--json', '--db', db])).code).toBe(0);

    const r = await runCli([
      'report',
      'finance',
      '--year',
      '2024',
      '--unit',
      '382',
      '--as-of',
      '2024-06-11',
      '--json',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.unit).toEqual({ code: '382', name: 'Thành phố Sầm Sơn' });
    expect(report.rows).toEqual([
      expect.objectContaining({
        projectCode: 'DA4',
        source: 'central',
        allocated: 1_500_000_000,
        adjusted: 0,
        disbursed: 400_000_000,
        rate: 0.2667,
        deadline: '2024-09-30',
        atRisk: true,
      }),
      expect.objectContaining({
        projectCode: 'DA7',
        source: 'province',
        allocated: 200_000_000,
        disbursed: 0,
        rate: 0,
        deadline: '2024-12-31',
        atRisk: true,
      }),
    ]);
    expect(report.total).toMatchObject({ allocated: 1_700_000_000, disbursed: 400_000_000 });
  });

  it('a file with bad rows: exit 1, every row error in the JSON, nothing written', async () => {
    const bad = path.join(dir, 'bad.xlsx');
    await writeXlsx(bad, [
      [
        'Năm',
        'Mã đơn vị',
        'Dự án',
        'Loại vốn',
        'Nguồn vốn',
        'Số tiền',
        'Số quyết định',
        'Ngày quyết định',
        'Hạn giải ngân',
      ],
      [2024, '382', 'DA2', 'Sự nghiệp', 'Trung ương', 5, 'QĐ', '26/02/2024', '30/09/2024'],
      [2024, '382', 'DA8', 'Sự nghiệp', 'Trung ương', 5, 'QĐ', '26/02/2024', '30/09/2024'],
    ]);
    const r = await runCli(['finance', 'import', 'allocations', bad, '--json', '--db', db]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.imported).toBe(0);
    expect(out.errors).toEqual([
      expect.objectContaining({ row: 3, code: 'PROJECT_UNKNOWN', field: 'componentCode' }),
    ]);
    const after = JSON.parse(
      (await runCli(['report', 'finance', '--year', '2024', '--unit', '382', '--json', '--db', db])).stdout,
    );
    expect(after.rows.map((x: { projectCode: string }) => x.projectCode)).toEqual(['DA4', 'DA7']);
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['report', 'finance', '--unit', '382', '--db', db])).code).toBe(2);
    expect((await runCli(['report', 'nothing', '--db', db])).code).toBe(2);
  });
});
