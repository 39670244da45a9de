// The survey form as data, built from the survey field catalogue (src/domain/survey/fields.ts):
// its sections in the order of Phiếu B, one control per field, the allowed answers of each with
// the catalogue's words (never a code), and the empty survey it starts from. Pure (no React), so
// the rules of the form are unit-tested; src/web/src/pages/registry/survey/SurveyFields.tsx draws it.
import {
  SURVEY_FIELDS,
  SURVEY_SECTIONS,
  SURVEY_SECTION_LABELS,
  type SurveyField,
  type SurveySection,
} from '../../../../../domain/survey/fields';
import { WORDS, type Word, type WordSet } from '../../../../../domain/words/catalogue';

/**
 * How an answer is given: `choice` one of a few words (a drop-down), `choices` any of them
 * (tick boxes, with "none of these"), `yes-no` two radio buttons (no default: unanswered until
 * chosen), `amount` a whole number of đồng, `number` a decimal, `date` dd/mm/yyyy, `text`.
 */
export type ControlKind =
  'text' | 'citizen-id' | 'unit' | 'date' | 'amount' | 'number' | 'choice' | 'choices' | 'yes-no';

export interface Option {
  value: string;
  label: Word;
}

export interface Control {
  field: SurveyField;
  kind: ControlKind;
  /** The answers to choose from, with their words (choice, choices, yes-no). */
  options: Option[];
  /** The label a person reads, with the unit of a quantity ("Diện tích nhà ở (m²)"). */
  label: Word;
  /** A long list (the 54 ethnic groups): the drop-down is searched by typing, accents optional. */
  searchable: boolean;
}

export interface FormSection {
  id: SurveySection;
  label: Word;
  /** Asked once for the household. */
  household: Control[];
  /** Asked for each member, in this section. */
  member: Control[];
}

const KIND: Record<SurveyField['type'], ControlKind> = {
  text: 'text',
  'citizen-id': 'citizen-id',
  'unit-code': 'unit',
  date: 'date',
  money: 'amount',
  integer: 'number',
  number: 'number',
  boolean: 'yes-no',
  enum: 'choice',
  'enum-list': 'choices',
};

/** Beyond this many answers a drop-down is searched rather than scrolled. */
const SEARCHABLE_FROM = 15;

function optionsOf(set: WordSet): Option[] {
  const options = Object.entries(set).map(([value, label]) => ({ value, label }));
  // Digit codes (the ethnic groups' "01"…"54") are listed by JavaScript with "10"… first: put them
  // back in the list's order.
  return options.every((o) => /^\d+$/.test(o.value))
    ? options.sort((a, b) => a.value.localeCompare(b.value))
    : options;
}

/** Folds a text for an accent-insensitive search: lower case, no diacritics, đ → d. */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();
}

/** The control of a field of the catalogue. */
export function controlOf(field: SurveyField): Control {
  const kind = KIND[field.type];
  const options =
    kind === 'yes-no' ? optionsOf(WORDS.yesNo) : field.words ? optionsOf(WORDS[field.words] as WordSet) : [];
  const label = field.unit
    ? {
        vi: `${field.label.vi} (${field.unit.vi})`,
        en: `${field.label.en} (${field.unit.en})`,
      }
    : field.label;
  return { field, kind, options, label, searchable: kind === 'choice' && options.length >= SEARCHABLE_FROM };
}

/**
 * Fields the form does not ask: `area` (taken from the unit's type on the survey date; the
 * import accepts it for the rare exception) and `village` (the household keeps the village it
 * has; the village is chosen on the household's page).
 */
const NOT_ASKED = new Set(['area', 'village']);

/** Every control of the form, section by section in the order of Phiếu B. */
export const FORM_SECTIONS: readonly FormSection[] = SURVEY_SECTIONS.map((id) => {
  const fields = SURVEY_FIELDS.filter((f) => f.section === id && !NOT_ASKED.has(f.path));
  return {
    id,
    label: SURVEY_SECTION_LABELS[id],
    household: fields.filter((f) => f.scope === 'household').map(controlOf),
    member: fields.filter((f) => f.scope === 'member').map(controlOf),
  };
}).filter((s) => s.household.length + s.member.length > 0);

export type Survey = Record<string, unknown>;

