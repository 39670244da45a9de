// Official reports (API /reports/*, /registry/resident-households).
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface BalanceTerms {
  start: number;
  exited: number;
  new: number;
  returned: number;
  movedIn: number;
  movedOut: number;
  end: number;
}

export interface BalanceRow {
  unit: { code: string; name: string };
  residentHouseholds: number | null;
  poor: BalanceTerms;
  nearPoor: BalanceTerms;
}

export interface Balance {
  unit: { code: string; name: string };
  period: number;
  rows: BalanceRow[];
  total: { residentHouseholds: number | null; poor: BalanceTerms; nearPoor: BalanceTerms };
}

export function useBalance(unit: string, period: number) {
  return useQuery({
    queryKey: ['reports', 'balance', unit, period],
    queryFn: ({ signal }) => api.get<Balance>('/reports/balance', { unit, period }, signal),
    enabled: /^\d{2,5}$/.test(unit) && period >= 2000,
  });
}
