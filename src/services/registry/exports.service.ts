// Excel exports of the registry: the household list with the filters of the list screen (unit,
// period, village, class, movement, search words), and the recognised lists of a commune × period
// (one sheet of poor, one of near-poor households, with their certificate numbers). Written with
// exceljs's streaming WorkbookWriter, a page of rows at a time (keyset paging) and waiting for the
// output to drain, so a province-wide export stays bounded in memory. Vietnamese headers, dates as
// real dates shown dd/mm/yyyy, numbers as numbers, the header row frozen with an autofilter.
// Names follow the list's rule: readers without personal-data rights get initials, and no birth
// date, address or citizen ID.
import { neutraliseRow } from '../../domain/spreadsheet.js';
import { periodOf } from '../input.js';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.js';
import { formatInstantVn } from '../../domain/dates.js';

import { WORDS, wordOfCode } from '../../domain/words/catalogue.js';
import { certificateNumber, maskName } from '../../domain/registry/certificate.js';
import {
  exportHouseholdsPage,
  listCommuneResults,
  listRecognisedCampaigns,
  listValidCertificatesOf,
  type ExportCursor,
  type ExportFilter,
} from '../../db/repositories/certificates.repository.js';
import { findUnitOn, listUnitsOn } from '../../db/repositories/units.repository.js';
import { findVillage } from '../../db/repositories/villages.repository.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import { personalDataFor } from '../personal-data.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { listFilterOf } from './households.service.js';
import { nfc } from '../pdf.js';
import { recordAccess, searchForRecord, startListAccess } from '../privacy/access-record.service.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Classes, movements and statuses are written in words from the catalogue (a file is read by people).
const CLASS_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(WORDS.classification).map(([code, w]) => [code, w.vi]),
);

const PAGE = 1000;

