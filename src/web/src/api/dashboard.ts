// The dashboard (GET /api/v1/dashboard; src/services/dashboard.service.ts gives the same shape).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './client';

// Typed by the server's response schema (src/http/schemas/dashboard.ts), type-only: a field the
// server stops sending fails this app's typecheck where it is read.
import type { DashboardData } from '../../../http/schemas/dashboard';

export type { DashboardData };
type Registry = NonNullable<DashboardData['registry']>;
export type SummaryRow = Registry['summary']['children'][number];
export type TrendPoint = Registry['trend'][number];
export type ReviewRow = NonNullable<DashboardData['review']>['communes'][number];

/** The query of a unit's dashboard on a date (the units of that date group the figures). */
export const dashboardQuery = (unit: string | null, on: string) =>
  queryOptions({
    queryKey: ['dashboard', unit, on],
    queryFn: ({ signal }) => api.get<DashboardData>('/dashboard', { unit: unit!, on }, signal),
    enabled: Boolean(unit && /^\d{2,5}$/.test(unit)),
  });

/** The dashboard of a unit on a date. */
export function useDashboard(unit: string | null, on: string) {
  return useQuery(dashboardQuery(unit, on));
}
