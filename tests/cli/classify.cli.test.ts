// `giamngheo classify` per contracts/survey-record.md §5, run as the real command: the shared
// examples, one coded error object per bad line while the command goes on, exit codes 0/1/2,
// streaming (output before the input ends), forced standards and the what-if report.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { BIN, CONTRACTS, REPO, runCli } from '../support/cli.js';
import { asRaw, buildRecord } from '../support/survey.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-classify-'));
const db = path.join(dir, 'cli.sqlite');
const jsonl = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
const line = (overrides: Parameters<typeof buildRecord>[0] = {}) =>
  JSON.stringify(asRaw(buildRecord(overrides)));

describe('giamngheo classify', () => {
  beforeAll(async () => {
    // First use creates and migrates the database (units, standards).
    const r = await runCli(['classify', '-', '--db', db], { input: '' });
    expect(r.code).toBe(0);
  });

  it('writes the national standards into a new database on first start', async () => {
    const fresh = path.join(dir, 'fresh.sqlite');
    const r = await runCli(['migrate', '--db', fresh]);
    expect(r.code).toBe(0);
    const handle = new SQLite(fresh, { readonly: true });
    const rows = handle.prepare('SELECT code, scope, version FROM poverty_standard ORDER BY code').all();
    handle.close();
    expect(rows).toEqual([
      { code: 'ND07_2021', scope: 'national', version: 1 },
      { code: 'ND351_2025', scope: 'national', version: 1 },
    ]);
  });

  it('classifies the contract examples (tests/fixtures/contracts) exactly as examples.expected.jsonl', async () => {
    const r = await runCli(['classify', path.join(CONTRACTS, 'examples.jsonl'), '--db', db]);
    const expected = jsonl(fs.readFileSync(path.join(CONTRACTS, 'examples.expected.jsonl'), 'utf8'));
    const actual = jsonl(r.stdout);
    expect(actual.map((a) => a.householdId)).toEqual(expected.map((e) => e.householdId));
    // Same comparison as check-classify.py: class, area, income line, unit name, ND07 deprivations, error code.
    expected.forEach((e, i) => {
      const a = actual[i]!;
      if (e.error) {
        expect(a.error.code, e.householdId).toBe(e.error.code);
        expect(a.error.field, e.householdId).toBe(e.error.field);
        return;
      }
      expect(a.error, e.householdId).toBeUndefined();
      expect(
        { c: a.classification, area: a.area, line: a.incomeLine, unit: a.unitName, std: a.standard },
        e.householdId,
      ).toEqual({
        c: e.classification,
        area: e.area,
        line: e.incomeLine,
        unit: e.unitName,
        std: e.standard,
      });
      if (e.standard === 'ND07_2021') expect(a.deprivations, e.householdId).toEqual(e.deprivations);
      expect(a.deprivationCount).toBe(a.deprivations.length);
    });
    expect(actual.find((a) => a.householdId === 'EX-15')!.provisional).toBe(true);
    expect(r.code).toBe(1); // EX-13 and EX-16 cannot be classified
  });

  it('gives one coded error object per bad line and goes on, in input order', async () => {
    const missingIncome = asRaw(buildRecord({ householdId: 'HH-NOINC' }));
    delete missingIncome.incomePerCapitaMonthly;
    const input = [
      line({ householdId: 'HH-1' }),
      '{"householdId": "HH-2", "unitCode": ',
      JSON.stringify(missingIncome),
      line({ householdId: 'HH-3', unitCode: '99999' }),
      line({ householdId: 'HH-4', surveyDate: '2031-01-01' }),
      JSON.stringify({ ...asRaw(buildRecord({ householdId: 'HH-5' })), members: 'everyone' }),
      '[1, 2, 3]',
      '',
      line({ householdId: 'HH-6', incomePerCapitaMonthly: 3_500_000 }),
    ].join('\n');
    const r = await runCli(['classify', '-', '--db', db], { input });
    expect(r.code).toBe(1);
    const out = jsonl(r.stdout);
    expect(
      out.map((o) => [o.householdId, o.error?.code ?? o.classification, o.error?.field ?? null]),
    ).toEqual([
      ['HH-1', 'NEAR_POOR', null],
      [null, 'JSON_MALFORMED', null],
      ['HH-NOINC', 'FIELD_REQUIRED', 'incomePerCapitaMonthly'],
      ['HH-3', 'UNIT_NOT_FOUND', 'unitCode'],
      ['HH-4', 'STANDARD_NOT_IN_FORCE', 'surveyDate'],
      ['HH-5', 'FIELD_TYPE', 'members'],
      [null, 'SURVEY_INVALID', ''],
      ['HH-6', 'NONE', null],
    ]);
    for (const o of out.filter((x) => x.error)) {
      expect(o.error.message).toBeTruthy();
      expect(o.error.messageEn).toBeTruthy();
    }
    expect(r.stderr).toContain('6/8');
  });

  it('exits 0 when every record is classified; --standard forces a standard; --explain adds explanations', async () => {
    const r = await runCli(['classify', '-', '--db', db, '--standard', 'ND351_2025', '--explain'], {
      input: `${line({ householdId: 'A', infoDevices: [], loudspeakerAccess: false })}\n${line({ householdId: 'B', surveyDate: '2021-03-01' })}\n`,
    });
    expect(r.code).toBe(0);
    const [a, b] = jsonl(r.stdout);
    expect(a).toMatchObject({
      householdId: 'A',
      standard: 'ND351_2025',
      provisional: true,
      incomeLine: 2_800_000,
      deprivations: [],
    });
    expect(a!.explanations.indicators.map((e: { indicator: string }) => e.indicator)).not.toContain(
      'infoAccess',
    );
    // A date outside every standard is classified when a standard is forced (what-if).
    expect(b).toMatchObject({ householdId: 'B', standard: 'ND351_2025', classification: 'NEAR_POOR' });
  });

  it('an unknown --standard, a missing file or a bad flag is a usage error (exit 2) with a coded message', async () => {
    const unknown = await runCli(['classify', '-', '--db', db, '--standard', 'ND99'], { input: line() });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('STANDARD_UNKNOWN');
    const missing = await runCli(['classify', path.join(dir, 'nope.jsonl'), '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('FILE_NOT_FOUND');
    const flag = await runCli(['classify', '--bogus', '--db', db]);
    expect(flag.code).toBe(2);
  });

  it('streams: the first result is written before the input ends', async () => {
    const child = spawn(process.execPath, [BIN, 'classify', '-', '--db', db], { cwd: REPO });
    let stdout = '';
    const firstResult = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('\n')) resolve();
      });
    });
    // Many lines fill the 64 KiB output chunk while standard input stays open.
    const batch = Array.from({ length: 600 }, (_, i) => line({ householdId: `S-${i}` })).join('\n');
    child.stdin.write(`${batch}\n`);
    await firstResult;
    expect(child.exitCode).toBeNull(); // still running: the input is not finished
    child.stdin.end(`${line({ householdId: 'LAST' })}\n`);
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    expect(code).toBe(0);
    const out = jsonl(stdout);
    expect(out).toHaveLength(601);
    expect(out.at(-1)!.householdId).toBe('LAST');
  });

  it('--what-if FROM:TO FILE --json reports the transitions and writes nothing', async () => {
    const file = path.join(dir, 'whatif.jsonl');
    fs.writeFileSync(
      file,
      [
        line({ householdId: 'W1', incomePerCapitaMonthly: 1_900_000 }), // urban NEAR_POOR → NEAR_POOR
        line({ householdId: 'W2', incomePerCapitaMonthly: 2_500_000 }), // AVERAGE → NEAR_POOR
        line({
          householdId: 'W3',
          incomePerCapitaMonthly: 2_500_000,
          internetUse: false,
          waterSource: 'surface',
          latrine: 'none',
        }), // AVERAGE → POOR
        line({ householdId: 'W4', incomePerCapitaMonthly: 5_000_000 }), // NONE → NONE
        line({
          householdId: 'W5',
          unitCode: '16513',
          surveyDate: '2024-11-20',
          incomePerCapitaMonthly: 1_400_000,
          infoDevices: [],
          loudspeakerAccess: false,
          internetUse: false,
          latrine: 'none',
        }), // rural POOR → NEAR_POOR (infoAccess dropped)
        '{broken',
      ].join('\n'),
    );
    const before = fs.statSync(db).mtimeMs;
    const r = await runCli(['classify', '--what-if', 'ND07_2021:ND351_2025', file, '--json', '--db', db]);
    expect(r.code).toBe(1); // the report is complete, one line was rejected
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({
      from: 'ND07_2021',
      to: 'ND351_2025',
      read: 6,
      classified: 5,
      rejected: 1,
      errors: { JSON_MALFORMED: 1 },
    });
    expect(rep.matrix.NEAR_POOR.NEAR_POOR).toBe(1);
    expect(rep.matrix.AVERAGE.NEAR_POOR).toBe(1);
    expect(rep.matrix.AVERAGE.POOR).toBe(1);
    expect(rep.matrix.NONE.NONE).toBe(1);
    expect(rep.matrix.POOR.NEAR_POOR).toBe(1);
    expect(rep.totals.to).toEqual({ POOR: 1, NEAR_POOR: 3, AVERAGE: 0, NONE: 1 });
    expect(
      rep.units.map((u: { unitCode: string; classified: number }) => [u.unitCode, u.classified]),
    ).toEqual([
      ['14830', 4],
      ['16513', 1],
    ]);
    expect(fs.statSync(db).mtimeMs).toBe(before);
    const text = await runCli(['classify', '--what-if', 'ND07_2021:ND351_2025', '-', '--db', db], {
      input: line({ householdId: 'T1', incomePerCapitaMonthly: 2_500_000 }),
    });
    expect(text.code).toBe(0);
    // In words: the classes and the standards by their names, no code.
    expect(text.stdout).toContain(
      'Phân loại theo Nghị định 07/2021/NĐ-CP (hàng) và theo Nghị định 351/2025/NĐ-CP (cột)',
    );
    expect(text.stdout).toMatch(/\(3\) Hộ có mức sống trung bình\s+0\s+1\s+0\s+0\s+1/);
    expect(text.stdout).not.toMatch(/NEAR_POOR|AVERAGE|ND07_2021/);
    expect(text.stdout).toContain('classified 1; bị từ chối / rejected 0');
    const unknown = await runCli(['classify', '--what-if', 'ND07_2021:NOPE', file, '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('STANDARD_UNKNOWN');
  });
});
