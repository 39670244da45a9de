// Text rules of the public portal: slugs, accent-free search keys, small-number suppression.
// Pure: no I/O.

/** Lower-case ASCII without Vietnamese diacritics ("Sầm Sơn" → "sam son", "Đại" → "dai"). */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** A URL slug: accent-free words joined by "-", at most 100 characters cut at a word ("" when nothing is left). */
export function slugify(text: string): string {
  const full = foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= 100) return full;
  const cut = full.slice(0, 101);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > 0 ? cut.slice(0, lastDash) : full.slice(0, 100);
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The search key stored beside an article: folded text with collapsed whitespace. */
export function searchKey(...parts: string[]): string {
  return foldVietnamese(parts.join(' ')).replace(/\s+/g, ' ').trim();
}

/** The words of a search query, folded, without LIKE wildcards (they are matched literally). */
export function searchTerms(query: string): string[] {
  return foldVietnamese(query)
    .replace(/[%_\\]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** Counts published about households: fewer than this are shown as "< 5" so nobody is singled out. */
export const SMALL_NUMBER_THRESHOLD = 5;

/** A count as it may be published: exact from the threshold up, "< 5" below it (but 0 stays 0). */
export function publicCount(n: number): string {
  if (n === 0) return '0';
  return n < SMALL_NUMBER_THRESHOLD ? `< ${SMALL_NUMBER_THRESHOLD}` : String(n);
}

/** The follow-up code given to a citizen: "GY-" and 8 characters from an unambiguous alphabet. */
export const FEEDBACK_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const FEEDBACK_CODE_PATTERN = /^GY-[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$/;

/** Builds a follow-up code from 8 random bytes supplied by the caller (the domain draws no randomness). */
export function feedbackCodeFrom(bytes: ArrayLike<number>): string {
  let out = 'GY-';
  for (let i = 0; i < 8; i++) out += FEEDBACK_CODE_ALPHABET[(bytes[i] ?? 0) % FEEDBACK_CODE_ALPHABET.length];
  return out;
}

/** Normalises a code typed by a citizen (spaces, lower case, a missing prefix). */
export function normaliseFeedbackCode(input: string): string {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  return compact.startsWith('GY-') ? compact : `GY-${compact.replace(/^GY/, '')}`;
}
