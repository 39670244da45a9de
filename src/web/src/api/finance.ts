// Program finance and follow-up: shapes of /api/v1/finance/*, /programs, /meetings, /tasks and
// their query hooks. Money is integer đồng.
import { useQuery } from '@tanstack/react-query';
import { API_BASE, ApiError, api, type ApiErrorBody } from './client';
import type { SessionAnswer } from './types';

export type RiskState = 'completed' | 'starting' | 'on-track' | 'at-risk' | 'lapsed';

export interface Allocation {
  id: number;
  year: number;
  unitCode: string;
  programCode: string;
  componentCode: string;
  projectCode: string;
  componentName: string;
  componentNameEn: string;
  capitalType: 'development' | 'recurrent';
  source: 'central' | 'province' | 'commune' | 'other';
  amount: number;
  adjusted: number;
  planned: number;
  disbursed: number;
  available: number;
  rate: number;
  disbursementCount: number;
  lastDisbursedOn: string | null;
  decisionNo: string;
  decisionDate: string;
  deadline: string;
  note: string | null;
  amountInWords: string;
  risk: {
    state: RiskState;
    atRisk: boolean;
    daysLeft: number;
    daysOverdue: number;
    amountLeft: number;
    pacePerDay: number;
    requiredPerDay: number;
    projectedAtDeadline: number;
  };
}

export interface AllocationDetail extends Allocation {
  entries: {
    id: number;
    kind: string;
    delta: number;
    entry_date: string;
    decision_no: string | null;
    reason: string | null;
  }[];
  disbursements: {
    id: number;
    disbursed_on: string;
    amount: number;
    voucher_no: string;
    activity: string;
    beneficiary_households: number;
  }[];
  issues: {
    id: number;
    reason: string;
    detail: string;
    amount: number;
    proposal: string;
    recorded_on: string;
  }[];
}

export interface FinanceRow {
  projectCode: string;
  projectName: string;
  projectNameEn: string;
  source?: string;
  allocated: number;
  adjusted: number;
  planned: number;
  disbursed: number;
  available: number;
  rate: number;
  deadline: string;
  atRisk: boolean;
  riskState: RiskState;
  allocations: number;
}

export interface FinanceReport {
  unit: { code: string; name: string };
  year: number;
  asOf: string;
  rows: FinanceRow[];
  projects: FinanceRow[];
  total: Omit<FinanceRow, 'projectCode' | 'projectName' | 'projectNameEn'>;
}

export interface Counts {
  households: number;
  poor: number;
  nearPoor: number;
}

export interface Progress {
  achieved: number | null;
  share: number | null;
  status: 'met' | 'not-met' | 'no-data' | 'not-measured';
}

export interface TargetsReport {
  unitCode: string;
  year: number;
  targets: {
    id: number;
    kind: string;
    kindLabel: string;
    value: number;
    label: string | null;
    progress: Progress;
    forecast: Progress;
  }[];
  total: Standing;
  children: Standing[];
  rest: Standing | null;
  totalRow: {
    baseline: Counts | null;
    outcome: Counts | null;
    outcomeKind: 'recognised' | 'forecast' | null;
    poorReduced: number | null;
    forecastRows: number;
  };
}

export interface Standing {
  unitCode: string;
  unitName: string;
  baseline: Counts | null;
  recognised: Counts | null;
  review: Counts | null;
  baselineRate: number | null;
  recognisedRate: number | null;
  reviewRate: number | null;
  outcome: Counts | null;
  outcomeKind: 'recognised' | 'forecast' | null;
  poorReduced: number | null;
  poorReductionTarget: number | null;
}

export interface Task {
  id: number;
  meetingId: number | null;
  assignee: string;
  assigneeUnitCode: string | null;
  title: string;
  deadline: string;
  status: 'open' | 'in-progress' | 'done' | 'cancelled';
  completedOn: string | null;
  overdue: boolean;
  dueSoon: boolean;
  daysLeft: number;
}

export interface TaskBoard {
  unitCode: string;
  asOf: string;
  overdue: Task[];
  dueSoon: Task[];
  open: Task[];
  done: Task[];
  byAssignee: { assignee: string; overdue: number; dueSoon: number; open: number; done: number }[];
}

export interface Program {
  code: string;
  name: string;
  nameEn: string;
  legalBasis: string;
  yearFrom: number;
  yearTo: number;
  provisional: boolean;
  components: {
    id: number;
    code: string;
    parentCode: string | null;
    kind: string;
    name: string;
    nameEn: string;
    beneficiaries: string;
    beneficiariesEn: string;
    needsPoorDistrict: boolean;
    needsCoastalCommune: boolean;
    provisional: boolean;
  }[];
}

export interface HouseholdMatch {
  householdKey: string;
  period: number;
  unitCode: string;
  headName: string;
  classification: string;
  movement: string;
  eligible: string[];
  suggestions: {
    code: string;
    projectCode: string | null;
    name: string;
    nameEn: string;
    score: number;
    reasons: { ruleId: string; vi: string; en: string }[];
  }[];
  excluded: { code: string; reasons: { vi: string; en: string }[] }[];
}

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

export interface ImportRowError {
  row: number;
  code: string;
  field: string | null;
  message: string;
  messageEn: string;
}

export interface ImportResult {
  kind: 'allocations' | 'disbursements';
  read: number;
  imported: number;
  errors: ImportRowError[];
}

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

export interface TaskDetail extends Task {
  detail: string | null;
  updates: {
    id: number;
    at: string;
    actor: string;
    status: string;
    note: string;
    attachments: { id: number; fileName: string; size: number }[];
  }[];
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
