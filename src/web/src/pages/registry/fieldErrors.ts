// Errors of a survey form, keyed by the field path of the survey contract (`householdId`,
// `housing.floorAreaM2`, `members[2].birthDate`), so each shows beside its own input. They come
// from the same validator as the server (src/domain/survey/parse.ts) before sending, or from the
// server's answer: every error of `errors` (all the problems of the record), and the error's own
// `field`.
import { isApiError } from '../../api/client';
import type { Lang } from '../../i18n';
import { parseSurveyRecord } from '../../../../domain/survey/parse';

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

function add(out: FieldErrors, field: unknown, message: unknown) {
  if (typeof field !== 'string' || typeof message !== 'string') return;
  const path = formPathOf(field);
  // The first problem of a field is the one to fix first.
  if (!out.has(path)) out.set(path, message);
}

/** The survey's problems found by the contract's own validator, before anything is sent. */
export function clientFieldErrors(survey: unknown, lang: Lang): FieldErrors {
  const out: FieldErrors = new Map();
  for (const e of parseSurveyRecord(survey).errors)
    add(out, e.field, lang === 'en' ? e.messageEn : e.message);
  return out;
}

/** The field errors of a server answer. */
export function serverFieldErrors(error: unknown, lang: Lang): FieldErrors {
  const out: FieldErrors = new Map();
  if (!isApiError(error)) return out;
  const list = error.details.errors;
  if (Array.isArray(list))
    for (const e of list as { field?: unknown; message?: unknown; messageEn?: unknown }[])
      add(out, e.field, lang === 'en' ? (e.messageEn ?? e.message) : e.message);
  if (error.field) add(out, error.field, error.messageIn(lang) ?? error.code);
  return out;
}