/**
 * The form's path of a control: `waterSource`, `housing.walls`, `members[2].sex` — the paths the
 * contract's validator names in its errors (src/web/src/pages/registry/fieldErrors.ts).
 */
export function pathOf(control: Control, member?: number): string {
  return control.field.scope === 'member'
    ? `members[${member ?? 0}].${control.field.key}`
    : control.field.path;
}

function steps(path: string): (string | number)[] {
  return path.split('.').flatMap((part) => {
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    return m ? [m[1]!, Number(m[2])] : [part];
  });
}

/** The answer at a path, undefined when not given. */
export function valueAt(survey: Survey, path: string): unknown {
  let at: unknown = survey;
  for (const s of steps(path)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[s];
  }
  return at;
}

/**
 * The survey with the answer at `path` replaced (copies along the path, the rest shared). An
 * `undefined` value removes the answer, so the validator reports it as not given.
 */
export function withValue(survey: Survey, path: string, value: unknown): Survey {
  const put = (node: unknown, rest: (string | number)[]): unknown => {
    const [head, ...tail] = rest;
    const copy: Record<string | number, unknown> | unknown[] = Array.isArray(node)
      ? [...(node as unknown[])]
      : { ...((node as Record<string, unknown> | null | undefined) ?? {}) };
    const c = copy as Record<string | number, unknown>;
    if (tail.length === 0) {
      if (value === undefined) delete c[head!];
      else c[head!] = value;
    } else c[head!] = put(c[head!], tail);
    return copy;
  };
  return put(survey, steps(path)) as Survey;
}

/** A member nobody has answered for yet. */
export function emptyMember(): Survey {
  return {};
}

/**
 * The survey a new household starts from: nothing answered — no water source, no latrine, no
 * income — so a forgotten answer is an error beside its field, never a silent "non-poor" answer.
 * One member row is there to be filled in (a household has at least one member).
 */
export function emptySurvey(): Survey {
  const survey: Survey = { members: [emptyMember()] };
  // The objects holding answers (housing) are there, empty: each answer inside is reported on its own.
  for (const s of FORM_SECTIONS)
    for (const c of s.household) {
      const dot = c.field.path.indexOf('.');
      if (dot > 0) survey[c.field.path.slice(0, dot)] = {};
    }
  return survey;
}

/** Every path the form has an input for, given the number of members (errors elsewhere are listed apart). */
export function formPaths(memberCount: number): Set<string> {
  const out = new Set<string>();
  for (const s of FORM_SECTIONS) {
    for (const c of s.household) out.add(pathOf(c));
    for (let i = 0; i < memberCount; i += 1) for (const c of s.member) out.add(pathOf(c, i));
  }
  return out;
}

/** The record the form sends: the survey without the answers kept beside it (address). */
export function recordOf(survey: Survey): Survey {
  const out: Survey = {};
  for (const [k, v] of Object.entries(survey)) {
    const field = SURVEY_FIELDS.find((f) => f.scope === 'household' && f.path.split('.')[0] === k);
    if (field && !field.inRecord) continue;
    out[k] = v;
  }
  return out;
}

/**
 * The section of the form that holds the input of an error's path (`members[1].employment` → the
 * section asking employment; `members` → the members' section), or null when no input of the form
 * answers it (such errors are listed apart by the page).
 */
export function sectionOfPath(path: string): SurveySection | null {
  const member = /^members\[\d+\]\.(.+)$/.exec(path);
  if (member) {
    const key = member[1]!;
    return FORM_SECTIONS.find((s) => s.member.some((c) => c.field.key === key))?.id ?? 'members';
  }
  if (path === 'members' || /^members\[\d+\]$/.test(path)) return 'members';
  return (
    FORM_SECTIONS.find((s) => s.household.some((c) => pathOf(c) === path || path.startsWith(`${pathOf(c)}.`)))
      ?.id ?? null
  );
}

/** How many of the errors each section holds (sections without errors are left out). */
export function errorsBySection(paths: Iterable<string>): Map<SurveySection, number> {
  const out = new Map<SurveySection, number>();
  for (const p of paths) {
    const s = sectionOfPath(p);
    if (s) out.set(s, (out.get(s) ?? 0) + 1);
  }
  return out;
}
