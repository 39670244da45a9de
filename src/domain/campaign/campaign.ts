// The review campaign of a commune for a period (Decision 24/2021/QĐ-TTg Art. 4 and 5) as a pure
// state machine: survey → village meetings → public posting → complaints → recognition by the
// commune chair → report to the province. Regular (monthly) reviews of one household walk the
// same steps. `applyAction` either returns the next state and the event to audit, or throws a
// coded AppError; an action that does not belong to the current step is CAMPAIGN_STEP_OUT_OF_ORDER
// with the allowed actions.
import { AppError } from '../../errors.js';
import { parseIsoDate } from '../dates.js';
import { WORDS } from '../words/catalogue.js';
import type { WorkingCalendar } from './calendar.js';
import {
  periodicReportDeadline,
  regularReportDeadline,
  type ReportingRules,
  DEFAULT_REPORTING_RULES,
} from './deadlines.js';

export const STEPS = ['survey', 'meetings', 'posting', 'complaints', 'recognised', 'reported'] as const;
export type Step = (typeof STEPS)[number];

/** The steps' names: the catalogue of words. */
export const STEP_LABELS: Record<Step, { vi: string; en: string }> = WORDS.campaignStep;

export const ACTIONS = [
  'open-meetings',
  'record-meeting',
  'record-resurvey',
  'start-posting',
  'file-complaint',
  'close-posting',
  'resolve-complaint',
  'recognise',
  'report',
] as const;
export type ActionName = (typeof ACTIONS)[number];

/** Which actions each step accepts (before their own preconditions). */
const ALLOWED: Record<Step, readonly ActionName[]> = {
  survey: ['open-meetings'],
  meetings: ['record-meeting', 'record-resurvey', 'start-posting'],
  posting: ['file-complaint', 'close-posting'],
  complaints: ['resolve-complaint', 'recognise'],
  recognised: ['report'],
  reported: [],
};

export interface Meeting {
  date: string;
  chair: string;
  secretary: string | null;
  /** Representative of the commune Vietnam Fatherland Front, invited to supervise. */
  supervisor: string;
  present: number;
  agreeing: number;
  minutesCopies: number;
  agreedHouseholds: string[];
  outcome: 'agreed' | 'resurvey';
}

export interface VillageRound {
  villageId: number;
  name: string;
  status: 'pending' | 'agreed' | 'resurvey';
  meetings: Meeting[];
  resurveys: { date: string; households: string[] }[];
}

export interface Complaint {
  id: number;
  householdKey: string;
  complainant: string;
  receivedOn: string;
  text: string;
  status: 'open' | 'accepted' | 'rejected';
  reason: string | null;
  resolvedOn: string | null;
  /** The class after the re-check (accepted complaints that changed the result). */
  newClassification: string | null;
}

export interface CampaignState {
  kind: 'periodic' | 'regular';
  period: number;
  step: Step;
  villages: VillageRound[];
  posting: { startDate: string; workingDays: number; deadline: string } | null;
  complaints: Complaint[];
  recognition: { decisionNumber: string; decisionDate: string; signer: string; form: 'Mẫu số 02' } | null;
  report: { reportedOn: string; to: string; deadline: string; late: boolean } | null;
}

export type Action =
  | { type: 'open-meetings'; villages: { villageId: number; name: string }[] }
  | {
      type: 'record-meeting';
      villageId: number;
      date: string;
      chair: string;
      secretary?: string | null;
      supervisor: string;
      present: number;
      agreeing: number;
      minutesCopies: number;
      agreedHouseholds: string[];
    }
  | { type: 'record-resurvey'; villageId: number; date: string; households: string[] }
  | { type: 'start-posting'; startDate: string }
  | { type: 'file-complaint'; householdKey: string; complainant: string; receivedOn: string; text: string }
  | { type: 'close-posting'; on: string }
  | {
      type: 'resolve-complaint';
      complaintId: number;
      outcome: 'accepted' | 'rejected';
      reason: string;
      resolvedOn: string;
      newClassification?: string | null;
    }
  | { type: 'recognise'; decisionNumber: string; decisionDate: string; signer: string }
  | { type: 'report'; reportedOn: string; to: string };

export interface CampaignContext {
  calendar: WorkingCalendar;
  /** Length of the posting / complaint window in working days (config postingWorkingDays). */
  postingWorkingDays: number;
  rules?: ReportingRules;
}

