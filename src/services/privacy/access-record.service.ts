// The access record: who read or exported personal data — which household, or which list with its
// unit and filter — through which route, when (issue 17; docs/decisions/0027-personal-data.md).
// The services that hand out personal data call `recordAccess` once per read (a household page, a
// certificate, an export); it is not the change audit (audit_log): it is read by the commune
// officer for their own commune, and a household's own report lists it.
// Only reads that reveal people are recorded: a reader who sees initials only (no personal-data
// permission) has read no personal data.
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.js';
import { neutraliseRow } from '../../domain/spreadsheet.js';
import { formatInstantVn } from '../../domain/dates.js';
import { WORDS, wordOfCode, type CodeOf } from '../../domain/words/catalogue.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  countAccessRecords,
  insertAccessHouseholds,
  insertAccessRecord,
  listAccessRecords,
  setAccessHouseholdCount,
  type AccessFilter,
  type AccessRow,
} from '../../db/repositories/access-record.repository.js';
import { communesInScope, requirePermission } from '../access.js';
import { parseIsoDate } from '../../domain/dates.js';
import { parseWhole } from '../../domain/input.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';

/** What was read: the codes of the catalogue's `accessAction` words (one place for both). */
export type AccessAction = CodeOf<'accessAction'>;
export const ACCESS_ACTIONS = Object.keys(WORDS.accessAction) as AccessAction[];

export interface AccessEntry {
  action: AccessAction;
  provinceCode: string | null;
  /** The household's commune, or the unit of the list. */
  unitCode: string | null;
  /** A single household. */
  householdKey?: string;
  /** The households a list carried (an export's rows, a batch of certificates). */
  households?: readonly string[];
  /** The list's filter as the reader set it. */
  filter?: Record<string, unknown>;
}

function routeOf(actor: Actor): string {
  return actor.route ?? (actor.kind === 'system' ? 'cli' : '');
}

function roleOf(actor: Actor): string {
  return actor.kind === 'user' ? actor.role : '';
}

/** Records one read of personal data; returns the record's id. */
export async function recordAccess(
  deps: Deps,
  actor: Actor,
  e: AccessEntry,
  db: Executor = deps.db.kysely,
): Promise<number> {
  const keys = e.households ?? [];
  const id = await insertAccessRecord(db, {
    at: nowIso(deps),
    actorId: actorId(actor),
    actor: actorName(actor),
    role: roleOf(actor),
    action: e.action,
    route: routeOf(actor),
    provinceCode: e.provinceCode,
    unitCode: e.unitCode,
    householdKey: e.householdKey ?? null,
    households: e.householdKey ? 1 : keys.length,
    filter: e.filter ?? null,
  });
  if (keys.length > 0 && e.provinceCode) await insertAccessHouseholds(db, id, e.provinceCode, keys);
  return id;
}

/**
 * How a search is kept in the access record: that there was one and of what kind, never its text.
 * The text is a name or a citizen ID as the officer typed it — personal data the record would then
 * keep for years and show to every reader of the record, about people the search may not even
 * have found. Who was actually seen is recorded anyway: the households the page showed.
 */
export function searchForRecord(q: string | undefined): string | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  return /^[\d\s.-]+$/.test(text) ? 'theo số (mã hộ, CCCD)' : 'theo tên, địa chỉ';
}

/**
 * A list read page by page (a streamed export): the record is written first, each page adds the
 * households it carried, and the end sets the count — a cancelled download records what was sent.
 */
export async function startListAccess(
  deps: Deps,
  actor: Actor,
  e: Omit<AccessEntry, 'householdKey' | 'households'> & { provinceCode: string },
) {
  const db = deps.db.kysely;
  const id = await recordAccess(deps, actor, e, db);
  let n = 0;
  return {
    async add(keys: readonly string[]) {
      n += keys.length;
      await insertAccessHouseholds(db, id, e.provinceCode, keys);
    },
    async finish() {
      await setAccessHouseholdCount(db, id, n);
    },
  };
}

// ── reading the record ───────────────────────────────────────────────────────

