// A household's history in words: what each stored change did, field by field, before → after.
// Two sources, both already stored: the change rows (a summary snapshot of the household before
// and after each write: head, address, village, members, period, class, deprivations, status)
// and the survey answers of consecutive review periods, compared field by field through the
// survey field catalogue, so every label and value is the catalogue's word, never a code.
// Pure: no I/O; the caller supplies village names.
import { formatDateVn } from '../dates.js';
import { formatNumber, formatVnd } from '../format.js';
import { SURVEY_FIELDS, type SurveyField } from '../survey/fields.js';
import { wordOfCode, type Word } from '../words/catalogue.js';

/** One field's change, both languages. `before` is null when the field was not there before. */
export interface FieldChange {
  label: Word;
  before: Word | null;
  after: Word | null;
  /** Names a person or an address: shown only to readers with personal-data rights. */
  personal?: true;
}

/** The summary a change row stores before and after a write (src/db/registry-write/). */
export interface HistorySnapshot {
  version?: number;
  headName?: string;
  address?: string | null;
  villageId?: number | null;
  memberCount?: number;
  period?: number;
  classification?: string;
  deprivations?: string[];
  status?: string;
}

/**
 * The stored form of a snapshot (household_change.before_json / after_json): its values by
 * position in SNAPSHOT_KEYS, `false` for a key it does not have, trailing ones left out —
 * `[1,"Mai Đức Nam",false,false,4,2024,"NONE",[],"approved"]` instead of the object with its keys
 * spelt out (a change row of an import: 55 bytes instead of 150). No value of a snapshot is a
 * boolean, so `false` is never a value. A snapshot with any other key or value is stored as its
 * object, and rows stored as objects before read as they are.
 */
export const SNAPSHOT_KEYS = [
  'version',
  'headName',
  'address',
  'villageId',
  'memberCount',
  'period',
  'classification',
  'deprivations',
  'status',
] as const satisfies readonly (keyof HistorySnapshot)[];
const SNAPSHOT_KEY_SET = new Set<string>(SNAPSHOT_KEYS);

export function encodeSnapshot(s: HistorySnapshot): string {
  const entries = Object.entries(s);
  if (entries.some(([k, v]) => !SNAPSHOT_KEY_SET.has(k) || typeof v === 'boolean' || v === undefined))
    return JSON.stringify(s);
  const out: unknown[] = SNAPSHOT_KEYS.map((k) =>
    Object.prototype.hasOwnProperty.call(s, k) ? s[k] : false,
  );
  while (out.length > 0 && out[out.length - 1] === false) out.length -= 1;
  return JSON.stringify(out);
}

export function decodeSnapshot(text: string | null): HistorySnapshot | null {
  if (text === null) return null;
  const stored = JSON.parse(text) as unknown;
  if (!Array.isArray(stored)) return stored as HistorySnapshot;
  const s: Record<string, unknown> = {};
  SNAPSHOT_KEYS.forEach((k, i) => {
    if (i < stored.length && stored[i] !== false) s[k] = stored[i];
  });
  return s as HistorySnapshot;
}

const same = (w: string): Word => ({ vi: w, en: w });
const NONE: Word = { vi: 'Không có', en: 'None' };
const EMPTY: Word = { vi: '(trống)', en: '(empty)' };

const SNAPSHOT_LABELS = {
  period: { vi: 'Kỳ rà soát', en: 'Review period' },
  classification: { vi: 'Phân loại', en: 'Classification' },
  deprivations: { vi: 'Chỉ số thiếu hụt', en: 'Deprived indicators' },
  status: { vi: 'Trạng thái kết quả', en: 'Result status' },
  headName: { vi: 'Chủ hộ', en: 'Head of household' },
  memberCount: { vi: 'Số thành viên', en: 'Number of members' },
} as const satisfies Record<string, Word>;

const fieldLabel = (path: string): Word => SURVEY_FIELDS.find((f) => f.path === path)?.label ?? same(path);

function indicatorsWord(codes: readonly string[] | undefined): Word {
  if (!codes || codes.length === 0) return NONE;
  return {
    vi: codes.map((c) => wordOfCode('indicator', c, 'vi')).join('; '),
    en: codes.map((c) => wordOfCode('indicator', c, 'en')).join('; '),
  };
}

/**
 * The fields a write changed, from its before/after snapshots. A first write (no before) lists
 * what it recorded. Period, class and status come first: they are what an officer follows.
 */
