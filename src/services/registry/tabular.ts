// The tabular form of survey records (contracts/survey-record.md §6): a households table and a
// members table whose columns are the JSON field paths, as CSV files or as the sheets
// `households`/`members` (or `Hộ`/`Thành viên`) of an XLSX workbook. This module turns them into
// raw JSON records for the one parser of the engine, and back (the error report the officer fixes
// and re-imports). Conversions are lenient where spreadsheets are messy (Vietnamese headers and
// yes/no words, dd/mm/yyyy and Excel serial dates, "1.450.000" amounts, a BOM or a Windows-1258
// file) and leave anything else untouched so the parser names the row and field.
import { neutraliseCell, neutraliseRow } from '../../domain/spreadsheet.js';
import fs from 'node:fs';
import { parse as parseCsvSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError, messageOf, type ErrorCode } from '../../errors.js';
import {
  HOUSEHOLD_FIELDS,
  MEMBER_FIELDS,
  SURVEY_FIELDS,
  foldHeader,
  type FieldType,
  type SurveyField,
} from '../../domain/survey/fields.js';
import { guardXlsx } from '../xlsx-guard.js';
import { ethnicCodeOf } from '../../domain/reference/ethnic-groups.js';
import { WORDS, type WordSetName } from '../../domain/words/catalogue.js';

// The columns, their Vietnamese headers and how each cell is read all come from the survey field
// catalogue (src/domain/survey/fields.ts): a new field there is a new column here.

/** The households table's columns: household fields in the order of Phiếu B. */
export const HOUSEHOLD_COLUMNS: readonly string[] = HOUSEHOLD_FIELDS.map((f) => f.column);

/** The members table's columns: the household link, then member fields in form order. */
export const MEMBER_COLUMNS: readonly string[] = ['householdId', ...MEMBER_FIELDS.map((f) => f.column)];

/** Accepted headers, folded (lower case, no accents), to their column, per table. */
function aliasesOf(fields: readonly SurveyField[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const f of fields)
    for (const h of [f.column, f.label.vi, ...f.aliases]) out.set(foldHeader(h), f.column);
  return out;
}
const HOUSEHOLD_ALIASES = aliasesOf(HOUSEHOLD_FIELDS);
/** The members table also names its household, by the household code's headers. */
const MEMBER_ALIASES = new Map([
  ...aliasesOf(MEMBER_FIELDS),
  ...aliasesOf(HOUSEHOLD_FIELDS.filter((f) => f.path === 'householdId')),
]);

const columnsOfType = (...types: FieldType[]) =>
  new Set(SURVEY_FIELDS.filter((f) => types.includes(f.type)).map((f) => f.column));
const BOOLEAN_COLUMNS = columnsOfType('boolean');
const NUMBER_COLUMNS = columnsOfType('money', 'number', 'integer');
const DATE_COLUMNS = columnsOfType('date');
const LIST_COLUMNS = columnsOfType('enum-list');
const TEXT_COLUMNS = columnsOfType('text', 'unit-code', 'citizen-id');
/** An empty cell of an optional field is its stated absence (null), not a missing answer. */
const NULLABLE_COLUMNS = new Set(
  SURVEY_FIELDS.filter((f) => !f.required && f.whenAbsent === null && f.inRecord).map((f) => f.column),
);
/**
 * How an answer of an enum column may be written in a cell: its code, or its word in either
 * language with or without accents ("Mường", "muong", "Thiếu vốn sản xuất, kinh doanh"). The
 * ethnicity column also takes a 1979-list code without its leading zero and a group's short name
 * (ethnic-groups.ts `ethnicCodeOf`).
 */
const ENUM_READERS = new Map<string, (cell: string) => string | undefined>(
  SURVEY_FIELDS.filter((f) => f.words !== null).map((f) => {
    const set = WORDS[f.words as WordSetName] as Record<string, { vi: string; en: string }>;
    const byWord = new Map<string, string>();
    for (const [code, w] of Object.entries(set)) for (const x of [w.vi, w.en]) byWord.set(fold(x), code);
    const read = (cell: string) =>
      Object.prototype.hasOwnProperty.call(set, cell)
        ? cell
        : (byWord.get(fold(cell)) ?? (f.words === 'ethnicGroup' ? ethnicCodeOf(cell) : undefined));
    return [f.column, read] as const;
  }),
);

/** Required columns of each table: without them no row can be read. */
const REQUIRED = {
  households: ['householdId', 'unitCode', 'surveyDate', 'incomePerCapitaMonthly'],
  members: ['householdId', 'name', 'birthDate', 'sex'],
};

