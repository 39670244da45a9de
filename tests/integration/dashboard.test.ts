// The dashboard (issue 13) gives the figures of `report summary`, `report balance` and `report
// finance` for the same unit and date, as every role in its scope sees them: a city account opens
// on its own wards and communes (the city ended on 30/06/2025), a section the role may not read is
// absent, and a unit out of scope answers as a missing one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildRecord } from '../support/survey.js';
import { buildAllocation } from '../support/finance.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { reportSummary } from '../../src/services/registry/summary.service.js';
import { reportBalance } from '../../src/services/registry/balance.service.js';
import { setResidentHouseholds } from '../../src/services/registry/residents.service.js';
import { financeReport } from '../../src/services/finance/report.service.js';
import { recordDisbursement } from '../../src/services/finance/allocations.service.js';
import { setTarget, targetsReport } from '../../src/services/finance/targets.service.js';
import { dashboard } from '../../src/services/dashboard.service.js';
import { buildApp } from '../../src/http/app.js';
import { buildSession } from '../support/builders.js';
import { insertCampaign } from '../../src/db/repositories/campaign.repository.js';
import { findUnitOn } from '../../src/db/repositories/units.repository.js';
import type { SurveyRecord } from '../../src/domain/survey/record.js';
import type { AppError } from '../../src/errors.js';

const A = '14830'; // Phường Trung Sơn (Thành phố Sầm Sơn until 30/06/2025)
const B = '14833'; // another commune of the city
type Cls = 'POOR' | 'NEAR_POOR' | 'NONE';
const RECIPE: Record<Cls, Partial<SurveyRecord>> = {
  POOR: {
    incomePerCapitaMonthly: 1_200_000,
    waterSource: 'surface',
    internetUse: false,
    infoDevices: [],
    loudspeakerAccess: false,
  },
  NEAR_POOR: { incomePerCapitaMonthly: 1_400_000 },
  NONE: { incomePerCapitaMonthly: 9_000_000 },
};

const record = (id: string, unit: string, period: number, cls: Cls): SurveyRecord =>
  buildRecord({ householdId: id, unitCode: unit, surveyDate: `${period}-10-15`, ...RECIPE[cls] });

const user = (
  role: 'province-officer' | 'commune-officer' | 'finance-officer' | 'editor',
  unitCode: string,
): Actor => ({
  kind: 'user',
  id: 99,
  username: `${role}.${unitCode}`,
  role,
  unitCode,
});

