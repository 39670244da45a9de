// The Annex VII tables (issue 12): ethnic-minority and household-group counts against a
// hand-computed fixture, urban/rural sums, recognised results only (a draft, or a commune whose
// review is not recognised, counts nothing), the same tables from the kept cells and from a scan of
// the results, and the documents read back (XLSX cells, PDF text).
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildMember, buildRecord } from '../support/survey.js';
import { expectAggregatesMatchRebuild } from '../support/registry.js';
import { pdfPages } from '../support/pdf.js';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { annex7FromScratch, reportAnnex7 } from '../../src/services/registry/annex7.service.js';
import { annex7Pdf, annex7Xlsx } from '../../src/services/registry/annex7-documents.service.js';
import { setResidentHouseholds } from '../../src/services/registry/residents.service.js';
import { insertCampaign } from '../../src/db/repositories/campaign.repository.js';
import { findUnitOn } from '../../src/db/repositories/units.repository.js';
import type { SurveyMember, SurveyRecord } from '../../src/domain/survey/record.js';

const A = '14830'; // Phường Trung Sơn (urban)
const B = '16513'; // Xã Quảng Minh (rural)
const C = '14833'; // Phường Bắc Sơn: its review is not recognised
const CITY = '382'; // Thành phố Sầm Sơn on 31/12/2024

const POOR: Partial<SurveyRecord> = {
  incomePerCapitaMonthly: 1_200_000,
  waterSource: 'surface',
  internetUse: false,
  infoDevices: [],
  loudspeakerAccess: false,
};
const NEAR_POOR: Partial<SurveyRecord> = { incomePerCapitaMonthly: 1_400_000 };
const NONE: Partial<SurveyRecord> = { incomePerCapitaMonthly: 9_000_000 };

/** A household of a head and a spouse; `head`/`spouse` override the members. */
function household(
  id: string,
  unit: string,
  cls: Partial<SurveyRecord>,
  head: Partial<SurveyMember> = {},
  spouse: Partial<SurveyMember> = {},
): SurveyRecord {
  return buildRecord({
    householdId: id,
    unitCode: unit,
    ...cls,
    members: [
      buildMember({ name: `Chủ hộ ${id}`, ...head }),
      buildMember({
        name: `Vợ chồng ${id}`,
        relation: 'spouse',
        sex: head.sex === 'F' ? 'M' : 'F',
        ...spouse,
      }),
    ],
  });
}

async function load(deps: TestDeps, records: SurveyRecord[], status: 'draft' | 'approved') {
  const r = await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: status, records: records as unknown as Record<string, unknown>[] },
    { period: 2024, status },
  );
  expect(r.errors).toEqual([]);
}

async function recognise(deps: TestDeps, code: string) {
  const u = (await findUnitOn(deps.db.kysely, code, '2024-12-31'))!;
  await insertCampaign(
    deps.db.kysely,
    {
      provinceCode: u.province_code,
      communeCode: u.code,
      communeValidFrom: u.valid_from ?? '',
      period: 2024,
      kind: 'periodic',
      caseKey: '',
    },
    'recognised',
    '{}',
    '2024-12-01T00:00:00Z',
  );
}

