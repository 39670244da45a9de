// Explanations are facts, rendered when read. The engine records, per indicator, the facts that
// decided it (which member, which value, which threshold); these few bytes are what the registry
// stores. `renderExplanation` turns them, with the survey answers of the same result, into prose
// in the reader's language from the catalogue of words — no code reaches the reader, and a
// corrected word changes every explanation already stored.
import { ageOn, formatDateVn } from '../dates.js';
import { formatVnd } from '../format.js';
import type { Classification, IndicatorKey, Text } from '../standards/standard.js';
import { HOUSING_STRUCTURES, type Area, type SurveyRecord } from '../survey/record.js';
import { WORDS, inSentence, wordOfCode, type Lang, type WordSetName } from '../words/catalogue.js';
import { lastWorkingDay } from './working-age.js';

/** What decided one indicator. The stored form of an explanation (deprived indicators only). */
export interface IndicatorFacts {
  indicator: IndicatorKey;
  deprived: boolean;
  /** Index in the answers' `members` of the member concerned; null when the household as a whole is. */
  member: number | null;
  /** The value that decided (a code, an area per person, a share, a count…). */
  value: string | number | boolean | null;
  /** The threshold it was compared with (a number, a code, or codes joined by ", "). */
  threshold: string | number | null;
}

/** The income test of a result: every value is a column of the stored result. */
export interface IncomeFacts {
  standard: string;
  area: Area;
  incomeLine: number;
  classification: Classification;
  deprivationCount: number;
  /** Income per person per month, integer đồng. */
  income: number;
}

export interface RenderOptions {
  /** Member names to show instead of the answers' (initials for a reader without personal-data rights). */
  names?: readonly string[];
  /** The standard's name when it is not a national one of the catalogue (a local standard). */
  standardName?: Text;
}

/** An indicator's facts with its member's name and its sentence in one language. */
export interface RenderedIndicator extends IndicatorFacts {
  memberName: string | null;
  text: string;
}

export interface RenderedExplanation {
  income: string;
  indicators: RenderedIndicator[];
}

/** The answers an explanation reads besides its facts (a stored result's answers, decoded). */
export type ExplainedAnswers = Pick<
  SurveyRecord,
  'surveyDate' | 'housing' | 'infoDevices' | 'loudspeakerAccess'
> & {
  members: readonly Pick<SurveyRecord['members'][number], 'name' | 'birthDate' | 'sex'>[];
};

// ── number formats ───────────────────────────────────────────────────────────

/** At most two decimals, with the language's decimal mark (12,5 in Vietnamese, 12.5 in English). */
function num(n: number, lang: Lang): string {
  const s = String(Math.round(n * 100) / 100);
  return lang === 'vi' ? s.replace('.', ',') : s;
}
const pct = (share: number, lang: Lang) => `${num(share * 100, lang)}%`;

const word = (set: WordSetName, code: string | null | undefined, lang: Lang) =>
  inSentence(wordOfCode(set, code, lang));

/** A list of codes stored as "a, b, c", as words joined by "hoặc" / "or". */
function wordList(set: WordSetName, codes: string | number | null, lang: Lang): string {
  const list = typeof codes === 'string' ? codes.split(/,\s*/).filter(Boolean) : [];
  const words = list.map((c) => word(set, c, lang));
  if (words.length <= 1) return words.join('');
  const or = lang === 'vi' ? ' hoặc ' : ' or ';
  return `${words.slice(0, -1).join(', ')}${or}${words[words.length - 1]}`;
}

// ── the sentences ────────────────────────────────────────────────────────────

type Sentences = (f: IndicatorFacts, a: ExplainedAnswers, lang: Lang, who: string, age: number) => string;

const vi = (lang: Lang, v: string, e: string) => (lang === 'vi' ? v : e);

