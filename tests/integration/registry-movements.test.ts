// Movements when an older period arrives late: importing (or entering) the result of an older
// period after a newer one exists recomputes the movements of the later periods and their
// aggregate cells in the same transaction, so the registry ends the same whatever the order.
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import {
  getHousehold,
  rebuildAggregates,
  saveHousehold,
} from '../../src/services/registry/households.service.js';
import { reportSummary } from '../../src/services/registry/summary.service.js';
import { computeAggregatesFromResults } from '../../src/db/repositories/registry.repository.js';
import { applyAggregateDeltas } from '../../src/db/registry-write/index.js';
import { ward2024Examples, keptAggregates } from '../support/registry.js';

const examples = ward2024Examples;

// Poor: income under the urban line and three deprivations. Average: above the line, under the average households' bound.
const poor = {
  incomePerCapitaMonthly: 1_200_000,
  waterSource: 'surface',
  internetUse: false,
  infoDevices: [],
  loudspeakerAccess: false,
};
const average = { incomePerCapitaMonthly: 2_500_000 };
const on = (year: number) => ({ surveyDate: `${year}-10-15` });

/** The survey records of each period. 2024 is the contract examples as they are. */
const PERIODS: Record<number, Record<string, unknown>[]> = {
  // EX-01 was poor in 2022 and EX-02 was never poor before 2024's near-poor.
  2022: examples
    .filter((e) => e.householdId === 'EX-01' || e.householdId === 'EX-05')
    .map((e) => ({ ...e, ...on(2022), ...(e.householdId === 'EX-01' ? poor : average) })),
  2023: examples.map((e) => ({
    ...e,
    ...on(2023),
    ...(e.householdId === 'EX-01' || e.householdId === 'EX-03' ? average : {}),
    ...(e.householdId === 'EX-02' || e.householdId === 'EX-06' ? poor : {}),
  })),
  2024: examples,
};

async function importPeriod(deps: TestDeps, period: number) {
  const r = await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: `p${period}`, records: PERIODS[period]! },
    { period, status: 'approved' },
  );
  expect(r).toMatchObject({ imported: PERIODS[period]!.length, rejected: 0 });
}

