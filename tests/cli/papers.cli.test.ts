// `giamngheo report paper|applications|round` run as the real command: the applications register
// (add, decide, list with its XLSX), the reporting round (a submission and its version, the board),
// a review paper refused with a coded error, and usage errors (exit 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-papers-cli-'));
const db = path.join(dir, 'cli.sqlite');

describe('giamngheo report paper / applications / round', () => {
  it('enters and decides applications, lists the register, submits reports and shows the board', async () => {
    const add = await runCli([
      'report',
      'applications',
      'add',
      '--commune',
      '14830',
      '--form',
      '04',
      '--name',
      'Trần Văn Nam',
      '--reason',
      'Thu nhập đã vượt chuẩn cận nghèo',
      '--received',
      '2024-05-02',
      '--json',
      '--db',
      db,
    ]);
    expect(add.code).toBe(0);
    const a = JSON.parse(add.stdout);
    expect(a).toMatchObject({
      form: '04',
      status: 'received',
      deadline: '2024-05-17',
      clock: { kind: 'overdue' },
    });
    const refused = await runCli([
      'report',
      'applications',
      'decide',
      String(a.id),
      '--version',
      '1',
      '--on',
      '2024-05-10',
      '--refuse',
      'Chưa đủ căn cứ',
      '--json',
      '--db',
      db,
    ]);
    expect(refused.code).toBe(0);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      status: 'refused',
      refusalReason: 'Chưa đủ căn cứ',
      clockLabel: { vi: 'quyết định sau 8 ngày' },
    });
    const xlsx = path.join(dir, 'so-don.xlsx');
    const list = await runCli([
      'report',
      'applications',
      'list',
      '--unit',
      '14830',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--out',
      xlsx,
      '--db',
      db,
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Từ chối (có văn bản nêu lý do)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain('Chưa đủ căn cứ');

    const submit = (extra: string[]) =>
      runCli([
        'report',
        'round',
        'submit',
        '--unit',
        '38',
        '--period',
        '2024',
        ...extra,
        '--json',
        '--db',
        db,
      ]);
    const s1 = await submit(['--round', 'official']);
    expect(s1.code).toBe(0);
    expect(JSON.parse(s1.stdout)).toMatchObject({ round: 'official', version: 1, dueDate: '2024-12-19' });
    expect(JSON.parse((await submit(['--round', 'official'])).stdout).version).toBe(2);
    const board = await runCli(['report', 'round', 'board', '--unit', '38', '--period', '2024', '--db', db]);
    expect(board.code).toBe(0);
    expect(board.stdout).toContain(
      'Báo cáo chính thức kết quả rà soát (hạn 2024-12-19): 1/1 đã nộp, 0 quá hạn',
    );

    const paper = await runCli([
      'report',
      'paper',
      'decision',
      '--commune',
      '14830',
      '--period',
      '2024',
      '--json',
      '--db',
      db,
    ]);
    expect(paper.code).not.toBe(0);
    expect(JSON.parse(paper.stdout).error.code).toBe('REVIEW_NOT_RECOGNISED');
    expect(
      (await runCli(['report', 'paper', 'decree', '--commune', '14830', '--period', '2024', '--db', db]))
        .code,
    ).toBe(2);
    expect((await runCli(['report', 'round', 'submit', '--unit', '38', '--db', db])).code).toBe(2);
  }, 240_000);
});
