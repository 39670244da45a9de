// What the language crawl looks for in the text of a screen (pure, no browser): the codes of the
// catalogue of words, error and standard codes, tell-tale English words on a Vietnamese screen and
// Vietnamese words on an English one. "Whole word" means between characters that are not letters,
// digits, `_` or `-`, in Unicode: "Mẫu" is not the code "M", "non-durable" holds no "durable".
import { WORDS } from '../../src/domain/words/catalogue.js';
import { SURVEY_FIELDS, SURVEY_SECTION_LABELS } from '../../src/domain/survey/fields.js';

export interface Finding {
  word: string;
  /** A few characters around it, to find it on the screen. */
  context: string;
}

/** Every code a person must never see: every code the catalogue of words gives a label. */
export function catalogueCodes(): string[] {
  // A numeric code (the ethnic groups' "01"–"54") cannot be told from a figure or a date on a
  // page, so only codes with a letter are looked for.
  return [...new Set(Object.values(WORDS).flatMap((set) => Object.keys(set)))].filter((c) =>
    /\p{L}/u.test(c),
  );
}

/** Every text the catalogues themselves show in a language: labels, help, units, sections. */
function catalogueTexts(lang: 'vi' | 'en'): string[] {
  return [
    ...Object.values(WORDS).flatMap((set) => Object.values(set).map((w) => w[lang])),
    ...SURVEY_FIELDS.flatMap((f) => [f.label[lang], f.help[lang], f.unit?.[lang] ?? '']),
    ...Object.values(SURVEY_SECTION_LABELS).map((w) => w[lang]),
  ];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_EDGE_BEFORE = '(?<![\\p{L}\\p{N}_\\-])';
const WORD_EDGE_AFTER = '(?![\\p{L}\\p{N}_\\-])';

function findAll(text: string, re: RegExp): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(re)) {
    const at = m.index;
    out.push({
      word: m[0],
      context: text
        .slice(Math.max(0, at - 30), at + m[0].length + 30)
        .replace(/\s+/g, ' ')
        .trim(),
    });
  }
  return out;
}

/** A code that reads as English (lower-case, one word: "head", "poor") is an English word there. */
const looksLikeCode = (code: string) => /[-_]/.test(code) || /^[A-Z]{2,}$/.test(code);

/**
 * Codes shown as text: the catalogue's codes (on an English screen only those that cannot be an
 * English word) and any UPPER_SNAKE code (error codes, standards: `UNIT_NOT_FOUND`, `ND07_2021`).
 */
export function findCodes(text: string, codes: readonly string[], lang: 'vi' | 'en'): Finding[] {
  // A code that is also a word of the catalogue's own texts in this language ("radio" in "Đài,
  // radio"; "pour-flush" in the English help of the latrine question) is that word there.
  const own = catalogueTexts(lang).join('\n');
  const isOwnWord = (code: string) =>
    new RegExp(`${WORD_EDGE_BEFORE}${escape(code)}${WORD_EDGE_AFTER}`, 'u').test(own);
  const wanted = (lang === 'vi' ? codes : codes.filter(looksLikeCode))
    .filter((c) => !isOwnWord(c))
    .slice()
    .sort((a, b) => b.length - a.length)
    .map(escape);
  const re = new RegExp(
    `${WORD_EDGE_BEFORE}(?:${wanted.join('|')}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)${WORD_EDGE_AFTER}`,
    'gu',
  );
  return findAll(text, re);
}

/** English words that give away an untranslated text on a Vietnamese screen. */
export const TELL_TALE_ENGLISH = [
  'household',
  'households',
  'poor',
  'near-poor',
  'status',
  'open',
  'opened',
  'closed',
  'agreed',
  'draft',
  'approved',
  'pending',
  'loading',
  'survey',
  'resurvey',
  'member',
  'members',
  'village',
  'unit',
  'commune',
  'ward',
  'income',
  'save',
  'cancel',
  'delete',
  'edit',
  'search',
  'submit',
  'error',
  'version',
  'system',
  'import',
  'export',
  'meetings',
  'complaint',
  'deadline',
  'total',
  'none',
  'other',
  'true',
  'false',
  'null',
  'undefined',
  'NaN',
  'Invalid Date',
];

/**
 * The text with every stored text it shows verbatim taken out (an article's title written in
 * English is what its author wrote, in any interface language).
 */
export function withoutStored(text: string, stored: readonly string[]): string {
  let out = text;
  for (const s of stored) if (s.length >= 12 && out.includes(s)) out = out.split(s).join(' ');
  return out;
}

export function findEnglishWords(text: string): Finding[] {
  const re = new RegExp(
    `${WORD_EDGE_BEFORE}(?:${TELL_TALE_ENGLISH.map(escape).join('|')})${WORD_EDGE_AFTER}`,
    'giu',
  );
  return findAll(text, re);
}

/** Letters only Vietnamese uses among the Latin ones (with its tone marks), after NFC. */
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;

/** The words of stored texts (names of units, villages, people; articles), lower-cased. */
export function vocabularyOf(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of texts)
    for (const w of t.normalize('NFC').split(/[^\p{L}]+/u)) if (w) out.add(w.toLowerCase());
  return out;
}

/**
 * Vietnamese words on an English screen: words with a Vietnamese letter that are not words of a
 * stored name or text (a unit's name is shown as it is in either language). "đồng", the
 * currency's own name, is English usage too.
 */
export function findVietnameseWords(text: string, names: ReadonlySet<string>): Finding[] {
  const nfc = text.normalize('NFC');
  return findAll(nfc, /\p{L}+/gu).filter(
    (f) =>
      VIETNAMESE_LETTER.test(f.word) && !names.has(f.word.toLowerCase()) && f.word.toLowerCase() !== 'đồng',
  );
}
