// Regular (monthly) review cases of one household: opened when a recognised (frozen) result is
// edited, or at the household's request; they walk the same steps as the campaign (village
// meeting, re-survey after a failed vote, posting, recognition, report), refuse steps out of
// order, and on recognition the case's survey replaces the result, which then shows on the
// household page and in the summary.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { SYSTEM } from '../../src/services/deps.js';
import { addVillage } from '../../src/services/villages.service.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import {
  getCampaign,
  listCampaigns,
  transition,
  type CampaignRef,
} from '../../src/services/registry/campaign.service.js';
import { getHousehold, saveHousehold } from '../../src/services/registry/households.service.js';
import { reportSummary } from '../../src/services/registry/summary.service.js';
import {} from '../../src/db/repositories/registry.repository.js';
import { codeOf } from '../support/errors.js';
import { ward2024Examples, expectAggregatesMatchRebuild } from '../support/registry.js';

const examples = ward2024Examples;
const example = (id: string) => examples.find((e) => e.householdId === id)!;
const poorer = {
  incomePerCapitaMonthly: 1_200_000,
  waterSource: 'surface',
  internetUse: false,
  infoDevices: [],
  loudspeakerAccess: false,
};

const meeting = {
  chair: 'Tổ trưởng Lê Văn Ba',
  supervisor: 'MTTQ phường: Nguyễn Thị Tư',
  minutesCopies: 2,
  agreedHouseholds: [] as string[],
};

