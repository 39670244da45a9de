// A unit chosen by its name, typed with or without accents ("sam son" → Thành phố Sầm Sơn), from
// the server's name search (GET /units/search, src/domain/units/name-search.ts). Replaces the
// free-text code boxes: the value is still the unit's code, but a person only ever sees names,
// with the unit above it and, for an ended unit, the day it ended.
import { useState } from 'react';
import { Loader, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { defineMessages, fill, useMessages } from '../i18n';
import { formatDateVn } from '../format';

export interface UnitMatch {
  code: string;
  name: string;
  level: string;
  validFrom: string | null;
  validTo: string | null;
  parentName: string | null;
}

const m = defineMessages({
  vi: { placeholder: 'Gõ tên, không cần dấu', nothing: 'Không tìm thấy đơn vị nào', until: 'đến {d}' },
  en: { placeholder: 'Type a name, accents optional', nothing: 'No unit found', until: 'until {d}' },
});

export function searchUnits(q: string, opts: { on?: string; level?: string; within?: string }) {
  return api.get<{ items: UnitMatch[] }>('/units/search', { q, limit: 20, ...opts }).then((r) => r.items);
}

/** One option per code: the version in force on `on` if any, else the latest. */
function byCode(items: UnitMatch[], on: string | undefined): UnitMatch[] {
  const out = new Map<string, UnitMatch>();
  for (const u of items) {
    const prev = out.get(u.code);
    const inForce = (x: UnitMatch) =>
      on !== undefined && (x.validFrom ?? '') <= on && (x.validTo === null || x.validTo >= on);
    if (
      !prev ||
      (inForce(u) && !inForce(prev)) ||
      (!inForce(prev) && (u.validFrom ?? '') > (prev.validFrom ?? ''))
    )
      out.set(u.code, u);
  }
  return [...out.values()];
}

/**
 * The `within` filter for a user's scope: a province scope narrows the search to it; a district or
 * commune scope does not (its territory moved to other codes in 2025: the server checks the scope
 * of what is opened anyway).
 */
export function scopeWithin(unitCode: string | null): string | undefined {
  return unitCode && unitCode.length === 2 ? unitCode : undefined;
}

export interface UnitSearchProps {
  label: string;
  /** The chosen unit's code ('' for none). */
  value: string;
  onChange: (code: string) => void;
  /** Only units in force on this date; without it, every version (ended units show their end). */
  on?: string;
  level?: 'province' | 'district' | 'commune';
  /** Only the unit, its province, its pre-2025 district or parent (a user's scope). */
  within?: string;
  w?: number | string;
  clearable?: boolean;
  /** The message of a refused save naming this field. */
  error?: string | undefined;
  'data-testid'?: string;
}

export function UnitSearch(props: UnitSearchProps) {
  const t = useMessages(m);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const labelOf = (u: UnitMatch) =>
    [u.name, u.parentName, u.validTo ? fill(t.until, { d: formatDateVn(u.validTo) }) : null]
      .filter(Boolean)
      .join(' – ');
  // What was typed, unless it is just the chosen option's label shown back in the box.
  const typed = search.trim() && search !== chosen?.label ? search.trim() : '';
  const q = typed || props.value;
  const filters = {
    ...(props.on ? { on: props.on } : {}),
    ...(props.level ? { level: props.level } : {}),
    ...(props.within ? { within: props.within } : {}),
  };
  const found = useQuery({
    queryKey: ['units', 'search', q, filters],
    queryFn: () => searchUnits(q, filters),
    enabled: q.length > 0,
    staleTime: 60 * 60 * 1000,
  });
  const options = byCode(found.data ?? [], props.on)
    // Asked by code (the current value): only that code, not the codes it prefixes.
    .filter((u) => typed || u.code === props.value)
    .map((u) => ({ value: u.code, label: labelOf(u) }));
  if (chosen && chosen.value === props.value && !options.some((o) => o.value === chosen.value))
    options.unshift(chosen);
  return (
    <Select
      label={props.label}
      data={options}
      value={props.value || null}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched without accents; the list is not filtered again here.
      filter={({ options: all }) => all}
      onChange={(code, option) => {
        setChosen(option ? { value: option.value, label: option.label } : null);
        props.onChange(code ?? '');
      }}
      placeholder={t.placeholder}
      nothingFoundMessage={typed ? t.nothing : undefined}
      clearable={props.clearable ?? false}
      comboboxProps={{ withinPortal: true }}
      w={props.w ?? { base: '100%', sm: 460 }}
      data-testid={props['data-testid']}
      error={props.error}
    />
  );
}

/**
 * The name of the unit holding `code` (on `on` when given, else its latest version): shown where
 * an answer carries only a code. Falls back to the code while loading or if the code is unknown.
 */
export function useUnitName(code: string | null | undefined, on?: string): string | null {
  return useUnitLookup(code, on).name;
}

/**
 * The unit's name; while its lookup is in flight, `loading` (the caller shows a loader, never the
 * bare code: a code is what a person sees only when no unit answers to it).
 */
function useUnitLookup(
  code: string | null | undefined,
  on?: string,
): { name: string | null; loading: boolean } {
  const found = useQuery({
    queryKey: ['units', 'search', code ?? '', {}],
    queryFn: () => searchUnits(code!, {}),
    enabled: Boolean(code),
    staleTime: 60 * 60 * 1000,
  });
  if (!code) return { name: null, loading: false };
  if (found.isPending) return { name: null, loading: true };
  const unit = byCode(
    (found.data ?? []).filter((u) => u.code === code),
    on,
  )[0];
  return { name: unit?.name ?? code, loading: false };
}

export function UnitName({ code, on }: { code: string | null | undefined; on?: string }) {
  const { name, loading } = useUnitLookup(code, on);
  if (loading) return <Loader size="xs" type="dots" component="span" />;
  return <>{name ?? '—'}</>;
}
