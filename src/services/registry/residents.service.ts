// Resident households (tổng số hộ dân cư) per commune × year: the denominator of every rate in the
// official reports (issue 12; docs/decisions/0021-official-reports.md). Entered per commune with its
// source and date, or imported as an Excel table of commune code × households (every bad row named,
// nothing written unless all are right). Every write is audited. Scope is checked on the row's own
// unit: province officers for their province, commune officers for their commune.
import { AppError, type ErrorParams } from '../../errors.js';
import { isIsoDate } from '../../domain/dates.js';
import { findUnitOn, type UnitRecord } from '../../db/repositories/units.repository.js';
import {
  findResidentHouseholds,
  listResidentHouseholds,
  upsertResidentHouseholds,
  type ResidentHouseholdRow,
} from '../../db/repositories/reports.repository.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { readSheet, rowError, type ImportRowError } from '../finance/import.service.js';
import type { Regrouping } from './regroup.js';

/** The resident households of a year are those of the units in force on 31 December of that year. */
const dateOf = (year: number) => `${year}-12-31`;

export interface ResidentHouseholdsInput {
  unitCode: string;
  year: number;
  households: number;
  source: string;
  /** YYYY-MM-DD */
  sourceDate: string;
}

export interface ResidentHouseholdsView {
  unit: { code: string; name: string };
  year: number;
  households: number | null;
  source: string | null;
  sourceDate: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

function checkYear(year: unknown, params: ErrorParams = {}): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100)
    throw new AppError(
      'FIELD_INVALID',
      { ...params, field: 'year', detail: String(year) },
      { field: 'year' },
    );
  return year;
}

/** Validates one figure and finds its commune; throws a coded error naming the field. */
async function validate(db: Executor, actor: Actor, input: Partial<ResidentHouseholdsInput>) {
  const year = checkYear(input.year);
  const code = typeof input.unitCode === 'number' ? String(input.unitCode) : input.unitCode;
  if (typeof code !== 'string' || !/^\d{2,5}$/.test(code.trim()))
    throw new AppError('FIELD_INVALID', { field: 'unit', detail: String(code ?? '') }, { field: 'unit' });
  const unit = await findUnitOn(db, code.trim(), dateOf(year));
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { code, date: dateOf(year) }, { field: 'unit' });
  // Out-of-scope units answer like missing ones.
  await requireUnitAccess(db, actor, unit.code).catch(() => {
    throw new AppError('UNIT_NOT_FOUND', { code, date: dateOf(year) }, { field: 'unit' });
  });
  if (unit.level !== 'commune')
    throw new AppError('UNIT_NOT_COMMUNE', { code: unit.code }, { field: 'unit' });
  const households = input.households;
  if (
    typeof households !== 'number' ||
    !Number.isInteger(households) ||
    households < 1 ||
    households > 10_000_000
  )
    throw new AppError(
      'FIELD_INVALID',
      { field: 'households', detail: String(households) },
      { field: 'households' },
    );
  const source = typeof input.source === 'string' ? input.source.trim() : '';
  if (source.length < 3 || source.length > 500)
    throw new AppError('FIELD_INVALID', { field: 'source', detail: source || '—' }, { field: 'source' });
  const sourceDate = input.sourceDate;
  if (typeof sourceDate !== 'string' || !isIsoDate(sourceDate))
    throw new AppError(
      'DATE_INVALID',
      { field: 'sourceDate', value: String(sourceDate ?? '') },
      { field: 'sourceDate' },
    );
  return { unit, year, households, source, sourceDate };
}

function viewOf(
  unit: UnitRecord,
  year: number,
  row: ResidentHouseholdRow | undefined,
): ResidentHouseholdsView {
  return {
    unit: { code: unit.code, name: unit.name },
    year,
    households: row ? Number(row.households) : null,
    source: row?.source ?? null,
    sourceDate: row?.source_date ?? null,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}

async function write(
  db: Executor,
  actor: Actor,
  at: string,
  v: Awaited<ReturnType<typeof validate>>,
): Promise<ResidentHouseholdRow> {
  const key = {
    provinceCode: v.unit.province_code,
    unitCode: v.unit.code,
    unitValidFrom: v.unit.valid_from ?? '',
    year: v.year,
  };
  const before = await findResidentHouseholds(db, key);
  const row: ResidentHouseholdRow = {
    province_code: key.provinceCode,
    unit_code: key.unitCode,
    unit_valid_from: key.unitValidFrom,
    year: v.year,
    households: v.households,
    source: v.source,
    source_date: v.sourceDate,
    updated_at: at,
    updated_by: actorName(actor),
  };
  await upsertResidentHouseholds(db, row);
  await insertAudit(db, {
    at,
    actorId: actorId(actor),
    actor: actorName(actor),
    action: before ? 'update' : 'create',
    entity: 'resident_household',
    entityId: `${key.unitCode}|${key.unitValidFrom}|${v.year}`,
    unitCode: key.unitCode,
    provinceCode: key.provinceCode,
    before: before
      ? { households: Number(before.households), source: before.source, sourceDate: before.source_date }
      : undefined,
    after: { households: v.households, source: v.source, sourceDate: v.sourceDate },
  });
  return row;
}

export async function setResidentHouseholds(
  deps: Deps,
  actor: Actor,
  input: Partial<ResidentHouseholdsInput>,
): Promise<ResidentHouseholdsView> {
  requirePermission(actor, 'registry.write');
  const at = nowIso(deps);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const v = await validate(trx, actor, input);
    const row = await write(trx, actor, at, v);
    return viewOf(v.unit, v.year, row);
  });
}

