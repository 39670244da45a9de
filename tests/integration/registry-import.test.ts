// Import of survey records (JSONL, CSV, XLSX): the contract examples, bad files, the error report,
// aggregates against a rebuild from scratch, and the summary regrouped onto 2025 units.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACTS } from '../support/cli.js';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey, sourceOf } from '../../src/services/registry/import.service.js';
import { writeTables } from '../../src/services/registry/tabular.js';
import { rebuildAggregates } from '../../src/services/registry/households.service.js';
import { reportSummary } from '../../src/services/registry/summary.service.js';
import {} from '../../src/db/repositories/registry.repository.js';
import { expectAggregatesMatchRebuild } from '../support/registry.js';
import { decodeSnapshot } from '../../src/domain/registry/history.js';
import { storedFacts } from '../../src/domain/classification/explain.js';

const EXAMPLES = path.join(CONTRACTS, 'examples.jsonl');
const examples = fs
  .readFileSync(EXAMPLES, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const expected = new Map(
  fs
    .readFileSync(path.join(CONTRACTS, 'examples.expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { householdId: string; classification?: string })
    .map((e) => [e.householdId, e]),
);

async function counts(deps: TestDeps) {
  const out: Record<string, number> = {};
  for (const t of [
    'household',
    'household_member',
    'household_change',
    'review_result',
    'review_aggregate',
  ] as const) {
    const r = await deps.db.kysely
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`import survey (${dialect})`, () => {
    let deps: TestDeps;
    let dir: string;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-import-'));
    });
    afterEach(async () => {
      await deps.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const write = (name: string, content: string | Buffer) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, content);
      return f;
    };

    it('imports the contract examples with valid-rows: 14 imported, 2 rejected with their codes', async () => {
      const r = await importSurvey(deps, SYSTEM, sourceOf(EXAMPLES), { mode: 'valid-rows' });
      expect({ read: r.read, imported: r.imported, rejected: r.rejected }).toEqual({
        read: 16,
        imported: 14,
        rejected: 2,
      });
      expect(r.errors.map((e) => [e.line, e.householdId, e.code, e.field])).toEqual([
        [13, 'EX-13', 'STANDARD_NOT_IN_FORCE', 'surveyDate'],
        [16, 'EX-16', 'UNIT_NOT_FOUND', 'unitCode'],
      ]);
      const rows = await deps.db.kysely
        .selectFrom('review_result as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select(['h.household_key', 'r.classification', 'r.period', 'r.status', 'r.movement'])
        .execute();
      expect(rows).toHaveLength(14);
      for (const row of rows) {
        expect(row.classification).toBe(expected.get(row.household_key)!.classification);
        expect(row.status).toBe('approved');
        expect(row.movement).toBe('chua-co-ky-truoc');
      }
      expect((await counts(deps)).household_member).toBe(
        examples
          .filter((e) => e.householdId !== 'EX-13' && e.householdId !== 'EX-16')
          .reduce((s, e) => s + (e.members as unknown[]).length, 0),
      );
      const ex05 = await deps.db.kysely
        .selectFrom('review_result as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select('r.explanation_json')
        .where('h.household_key', '=', 'EX-05')
        .executeTakeFirstOrThrow();
      // Stored as facts (rendered in words when read): no sentence, no name.
      const explained = storedFacts(ex05.explanation_json);
      expect(explained.map((e) => e.indicator)).toEqual(['waterSource', 'telecom', 'infoAccess']);
      expect(explained[0]).toEqual({
        indicator: 'waterSource',
        deprived: true,
        member: null,
        value: 'surface',
        threshold: 'piped, drilled-well, protected-dug-well, protected-spring, rainwater, bottled',
      });
      await expectAggregatesMatchRebuild(deps.db.kysely);
    });

    it('flags households without labour capacity and computes the movement against earlier periods', async () => {
      const elderly = {
        ...examples[0]!,
        householdId: 'EX-OLD',
        incomePerCapitaMonthly: 1_000_000,
        members: [
          {
            ...(examples[0]!.members as Record<string, unknown>[])[0]!,
            birthDate: '1940-01-01',
            employment: 'not-in-labour-force',
          },
        ],
      };
      const y2023 = { ...elderly, surveyDate: '2023-10-15', incomePerCapitaMonthly: 3_500_000 };
      await importSurvey(deps, SYSTEM, { format: 'records', name: '2023', records: [y2023] });
      await importSurvey(deps, SYSTEM, {
        format: 'records',
        name: '2024',
        records: [elderly, { ...examples[1]!, householdId: 'EX-YOUNG' }],
      });
      const rows = await deps.db.kysely
        .selectFrom('review_result as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select(['h.household_key', 'r.period', 'r.classification', 'r.movement', 'r.no_labour'])
        .orderBy('h.household_key')
        .orderBy('r.period')
        .execute();
      expect(rows.map((r) => [r.household_key, r.period, r.classification, r.movement, r.no_labour])).toEqual(
        [
          ['EX-OLD', 2023, 'NONE', 'chua-co-ky-truoc', 1],
          ['EX-OLD', 2024, 'NEAR_POOR', 'can-ngheo-phat-sinh', 1],
          ['EX-YOUNG', 2024, 'NEAR_POOR', 'chua-co-ky-truoc', 0],
        ],
      );
      await expectAggregatesMatchRebuild(deps.db.kysely);
    });

    it('writes nothing in atomic mode when any record is invalid', async () => {
      const before = await counts(deps);
      const r = await importSurvey(deps, SYSTEM, sourceOf(EXAMPLES), {});
      expect({ read: r.read, imported: r.imported, rejected: r.rejected }).toEqual({
        read: 16,
        imported: 0,
        rejected: 2,
      });
      expect(r.errors.map((e) => e.code)).toEqual(['STANDARD_NOT_IN_FORCE', 'UNIT_NOT_FOUND']);
      expect(await counts(deps)).toEqual(before);
    });

    it('updates households by householdId on a second import, with history and a new version', async () => {
      const file = write(
        'a.jsonl',
        examples
          .slice(0, 3)
          .map((e) => JSON.stringify(e))
          .join('\n'),
      );
      await importSurvey(deps, SYSTEM, sourceOf(file));
      const changed = examples.slice(0, 3).map((e) => ({ ...e, incomePerCapitaMonthly: 5_000_000 }));
      const r = await importSurvey(
        deps,
        SYSTEM,
        sourceOf(write('b.jsonl', changed.map((e) => JSON.stringify(e)).join('\n'))),
      );
      expect({ imported: r.imported, created: r.created, updated: r.updated }).toEqual({
        imported: 3,
        created: 0,
        updated: 3,
      });
      const h = await deps.db.kysely
        .selectFrom('household')
        .selectAll()
        .where('household_key', '=', 'EX-01')
        .executeTakeFirstOrThrow();
      expect(h.version).toBe(2);
      const history = await deps.db.kysely
        .selectFrom('household_change')
        .selectAll()
        .where('household_id', '=', h.id)
        .orderBy('id')
        .execute();
      expect(history).toHaveLength(2);
      expect(decodeSnapshot(history[1]!.before_json)).toMatchObject({
        version: 1,
        classification: 'NEAR_POOR',
      });
      expect(decodeSnapshot(history[1]!.after_json)).toMatchObject({ version: 2, classification: 'NONE' });
      expect((await counts(deps)).review_result).toBe(3);
      await expectAggregatesMatchRebuild(deps.db.kysely);
    });

    it('rejects a duplicated householdId and a truncated JSONL line, writing nothing', async () => {
      const before = await counts(deps);
      const lines = [examples[0], examples[1], { ...examples[2], householdId: 'EX-01' }].map((e) =>
        JSON.stringify(e),
      );
      const truncated = JSON.stringify(examples[3]).slice(0, 120);
      const r = await importSurvey(
        deps,
        SYSTEM,
        sourceOf(write('dup.jsonl', `${lines.join('\n')}\n${truncated}`)),
      );
      expect(r.errors.map((e) => [e.line, e.householdId, e.code])).toEqual([
        [3, 'EX-01', 'HOUSEHOLD_DUPLICATE_ID'],
        [4, null, 'JSON_MALFORMED'],
      ]);
      expect(r.imported).toBe(0);
      expect(await counts(deps)).toEqual(before);
    });

    it('reads JSONL lines across read chunks with a BOM, CRLF and blank lines, each at its own line number', async () => {
      // Over 2 MB: lines cross the 1 MB chunks the file is read in. Every record is valid but for
      // a few made faulty, whose line numbers the report must give exactly.
      const valid = examples.filter((e) => expected.get(e.householdId as string)?.classification);
      const lines: string[] = [];
      const faults = new Map<number, string>();
      for (let i = 0; lines.length < 2400; i += 1) {
        // Padded to about 1 KB by a long household ID.
        const rec = { ...valid[i % valid.length]!, householdId: `JL-${i}-${'x'.repeat(900)}` };
        let line = JSON.stringify(rec);
        if (i % 400 === 7) {
          line = line.replace('"unitCode":', '"unitCode" ');
          faults.set(lines.length + 1, 'JSON_MALFORMED');
        } else if (i % 400 === 11) {
          line = JSON.stringify({ ...rec, incomePerCapitaMonthly: -5 });
          faults.set(lines.length + 1, 'income');
        } else if (i % 400 === 13) {
          line = line.replace('"householdId":"JL-', '"householdId":"\\u004aL-');
        }
        lines.push(line);
        if (i % 97 === 0) lines.push(i % 2 ? '' : ' \t ');
      }
      const text = `\ufeff${lines.join('\r\n')}\r\n`;
      const r = await importSurvey(deps, SYSTEM, sourceOf(write('big.jsonl', text)), { mode: 'valid-rows' });
      const records = lines.filter((l) => l.trim()).length;
      expect(r.read).toBe(records);
      expect(r.errors.map((e) => e.line)).toEqual([...faults.keys()]);
      // A syntax error, or a record the parser refuses (a negative income) with its own code.
      for (const e of r.errors)
        if (faults.get(e.line) === 'JSON_MALFORMED') expect(e.code).toBe('JSON_MALFORMED');
        else expect(e.field).toBe('incomePerCapitaMonthly');
      expect(r.imported).toBe(records - faults.size);
      // The escaped household ID was read as JSON reads it.
      const escaped = await deps.db.kysely
        .selectFrom('household')
        .select('household_key')
        .where('household_key', 'like', 'JL-13-%')
        .execute();
      expect(escaped).toHaveLength(1);

      // A line further on that is not UTF-8, or holds a NUL byte: refused at that line, nothing kept.
      const before = await counts(deps);
      const at = 1500;
      const bad = (insert: Buffer) =>
        Buffer.concat([
          Buffer.from(`${lines.slice(0, at - 1).join('\n')}\n`),
          Buffer.from('{"householdId":"Nguy'),
          insert,
          Buffer.from(`"}\n${lines.slice(at).join('\n')}`),
        ]);
      for (const insert of [Buffer.from([0xe1, 0xbb]), Buffer.from([0])])
        await expect(
          importSurvey(deps, SYSTEM, sourceOf(write('bad.jsonl', bad(insert))), { mode: 'valid-rows' }),
        ).rejects.toMatchObject({
          code: 'IMPORT_FILE_INVALID',
          params: { detail: expect.stringContaining(`line ${at}:`) },
        });
      expect(await counts(deps)).toEqual(before);
    });

    it('reads CSV tables with a BOM, and a Windows-1258 CSV, with Vietnamese names intact', async () => {
      const [hFile, mFile] = await writeTables(path.join(dir, 'bom.csv'), examples.slice(0, 2));
      expect(fs.readFileSync(hFile!).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const r1 = await importSurvey(deps, SYSTEM, sourceOf(hFile!, mFile));
      expect(r1).toMatchObject({ read: 2, imported: 2, rejected: 0 });
      // The same tables saved by a Vietnamese Excel as Windows-1258 (no BOM), with a new id.
      const h1258 = fs
        .readFileSync(hFile!, 'utf8')
        .slice(1)
        .replace(/EX-01/g, 'EX-91')
        .replace(/EX-02/g, 'EX-92');
      const m1258 = fs
        .readFileSync(mFile!, 'utf8')
        .slice(1)
        .replace(/EX-01/g, 'EX-91')
        .replace(/EX-02/g, 'EX-92');
      const hw = write('w1258.csv', iconv.encode(h1258, 'windows-1258'));
      const mw = write('w1258.members.csv', iconv.encode(m1258, 'windows-1258'));
      const r2 = await importSurvey(deps, SYSTEM, sourceOf(hw));
      expect(r2).toMatchObject({ read: 2, imported: 2, rejected: 0 });
      void mw;
      const head = await deps.db.kysely
        .selectFrom('household')
        .select(['head_name', 'head_key'])
        .where('household_key', '=', 'EX-91')
        .executeTakeFirstOrThrow();
      expect(head).toEqual({ head_name: 'Lê Văn Hùng', head_key: 'le van hung' });
    });

    it('reports wrong columns and member field errors on their own lines, database unchanged', async () => {
      const before = await counts(deps);
      const [hFile, mFile] = await writeTables(path.join(dir, 't.csv'), examples.slice(0, 2));
      const badHeader = fs.readFileSync(hFile!, 'utf8').replace('incomePerCapitaMonthly', 'incomePerCapita');
      const r1 = await importSurvey(deps, SYSTEM, sourceOf(write('bad.csv', badHeader), mFile));
      expect(r1.errors.map((e) => [e.line, e.code, e.field])).toEqual([
        [1, 'IMPORT_COLUMN_UNKNOWN', 'incomePerCapita'],
        [1, 'FIELD_REQUIRED', 'incomePerCapitaMonthly'],
      ]);
      expect(r1).toMatchObject({ read: 2, imported: 0, rejected: 2 });
      // A bad birth date in the 3rd member row (line 4 of the members table).
      const members = fs.readFileSync(mFile!, 'utf8').split('\r\n');
      members[3] = members[3]!.replace(/\d{4}-\d{2}-\d{2}/, '2012-13-45');
      const r2 = await importSurvey(deps, SYSTEM, sourceOf(hFile!, write('m.csv', members.join('\r\n'))));
      expect(r2.errors.map((e) => [e.line, e.householdId, e.code, e.field])).toEqual([
        [4, 'EX-01', 'DATE_INVALID', 'members[2].birthDate'],
      ]);
      // A truncated CSV (cut inside a quoted cell).
      const cut = fs.readFileSync(hFile!, 'utf8');
      // An unreadable file fails the import with a coded error (decision 0016), not a report.
      await expect(
        importSurvey(deps, SYSTEM, sourceOf(write('cut.csv', `${cut}"EX-03,1`), mFile)),
      ).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID' });
      expect(await counts(deps)).toEqual(before);
    });

    it('reads XLSX sheets Hộ / Thành viên with Excel serial dates; a truncated XLSX is refused', async () => {
      const wb = new ExcelJS.Workbook();
      const hs = wb.addWorksheet('Hộ');
      hs.addRow([
        'householdId',
        'unitCode',
        'surveyDate',
        'incomePerCapitaMonthly',
        'housing.floorAreaM2',
        'housing.walls',
        'housing.columns',
        'housing.roof',
        'waterSource',
        'latrine',
        'internetUse',
        'infoDevices',
        'loudspeakerAccess',
      ]);
      // 45580 = 2024-10-15 as an Excel serial number; "có"/"không" booleans; 1.900.000 written the Vietnamese way.
      hs.addRow([
        'EX-X1',
        '14830',
        45580,
        '1.900.000',
        48,
        'durable',
        'durable',
        'durable',
        'piped',
        'septic',
        'có',
        'tv;phone',
        'không',
      ]);
      const ms = wb.addWorksheet('Thành viên');
      ms.addRow([
        'householdId',
        'name',
        'birthDate',
        'sex',
        'relation',
        'employment',
        'healthInsurance',
        'education',
        'inTraining',
        'stunted',
        'underweight',
        'disability',
        'monthlySocialAllowance',
      ]);
      ms.addRow([
        'EX-X1',
        'Trần Thị Mai',
        30317,
        'F',
        'head',
        'self-employed',
        1,
        'lower-secondary',
        0,
        0,
        0,
        'none',
        0,
      ]);
      const file = path.join(dir, 'in.xlsx');
      await wb.xlsx.writeFile(file);
      const r = await importSurvey(deps, SYSTEM, sourceOf(file));
      expect(r).toMatchObject({ read: 1, imported: 1, rejected: 0 });
      const m = await deps.db.kysely
        .selectFrom('household_member')
        .select(['name', 'birth_date'])
        .executeTakeFirstOrThrow();
      expect(m).toEqual({ name: 'Trần Thị Mai', birth_date: '1983-01-01' });
      const res = await deps.db.kysely
        .selectFrom('review_result')
        .select(['survey_date', 'classification'])
        .executeTakeFirstOrThrow();
      expect(res).toEqual({ survey_date: '2024-10-15', classification: 'NEAR_POOR' });
      const before = await counts(deps);
      const bytes = fs.readFileSync(file);
      await expect(
        importSurvey(
          deps,
          SYSTEM,
          sourceOf(write('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)))),
        ),
      ).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID' });
      expect(await counts(deps)).toEqual(before);
    });

    it('writes an error report the officer can fix and import again', async () => {
      const report = path.join(dir, 'errors.xlsx');
      const r = await importSurvey(deps, SYSTEM, sourceOf(EXAMPLES), {
        mode: 'valid-rows',
        errorReport: report,
      });
      expect(r.errorReport).toEqual([report]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(report);
      const hs = wb.getWorksheet('households')!;
      expect(hs.rowCount).toBe(3);
      const header = (hs.getRow(1).values as unknown[]).slice(1);
      const idCol = header.indexOf('householdId') + 1;
      const dateCol = header.indexOf('surveyDate') + 1;
      const errCol = header.indexOf('_errors') + 1;
      expect(hs.getRow(2).getCell(idCol).value).toBe('EX-13');
      expect(String(hs.getRow(2).getCell(errCol).value)).toContain('STANDARD_NOT_IN_FORCE');
      // The officer fixes EX-13's survey date and drops EX-16 (a unit that no longer exists).
      hs.getRow(2).getCell(dateCol).value = '2024-10-20';
      hs.spliceRows(3, 1);
      const ms = wb.getWorksheet('members')!;
      for (let i = ms.rowCount; i >= 2; i--)
        if (ms.getRow(i).getCell(1).value === 'EX-16') ms.spliceRows(i, 1);
      await wb.xlsx.writeFile(report);
      const again = await importSurvey(deps, SYSTEM, sourceOf(report));
      expect(again).toMatchObject({ read: 1, imported: 1, rejected: 0 });
      expect((await counts(deps)).household).toBe(15);
    });

    it('keeps aggregates equal to a rebuild, and regroups 2024 results onto the 2025 wards', async () => {
      await importSurvey(deps, SYSTEM, sourceOf(EXAMPLES), { mode: 'valid-rows' });
      const direct = await reportSummary(deps, SYSTEM, { period: 2024, unitCode: '382' });
      expect(direct.households).toBe(12);
      expect(direct.children.find((c) => c.unit.code === '14830')).toMatchObject({
        households: 11,
        poor: 2,
        nearPoor: 7,
        average: 1,
      });
      const regrouped = await reportSummary(deps, SYSTEM, {
        period: 2024,
        unitCode: '38',
        unitsOn: '2025-07-01',
      });
      // Trung Sơn (14830) merged into Phường Sầm Sơn (16531); Quảng Minh (16513) into Phường Nam Sầm Sơn (16516).
      expect(regrouped.children.find((c) => c.unit.code === '16531')).toMatchObject({
        unit: { code: '16531', name: 'Phường Sầm Sơn' },
        households: 11,
        poor: 2,
      });
      expect(regrouped.children.find((c) => c.unit.code === '16516')).toMatchObject({
        unit: { code: '16516', name: 'Phường Nam Sầm Sơn' },
        households: 1,
        average: 1,
      });
      expect(regrouped.households).toBe(12);
      const r = await rebuildAggregates(deps, SYSTEM);
      expect(r.differing).toBe(0);
      // A corrupted cell is found and repaired by the rebuild.
      await deps.db.kysely
        .updateTable('review_aggregate')
        .set({ n: 99 })
        .where('indicator', '=', '')
        .where('classification', '=', 'POOR')
        .execute();
      expect((await rebuildAggregates(deps, SYSTEM)).differing).toBeGreaterThan(0);
      expect((await reportSummary(deps, SYSTEM, { period: 2024, unitCode: '382' })).poor).toBe(2);
    });
  });
}
