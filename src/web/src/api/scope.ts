// Which units a user's scope covers on a date. A scope is a unit code; the unit it names may not
// exist on the date asked (the 2025 reform abolished districts and merged communes, and reused
// codes), so the scope is carried along the official succession links:
//   - the code exists on the date → that unit;
//   - it ended before the date → its successors (a district, which has none, passes through the
//     successors of its communes);
//   - it began after the date → its predecessors.
import { queryOptions } from '@tanstack/react-query';
import { isApiError } from './client';
import { fetchUnit, fetchUnits, unitNotFoundData } from './units';
import type { Unit } from './types';

export interface ScopeRoots {
  /** null: the whole country (the provinces are the roots). */
  scopeCode: string | null;
  roots: Unit[];
  /** True when the scope unit itself is not in force on the date and `roots` were mapped onto it. */
  mapped: boolean;
  /** The scope unit's own name (its latest version), when it had to be mapped. */
  scopeName: string | null;
}

async function unitOnOrNull(code: string, on: string): Promise<Unit | null> {
  try {
    return await fetchUnit(code, on);
  } catch (e) {
    if (isApiError(e) && e.code === 'UNIT_NOT_FOUND') return null;
    throw e;
  }
}

/** Units in force on `on` that took over (or gave) the territory of `code` as it was on `from`. */
async function carry(code: string, from: string, on: string, depth: number): Promise<Unit[]> {
  const here = await unitOnOrNull(code, on);
  if (here) return [here];
  if (depth > 3) return [];
  const then = await fetchUnit(code, from);
  const links =
    on > from
      ? then.successors.map((s) => ({ code: s.code, date: s.validFrom }))
      : then.predecessors.map((p) => ({ code: p.code, date: p.validTo }));
  if (links.length === 0 && on > from && then.validTo) {
    // Abolished without successors of its own (a district in 2025): follow its communes.
    const children = await fetchUnits(then.validTo, code);
    const out = await Promise.all(children.map((c) => carry(c.code, then.validTo!, on, depth + 1)));
    return out.flat();
  }
  const out = await Promise.all(links.map((l) => carry(l.code, l.date, on, depth + 1)));
  return out.flat();
}

function dedupe(units: Unit[]): Unit[] {
  const seen = new Map<string, Unit>();
  for (const u of units) if (!seen.has(u.code)) seen.set(u.code, u);
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export async function resolveScopeRoots(scopeCode: string | null, on: string): Promise<ScopeRoots> {
  if (!scopeCode)
    return { scopeCode, roots: await fetchUnits(on, null, 'province'), mapped: false, scopeName: null };
  try {
    return { scopeCode, roots: [await fetchUnit(scopeCode, on)], mapped: false, scopeName: null };
  } catch (e) {
    const nf = unitNotFoundData(e);
    if (!nf) throw e;
    const before = nf.versions.filter((v) => v.validTo !== null && v.validTo < on).pop();
    const after = nf.versions.find((v) => v.validFrom !== null && v.validFrom > on);
    const from = before?.validTo ?? after?.validFrom;
    const name = (before ?? after)?.name ?? null;
    if (!from) return { scopeCode, roots: [], mapped: true, scopeName: name };
    return { scopeCode, roots: dedupe(await carry(scopeCode, from, on, 0)), mapped: true, scopeName: name };
  }
}

/**
 * The date a screen opens on for a scope: today, or — when the scope unit ended before today
 * (Thành phố Sầm Sơn, 30/06/2025) — its last day, so a city account sees its whole area as it
 * was rather than the wards that took it over (a later date, chosen on screen, shows those).
 */
export async function defaultDateFor(scopeCode: string | null, today: string): Promise<string> {
  if (!scopeCode) return today;
  try {
    await fetchUnit(scopeCode, today);
    return today;
  } catch (e) {
    const nf = unitNotFoundData(e);
    if (!nf) throw e;
    const ended = nf.versions.filter((v) => v.validTo !== null && v.validTo < today).pop();
    return ended?.validTo ?? today;
  }
}

/** Scopes and dates change rarely: kept for an hour. */
const STABLE = 60 * 60 * 1000;

/** The query of the date a screen opens on (`defaultDateFor`), shared by the pages that open on it. */
export const defaultDateQuery = (scopeCode: string | null, today: string) =>
  queryOptions({
    queryKey: ['units', 'default-date', scopeCode, today] as const,
    queryFn: () => defaultDateFor(scopeCode, today),
    staleTime: STABLE,
  });

/** The query of a scope's units on a date (`resolveScopeRoots`). */
export const scopeRootsQuery = (scopeCode: string | null, on: string) =>
  queryOptions({
    queryKey: ['units', 'scope', scopeCode, on] as const,
    queryFn: () => resolveScopeRoots(scopeCode, on),
    staleTime: STABLE,
  });
