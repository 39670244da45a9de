// Accent-insensitive search keys: "Nguyễn Văn Hùng" and "nguyen van hung" fold to the same text.
// The folded key is stored beside the name, so the database compares plain ASCII with an index.

/** Lower-case, accent-free, single-spaced text (đ → d). */
export function foldText(value: string): string {
  // Word by word, each word folded once: names repeat a few thousand syllables, and an import
  // folds several names a household. Folding the words apart gives the same text, since the
  // space between them folds to one space and nothing folds across it.
  // A word of plain ASCII (a household ID, a house number) needs no accent removal and is folded
  // directly, not remembered: such words are mostly unique, and would push the names out.
  let out = '';
  for (const word of value.split(' ')) {
    if (!word) continue;
    let folded = folds.get(word);
    if (folded === undefined) {
      if (isAscii(word)) folded = foldAscii(word);
      else {
        folded = foldWord(word);
        if (folds.size >= MAX_FOLDS) folds.clear();
        folds.set(word, folded);
      }
    }
    if (folded) out = out ? `${out} ${folded}` : folded;
  }
  return out;
}

const folds = new Map<string, string>();
const MAX_FOLDS = 50_000;

const ALNUM = /^[a-z0-9]*$/;

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `foldWord` of a word of ASCII characters: lower case, other characters than letters and digits as one space. */
export function foldAscii(value: string): string {
  const lower = value.toLowerCase();
  return ALNUM.test(lower) ? lower : lower.replace(/[^a-z0-9]+/g, ' ').trim();
}

/** One word folded (exported for tests; `foldText` remembers the words it folds). */
export function foldWord(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The search tokens of a query, folded; empty tokens dropped. */
export function searchTokens(query: string): string[] {
  return foldText(query).split(' ').filter(Boolean);
}
