// `giamngheo import survey`, `report summary` and `generate` per contracts/cli.md, run as the real
// command: exact JSON keys, exit codes, atomic vs valid-rows, regrouping, same seed → same file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACTS, runCli } from '../support/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-registry-cli-'));
const db = path.join(dir, 'cli.sqlite');
const examples = path.join(CONTRACTS, 'examples.jsonl');

// Each case runs child processes or worker threads over a generated file: two minutes, not 30 s.
describe('giamngheo import survey / report summary / generate', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const r = await runCli(['report', 'summary', '--period', '2024', '--unit', '38', '--json', '--db', db]);
    expect(r.code).toBe(0);
  });

  it('atomic import: exit 1, nothing imported; valid-rows: 14 imported, 2 rejected', async () => {
    const atomic = await runCli(['import', 'survey', examples, '--json', '--db', db]);
    expect(atomic.code).toBe(1);
    const a = JSON.parse(atomic.stdout) as Record<string, unknown>;
    expect(Object.keys(a)).toEqual(['read', 'imported', 'rejected', 'errors']);
    expect(a).toMatchObject({ read: 16, imported: 0, rejected: 2 });
    const empty = JSON.parse(
      (await runCli(['report', 'summary', '--period', '2024', '--unit', '382', '--json', '--db', db])).stdout,
    );
    expect(empty.households).toBe(0);

    const valid = await runCli(['import', 'survey', examples, '--mode', 'valid-rows', '--json', '--db', db]);
    expect(valid.code).toBe(1);
    expect(valid.stdout.trim().split('\n')).toHaveLength(1);
    const v = JSON.parse(valid.stdout) as {
      read: number;
      imported: number;
      rejected: number;
      errors: Record<string, unknown>[];
    };
    expect({ read: v.read, imported: v.imported, rejected: v.rejected }).toEqual({
      read: 16,
      imported: 14,
      rejected: 2,
    });
    expect(v.errors.map((e) => Object.keys(e))).toEqual([
      ['line', 'householdId', 'code', 'field', 'message'],
      ['line', 'householdId', 'code', 'field', 'message'],
    ]);
    expect(v.errors.map((e) => e.code)).toEqual(['STANDARD_NOT_IN_FORCE', 'UNIT_NOT_FOUND']);
  });

  it('report summary: exact keys, rates as fractions, regrouped onto 2025 wards', async () => {
    const r = await runCli(['report', 'summary', '--period', '2024', '--unit', '382', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    const keys = [
      'unit',
      'period',
      'households',
      'poor',
      'nearPoor',
      'average',
      'residentHouseholds',
      'poorRate',
      'nearPoorRate',
      'multidimensionalRate',
      'shareOfSurveyed',
    ];
    expect(Object.keys(s)).toEqual([...keys, 'children']);
    expect(Object.keys(s.children[0])).toEqual(keys);
    expect(s).toMatchObject({
      unit: { code: '382', name: 'Thành phố Sầm Sơn' },
      period: 2024,
      households: 12,
      poor: 2,
      nearPoor: 7,
      average: 2,
    });
    // No resident households entered: no poverty rate, only shares among the surveyed.
    expect(s.residentHouseholds).toBeNull();
    expect(s.poorRate).toBeNull();
    expect(s.shareOfSurveyed.poor).toBeCloseTo(2 / 12, 5);
    expect(s.shareOfSurveyed.multidimensional).toBeCloseTo(9 / 12, 5);
    const after = JSON.parse(
      (
        await runCli([
          'report',
          'summary',
          '--period',
          '2024',
          '--unit',
          '16531',
          '--units-on',
          '2025-07-01',
          '--json',
          '--db',
          db,
        ])
      ).stdout,
    );
    expect(after).toMatchObject({
      unit: { code: '16531', name: 'Phường Sầm Sơn' },
      households: 11,
      poor: 2,
      children: [],
    });
    const bad = await runCli([
      'report',
      'summary',
      '--period',
      '2024',
      '--unit',
      '382',
      '--units-on',
      '2025-13-01',
      '--json',
      '--db',
      db,
    ]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.code).toBe('DATE_INVALID');
    const missing = await runCli([
      'report',
      'summary',
      '--period',
      '2024',
      '--unit',
      '99999',
      '--json',
      '--db',
      db,
    ]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('UNIT_NOT_FOUND');
    expect((await runCli(['report', 'summary', '--unit', '382', '--db', db])).code).toBe(2);
  });

  it('registry residents set / import, then rates over them; report balance: exact keys and the identity', async () => {
    const set = await runCli([
      'registry',
      'residents',
      'set',
      '--unit',
      '14830',
      '--year',
      '2024',
      '--households',
      '400',
      '--source',
      'Công an phường',
      '--source-date',
      '2024-10-01',
      '--json',
      '--db',
      db,
    ]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ unit: { code: '14830' }, year: 2024, households: 400 });
    const refused = await runCli([
      'registry',
      'residents',
      'set',
      '--unit',
      '14830',
      '--year',
      '2024',
      '--households',
      '0',
      '--source',
      'Công an phường',
      '--json',
      '--db',
      db,
    ]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'FIELD_INVALID', field: 'households' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['Mã xã', 'Số hộ dân cư']);
    ws.addRow(['16513', 'abc']);
    ws.addRow(['77777', 5]);
    const file = path.join(dir, 'residents.xlsx');
    await wb.xlsx.writeFile(file);
    const bad = await runCli([
      'registry',
      'residents',
      'import',
      file,
      '--year',
      '2024',
      '--source',
      'Thống kê',
      '--json',
      '--db',
      db,
    ]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);

    const s = JSON.parse(
      (await runCli(['report', 'summary', '--period', '2024', '--unit', '14830', '--json', '--db', db]))
        .stdout,
    );
    expect(s.residentHouseholds).toBe(400);
    expect(s.poorRate).toBeCloseTo(s.poor / 400, 6);

    const b = await runCli(['report', 'balance', '--period', '2024', '--unit', '382', '--json', '--db', db]);
    expect(b.code).toBe(0);
    const balance = JSON.parse(b.stdout);
    expect(Object.keys(balance)).toEqual(['unit', 'period', 'rows', 'total']);
    const termKeys = ['start', 'exited', 'new', 'returned', 'movedIn', 'movedOut', 'end'];
    expect(Object.keys(balance.rows[0])).toEqual(['unit', 'residentHouseholds', 'poor', 'nearPoor']);
    expect(Object.keys(balance.rows[0].poor)).toEqual(termKeys);
    expect(Object.keys(balance.total)).toEqual(['residentHouseholds', 'poor', 'nearPoor']);
    for (const r of [...balance.rows, balance.total])
      for (const t of [r.poor, r.nearPoor])
        expect(t.end).toBe(t.start - t.exited + t.new + t.returned + t.movedIn - t.movedOut);
    expect(
      balance.rows.find((r: { unit: { code: string } }) => r.unit.code === '14830').residentHouseholds,
    ).toBe(400);
    expect((await runCli(['report', 'balance', '--unit', '382', '--db', db])).code).toBe(2);
  }, 240_000);

  it('generate: the same seed writes the same file, and every record classifies', async () => {
    const out = (name: string) => path.join(dir, name);
    const run = (seed: string, file: string) =>
      runCli([
        'generate',
        '--households',
        '300',
        '--province',
        '38',
        '--period',
        '2024',
        '--seed',
        seed,
        '--out',
        file,
        '--db',
        db,
      ]);
    expect((await run('7', out('a.jsonl'))).code).toBe(0);
    expect((await run('7', out('b.jsonl'))).code).toBe(0);
    expect((await run('8', out('c.jsonl'))).code).toBe(0);
    const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    expect(hash(out('a.jsonl'))).toBe(hash(out('b.jsonl')));
    expect(hash(out('a.jsonl'))).not.toBe(hash(out('c.jsonl')));
    const lines = fs.readFileSync(out('a.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(300);
    const classified = await runCli(['classify', out('a.jsonl'), '--db', db]);
    expect(classified.code).toBe(0);
    const results = classified.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { classification: string; unitCode: string });
    expect(new Set(results.map((r) => r.unitCode)).size).toBeGreaterThan(100);
    const imported = await runCli(['import', 'survey', out('a.jsonl'), '--json', '--db', db]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ read: 300, imported: 300, rejected: 0, errors: [] });
  });

  it('a large file is written from a second thread: every household imported, counted in the summary', async () => {
    const big = path.join(dir, 'big.jsonl');
    const own = path.join(dir, 'big.sqlite');
    const gen = await runCli([
      'generate',
      '--households',
      '7000',
      '--province',
      '38',
      '--period',
      '2023',
      '--seed',
      'big',
      '--out',
      big,
      '--db',
      own,
    ]);
    expect(gen.code).toBe(0);
    // Above the size from which the command writes with a worker thread (8 MB).
    expect(fs.statSync(big).size).toBeGreaterThan(8 * 1024 * 1024);
    const imported = await runCli(['import', 'survey', big, '--json', '--db', own]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ read: 7000, imported: 7000, rejected: 0, errors: [] });
    const summary = JSON.parse(
      (await runCli(['report', 'summary', '--period', '2023', '--unit', '38', '--json', '--db', own])).stdout,
    ) as { households: number };
    expect(summary.households).toBe(7000);
  }, 120_000);
});
