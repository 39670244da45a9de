// Official reports (API /reports/*, /registry/resident-households).
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Annex7, Balance } from '../../../http/schemas/reports';

// The answer is the server's response schema (src/http/schemas/reports.ts), type-only.
export type { Annex7, Balance };
export type BalanceRow = Balance['rows'][number];
export type BalanceTerms = BalanceRow['poor'];

export function useBalance(unit: string, period: number) {
  return useQuery({
    queryKey: ['reports', 'balance', unit, period],
    queryFn: ({ signal }) => api.get<Balance>('/reports/balance', { unit, period }, signal),
    enabled: /^\d{2,5}$/.test(unit) && period >= 2000,
  });
}

export type Annex7Figures = Annex7['total'];
/** Poor and near-poor households of a group or deprived of an indicator. */
export type PoorNear = Annex7Figures['groups'][string];
export type Annex7Area = Annex7['areas'][number]['area'];

export function useAnnex7(unit: string, period: number) {
  return useQuery({
    queryKey: ['reports', 'annex7', unit, period],
    queryFn: ({ signal }) => api.get<Annex7>('/reports/annex7', { unit, period }, signal),
    enabled: /^\d{2,5}$/.test(unit) && period >= 2000,
  });
}
