// Resident households (the denominator of every rate), recognised-only figures on the portal and in
// the balance, and the standard a review period uses (issue 12).
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildRecord } from '../support/survey.js';
import { buildUser } from '../support/builders.js';
import { campaignReadyToRecognise, examples, RECOGNISE } from '../support/certificates.js';
import { codeOf } from '../support/errors.js';
import { isAppError } from '../../src/errors.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { getHousehold, saveHousehold } from '../../src/services/registry/households.service.js';
import {
  getResidentHouseholds,
  importResidentHouseholds,
  setResidentHouseholds,
} from '../../src/services/registry/residents.service.js';
import { reportSummary } from '../../src/services/registry/summary.service.js';
import { reportBalance } from '../../src/services/registry/balance.service.js';
import { getPublicStats } from '../../src/services/public/open-lists.service.js';

async function sheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hộ dân cư');
  ws.addRow(['Số hộ dân cư năm 2024']);
  ws.addRow(['Mã xã', 'Tên xã', 'Số hộ dân cư']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const commune = (deps: TestDeps, unitCode: string): Promise<Actor> =>
  buildUser(deps, { role: 'commune-officer', unitCode }).then(({ user }) => ({
    kind: 'user' as const,
    id: user.id,
    username: user.username,
    role: 'commune-officer' as const,
    unitCode,
  }));

for (const dialect of DIALECTS) {
  describe(`resident households and recognised figures (${dialect})`, () => {
    let deps: TestDeps;
    afterEach(async () => deps?.cleanup());

    it('sets, reads, audits and refuses resident households; the rates of report summary are over them', async () => {
      deps = await makeDeps(dialect);
      const v = await setResidentHouseholds(deps, SYSTEM, {
        unitCode: '14830',
        year: 2024,
        households: 1200,
        source: 'Công an phường, dữ liệu cư trú',
        sourceDate: '2024-10-01',
      });
      expect(v).toMatchObject({
        unit: { code: '14830' },
        year: 2024,
        households: 1200,
        sourceDate: '2024-10-01',
      });
      await setResidentHouseholds(deps, SYSTEM, {
        unitCode: '14830',
        year: 2024,
        households: 1250,
        source: 'Chi cục Thống kê',
        sourceDate: '2024-11-01',
      });
      expect(await getResidentHouseholds(deps, SYSTEM, { unitCode: '14830', year: 2024 })).toMatchObject({
        households: 1250,
        source: 'Chi cục Thống kê',
      });
      const audit = await deps.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'after_json'])
        .where('entity', '=', 'resident_household')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'update']);

      // Refusals, each naming its field; a commune officer of another commune is told the unit does not exist.
      const bad = (input: Record<string, unknown>) =>
        codeOf(
          setResidentHouseholds(deps, SYSTEM, {
            unitCode: '14830',
            year: 2024,
            households: 10,
            source: 'Nguồn',
            sourceDate: '2024-10-01',
            ...input,
          }),
        );
      expect(await bad({ households: -3 })).toBe('FIELD_INVALID');
      expect(await bad({ households: 1.5 })).toBe('FIELD_INVALID');
      expect(await bad({ source: '' })).toBe('FIELD_INVALID');
      expect(await bad({ sourceDate: '01/10/2024' })).toBe('DATE_INVALID');
      expect(await bad({ unitCode: '99999' })).toBe('UNIT_NOT_FOUND');
      expect(await bad({ unitCode: '382' })).toBe('UNIT_NOT_COMMUNE');
      const other = await commune(deps, '16513');
      expect(
        await codeOf(
          setResidentHouseholds(deps, other, {
            unitCode: '14830',
            year: 2024,
            households: 10,
            source: 'Nguồn',
            sourceDate: '2024-10-01',
          }),
        ),
      ).toBe('UNIT_NOT_FOUND');
      expect(await getResidentHouseholds(deps, SYSTEM, { unitCode: '14830', year: 2024 })).toMatchObject({
        households: 1250,
      });

      // Summary: rates over the resident households; shares among the surveyed are named so.
      await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'x', records: examples },
        { period: 2024, status: 'approved' },
      );
      const s = await reportSummary(deps, SYSTEM, { period: 2024, unitCode: '14830' });
      expect(s.residentHouseholds).toBe(1250);
      expect(s.poorRate).toBeCloseTo(s.poor / 1250, 6);
      expect(s.multidimensionalRate).toBeCloseTo((s.poor + s.nearPoor) / 1250, 6);
      expect(s.shareOfSurveyed.poor).toBeCloseTo(s.poor / s.households, 6);
      const city = await reportSummary(deps, SYSTEM, { period: 2024, unitCode: '382' });
      // The city's other communes have no figure: no rate rather than a wrong one.
      expect(city.residentHouseholds).toBeNull();
      expect(city.poorRate).toBeNull();
      expect(city.children.find((c) => c.unit.code === '14830')!.poorRate).toBeCloseTo(s.poor / 1250, 6);
    });

    it('imports a table of commune code × households: every bad row named, nothing written unless all are right', async () => {
      deps = await makeDeps(dialect);
      const opts = { year: 2024, source: 'Chi cục Thống kê', sourceDate: '2024-10-01' };
      try {
        await importResidentHouseholds(
          deps,
          SYSTEM,
          await sheet([
            ['14830', 'Phường Trung Sơn', 1250],
            ['99999', 'Không có', 10],
            ['16513', 'Xã Quảng Minh', 'nhiều'],
            ['14830', 'Phường Trung Sơn', 1300],
          ]),
          opts,
        );
        expect.unreachable();
      } catch (err) {
        expect(isAppError(err) && err.code).toBe('IMPORT_ROWS_INVALID');
        const errors = (isAppError(err) ? err.data?.errors : []) as {
          row: number;
          code: string;
          field: string;
        }[];
        expect(errors.map((e) => [e.row, e.code, e.field])).toEqual([
          [4, 'UNIT_NOT_FOUND', 'unit'],
          [5, 'FIELD_INVALID', 'households'],
          [6, 'FIELD_INVALID', 'unit'],
        ]);
      }
      expect(await getResidentHouseholds(deps, SYSTEM, { unitCode: '14830', year: 2024 })).toMatchObject({
        households: null,
      });
      const ok = await importResidentHouseholds(
        deps,
        SYSTEM,
        await sheet([
          ['14830', 'Phường Trung Sơn', 1250],
          ['16513', 'Xã Quảng Minh', '2.340'],
        ]),
        opts,
      );
      expect(ok).toEqual({ read: 2, imported: 2, errors: [] });
      expect(await getResidentHouseholds(deps, SYSTEM, { unitCode: '16513', year: 2024 })).toMatchObject({
        households: 2340,
        source: 'Chi cục Thống kê',
      });
    });

    it('the portal and the balance count recognised reviews only; a draft edit changes neither', async () => {
      deps = await makeDeps(dialect);
      // Approved by import, but no review recognised it: not the recognised list.
      await importSurvey(
        deps,
        SYSTEM,
        {
          format: 'records',
          name: 'q',
          records: [1, 2, 3, 4, 5, 6].map((i) =>
            buildRecord({ householdId: `QM-${i}`, unitCode: '16513', incomePerCapitaMonthly: 1_000_000 }),
          ) as unknown as Record<string, unknown>[],
        },
        { period: 2024, status: 'approved' },
      );
      expect(await codeOf(getPublicStats(deps, '382', 2024))).toBe('NOT_FOUND');

      const ref = await campaignReadyToRecognise(deps);
      // At the complaints step the period is still not recognised.
      expect(await codeOf(getPublicStats(deps, '382', 2024))).toBe('NOT_FOUND');
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const stats = await getPublicStats(deps, '382', 2024);
      // Only the recognised ward: Quảng Minh's approved imports are not recognised figures.
      expect(stats.rows.map((r) => r.unitCode)).toEqual(['14830']);
      const balance = await reportBalance(deps, SYSTEM, { period: 2024, unitCode: '382' });
      expect(balance.rows.find((r) => r.unit.code === '16513')!.poor.end).toBe(0);
      expect(balance.rows.find((r) => r.unit.code === '14830')!.poor.end).toBeGreaterThan(0);

      // A draft edit of a recognised household opens a case; an import of a draft into the other
      // commune writes a draft: neither changes what is public or the balance.
      const h = await getHousehold(deps, SYSTEM, 'EX-01');
      await saveHousehold(deps, SYSTEM, {
        survey: { ...examples[0]!, incomePerCapitaMonthly: 9_000_000 },
        expectedVersion: h.version,
        confirmDuplicates: true,
      });
      await importSurvey(
        deps,
        SYSTEM,
        {
          format: 'records',
          name: 'd',
          records: [buildRecord({ householdId: 'QM-1', unitCode: '16513' })] as unknown as Record<
            string,
            unknown
          >[],
        },
        { period: 2024, status: 'draft' },
      );
      expect(await getPublicStats(deps, '382', 2024)).toEqual(stats);
      expect(await reportBalance(deps, SYSTEM, { period: 2024, unitCode: '382' })).toEqual(balance);
    });

    it('a review uses the standard of the lists it sets; a period without an issued standard is refused', async () => {
      deps = await makeDeps(dialect);
      const one = (householdId: string, surveyDate: string, period: number) =>
        importSurvey(
          deps,
          SYSTEM,
          {
            format: 'records',
            name: householdId,
            records: [buildRecord({ householdId, surveyDate, unitCode: '16516' })] as unknown as Record<
              string,
              unknown
            >[],
          },
          { period, status: 'draft', mode: 'valid-rows' },
        );
      const first = await one('S-2025', '2025-10-15', 2025);
      expect(first.errors).toEqual([]);
      expect(first.imported).toBe(1);
      // Surveyed in autumn 2026 while the 2022–2025 standard is still in force: the lists are 2027's.
      expect((await one('S-2026', '2026-10-15', 2026)).imported).toBe(1);
      const standards = await deps.db.kysely
        .selectFrom('review_result as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select(['h.household_key', 'r.standard'])
        .orderBy('h.household_key')
        .execute();
      expect(standards.map((s) => [s.household_key, s.standard])).toEqual([
        ['S-2025', 'ND07_2021'],
        ['S-2026', 'ND351_2025'],
      ]);
      const refused = await one('S-2030', '2030-10-15', 2030);
      expect(refused.imported).toBe(0);
      expect(refused.errors).toEqual([
        expect.objectContaining({
          code: 'REVIEW_STANDARD_NOT_ISSUED',
          field: 'period',
          message: expect.stringContaining('2030'),
        }),
      ]);
    });
  });
}
