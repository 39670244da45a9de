// Villages (thôn, tổ dân phố, bản, ấp, khóm) of a commune, as the commune stands on a date.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { VillageKind } from '../../../domain/units/village-kinds';
import type { Village } from '../../../http/schemas/villages';

export { VILLAGE_KINDS, type VillageKind } from '../../../domain/units/village-kinds';
export type { Village } from '../../../http/schemas/villages';

const key = (code: string, on: string) => ['villages', code, on] as const;

export function useVillages(code: string, on: string) {
  return useQuery({
    queryKey: key(code, on),
    queryFn: ({ signal }) =>
      api
        .get<{ items: Village[] }>(`/units/${encodeURIComponent(code)}/villages`, { on }, signal)
        .then((r) => r.items),
  });
}

export function useAddVillage(code: string, on: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; kind: VillageKind }) =>
      api.post<Village>(`/units/${encodeURIComponent(code)}/villages`, { ...input, on }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['villages', code] }),
  });
}
