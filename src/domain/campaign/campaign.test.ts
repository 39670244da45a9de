import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { WorkingCalendar, type CalendarDay } from './calendar.js';
import { allowedActions, applyAction, newCampaign, type CampaignState } from './campaign.js';
import { regularReportDeadline } from './deadlines.js';

const DAYS: CalendarDay[] = [
  { date: '2024-09-02', kind: 'off', name: 'Quốc khánh' },
  { date: '2024-09-03', kind: 'off', name: 'Quốc khánh' },
  { date: '2024-04-29', kind: 'off', name: 'Nghỉ hoán đổi' },
  { date: '2024-04-30', kind: 'off', name: 'Ngày Chiến thắng' },
  { date: '2024-05-01', kind: 'off', name: 'Quốc tế Lao động' },
  { date: '2024-05-04', kind: 'work', name: 'Làm bù' },
];
const calendar = new WorkingCalendar(DAYS);
const ctx = { calendar, postingWorkingDays: 3 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isAppError(err) ? err.code : 'not-an-app-error';
  }
  return undefined;
}

describe('working calendar', () => {
  it('skips weekends and days off, counts make-up Saturdays', () => {
    // Fri 30/08/2024, then Sat 31, Sun 1, Mon 2 and Tue 3 (National Day) are off: Wed 4, Thu 5.
    expect(calendar.windowEnd('2024-08-30', 3)).toBe('2024-09-05');
    // Fri 26/04/2024, Mon 29 – Wed 01/05 off, Thu 2, Fri 3 → 3rd working day is Fri 03/05.
    expect(calendar.windowEnd('2024-04-26', 3)).toBe('2024-05-03');
    // Make-up Saturday 04/05/2024 is a working day.
    expect(calendar.windowEnd('2024-05-03', 2)).toBe('2024-05-04');
    expect(calendar.isWorkingDay('2024-05-04')).toBe(true);
    expect(calendar.isWorkingDay('2024-05-11')).toBe(false);
    // Starting on a holiday counts from the next working day.
    expect(calendar.windowEnd('2024-09-02', 1)).toBe('2024-09-04');
    expect(calendar.workingDaysBetween('2024-08-30', '2024-09-05')).toBe(3);
  });
});