/** Columns the report adds and the import ignores on the way back. */
const IGNORED_COLUMN = /^(_|lỗi|loi$|errors?$)/i;

export interface TabularError {
  line: number;
  householdId: string | null;
  code: ErrorCode;
  field: string;
  message: string;
  table?: 'households' | 'members';
}

export interface TabularRecord {
  /** Line (CSV) or row (XLSX) of the household in its table. */
  line: number;
  raw: Record<string, unknown>;
  /** Line of each member, in order (member errors point at them). */
  memberLines: number[];
}

export interface TabularData {
  records: TabularRecord[];
  /** Errors that are not about one field of a record (columns, orphan members, a broken file). */
  errors: TabularError[];
  /** True when the columns are wrong: every record is rejected. */
  fatal: boolean;
  /** Household rows found (records may be empty when the columns are wrong). */
  rowCount: number;
}

type Row = { line: number; cells: Record<string, unknown> };

/** Lower case, no accents, đ → d (a function declaration: the column readers above use it). */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();
}

function fileError(code: ErrorCode, params: Record<string, string | number>, field = ''): TabularError {
  return { line: 0, householdId: null, code, field, message: messageOf(code, params) };
}

/** Decodes CSV bytes: UTF-8 (BOM stripped), else Windows-1258 (what Vietnamese Excel saves). */
export function decodeCsv(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'windows-1258');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Windows-1258 writes tones as combining marks: compose them so names compare equal.
  return text.normalize('NFC');
}

/**
 * An unreadable table (not CSV, cut inside a quoted cell, empty) throws IMPORT_FILE_INVALID:
 * nothing of the file can be imported, so the import fails instead of reporting rows
 * (docs/decisions/0016).
 */
function csvRows(bytes: Buffer, table: 'households' | 'members'): { header: string[]; rows: Row[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsvSync(decodeCsv(bytes), {
      delimiter: [',', ';', '\t'],
      relax_column_count: false,
      skip_empty_lines: true,
      info: true,
      raw: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw new AppError(
      'IMPORT_FILE_INVALID',
      { detail: `${table}${e.lines ? ` (dòng / line ${e.lines})` : ''}: ${e.message ?? String(err)}` },
      { field: 'file' },
    );
  }
  const [first, ...rest] = records;
  if (!first)
    throw new AppError(
      'IMPORT_FILE_INVALID',
      { detail: `bảng ${table} trống / the ${table} table is empty` },
      { field: 'file' },
    );
  const header = first.record.map((h) => h.trim());
  return {
    header,
    rows: rest.map((r) => ({
      line: r.info.lines,
      cells: Object.fromEntries(header.map((h, i) => [h, r.record[i] ?? ''])),
    })),
  };
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('error' in v) return '';
  }
  return v;
}

function sheetRows(ws: ExcelJS.Worksheet): { header: string[]; rows: Row[] } {
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    header[col - 1] = String(cellValue(cell.value)).trim();
  });
  const rows: Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (h) cells[h] = cellValue(row.getCell(i + 1).value);
    });
    if (Object.values(cells).some((c) => c !== '')) rows.push({ line: n, cells });
  });
  return { header: header.filter(Boolean), rows };
}

function canonicalHeader(h: string, aliases: ReadonlyMap<string, string>): string | null {
  return aliases.get(foldHeader(h)) ?? null;
}

/** Excel stores dates as days since 1899-12-30; CSV exports of such cells keep the number. */
export function excelSerialToIso(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

function convert(column: string, value: unknown): unknown {
  if (typeof value === 'string') value = value.trim();
  if (value === '' || value === null || value === undefined)
    return NULLABLE_COLUMNS.has(column) ? null : undefined;
  if (BOOLEAN_COLUMNS.has(column)) {
    if (typeof value === 'boolean') return value;
    const v = fold(String(value));
    if (['true', '1', 'co', 'x', 'yes'].includes(v)) return true;
    if (['false', '0', 'khong', 'no'].includes(v)) return false;
    return value;
  }
  if (NUMBER_COLUMNS.has(column)) {
    if (typeof value === 'number') return value;
    const s = String(value).replace(/\s|₫|đ/g, '');
    const n = /^\d{1,3}(\.\d{3})+$/.test(s) ? Number(s.replace(/\./g, '')) : Number(s.replace(',', '.'));
    return Number.isFinite(n) && s !== '' ? n : value;
  }
  if (DATE_COLUMNS.has(column)) {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 80_000)
      return excelSerialToIso(value);
    const s = String(value);
    if (/^\d{1,5}$/.test(s) && Number(s) > 0 && Number(s) < 80_000) return excelSerialToIso(Number(s));
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return s;
  }
  const asCode = ENUM_READERS.get(column);
  if (LIST_COLUMNS.has(column)) {
    // Items are separated by ";" (a word may hold a comma); a list of bare codes may use ",".
    const s = String(value);
    return s
      .split(s.includes(';') ? ';' : /[;,]/)
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => asCode?.(x) ?? x);
  }
  if (asCode && typeof value === 'string') return asCode(value) ?? value;
  if (TEXT_COLUMNS.has(column)) {
    // A spreadsheet may have turned "038080001234" into a number: the leading zeros are lost
    // and the parser then rejects it, which is right (we cannot know how many were lost).
    return String(value);
  }
  return value;
}

