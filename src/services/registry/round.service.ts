// The reporting round (issue 12 part 2, decision 0026): monthly regular-review reports (by the 5th,
// February–September), the province's preliminary (before 15/11) and official (before 20/12) results
// of the periodic review, along the chain in force on the due date (src/domain/reports/round.ts).
// A submission stores the figures and the XLSX as submitted and is never rewritten: submitting the
// same report again adds a version. The board shows, per expected report, which units have
// submitted (on time or late) and which are late.
import crypto from 'node:crypto';
import { AppError } from '../../errors.js';
import { formatDateVn } from '../../domain/dates.js';
import { parseWhole } from '../../domain/input.js';
import {
  MONTHLY_MONTHS,
  ROUNDS,
  ROUND_FACTS,
  dueDateOf,
  expectedReports,
  recipientLevel,
  statusOf,
  submittingLevels,
  type Level,
  type Round,
  type RoundStatus,
} from '../../domain/reports/round.js';
import { wordOf, wordOfCode, type Word } from '../../domain/words/catalogue.js';
import {
  findUnitOn,
  listCodesUnder,
  listUnitsOn,
  type UnitRecord,
} from '../../db/repositories/units.repository.js';
import {
  findSubmission,
  insertSubmission,
  lastSubmissionVersion,
  listSubmissions,
} from '../../db/repositories/papers.repository.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { communesInScope, isWithinScope, requirePermission, requireUnitAccess } from '../access.js';
import { todayVn } from '../input.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { documentXlsx, type DocumentTable } from '../documents/official.js';
import { reportBalance, type Balance } from './balance.service.js';
import { balanceXlsx } from './balance-documents.service.js';
import { applicationRegister, type Register } from './applications.service.js';

export interface SubmitInput {
  unitCode: string;
  round: unknown;
  period: unknown;
  month?: unknown;
}

/** What a monthly report states: the regular-review applications of the month before the due month. */
export interface MonthlyFigures {
  kind: 'monthly';
  unit: { code: string; name: string };
  from: string;
  to: string;
  totals: Register['totals'];
  recognisedByClass: Record<string, number>;
}
export type SubmittedFigures = MonthlyFigures | ({ kind: 'balance' } & Balance);

export interface SubmissionView {
  id: number;
  unitCode: string;
  round: Round;
  roundLabel: Word;
  period: number;
  month: number;
  version: number;
  toUnit: string;
  dueDate: string;
  submittedOn: string;
  submittedAt: string;
  submittedBy: string;
  sha256: string;
  status: RoundStatus;
  statusLabel: Word;
}

