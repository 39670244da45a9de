// Targets, matching and cost per household against the real registry: survey records imported
// through the registry's own import (2023 recognised, 2024 recognised or under review).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildAllocation } from '../support/finance.js';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { setTarget, targetsReport } from '../../src/services/finance/targets.service.js';
import { setResidentHouseholds } from '../../src/services/registry/residents.service.js';
import { programMonitoring } from '../../src/services/finance/monitoring.service.js';
import {
  householdSupport,
  matchingRules,
  recordSupport,
  suggestForHousehold,
  suggestForUnit,
} from '../../src/services/finance/support.service.js';
import { recordDisbursement } from '../../src/services/finance/allocations.service.js';
import { costReport, financeReport } from '../../src/services/finance/report.service.js';
import type { AppError } from '../../src/errors.js';
import { hasUnrecognisedResults } from '../../src/db/repositories/finance.repository.js';
import { findUnitOn } from '../../src/db/repositories/units.repository.js';

type Kind = 'poor' | 'near-poor' | 'none';

/** A survey record of Xã Đại Hùng (16516, rural line 1,500,000): poor = 4 deprivations, near-poor = none. */
function record(
  id: string,
  kind: Kind,
  date: string,
  extra: { stuntedChild?: boolean; unemployed?: boolean } = {},
) {
  const deprived = kind === 'poor';
  const members = [
    {
      name: `Chủ hộ ${id}`,
      birthDate: '1980-03-01',
      sex: 'M',
      relation: 'head',
      employment: deprived || extra.unemployed ? 'unemployed' : 'self-employed',
      healthInsurance: !deprived,
      schooling: null,
      education: 'upper-secondary',
      inTraining: false,
      stunted: false,
      underweight: false,
      disability: 'none',
      monthlySocialAllowance: false,
    },
  ];
  if (extra.stuntedChild) {
    members.push({
      ...members[0]!,
      name: `Con ${id}`,
      birthDate: '2018-05-01',
      relation: 'child',
      employment: 'student',
      healthInsurance: true,
      schooling: 'appropriate' as never,
      education: 'primary',
      stunted: true,
    });
  }
  return {
    householdId: id,
    unitCode: '16516',
    surveyDate: date,
    incomePerCapitaMonthly: kind === 'none' ? 5_000_000 : 1_200_000,
    housing: { floorAreaM2: 60, walls: 'durable', columns: 'durable', roof: 'durable' },
    waterSource: 'piped',
    latrine: 'septic',
    internetUse: !deprived,
    infoDevices: deprived ? [] : ['phone'],
    loudspeakerAccess: !deprived,
    members,
  };
}

