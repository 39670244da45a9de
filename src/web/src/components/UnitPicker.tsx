// Picks an administrative unit within the user's scope, as the units stood on a date: before
// 01/07/2025 province → district → commune, after it province → commune. The user never sees a
// unit outside their scope; a scope unit that no longer exists (or not yet) on the date is
// carried along the succession links (src/api/scope.ts). Keyboard: every level is a labelled,
// searchable select.
import { Alert, Group, Select, Skeleton, Text, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { unitNameMatches } from '../../../domain/units/name-search';
import { useQuery } from '@tanstack/react-query';
import { scopeRootsQuery, type ScopeRoots } from '../api/scope';
import { useUnits } from '../api/units';
import type { Unit } from '../api/types';
import { defineMessages, fill, useMessages } from '../i18n';
import { common } from '../i18n/common';
import { ErrorPanel } from './ErrorPanel';
import { formatDateVn } from '../format';

const m = defineMessages({
  vi: {
    all: 'Tất cả',
    mapped:
      'Đơn vị phụ trách {name} ({code}) không còn hiệu lực vào ngày {date}; hiển thị các đơn vị kế thừa.',
    empty: 'Không có đơn vị nào thuộc phạm vi của bạn vào ngày {date}.',
    search: 'Gõ để tìm',
    choose: 'Chọn đơn vị',
  },
  en: {
    all: 'All',
    mapped: 'Your unit {name} ({code}) is not in force on {date}; showing the units that took it over.',
    empty: 'No unit within your scope is in force on {date}.',
    search: 'Type to search',
    choose: 'Choose a unit',
  },
});

export function useScopeRoots(scopeCode: string | null, on: string) {
  return useQuery(scopeRootsQuery(scopeCode, on));
}

/** The unit a picker path stands for: its last choice, else the single scope unit, else none (all). */
export function effectiveUnit(scope: ScopeRoots | undefined, path: Unit[]): Unit | null {
  const last = path[path.length - 1];
  if (last) return last;
  return scope && scope.roots.length === 1 ? scope.roots[0]! : null;
}

function labelOf(u: Unit): string {
  return u.name;
}

// Typed without accents still matches ("dai hung" → Xã Đại Hùng): the same rule as the server's
// name search (src/domain/units/name-search.ts).
const byName: OptionsFilter = ({ options, search }) =>
  (options as ComboboxItem[]).filter((o) => unitNameMatches(o.label, search));

function LevelSelect({
  options,
  value,
  onChange,
  label,
  allLabel,
}: {
  options: Unit[];
  value: Unit | undefined;
  onChange: (u: Unit | null) => void;
  label: string;
  allLabel?: string | undefined;
}) {
  const t = useMessages(m);
  return (
    <Select
      label={label}
      data={options.map((u) => ({ value: u.code, label: labelOf(u) }))}
      value={value?.code ?? null}
      onChange={(code) => onChange(options.find((u) => u.code === code) ?? null)}
      searchable
      filter={byName}
      clearable
      placeholder={allLabel ?? t.all}
      nothingFoundMessage="—"
      comboboxProps={{ withinPortal: true }}
      w={{ base: '100%', sm: 260 }}
      aria-description={t.search}
    />
  );
}

function ChildLevel({
  on,
  parent,
  path,
  index,
  onChange,
  allLabel,
}: {
  on: string;
  parent: Unit;
  path: Unit[];
  index: number;
  onChange: (path: Unit[]) => void;
  allLabel?: string | undefined;
}) {
  const c = useMessages(common);
  const children = useUnits(on, parent.code);
  if (parent.level === 'commune') return null;
  if (children.isPending) return <Skeleton h={56} w={260} />;
  if (children.isError) return <ErrorPanel error={children.error} onRetry={() => void children.refetch()} />;
  const options = children.data;
  if (options.length === 0) return null;
  const chosen = path[index];
  const value = chosen && options.some((o) => o.code === chosen.code) ? chosen : undefined;
  return (
    <>
      <LevelSelect
        options={options}
        value={value}
        label={c[options[0]!.level]}
        onChange={(u) => onChange(u ? [...path.slice(0, index), u] : path.slice(0, index))}
        allLabel={allLabel && fill(allLabel, { name: parent.name })}
      />
      {value ? (
        <ChildLevel
          on={on}
          parent={value}
          path={path}
          index={index + 1}
          onChange={onChange}
          allLabel={allLabel}
        />
      ) : null}
    </>
  );
}

export interface UnitPickerProps {
  /** The date the units are taken on (YYYY-MM-DD). */
  on: string;
  /** The user's scope unit code (null: the whole country). */
  scopeCode: string | null;
  /** Units chosen below the scope, top first. The parent resets it when the date changes. */
  path: Unit[];
  onChange: (path: Unit[]) => void;
  /**
   * The empty choice of a level ("Tất cả" by default). A form that picks one unit says what no
   * choice below a unit means, e.g. "{name} (cả đơn vị)": `{name}` is the unit above.
   */
  allLabel?: string;
}

export function UnitPicker({ on, scopeCode, path, onChange, allLabel }: UnitPickerProps) {
  const t = useMessages(m);
  const c = useMessages(common);
  const scope = useScopeRoots(scopeCode, on);
  if (scope.isPending) return <Skeleton h={56} w={260} />;
  if (scope.isError) return <ErrorPanel error={scope.error} onRetry={() => void scope.refetch()} />;
  const { roots } = scope.data;
  const single = roots.length === 1 ? roots[0]! : null;
  return (
    <div>
      {roots.length === 0 ? (
        <Alert color="yellow" variant="light">
          {fill(t.empty, { date: formatDateVn(on) })}
        </Alert>
      ) : (
        <Group align="flex-end" gap="sm" wrap="wrap">
          {single ? (
            <ChildLevel
              on={on}
              parent={single}
              path={path}
              index={0}
              onChange={onChange}
              allLabel={allLabel}
            />
          ) : (
            <>
              <LevelSelect
                options={roots}
                value={path[0] && roots.some((r) => r.code === path[0]!.code) ? path[0] : undefined}
                label={c[roots[0]!.level]}
                onChange={(u) => onChange(u ? [u] : [])}
                allLabel={allLabel === undefined ? undefined : t.choose}
              />
              {path[0] && roots.some((r) => r.code === path[0]!.code) ? (
                <ChildLevel
                  on={on}
                  parent={path[0]}
                  path={path}
                  index={1}
                  onChange={onChange}
                  allLabel={allLabel}
                />
              ) : null}
            </>
          )}
        </Group>
      )}
      {scope.data.mapped && roots.length > 0 ? (
        <Text size="xs" c="dimmed" mt={4} data-testid="scope-mapped">
          {fill(t.mapped, {
            name: scope.data.scopeName ?? '',
            code: scopeCode ?? '',
            date: formatDateVn(on),
          })}
        </Text>
      ) : null}
    </div>
  );
}