function parseRound(value: unknown): Round {
  if (!(ROUNDS as readonly unknown[]).includes(value))
    throw new AppError(
      'FIELD_INVALID',
      { field: 'round', detail: String(value).slice(0, 20) },
      { field: 'round' },
    );
  return value as Round;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

async function monthlyFigures(
  deps: Deps,
  actor: Actor,
  unitCode: string,
  period: number,
  month: number,
): Promise<MonthlyFigures> {
  // The report due on the 5th of month M covers the regular reviews of month M − 1.
  const from = `${period}-${String(month - 1).padStart(2, '0')}-01`;
  const to = lastDay(period, month - 1);
  const reg = await applicationRegister(deps, actor, { unitCode, from, to });
  const recognisedByClass: Record<string, number> = {};
  for (const r of reg.rows)
    if (r.status === 'recognised' && r.outcomeClass)
      recognisedByClass[r.outcomeClass] = (recognisedByClass[r.outcomeClass] ?? 0) + 1;
  return { kind: 'monthly', unit: reg.unit, from, to, totals: reg.totals, recognisedByClass };
}

function monthlyTable(f: MonthlyFigures): DocumentTable {
  const t = f.totals;
  const cls = (c: string) => f.recognisedByClass[c] ?? 0;
  return {
    head: [
      [
        { text: 'Đơn vị' },
        { text: 'Số đơn nhận' },
        { text: 'Công nhận hộ nghèo' },
        { text: 'Công nhận hộ cận nghèo' },
        { text: 'Công nhận thoát nghèo, thoát cận nghèo' },
        { text: 'Từ chối' },
        { text: 'Chưa quyết định' },
        { text: 'Trong đó quá hạn' },
      ],
    ],
    rows: [
      [
        `${f.unit.name} (${f.unit.code})`,
        t.received,
        cls('POOR'),
        cls('NEAR_POOR'),
        cls('AVERAGE') + cls('NONE'),
        t.refused,
        t.open,
        t.overdue,
      ],
    ],
    widths: [30, 10, 12, 12, 14, 10, 12, 12],
    notes: [
      `Kết quả rà soát thường xuyên từ ngày ${formatDateVn(f.from)} đến ngày ${formatDateVn(f.to)}.`,
      // Decision 24/2021 Art. 7 asks for the month's results with no template (ROUND_FACTS.monthly).
      `Lưu ý: ${wordOf('roundLayout', ROUND_FACTS.monthly.layout, 'vi')} (Điều 7 Quyết định 24/2021/QĐ-TTg không kèm mẫu báo cáo tháng).`,
    ],
  };
}

function viewOf(r: Awaited<ReturnType<typeof listSubmissions>>[number], firstOn: string): SubmissionView {
  const status = statusOf(r.due_date, firstOn, r.submitted_on);
  return {
    id: Number(r.id),
    unitCode: r.unit_code,
    round: r.round as Round,
    roundLabel: {
      vi: wordOfCode('reportRound', r.round, 'vi'),
      en: wordOfCode('reportRound', r.round, 'en'),
    },
    period: Number(r.period),
    month: Number(r.month),
    version: Number(r.version),
    toUnit: r.to_unit,
    dueDate: r.due_date,
    submittedOn: r.submitted_on,
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_by,
    sha256: r.sha256,
    status,
    statusLabel: {
      vi: wordOf('roundStatus', status.kind, 'vi'),
      en: wordOf('roundStatus', status.kind, 'en'),
    },
  };
}

/** The unit a report of `unit` goes to on the due date ('' for the ministry). */
function recipientOf(unit: UnitRecord, due: string): string {
  const next = recipientLevel(unit.level as Level, due);
  if (next === 'district') return unit.district_code ?? unit.parent_code ?? '';
  if (next === 'province') return unit.province_code;
  return '';
}

/**
 * Submits a report of the round: its figures as of now, written as the XLSX, stored with both and
 * never changed again. A second submission of the same report is version 2, and so on.
 */
export async function submitReport(
  deps: Deps,
  actor: Actor,
  input: SubmitInput,
): Promise<SubmissionView & { figures: SubmittedFigures }> {
  requirePermission(actor, 'reports.submit');
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.unitCode);
  const round = parseRound(input.round);
  const period = parseWhole(input.period, 'period', 2021, 2100);
  const month = round === 'monthly' ? parseWhole(input.month, 'month', 1, 12) : 0;
  const monthWords = month ? ` tháng ${month}` : '';
  if (round === 'monthly' && !(MONTHLY_MONTHS as readonly number[]).includes(month))
    throw new AppError('REPORT_NOT_EXPECTED', {
      unit: input.unitCode,
      round: wordOf('reportRound', round, 'vi'),
      period,
      month: monthWords,
    });
  const due = dueDateOf(round, period, month);
  const unit = await findUnitOn(db, input.unitCode, due);
  if (!unit || !submittingLevels(round, due).includes(unit.level as Level))
    throw new AppError(
      'REPORT_NOT_EXPECTED',
      {
        unit: unit ? `${unit.name} (${unit.code})` : input.unitCode,
        round: wordOf('reportRound', round, 'vi'),
        period,
        month: monthWords,
      },
      { field: 'unitCode' },
    );
  const figures: SubmittedFigures =
    round === 'monthly'
      ? await monthlyFigures(deps, actor, unit.code, period, month)
      : { kind: 'balance', ...(await reportBalance(deps, actor, { period, unitCode: unit.code })) };
  const bytes =
    figures.kind === 'monthly'
      ? await documentXlsx(
          {
            unitName: unit.name,
            date: todayVn(deps),
            title: `BÁO CÁO KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO THƯỜNG XUYÊN THÁNG ${month - 1}/${period}`,
            subtitle: `${unit.name} — hạn nộp ${formatDateVn(due)}`,
            signatory: 'TM. ỦY BAN NHÂN DÂN',
          },
          monthlyTable(figures),
          `Thang ${month - 1}`,
        )
      : await balanceXlsx(deps, figures);
  const at = nowIso(deps);
  const submittedOn = todayVn(deps);
  const key = {
    provinceCode: unit.province_code,
    unitCode: unit.code,
    unitValidFrom: unit.valid_from ?? '',
    round,
    period,
    month,
  };
  const saved = await db.transaction().execute(async (trx) => {
    const version = (await lastSubmissionVersion(trx, key)) + 1;
    const { id } = await insertSubmission(trx, {
      ...key,
      version,
      toUnit: recipientOf(unit, due),
      dueDate: due,
      submittedOn,
      submittedAt: at,
      submittedBy: actorName(actor),
      figuresJson: JSON.stringify(figures),
      xlsxBase64: bytes.toString('base64'),
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'submit',
      entity: 'report_submission',
      entityId: String(id),
      unitCode: unit.code,
      provinceCode: unit.province_code,
      after: { round, period, month, version },
    });
    return Number(id);
  });
  const s = await getSubmission(deps, actor, saved);
  return { ...s.view, figures: s.figures };
}

