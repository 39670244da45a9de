// Words of the finance screens shared by several pages: the API's enumerations (funding sources,
// capital types, risk states) come from the product's one catalogue (src/domain/words/catalogue.ts);
// the few screen words beside them are this module's own.
import { defineMessages, type Lang } from '../../i18n';
import { WORDS, type WordSet } from '../../../../domain/words/catalogue';

const codes = (lang: Lang, ...sets: WordSet[]) =>
  Object.fromEntries(sets.flatMap((s) => Object.entries(s).map(([code, w]) => [code, w[lang]])));

const catalogue = (lang: Lang) =>
  codes(lang, WORDS.fundSource, WORDS.capitalType, WORDS.riskState) as Record<
    keyof typeof WORDS.fundSource | keyof typeof WORDS.capitalType | keyof typeof WORDS.riskState,
    string
  >;

export const labels = defineMessages({
  vi: {
    ...catalogue('vi'),
    unit: 'Đơn vị',
    year: 'Năm',
    asOf: 'Tính đến ngày (không bắt buộc)',
  },
  en: {
    ...catalogue('en'),
    unit: 'Unit',
    year: 'Year',
    asOf: 'As of (optional)',
  },
});

export const RISK_COLOR = {
  completed: 'teal',
  starting: 'gray',
  'on-track': 'green',
  'at-risk': 'orange',
  lapsed: 'red',
} as const;