export function snapshotChanges(
  before: HistorySnapshot | null,
  after: HistorySnapshot | null,
  villageName: (id: number) => string | null,
): FieldChange[] {
  if (!after) return [];
  const out: FieldChange[] = [];
  const push = (label: Word, b: Word | null, a: Word | null, personal = false) => {
    if (b && a && b.vi === a.vi && b.en === a.en) return;
    out.push({ label, before: b, after: a, ...(personal ? { personal: true as const } : {}) });
  };
  const has = (s: HistorySnapshot | null, k: keyof HistorySnapshot) =>
    s !== null && Object.prototype.hasOwnProperty.call(s, k);
  const text = (v: string | null | undefined): Word => (v ? same(v) : EMPTY);
  const pick = <T>(k: keyof HistorySnapshot, word: (s: HistorySnapshot) => T) =>
    [has(before, k) ? word(before!) : null, has(after, k) ? word(after) : null] as const;

  const [bp, ap] = pick('period', (s) => (s.period === undefined ? null : same(String(s.period))));
  if (ap) push(SNAPSHOT_LABELS.period, bp, ap);
  const [bc, ac] = pick('classification', (s) => ({
    vi: wordOfCode('classification', s.classification, 'vi'),
    en: wordOfCode('classification', s.classification, 'en'),
  }));
  if (ac) push(SNAPSHOT_LABELS.classification, bc, ac);
  const [bd, ad] = pick('deprivations', (s) => indicatorsWord(s.deprivations));
  if (ad) push(SNAPSHOT_LABELS.deprivations, bd, ad);
  const [bs, as] = pick('status', (s) => ({
    vi: wordOfCode('reviewStatus', s.status, 'vi'),
    en: wordOfCode('reviewStatus', s.status, 'en'),
  }));
  if (as) push(SNAPSHOT_LABELS.status, bs, as);
  const [bh, ah] = pick('headName', (s) => text(s.headName));
  if (ah) push(SNAPSHOT_LABELS.headName, bh, ah, true);
  const [bm, am] = pick('memberCount', (s) =>
    s.memberCount === undefined ? null : same(String(s.memberCount)),
  );
  if (am) push(SNAPSHOT_LABELS.memberCount, bm, am);
  const [ba, aa] = pick('address', (s) => text(s.address));
  if (aa) push(fieldLabel('address'), ba, aa, true);
  const [bv, av] = pick('villageId', (s) =>
    s.villageId === null || s.villageId === undefined ? EMPTY : text(villageName(s.villageId)),
  );
  if (av) push(fieldLabel('village'), bv, av);
  return out;
}

/** A stored answer in words: the catalogue's word of a code, Có/Không, đồng, m², dd/mm/yyyy. */
export function answerWord(field: SurveyField, value: unknown): Word {
  if (value === null || value === undefined || value === '') return EMPTY;
  const unit = (w: string, lang: 'vi' | 'en') => (field.unit ? `${w} ${field.unit[lang]}` : w);
  switch (field.type) {
    case 'enum':
      return field.words
        ? {
            vi: wordOfCode(field.words, String(value), 'vi'),
            en: wordOfCode(field.words, String(value), 'en'),
          }
        : same(String(value));
    case 'enum-list': {
      const list = Array.isArray(value) ? value.map(String) : [];
      if (list.length === 0 || !field.words) return NONE;
      const set = field.words;
      return {
        vi: list.map((c) => wordOfCode(set, c, 'vi')).join(', '),
        en: list.map((c) => wordOfCode(set, c, 'en')).join(', '),
      };
    }
    case 'boolean':
      return { vi: wordOfCode('yesNo', String(value), 'vi'), en: wordOfCode('yesNo', String(value), 'en') };
    case 'money':
      return {
        vi: unit(formatVnd(Number(value), false), 'vi'),
        en: unit(formatVnd(Number(value), false), 'en'),
      };
    case 'number':
    case 'integer':
      return { vi: unit(formatNumber(Number(value)), 'vi'), en: unit(formatNumber(Number(value)), 'en') };
    case 'date':
      return same(formatDateVn(String(value)));
    default:
      return same(String(value));
  }
}

function valueAt(record: unknown, path: string): unknown {
  let v: unknown = record;
  for (const k of path.split('.'))
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// Identification fields that are not answers (the code of the household and its unit, the date
// of the survey, which differs every period by nature).
const NOT_ANSWERS = new Set(['householdId', 'unitCode', 'surveyDate', 'village', 'address']);

/**
 * The answers that differ between two survey records of a household (e.g. last period's and this
 * period's), in the order of Phiếu B. Members are matched by name; a member present in only one
 * record is one change ("Thành viên: — → Nguyễn Văn A"), so a corrected name reads as one member
 * leaving and one joining rather than as two people's answers compared.
 */
export function answerChanges(previous: unknown, next: unknown): FieldChange[] {
  if (!previous || !next) return [];
  const out: FieldChange[] = [];
  for (const f of SURVEY_FIELDS) {
    if (f.scope !== 'household' || !f.inRecord || NOT_ANSWERS.has(f.path)) continue;
    const a = valueAt(previous, f.path);
    const b = valueAt(next, f.path);
    if (!equal(a, b)) out.push({ label: f.label, before: answerWord(f, a), after: answerWord(f, b) });
  }
  type M = Record<string, unknown>;
  const membersOf = (r: unknown): M[] => {
    const m = (r as { members?: unknown }).members;
    return Array.isArray(m) ? (m as M[]) : [];
  };
  const prev = membersOf(previous);
  const curr = membersOf(next);
  const used = new Set<number>();
  const memberLabel: Word = { vi: 'Thành viên', en: 'Member' };
  const memberFields = SURVEY_FIELDS.filter(
    (f) => f.scope === 'member' && f.inRecord && f.key !== 'name' && f.key !== 'idNumber',
  );
  curr.forEach((m) => {
    const j = prev.findIndex((p, k) => !used.has(k) && p.name === m.name);
    const name = String(m.name ?? '');
    if (j < 0) {
      out.push({ label: memberLabel, before: null, after: same(name) });
      return;
    }
    used.add(j);
    const p = prev[j]!;
    for (const f of memberFields) {
      if (equal(p[f.key], m[f.key])) continue;
      out.push({
        label: { vi: `${name} – ${f.label.vi}`, en: `${name} – ${f.label.en}` },
        before: answerWord(f, p[f.key]),
        after: answerWord(f, m[f.key]),
      });
    }
  });
  prev.forEach((p, k) => {
    if (!used.has(k)) out.push({ label: memberLabel, before: same(String(p.name ?? '')), after: null });
  });
  return out;
}
