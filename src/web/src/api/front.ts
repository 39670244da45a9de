// The Fatherland Front's module (API /front/*): funds and their ledger, Great Solidarity houses,
// supervision and its answers.
import { useQuery } from '@tanstack/react-query';
import { API_BASE, ApiError, api, type ApiErrorBody } from './client';
import type { SessionAnswer } from './types';

// The answers are typed by the server's response schemas (src/http/schemas/front.ts), type-only:
// a field the server stops sending fails this app's typecheck where it is read.
import type {
  FundDetail,
  FundView as Fund,
  HouseView as House,
  PlanView as Plan,
  RecommendationView as Recommendation,
} from '../../../http/schemas/front';

export type { Fund, FundDetail, House, Plan, Recommendation };

export function useFunds() {
  return useQuery({
    queryKey: ['front', 'funds'],
    queryFn: ({ signal }) => api.get<{ items: Fund[] }>('/front/funds', undefined, signal),
  });
}

export function useFund(id: number | null) {
  return useQuery({
    queryKey: ['front', 'fund', id],
    queryFn: ({ signal }) => api.get<FundDetail>(`/front/funds/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useHouses() {
  return useQuery({
    queryKey: ['front', 'houses'],
    queryFn: ({ signal }) => api.get<{ items: House[] }>('/front/houses', undefined, signal),
  });
}

export function usePlans() {
  return useQuery({
    queryKey: ['front', 'plans'],
    queryFn: ({ signal }) => api.get<{ items: Plan[] }>('/front/plans', undefined, signal),
  });
}

export function useRecommendations() {
  return useQuery({
    queryKey: ['front', 'recommendations'],
    queryFn: ({ signal }) =>
      api.get<{ items: Recommendation[] }>('/front/recommendations', undefined, signal),
  });
}

export function useOverdue() {
  return useQuery({
    queryKey: ['front', 'overdue'],
    queryFn: ({ signal }) =>
      api.get<{ items: Recommendation[] }>('/front/recommendations/overdue', undefined, signal),
  });
}

/**
 * A multipart post of the Front's (a house photo in `file`, an answer's text fields with its
 * attachments in `files`): the CSRF token is read fresh, a coded error becomes an ApiError.
 */
export async function postFrontForm<T>(
  path: string,
  fields: Record<string, string>,
  files: { field: string; file: File }[],
): Promise<T> {
  const { csrfToken } = await api.get<SessionAnswer>('/auth/me');
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.field, f.file);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrfToken, accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK' });
  }
  const body = (await res.json().catch(() => undefined)) as (T & { error?: ApiErrorBody }) | undefined;
  if (!res.ok || body === undefined) throw new ApiError(res.status, body?.error ?? { code: 'BAD_RESPONSE' });
  return body;
}
