// The unit / year / "as of" selectors of the finance screens, kept in the address so every view
// can be linked and bookmarked.
import { Group, NumberInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { UnitSearch, scopeWithin } from '../../components/UnitSearch';
import { useMessages } from '../../i18n';
import { labels } from './labels';

export interface FinanceFilter {
  unit: string;
  year: number;
  asOf: string | undefined;
}

export function useFinanceFilter(): [FinanceFilter, (next: Partial<FinanceFilter>) => void] {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? user.unitCode ?? '';
  // Without a year in the address, open on the newest year that holds allocations or targets
  // for the unit (a 2024 program is still followed after the unit itself was merged away).
  const years = useQuery({
    queryKey: ['finance', 'years', unit],
    queryFn: () => api.get<{ years: number[] }>('/finance/years', { unit }).then((r) => r.years),
    enabled: Boolean(unit) && !params.get('year'),
    staleTime: 60_000,
  });
  const waiting = !params.get('year') && years.isLoading;
  const filter: FinanceFilter = {
    // Queries are enabled by a unit: hold them until the year is known, so no wrong year flashes.
    unit: waiting ? '' : unit,
    year: Number(params.get('year') ?? years.data?.[0] ?? new Date().getFullYear()),
    asOf: params.get('asOf') ?? undefined,
  };
  const set = (next: Partial<FinanceFilter>) => {
    const merged = { ...filter, ...next };
    const p = new URLSearchParams();
    if (merged.unit) p.set('unit', merged.unit);
    p.set('year', String(merged.year));
    if (merged.asOf) p.set('asOf', merged.asOf);
    setParams(p, { replace: true });
  };
  return [filter, set];
}

export function Filters({
  filter,
  onChange,
  withAsOf = true,
}: {
  filter: FinanceFilter;
  onChange: (f: Partial<FinanceFilter>) => void;
  withAsOf?: boolean;
}) {
  const t = useMessages(labels);
  const user = useUser();
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <UnitSearch
        label={t.unit}
        value={filter.unit}
        within={scopeWithin(user.unitCode)}
        onChange={(unit) => unit && onChange({ unit })}
        data-testid="unit-filter"
      />
      <NumberInput
        label={t.year}
        value={filter.year}
        w={100}
        min={2021}
        max={2035}
        onChange={(v) => typeof v === 'number' && onChange({ year: v })}
      />
      {withAsOf ? (
        <DateField
          label={t.asOf}
          value={filter.asOf ?? null}
          w={200}
          clearable
          onChange={(v) => onChange({ asOf: v ?? undefined })}
        />
      ) : null}
    </Group>
  );
}
