// Administrative units, periodised: every look-up names a date.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError } from './client';
import type { Unit, UnitDetail, UnitLevel, UnitNotFoundData } from './types';

export const unitKeys = {
  one: (code: string, on: string) => ['units', 'one', code, on] as const,
  list: (on: string, parent: string | null, level?: UnitLevel) =>
    ['units', 'list', on, parent, level ?? null] as const,
};

export function fetchUnit(code: string, on: string, signal?: AbortSignal): Promise<UnitDetail> {
  return api.get<UnitDetail>(`/units/${encodeURIComponent(code)}`, { on }, signal);
}

export function fetchUnits(
  on: string,
  parent: string | null,
  level?: UnitLevel,
  signal?: AbortSignal,
): Promise<Unit[]> {
  return api.get<{ items: Unit[] }>('/units', { on, parent, level }, signal).then((r) => r.items);
}

/** Reference data changes rarely: keep it for the session. */
const STABLE = { staleTime: 60 * 60 * 1000, gcTime: 60 * 60 * 1000 } as const;

export function useUnit(code: string | null, on: string) {
  return useQuery({
    queryKey: unitKeys.one(code ?? '', on),
    queryFn: ({ signal }) => fetchUnit(code!, on, signal),
    enabled: Boolean(code),
    retry: (count, e) => !(isApiError(e) && e.status < 500) && count < 2,
    ...STABLE,
  });
}

/** The query of the units under `parent` (of `level`) on `on`. */
export const unitsQuery = (on: string, parent: string | null, level?: UnitLevel) =>
  queryOptions({
    queryKey: unitKeys.list(on, parent, level),
    queryFn: ({ signal }) => fetchUnits(on, parent, level, signal),
    ...STABLE,
  });

export function useUnits(on: string, parent: string | null, level?: UnitLevel, enabled = true) {
  return useQuery({ ...unitsQuery(on, parent, level), enabled });
}

export function unitNotFoundData(e: unknown): UnitNotFoundData | null {
  if (!isApiError(e) || e.code !== 'UNIT_NOT_FOUND') return null;
  const d = e.details as Partial<UnitNotFoundData>;
  return { successors: d.successors ?? [], versions: d.versions ?? [] };
}