export function newCampaign(kind: 'periodic' | 'regular', period: number): CampaignState {
  return {
    kind,
    period,
    step: 'survey',
    villages: [],
    posting: null,
    complaints: [],
    recognition: null,
    report: null,
  };
}

export function allowedActions(state: CampaignState): ActionName[] {
  return [...ALLOWED[state.step]];
}

/** The step an action leads to when it succeeds (for display of the next step). */
export function nextStepOf(step: Step): Step | null {
  const i = STEPS.indexOf(step);
  return i + 1 < STEPS.length ? STEPS[i + 1]! : null;
}

const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || !value.trim()) throw new AppError('FIELD_REQUIRED', { field }, { field });
  return value.trim();
};
const date = (value: unknown, field: string): string => parseIsoDate(value, field);
const count = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new AppError('FIELD_TYPE', { field, expected: 'số nguyên ≥ 0 / a whole number ≥ 0' }, { field });
  }
  return value;
};

function village(state: CampaignState, villageId: number): VillageRound {
  const v = state.villages.find((x) => x.villageId === villageId);
  if (!v) throw new AppError('VILLAGE_NOT_FOUND', { id: villageId }, { field: 'villageId' });
  return v;
}

/** Applies one action; the input state is not modified. */
export function applyAction(current: CampaignState, action: Action, ctx: CampaignContext): CampaignState {
  const allowed = ALLOWED[current.step];
  if (!allowed.includes(action.type)) {
    throw new AppError(
      'CAMPAIGN_STEP_OUT_OF_ORDER',
      { from: current.step, to: action.type, allowed: allowed.join(', ') || '—' },
      { field: 'action', data: { step: current.step, allowedActions: allowed } },
    );
  }
  const state: CampaignState = structuredClone(current);
  switch (action.type) {
    case 'open-meetings': {
      if (!Array.isArray(action.villages) || action.villages.length === 0) {
        throw new AppError('FIELD_REQUIRED', { field: 'villages' }, { field: 'villages' });
      }
      state.villages = action.villages.map((v) => ({
        villageId: v.villageId,
        name: v.name,
        status: 'pending',
        meetings: [],
        resurveys: [],
      }));
      state.step = 'meetings';
      return state;
    }
    case 'record-meeting': {
      const v = village(state, action.villageId);
      if (v.status !== 'pending') {
        // An agreed village needs no new meeting; a village sent back needs its re-survey first.
        throw new AppError(
          'CAMPAIGN_MEETING_NOT_EXPECTED',
          { village: v.name, status: v.status },
          { field: 'villageId' },
        );
      }
      const present = count(action.present, 'present');
      const agreeing = count(action.agreeing, 'agreeing');
      if (present === 0)
        throw new AppError('FIELD_INVALID', { field: 'present', detail: '0' }, { field: 'present' });
      if (agreeing > present)
        throw new AppError('MEETING_VOTES_INVALID', { agreeing, present }, { field: 'agreeing' });
      if (count(action.minutesCopies, 'minutesCopies') < 2) {
        throw new AppError(
          'MEETING_MINUTES_COPIES',
          { copies: action.minutesCopies },
          { field: 'minutesCopies' },
        );
      }
      const outcome = agreeing * 2 >= present ? 'agreed' : 'resurvey';
      v.meetings.push({
        date: date(action.date, 'date'),
        chair: text(action.chair, 'chair'),
        secretary: action.secretary?.trim() || null,
        supervisor: text(action.supervisor, 'supervisor'),
        present,
        agreeing,
        minutesCopies: action.minutesCopies,
        agreedHouseholds: outcome === 'agreed' ? [...(action.agreedHouseholds ?? [])] : [],
        outcome,
      });
      v.status = outcome;
      return state;
    }
    case 'record-resurvey': {
      const v = village(state, action.villageId);
      if (v.status !== 'resurvey')
        throw new AppError(
          'CAMPAIGN_MEETING_NOT_EXPECTED',
          { village: v.name, status: v.status },
          { field: 'villageId' },
        );
      v.resurveys.push({ date: date(action.date, 'date'), households: [...(action.households ?? [])] });
      v.status = 'pending';
      return state;
    }
    case 'start-posting': {
      const waiting = state.villages.filter((v) => v.status !== 'agreed').map((v) => v.name);
      if (waiting.length > 0)
        throw new AppError(
          'CAMPAIGN_VILLAGES_NOT_AGREED',
          { villages: waiting.join(', ') },
          { field: 'villages', data: { villages: waiting } },
        );
      const startDate = date(action.startDate, 'startDate');
      const lastMeeting = state.villages
        .flatMap((v) => v.meetings.map((m) => m.date))
        .sort()
        .at(-1);
      if (lastMeeting && startDate < lastMeeting) {
        throw new AppError(
          'DATE_BEFORE',
          { field: 'startDate', date: startDate, before: lastMeeting },
          { field: 'startDate' },
        );
      }
      state.posting = {
        startDate,
        workingDays: ctx.postingWorkingDays,
        deadline: ctx.calendar.windowEnd(startDate, ctx.postingWorkingDays),
      };
      state.step = 'posting';
      return state;
    }
    case 'file-complaint': {
      const receivedOn = date(action.receivedOn, 'receivedOn');
      const posting = state.posting!;
      if (receivedOn < posting.startDate || receivedOn > posting.deadline) {
        throw new AppError(
          'CAMPAIGN_COMPLAINT_OUTSIDE_WINDOW',
          { date: receivedOn, start: posting.startDate, end: posting.deadline },
          { field: 'receivedOn' },
        );
      }
      state.complaints.push({
        id: state.complaints.length + 1,
        householdKey: text(action.householdKey, 'householdKey'),
        complainant: text(action.complainant, 'complainant'),
        receivedOn,
        text: text(action.text, 'text'),
        status: 'open',
        reason: null,
        resolvedOn: null,
        newClassification: null,
      });
      return state;
    }
    case 'close-posting': {
      const on = date(action.on, 'on');
      const posting = state.posting!;
      if (on <= posting.deadline) {
        throw new AppError(
          'CAMPAIGN_POSTING_WINDOW_OPEN',
          { deadline: posting.deadline, date: on },
          { field: 'on' },
        );
      }
      state.step = 'complaints';
      return state;
    }
    case 'resolve-complaint': {
      const c = state.complaints.find((x) => x.id === action.complaintId);
      if (!c)
        throw new AppError(
          'NOT_FOUND',
          { what: `complaint ${action.complaintId}` },
          { field: 'complaintId' },
        );
      if (c.status !== 'open')
        throw new AppError('CAMPAIGN_COMPLAINT_RESOLVED', { id: c.id }, { field: 'complaintId' });
      if (action.outcome !== 'accepted' && action.outcome !== 'rejected') {
        throw new AppError(
          'ENUM_INVALID',
          { field: 'outcome', value: String(action.outcome), allowed: 'accepted, rejected' },
          { field: 'outcome' },
        );
      }
      c.status = action.outcome;
      c.reason = text(action.reason, 'reason');
      c.resolvedOn = date(action.resolvedOn, 'resolvedOn');
      c.newClassification = action.newClassification ?? null;
      return state;
    }
    case 'recognise': {
      const open = state.complaints.filter((c) => c.status === 'open').map((c) => c.id);
      if (open.length > 0)
        throw new AppError(
          'CAMPAIGN_COMPLAINTS_OPEN',
          { ids: open.join(', ') },
          { field: 'complaints', data: { open } },
        );
      const decisionDate = date(action.decisionDate, 'decisionDate');
      if (state.posting && decisionDate <= state.posting.deadline) {
        throw new AppError(
          'CAMPAIGN_POSTING_WINDOW_OPEN',
          { deadline: state.posting.deadline, date: decisionDate },
          { field: 'decisionDate' },
        );
      }
      state.recognition = {
        decisionNumber: text(action.decisionNumber, 'decisionNumber'),
        decisionDate,
        signer: text(action.signer, 'signer'),
        form: 'Mẫu số 02',
      };
      state.step = 'recognised';
      return state;
    }
    case 'report': {
      const reportedOn = date(action.reportedOn, 'reportedOn');
      const rules = ctx.rules ?? DEFAULT_REPORTING_RULES;
      const deadline =
        state.kind === 'periodic'
          ? periodicReportDeadline(state.period, rules)
          : regularReportDeadline(state.recognition!.decisionDate, rules);
      state.report = { reportedOn, to: text(action.to, 'to'), deadline, late: reportedOn > deadline };
      state.step = 'reported';
      return state;
    }
  }
}