const SENTENCES: Record<IndicatorKey, Sentences> = {
  employment: (f, a, lang, who, age) => {
    if (f.member === null) {
      return vi(
        lang,
        `không thành viên nào trong độ tuổi lao động có tình trạng việc làm là ${wordList('employment', f.threshold, 'vi')}.`,
        `no working-age member’s employment is ${wordList('employment', f.threshold, 'en')}.`,
      );
    }
    const m = a.members[f.member]!;
    const until = formatDateVn(lastWorkingDay(m.sex, m.birthDate));
    return vi(
      lang,
      `${who}, ${age} tuổi, trong độ tuổi lao động (đến hết ngày ${until}), tình trạng việc làm: ${word('employment', String(f.value), 'vi')}.`,
      `${who}, aged ${age}, of working age (until ${until}), employment: ${word('employment', String(f.value), 'en')}.`,
    );
  },
  dependants: (f, a, lang) => {
    const share = Number(f.value);
    const total = a.members.length;
    const n = Math.round(share * total);
    const max = Number(f.threshold);
    return vi(
      lang,
      `${n} trong ${total} thành viên là người phụ thuộc (${pct(share, 'vi')}), ${f.deprived ? 'cao hơn' : 'không cao hơn'} mức ${pct(max, 'vi')}.`,
      `${n} of ${total} members are dependants (${pct(share, 'en')}), ${f.deprived ? 'above' : 'not above'} ${pct(max, 'en')}.`,
    );
  },
  nutrition: (f, _a, lang, who, age) => {
    if (f.member === null) {
      return vi(
        lang,
        `không trẻ em dưới ${f.threshold} tuổi nào bị suy dinh dưỡng thể thấp còi hoặc nhẹ cân.`,
        `no child under ${f.threshold} is stunted or underweight.`,
      );
    }
    const stunted = f.value === 'stunted';
    return vi(
      lang,
      `${who}, ${age} tuổi (dưới ${f.threshold} tuổi), suy dinh dưỡng thể ${stunted ? 'thấp còi' : 'nhẹ cân'}.`,
      `${who}, aged ${age} (under ${f.threshold}), is ${stunted ? 'stunted' : 'underweight'}.`,
    );
  },
  healthInsurance: (f, _a, lang, who, age) =>
    f.member === null
      ? vi(
          lang,
          `mọi thành viên từ ${f.threshold} tuổi trở lên đều có thẻ bảo hiểm y tế.`,
          `every member aged ${f.threshold} or over has health insurance.`,
        )
      : vi(
          lang,
          `${who}, ${age} tuổi (từ ${f.threshold} tuổi trở lên), không có thẻ bảo hiểm y tế.`,
          `${who}, aged ${age} (${f.threshold} or over), has no health insurance.`,
        ),
  adultEducation: (f, _a, lang, who, age) => {
    if (f.member === null) {
      // The threshold lists the bands: "16–17: lower-secondary; 18–30: upper-secondary".
      const bands = [...String(f.threshold ?? '').matchAll(/(\d+)\D+?(\d+):\s*([a-z-]+)/g)].map((b) =>
        vi(
          lang,
          `từ ${b[1]} đến ${b[2]} tuổi đạt ${word('education', b[3], 'vi')}`,
          `aged ${b[1]} to ${b[2]} has ${word('education', b[3], 'en')}`,
        ),
      );
      return vi(
        lang,
        `mọi thành viên ${bands.join(', ')} hoặc đang đi học, học nghề.`,
        `every member ${bands.join(', ')}, or is studying or in training.`,
      );
    }
    return vi(
      lang,
      `${who}, ${age} tuổi, không đang đi học hay học nghề, trình độ ${word('education', String(f.value), 'vi')}, thấp hơn mức tối thiểu ${word('education', String(f.threshold), 'vi')}.`,
      `${who}, aged ${age}, not studying or in training, has ${word('education', String(f.value), 'en')}, below the minimum of ${word('education', String(f.threshold), 'en')}.`,
    );
  },
  childSchooling: (f, _a, lang, who, age) => {
    if (f.member === null) {
      return vi(
        lang,
        `mọi trẻ em trong độ tuổi đều ${wordList('schooling', f.threshold, 'vi')}.`,
        `every child of school age is ${wordList('schooling', f.threshold, 'en')}.`,
      );
    }
    const v = f.value === null ? null : String(f.value);
    return vi(
      lang,
      `${who}, ${age} tuổi, ${v ? word('schooling', v, 'vi') : 'chưa ghi tình trạng đi học'}.`,
      `${who}, aged ${age}, ${v ? word('schooling', v, 'en') : 'school attendance not recorded'}.`,
    );
  },
  housingQuality: (f, a, lang) => {
    const weak = HOUSING_STRUCTURES.filter((s) => a.housing[s] === 'non-durable');
    const names = weak.map((s) => word('housingStructure', s, lang)).join(', ');
    const total = HOUSING_STRUCTURES.length;
    return vi(
      lang,
      `${weak.length} trong ${total} kết cấu chính không bền chắc${weak.length ? ` (${names})` : ''}; thiếu hụt khi từ ${f.threshold} kết cấu trở lên.`,
      `${weak.length} of ${total} main structures are not durable${weak.length ? ` (${names})` : ''}; deprived from ${f.threshold}.`,
    );
  },
  housingArea: (f, a, lang) => {
    const area = num(a.housing.floorAreaM2, lang);
    const per = num(Number(f.value), lang);
    const n = a.members.length;
    return vi(
      lang,
      `${area} m² cho ${n} người, bình quân ${per} m²/người, ${f.deprived ? 'dưới' : 'không dưới'} mức ${num(Number(f.threshold), 'vi')} m²/người.`,
      `${area} m² for ${n} people, ${per} m² per person, ${f.deprived ? 'below' : 'not below'} ${num(Number(f.threshold), 'en')} m² per person.`,
    );
  },
  waterSource: (f, _a, lang) =>
    vi(
      lang,
      `${word('waterSource', String(f.value), 'vi')} — ${f.deprived ? 'không phải' : 'là'} nguồn nước hợp vệ sinh.`,
      `${word('waterSource', String(f.value), 'en')} — ${f.deprived ? 'not ' : ''}a hygienic source.`,
    ),
  latrine: (f, _a, lang) =>
    vi(
      lang,
      `${word('latrine', String(f.value), 'vi')} — ${f.deprived ? 'không phải' : 'là'} nhà tiêu hợp vệ sinh.`,
      `${word('latrine', String(f.value), 'en')} — ${f.deprived ? 'not ' : ''}a hygienic latrine.`,
    ),
  telecom: (f, _a, lang) =>
    f.value === true
      ? vi(lang, 'có thành viên sử dụng dịch vụ internet.', 'at least one member uses internet services.')
      : vi(lang, 'không thành viên nào sử dụng dịch vụ internet.', 'no member uses internet services.'),
  infoAccess: (f, a, lang) => {
    const counted = typeof f.threshold === 'string' ? f.threshold.split(/,\s*/) : [];
    const owned = a.infoDevices.filter((d) => counted.length === 0 || counted.includes(d));
    const devices = owned.map((d) => word('infoDevice', d, lang)).join(', ');
    const speaker = a.loudspeakerAccess;
    return vi(
      lang,
      `${owned.length ? `hộ có ${devices}` : 'hộ không có phương tiện nghe nhìn nào'}; ${speaker ? 'nghe được' : 'không nghe được'} loa truyền thanh xã, thôn.`,
      `${owned.length ? `the household has ${devices}` : 'the household has no device'}; it ${speaker ? 'can' : 'cannot'} hear the commune or village loudspeakers.`,
    );
  },
};

