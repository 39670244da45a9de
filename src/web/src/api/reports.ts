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
