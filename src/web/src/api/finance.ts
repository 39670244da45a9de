// Program finance and follow-up: shapes of /api/v1/finance/*, /programs, /meetings, /tasks and
// their query hooks. Money is integer đồng.
import { useQuery } from '@tanstack/react-query';
import { API_BASE, ApiError, api, type ApiErrorBody } from './client';
import type { SessionAnswer } from './types';

// The answers are typed by the server's response schemas (src/http/schemas/finance.ts), type-only:
// a field the server stops sending fails this app's typecheck where it is read.
import type {
  AllocationDetail,
  AllocationView as Allocation,
  FinanceImportReport as ImportResult,
  FinanceReport,
  HouseholdMatch,
  ImportRowError,
  ProgramMonitoringPayload,
  ProgramView as Program,
  TargetProgress as Progress,
  TargetsReport,
  TaskBoard,
  TaskDetail,
  TaskView as Task,
  UnitStanding as Standing,
} from '../../../http/schemas/finance';

export type {
  Allocation,
  AllocationDetail,
  FinanceReport,
  HouseholdMatch,
  ImportResult,
  ImportRowError,
  Program,
  ProgramMonitoringPayload as ProgramMonitoring,
  Progress,
  Standing,
  Task,
  TargetsReport,
  TaskBoard,
  TaskDetail,
};
export type RiskState = Allocation['risk']['state'];
export type FinanceRow = FinanceReport['rows'][number];
export type Counts = NonNullable<Standing['baseline']>;

type Filter = { unit: string; year: number; asOf?: string | undefined };
const q = (f: Filter) => ({ unit: f.unit, year: f.year, asOf: f.asOf });

export const useFinanceReport = (f: Filter) =>
  useQuery({
    queryKey: ['finance', 'report', f],
    queryFn: () => api.get<FinanceReport>('/finance/report', q(f)),
    enabled: Boolean(f.unit),
  });
export const useAtRisk = (f: Filter) =>
  useQuery({
    queryKey: ['finance', 'at-risk', f],
    queryFn: () => api.get<{ items: Allocation[] }>('/finance/at-risk', q(f)).then((r) => r.items),
    enabled: Boolean(f.unit),
  });
export const useAllocations = (f: Filter) =>
  useQuery({
    queryKey: ['finance', 'allocations', f],
    queryFn: () => api.get<{ items: Allocation[] }>('/finance/allocations', q(f)).then((r) => r.items),
    enabled: Boolean(f.unit),
  });
export const useAllocation = (id: string) =>
  useQuery({
    queryKey: ['finance', 'allocation', id],
    queryFn: () => api.get<AllocationDetail>(`/finance/allocations/${id}`),
  });
export const useMonitoring = (f: Filter) =>
  useQuery({
    queryKey: ['finance', 'monitoring', f.unit, f.year],
    queryFn: () => api.get<ProgramMonitoringPayload>('/finance/monitoring', { unit: f.unit, year: f.year }),
    enabled: Boolean(f.unit),
  });

export const useTargets = (f: Filter) =>
  useQuery({
    queryKey: ['finance', 'targets', f],
    queryFn: () => api.get<TargetsReport>('/finance/targets', { unit: f.unit, year: f.year }),
    enabled: Boolean(f.unit),
  });
export const usePrograms = () =>
  useQuery({
    queryKey: ['programs'],
    queryFn: () => api.get<{ items: Program[] }>('/programs').then((r) => r.items),
  });
export const useTaskBoard = (unit: string, asOf?: string) =>
  useQuery({
    queryKey: ['tasks', 'board', unit, asOf],
    queryFn: () => api.get<TaskBoard>('/tasks/board', { unit, asOf }),
    enabled: Boolean(unit),
  });
export const useHouseholdMatch = (key: string, period: number | undefined) =>
  useQuery({
    queryKey: ['finance', 'match', key, period],
    queryFn: () =>
      api.get<HouseholdMatch>(`/finance/households/${encodeURIComponent(key)}/suggestions`, { period }),
    enabled: Boolean(key),
  });

/**
 * Uploads a finance officer's Excel table (multipart). A file with bad rows answers 400
 * IMPORT_ROWS_INVALID whose body lists every row error: returned here as a result, not thrown.
 */
export async function uploadFinanceTable(
  kind: 'allocations' | 'disbursements',
  file: File,
): Promise<ImportResult> {
  const { csrfToken } = await api.get<SessionAnswer>('/auth/me');
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/finance/import/${kind}`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrfToken, accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK' });
  }
  const body = (await res.json().catch(() => undefined)) as
    (ImportResult & { error?: ApiErrorBody & Partial<ImportResult> }) | undefined;
  if (res.ok && body) return body;
  const err = body?.error;
  if (err?.code === 'IMPORT_ROWS_INVALID' && Array.isArray(err.errors))
    return { kind, read: Number(err.read ?? 0), imported: 0, errors: err.errors };
  throw new ApiError(res.status, err ?? { code: 'BAD_RESPONSE' });
}

export const useTask = (id: string) =>
  useQuery({ queryKey: ['tasks', 'one', id], queryFn: () => api.get<TaskDetail>(`/tasks/${id}`) });

/** Posts a status update with a note and optional attachments (multipart). */
export async function postTaskUpdate(
  id: number,
  fields: { status: string; note: string },
  files: File[],
): Promise<void> {
  const { csrfToken } = await api.get<SessionAnswer>('/auth/me');
  const form = new FormData();
  form.append('status', fields.status);
  form.append('note', fields.note);
  for (const f of files) form.append('file', f);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/tasks/${id}/updates`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrfToken, accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK' });
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: ApiErrorBody } | undefined;
    throw new ApiError(res.status, body?.error ?? { code: 'BAD_RESPONSE' });
  }
}
