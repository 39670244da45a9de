// Finding an administrative unit by its name, typed without accents: "sam son" finds
// "Thành phố Sầm Sơn", "dong hai" finds "Phường Đông Hải". The folded name (the unit's name key)
// is stored beside the name, so the database compares plain ASCII; the same rule decides a match
// in the browser's pickers and on the server. Pure: no I/O.
import { foldText } from '../registry/fold.js';

/** The stored search key of a unit name: lower-case ASCII words separated by one space. */
export function unitNameKey(name: string): string {
  return foldText(name);
}

/**
 * The folded query a name must contain at the start of one of its words ("son" matches
 * "Sầm Sơn", "am son" does not), or null when nothing searchable was typed.
 */
export function unitNameQuery(query: string): string | null {
  const key = foldText(query);
  return key.length > 0 ? key : null;
}

/** Whether `name` matches what was typed, under the rule above. */
export function unitNameMatches(name: string, query: string): boolean {
  const q = unitNameQuery(query);
  if (q === null) return true;
  return ` ${unitNameKey(name)}`.includes(` ${q}`);
}

// The folded type words that open official unit names ("Thành phố Sầm Sơn", "Phường Đông Hải").
const TYPE_PREFIX = /^(thanh pho|thi xa|thi tran|tinh|huyen|quan|phuong|xa|dac khu) /;

/** The folded name without its type words: "Thành phố Sầm Sơn" → "sam son". */
export function unitOwnNameKey(name: string): string {
  return unitNameKey(name).replace(TYPE_PREFIX, '');
}

const LEVEL_RANK: Record<string, number> = { province: 0, district: 1, commune: 2 };

/**
 * The order of search results: names whose own part (after "Phường", "Thành phố"…) starts with the
 * query first, then higher levels, then units still in force before ended ones, then by name.
 */
export function compareUnitMatches<T extends { name: string; level: string; validTo: string | null }>(
  query: string,
  a: T,
  b: T,
): number {
  const q = unitNameQuery(query) ?? '';
  const own = (u: T) => (unitOwnNameKey(u.name).startsWith(q) ? 0 : 1);
  return (
    own(a) - own(b) ||
    (LEVEL_RANK[a.level] ?? 3) - (LEVEL_RANK[b.level] ?? 3) ||
    (a.validTo === null ? 0 : 1) - (b.validTo === null ? 0 : 1) ||
    a.name.localeCompare(b.name, 'vi')
  );
}
