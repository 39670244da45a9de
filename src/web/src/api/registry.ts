// Household registry, review campaigns, survey import and summary (API /registry/*).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Bilingual } from '../i18n';
import { api, ApiError, API_BASE } from './client';
import type { SessionAnswer } from './types';
import { useLang } from '../i18n';
import type { HouseholdList } from '../../../http/schemas/registry';

export const CLASSES = ['POOR', 'NEAR_POOR', 'AVERAGE', 'NONE'] as const;
export const MOVEMENTS = [
  'thoat-ngheo',
  'thoat-can-ngheo',
  'ngheo-phat-sinh',
  'tai-ngheo',
  'can-ngheo-phat-sinh',
  'tai-can-ngheo',
  'khong-doi',
  'chua-co-ky-truoc',
] as const;

// The list payloads are the server's schemas (src/http/schemas/registry), types only.
export type { HouseholdItem, HouseholdList } from '../../../http/schemas/registry';

/** An indicator's facts and its sentence, rendered by the server in the reader's language. */
export interface Explanation {
  indicator: string;
  deprived: boolean;
  member: number | null;
  memberName: string | null;
  text: string;
}

export interface HouseholdPage {
  householdId: string;
  communeCode: string;
  villageId: number | null;
  village: { id: number; name: string } | null;
  headName: string;
  headBirthDate: string | null;
  address: string | null;
  version: number;
  members: Record<string, unknown>[];
  results: {
    period: number;
    surveyDate: string;
    unitCode: string;
    standard: string;
    area: string;
    incomeLine: number;
    classification: string;
    deprivations: string[];
    movement: string;
    noLabourCapacity: boolean;
    status: string;
    frozen: boolean;
    explanation: { income: string; indicators: Explanation[] };
    answers: Record<string, unknown>;
  }[];
  history: HistoryEntry[];
}

export interface FieldChange {
  label: Bilingual;
  before: Bilingual | null;
  after: Bilingual | null;
}

/** One write in a household's history, in words (src/domain/registry/history.ts). */
export interface HistoryEntry {
  at: string;
  action: string;
  actionWord: Bilingual;
  actor: Bilingual;
  changes: FieldChange[];
  answers: { comparedWith: number; changes: FieldChange[] } | null;
}

