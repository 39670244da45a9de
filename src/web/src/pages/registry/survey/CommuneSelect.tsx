// The commune or ward of a survey, chosen by name among the units of the officer's scope in force on
// the survey date (searched without accents); the survey record keeps its code. A national scope
// (the administrator) picks the province first, then the commune in it: the whole country's ten
// thousand communes are no list for a person.
import { useState } from 'react';
import { Select, Stack, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Unit } from '../../../api/types';
import { resolveScopeRoots } from '../../../api/scope';
import { fetchUnit, fetchUnits } from '../../../api/units';
import { defineMessages, useMessages } from '../../../i18n';
import { foldVi } from '../../../text';

const m = defineMessages({
  vi: { province: 'Tỉnh / thành phố', choose: 'Chọn tỉnh, thành phố' },
  en: { province: 'Province / city', choose: 'Choose a province or city' },
});

/** The province a commune belongs to (through its district before 2025), on a date. */
async function provinceOf(code: string, on: string): Promise<string | null> {
  let unit = await fetchUnit(code, on).catch(() => null);
  for (let i = 0; unit && unit.level !== 'province' && i < 3; i += 1)
    unit = unit.parentCode ? await fetchUnit(unit.parentCode, on).catch(() => null) : null;
  return unit?.code ?? null;
}

const byFoldedName = ({ options, search }: { options: unknown[]; search: string }) => {
  const q = foldVi(search.trim());
  return (options as { label: string }[]).filter((o) => foldVi(o.label).includes(q)) as never;
};

/** The communes and wards under the scope on a date (a whole province: its own list, one request). */
export async function communesOf(scopeCode: string | null, on: string): Promise<Unit[]> {
  const { roots } = await resolveScopeRoots(scopeCode, on);
  const lists = await Promise.all(
    roots.map((r) =>
      r.level === 'commune'
        ? Promise.resolve([r])
        : r.level === 'district'
          ? fetchUnits(on, r.code, 'commune')
          : api
              .get<{ items: Unit[] }>('/units', { on, level: 'commune', province: r.code })
              .then((x) => x.items),
    ),
  );
  return lists.flat().sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  scopeCode: string | null;
  /** The survey date (YYYY-MM-DD): units as they stood then. */
  on: string;
  value: string | null;
  onChange: (code: string | null) => void;
};

export function CommuneSelect({ scopeCode, on, value, onChange, ...rest }: Props) {
  const t = useMessages(m);
  const national = scopeCode === null;
  const [chosenProvince, setProvince] = useState<string | null>(null);
  const provinces = useQuery({
    queryKey: ['units', 'list', on, null, 'province'],
    queryFn: () => fetchUnits(on, null, 'province'),
    enabled: national,
    staleTime: 60 * 60 * 1000,
  });
  // A survey opened with a commune already chosen: its province, so the commune shows by name.
  const valueProvince = useQuery({
    queryKey: ['units', 'province-of', value, on],
    queryFn: () => provinceOf(value!, on),
    enabled: national && chosenProvince === null && Boolean(value),
    staleTime: 60 * 60 * 1000,
  });
  const province = chosenProvince ?? valueProvince.data ?? null;
  const within = national ? province : scopeCode;
  const communes = useQuery({
    queryKey: ['units', 'survey-communes', within, on],
    queryFn: () => communesOf(within, on),
    enabled: within !== null,
    staleTime: 60 * 60 * 1000,
  });
  const list = communes.data ?? [];
  const data = list.map((u) => ({ value: u.code, label: u.name }));
  // A code kept from an earlier survey that is not in the list (another date): still shown by its code.
  if (value && !list.some((u) => u.code === value)) data.push({ value, label: value });
  const select = (
    <Select
      {...rest}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage="—"
      filter={byFoldedName}
      comboboxProps={{ withinPortal: true }}
    />
  );
  if (!national) return select;
  return (
    // The province above the commune: one column, as a person reads the address top down.
    <Stack gap="xs">
      <Select
        label={t.province}
        placeholder={t.choose}
        data={[...(provinces.data ?? [])]
          .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
          .map((u) => ({ value: u.code, label: u.name }))}
        value={province}
        onChange={(code) => {
          setProvince(code);
          if (code !== province) onChange(null);
        }}
        searchable
        filter={byFoldedName}
        disabled={rest.disabled}
        comboboxProps={{ withinPortal: true }}
        data-testid="survey-province"
      />
      {select}
    </Stack>
  );
}
