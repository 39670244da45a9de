// Official reports (API /reports/*, /registry/resident-households).
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Balance } from '../../../http/schemas/reports';

// The answer is the server's response schema (src/http/schemas/reports.ts), type-only.
export type { Balance };
export type BalanceRow = Balance['rows'][number];
export type BalanceTerms = BalanceRow['poor'];

export function useBalance(unit: string, period: number) {
  return useQuery({
    queryKey: ['reports', 'balance', unit, period],
    queryFn: ({ signal }) => api.get<Balance>('/reports/balance', { unit, period }, signal),
    enabled: /^\d{2,5}$/.test(unit) && period >= 2000,
  });
}

/** Poor and near-poor households of a group or deprived of an indicator. */
export interface PoorNear {
  poor: number;
  nearPoor: number;
}

export interface Annex7Figures {
  residentHouseholds: number | null;
  poor: number;
  nearPoor: number;
  groups: Record<string, PoorNear>;
  deprivations: Record<string, PoorNear>;
}

export type Annex7Area = 'urban' | 'rural' | 'special';

export interface Annex7 {
  unit: { code: string; name: string };
  period: number;
  rows: (Annex7Figures & { unit: { code: string; name: string }; area: Annex7Area | null })[];
  areas: (Annex7Figures & { area: Annex7Area })[];
  total: Annex7Figures;
}

export function useAnnex7(unit: string, period: number) {
  return useQuery({
    queryKey: ['reports', 'annex7', unit, period],
    queryFn: ({ signal }) => api.get<Annex7>('/reports/annex7', { unit, period }, signal),
    enabled: /^\d{2,5}$/.test(unit) && period >= 2000,
  });
}
