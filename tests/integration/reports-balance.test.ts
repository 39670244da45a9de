// The year's balance (issue 12): a hand-computed fixture for every term, the identity
// end = start − exited + new + returned + movedIn − movedOut for every row and the total after
// imports in any order (property-based), the same balance from the kept cells and from a scan of
// the results, and recognised figures only (a period whose review is not recognised counts nothing).
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildRecord } from '../support/survey.js';
import { expectAggregatesMatchRebuild } from '../support/registry.js';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import {
  balanceOfCells,
  assembleBalance,
  recognisedSet,
  reportBalance,
  type Balance,
} from '../../src/services/registry/balance.service.js';
import { regroupingOn } from '../../src/services/registry/regroup.js';
import { balanceCellsFromScratch } from '../../src/db/repositories/reports.repository.js';
import { insertCampaign } from '../../src/db/repositories/campaign.repository.js';
import { findUnitOn } from '../../src/db/repositories/units.repository.js';
import { balanceGap, type BalanceTerms } from '../../src/domain/registry/balance.js';
import type { SurveyRecord } from '../../src/domain/survey/record.js';

const A = '14830'; // Phường Trung Sơn
const B = '16513'; // Xã Quảng Minh
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

function record(id: string, unit: string, period: number, cls: Cls): SurveyRecord {
  return buildRecord({ householdId: id, unitCode: unit, surveyDate: `${period}-10-15`, ...RECIPE[cls] });
}

async function importPeriod(deps: TestDeps, period: number, records: SurveyRecord[]) {
  if (records.length === 0) return;
  const r = await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: `p${period}`, records: records as unknown as Record<string, unknown>[] },
    { period, status: 'approved' },
  );
  expect(r.errors).toEqual([]);
}

/** Marks a commune's periodic review of a period as recognised (the campaign row the reports read). */
async function recognised(deps: TestDeps, code: string, period: number) {
  const u = (await findUnitOn(deps.db.kysely, code, `${period}-12-31`))!;
  await insertCampaign(
    deps.db.kysely,
    {
      provinceCode: u.province_code,
      communeCode: u.code,
      communeValidFrom: u.valid_from ?? '',
      period,
      kind: 'periodic',
      caseKey: '',
    },
    'recognised',
    '{}',
    '2024-12-01T00:00:00Z',
  );
}

const terms = (t: Partial<BalanceTerms>): BalanceTerms => ({
  start: 0,
  exited: 0,
  new: 0,
  returned: 0,
  movedIn: 0,
  movedOut: 0,
  end: 0,
  ...t,
});

function expectIdentity(b: Balance) {
  for (const r of [...b.rows, b.total]) {
    expect(balanceGap(r.poor)).toBe(0);
    expect(balanceGap(r.nearPoor)).toBe(0);
  }
}

async function fromScratch(deps: TestDeps, unitCode: string, period: number): Promise<Balance> {
  const g = await regroupingOn(deps, unitCode, `${period}-12-31`);
  const cells = await balanceCellsFromScratch(deps.db.kysely, { provinceCode: '38', period });
  const rec = await recognisedSet(deps, '38', period);
  return assembleBalance(deps, g, period, await balanceOfCells(g, period, cells, rec));
}