function buildRecords(
  households: { header: string[]; rows: Row[] },
  members: { header: string[]; rows: Row[] },
): TabularData {
  const errors: TabularError[] = [];
  const mapHeader = (
    header: string[],
    aliases: ReadonlyMap<string, string>,
    table: 'households' | 'members',
  ) => {
    const out = new Map<string, string>();
    for (const h of header) {
      if (IGNORED_COLUMN.test(h)) continue;
      const c = canonicalHeader(h, aliases);
      if (c) out.set(h, c);
      else errors.push({ ...fileError('IMPORT_COLUMN_UNKNOWN', { column: h, table }, h), line: 1, table });
    }
    for (const required of REQUIRED[table]) {
      if (![...out.values()].includes(required)) {
        errors.push({
          ...fileError('FIELD_REQUIRED', { field: `${table}.${required}` }, required),
          line: 1,
          table,
        });
      }
    }
    return out;
  };
  const hMap = mapHeader(households.header, HOUSEHOLD_ALIASES, 'households');
  const mMap = mapHeader(members.header, MEMBER_ALIASES, 'members');
  if (errors.length > 0) return { records: [], errors, fatal: true, rowCount: households.rows.length };

  const records: TabularRecord[] = [];
  const byId = new Map<string, TabularRecord>();
  for (const row of households.rows) {
    const raw: Record<string, unknown> = {};
    for (const [h, column] of hMap) {
      const v = convert(column, row.cells[h]);
      if (v === undefined) continue;
      const dot = column.indexOf('.');
      if (dot > 0) {
        // A nested field (housing.floorAreaM2): one object per first segment.
        const inner = (raw[column.slice(0, dot)] ??= {}) as Record<string, unknown>;
        inner[column.slice(dot + 1)] = v;
      } else raw[column] = v;
    }
    // An empty list cell is the answer "none" (contract §1: [] = none).
    for (const c of LIST_COLUMNS) if (raw[c] === undefined && [...hMap.values()].includes(c)) raw[c] = [];
    raw.members = [];
    const rec: TabularRecord = { line: row.line, raw, memberLines: [] };
    records.push(rec);
    // A duplicated id is reported by the import; members go to the first household of that id.
    if (typeof raw.householdId === 'string' && !byId.has(raw.householdId)) byId.set(raw.householdId, rec);
  }
  for (const row of members.rows) {
    const m: Record<string, unknown> = {};
    for (const [h, column] of mMap) {
      const v = convert(column, row.cells[h]);
      if (v !== undefined) m[column] = v;
    }
    const id = typeof m.householdId === 'string' ? m.householdId : '';
    const rec = byId.get(id);
    if (!rec) {
      errors.push({
        line: row.line,
        householdId: id || null,
        code: 'IMPORT_MEMBER_ORPHAN',
        field: 'householdId',
        message: messageOf('IMPORT_MEMBER_ORPHAN', { householdId: id }),
        table: 'members',
      });
      continue;
    }
    delete m.householdId;
    (rec.raw.members as unknown[]).push(m);
    rec.memberLines.push(row.line);
  }
  return { records, errors, fatal: false, rowCount: households.rows.length };
}

export function readCsvTables(householdsBytes: Buffer, membersBytes: Buffer): TabularData {
  return buildRecords(csvRows(householdsBytes, 'households'), csvRows(membersBytes, 'members'));
}

const SHEET_NAMES = {
  households: ['households', 'hộ', 'ho'],
  members: ['members', 'thành viên', 'thanh vien'],
};

/**
 * Reads the two sheets of a workbook. Limits on size, compression ratio and rows are checked
 * before exceljs loads it (guardXlsx); an unreadable workbook throws IMPORT_FILE_INVALID.
 */
