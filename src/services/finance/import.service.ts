// Excel import of the tables finance officers already keep: allocations (kế hoạch vốn) and
// disbursements (giải ngân). Headers may be Vietnamese or the API's field names; every row is
// checked and every bad row reported (row number, code, field); the file is written all or nothing.
import ExcelJS from 'exceljs';
import { AppError, errorBody, isAppError, type ErrorBody } from '../../errors.js';
import { isIsoDate } from '../../domain/dates.js';
import {
  findAllocationByKey,
  findProgramForYear,
  findComponent,
} from '../../db/repositories/finance.repository.js';
import { findUnitOn } from '../../db/repositories/units.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { requirePermission } from '../access.js';
import type { Actor, Deps } from '../deps.js';
import {
  importAllocationRows,
  importDisbursementRows,
  type AllocationInput,
  type DisbursementInput,
} from './allocations.service.js';

export interface ImportRowError {
  row: number;
  code: string;
  field: string | null;
  message: string;
  messageEn: string;
}

export interface FinanceImportReport {
  kind: 'allocations' | 'disbursements';
  read: number;
  imported: number;
  errors: ImportRowError[];
}

/** Lower-case, no diacritics, single spaces: "Số chứng từ" → "so chung tu". */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const ALLOCATION_HEADERS: Record<string, keyof AllocationInput> = {
  nam: 'year',
  year: 'year',
  'ma don vi': 'unitCode',
  'don vi': 'unitCode',
  unitcode: 'unitCode',
  'ma chuong trinh': 'programCode',
  programcode: 'programCode',
  'du an': 'componentCode',
  'ma du an': 'componentCode',
  'du an tieu du an': 'componentCode',
  componentcode: 'componentCode',
  'loai von': 'capitalType',
  capitaltype: 'capitalType',
  'nguon von': 'source',
  source: 'source',
  'so tien': 'amount',
  'so tien dong': 'amount',
  'ke hoach von': 'amount',
  'ke hoach von dong': 'amount',
  amount: 'amount',
  'so quyet dinh': 'decisionNo',
  decisionno: 'decisionNo',
  'ngay quyet dinh': 'decisionDate',
  decisiondate: 'decisionDate',
  'han giai ngan': 'deadline',
  deadline: 'deadline',
  'ghi chu': 'note',
  note: 'note',
};

type DisbursementKey =
  keyof DisbursementInput | 'year' | 'unitCode' | 'componentCode' | 'capitalType' | 'source';
const DISBURSEMENT_HEADERS: Record<string, DisbursementKey> = {
  'ma phan bo': 'allocationId',
  allocationid: 'allocationId',
  nam: 'year',
  year: 'year',
  'ma don vi': 'unitCode',
  unitcode: 'unitCode',
  'du an': 'componentCode',
  'ma du an': 'componentCode',
  componentcode: 'componentCode',
  'loai von': 'capitalType',
  capitaltype: 'capitalType',
  'nguon von': 'source',
  source: 'source',
  ngay: 'date',
  'ngay giai ngan': 'date',
  'ngay chung tu': 'date',
  date: 'date',
  'so tien': 'amount',
  'so tien dong': 'amount',
  amount: 'amount',
  'so chung tu': 'voucherNo',
  voucherno: 'voucherNo',
  'noi dung': 'activity',
  'hoat dong': 'activity',
  activity: 'activity',
  'so ho huong loi': 'beneficiaryHouseholds',
  beneficiaryhouseholds: 'beneficiaryHouseholds',
};

/** Officers' words for the enumerations, folded. */
const CAPITAL_WORDS: Record<string, string> = {
  'dau tu phat trien': 'development',
  dtpt: 'development',
  'von dau tu phat trien': 'development',
  'su nghiep': 'recurrent',
  'von su nghiep': 'recurrent',
};
const SOURCE_WORDS: Record<string, string> = {
  'trung uong': 'central',
  'ngan sach trung uong': 'central',
  nstw: 'central',
  tinh: 'province',
  'ngan sach tinh': 'province',
  huyen: 'commune',
  xa: 'commune',
  'ngan sach huyen': 'commune',
  'ngan sach xa': 'commune',
  'huyen xa': 'commune',
  khac: 'other',
  'nguon khac': 'other',
  'huy dong khac': 'other',
};

/** A cell as the services expect it: dates as YYYY-MM-DD, dd/mm/yyyy read as such, numbers kept. */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return undefined;
  }
  if (typeof v === 'string') {
    const t = v.normalize('NFC').trim();
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    if (m) {
      const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
      return isIsoDate(iso) ? iso : t;
    }
    return t === '' ? undefined : t;
  }
  return v;
}

async function readSheet(
  data: Buffer,
  headers: Record<string, string>,
): Promise<{ rows: { row: number; values: Record<string, unknown> }[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as never);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID', {
      detail: 'không đọc được tệp XLSX / not a readable XLSX file',
    });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_FILE_INVALID', { detail: 'tệp không có trang tính / no worksheet' });
  // The header row is the first row naming at least two known columns (titles may sit above it).
  let headerRow = 0;
  let columns = new Map<number, string>();
  for (let r = 1; r <= Math.min(ws.rowCount, 15) && !headerRow; r++) {
    const found = new Map<number, string>();
    ws.getRow(r).eachCell((cell, col) => {
      const key = headers[fold(String(cellValue(cell.value) ?? ''))];
      if (key) found.set(col, key);
    });
    if (found.size >= 2) {
      headerRow = r;
      columns = found;
    }
  }
  if (!headerRow)
    throw new AppError('IMPORT_FILE_INVALID', {
      detail: 'không tìm thấy dòng tiêu đề / no header row found',
    });
  const rows: { row: number; values: Record<string, unknown> }[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const values: Record<string, unknown> = {};
    let any = false;
    for (const [col, key] of columns) {
      const v = cellValue(ws.getRow(r).getCell(col).value);
      if (v !== undefined) {
        values[key] = v;
        any = true;
      }
    }
    if (any) rows.push({ row: r, values });
  }
  return { rows };
}

