// Calendar dates and instants. Dates are `YYYY-MM-DD` strings (a civil date with no time zone);
// instants are stored in UTC and shown in Vietnam time (GMT+7, no daylight saving).
// Pure: the current time is always a parameter.
import { AppError } from '../errors.js';
import { toWellFormedText } from './input.js';
import { VN_OFFSET_MS } from './vn-date.js';

export { vnDateOf } from './vn-date.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2024-02-30 is false). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * The one check of a date every adapter accepts (query, body, import row): a real calendar date
 * written YYYY-MM-DD, else DATE_INVALID naming the field (missing → FIELD_REQUIRED).
 */
export function parseIsoDate(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '')
    throw new AppError('FIELD_REQUIRED', { field }, { field });
  if (!isIsoDate(value)) throw new AppError('DATE_INVALID', { field, value: shownValue(value) }, { field });
  return value;
}

/** As parseIsoDate, but a missing or empty value is undefined. */
export function optionalIsoDate(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return parseIsoDate(value, field);
}

/** Refuses a date after `today` (both YYYY-MM-DD): what happened cannot be dated in the future. */
export function requireNotAfter(date: string, today: string, field: string): string {
  if (date > today) throw new AppError('DATE_IN_FUTURE', { field, date, today }, { field });
  return date;
}

function shownValue(value: unknown): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? typeof value);
  // A value that is not a date is shown in the message: bounded, and only well-formed text.
  return toWellFormedText(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

export function daysInMonth(year: number, month: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** dd/mm/yyyy for a YYYY-MM-DD date. */
export function formatDateVn(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** "HH:mm:ss dd/MM/yyyy" in Vietnam time for a UTC instant (ISO string or Date). */
export function formatInstantVn(instant: string | Date): string {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  const iso = new Date(t.getTime() + VN_OFFSET_MS).toISOString();
  return `${iso.slice(11, 19)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** An instant as a Vietnamese reader writes it, in Vietnam time: "03/12/2026 16:19". */
export function formatDateTimeVn(instant: string | Date): string {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  const iso = new Date(t.getTime() + VN_OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

/**
 * The year of a valid ISO date (YYYY-MM-DD), read from its character codes: no slice, no Number
 * (the engine reads every member's dates of every record). 53,328 is the four digits' '0's.
 */
export function isoYear(d: string): number {
  return ((d.charCodeAt(0) * 10 + d.charCodeAt(1)) * 10 + d.charCodeAt(2)) * 10 + d.charCodeAt(3) - 53_328;
}

/** A valid ISO date's month counted from year 0: year * 12 + month - 1. */
export function isoMonthIndex(d: string): number {
  return isoYear(d) * 12 + d.charCodeAt(5) * 10 + d.charCodeAt(6) - 528 - 1;
}

/** A valid ISO date as the number YYYYMMDD, which orders as the dates do. */
export function isoDayNumber(d: string): number {
  return (
    isoYear(d) * 10_000 +
    (d.charCodeAt(5) * 10 + d.charCodeAt(6) - 528) * 100 +
    d.charCodeAt(8) * 10 +
    d.charCodeAt(9) -
    528
  );
}

/** Whole years reached on `on` by someone born on `birth` (both YYYY-MM-DD). */
export function ageOn(birth: string, on: string): number {
  const by = Number(birth.slice(0, 4));
  const bmd = birth.slice(5);
  const oy = Number(on.slice(0, 4));
  const omd = on.slice(5);
  return oy - by - (omd < bmd ? 1 : 0);
}

/** Whole months reached on `on` by someone born on `birth`. */
export function ageInMonthsOn(birth: string, on: string): number {
  const months =
    (Number(on.slice(0, 4)) - Number(birth.slice(0, 4))) * 12 +
    (Number(on.slice(5, 7)) - Number(birth.slice(5, 7)));
  return on.slice(8) < birth.slice(8) ? months - 1 : months;
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
