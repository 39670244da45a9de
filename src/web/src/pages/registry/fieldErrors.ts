// Errors of a survey form, keyed by the field path of the survey contract (`householdId`,
// `housing.floorAreaM2`, `members[2].birthDate`), so each shows beside its own input. They come
// from the same validator as the server (src/domain/survey/parse.ts) before sending, or from the
// server's answer: every error of `errors` (all the problems of the record), and the error's own
// `field`. A message never shows the path: a missing answer reads "Chọn giới tính" / "Nhập ngày
// sinh", and a path inside a validator's message is replaced by the field's label from the survey
// field catalogue (src/domain/survey/fields.ts).
import { isApiError } from '../../api/client';
import type { Lang } from '../../i18n';
import { parseSurveyRecord } from '../../../../domain/survey/parse';
import { surveyField, SURVEY_SECTION_LABELS } from '../../../../domain/survey/fields';
import { inSentence } from '../../../../domain/words/catalogue';

export type FieldErrors = Map<string, string>;

/**
 * The form's path of a field: `survey.` dropped (the API wraps the record), JSON-pointer style
 * indexes as brackets (`members.2.birthDate` → `members[2].birthDate`), and the item of a list
 * answered by one input as the list (`infoDevices[1]` → `infoDevices`).
 */
export function formPathOf(field: string): string {
  return field
    .replace(/^survey\./, '')
    .replace(/\.(\d+)(?=\.|$)/g, '[$1]')
    .replace(/^infoDevices\[\d+\]$/, 'infoDevices');
}

/** The label a person knows a field by (the section's name for the member list itself). */
export function fieldLabel(path: string, lang: Lang): string | null {
  if (path === 'members') return SURVEY_SECTION_LABELS.members[lang];
  if (/^members\[\d+\]$/.test(path))
    return `${SURVEY_SECTION_LABELS.members[lang]} ${Number(/\d+/.exec(path)![0]) + 1}`;
  const f = surveyField(path);
  return f ? f.label[lang] : null;
}

/**
 * The field of a reported error (an import's table of refused rows) as an officer knows it: its
 * label in the survey form, with the member's number for a member's answer ("Thành viên hộ gia
 * đình 2 · Giới tính"); the path as given when the form has no such field, a dash for none.
 */
export function errorFieldLabel(field: string, lang: Lang): string {
  if (!field) return '—';
  const path = formPathOf(field);
  const label = fieldLabel(path, lang);
  if (!label) return field;
  const member = /^members\[(\d+)\]\./.exec(path);
  return member ? `${fieldLabel(`members[${member[1]}]`, lang)} · ${label}` : label;
}

const CHOSEN = new Set(['enum', 'enum-list', 'unit-code']);

/**
 * The message beside a field: a missing answer asks for it by name ("Chọn giới tính", "Nhập ngày
 * sinh"); any other keeps the validator's words with the path replaced by the field's label.
 */
export function wordedMessage(e: { code?: unknown; field: string; message: string }, lang: Lang): string {
  const path = formPathOf(e.field);
  const label = fieldLabel(path, lang);
  if (!label) return e.message;
  const f = surveyField(path);
  if (e.code === 'FIELD_REQUIRED' && f?.type === 'boolean')
    return lang === 'vi' ? `Chọn Có hoặc Không: ${inSentence(label)}.` : `Choose Yes or No: ${label}.`;
  if (e.code === 'FIELD_REQUIRED' && f) {
    const chosen = CHOSEN.has(f.type);
    const name = lang === 'vi' ? inSentence(label) : label.charAt(0).toLowerCase() + label.slice(1);
    return lang === 'vi'
      ? `${chosen ? 'Chọn' : 'Nhập'} ${name}.`
      : `${chosen ? 'Choose' : 'Enter'} the ${name}.`;
  }
  const worded = e.field ? e.message.split(e.field).join(`«${label}»`) : e.message;
  // Beside its field, "Phiếu khảo sát không hợp lệ: hộ không có chủ hộ…" says only what is wrong.
  if (e.code !== 'SURVEY_INVALID') return worded;
  const detail = worded.replace(/^(Phiếu khảo sát không hợp lệ|Invalid survey record): /, '');
  return detail.charAt(0).toLocaleUpperCase(lang) + detail.slice(1);
}

function add(out: FieldErrors, lang: Lang, field: unknown, message: unknown, code?: unknown) {
  if (typeof field !== 'string' || typeof message !== 'string') return;
  const path = formPathOf(field);
  // The first problem of a field is the one to fix first.
  if (!out.has(path)) out.set(path, wordedMessage({ code, field, message }, lang));
}

/** The survey's problems found by the contract's own validator, before anything is sent. */
export function clientFieldErrors(survey: unknown, lang: Lang): FieldErrors {
  const out: FieldErrors = new Map();
  for (const e of parseSurveyRecord(survey).errors)
    add(out, lang, e.field, lang === 'en' ? e.messageEn : e.message, e.code);
  return out;
}

/** The field errors of a server answer. */
export function serverFieldErrors(error: unknown, lang: Lang): FieldErrors {
  const out: FieldErrors = new Map();
  if (!isApiError(error)) return out;
  const list = error.details.errors;
  if (Array.isArray(list))
    for (const e of list as { code?: unknown; field?: unknown; message?: unknown; messageEn?: unknown }[])
      add(out, lang, e.field, lang === 'en' ? (e.messageEn ?? e.message) : e.message, e.code);
  if (error.field) add(out, lang, error.field, error.messageIn(lang) ?? error.code, error.code);
  return out;
}