for (const dialect of DIALECTS) {
  describe(`report annex7 (${dialect})`, () => {
    let deps: TestDeps;
    afterEach(async () => deps?.cleanup());

    it('counts ethnic-minority and group households as computed by hand, recognised results only', async () => {
      deps = await makeDeps(dialect);
      await load(
        deps,
        [
          // A, urban: a Mường female-headed poor household; a Kinh poor household with a person with
          // merit; a near-poor household whose Thái spouse receives a monthly allowance; a Mường
          // household that is not poor (not counted).
          household('A1', A, POOR, { sex: 'F', ethnicity: '06' }, { ethnicity: '06' }),
          household('A2', A, POOR, { merit: true }),
          household('A3', A, NEAR_POOR, {}, { ethnicity: '03', monthlySocialAllowance: true }),
          household('A4', A, NONE, { ethnicity: '06' }, { ethnicity: '06' }),
          // B, rural: a Thái female-headed poor household with a person with merit; a Kinh near-poor.
          household('B1', B, POOR, { sex: 'F', ethnicity: '03', merit: true }, { ethnicity: '03' }),
          household('B2', B, NEAR_POOR),
          // C: not recognised.
          household('C1', C, POOR, { ethnicity: '06' }),
        ],
        'approved',
      );
      // A draft in a recognised commune counts nothing either.
      await load(deps, [household('B9', B, POOR, { ethnicity: '08', merit: true })], 'draft');
      await recognise(deps, A);
      await recognise(deps, B);
      await setResidentHouseholds(deps, SYSTEM, {
        unitCode: A,
        year: 2024,
        households: 200,
        source: 'Công an phường',
        sourceDate: '2024-12-20',
      });
      await expectAggregatesMatchRebuild(deps.db.kysely);

      const city = await reportAnnex7(deps, SYSTEM, { period: 2024, unitCode: CITY });
      const t = city.total;
      expect([t.poor, t.nearPoor]).toEqual([3, 2]);
      expect(t.groups).toEqual({
        'ethnic-minority': { poor: 2, nearPoor: 1 },
        merit: { poor: 2, nearPoor: 0 },
        'social-protection': { poor: 0, nearPoor: 1 },
        'female-head': { poor: 2, nearPoor: 0 },
        'no-labour': { poor: 0, nearPoor: 0 },
      });
      for (const k of ['waterSource', 'telecom', 'infoAccess'] as const)
        expect(t.deprivations[k]).toEqual({ poor: 3, nearPoor: 0 });
      // Not every commune of the city has its resident households: no rate can be given.
      expect(t.residentHouseholds).toBeNull();
      const urban = city.areas.find((a) => a.area === 'urban')!;
      const rural = city.areas.find((a) => a.area === 'rural')!;
      expect([urban.poor, urban.nearPoor, urban.groups['ethnic-minority'].poor]).toEqual([2, 1, 1]);
      expect([rural.poor, rural.nearPoor, rural.groups['ethnic-minority'].poor]).toEqual([1, 1, 1]);
      const rowA = city.rows.find((r) => r.unit.code === A)!;
      expect([rowA.area, rowA.poor, rowA.residentHouseholds]).toEqual(['urban', 2, 200]);
      expect(city.rows.find((r) => r.unit.code === C)!.poor).toBe(0);
      // The same tables from a scan of the results.
      expect(await annex7FromScratch(deps, { period: 2024, unitCode: CITY })).toEqual(city);

      // One commune: rates over its resident households, in the documents.
      const a = await reportAnnex7(deps, SYSTEM, { period: 2024, unitCode: A });
      expect([a.total.residentHouseholds, a.total.poor, a.total.groups['ethnic-minority'].poor]).toEqual([
        200, 2, 1,
      ]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await annex7Xlsx(deps, a, 'ethnic')) as never);
      const rows: unknown[][] = [];
      wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      const total = rows.find((r) => r[1] === 'Tổng cộng')!;
      // TT, unit, residents, poor, of which DTTS, rate, near-poor, of which DTTS, rate.
      expect(total.slice(2)).toEqual([200, 2, 1, '0,50 %', 1, 1, '0,50 %']);
      expect(rows.some((r) => String(r[0]).includes('HỘ DÂN TỘC THIỂU SỐ NĂM 2024'))).toBe(true);
      const page = (await pdfPages(await annex7Pdf(deps, city, 'groups'))).join(' ').replace(/\s+/g, ' ');
      expect(page).toContain('SỐ HỘ NGHÈO, HỘ CẬN NGHÈO THEO NHÓM HỘ NĂM 2024');
      expect(page).toContain('Hộ có thành viên là người có công với cách mạng');
      expect(page).toContain('chưa có số hộ dân cư');
      expect(page).toContain('chưa được xác nhận');
      const dep = (await pdfPages(await annex7Pdf(deps, city, 'deprivation'))).join(' ').replace(/\s+/g, ' ');
      expect(dep).toContain('Nguồn nước sinh hoạt');
      expect(dep).toContain('100,00 %');
    });
  });
}
