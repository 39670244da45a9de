// `giamngheo registry certificates|export|recognised`, run as the real command on a database file
// whose 2024 campaign of Phường Trung Sơn was recognised through the services.
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

describe('giamngheo registry certificates / export / recognised', () => {
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
});
