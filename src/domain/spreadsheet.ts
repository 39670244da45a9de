// Spreadsheet formula injection (OWASP "CSV injection"): a text cell that starts with =, +, -, @,
// a tab or a carriage return can be read by Excel or LibreOffice as a formula (=HYPERLINK(…),
// =cmd|…) when the file is opened or a cell is edited. Every CSV and XLSX the product writes passes
// its cells through neutraliseCell, which prefixes such text with an apostrophe, so the cell is
// shown as the text that was typed. Numbers, dates, booleans and empty cells are left as they are:
// a negative amount stays a number.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell to write: text that could start a formula gets a leading "'"; anything else unchanged. */
export function neutraliseCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Every cell of a row (an array, or an object keyed by column) through neutraliseCell. */
export function neutraliseRow<T>(row: readonly T[]): (T | string)[];
export function neutraliseRow<T>(row: Readonly<Record<string, T>>): Record<string, T | string>;
export function neutraliseRow<T>(
  row: readonly T[] | Readonly<Record<string, T>>,
): (T | string)[] | Record<string, T | string> {
  if (Array.isArray(row)) return (row as readonly T[]).map(neutraliseCell);
  return Object.fromEntries(Object.entries(row as Record<string, T>).map(([k, v]) => [k, neutraliseCell(v)]));
}
