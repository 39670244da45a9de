// The commune or ward of a survey, chosen by name among the units of the officer's scope in force on
// the survey date (searched without accents); the survey record keeps its code.
import { Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Unit } from '../../../api/types';
import { resolveScopeRoots } from '../../../api/scope';
import { fetchUnits } from '../../../api/units';
import { foldVi } from '../../../text';

/** The communes and wards under the scope on a date (a whole province: its own list, one request). */
async function communesOf(scopeCode: string | null, on: string): Promise<Unit[]> {
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
  // The whole country is too long a list: an administrator's survey names a unit of a province.
  const communes = useQuery({
    queryKey: ['units', 'survey-communes', scopeCode, on],
    queryFn: () => communesOf(scopeCode, on),
    enabled: scopeCode !== null,
    staleTime: 60 * 60 * 1000,
  });
  const list = communes.data ?? [];
  const data = list.map((u) => ({ value: u.code, label: u.name }));
  // A code kept from an earlier survey that is not in the list (another date): still shown by its code.
  if (value && !list.some((u) => u.code === value)) data.push({ value, label: value });
  return (
    <Select
      {...rest}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage="—"
      filter={({ options, search }) => {
        const q = foldVi(search.trim());
        return options.filter((o) => 'label' in o && foldVi(o.label).includes(q));
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