describe('campaign state machine', () => {
  const open = (): CampaignState =>
    applyAction(
      newCampaign('periodic', 2024),
      {
        type: 'open-meetings',
        villages: [
          { villageId: 1, name: 'Thôn 1' },
          { villageId: 2, name: 'Thôn 2' },
        ],
      },
      ctx,
    );
  const meeting = (villageId: number, present: number, agreeing: number) => ({
    type: 'record-meeting' as const,
    villageId,
    date: '2024-10-20',
    chair: 'Trưởng thôn Lê Văn A',
    supervisor: 'MTTQ xã: Nguyễn Thị B',
    present,
    agreeing,
    minutesCopies: 2,
    agreedHouseholds: ['HH-1'],
  });

  it('refuses an out-of-order step with the allowed actions', () => {
    const s = newCampaign('periodic', 2024);
    try {
      applyAction(s, { type: 'start-posting', startDate: '2024-10-25' }, ctx);
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err) && err.code).toBe('CAMPAIGN_STEP_OUT_OF_ORDER');
      expect(isAppError(err) && err.data).toEqual({ step: 'survey', allowedActions: ['open-meetings'] });
    }
  });

  it('sends a village back to re-survey below 50% agreement, then needs a new meeting', () => {
    let s = open();
    s = applyAction(s, meeting(1, 20, 9), ctx);
    expect(s.villages[0]!.status).toBe('resurvey');
    expect(codeOf(() => applyAction(s, meeting(1, 20, 15), ctx))).toBe('CAMPAIGN_MEETING_NOT_EXPECTED');
    s = applyAction(s, meeting(2, 10, 5), ctx); // exactly 50% is enough
    expect(s.villages[1]!.status).toBe('agreed');
    expect(codeOf(() => applyAction(s, { type: 'start-posting', startDate: '2024-10-25' }, ctx))).toBe(
      'CAMPAIGN_VILLAGES_NOT_AGREED',
    );
    s = applyAction(
      s,
      { type: 'record-resurvey', villageId: 1, date: '2024-10-22', households: ['HH-1'] },
      ctx,
    );
    s = applyAction(s, { ...meeting(1, 18, 12), date: '2024-10-24' }, ctx);
    expect(s.villages[0]!.meetings.map((m) => m.outcome)).toEqual(['resurvey', 'agreed']);
    expect(codeOf(() => applyAction(s, { ...meeting(1, 18, 12) }, ctx))).toBe(
      'CAMPAIGN_MEETING_NOT_EXPECTED',
    );
  });

  it('needs minutes in two copies', () => {
    expect(codeOf(() => applyAction(open(), { ...meeting(1, 10, 8), minutesCopies: 1 }, ctx))).toBe(
      'MEETING_MINUTES_COPIES',
    );
  });

  it('walks to the report, with the complaint window in working days', () => {
    let s = open();
    s = applyAction(s, { ...meeting(1, 10, 8), date: '2024-08-28' }, ctx);
    s = applyAction(s, { ...meeting(2, 10, 8), date: '2024-08-29' }, ctx);
    expect(codeOf(() => applyAction(s, { type: 'start-posting', startDate: '2024-08-27' }, ctx))).toBe(
      'DATE_BEFORE',
    );
    s = applyAction(s, { type: 'start-posting', startDate: '2024-08-30' }, ctx);
    expect(s.posting).toEqual({ startDate: '2024-08-30', workingDays: 3, deadline: '2024-09-05' });
    expect(allowedActions(s)).toEqual(['file-complaint', 'close-posting']);
    expect(
      codeOf(() =>
        applyAction(
          s,
          {
            type: 'file-complaint',
            householdKey: 'HH-1',
            complainant: 'X',
            receivedOn: '2024-09-06',
            text: 't',
          },
          ctx,
        ),
      ),
    ).toBe('CAMPAIGN_COMPLAINT_OUTSIDE_WINDOW');
    s = applyAction(
      s,
      {
        type: 'file-complaint',
        householdKey: 'HH-1',
        complainant: 'Chủ hộ',
        receivedOn: '2024-09-05',
        text: 'Xin phúc tra',
      },
      ctx,
    );
    expect(codeOf(() => applyAction(s, { type: 'close-posting', on: '2024-09-05' }, ctx))).toBe(
      'CAMPAIGN_POSTING_WINDOW_OPEN',
    );
    s = applyAction(s, { type: 'close-posting', on: '2024-09-06' }, ctx);
    expect(
      codeOf(() =>
        applyAction(
          s,
          { type: 'recognise', decisionNumber: '12/QĐ-UBND', decisionDate: '2024-09-10', signer: 'Chủ tịch' },
          ctx,
        ),
      ),
    ).toBe('CAMPAIGN_COMPLAINTS_OPEN');
    s = applyAction(
      s,
      {
        type: 'resolve-complaint',
        complaintId: 1,
        outcome: 'accepted',
        reason: 'Phúc tra: thu nhập thấp hơn',
        resolvedOn: '2024-09-09',
        newClassification: 'POOR',
      },
      ctx,
    );
    s = applyAction(
      s,
      { type: 'recognise', decisionNumber: '12/QĐ-UBND', decisionDate: '2024-09-10', signer: 'Chủ tịch' },
      ctx,
    );
    expect(s.recognition?.form).toBe('Mẫu số 02');
    expect(codeOf(() => applyAction(s, { type: 'close-posting', on: '2024-09-11' }, ctx))).toBe(
      'CAMPAIGN_STEP_OUT_OF_ORDER',
    );
    s = applyAction(s, { type: 'report', reportedOn: '2024-11-12', to: 'UBND tỉnh' }, ctx);
    expect(s.report).toEqual({
      reportedOn: '2024-11-12',
      to: 'UBND tỉnh',
      deadline: '2024-11-10',
      late: true,
    });
    expect(allowedActions(s)).toEqual([]);
  });

  it('dates monthly reports on the 5th, February to September', () => {
    expect(regularReportDeadline('2024-03-20')).toBe('2024-04-05');
    expect(regularReportDeadline('2024-03-05')).toBe('2024-03-05');
    expect(regularReportDeadline('2024-09-20')).toBe('2025-02-05');
  });
});
