// Household registry, review campaigns, survey import and summary (API /registry/*).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

// The payloads are the server's schemas (src/http/schemas/registry), types only: a field the
// server stops sending fails this app's typecheck where it is read.
import type {
  CampaignListItem,
  CampaignView,
  HouseholdPage,
  ImportJob,
  RenderedIndicator as Explanation,
  SaveOutcome,
} from '../../../http/schemas/registry';
export type { HouseholdItem, HouseholdList } from '../../../http/schemas/registry';
export type { CampaignListItem, FieldChange, HistoryEntry } from '../../../http/schemas/registry';
export type { CampaignView, Explanation, HouseholdPage, ImportJob, SaveOutcome };

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