for (const dialect of DIALECTS) {
  describe(`regular-review cases (${dialect})`, () => {
    let deps: TestDeps;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
      for (const name of ['Tổ dân phố 1', 'Tổ dân phố 2'])
        await addVillage(deps, SYSTEM, { communeCode: '14830', on: '2024-10-01', name, kind: 'to-dan-pho' });
      const records = examples.map((e, i) => ({
        ...e,
        village: i % 2 === 0 ? 'Tổ dân phố 1' : 'Tổ dân phố 2',
      }));
      const r = await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'test', records },
        { status: 'draft' },
      );
      expect(r).toMatchObject({ imported: records.length, rejected: 0 });
      // The periodic campaign recognises (and freezes) the 2024 list.
      const ref = { communeCode: '14830', period: 2024 };
      let c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
      for (const v of c.state.villages)
        c = await transition(deps, SYSTEM, {
          ...ref,
          action: {
            type: 'record-meeting',
            villageId: v.villageId,
            date: '2024-10-20',
            present: 10,
            agreeing: 8,
            ...meeting,
          },
        });
      await transition(deps, SYSTEM, { ...ref, action: { type: 'start-posting', startDate: '2024-10-25' } });
      await transition(deps, SYSTEM, { ...ref, action: { type: 'close-posting', on: '2024-10-30' } });
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'recognise',
          decisionNumber: '125/QĐ-UBND',
          decisionDate: '2024-11-04',
          signer: 'Chủ tịch UBND phường',
        },
      });
      expect(c.step).toBe('recognised');
    });
    afterEach(async () => deps.cleanup());

    /** Meeting agreed → posting → window closed: the case waits for recognition. */
    async function toComplaints(ref: CampaignRef, villageId: number) {
      await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'record-meeting',
          villageId,
          date: '2024-11-25',
          present: 9,
          agreeing: 7,
          ...meeting,
        },
      });
      await transition(deps, SYSTEM, { ...ref, action: { type: 'start-posting', startDate: '2024-11-26' } });
      return transition(deps, SYSTEM, { ...ref, action: { type: 'close-posting', on: '2024-12-02' } });
    }

    it('an edit of a recognised result walks a case to recognition; the new result then shows everywhere', async () => {
      const before = await getHousehold(deps, SYSTEM, 'EX-02');
      expect(before.results[0]).toMatchObject({
        classification: 'NEAR_POOR',
        frozen: true,
        status: 'approved',
      });
      const summaryBefore = await reportSummary(deps, SYSTEM, { period: 2024, unitCode: '14830' });

      const edit = await saveHousehold(deps, SYSTEM, {
        survey: { ...example('EX-02'), surveyDate: '2024-11-20', incomePerCapitaMonthly: 9_000_000 },
        expectedVersion: before.version,
        confirmDuplicates: true,
      });
      expect(edit).toEqual({
        saved: false,
        regularReview: { communeCode: '14830', period: 2024, caseKey: 'EX-02' },
      });
      const ref = { communeCode: '14830', period: 2024, caseKey: 'EX-02' };
      // Listed with its household and village by name (not the village's id).
      const listed = (await listCampaigns(deps, SYSTEM, '14830')).find((x) => x.caseKey === 'EX-02');
      expect(listed).toMatchObject({
        kind: 'regular',
        step: 'survey',
        headName: before.headName,
        village: { name: 'Tổ dân phố 2' },
      });
      let c = await getCampaign(deps, SYSTEM, ref);
      expect(c.timeline[0]).toMatchObject({
        action: 'open-case',
        payload: { villages: [{ name: 'Tổ dân phố 2' }] },
      });

      // Out of order: recognition or posting before the village meeting.
      for (const action of [
        {
          type: 'recognise' as const,
          decisionNumber: '7/QĐ',
          decisionDate: '2024-12-05',
          signer: 'Chủ tịch',
        },
        { type: 'start-posting' as const, startDate: '2024-11-26' },
      ])
        expect(await codeOf(transition(deps, SYSTEM, { ...ref, action }))).toBe('CAMPAIGN_STEP_OUT_OF_ORDER');

      // The meeting is held in the household's own village only.
      c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
      expect(c.state.villages.map((v) => v.name)).toEqual(['Tổ dân phố 2']);
      const villageId = c.state.villages[0]!.villageId;
      // 3 of 10 agree: re-survey. The re-survey finds the household poor; it waits in the case.
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'record-meeting',
          villageId,
          date: '2024-11-22',
          present: 10,
          agreeing: 3,
          ...meeting,
        },
      });
      expect(c.state.villages[0]!.status).toBe('resurvey');
      expect(
        await codeOf(
          transition(deps, SYSTEM, {
            ...ref,
            action: { type: 'record-resurvey', villageId, date: '2024-11-23', households: ['EX-03'] },
            surveys: [{ ...example('EX-03'), surveyDate: '2024-11-23' }],
          }),
        ),
      ).toBe('FIELD_INVALID');
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: { type: 'record-resurvey', villageId, date: '2024-11-23', households: ['EX-02'] },
        surveys: [{ ...example('EX-02'), surveyDate: '2024-11-23', ...poorer }],
      });
      expect(c.pending).toMatchObject({ householdId: 'EX-02', incomePerCapitaMonthly: 1_200_000 });
      expect((await getHousehold(deps, SYSTEM, 'EX-02')).results[0]).toMatchObject({
        classification: 'NEAR_POOR',
        frozen: true,
      });
      c = await toComplaints(ref, villageId);
      expect(c.step).toBe('complaints');
      expect(
        await codeOf(
          transition(deps, SYSTEM, {
            ...ref,
            action: {
              type: 'recognise',
              decisionNumber: '7/QĐ',
              decisionDate: '2024-11-28',
              signer: 'Chủ tịch',
            },
          }),
        ),
      ).toBe('CAMPAIGN_POSTING_WINDOW_OPEN');
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'recognise',
          decisionNumber: '7/QĐ-UBND',
          decisionDate: '2024-12-03',
          signer: 'Chủ tịch UBND phường',
        },
      });
      expect(c.step).toBe('recognised');

      // The recognised result of the case: household page, results, history and summary.
      const after = await getHousehold(deps, SYSTEM, 'EX-02');
      expect(after.results).toHaveLength(1);
      expect(after.results[0]).toMatchObject({
        period: 2024,
        surveyDate: '2024-11-23',
        classification: 'POOR',
        deprivations: ['waterSource', 'telecom', 'infoAccess'],
        status: 'approved',
        frozen: true,
      });
      expect(after.history.map((h) => h.action)).toEqual(['import', 'regular-review']);
      expect(after.village).toMatchObject({ name: 'Tổ dân phố 2' });
      const summaryAfter = await reportSummary(deps, SYSTEM, { period: 2024, unitCode: '14830' });
      expect(summaryAfter).toMatchObject({
        households: summaryBefore.households,
        poor: summaryBefore.poor + 1,
        nearPoor: summaryBefore.nearPoor - 1,
      });
      await expectAggregatesMatchRebuild(deps.db.kysely);

      // Report: the monthly deadline of regular reviews; then nothing more is allowed.
      expect(
        await codeOf(
          transition(deps, SYSTEM, { ...ref, action: { type: 'close-posting', on: '2024-12-04' } }),
        ),
      ).toBe('CAMPAIGN_STEP_OUT_OF_ORDER');
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: { type: 'report', reportedOn: '2024-12-04', to: 'UBND tỉnh Thanh Hóa' },
      });
      expect(c.state.report).toMatchObject({ late: false });
      expect(c.allowedActions).toEqual([]);
      expect(c.timeline.map((e) => e.action)).toEqual([
        'open-case',
        'open-meetings',
        'record-meeting',
        'record-resurvey',
        'record-meeting',
        'start-posting',
        'close-posting',
        'recognise',
        'report',
      ]);
    });

    it('a case opened at the household request carries its survey; recognition without one is refused', async () => {
      const ref = { communeCode: '14830', period: 2024, caseKey: 'EX-03' };
      let c = await transition(deps, SYSTEM, {
        ...ref,
        action: { type: 'open-meetings', villages: [] },
        surveys: [{ ...example('EX-03'), surveyDate: '2024-11-21', ...poorer }],
      });
      expect(c).toMatchObject({ kind: 'regular', step: 'meetings', pending: { householdId: 'EX-03' } });
      expect(c.state.villages.map((v) => v.name)).toEqual(['Tổ dân phố 1']);
      await toComplaints(ref, c.state.villages[0]!.villageId);
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'recognise',
          decisionNumber: '8/QĐ-UBND',
          decisionDate: '2024-12-03',
          signer: 'Chủ tịch',
        },
      });
      expect((await getHousehold(deps, SYSTEM, 'EX-03')).results[0]).toMatchObject({
        classification: 'POOR',
        frozen: true,
      });

      // A case without any survey cannot be recognised: nothing would replace the result.
      const bare = { communeCode: '14830', period: 2024, caseKey: 'EX-04' };
      c = await transition(deps, SYSTEM, { ...bare, action: { type: 'open-meetings', villages: [] } });
      await toComplaints(bare, c.state.villages[0]!.villageId);
      expect(
        await codeOf(
          transition(deps, SYSTEM, {
            ...bare,
            action: {
              type: 'recognise',
              decisionNumber: '9/QĐ',
              decisionDate: '2024-12-03',
              signer: 'Chủ tịch',
            },
          }),
        ),
      ).toBe('REGULAR_REVIEW_NO_SURVEY');
      expect((await getCampaign(deps, SYSTEM, bare)).step).toBe('complaints');
      expect((await getHousehold(deps, SYSTEM, 'EX-04')).results[0]).toMatchObject({
        classification: 'NONE',
      });
    });
  });
}