function mapWord(v: unknown, words: Record<string, string>): unknown {
  return typeof v === 'string' ? (words[fold(v)] ?? v) : v;
}

function rowError(row: number, err: unknown): ImportRowError {
  const body: ErrorBody = isAppError(err) ? err.toJSON('vi') : errorBody('INTERNAL');
  return {
    row,
    code: body.code,
    field: body.field ?? null,
    message: body.message,
    messageEn: body.messageEn,
  };
}

function fail(kind: FinanceImportReport['kind'], read: number, errors: ImportRowError[]): never {
  throw new AppError(
    'IMPORT_ROWS_INVALID',
    { count: errors.length },
    { data: { kind, read, imported: 0, errors } },
  );
}

/** Imports an allocations table; any bad row → IMPORT_ROWS_INVALID listing every bad row, nothing written. */
export async function importAllocations(
  deps: Deps,
  actor: Actor,
  data: Buffer,
): Promise<FinanceImportReport> {
  requirePermission(actor, 'finance.write');
  const { rows } = await readSheet(data, ALLOCATION_HEADERS);
  const inputs = rows.map((r) => ({
    row: r.row,
    input: {
      ...r.values,
      capitalType: mapWord(r.values.capitalType, CAPITAL_WORDS),
      source: mapWord(r.values.source, SOURCE_WORDS),
    } as AllocationInput,
  }));
  const result = await importAllocationRows(deps, actor, inputs, rowError);
  if (result.errors.length) fail('allocations', rows.length, result.errors);
  return { kind: 'allocations', read: rows.length, imported: result.written, errors: [] };
}

async function allocationIdOf(db: Executor, v: Record<string, unknown>): Promise<unknown> {
  if (v.allocationId !== undefined) return v.allocationId;
  // Without the allocation id, the key columns find it (year × unit × project × capital × source).
  const year = Number(v.year);
  const program = Number.isInteger(year) ? await findProgramForYear(db, year) : undefined;
  const code = typeof v.componentCode === 'string' ? v.componentCode.trim().toUpperCase() : '';
  const component = program && code ? await findComponent(db, Number(program.id), code) : undefined;
  if (!component)
    throw new AppError(
      'PROJECT_UNKNOWN',
      { code: String(v.componentCode ?? '') },
      { field: 'componentCode' },
    );
  const unit =
    typeof v.unitCode === 'string' || typeof v.unitCode === 'number'
      ? await findUnitOn(db, String(v.unitCode), `${year}-06-30`)
      : undefined;
  if (!unit)
    throw new AppError(
      'UNIT_NOT_FOUND',
      { code: String(v.unitCode ?? ''), date: `${year}-06-30` },
      { field: 'unitCode' },
    );
  const a = await findAllocationByKey(db, {
    provinceCode: unit.province_code,
    unitCode: unit.code,
    year,
    componentId: component.id,
    capitalType: String(mapWord(v.capitalType, CAPITAL_WORDS)),
    source: String(mapWord(v.source, SOURCE_WORDS)),
  });
  if (!a)
    throw new AppError(
      'ALLOCATION_NOT_FOUND',
      { id: `${year} × ${code} × ${String(v.capitalType)} × ${String(v.source)} × ${unit.code}` },
      { field: 'allocationId' },
    );
  return a.id;
}

/** Imports a disbursements table (each row checked against the balance left by the rows above it). */
export async function importDisbursements(
  deps: Deps,
  actor: Actor,
  data: Buffer,
): Promise<FinanceImportReport> {
  requirePermission(actor, 'finance.write');
  const { rows } = await readSheet(data, DISBURSEMENT_HEADERS);
  const errors: ImportRowError[] = [];
  const inputs: { row: number; input: DisbursementInput }[] = [];
  const vouchers = new Map<string, number>();
  for (const r of rows) {
    try {
      const allocationId = await allocationIdOf(deps.db.kysely, r.values);
      const voucher =
        typeof r.values.voucherNo === 'string' || typeof r.values.voucherNo === 'number'
          ? String(r.values.voucherNo).trim()
          : '';
      if (voucher && vouchers.has(voucher))
        throw new AppError('VOUCHER_DUPLICATE', { voucher }, { field: 'voucherNo' });
      if (voucher) vouchers.set(voucher, r.row);
      inputs.push({ row: r.row, input: { ...(r.values as DisbursementInput), allocationId } });
    } catch (err) {
      if (!isAppError(err)) throw err;
      errors.push(rowError(r.row, err));
    }
  }
  const result = await importDisbursementRows(deps, actor, inputs, rowError);
  errors.push(...result.errors);
  if (errors.length)
    fail(
      'disbursements',
      rows.length,
      errors.sort((a, b) => a.row - b.row),
    );
  return { kind: 'disbursements', read: rows.length, imported: result.written, errors: [] };
}