/** A submission as stored (figures and XLSX bytes); missing or out of scope: REPORT_SUBMISSION_NOT_FOUND. */
export async function getSubmission(deps: Deps, actor: Actor, id: number) {
  requirePermission(actor, 'reports.board');
  const db = deps.db.kysely;
  const row = await findSubmission(db, parseWhole(id, 'id'));
  if (!row || !(await isWithinScope(db, actor, row.unit_code)))
    throw new AppError('REPORT_SUBMISSION_NOT_FOUND', { id }, { field: 'id' });
  const versions = await listSubmissions(db, {
    provinceCode: row.province_code,
    period: Number(row.period),
    unitCodes: [row.unit_code],
  });
  const first = versions.find((v) => v.round === row.round && Number(v.month) === Number(row.month))!;
  return {
    view: viewOf(row, first.submitted_on),
    figures: JSON.parse(row.figures_json) as SubmittedFigures,
    xlsx: Buffer.from(row.xlsx_base64, 'base64'),
  };
}

export interface BoardUnit {
  unit: { code: string; name: string; level: string };
  toUnit: string;
  status: RoundStatus;
  statusLabel: Word;
  /** Every version submitted, oldest first (ids to download). */
  versions: { id: number; version: number; submittedOn: string; submittedBy: string }[];
}

export interface Board {
  unit: { code: string; name: string };
  period: number;
  today: string;
  reports: {
    round: Round;
    roundLabel: Word;
    month: number;
    due: string;
    /** What is known of the date and of the columns (unconfirmed ones said so on screen and in the file). */
    facts: { dueSource: string; due: Word; layout: string; layoutText: Word };
    units: BoardUnit[];
    totals: { expected: number; submitted: number; late: number };
  }[];
}

