// The review year's paperwork (API /reports/review-papers, /reports/applications, /reports/round):
// types derived from the payload schemas (src/http/schemas/papers.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicationBody,
  ApplicationViewPayload,
  BoardPayload,
  DecisionBody,
  PaperUnitsPayload,
  RegisterPayload,
  SubmitBody,
} from '../../../http/schemas/papers';
import { api } from './client';

export type Register = RegisterPayload;
export type Application = ApplicationViewPayload;
export type Board = BoardPayload;
export type PaperUnits = PaperUnitsPayload;

/** The units the paperwork screen offers for a review period (within the user's scope). */
export function usePaperUnits(period: number, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'paper-units', period],
    queryFn: ({ signal }) => api.get<PaperUnits>('/reports/paper-units', { period }, signal),
    enabled: enabled && period >= 2021,
  });
}

export function useRegister(unit: string, from: string, to: string) {
  return useQuery({
    queryKey: ['reports', 'applications', unit, from, to],
    queryFn: ({ signal }) => api.get<Register>('/reports/applications', { unit, from, to }, signal),
    enabled: /^\d{2,5}$/.test(unit),
  });
}

export function useReceiveApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationBody) => api.post<Application>('/reports/applications', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reports', 'applications'] }),
  });
}

export function useDecideApplication(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionBody) => api.post<Application>(`/reports/applications/${id}/decision`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reports', 'applications'] }),
  });
}

export function useBoard(unit: string, period: number) {
  return useQuery({
    queryKey: ['reports', 'board', unit, period],
    queryFn: ({ signal }) => api.get<Board>('/reports/round/board', { unit, period }, signal),
    enabled: /^\d{2,5}$/.test(unit) && period >= 2021,
  });
}

export function useSubmitReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitBody) => api.post<unknown>('/reports/round/submissions', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reports', 'board'] }),
  });
}