export interface HouseholdFilter {
  unit: string;
  period?: number;
  village?: number;
  class?: string;
  movement?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function useHouseholds(f: HouseholdFilter) {
  return useQuery({
    queryKey: ['registry', 'households', f],
    queryFn: ({ signal }) => api.get<HouseholdList>('/registry/households', { ...f }, signal),
    placeholderData: (prev) => prev,
  });
}

export function useHousehold(id: string) {
  // The explanations come rendered in the language of the `lang` cookie: a switch refetches.
  const { lang } = useLang();
  return useQuery({
    queryKey: ['registry', 'household', id, lang],
    queryFn: ({ signal }) =>
      api.get<HouseholdPage>(`/registry/households/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export interface SaveInput {
  survey: Record<string, unknown>;
  expectedVersion?: number;
  period?: number;
  status?: 'draft' | 'approved';
  villageId?: number | null;
  address?: string | null;
  confirmDuplicates?: boolean;
}

export type SaveOutcome =
  | {
      saved: true;
      householdId: string;
      version: number;
      created: boolean;
      classification: string;
      movement: string;
      deprivations: string[];
    }
  | { saved: false; regularReview: { communeCode: string; period: number; caseKey: string } };

export function useSaveHousehold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveInput) =>
      input.expectedVersion !== undefined
        ? api.put<SaveOutcome>(
            `/registry/households/${encodeURIComponent(String(input.survey.householdId))}`,
            input,
          )
        : api.post<SaveOutcome>('/registry/households', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export interface CampaignView {
  id: number | null;
  communeCode: string;
  period: number;
  kind: 'periodic' | 'regular';
  caseKey: string | null;
  version: number;
  step: string;
  stepLabel: { vi: string; en: string };
  nextStep: string | null;
  allowedActions: string[];
  /** A regular-review case: the survey that replaces the result on recognition. */
  pending: Record<string, unknown> | null;
  state: {
    villages: {
      villageId: number;
      name: string;
      status: string;
      meetings: { date: string; present: number; agreeing: number; outcome: string }[];
    }[];
    posting: { startDate: string; workingDays: number; deadline: string } | null;
    complaints: {
      id: number;
      householdKey: string;
      complainant: string;
      receivedOn: string;
      text: string;
      status: string;
      reason: string | null;
      newClassification: string | null;
    }[];
    recognition: { decisionNumber: string; decisionDate: string; signer: string } | null;
    report: { reportedOn: string; to: string; deadline: string; late: boolean } | null;
  };
  timeline: {
    at: string;
    /** The event's own date (meeting day, posting start, decision date…), null when it has none. */
    on: string | null;
    actor: string;
    action: string;
    from: string;
    to: string;
    payload: Record<string, unknown>;
  }[];
  progress: {
    households: number;
    surveyed: number;
    firstSurvey: string | null;
    lastSurvey: string | null;
    villages: number;
    villagesAgreed: number;
    meetingsHeld: number;
    complaints: number;
    complaintsOpen: number;
  };
}

export interface CampaignListItem {
  id: number;
  period: number;
  kind: 'periodic' | 'regular';
  caseKey: string | null;
  step: string;
  stepLabel: { vi: string; en: string };
  headName: string | null;
  village: { id: number; name: string } | null;
  updatedAt: string;
}

export function useCampaignList(commune: string) {
  return useQuery({
    queryKey: ['registry', 'campaigns', commune],
    queryFn: ({ signal }) =>
      api.get<{ items: CampaignListItem[] }>(`/registry/campaigns/${commune}`, undefined, signal),
    enabled: /^\d{5}$/.test(commune),
  });
}

export function useCampaign(commune: string, period: number, caseKey?: string) {
  return useQuery({
    queryKey: ['registry', 'campaign', commune, period, caseKey ?? ''],
    queryFn: ({ signal }) =>
      api.get<CampaignView>(
        `/registry/campaigns/${commune}/${period}`,
        caseKey ? { case: caseKey } : undefined,
        signal,
      ),
    enabled: /^\d{5}$/.test(commune),
  });
}

export function useTransition(commune: string, period: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      action: Record<string, unknown>;
      expectedVersion?: number;
      surveys?: unknown[];
      caseKey?: string;
    }) => api.post<CampaignView>(`/registry/campaigns/${commune}/${period}/transitions`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  fileName: string;
  read: number;
  report: {
    read: number;
    imported: number;
    rejected: number;
    errors: { line: number; householdId: string | null; code: string; field: string; message: string }[];
  } | null;
  error: { code: string; message: string } | null;
}

/**
 * Uploads a survey file with upload progress (XMLHttpRequest: fetch has no upload progress),
 * then the page polls the job for the import progress.
 */
export async function uploadSurvey(
  files: { file: File; members?: File | null },
  fields: { mode: string; status: string; period?: string },
  onProgress: (fraction: number) => void,
): Promise<ImportJob> {
  const { csrfToken } = await api.get<SessionAnswer>('/auth/me');
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
  form.append('file', files.file);
  if (files.members) form.append('members', files.members);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/registry/imports`);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new ApiError(xhr.status, { code: 'BAD_RESPONSE' }));
        return;
      }
      if (xhr.status >= 400) reject(new ApiError(xhr.status, (body as { error: { code: string } }).error));
      else resolve(body as ImportJob);
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK' }));
    xhr.send(form);
  });
}

export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: ['registry', 'import', id],
    queryFn: ({ signal }) => api.get<ImportJob>(`/registry/imports/${id}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 1000 : false),
  });
}