for (const dialect of DIALECTS) {
  describe(`targets, matching and cost per household on the registry (${dialect})`, () => {
    let deps: TestDeps;
    let dir: string;

    async function load(name: string, records: object[], period: number, status: 'approved' | 'draft') {
      const file = path.join(dir, `${name}.jsonl`);
      fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
      const r = await importSurvey(deps, SYSTEM, { format: 'jsonl', path: file }, { period, status });
      expect(r.errors).toEqual([]);
    }

    beforeAll(async () => {
      deps = await makeDeps(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-fin-'));
      // 2023 recognised: 6 poor, 2 near-poor, 12 others (20 households).
      const y2023 = [
        ...[1, 2, 3, 4, 5, 6].map((i) => record(`HH-P${i}`, 'poor', '2023-10-15')),
        ...[1, 2].map((i) => record(`HH-N${i}`, 'near-poor', '2023-10-15')),
        ...Array.from({ length: 12 }, (_, i) => record(`HH-O${i + 1}`, 'none', '2023-10-15')),
      ];
      await load('y2023', y2023, 2023, 'approved');
      // 2024 recognised for part of the commune: P1–P3 exit poverty, P4 stays poor with a stunted child.
      await load(
        'y2024a',
        [
          record('HH-P1', 'none', '2024-10-15'),
          record('HH-P2', 'near-poor', '2024-10-15', { unemployed: true }),
          record('HH-P3', 'none', '2024-10-15'),
          record('HH-P4', 'poor', '2024-10-15', { stuntedChild: true }),
        ],
        2024,
        'approved',
      );
      // 2024 still under review: P5 exits, P6 stays poor.
      await load(
        'y2024b',
        [record('HH-P5', 'near-poor', '2024-10-20'), record('HH-P6', 'poor', '2024-10-20')],
        2024,
        'draft',
      );
    });
    afterAll(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await deps.cleanup();
    });

    it('target progress counts recognised results, the forecast includes the current review', async () => {
      await setTarget(deps, SYSTEM, { unitCode: '16516', year: 2024, kind: 'poor-reduction', value: 4 });
      await setTarget(deps, SYSTEM, {
        unitCode: '16516',
        year: 2024,
        kind: 'poor-rate-reduction',
        value: '10,5',
      });
      await setTarget(deps, SYSTEM, {
        unitCode: '16516',
        year: 2024,
        kind: 'free',
        value: 2,
        label: 'Mô hình sinh kế mới',
      });
      // Setting a measured target again edits it.
      await setTarget(deps, SYSTEM, { unitCode: '16516', year: 2024, kind: 'poor-reduction', value: 5 });
      const r = await targetsReport(deps, SYSTEM, { unitCode: '16516', year: 2024 });
      expect(r.total.baseline).toEqual({ households: 20, poor: 6, nearPoor: 2 });
      // Households not reviewed yet keep their 2023 class: P1–P3 exited, P4 stays poor.
      expect(r.total.recognised).toEqual({ households: 20, poor: 3, nearPoor: 3 });
      expect(r.total.review).toEqual({ households: 20, poor: 2, nearPoor: 4 });
      const byKind = Object.fromEntries(r.targets.map((t) => [t.kind, t]));
      expect(r.targets).toHaveLength(3);
      expect(byKind['poor-reduction']).toMatchObject({
        value: 5,
        progress: { achieved: 3, status: 'not-met' },
        forecast: { achieved: 4, status: 'not-met' },
      });
      // A rate is over the resident households, never over the 20 surveyed: none entered yet.
      expect(byKind['poor-rate-reduction']).toMatchObject({
        value: 10.5,
        progress: { achieved: null, status: 'no-residents' },
        forecast: { achieved: null, status: 'no-residents' },
      });
      expect([r.total.baselineRate, r.total.recognisedRate, r.total.reviewRate]).toEqual([null, null, null]);
      expect(byKind['free']).toMatchObject({
        label: 'Mô hình sinh kế mới',
        progress: { status: 'not-measured' },
      });
    });

    it('the poverty rates and the rate target are over the resident households of each year', async () => {
      const source = { source: 'Công an xã (dân cư)', sourceDate: '2024-12-20' };
      await setResidentHouseholds(deps, SYSTEM, { unitCode: '16516', year: 2023, households: 24, ...source });
      await setResidentHouseholds(deps, SYSTEM, { unitCode: '16516', year: 2024, households: 30, ...source });
      const r = await targetsReport(deps, SYSTEM, { unitCode: '16516', year: 2024 });
      // 6/24 = 25 % before; 3/30 = 10 % recognised; 2/30 = 6.67 % forecast.
      expect(r.total).toMatchObject({
        baselineResidentHouseholds: 24,
        residentHouseholds: 30,
        baselineRate: 25,
        recognisedRate: 10,
        reviewRate: 6.67,
      });
      const byKind = Object.fromEntries(r.targets.map((t) => [t.kind, t]));
      expect(byKind['poor-rate-reduction']).toMatchObject({
        value: 10.5,
        progress: { achieved: 15, status: 'met' },
        forecast: { achieved: 18.33, status: 'met' },
      });
      expect(byKind['free']).toMatchObject({
        label: 'Mô hình sinh kế mới',
        progress: { status: 'not-measured' },
      });
    });

    it('the report from the kept aggregates equals the one read from the results', async () => {
      // 2023 is wholly recognised: 2024 is read from the transition cells, not the join.
      expect(await hasUnrecognisedResults(deps.db.kysely, '38', 2023)).toBe(false);
      // 2024 holds a review under way: 2025 falls back to the join for the previous classes.
      expect(await hasUnrecognisedResults(deps.db.kysely, '38', 2024)).toBe(true);
      const district = (await findUnitOn(deps.db.kysely, '16516', '2024-06-30'))!.parent_code!;
      for (const [unitCode, year] of [
        ['16516', 2024],
        [district, 2024],
        ['38', 2024],
        ['16516', 2025],
        ['38', 2025],
      ] as const) {
        const kept = await targetsReport(deps, SYSTEM, { unitCode, year });
        const scratch = await targetsReport(deps, SYSTEM, { unitCode, year }, { fromScratch: true });
        expect(kept, `${unitCode} ${year}`).toEqual(scratch);
      }
      const d = await targetsReport(deps, SYSTEM, { unitCode: district, year: 2024 });
      const inDistrict = d.children.find((c) => c.unitCode === '16516');
      expect(inDistrict?.review).toEqual({ households: 20, poor: 2, nearPoor: 4 });
      // The province counts its districts' communes: the district's row holds the commune's figures.
      const p = await targetsReport(deps, SYSTEM, { unitCode: '38', year: 2024 });
      expect(p.total.review).toEqual(inDistrict?.review);
      expect(p.children.find((c) => c.unitCode === district)?.recognised).toEqual(inDistrict?.recognised);
    });

    it('a bad target is refused with a coded field error', async () => {
      const err = (await setTarget(deps, SYSTEM, {
        unitCode: '16516',
        year: 2024,
        kind: 'poor-reduction',
        value: 1.5,
      }).catch((e: unknown) => e)) as AppError;
      expect([err.code, err.field]).toEqual(['FIELD_INVALID', 'value']);
      const err2 = (await setTarget(deps, SYSTEM, {
        unitCode: '16516',
        year: 2024,
        kind: 'more',
        value: 1,
      }).catch((e: unknown) => e)) as AppError;
      expect([err2.code, err2.field]).toEqual(['ENUM_INVALID', 'kind']);
    });

    it('suggests projects for a registry household from its deprivations and members', async () => {
      const p4 = await suggestForHousehold(deps, SYSTEM, { householdKey: 'HH-P4', period: 2024 });
      expect(p4.classification).toBe('POOR');
      expect(p4.suggestions.map((s) => s.code)).toEqual(['DA3.2', 'DA4.3', 'DA4.1', 'DA6.1']);
      expect(p4.suggestions[0]?.reasons[0]?.vi).toContain('1 trẻ em dưới 16 tuổi');
      // Land traits typed by the officer add production support.
      const withLand = await suggestForHousehold(deps, SYSTEM, {
        householdKey: 'HH-P4',
        period: 2024,
        traits: { farmland: true },
      });
      expect(withLand.suggestions.map((s) => s.code)).toContain('DA3.1');
      // A household that exited poverty this year is still targeted (recently exited).
      const p1 = await suggestForHousehold(deps, SYSTEM, { householdKey: 'HH-P1', period: 2024 });
      expect(p1.facts.status).toBe('recently-exited');
      // The next year it is still "recently exited" (36 months); a household never poor is not targeted.
      await load(
        'y2025',
        [record('HH-P1', 'none', '2025-10-15'), record('HH-O1', 'none', '2025-10-15')],
        2025,
        'approved',
      );
      expect(
        (await suggestForHousehold(deps, SYSTEM, { householdKey: 'HH-P1', period: 2025 })).facts.status,
      ).toBe('recently-exited');
      expect(
        (await suggestForHousehold(deps, SYSTEM, { householdKey: 'HH-O1', period: 2025 })).facts.status,
      ).toBe('other');
      expect(
        (await suggestForUnit(deps, SYSTEM, { unitCode: '16516', period: 2025 })).items.map(
          (h) => h.householdKey,
        ),
      ).toEqual(['HH-P1']);
      const unit = await suggestForUnit(deps, SYSTEM, { unitCode: '16516', period: 2024 });
      expect(unit.households).toBe(6);
      expect(unit.firstChoice['DA3.2']).toBe(1);
      expect((await matchingRules(deps, 2024)).problems).toEqual([]);
    });

    it('support recorded on households gives the cost per household supported and per household that exited poverty', async () => {
      const a = await buildAllocation(deps, {
        unitCode: '16516',
        componentCode: 'DA4.3',
        amount: 100_000_000,
      });
      const d = await recordDisbursement(deps, SYSTEM, {
        allocationId: a.id,
        date: '2024-06-10',
        amount: 30_000_000,
        voucherNo: 'PC-DH-01',
        activity: 'Hỗ trợ việc làm',
        support: [
          { householdKey: 'HH-P1', amount: 10_000_000 },
          { householdKey: 'HH-P4', amount: 8_000_000 },
        ],
      });
      await recordSupport(deps, SYSTEM, {
        householdKey: 'HH-P3',
        disbursementId: d.disbursement.id,
        date: '2024-06-11',
        amount: 12_000_000,
        description: 'Giới thiệu việc làm',
      });
      const over = (await recordSupport(deps, SYSTEM, {
        householdKey: 'HH-P2',
        disbursementId: d.disbursement.id,
        date: '2024-06-11',
        amount: 1,
        description: 'x',
      }).catch((e: unknown) => e)) as AppError;
      expect(over.code).toBe('SUPPORT_EXCEEDS_DISBURSEMENT');
      const c = await costReport(deps, SYSTEM, { unitCode: '16516', year: 2024 });
      expect(c).toMatchObject({
        disbursed: 30_000_000,
        supportTotal: 30_000_000,
        householdsSupported: 3,
        costPerHouseholdSupported: 10_000_000,
        householdsExited: 3, // P1, P2, P3 recognised as thoát nghèo
        exitedSupported: 2, // P1 and P3
        supportToExited: 22_000_000,
        costPerExitedSupported: 11_000_000,
        disbursedPerHouseholdExited: 10_000_000,
      });
      expect(
        (await householdSupport(deps, SYSTEM, { householdKey: 'HH-P1' })).map((s) => [
          s.componentCode,
          s.amount,
        ]),
      ).toEqual([['DA4.3', 10_000_000]]);
      // Program monitoring, by hand: 6/24 = 25 % → 3/30 = 10 % recognised (15 points, above the
      // national 1–1.5), 2/30 = 6.67 % forecast (18.33 points). DA4 gave 30 M to P1, P3 (exited)
      // and P4 (still poor): 22 M to two households that exited = 11 M each.
      const mon = await programMonitoring(deps, SYSTEM, { unitCode: '16516', year: 2024 });
      expect(mon.targets.map((x) => [x.kind, x.status, x.forecastStatus])).toEqual([
        ['multidimensional-rate-reduction', 'above', 'above'],
        ['poor-district-rate-reduction', 'no-area-list', 'no-area-list'],
        ['ethnic-minority-rate-reduction', 'no-denominator', 'no-denominator'],
      ]);
      expect(mon.targets[0]).toMatchObject({
        baselineRate: 25,
        recognisedRate: 10,
        forecastRate: 6.67,
        achieved: 15,
        forecast: 18.33,
        band: { min: 1, max: 1.5 },
      });
      // No member of an ethnic minority in the fixture: the counts are there, the rate is not.
      expect(mon.targets[2]!.figures).toMatchObject({ baselinePoor: 0, recognisedPoor: 0, residents: null });
      expect(mon.projects).toMatchObject([
        {
          projectCode: 'DA4',
          disbursed: 30_000_000,
          supportTotal: 30_000_000,
          householdsSupported: 3,
          costPerHouseholdSupported: 10_000_000,
          householdsExited: 2,
          supportToExited: 22_000_000,
          costPerHouseholdExited: 11_000_000,
        },
      ]);
      const f = await financeReport(deps, SYSTEM, { unitCode: '16516', year: 2024 });
      expect(f.rows).toEqual([
        expect.objectContaining({
          projectCode: 'DA4',
          source: 'central',
          allocated: 100_000_000,
          disbursed: 30_000_000,
          rate: 0.3,
        }),
      ]);
    });
  });
}