export async function getResidentHouseholds(
  deps: Deps,
  actor: Actor,
  input: { unitCode: string; year: number },
): Promise<ResidentHouseholdsView> {
  requirePermission(actor, 'registry.read');
  const db = deps.db.kysely;
  const year = checkYear(input.year);
  const unit = await findUnitOn(db, input.unitCode, dateOf(year));
  if (!unit)
    throw new AppError('UNIT_NOT_FOUND', { code: input.unitCode, date: dateOf(year) }, { field: 'unit' });
  await requireUnitAccess(db, actor, unit.code).catch(() => {
    throw new AppError('UNIT_NOT_FOUND', { code: input.unitCode, date: dateOf(year) }, { field: 'unit' });
  });
  if (unit.level !== 'commune')
    throw new AppError('UNIT_NOT_COMMUNE', { code: unit.code }, { field: 'unit' });
  const row = await findResidentHouseholds(db, {
    provinceCode: unit.province_code,
    unitCode: unit.code,
    unitValidFrom: unit.valid_from ?? '',
    year,
  });
  return viewOf(unit, year, row);
}

/** Headers of the import table, folded (lower-case, no accents). */
const HEADERS: Record<string, string> = {
  'ma xa': 'unitCode',
  'ma don vi': 'unitCode',
  'ma xa phuong': 'unitCode',
  'ma xa phuong thi tran': 'unitCode',
  unitcode: 'unitCode',
  'so ho dan cu': 'households',
  'tong so ho dan cu': 'households',
  households: 'households',
  'nguon so lieu': 'source',
  nguon: 'source',
  source: 'source',
  'ngay so lieu': 'sourceDate',
  sourcedate: 'sourceDate',
};

export interface ResidentImportReport {
  read: number;
  imported: number;
  errors: ImportRowError[];
}

/**
 * Imports a table of commune code × resident households for `year`. A row may carry its own source
 * and date (columns "Nguồn số liệu", "Ngày số liệu"); otherwise those given apply. Any bad row →
 * IMPORT_ROWS_INVALID listing every bad row (row number, code, field); nothing is written.
 */
export async function importResidentHouseholds(
  deps: Deps,
  actor: Actor,
  data: Buffer,
  opts: { year: number; source?: string; sourceDate?: string },
): Promise<ResidentImportReport> {
  requirePermission(actor, 'registry.write');
  checkYear(opts.year);
  const { rows } = await readSheet(data, HEADERS);
  const at = nowIso(deps);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const errors: ImportRowError[] = [];
    const valid: Awaited<ReturnType<typeof validate>>[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      try {
        const raw = r.values;
        const v = await validate(trx, actor, {
          unitCode: raw.unitCode === undefined ? undefined : String(raw.unitCode),
          year: opts.year,
          households:
            typeof raw.households === 'string'
              ? Number(raw.households.replace(/[.\s]/g, ''))
              : (raw.households as number),
          source: (raw.source as string | undefined) ?? opts.source,
          sourceDate: (raw.sourceDate as string | undefined) ?? opts.sourceDate,
        });
        const first = seen.get(v.unit.code);
        if (first !== undefined)
          throw new AppError(
            'FIELD_INVALID',
            { field: 'unit', detail: `${v.unit.code} trùng dòng ${first} / repeats row ${first}` },
            { field: 'unit' },
          );
        seen.set(v.unit.code, r.row);
        valid.push(v);
      } catch (err) {
        errors.push(rowError(r.row, err));
      }
    }
    if (rows.length === 0)
      throw new AppError('IMPORT_FILE_INVALID', { detail: 'bảng không có dòng nào / the table has no rows' });
    if (errors.length)
      throw new AppError(
        'IMPORT_ROWS_INVALID',
        { count: errors.length },
        { data: { read: rows.length, imported: 0, errors } },
      );
    for (const v of valid) await write(trx, actor, at, v);
    return { read: rows.length, imported: valid.length, errors: [] };
  });
}

/**
 * The resident households of each child of a report (and of the unit), for the year: the figures of
 * the communes landing in it. A child whose communes in force on the date do not all have a figure
 * has none (null): a partial sum would make every rate over it wrong.
 */
export async function residentFigures(
  deps: Deps,
  g: Regrouping,
  year: number,
): Promise<{ total: number | null; byChild: Map<string, number | null> }> {
  const rows = await listResidentHouseholds(deps.db.kysely, { provinceCode: g.unit.province_code, year });
  const perCommune = new Map<string, number>();
  for (const r of rows) {
    const landed = await g.landing(r.unit_code, r.unit_valid_from);
    if (!landed) continue;
    perCommune.set(landed.code, (perCommune.get(landed.code) ?? 0) + Number(r.households));
  }
  const byChild = new Map<string, number | null>();
  let total: number | null = 0;
  for (const c of g.communes) {
    const n = perCommune.get(c.code);
    const child = g.childOf(c);
    const key = child?.code ?? c.code;
    const cur = byChild.has(key) ? byChild.get(key)! : 0;
    byChild.set(key, n === undefined || cur === null ? null : cur + n);
    total = n === undefined || total === null ? null : total + n;
  }
  if (g.communes.length === 0) total = null;
  return { total, byChild };
}