for (const dialect of DIALECTS) {
  describe(`dashboard (${dialect})`, () => {
    let deps: TestDeps;

    async function load(period: number, status: 'approved' | 'draft', records: SurveyRecord[]) {
      const r = await importSurvey(
        deps,
        SYSTEM,
        {
          format: 'records',
          name: `p${period}${status}`,
          records: records as unknown as Record<string, unknown>[],
        },
        { period, status },
      );
      expect(r.errors).toEqual([]);
    }

    beforeAll(async () => {
      // Today is 20/10/2024: the 2024 review is under way, 2023 is recognised.
      deps = await makeDeps(dialect, new Date('2024-10-20T03:00:00Z'));
      const u = (await findUnitOn(deps.db.kysely, B, '2024-06-30'))!;
      expect(u.parent_code).toBe('382');
      await load(2023, 'approved', [
        record('H1', A, 2023, 'POOR'),
        record('H2', A, 2023, 'POOR'),
        record('H3', A, 2023, 'NEAR_POOR'),
        record('H4', A, 2023, 'NONE'),
        record('H5', B, 2023, 'POOR'),
        record('H6', B, 2023, 'NONE'),
      ]);
      await load(2024, 'approved', [record('H1', A, 2024, 'NONE'), record('H5', B, 2024, 'POOR')]);
      // H4 was not poor (class NONE) in 2023 and stays so: its transition key names a class NONE with
      // a unit, unlike a household new to the registry.
      await load(2024, 'draft', [record('H2', A, 2024, 'NEAR_POOR'), record('H4', A, 2024, 'NONE')]);
      for (const [code, year, households] of [
        [A, 2023, 40],
        [B, 2023, 20],
        [A, 2024, 41],
        [B, 2024, 20],
      ] as const)
        await setResidentHouseholds(deps, SYSTEM, {
          unitCode: code,
          year,
          households,
          source: 'Công an xã',
          sourceDate: `${year}-01-15`,
        });
      for (const code of [A, B]) {
        const c = (await findUnitOn(deps.db.kysely, code, '2023-12-31'))!;
        await insertCampaign(
          deps.db.kysely,
          {
            provinceCode: '38',
            communeCode: c.code,
            communeValidFrom: c.valid_from ?? '',
            period: 2023,
            kind: 'periodic',
            caseKey: '',
          },
          'recognised',
          '{}',
          '2023-12-01T00:00:00Z',
        );
      }
      await insertCampaign(
        deps.db.kysely,
        {
          provinceCode: '38',
          communeCode: A,
          communeValidFrom: (await findUnitOn(deps.db.kysely, A, '2024-10-15'))!.valid_from ?? '',
          period: 2024,
          kind: 'periodic',
          caseKey: '',
        },
        'meetings',
        JSON.stringify({
          state: {
            villages: [
              { status: 'agreed', meetings: [{}] },
              { status: 'open', meetings: [{}, {}] },
            ],
            complaints: [{ status: 'open' }, { status: 'resolved' }],
          },
        }),
        '2024-10-01T00:00:00Z',
      );
      const a = await buildAllocation(deps, { unitCode: '382', amount: 100_000_000, deadline: '2024-12-31' });
      await recordDisbursement(deps, SYSTEM, {
        allocationId: a.id,
        date: '2024-06-10',
        amount: 40_000_000,
        voucherNo: 'PC-01',
        activity: 'Hỗ trợ sinh kế',
      });
      await setTarget(deps, SYSTEM, { unitCode: '382', year: 2024, kind: 'poor-reduction', value: 1 });
    });
    afterAll(async () => deps.cleanup());

    it("a city account opens on its own wards and communes, and its figures are the reports' figures", async () => {
      const officer = user('province-officer', '382');
      const d = await dashboard(deps, officer, {});
      expect(d.unit).toMatchObject({ code: '382', level: 'district' });
      expect(d.on).toBe('2024-10-20');
      const period = d.registry!.period;
      expect(period).toBe(2024);
      expect(d.registry!.summary).toEqual(
        await reportSummary(deps, officer, { period, unitCode: '382', unitsOn: d.on }),
      );
      expect(d.registry!.balance).toEqual(
        await reportBalance(deps, officer, { period, unitCode: '382', unitsOn: d.on }),
      );
      // The trend over every period with recognised results, each the summary of that period.
      const s2023 = await reportSummary(deps, officer, { period: 2023, unitCode: '382', unitsOn: d.on });
      expect(d.registry!.trend.map((t) => t.period)).toEqual([2023, 2024]);
      expect(d.registry!.trend[0]).toMatchObject({
        poor: s2023.poor,
        nearPoor: s2023.nearPoor,
        residentHouseholds: s2023.residentHouseholds,
        poorRate: s2023.poorRate,
        multidimensionalRate: s2023.multidimensionalRate,
      });
      expect(s2023.poor).toBe(3);
      const f = await financeReport(deps, officer, { unitCode: '382', year: 2024, asOf: d.today });
      expect(d.money).toMatchObject({
        year: 2024,
        allocated: f.total.planned,
        disbursed: f.total.disbursed,
        rate: f.total.rate,
      });
      expect(d.money!.disbursed).toBe(40_000_000);
      // The targets read from the kept aggregates are the ones read from the results.
      expect(await targetsReport(deps, officer, { unitCode: '382', year: 2024 })).toEqual(
        await targetsReport(deps, officer, { unitCode: '382', year: 2024 }, { fromScratch: true }),
      );
      // Target: one poor household fewer; recognised so far H1 left poverty (3 → 2), forecast H2 too.
      expect(d.targets!.items).toEqual([
        expect.objectContaining({
          kind: 'poor-reduction',
          value: 1,
          achieved: 1,
          forecast: 2,
          status: 'met',
        }),
      ]);
    });

    it('review progress per commune: step, surveyed against the registry, meetings, complaints, days left', async () => {
      const d = await dashboard(deps, user('province-officer', '382'), {});
      expect(d.review).toMatchObject({ period: 2024, deadline: '2024-11-10', daysToDeadline: 21 });
      const a = d.review!.communes.find((c) => c.unit.code === A)!;
      expect(a).toMatchObject({
        step: 'meetings',
        expected: 4,
        surveyed: 3,
        meetingsHeld: 3,
        complaintsOpen: 1,
      });
      expect(a.stepLabel.vi).toBeTruthy();
      const b = d.review!.communes.find((c) => c.unit.code === B)!;
      expect(b).toMatchObject({
        step: 'survey',
        expected: 2,
        surveyed: 1,
        meetingsHeld: 0,
        complaintsOpen: 0,
      });
    });

    it('each role sees the sections its permissions allow, within its scope only', async () => {
      const commune = await dashboard(deps, user('commune-officer', A), {});
      expect(commune.unit.code).toBe(A);
      // The 2024 summary counts the results recognised in 2024 (H1, no longer poor), over 41 resident households.
      expect(commune.registry!.summary).toEqual(
        await reportSummary(deps, user('commune-officer', A), {
          period: 2024,
          unitCode: A,
          unitsOn: commune.on,
        }),
      );
      expect(commune.registry!.summary).toMatchObject({
        households: 1,
        poor: 0,
        residentHouseholds: 41,
        poorRate: 0,
      });
      expect(commune.registry!.trend[0]).toMatchObject({
        period: 2023,
        poor: 2,
        nearPoor: 1,
        residentHouseholds: 40,
      });
      expect(commune.registry!.trend[0]!.multidimensionalRate).toBeCloseTo(3 / 40, 6);
      const editor = await dashboard(deps, user('editor', '382'), {});
      expect([editor.registry, editor.money, editor.targets, editor.tasks]).toEqual([null, null, null, null]);
      const err = (await dashboard(deps, user('commune-officer', A), { unit: B }).catch(
        (e: unknown) => e,
      )) as AppError;
      const missing = (await dashboard(deps, user('commune-officer', A), { unit: '99999' }).catch(
        (e: unknown) => e,
      )) as AppError;
      expect(err.code).toBe(missing.code);
      const none = (await dashboard(deps, SYSTEM, {}).catch((e: unknown) => e)) as AppError;
      expect([none.code, none.field]).toEqual(['FIELD_REQUIRED', 'unit']);
    });

    it('a city that ended (30/06/2025) opens on its last day, not on the wards that took it over', async () => {
      const later = { ...deps, now: () => new Date('2026-12-03T03:00:00Z') };
      const d = await dashboard(later, user('province-officer', '382'), {});
      expect(d.on).toBe('2025-06-30');
      expect(d.registry!.summary.children.map((c) => c.unit.code)).toContain(A);
    });

    it('the route answers every field of the service: the response schema drops none', async () => {
      // fast-json-stringify leaves out what a schema does not list: the page reads the whole answer.
      const app = await buildApp(deps);
      try {
        for (const role of ['province-officer', 'commune-officer'] as const) {
          const unit = role === 'province-officer' ? '382' : A;
          const s = await buildSession(deps, { role, unitCode: unit });
          const res = await app.inject({
            method: 'GET',
            url: `/api/v1/dashboard?unit=${unit}`,
            headers: { cookie: s.cookie },
          });
          expect(res.statusCode).toBe(200);
          const direct = await dashboard(deps, user(role, unit), { unit });
          expect(direct.registry).not.toBeNull();
          expect(res.json()).toEqual(JSON.parse(JSON.stringify(direct)));
        }
      } finally {
        await app.close();
      }
    });

    // Last: it changes the registry the tests above read.
    it('is fresh after every write: a reading kept between loads is never served past a change', async () => {
      const officer = user('province-officer', '382');
      const before = await dashboard(deps, officer, {});
      // The same cells are kept between loads: a second load answers the same.
      expect(await dashboard(deps, officer, {})).toEqual(before);
      // A household recognised poor in 2024 (H6, not poor in 2023): the summary, the balance and
      // the targets' progress of the next load count it.
      await load(2024, 'approved', [record('H6', B, 2024, 'POOR')]);
      const after = await dashboard(deps, officer, {});
      expect(after.registry!.summary.poor).toBe(before.registry!.summary.poor + 1);
      expect(after.registry!.summary).toEqual(
        await reportSummary(deps, officer, { period: 2024, unitCode: '382', unitsOn: after.on }),
      );
      expect(after.registry!.balance).toEqual(
        await reportBalance(deps, officer, { period: 2024, unitCode: '382', unitsOn: after.on }),
      );
      // A draft of the review under way moves the survey count and the forecast, never the recognised figures.
      await load(2024, 'draft', [record('H3', A, 2024, 'NONE')]);
      const draft = await dashboard(deps, officer, {});
      expect(draft.registry!.summary).toEqual(after.registry!.summary);
      expect(draft.review!.communes.find((c) => c.unit.code === A)!.surveyed).toBe(
        after.review!.communes.find((c) => c.unit.code === A)!.surveyed + 1,
      );
      const t = await targetsReport(deps, officer, { unitCode: '382', year: 2024 });
      expect(draft.targets!.forecastRate).toBe(t.total.reviewRate);

      // The other tables the kept sections are read from: the resident households (the rates'
      // denominator), the review campaign (meetings, complaints) and the targets.
      await setResidentHouseholds(deps, SYSTEM, {
        unitCode: B,
        year: 2024,
        households: 10,
        source: 'Công an xã',
        sourceDate: '2024-01-15',
      });
      const residents = await dashboard(deps, officer, {});
      const childB = (d: typeof draft) => d.registry!.summary.children.find((c) => c.unit.code === B)!;
      expect(childB(draft).residentHouseholds).toBe(20);
      expect(childB(residents).residentHouseholds).toBe(10);
      await deps.db.kysely
        .updateTable('review_campaign')
        .set({ state_json: JSON.stringify({ state: { villages: [], complaints: [] } }) })
        .where('period', '=', 2024)
        .where('commune_code', '=', A)
        .execute();
      const campaign = await dashboard(deps, officer, {});
      expect(campaign.review!.communes.find((c) => c.unit.code === A)).toMatchObject({
        meetingsHeld: 0,
        complaintsOpen: 0,
      });
      await setTarget(deps, SYSTEM, { unitCode: '382', year: 2024, kind: 'poor-reduction', value: 2 });
      const target = await dashboard(deps, officer, {});
      expect(target.targets!.items.find((i) => i.kind === 'poor-reduction')!.value).toBe(2);
    });
  });
}
