// `giamngheo registry certificates|export|recognised` and `report annex7`, run as the real command
// on a database file whose 2024 campaign of Phường Trung Sơn was recognised through the services.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runCli } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { campaignReadyToRecognise, RECOGNISE } from '../support/certificates.js';
import { FIXED_NOW, type TestDeps } from '../support/db.js';
import { openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureReferenceData } from '../../src/services/reference-data.service.js';
import { loadConfig } from '../../src/config.js';
import { SYSTEM } from '../../src/services/deps.js';
import { transition } from '../../src/services/registry/campaign.service.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-registry-docs-cli-'));
const db = path.join(dir, 'cli.sqlite');

// Each case runs child processes or worker threads over a generated file: two minutes, not 30 s.
describe('giamngheo registry certificates / export / recognised', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const handle = openDb(db);
    await migrateToLatest(handle);
    await ensureReferenceData(handle);
    const deps = {
      db: handle,
      config: loadConfig({}, { db }),
      now: () => FIXED_NOW,
      setNow: () => undefined,
      cleanup: () => handle.close(),
    } as TestDeps;
    const ref = await campaignReadyToRecognise(deps);
    await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
    await handle.close();
  }, 60_000);

  it('writes the batch of certificates, one page each, and one household', async () => {
    const out = path.join(dir, 'gcn.pdf');
    const r = await runCli([
      'registry',
      'certificates',
      '--unit',
      '14830',
      '--period',
      '2024',
      '--out',
      out,
      '--json',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { file: string; certificates: string[] };
    expect(j.certificates).toHaveLength(9);
    expect(j.certificates[0]).toBe('1/GCN-HN.HCN');
    expect(await pdfPages(fs.readFileSync(out))).toHaveLength(9);

    const one = path.join(dir, 'ex05.pdf');
    const r1 = await runCli([
      'registry',
      'certificates',
      '--unit',
      '14830',
      '--period',
      '2024',
      '--household',
      'EX-05',
      '--out',
      one,
      '--json',
      '--db',
      db,
    ]);
    expect(r1.code).toBe(0);
    const [text] = await pdfPages(fs.readFileSync(one));
    expect(text).toContain((JSON.parse(r1.stdout) as { certificates: string[] }).certificates[0]);

    const refused = await runCli([
      'registry',
      'certificates',
      '--unit',
      '14830',
      '--period',
      '2024',
      '--household',
      'EX-03',
      '--out',
      one,
      '--json',
      '--db',
      db,
    ]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe('CERTIFICATE_NOT_ELIGIBLE');
  });

  it('exports the list with filters and the recognised sheets; usage errors exit 2', async () => {
    const out = path.join(dir, 'list.xlsx');
    const r = await runCli([
      'registry',
      'export',
      '--unit',
      '382',
      '--period',
      '2024',
      '--class',
      'NEAR_POOR',
      '--out',
      out,
      '--json',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file: out, rows: 7 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Danh sách hộ')!.rowCount).toBe(8);

    const rec = path.join(dir, 'recognised.xlsx');
    const r2 = await runCli([
      'registry',
      'recognised',
      '--unit',
      '14830',
      '--period',
      '2024',
      '--out',
      rec,
      '--json',
      '--db',
      db,
    ]);
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.stdout)).toEqual({ file: rec, poor: 2, nearPoor: 7 });

    const bad = await runCli([
      'registry',
      'export',
      '--unit',
      '14830',
      '--out',
      path.join(dir, 'x.csv'),
      '--db',
      db,
    ]);
    expect(bad.code).toBe(2);
    const notYet = await runCli([
      'registry',
      'recognised',
      '--unit',
      '14830',
      '--period',
      '2023',
      '--out',
      rec,
      '--json',
      '--db',
      db,
    ]);
    expect(notYet.code).toBe(1);
    expect(JSON.parse(notYet.stdout).error.code).toBe('CERTIFICATE_NOT_RECOGNISED');
    expect(fs.existsSync(rec)).toBe(true);
  });

  it('report annex7: the tables as JSON (hand-counted) and an XLSX read back, rates over resident households', async () => {
    const cli = (...args: string[]) => runCli(['report', 'annex7', ...args, '--db', db]);
    // The 2024 examples of Phường Trung Sơn (tests/fixtures/contracts/examples.expected.jsonl):
    // poor EX-05 (water, telecom, info access) and EX-14 (dependants, nutrition, child schooling);
    // near-poor EX-01, 02, 06 (none), 07 (housing area), 08 (housing quality), 09 (health
    // insurance), 10 (employment). No member of a non-Kinh group.
    const before = await cli('--period', '2024', '--unit', '14830', '--json');
    expect(before.code).toBe(0);
    const a = JSON.parse(before.stdout);
    expect(a.rows.map((r: { unit: { code: string }; area: string }) => [r.unit.code, r.area])).toEqual([
      ['14830', 'urban'],
    ]);
    expect(a.total).toMatchObject({ residentHouseholds: null, poor: 2, nearPoor: 7 });
    expect(a.total.groups['ethnic-minority']).toEqual({ poor: 0, nearPoor: 0 });
    const deprived = Object.fromEntries(
      Object.entries(a.total.deprivations as Record<string, { poor: number; nearPoor: number }>).filter(
        ([, v]) => v.poor + v.nearPoor > 0,
      ),
    );
    expect(deprived).toEqual({
      waterSource: { poor: 1, nearPoor: 0 },
      telecom: { poor: 1, nearPoor: 0 },
      infoAccess: { poor: 1, nearPoor: 0 },
      dependants: { poor: 1, nearPoor: 0 },
      nutrition: { poor: 1, nearPoor: 0 },
      childSchooling: { poor: 1, nearPoor: 0 },
      housingArea: { poor: 0, nearPoor: 1 },
      housingQuality: { poor: 0, nearPoor: 1 },
      healthInsurance: { poor: 0, nearPoor: 1 },
      employment: { poor: 0, nearPoor: 1 },
    });
    // Without resident households the text says so instead of a rate over the surveyed.
    const text = await cli('--period', '2024', '--unit', '14830');
    expect(text.stdout).toContain('nghèo 2 (chưa có số hộ dân cư)');

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
      '2024-12-01',
      '--db',
      db,
    ]);
    expect(set.code).toBe(0);
    const out = path.join(dir, 'phu-luc-vii-area.xlsx');
    const x = await cli('--period', '2024', '--unit', '14830', '--table', 'area', '--out', out, '--json');
    expect(x.code).toBe(0);
    expect(JSON.parse(x.stdout)).toEqual({ file: out, table: 'area' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    // 2 / 400 = 0,50 %; 7 / 400 = 1,75 %.
    const ward = rows.find((r) => r[1] === 'Phường Trung Sơn (14830)');
    expect(ward?.slice(2, 7)).toEqual([400, 2, '0,50 %', 7, '1,75 %']);
    const total = rows.find((r) => r[1] === 'Tổng cộng');
    expect(total?.slice(2, 7)).toEqual([400, 2, '0,50 %', 7, '1,75 %']);
    expect(rows.flat().some((c) => typeof c === 'string' && c.includes('chưa được xác nhận'))).toBe(true);

    const bad = await cli('--period', '2024', '--unit', '14830', '--table', 'pie', '--out', out);
    expect(bad.code).toBe(2);
  }, 240_000);
});