/** Which units under `unitCode` have submitted each report of the period, and which are late. */
export async function reportingBoard(
  deps: Deps,
  actor: Actor,
  input: { unitCode: string; period: unknown },
): Promise<Board> {
  requirePermission(actor, 'reports.board');
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.unitCode);
  const period = parseWhole(input.period, 'period', 2021, 2100);
  const today = todayVn(deps);
  const top =
    (await findUnitOn(db, input.unitCode, `${period}-12-31`)) ??
    (await findUnitOn(db, input.unitCode, `${period}-01-01`));
  if (!top)
    throw new AppError(
      'UNIT_NOT_FOUND',
      { code: input.unitCode, date: `${period}-12-31` },
      { field: 'unit' },
    );
  const codes = new Set([input.unitCode, ...(await listCodesUnder(db, input.unitCode)).all]);
  const scope = await communesInScope(db, actor);
  const submissions = await listSubmissions(db, {
    provinceCode: top.province_code,
    period,
    unitCodes: [...codes],
  });
  const reports: Board['reports'] = [];
  for (const e of expectedReports(period)) {
    const levels = submittingLevels(e.round, e.due);
    const units = (await listUnitsOn(db, { date: e.due, provinceCode: top.province_code })).filter(
      (u) => levels.includes(u.level as Level) && codes.has(u.code) && (scope === null || scope.has(u.code)),
    );
    const rows: BoardUnit[] = units.map((u) => {
      const mine = submissions.filter(
        (s) => s.unit_code === u.code && s.round === e.round && Number(s.month) === e.month,
      );
      const status = statusOf(e.due, mine[0]?.submitted_on ?? null, today);
      return {
        unit: { code: u.code, name: u.name, level: u.level },
        toUnit: recipientOf(u, e.due),
        status,
        statusLabel: {
          vi: wordOf('roundStatus', status.kind, 'vi'),
          en: wordOf('roundStatus', status.kind, 'en'),
        },
        versions: mine.map((s) => ({
          id: Number(s.id),
          version: Number(s.version),
          submittedOn: s.submitted_on,
          submittedBy: s.submitted_by,
        })),
      };
    });
    reports.push({
      round: e.round,
      roundLabel: { vi: wordOf('reportRound', e.round, 'vi'), en: wordOf('reportRound', e.round, 'en') },
      month: e.month,
      due: e.due,
      facts: {
        dueSource: ROUND_FACTS[e.round].dueSource,
        due: {
          vi: wordOf('roundDueSource', ROUND_FACTS[e.round].dueSource, 'vi'),
          en: wordOf('roundDueSource', ROUND_FACTS[e.round].dueSource, 'en'),
        },
        layout: ROUND_FACTS[e.round].layout,
        layoutText: {
          vi: wordOf('roundLayout', ROUND_FACTS[e.round].layout, 'vi'),
          en: wordOf('roundLayout', ROUND_FACTS[e.round].layout, 'en'),
        },
      },
      units: rows,
      totals: {
        expected: rows.length,
        submitted: rows.filter((r) => r.versions.length > 0).length,
        late: rows.filter((r) => r.status.kind === 'late').length,
      },
    });
  }
  return { unit: { code: top.code, name: top.name }, period, today, reports };
}

/** The board as a document table: one line per expected report and unit. */
export function boardTable(b: Board): DocumentTable {
  const rows = b.reports.flatMap((r) =>
    r.units.map((u) => [
      r.roundLabel.vi + (r.month ? ` — tháng ${r.month}` : ''),
      formatDateVn(r.due),
      `${u.unit.name} (${u.unit.code})`,
      u.statusLabel.vi +
        (u.status.kind === 'late' || u.status.kind === 'submitted-late'
          ? ` (${u.status.daysLate} ngày)`
          : ''),
      u.versions.length ? formatDateVn(u.versions[0]!.submittedOn) : '',
      u.versions.length,
    ]),
  );
  return {
    head: [
      [
        { text: 'Báo cáo' },
        { text: 'Hạn nộp' },
        { text: 'Đơn vị' },
        { text: 'Tình trạng' },
        { text: 'Ngày nộp' },
        { text: 'Số phiên bản' },
      ],
    ],
    rows,
    widths: [34, 11, 30, 24, 11, 10],
  };
}