for (const dialect of DIALECTS) {
  describe(`report balance (${dialect})`, () => {
    let deps: TestDeps;
    afterEach(async () => deps?.cleanup());

    it('hand-computed fixture: every term of two communes and of the city', async () => {
      deps = await makeDeps(dialect);
      await importPeriod(deps, 2022, [record('H10', A, 2022, 'POOR')]);
      await importPeriod(deps, 2023, [
        record('H1', A, 2023, 'POOR'),
        record('H2', A, 2023, 'POOR'),
        record('H3', A, 2023, 'POOR'),
        record('H4', A, 2023, 'NEAR_POOR'),
        record('H5', A, 2023, 'NEAR_POOR'),
        record('H6', B, 2023, 'POOR'),
        record('H7', A, 2023, 'NONE'),
        record('H9', A, 2023, 'POOR'),
        record('H10', A, 2023, 'NONE'),
      ]);
      await importPeriod(deps, 2024, [
        record('H1', A, 2024, 'POOR'), // stays
        record('H2', A, 2024, 'NEAR_POOR'), // exits poverty, newly near-poor
        record('H3', B, 2024, 'POOR'), // moves A → B
        record('H4', A, 2024, 'POOR'), // exits near-poverty, newly poor
        record('H5', A, 2024, 'NONE'), // exits near-poverty
        record('H6', A, 2024, 'POOR'), // moves B → A
        record('H7', A, 2024, 'POOR'), // newly poor
        record('H8', A, 2024, 'NEAR_POOR'), // newly near-poor (first review)
        record('H10', A, 2024, 'POOR'), // poor again (poor in 2022)
      ]); // H9 has no 2024 result: it left the list (moved out)
      const classes = await deps.db.kysely
        .selectFrom('review_result')
        .select(['period', 'classification'])
        .where('period', '=', 2024)
        .execute();
      expect(classes.filter((c) => c.classification === 'POOR')).toHaveLength(6);

      // Nothing is recognised yet: the balance counts nothing.
      const before = await reportBalance(deps, SYSTEM, { period: 2024, unitCode: A });
      expect(before.total.poor).toEqual(terms({}));
      // 2023 recognised, 2024 not yet: the 2023 list stays in force for the households surveyed
      // in 2024 (no flows); H9, not surveyed again, has left it.
      for (const code of [A, B]) await recognised(deps, code, 2023);
      const pending = await reportBalance(deps, SYSTEM, { period: 2024, unitCode: A });
      expect(pending.total.poor).toEqual(terms({ start: 4, movedOut: 1, end: 3 }));
      expect(pending.total.nearPoor).toEqual(terms({ start: 2, end: 2 }));
      expectIdentity(pending);
      expect(await fromScratch(deps, A, 2024)).toEqual(pending);
      for (const code of [A, B]) await recognised(deps, code, 2024);

      const a = await reportBalance(deps, SYSTEM, { period: 2024, unitCode: A });
      expect(a.unit).toEqual({ code: A, name: 'Phường Trung Sơn' });
      expect(a.rows).toHaveLength(1);
      expect(a.total.poor).toEqual(
        terms({ start: 4, exited: 1, new: 2, returned: 1, movedIn: 1, movedOut: 2, end: 5 }),
      );
      expect(a.total.nearPoor).toEqual(terms({ start: 2, exited: 2, new: 2, end: 2 }));
      expect(a.total.residentHouseholds).toBeNull();

      const city = await reportBalance(deps, SYSTEM, { period: 2024, unitCode: '382' });
      const rowOf = (code: string) => city.rows.find((r) => r.unit.code === code)!;
      expect(rowOf(A).poor).toEqual(a.total.poor);
      expect(rowOf(B).poor).toEqual(terms({ start: 1, movedIn: 1, movedOut: 1, end: 1 }));
      expect(rowOf(B).nearPoor).toEqual(terms({}));
      // For the city the moves between its two communes are no moves.
      expect(city.total.poor).toEqual(
        terms({ start: 5, exited: 1, new: 2, returned: 1, movedOut: 1, end: 6 }),
      );
      expectIdentity(city);
      expect(await fromScratch(deps, '382', 2024)).toEqual(city);
      await expectAggregatesMatchRebuild(deps.db.kysely);
    });

    it('the identity holds for every unit after imports in any order, and equals a scan of the results', async () => {
      const cls = fc.constantFrom<Cls | null>('POOR', 'NEAR_POOR', 'NONE', null);
      const unit = fc.constantFrom(A, B);
      const household = fc.record({ c2023: cls, u2023: unit, c2024: cls, u2024: unit, c2022: cls });
      await fc.assert(
        fc.asyncProperty(
          fc.array(household, { minLength: 1, maxLength: 8 }),
          fc.constantFrom([2022, 2023, 2024], [2024, 2023, 2022], [2023, 2024, 2022]),
          fc.boolean(),
          fc.boolean(),
          async (households, order, recogniseA2023, recogniseA2024) => {
            const deps = await makeDeps(dialect);
            try {
              const records: Record<number, SurveyRecord[]> = { 2022: [], 2023: [], 2024: [] };
              households.forEach((h, i) => {
                if (h.c2022) records[2022]!.push(record(`P${i}`, h.u2023, 2022, h.c2022));
                if (h.c2023) records[2023]!.push(record(`P${i}`, h.u2023, 2023, h.c2023));
                if (h.c2024) records[2024]!.push(record(`P${i}`, h.u2024, 2024, h.c2024));
              });
              for (const p of order) await importPeriod(deps, p, records[p]!);
              if (recogniseA2023) await recognised(deps, A, 2023);
              await recognised(deps, B, 2023);
              await recognised(deps, B, 2024);
              if (recogniseA2024) await recognised(deps, A, 2024);
              const city = await reportBalance(deps, SYSTEM, { period: 2024, unitCode: '382' });
              expectIdentity(city);
              for (const code of [A, B])
                expectIdentity(await reportBalance(deps, SYSTEM, { period: 2024, unitCode: code }));
              // The end list: recognised 2024 results; where A has not recognised 2024 yet, its
              // households surveyed in 2024 keep their recognised 2023 class.
              const recognised2023 = (h: (typeof households)[number]) => recogniseA2023 || h.u2023 === B;
              const poor2024 = households.filter((h) =>
                h.u2024 === B || recogniseA2024
                  ? h.c2024 === 'POOR'
                  : h.c2024 !== null && h.c2023 === 'POOR' && recognised2023(h),
              ).length;
              expect(city.total.poor.end).toBe(poor2024);
              const poor2023 = households.filter(
                (h) => h.c2023 === 'POOR' && (recogniseA2023 || h.u2023 === B),
              ).length;
              expect(city.total.poor.start).toBe(poor2023);
              expect(await fromScratch(deps, '382', 2024)).toEqual(city);
            } finally {
              await deps.cleanup();
            }
          },
        ),
        // Each run builds a fresh database (a PostgreSQL one takes seconds): few runs, fixed seed.
        { numRuns: dialect === 'postgres' ? 4 : 8, seed: 1203 },
      );
    }, 300_000);
  });
}