/** A member as the reader sees them: "Lê Văn Hùng (thành viên 1)". */
function memberName(a: ExplainedAnswers, i: number, opts: RenderOptions): string {
  return opts.names?.[i] ?? a.members[i]?.name ?? '';
}

/** One indicator in one language: "Nguồn nước sinh hoạt: nước mặt (sông, suối, ao, hồ) — không phải …". */
export function renderIndicator(
  f: IndicatorFacts,
  a: ExplainedAnswers,
  lang: Lang,
  opts: RenderOptions = {},
): string {
  let who = '';
  let age = 0;
  if (f.member !== null && a.members[f.member]) {
    const name = memberName(a, f.member, opts);
    const n = f.member + 1;
    who =
      lang === 'vi'
        ? name
          ? `${name} (thành viên ${n})`
          : `Thành viên ${n}`
        : name
          ? `${name} (member ${n})`
          : `Member ${n}`;
    age = ageOn(a.members[f.member]!.birthDate, a.surveyDate);
  }
  const sentence =
    f.member !== null && !a.members[f.member] ? '' : SENTENCES[f.indicator](f, a, lang, who, age);
  return `${WORDS.indicator[f.indicator][lang]}: ${sentence}`;
}

/** The standard's name in a sentence: "Nghị định 07/2021/NĐ-CP", or a local standard's own name. */
function standardName(code: string, lang: Lang, opts: RenderOptions): string {
  if (opts.standardName) return opts.standardName[lang];
  return Object.prototype.hasOwnProperty.call(WORDS.standard, code)
    ? WORDS.standard[code as keyof typeof WORDS.standard][lang]
    : vi(lang, 'chuẩn của địa phương', 'the local standard');
}

