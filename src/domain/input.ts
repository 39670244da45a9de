// Input hygiene shared by every adapter (API, CLI, imports): text is well-formed Unicode in NFC,
// and review periods / program years lie in one declared range. Pure: "today" is a parameter.
// Dates are checked by dates.ts (parseIsoDate).
import { AppError } from '../errors.js';

/** A lone UTF-16 surrogate: JSON can carry one ("\ud800"), no database or file can store it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the string is well-formed Unicode (String.prototype.isWellFormed of ES2024). */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** The string with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed of ES2024). */
export function toWellFormedText(s: string): string {
  return s.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');
}

/**
 * Control characters other than tab and line breaks: invisible, and NUL is refused by PostgreSQL
 * in text. Dropped from text everywhere (the portal's rule, src/services/public/validate.ts).
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const MALFORMED = 'văn bản chứa ký tự Unicode không hợp lệ / the text holds malformed Unicode';

/** The error for a string that is not well-formed Unicode, naming the field. */
export function malformedText(field: string): AppError {
  return new AppError('FIELD_INVALID', { field, detail: MALFORMED }, { field });
}

/**
 * The path (`tasks[0].title`, `profile`) of the first string, or object key, in a parsed JSON
 * value that is not well-formed Unicode; null when every one is. Depth-first, in key order.
 */
export function malformedTextPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : path || 'body';
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const p = malformedTextPath(value[i], `${path}[${i}]`);
      if (p !== null) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${k}` : k;
    if (!isWellFormedText(k)) return at;
    const p = malformedTextPath(v, at);
    if (p !== null) return p;
  }
  return null;
}

/**
 * A text field: a string (numbers are accepted as their decimal text, as spreadsheets send them),
 * well-formed, NFC-normalised and trimmed, at most `max` characters. Missing or blank → null.
 */
export function optionalCleanText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    throw new AppError('FIELD_TYPE', { field, expected: 'chuỗi ký tự / text' }, { field });
  }
  const s = String(value);
  if (!isWellFormedText(s)) throw malformedText(field);
  const t = s.normalize('NFC').replace(CONTROL_CHARS, '').trim();
  if (!t) return null;
  if (t.length > max) {
    throw new AppError(
      'FIELD_INVALID',
      { field, detail: `tối đa ${max} ký tự / at most ${max} characters` },
      { field },
    );
  }
  return t;
}

/** As optionalCleanText, but missing or blank text is FIELD_REQUIRED. */
export function cleanText(value: unknown, field: string, max: number): string {
  const t = optionalCleanText(value, field, max);
  if (t === null) throw new AppError('FIELD_REQUIRED', { field }, { field });
  return t;
}

/** The largest key of a table (a 32-bit integer column on PostgreSQL). */
export const MAX_ID = 2_147_483_647;

/** A row key or a count (a whole number, or its digits) from `min` to `max`, else FIELD_INVALID. */
export function parseWhole(value: unknown, field: string, min = 1, max = MAX_ID): number {
  const n = typeof value === 'string' && /^\d{1,30}$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    throw new AppError('FIELD_INVALID', { field, detail: `${min}…${max}` }, { field });
  return n;
}

const UNIT_CODE = /^[0-9]{2,5}$/;

/** An administrative unit code (2 digits for a province … 5 for a commune), else FIELD_INVALID. */
export function parseUnitCode(value: unknown, field: string): string {
  const t = cleanText(value, field, 10);
  if (!UNIT_CODE.test(t))
    throw new AppError(
      'FIELD_INVALID',
      { field, detail: 'mã đơn vị 2–5 chữ số / a 2–5 digit unit code' },
      { field },
    );
  return t;
}

/**
 * The declared range of review periods and program years: the first period under the 2021–2025
 * multidimensional standard (Decree 07/2021/NĐ-CP) up to next year (plans are made a year ahead).
 * Anything else is a typing error, never a campaign or a plan to make up.
 */
export const FIRST_PERIOD = 2021;

export function periodRange(today: string): { min: number; max: number } {
  return { min: FIRST_PERIOD, max: Number(today.slice(0, 4)) + 1 };
}

/** A period or year (a number or its digits) within periodRange(today); coded errors naming the field. */
export function parsePeriod(value: unknown, field: string, today: string): number {
  if (value === undefined || value === null || value === '')
    throw new AppError('FIELD_REQUIRED', { field }, { field });
  const n = typeof value === 'string' && /^\d{1,30}$/.test(value.trim()) ? Number(value.trim()) : value;
  const { min, max } = periodRange(today);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : typeof value;
    throw new AppError('PERIOD_OUT_OF_RANGE', { field, value: shown.slice(0, 40), min, max }, { field });
  }
  return n;
}

/** An optional list (missing → []), else FIELD_TYPE naming the field. */
export function listOf(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new AppError('FIELD_TYPE', { field, expected: 'danh sách / a list' }, { field });
  return value;
}

/** A JSON object (not null, not a list), else FIELD_TYPE naming the field. */
export function objectOf(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new AppError('FIELD_TYPE', { field, expected: 'đối tượng JSON / a JSON object' }, { field });
  return value as Record<string, unknown>;
}

/** A list of objects (missing → []): `tasks[2]` is named when an item is not an object. */
export function objectsOf(value: unknown, field: string): Record<string, unknown>[] {
  return listOf(value, field).map((item, i) => objectOf(item, `${field}[${i}]`));
}
