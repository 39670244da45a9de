import { describe, expect, it } from 'vitest';
import { campaignProgress, eventDateOf } from './timeline.js';

describe('campaign timeline on the events own dates', () => {
  it('takes each action its own date field', () => {
    expect(eventDateOf('record-meeting', { type: 'record-meeting', date: '2024-10-14' })).toBe('2024-10-14');
    expect(eventDateOf('start-posting', { startDate: '2024-10-21' })).toBe('2024-10-21');
    expect(eventDateOf('file-complaint', { receivedOn: '2024-10-22' })).toBe('2024-10-22');
    expect(eventDateOf('recognise', { decisionDate: '2023-12-11', decisionNumber: '150/QĐ-UBND' })).toBe(
      '2023-12-11',
    );
    expect(eventDateOf('report', { reportedOn: '2023-12-18' })).toBe('2023-12-18');
    expect(eventDateOf('open-meetings', { villages: [] })).toBeNull();
    expect(eventDateOf('record-meeting', { date: 'hôm qua' })).toBeNull();
  });
  it('counts meetings held, villages agreed and complaints open', () => {
    const p = campaignProgress(
      {
        villages: [
          { status: 'agreed', meetings: [1] },
          { status: 'resurvey', meetings: [1, 2] },
          { status: 'pending', meetings: [] },
        ],
        complaints: [{ status: 'open' }, { status: 'rejected' }],
      },
      { households: 120, surveyed: 100, firstSurvey: '2024-09-01', lastSurvey: '2024-09-30' },
    );
    expect(p).toMatchObject({
      households: 120,
      surveyed: 100,
      villages: 3,
      villagesAgreed: 1,
      meetingsHeld: 3,
      complaints: 2,
      complaintsOpen: 1,
    });
  });
});
