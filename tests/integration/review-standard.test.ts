// Single edits, campaign re-surveys and regular-review cases classify with the standard of the
// review period, not of the survey date (issue 12 item 6, decisions 0021 and 0026): the review of
// autumn 2026 sets the lists of 2027 and uses ND351_2025 although ND07_2021 is still in force on
// its survey date.
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildRecord } from '../support/survey.js';
import { codeOf } from '../support/errors.js';
import { SYSTEM } from '../../src/services/deps.js';
import { addVillage } from '../../src/services/villages.service.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { getHousehold, saveHousehold } from '../../src/services/registry/households.service.js';

const NOW_2026 = new Date('2026-11-02T03:00:00.000Z');

async function standardsOf(deps: TestDeps): Promise<[string, number, string][]> {
  const rows = await deps.db.kysely
    .selectFrom('review_result as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['h.household_key', 'r.period', 'r.standard'])
    .orderBy('h.household_key')
    .orderBy('r.period')
    .execute();
  return rows.map((r) => [r.household_key, Number(r.period), r.standard]);
}

for (const dialect of DIALECTS) {
  describe(`the standard of a single edit follows the review period (${dialect})`, () => {
    let deps: TestDeps;
    afterEach(async () => deps?.cleanup());

    it('a single edit uses the period’s standard; without a period, the survey year is the period', async () => {
      deps = await makeDeps(dialect, NOW_2026);
      const save = (householdId: string, surveyDate: string, period?: number) =>
        saveHousehold(deps, SYSTEM, {
          survey: buildRecord({ householdId, surveyDate, unitCode: '16516' }),
          ...(period === undefined ? {} : { period }),
          confirmDuplicates: true,
        });
      await save('A-2025', '2025-10-15', 2025);
      // Surveyed in autumn 2026, when ND07_2021 is still in force (Decree 351 keeps it to 31/12/2026).
      await save('A-2026', '2026-10-15', 2026);
      await save('A-NOPERIOD', '2026-10-16');
      // Surveyed early (August 2026) for the review of 2026: still the 2027 lists' standard.
      await save('A-EARLY', '2026-08-20', 2026);
      expect(await standardsOf(deps)).toEqual([
        ['A-2025', 2025, 'ND07_2021'],
        ['A-2026', 2026, 'ND351_2025'],
        ['A-EARLY', 2026, 'ND351_2025'],
        ['A-NOPERIOD', 2026, 'ND351_2025'],
      ]);
      const h = await getHousehold(deps, SYSTEM, 'A-2026');
      expect(h.version).toBeGreaterThan(0);
    });

    it('a period whose standard is not issued is refused with REVIEW_STANDARD_NOT_ISSUED, nothing written', async () => {
      deps = await makeDeps(dialect, NOW_2026);
      await deps.db.kysely
        .updateTable('review_period_standard')
        .set({ standard_code: '' })
        .where('period', '=', 2026)
        .execute();
      const err = await saveHousehold(deps, SYSTEM, {
        survey: buildRecord({ householdId: 'B-1', surveyDate: '2026-10-15', unitCode: '16516' }),
        period: 2026,
        confirmDuplicates: true,
      }).catch((e: unknown) => e);
      expect(await codeOf(Promise.reject(err))).toBe('REVIEW_STANDARD_NOT_ISSUED');
      expect((err as Error).message).toContain('2026');
      expect((err as Error).message).toContain('2027');
      expect(await standardsOf(deps)).toEqual([]);
    });

    it('a campaign re-survey classifies with the campaign period’s standard', async () => {
      deps = await makeDeps(dialect, NOW_2026);
      await addVillage(deps, SYSTEM, {
        communeCode: '16516',
        on: '2026-09-01',
        name: 'Thôn 1',
        kind: 'thon',
      });
      const imported = await importSurvey(
        deps,
        SYSTEM,
        {
          format: 'records',
          name: 'r',
          records: [
            {
              ...buildRecord({ householdId: 'C-1', surveyDate: '2026-09-10', unitCode: '16516' }),
              village: 'Thôn 1',
            },
          ] as unknown as Record<string, unknown>[],
        },
        { period: 2026, status: 'draft' },
      );
      expect(imported.rejected).toBe(0);
      const ref = { communeCode: '16516', period: 2026 };
      const c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
      const villageId = c.state.villages[0]!.villageId;
      await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'record-meeting',
          villageId,
          date: '2026-09-20',
          chair: 'Trưởng thôn',
          supervisor: 'MTTQ xã',
          present: 20,
          agreeing: 5,
          minutesCopies: 2,
          agreedHouseholds: [],
        },
      });
      // The meeting did not agree: the village is re-surveyed.
      await transition(deps, SYSTEM, {
        ...ref,
        action: { type: 'record-resurvey', villageId, date: '2026-09-25', households: ['C-1'] },
        surveys: [
          buildRecord({
            householdId: 'C-1',
            surveyDate: '2026-09-25',
            unitCode: '16516',
            incomePerCapitaMonthly: 2_100_000,
          }),
        ],
      });
      const rows = await deps.db.kysely
        .selectFrom('review_result as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select(['r.standard', 'r.survey_date', 'r.classification'])
        .where('h.household_key', '=', 'C-1')
        .execute();
      expect(rows.map((r) => [r.standard, r.survey_date])).toEqual([['ND351_2025', '2026-09-25']]);
    });
  });
}
