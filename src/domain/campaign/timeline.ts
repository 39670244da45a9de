// The campaign timeline on the dates of the events themselves: a meeting on the day it was held,
// the posting on its first day, the recognition on its decision's date — not the moment someone
// typed them in (the demo loads two years of campaigns in a second). Pure: no I/O.

/** The field of each action that carries the event's own date. */
const DATE_FIELD: Record<string, string> = {
  'record-meeting': 'date',
  'record-resurvey': 'date',
  'start-posting': 'startDate',
  'file-complaint': 'receivedOn',
  'close-posting': 'on',
  'resolve-complaint': 'resolvedOn',
  recognise: 'decisionDate',
  report: 'reportedOn',
};

/** The event's own date (YYYY-MM-DD), or null when the action has none (opening the meetings). */
export function eventDateOf(action: string, payload: unknown): string | null {
  const field = DATE_FIELD[action];
  if (!field || !payload || typeof payload !== 'object') return null;
  const v = (payload as Record<string, unknown>)[field];
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}

export interface CampaignProgress {
  /** Households in the commune's registry, and those with a result of the period. */
  households: number;
  surveyed: number;
  firstSurvey: string | null;
  lastSurvey: string | null;
  villages: number;
  villagesAgreed: number;
  meetingsHeld: number;
  complaints: number;
  complaintsOpen: number;
}

/** Meeting and complaint counts from the campaign's state, with the survey counts the caller read. */
export function campaignProgress(
  state: {
    villages: { status: string; meetings: readonly unknown[] }[];
    complaints: { status: string }[];
  },
  survey: { households: number; surveyed: number; firstSurvey: string | null; lastSurvey: string | null },
): CampaignProgress {
  return {
    ...survey,
    villages: state.villages.length,
    villagesAgreed: state.villages.filter((v) => v.status === 'agreed').length,
    meetingsHeld: state.villages.reduce((n, v) => n + v.meetings.length, 0),
    complaints: state.complaints.length,
    complaintsOpen: state.complaints.filter((c) => c.status === 'open').length,
  };
}
