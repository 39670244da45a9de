// The pieces the Front's forms share: a unit chosen by name within the user's scope (the app's
// UnitPicker, as the units stood on the record's date — never a code typed by hand), a list of
// such units, the alert of an error no field owns (the per-field error itself is the app's
// shared useFieldErrors, src/web/src/components/fieldErrors.ts), a pair of dates side by side
// (from/to, issued/deadline) and the form's save and cancel buttons.
import { useEffect, useState } from 'react';
import { Button, CloseButton, Fieldset, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useUser } from '../../auth/session';
import { defaultDateFor } from '../../api/scope';
import { fetchUnit } from '../../api/units';
import type { Unit } from '../../api/types';
import { DateField } from '../../components/DateField';
import { ErrorPanel } from '../../components/ErrorPanel';
import { effectiveUnit, UnitPicker, useScopeRoots } from '../../components/UnitPicker';
import { REFORM_DATE, todayVn } from '../../format';
import { defineMessages, fill, useMessages } from '../../i18n';

const m = defineMessages({
  vi: {
    chosen: 'Đã chọn: {name}',
    nothing: 'Chưa chọn đơn vị.',
    add: 'Thêm đơn vị này',
    remove: 'Bỏ {name}',
    listed: 'Các đơn vị đã thêm',
    noneListed: 'Chưa thêm đơn vị nào.',
    cancel: 'Hủy',
  },
  en: {
    chosen: 'Chosen: {name}',
    nothing: 'No unit chosen yet.',
    add: 'Add this unit',
    remove: 'Remove {name}',
    listed: 'Units added',
    noneListed: 'No unit added yet.',
    cancel: 'Cancel',
  },
});

/** The day a Front form opens on: today, or the last day of a scope unit that has ended. */
export function useOpeningDate(): string {
  const user = useUser();
  const today = todayVn();
  const opening = useQuery({
    queryKey: ['units', 'default-date', user.unitCode, today],
    queryFn: () => defaultDateFor(user.unitCode, today),
    staleTime: 60 * 60 * 1000,
  });
  return opening.data ?? today;
}

/** The province a unit lay in on a date (walking up its parents), or null while unknown. */
export function useProvinceOf(code: string, on: string): string | null {
  const q = useQuery({
    queryKey: ['units', 'province-of', code, on],
    queryFn: async () => {
      let u = await fetchUnit(code, on);
      for (let i = 0; i < 3 && u.level !== 'province' && u.parentCode; i += 1)
        u = await fetchUnit(u.parentCode, on);
      return u.level === 'province' ? u.code : null;
    },
    staleTime: 60 * 60 * 1000,
  });
  return q.data ?? null;
}

/** The alert for an error no field of the form owns. */
export function FormError({ error, show }: { error: unknown; show: boolean }) {
  return show ? <ErrorPanel error={error} /> : null;
}

export interface ScopeUnitFieldProps {
  legend: string;
  /** The record's date (YYYY-MM-DD): the units as they stood that day; null: the opening date. */
  on: string | null;
  onChange: (unit: Unit | null) => void;
  error?: string | undefined;
}

/**
 * One unit within the user's scope, chosen by name level by level. Choosing nothing below the
 * user's own unit means that unit itself (the Front committee's own level).
 */
export function ScopeUnitField({ legend, on, onChange, error }: ScopeUnitFieldProps) {
  const t = useMessages(m);
  const user = useUser();
  const opening = useOpeningDate();
  const date = on ?? opening;
  const scope = useScopeRoots(user.unitCode, date);
  const [path, setPath] = useState<Unit[]>([]);
  // Units are periodised: a date across the 2025 reform (other units, reused codes) starts the
  // choice again; within one side of it the units chosen stand.
  const side = date < REFORM_DATE ? 'before' : 'after';
  const [pathSide, setPathSide] = useState(side);
  if (pathSide !== side) {
    setPathSide(side);
    setPath([]);
  }
  const unit = effectiveUnit(scope.data, path);
  useEffect(() => onChange(unit), [unit, onChange]);
  return (
    <Fieldset
      legend={legend}
      variant="unstyled"
      styles={{ legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-sm)' } }}
    >
      <UnitPicker on={date} scopeCode={user.unitCode} path={path} onChange={setPath} allLabel="{name}" />
      <Text size="sm" mt={4}>
        {unit ? fill(t.chosen, { name: unit.name }) : t.nothing}
      </Text>
      {error ? (
        <Text size="sm" c="red.8" mt={2}>
          {error}
        </Text>
      ) : null}
    </Fieldset>
  );
}

/** Several units within scope: chosen one at a time, listed with a way to take each back. */
export function ScopeUnitsField({
  legend,
  on,
  units,
  onChange,
  error,
}: {
  legend: string;
  on: string | null;
  units: Unit[];
  onChange: (units: Unit[]) => void;
  error?: string | undefined;
}) {
  const t = useMessages(m);
  const [current, setCurrent] = useState<Unit | null>(null);
  return (
    <Stack gap={4}>
      <Group align="flex-end" gap="sm">
        <ScopeUnitField legend={legend} on={on} onChange={setCurrent} error={error} />
        <Button
          variant="default"
          disabled={!current || units.some((u) => u.code === current.code)}
          onClick={() => current && onChange([...units, current])}
        >
          {t.add}
        </Button>
      </Group>
      <Text size="sm" fw={600} component="h3" m={0}>
        {t.listed}
      </Text>
      {units.length === 0 ? (
        <Text size="sm">{t.noneListed}</Text>
      ) : (
        <Group gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {units.map((u) => (
            <Group key={u.code} component="li" gap={4} wrap="nowrap">
              <Text size="sm">{u.name}</Text>
              <CloseButton
                size="sm"
                aria-label={fill(t.remove, { name: u.name })}
                onClick={() => onChange(units.filter((x) => x.code !== u.code))}
              />
            </Group>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** One date of a form: its label, value (YYYY-MM-DD or null), setter and error under it. */
export interface DateSpec {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
}

/** Two dates side by side, each 180 px wide: a plan's from/to, a recommendation's issued/deadline. */
export function DatePair({ first, second }: { first: DateSpec; second: DateSpec }) {
  return (
    <Group align="flex-start">
      {[first, second].map((d) => (
        <DateField
          key={d.label}
          label={d.label}
          value={d.value}
          onChange={d.onChange}
          error={d.error}
          w={180}
        />
      ))}
    </Group>
  );
}

/**
 * A form's buttons: the save (named for what it saves, busy while the request runs) and, when the
 * form can be closed, "Hủy" next to it.
 */
export function FormActions({
  label,
  onSave,
  saving,
  onCancel,
}: {
  label: string;
  onSave: () => void;
  saving: boolean;
  onCancel?: (() => void) | undefined;
}) {
  const t = useMessages(m);
  return (
    <Group>
      <Button onClick={onSave} loading={saving}>
        {label}
      </Button>
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          {t.cancel}
        </Button>
      )}
    </Group>
  );
}
