// The dashboard (GET /api/v1/dashboard; src/services/dashboard.service.ts gives the same shape).
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Balance } from './reports';

export interface SummaryRow {
  unit: { code: string; name: string };
  period: number;
  households: number;
  poor: number;
  nearPoor: number;
  residentHouseholds: number | null;
  poorRate: number | null;
  nearPoorRate: number | null;
  multidimensionalRate: number | null;
}

export interface TrendPoint {
  period: number;
  households: number;
  poor: number;
  nearPoor: number;
  residentHouseholds: number | null;
  poorRate: number | null;
  nearPoorRate: number | null;
  multidimensionalRate: number | null;
}

export interface ReviewRow {
  unit: { code: string; name: string };
  step: string;
  stepLabel: { vi: string; en: string };
  expected: number;
  surveyed: number;
  meetingsHeld: number;
  complaintsOpen: number;
}

export interface DashboardData {
  unit: { code: string; name: string; level: string; provinceCode: string };
  on: string;
  today: string;
  registry: {
    period: number;
    summary: SummaryRow & { children: SummaryRow[] };
    balance: Balance;
    trend: TrendPoint[];
  } | null;
  review: { period: number; deadline: string; daysToDeadline: number; communes: ReviewRow[] } | null;
  targets: {
    year: number;
    items: {
      kind: string;
      kindLabel: string;
      value: number;
      achieved: number | null;
      forecast: number | null;
      status: string;
    }[];
    baselineRate: number | null;
    recognisedRate: number | null;
    forecastRate: number | null;
  } | null;
  money: {
    year: number;
    allocated: number;
    disbursed: number;
    rate: number;
    atRisk: number;
    atRiskAmount: number;
  } | null;
  tasks: { overdue: number; dueSoon: number; open: number } | null;
}

/** The dashboard of a unit on a date (the units of that date group the figures). */
export function useDashboard(unit: string | null, on: string) {
  return useQuery({
    queryKey: ['dashboard', unit, on],
    queryFn: ({ signal }) => api.get<DashboardData>('/dashboard', { unit: unit!, on }, signal),
    enabled: Boolean(unit && /^\d{2,5}$/.test(unit)),
  });
}