async function movements(deps: TestDeps) {
  const rows = await deps.db.kysely
    .selectFrom('review_result as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['h.household_key', 'r.period', 'r.classification', 'r.movement'])
    .orderBy('h.household_key')
    .orderBy('r.period')
    .execute();
  return rows.map((r) => `${r.household_key} ${r.period} ${r.classification} ${r.movement}`);
}

async function aggregates(deps: TestDeps) {
  return keptAggregates(deps.db.kysely);
}

/** The count of one aggregate cell of 14830 (approved results), whatever its unit version. */
function cell(cells: Map<string, number>, period: number, classification: string, indicator: string) {
  let n = 0;
  for (const [k, v] of cells) {
    const [, p, unit, , status, cls, ind] = k.split('|');
    if (
      p === String(period) &&
      unit === '14830' &&
      status === 'approved' &&
      cls === classification &&
      ind === indicator
    )
      n += v;
  }
  return n;
}

async function fromScratch(deps: TestDeps) {
  return new Map([...(await computeAggregatesFromResults(deps.db.kysely))].map(([k, [, n]]) => [k, n]));
}

async function summaries(deps: TestDeps) {
  const out = [];
  for (const period of [2022, 2023, 2024])
    for (const unitCode of ['14830', '38'])
      out.push(await reportSummary(deps, SYSTEM, { period, unitCode, unitsOn: '2024-12-31' }));
  return out;
}

async function snapshot(deps: TestDeps) {
  const kept = await aggregates(deps);
  // Kept counts agree with a count from the stored results…
  expect(kept).toEqual(await fromScratch(deps));
  // …and a rebuild from scratch finds nothing to correct.
  expect(await rebuildAggregates(deps, SYSTEM)).toMatchObject({ differing: 0 });
  return { movements: await movements(deps), aggregates: kept, summaries: await summaries(deps) };
}

for (const dialect of DIALECTS) {
  describe(`movements when an older period arrives late (${dialect})`, () => {
    let deps: TestDeps | undefined;
    afterEach(async () => {
      await deps?.cleanup();
      deps = undefined;
    });

    async function importInOrder(order: number[]) {
      deps = await makeDeps(dialect);
      for (const period of order) await importPeriod(deps, period);
      const s = await snapshot(deps);
      await deps.cleanup();
      deps = undefined;
      return s;
    }

    it('importing 2024 then 2023 (then 2022) ends as importing them oldest first', async () => {
      const inOrder = await importInOrder([2022, 2023, 2024]);
      expect(inOrder.movements).toEqual(
        expect.arrayContaining([
          'EX-01 2022 POOR chua-co-ky-truoc',
          'EX-01 2023 AVERAGE thoat-ngheo',
          // Near-poor again after a poor year two periods back: not "newly near-poor".
          'EX-01 2024 NEAR_POOR tai-can-ngheo',
          'EX-02 2023 POOR chua-co-ky-truoc',
          'EX-02 2024 NEAR_POOR thoat-ngheo',
          'EX-03 2024 AVERAGE khong-doi',
          'EX-05 2022 AVERAGE chua-co-ky-truoc',
          'EX-05 2023 POOR ngheo-phat-sinh',
          'EX-05 2024 POOR khong-doi',
          'EX-06 2024 NEAR_POOR thoat-ngheo',
        ]),
      );
      const poor2024 = inOrder.summaries[4]!;
      expect(poor2024).toMatchObject({ period: 2024, households: examples.length });
      expect(cell(inOrder.aggregates, 2024, 'NEAR_POOR', 'movement:thoat-ngheo')).toBe(2);

      const late = await importInOrder([2024, 2023]);
      const twoPeriods = await importInOrder([2023, 2024]);
      expect(late.movements).toEqual(twoPeriods.movements);
      expect(late.aggregates).toEqual(twoPeriods.aggregates);
      expect(late.summaries).toEqual(twoPeriods.summaries);
      expect(late.movements).toContain('EX-02 2024 NEAR_POOR thoat-ngheo');

      // The oldest period last changes a movement two periods later (EX-01 2024).
      for (const order of [
        [2024, 2023, 2022],
        [2024, 2022, 2023],
        [2023, 2024, 2022],
      ]) {
        const s = await importInOrder(order);
        expect(s.movements, order.join(' → ')).toEqual(inOrder.movements);
        expect(s.aggregates, order.join(' → ')).toEqual(inOrder.aggregates);
        expect(s.summaries, order.join(' → ')).toEqual(inOrder.summaries);
      }
    });

    it('entering an older result on the form recomputes the later movement', async () => {
      deps = await makeDeps(dialect);
      await importPeriod(deps, 2024);
      const before = await getHousehold(deps, SYSTEM, 'EX-02');
      expect(before.results.map((r) => r.movement)).toEqual(['chua-co-ky-truoc']);
      const saved = await saveHousehold(deps, SYSTEM, {
        survey: PERIODS[2023]!.find((e) => e.householdId === 'EX-02')!,
        period: 2023,
        status: 'approved',
        expectedVersion: before.version,
        confirmDuplicates: true,
      });
      expect(saved).toMatchObject({ saved: true, classification: 'POOR', movement: 'chua-co-ky-truoc' });
      const after = await getHousehold(deps, SYSTEM, 'EX-02');
      expect(after.results.map((r) => `${r.period} ${r.classification} ${r.movement}`)).toEqual([
        '2023 POOR chua-co-ky-truoc',
        '2024 NEAR_POOR thoat-ngheo',
      ]);
      const kept = await aggregates(deps);
      expect(kept).toEqual(await fromScratch(deps));
      expect(cell(kept, 2024, 'NEAR_POOR', 'movement:thoat-ngheo')).toBe(1);
      expect(cell(kept, 2024, 'NEAR_POOR', 'movement:chua-co-ky-truoc')).toBe(
        examples.filter((e) =>
          ['EX-01', 'EX-02', 'EX-06', 'EX-07', 'EX-08', 'EX-09', 'EX-10'].includes(String(e.householdId)),
        ).length - 1,
      );
    });

    it('a rebuild from scratch corrects movements stored stale, then the aggregates', async () => {
      deps = await makeDeps(dialect);
      await importPeriod(deps, 2023);
      await importPeriod(deps, 2024);
      const good = await snapshot(deps);
      // A movement stored stale (as a result written before later periods were recomputed), and
      // its aggregate cells counted with it.
      const row = await deps.db.kysely
        .selectFrom('review_result as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select(['r.id', 'r.unit_code', 'r.unit_valid_from'])
        .where('h.household_key', '=', 'EX-02')
        .where('r.period', '=', 2024)
        .executeTakeFirstOrThrow();
      await deps.db.kysely
        .updateTable('review_result')
        .set({ movement: 'chua-co-ky-truoc' })
        .where('id', '=', row.id)
        .execute();
      for (const [indicator, n] of [
        ['movement:thoat-ngheo', -1],
        ['movement:chua-co-ky-truoc', 1],
      ] as const)
        await applyAggregateDeltas(deps.db.kysely, [
          [
            {
              provinceCode: '38',
              period: 2024,
              unitCode: row.unit_code,
              unitValidFrom: row.unit_valid_from,
              status: 'approved',
              classification: 'NEAR_POOR',
              indicator,
            },
            n,
          ],
        ]);
      expect(await movements(deps)).toContain('EX-02 2024 NEAR_POOR chua-co-ky-truoc');
      expect(await rebuildAggregates(deps, SYSTEM)).toMatchObject({ movements: 1, differing: 2 });
      expect(await movements(deps)).toEqual(good.movements);
      expect(await aggregates(deps)).toEqual(good.aggregates);
      expect(await rebuildAggregates(deps, SYSTEM)).toMatchObject({ movements: 0, differing: 0 });
    });
  });
}
