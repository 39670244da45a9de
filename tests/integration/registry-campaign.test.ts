// One commune walks the whole review campaign: survey → village meetings (one sent back to
// re-survey) → public posting with the complaint window in working days → a complaint whose
// re-check changes a result → recognition (results approved and frozen) → report. Out-of-order
// steps are refused; a later edit of a frozen result opens a regular-review case.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { SYSTEM } from '../../src/services/deps.js';
import { isAppError } from '../../src/errors.js';
import { addVillage } from '../../src/services/villages.service.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { getCampaign, transition } from '../../src/services/registry/campaign.service.js';
import { getHousehold, saveHousehold } from '../../src/services/registry/households.service.js';
import { reportSummary } from '../../src/services/registry/summary.service.js';
import {} from '../../src/db/repositories/registry.repository.js';
import { codeOf } from '../support/errors.js';
import { ward2024Examples, expectAggregatesMatchRebuild } from '../support/registry.js';

const examples = ward2024Examples;

for (const dialect of DIALECTS) {
  describe(`review campaign (${dialect})`, () => {
    let deps: TestDeps;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
    });
    afterEach(async () => deps.cleanup());

    it('walks one commune from survey to report, with a complaint that changes a result', async () => {
      for (const name of ['Tổ dân phố 1', 'Tổ dân phố 2']) {
        await addVillage(deps, SYSTEM, { communeCode: '14830', on: '2024-10-01', name, kind: 'to-dan-pho' });
      }
      const records = examples.map((e, i) => ({
        ...e,
        village: i % 2 === 0 ? 'Tổ dân phố 1' : 'Tổ dân phố 2',
      }));
      const imported = await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'test', records },
        { status: 'draft' },
      );
      expect(imported).toMatchObject({ imported: records.length, rejected: 0 });
      const ref = { communeCode: '14830', period: 2024 };

      // Out of order: posting before any meeting.
      expect(
        await codeOf(
          transition(deps, SYSTEM, { ...ref, action: { type: 'start-posting', startDate: '2024-10-28' } }),
        ),
      ).toBe('CAMPAIGN_STEP_OUT_OF_ORDER');
      let c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
      expect(c.step).toBe('meetings');
      expect(c.state.villages.map((v) => v.name)).toEqual(['Tổ dân phố 1', 'Tổ dân phố 2']);
      const [v1, v2] = c.state.villages.map((v) => v.villageId);
      const meeting = {
        chair: 'Tổ trưởng Lê Văn Ba',
        supervisor: 'MTTQ phường: Nguyễn Thị Tư',
        minutesCopies: 2,
        agreedHouseholds: [] as string[],
      };
      // 4 of 10 agree: back to re-survey.
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'record-meeting',
          villageId: v1!,
          date: '2024-10-20',
          present: 10,
          agreeing: 4,
          ...meeting,
        },
      });
      expect(c.state.villages[0]!.status).toBe('resurvey');
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'record-meeting',
          villageId: v2!,
          date: '2024-10-20',
          present: 12,
          agreeing: 9,
          ...meeting,
        },
      });
      expect(
        await codeOf(
          transition(deps, SYSTEM, { ...ref, action: { type: 'start-posting', startDate: '2024-10-28' } }),
        ),
      ).toBe('CAMPAIGN_VILLAGES_NOT_AGREED');
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: { type: 'record-resurvey', villageId: v1!, date: '2024-10-22', households: ['EX-01'] },
      });
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'record-meeting',
          villageId: v1!,
          date: '2024-10-24',
          present: 11,
          agreeing: 8,
          ...meeting,
        },
      });
      expect(c.state.villages.map((v) => v.status)).toEqual(['agreed', 'agreed']);

      // Posting on Friday 25/10/2024: 3 working days → Tuesday 29/10.
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: { type: 'start-posting', startDate: '2024-10-25' },
      });
      expect(c.state.posting).toEqual({ startDate: '2024-10-25', workingDays: 3, deadline: '2024-10-29' });
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'file-complaint',
          householdKey: 'EX-01',
          complainant: 'Lê Văn Hùng',
          receivedOn: '2024-10-28',
          text: 'Thu nhập năm nay giảm mạnh',
        },
      });
      expect(
        await codeOf(
          transition(deps, SYSTEM, { ...ref, action: { type: 'close-posting', on: '2024-10-29' } }),
        ),
      ).toBe('CAMPAIGN_POSTING_WINDOW_OPEN');
      c = await transition(deps, SYSTEM, { ...ref, action: { type: 'close-posting', on: '2024-10-30' } });
      expect(c.step).toBe('complaints');
      expect((await getHousehold(deps, SYSTEM, 'EX-01')).results[0]!.classification).toBe('NEAR_POOR');
      // The re-check finds a lower income and three deprivations: the household becomes poor.
      const recheck = {
        ...examples[0]!,
        surveyDate: '2024-10-31',
        incomePerCapitaMonthly: 1_200_000,
        waterSource: 'surface',
        internetUse: false,
        infoDevices: [],
        loudspeakerAccess: false,
      };
      c = await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'resolve-complaint',
          complaintId: 1,
          outcome: 'accepted',
          reason: 'Phúc tra: thu nhập 1.200.000 ₫/người/tháng',
          resolvedOn: '2024-10-31',
        },
        surveys: [recheck],
      });
      expect(c.state.complaints[0]).toMatchObject({ status: 'accepted', newClassification: 'POOR' });
      const page = await getHousehold(deps, SYSTEM, 'EX-01');
      expect(page.results[0]).toMatchObject({
        classification: 'POOR',
        deprivations: ['waterSource', 'telecom', 'infoAccess'],
        status: 'draft',
        frozen: false,
      });
      expect(page.history.map((h) => h.action)).toEqual(['import', 'complaint']);
      // Nothing approved yet: the summary counts approved results only.
      expect((await reportSummary(deps, SYSTEM, { period: 2024, unitCode: '14830' })).households).toBe(0);

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
      expect(c.state.recognition).toMatchObject({ decisionNumber: '125/QĐ-UBND', form: 'Mẫu số 02' });
      const summary = await reportSummary(deps, SYSTEM, { period: 2024, unitCode: '14830' });
      expect(summary).toMatchObject({ households: records.length, poor: 3 });
      expect((await getHousehold(deps, SYSTEM, 'EX-01')).results[0]).toMatchObject({
        status: 'approved',
        frozen: true,
      });

      // Out of order after recognition: the allowed next action is the report.
      try {
        await transition(deps, SYSTEM, { ...ref, action: { type: 'close-posting', on: '2024-11-05' } });
        expect.unreachable();
      } catch (err) {
        expect(isAppError(err) && err.code).toBe('CAMPAIGN_STEP_OUT_OF_ORDER');
        expect(isAppError(err) && err.data).toEqual({ step: 'recognised', allowedActions: ['report'] });
      }
      // A later edit of a frozen result opens a regular-review case; the list does not change.
      const h = (await getHousehold(deps, SYSTEM, 'EX-02')).version;
      const edit = await saveHousehold(deps, SYSTEM, {
        survey: { ...examples[1]!, surveyDate: '2024-11-20', incomePerCapitaMonthly: 9_000_000 },
        expectedVersion: h,
        confirmDuplicates: true,
      });
      expect(edit).toEqual({
        saved: false,
        regularReview: { communeCode: '14830', period: 2024, caseKey: 'EX-02' },
      });
      expect((await getHousehold(deps, SYSTEM, 'EX-02')).results[0]!.classification).toBe('NEAR_POOR');
      const regular = await getCampaign(deps, SYSTEM, { ...ref, caseKey: 'EX-02' });
      expect(regular).toMatchObject({ kind: 'regular', step: 'survey', allowedActions: ['open-meetings'] });

      c = await transition(deps, SYSTEM, {
        ...ref,
        action: { type: 'report', reportedOn: '2024-11-08', to: 'UBND tỉnh Thanh Hóa' },
      });
      expect(c.state.report).toEqual({
        reportedOn: '2024-11-08',
        to: 'UBND tỉnh Thanh Hóa',
        deadline: '2024-11-10',
        late: false,
      });
      expect(c.allowedActions).toEqual([]);
      expect(c.timeline.map((e) => `${e.action}:${e.to}`)).toEqual([
        'open-meetings:meetings',
        'record-meeting:meetings',
        'record-meeting:meetings',
        'record-resurvey:meetings',
        'record-meeting:meetings',
        'start-posting:posting',
        'file-complaint:posting',
        'close-posting:complaints',
        'resolve-complaint:complaints',
        'recognise:recognised',
        'report:reported',
      ]);
      const audits = await deps.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'review_campaign')
        .execute();
      expect(audits).toHaveLength(11);
      // Aggregates still agree with a count from scratch.
      await expectAggregatesMatchRebuild(deps.db.kysely);
    });
  });
}