/** A YYYY-MM-DD date as the Excel date of that day (midnight UTC: no shift when read back). */
function excelDate(date: string | null | undefined): Date | null {
  if (!date) return null;
  const d = new Date(`${date}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

type Drainable = Pick<Writable, 'once' | 'off'> & {
  writableNeedDrain?: boolean;
  /** readable-stream 2/3 (archiver's) keep it here. */
  _writableState?: { needDrain?: boolean };
};

const needsDrain = (w: Drainable): boolean => w.writableNeedDrain ?? w._writableState?.needDrain ?? false;

/** Waits until a stream has taken what was written to it (or `out` closed: the download ended). */
async function drained(w: Drainable, out: Writable): Promise<void> {
  if (!needsDrain(w) || out.destroyed) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      w.off('drain', done);
      out.off('close', done);
      out.off('error', fail);
      resolve();
    };
    const fail = (err: Error) => {
      w.off('drain', done);
      out.off('close', done);
      reject(err);
    };
    w.once('drain', done);
    out.once('close', done);
    out.once('error', fail);
  });
}

/**
 * Waits until the rows written so far have gone through the zip compressor to `out`. exceljs's
 * worksheet buffer writes into the zip entry's stream without heeding its backpressure, so the
 * XML of rows written faster than zlib compresses piles up there (for a province, the whole sheet
 * uncompressed). That entry stream is read from exceljs's internals (`stream.pipes`); pipe()
 * carries the backpressure of the compressor and of `out` back to it. If the internals change,
 * the wait falls back to `out` alone.
 */
async function caughtUp(ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const pipes = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const entry = pipes?.[0] as Partial<Drainable> | undefined;
  if (entry && typeof entry.once === 'function' && typeof entry.off === 'function')
    await drained(entry as Drainable, out);
  await drained(out, out);
}

function newWorkbook(out: Writable) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'giamngheo';
  return wb;
}

type ColumnSpec = { header: string; key: string; width: number; numFmt?: string };

function dataSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: ColumnSpec[]) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 32;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  header.commit();
  return ws;
}

function infoSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, lines: [string, string | number][]) {
  const ws = wb.addWorksheet('Thông tin');
  ws.columns = [
    { key: 'k', width: 34 },
    { key: 'v', width: 80 },
  ];
  for (const [k, v] of lines) {
    const r = ws.addRow(neutraliseRow([nfc(k), typeof v === 'string' ? nfc(v) : v]));
    r.getCell(1).font = { bold: true };
    r.commit();
  }
  ws.commit();
}

// ── household list ───────────────────────────────────────────────────────────

export interface ExportInput {
  /** A commune/ward, a pre-2025 district or a province. */
  unitCode: string;
  period?: number;
  villageId?: number;
  classification?: string;
  movement?: string;
  q?: string;
}

export interface PreparedExport {
  filter: ExportFilter;
  unitCode: string;
  unitName: string;
  masked: boolean;
  fileName: string;
  communeNames: Map<string, string>;
  filters: [string, string | number][];
}

/**
 * Checks the request (role, scope, values) before anything is written, so a refusal is a coded
 * error and not a broken file.
 */
export async function prepareHouseholdExport(
  deps: Deps,
  actor: Actor,
  input: ExportInput,
): Promise<PreparedExport> {
  requirePermission(actor, 'registry.read');
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.unitCode);
  // The list's own filter: the file holds exactly the rows the list shows.
  const { unit, communes, filter } = await listFilterOf(deps, input, {
    classes: Object.keys(CLASS_LABELS),
  });
  const communeNames = new Map<string, string>();
  // A province: name the communes of both lists; a code reused after the reform names the unit
  // of the later list (the one now in force).
  const named =
    unit.level === 'province'
      ? [
          ...(await listUnitsOn(db, { date: '2025-06-30', provinceCode: unit.code, level: 'commune' })),
          ...(await listUnitsOn(db, { date: '2025-07-01', provinceCode: unit.code, level: 'commune' })),
        ]
      : communes;
  for (const c of named) communeNames.set(c.code, c.name);
  const village = input.villageId !== undefined ? await findVillage(db, input.villageId) : undefined;
  if (input.villageId !== undefined && !village)
    throw new AppError('VILLAGE_NOT_FOUND', { id: input.villageId }, { field: 'village' });
  const filters: [string, string | number][] = [
    ['Đơn vị', `${unit.name} (${unit.code})`],
    ['Kỳ rà soát', input.period ?? 'Tất cả (không lọc)'],
    ['Thôn, tổ dân phố', village ? village.name : 'Tất cả'],
    ['Phân loại', input.classification ? CLASS_LABELS[input.classification]! : 'Tất cả'],
    ['Biến động', input.movement ? wordOfCode('movement', input.movement, 'vi') : 'Tất cả'],
    ['Tìm kiếm', input.q ?? ''],
  ];
  return {
    filter,
    unitCode: unit.code,
    unitName: unit.name,
    masked: !personalDataFor(actor).reveals,
    fileName: `danh-sach-ho-${unit.code}${input.period ? `-${input.period}` : ''}.xlsx`,
    communeNames,
    filters,
  };
}

/** The export's filters as the access record keeps them: the search's kind, not its text. */
function recordedFilters(filters: [string, string | number][]): Record<string, string | number> {
  return Object.fromEntries(
    filters.map(([k, v]) => [k, k === 'Tìm kiếm' ? (searchForRecord(String(v)) ?? '') : v]),
  );
}

const HOUSEHOLD_COLUMNS: ColumnSpec[] = [
  { header: 'STT', key: 'n', width: 7 },
  { header: 'Mã hộ', key: 'key', width: 16 },
  { header: 'Mã xã', key: 'communeCode', width: 8 },
  { header: 'Xã, phường', key: 'commune', width: 22 },
  { header: 'Thôn, tổ dân phố', key: 'village', width: 20 },
  { header: 'Họ và tên chủ hộ', key: 'head', width: 26 },
  { header: 'Ngày sinh chủ hộ', key: 'birth', width: 13, numFmt: 'dd/mm/yyyy' },
  { header: 'Địa chỉ', key: 'address', width: 30 },
  { header: 'Số nhân khẩu', key: 'members', width: 10, numFmt: '0' },
  { header: 'Kỳ rà soát', key: 'period', width: 10, numFmt: '0' },
  { header: 'Ngày khảo sát', key: 'survey', width: 13, numFmt: 'dd/mm/yyyy' },
  { header: 'Phân loại', key: 'class', width: 24 },
  { header: 'Biến động so với kỳ trước', key: 'movement', width: 20 },
  { header: 'Số chỉ số thiếu hụt', key: 'deprivations', width: 11, numFmt: '0' },
  { header: 'Hộ không có khả năng lao động', key: 'noLabour', width: 14 },
  { header: 'Nhóm hộ', key: 'groups', width: 30 },
  { header: 'Trạng thái', key: 'status', width: 16 },
];

/**
 * Writes the household list as XLSX to `out` (ended when done); returns the number of rows. When
 * `out` is closed before the end (the download was cancelled), it stops reading at the next page
 * and records the export as cancelled with the rows already sent.
 */
export async function writeHouseholdExport(
  deps: Deps,
  actor: Actor,
  p: PreparedExport,
  out: Writable,
  opts: { pageSize?: number } = {},
): Promise<{ rows: number; cancelled?: true }> {
  const db = deps.db.kysely;
  const audit = (rows: number, cancelled: boolean) =>
    insertAudit(db, {
      at: nowIso(deps),
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'registry.export',
      entity: 'household',
      entityId: '*',
      unitCode: p.filter.communeCodes?.length === 1 ? p.filter.communeCodes[0]! : null,
      provinceCode: p.filter.provinceCode,
      after: {
        rows,
        masked: p.masked,
        filters: recordedFilters(p.filters),
        ...(cancelled ? { cancelled } : {}),
      },
    });
  const pageSize = opts.pageSize ?? PAGE;
  const access = await startListAccess(deps, actor, {
    action: 'export.households',
    provinceCode: p.filter.provinceCode,
    unitCode: p.unitCode,
    filter: recordedFilters(p.filters),
  });
  const wb = newWorkbook(out);
  const ws = dataSheet(wb, 'Danh sách hộ', HOUSEHOLD_COLUMNS);
  let cursor: ExportCursor | null = null;
  let n = 0;
  for (;;) {
    const page = await exportHouseholdsPage(db, p.filter, cursor, pageSize);
    for (const h of page) {
      n += 1;
      const row = ws.addRow(
        neutraliseRow({
          n,
          key: h.household_key,
          communeCode: h.commune_code,
          commune: nfc(p.communeNames.get(h.commune_code) ?? h.commune_code),
          village: h.village_name ? nfc(h.village_name) : null,
          head: nfc(p.masked ? maskName(h.head_name) : h.head_name),
          birth: p.masked ? null : excelDate(h.head_birth_date),
          address: p.masked || !h.address ? null : nfc(h.address),
          members: Number(h.member_count),
          period: h.period === null ? null : Number(h.period),
          survey: excelDate(h.survey_date),
          class: h.classification ? wordOfCode('classification', h.classification, 'vi') : null,
          movement: h.movement ? wordOfCode('movement', h.movement, 'vi') : null,
          deprivations: h.deprivation_count === null ? null : Number(h.deprivation_count),
          noLabour:
            h.no_labour === null ? null : wordOfCode('yesNo', String(Number(h.no_labour) === 1), 'vi'),
          groups: h.groups
            ? h.groups
                .split(',')
                .map((g) => wordOfCode('householdGroup', g, 'vi'))
                .join('; ')
            : null,
          status: h.status
            ? Number(h.frozen) === 1
              ? 'Đã công nhận'
              : wordOfCode('reviewStatus', h.status, 'vi')
            : null,
        }),
      );
      row.commit();
    }
    await access.add(page.map((h) => h.household_key));
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    cursor = { communeCode: last.commune_code, headKey: last.head_key, id: Number(last.id) };
    await caughtUp(ws, out);
    if (out.destroyed) {
      await access.finish();
      await audit(n, true);
      return { rows: n, cancelled: true };
    }
  }
  ws.commit();
  infoSheet(wb, [
    ['Danh sách hộ gia đình', p.unitName],
    ...p.filters,
    ['Số hộ', n],
    ['Xuất lúc (giờ Việt Nam)', formatInstantVn(nowIso(deps))],
    ['Người xuất', actorName(actor)],
    [
      'Thông tin cá nhân',
      p.masked
        ? 'Đã che: họ tên chỉ ghi chữ cái đầu; không có ngày sinh, địa chỉ (vai trò không được xem thông tin cá nhân)'
        : 'Đầy đủ',
    ],
  ]);
  await wb.commit();
  await access.finish();
  await audit(n, false);
  return { rows: n };
}

// ── recognised lists of a commune × period ───────────────────────────────────

export interface PreparedRecognised {
  provinceCode: string;
  communeCode: string;
  communeValidFrom: string;
  communeName: string;
  period: number;
  decision: { decisionNumber: string; decisionDate: string; signer: string };
  masked: boolean;
  fileName: string;
}

export async function prepareRecognisedExport(
  deps: Deps,
  actor: Actor,
  ref: { communeCode: string; period: number },
): Promise<PreparedRecognised> {
  requirePermission(actor, 'registry.read');
  const q = { ...ref, period: periodOf(deps, ref.period) };
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, q.communeCode);
  const unit =
    (await findUnitOn(db, q.communeCode, `${q.period}-10-15`)) ??
    (await findUnitOn(db, q.communeCode, `${q.period}-06-30`));
  if (!unit)
    throw new AppError(
      'UNIT_NOT_FOUND',
      { code: q.communeCode, date: `${q.period}-10-15` },
      { field: 'communeCode' },
    );
  if (unit.level !== 'commune')
    throw new AppError('UNIT_NOT_COMMUNE', { code: unit.code }, { field: 'communeCode' });
  const scope = {
    provinceCode: unit.province_code,
    communeCode: unit.code,
    communeValidFrom: unit.valid_from ?? '',
    period: q.period,
  };
  const periodic = (await listRecognisedCampaigns(db, scope)).find((c) => c.kind === 'periodic');
  const recognition = periodic
    ? (
        JSON.parse(periodic.state_json) as {
          state: { recognition: PreparedRecognised['decision'] | null };
        }
      ).state.recognition
    : null;
  if (!recognition) throw new AppError('CERTIFICATE_NOT_RECOGNISED', { period: q.period, unit: unit.name });
  return {
    ...scope,
    communeName: unit.name,
    decision: recognition,
    masked: !personalDataFor(actor).reveals,
    fileName: `danh-sach-ho-ngheo-can-ngheo-${unit.code}-${q.period}.xlsx`,
  };
}

const RECOGNISED_COLUMNS: ColumnSpec[] = [
  { header: 'STT', key: 'n', width: 7 },
  { header: 'Mã hộ', key: 'key', width: 16 },
  { header: 'Họ và tên chủ hộ', key: 'head', width: 26 },
  { header: 'Năm sinh chủ hộ', key: 'birthYear', width: 10, numFmt: '0' },
  { header: 'Thôn, tổ dân phố', key: 'village', width: 20 },
  { header: 'Địa chỉ', key: 'address', width: 30 },
  { header: 'Số nhân khẩu', key: 'members', width: 10, numFmt: '0' },
  { header: 'Ngày khảo sát', key: 'survey', width: 13, numFmt: 'dd/mm/yyyy' },
  { header: 'Số chỉ số thiếu hụt', key: 'deprivations', width: 11, numFmt: '0' },
  { header: 'Biến động so với kỳ trước', key: 'movement', width: 20 },
  { header: 'Số Giấy chứng nhận', key: 'certificate', width: 18 },
];

/** The poor and near-poor lists the chair recognised, one sheet each, as XLSX to `out`. */
export async function writeRecognisedExport(
  deps: Deps,
  actor: Actor,
  p: PreparedRecognised,
  out: Writable,
): Promise<{ poor: number; nearPoor: number }> {
  const db = deps.db.kysely;
  const results = (
    await listCommuneResults(db, {
      provinceCode: p.provinceCode,
      communeCode: p.communeCode,
      communeValidFrom: p.communeValidFrom,
      period: p.period,
      classifications: ['POOR', 'NEAR_POOR'],
    })
  ).filter((r) => Number(r.frozen) === 1);
  const certs = new Map(
    (
      await listValidCertificatesOf(
        db,
        p.provinceCode,
        p.period,
        results.map((r) => Number(r.household_id)),
      )
    ).map((c) => [Number(c.household_id), certificateNumber(c.number)]),
  );
  const wb = newWorkbook(out);
  const counts = { POOR: 0, NEAR_POOR: 0 };
  for (const cls of ['POOR', 'NEAR_POOR'] as const) {
    const ws = dataSheet(wb, WORDS.classification[cls].vi, RECOGNISED_COLUMNS);
    for (const r of results.filter((x) => x.classification === cls)) {
      counts[cls] += 1;
      ws.addRow(
        neutraliseRow({
          n: counts[cls],
          key: r.household_key,
          head: nfc(p.masked ? maskName(r.head_name) : r.head_name),
          birthYear: p.masked || !r.head_birth_date ? null : Number(r.head_birth_date.slice(0, 4)),
          village: r.village_name ? nfc(r.village_name) : null,
          address: p.masked || !r.address ? null : nfc(r.address),
          members: Number(r.member_count),
          survey: excelDate(r.survey_date),
          deprivations: Number(r.deprivation_count),
          movement: wordOfCode('movement', r.movement, 'vi'),
          certificate: certs.get(Number(r.household_id)) ?? null,
        }),
      ).commit();
    }
    await caughtUp(ws, out);
    ws.commit();
  }
  const [y, m, d] = p.decision.decisionDate.split('-');
  infoSheet(wb, [
    ['Danh sách hộ nghèo, hộ cận nghèo', `${p.communeName}, kỳ rà soát năm ${p.period}`],
    [
      'Quyết định công nhận (Mẫu số 02)',
      `Số ${p.decision.decisionNumber} ngày ${d}/${m}/${y} — ${p.decision.signer}`,
    ],
    ['Số hộ nghèo', counts.POOR],
    ['Số hộ cận nghèo', counts.NEAR_POOR],
    ['Xuất lúc (giờ Việt Nam)', formatInstantVn(nowIso(deps))],
    ['Người xuất', actorName(actor)],
    ['Thông tin cá nhân', p.masked ? 'Đã che: họ tên chỉ ghi chữ cái đầu' : 'Đầy đủ'],
  ]);
  await wb.commit();
  await recordAccess(deps, actor, {
    action: 'export.recognised',
    provinceCode: p.provinceCode,
    unitCode: p.communeCode,
    households: results.map((r) => r.household_key),
    filter: { period: p.period },
  });
  await insertAudit(db, {
    at: nowIso(deps),
    actorId: actorId(actor),
    actor: actorName(actor),
    action: 'registry.export-recognised',
    entity: 'household',
    entityId: `${p.communeCode}/${p.period}`,
    unitCode: p.communeCode,
    provinceCode: p.provinceCode,
    after: { poor: counts.POOR, nearPoor: counts.NEAR_POOR, masked: p.masked },
  });
  return { poor: counts.POOR, nearPoor: counts.NEAR_POOR };
}