export async function readXlsx(bytes: Buffer): Promise<TabularData> {
  await guardXlsx(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError(
      'IMPORT_FILE_INVALID',
      { detail: `XLSX: ${err instanceof Error ? err.message : String(err)}` },
      { field: 'file' },
    );
  }
  const find = (names: string[]) =>
    wb.worksheets.find((ws) => names.includes(ws.name.normalize('NFC').trim().toLowerCase()));
  const hs = find(SHEET_NAMES.households);
  const ms = find(SHEET_NAMES.members);
  if (!hs || !ms)
    throw new AppError(
      'IMPORT_FILE_INVALID',
      {
        detail: `cần hai trang tính "households" (Hộ) và "members" (Thành viên), có: ${wb.worksheets.map((w) => w.name).join(', ')} / two sheets "households" and "members" are needed`,
      },
      { field: 'file' },
    );
  return buildRecords(sheetRows(hs), sheetRows(ms));
}

// ── back to tables: the error report ────────────────────────────────────────

function flatHousehold(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of HOUSEHOLD_COLUMNS) {
    const dot = c.indexOf('.');
    const v =
      dot > 0 ? (raw[c.slice(0, dot)] as Record<string, unknown> | undefined)?.[c.slice(dot + 1)] : raw[c];
    out[c] = Array.isArray(v)
      ? v.join(';')
      : v === null || v === undefined
        ? ''
        : typeof v === 'object'
          ? JSON.stringify(v)
          : v;
  }
  return out;
}

function flatMember(householdId: unknown, m: unknown): Record<string, unknown> {
  const src = (m && typeof m === 'object' ? m : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { householdId: householdId ?? '' };
  for (const c of MEMBER_COLUMNS)
    if (c !== 'householdId') out[c] = src[c] === null || src[c] === undefined ? '' : src[c];
  return out;
}

export interface RejectedRecord {
  raw: unknown;
  errors: { code: string; field: string; message: string }[];
}

const csvCell = (v: unknown) => {
  const s = String(neutraliseCell(v) ?? '');
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Writes the rejected records in the import template with an `_errors` column: XLSX (two sheets)
 * when `file` ends in .xlsx, else two CSV files (`file` and `file` with `.members` before the
 * extension). The officer fixes the cells and imports the file again; `_errors` is ignored then.
 */
export async function writeErrorReport(file: string, rejected: RejectedRecord[]): Promise<string[]> {
  const hRows = rejected.map((r) => {
    const raw = (r.raw && typeof r.raw === 'object' ? r.raw : {}) as Record<string, unknown>;
    return {
      ...flatHousehold(raw),
      _errors: r.errors.map((e) => `${e.field || '—'}: ${e.code} ${e.message}`).join(' | '),
    };
  });
  const mRows = rejected.flatMap((r) => {
    const raw = (r.raw && typeof r.raw === 'object' ? r.raw : {}) as Record<string, unknown>;
    return Array.isArray(raw.members) ? raw.members.map((m) => flatMember(raw.householdId, m)) : [];
  });
  const hCols = [...HOUSEHOLD_COLUMNS, '_errors'];
  const mCols = [...MEMBER_COLUMNS];
  if (file.toLowerCase().endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    const hs = wb.addWorksheet('households');
    hs.columns = hCols.map((c) => ({ header: c, key: c, width: c === '_errors' ? 80 : 16 }));
    hs.addRows(hRows.map((r) => neutraliseRow(r)));
    hs.getRow(1).font = { bold: true };
    const ms = wb.addWorksheet('members');
    ms.columns = mCols.map((c) => ({ header: c, key: c, width: 16 }));
    ms.addRows(mRows.map((r) => neutraliseRow(r)));
    ms.getRow(1).font = { bold: true };
    await wb.xlsx.writeFile(file);
    return [file];
  }
  const membersFile = membersFileOf(file);
  const toCsv = (cols: string[], rows: Record<string, unknown>[]) =>
    `\ufeff${[cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\r\n')}\r\n`;
  fs.writeFileSync(file, toCsv(hCols, hRows));
  fs.writeFileSync(membersFile, toCsv(mCols, mRows));
  return [file, membersFile];
}

/** The members table beside a households CSV: `x.csv` → `x.members.csv`. */
export function membersFileOf(file: string): string {
  return /\.csv$/i.test(file) ? file.replace(/\.csv$/i, '.members.csv') : `${file}.members.csv`;
}

/** Writes records (raw JSON objects) as the two-table template (for tests and demos). */
export async function writeTables(file: string, records: Record<string, unknown>[]): Promise<string[]> {
  const files = await writeErrorReport(
    file,
    records.map((raw) => ({ raw, errors: [] })),
  );
  return files;
}