/** The income test and the class, in one language. */
export function renderIncome(f: IncomeFacts, lang: Lang, opts: RenderOptions = {}): string {
  const atOrBelow = f.income <= f.incomeLine;
  const std = standardName(f.standard, lang, opts);
  const cls = wordOfCode('classification', f.classification, lang);
  const n = f.deprivationCount;
  return vi(
    lang,
    `Thu nhập bình quân ${formatVnd(f.income)}/người/tháng ${atOrBelow ? 'không cao hơn' : 'cao hơn'} chuẩn nghèo ${formatVnd(f.incomeLine)} của khu vực ${word('area', f.area, 'vi')} (theo ${std}); thiếu hụt ${n} chỉ số dịch vụ xã hội cơ bản. Kết quả: ${cls}.`,
    `Income of ${formatVnd(f.income)} per person per month is ${atOrBelow ? 'at or below' : 'above'} the ${word('area', f.area, 'en')} poverty line of ${formatVnd(f.incomeLine)} (${std}); ${n} ${n === 1 ? 'deprivation' : 'deprivations'} in basic social services. Result: ${cls}.`,
  );
}

/** The whole explanation of a result in one language. */
export function renderExplanation(
  income: IncomeFacts,
  indicators: readonly IndicatorFacts[],
  answers: ExplainedAnswers,
  lang: Lang,
  opts: RenderOptions = {},
): RenderedExplanation {
  return {
    income: renderIncome(income, lang, opts),
    indicators: indicators.map((f) => ({
      ...f,
      memberName: f.member === null ? null : memberName(answers, f.member, opts) || null,
      text: renderIndicator(f, answers, lang, opts),
    })),
  };
}

/**
 * The indicator facts of a stored explanation. Rows written before explanations were stored as
 * facts also carried `vi`/`en` sentences and `memberName`: those are left aside (migration
 * 2026-12-03T0100 rewrites them; this keeps a reader safe on a database not yet migrated).
 */
export function storedFacts(json: string): IndicatorFacts[] {
  const parsed = JSON.parse(json) as
    { indicators?: Partial<IndicatorFacts>[] } | (Partial<IndicatorFacts> | StoredFact)[];
  const list = Array.isArray(parsed) ? parsed : (parsed.indicators ?? []);
  return list.map((e) =>
    Array.isArray(e)
      ? { indicator: e[0], deprived: true, member: e[1], value: e[2], threshold: e[3] }
      : {
          indicator: e.indicator!,
          deprived: e.deprived ?? true,
          member: e.member ?? null,
          value: e.value ?? null,
          threshold: e.threshold ?? null,
        },
  );
}

/** A deprived indicator's facts by position: [indicator, member, value, threshold]. */
type StoredFact = [
  IndicatorFacts['indicator'],
  number | null,
  IndicatorFacts['value'],
  IndicatorFacts['threshold'],
];

/**
 * The stored form: deprived indicators only, facts only (`deprived` is implied), each by position
 * (StoredFact) rather than with its keys spelt out. Rows stored with keys read as before.
 */
export function factsJson(indicators: readonly IndicatorFacts[]): string {
  return JSON.stringify(
    indicators
      .filter((f) => f.deprived)
      .map((f): StoredFact => [f.indicator, f.member, f.value, f.threshold]),
  );
}