export interface AccessQuery {
  unitCode?: string;
  actor?: string;
  action?: string;
  householdId?: string;
  /** YYYY-MM-DD, Vietnam dates, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  before?: number;
}

/** A Vietnam calendar day's start as a UTC instant (UTC+7, no daylight saving). */
function vnDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000+07:00`)).toISOString();
}

async function filterOf(deps: Deps, actor: Actor, q: AccessQuery): Promise<AccessFilter> {
  requirePermission(actor, 'access-log.read');
  if (q.action !== undefined && q.action !== '' && !(ACCESS_ACTIONS as readonly string[]).includes(q.action))
    throw new AppError(
      'ENUM_INVALID',
      { field: 'action', value: q.action, allowed: ACCESS_ACTIONS.join(', ') },
      { field: 'action' },
    );
  const from = q.from ? parseIsoDate(q.from, 'from') : undefined;
  const to = q.to ? parseIsoDate(q.to, 'to') : undefined;
  const scope = await communesInScope(deps.db.kysely, actor);
  return {
    unitCodes: scope === null ? null : [...scope],
    ...(q.unitCode ? { unitCode: q.unitCode } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.householdId ? { householdKey: q.householdId } : {}),
    ...(from ? { from: vnDayStart(from) } : {}),
    ...(to ? { to: new Date(Date.parse(vnDayStart(to)) + 86_400_000).toISOString() } : {}),
  };
}

export interface AccessItem {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  actionWord: { vi: string; en: string };
  route: string;
  provinceCode: string | null;
  unitCode: string | null;
  householdId: string | null;
  households: number;
  filter: Record<string, unknown> | null;
}

export function accessItem(r: AccessRow): AccessItem {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    actionWord: {
      vi: wordOfCode('accessAction', r.action, 'vi'),
      en: wordOfCode('accessAction', r.action, 'en'),
    },
    route: r.route,
    provinceCode: r.province_code,
    unitCode: r.unit_code,
    householdId: r.household_key,
    households: r.households,
    filter: r.filter_json ? (JSON.parse(r.filter_json) as Record<string, unknown>) : null,
  };
}

/**
 * The access record as the actor may see it: everything for the administrator, the records of
 * their own commune (the scope rule) for a commune officer. Newest first, a page at a time.
 */
export async function listAccess(deps: Deps, actor: Actor, q: AccessQuery) {
  const f = await filterOf(deps, actor, q);
  const limit = q.limit === undefined ? 50 : parseWhole(q.limit, 'limit', 1, 500);
  const rows = await listAccessRecords(deps.db.kysely, f, {
    limit,
    ...(q.before !== undefined ? { before: parseWhole(q.before, 'before', 1) } : {}),
  });
  return {
    total: await countAccessRecords(deps.db.kysely, f),
    items: rows.map(accessItem),
    next: rows.length === limit ? rows.at(-1)!.id : null,
  };
}

const COLUMNS = [
  ['Thời điểm (giờ Việt Nam)', 'at', 20],
  ['Người truy cập', 'actor', 18],
  ['Vai trò', 'role', 16],
  ['Việc', 'action', 30],
  ['Đường dẫn', 'route', 50],
  ['Đơn vị', 'unit', 10],
  ['Mã hộ', 'household', 16],
  ['Số hộ', 'households', 8],
  ['Bộ lọc', 'filter', 50],
] as const;

function exportRow(i: AccessItem): Record<string, string | number> {
  return {
    at: formatInstantVn(i.at),
    actor: i.actor,
    role: i.role ? wordOfCode('role', i.role, 'vi') : 'Dòng lệnh',
    action: i.actionWord.vi,
    route: i.route,
    unit: i.unitCode ?? '',
    household: i.householdId ?? '',
    households: i.households,
    filter: i.filter ? JSON.stringify(i.filter) : '',
  };
}

/** Every record the query selects (no paging), as XLSX or CSV (UTF-8 with BOM, for Excel). */
export async function exportAccess(
  deps: Deps,
  actor: Actor,
  q: AccessQuery,
  format: 'xlsx' | 'csv',
): Promise<Buffer> {
  const f = await filterOf(deps, actor, q);
  const rows: AccessItem[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await listAccessRecords(deps.db.kysely, f, { limit: 1000, ...(before ? { before } : {}) });
    rows.push(...page.map(accessItem));
    if (page.length < 1000) break;
    before = page.at(-1)!.id;
  }
  if (format === 'csv') {
    const cell = (v: string | number) => {
      const s = String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = [COLUMNS.map((c) => cell(c[0])).join(',')];
    for (const r of rows) {
      const x = neutraliseRow(exportRow(r));
      lines.push(COLUMNS.map((c) => cell(x[c[1]] ?? '')).join(','));
    }
    return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'giamngheo';
  const ws = wb.addWorksheet('Nhật ký truy cập', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map(([header, key, width]) => ({ header, key, width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(neutraliseRow(exportRow(r)));
  const info = wb.addWorksheet('Thông tin');
  info.addRow(['Nhật ký truy cập dữ liệu cá nhân', `${rows.length} lượt`]);
  info.addRow(['Xuất lúc (giờ Việt Nam)', formatInstantVn(nowIso(deps))]);
  info.addRow(['Người xuất', actorName(actor)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
