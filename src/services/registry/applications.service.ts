// The applications register of regular review (issue 12 part 2, decision 0026): a household's
// application on Mẫu 01 (to be recognised poor or near-poor) or Mẫu 04 (to be recognised as having
// exited) is entered with its receipt date; the commune chair's decision or refusal (with reasons, in
// writing) is recorded once. The 15-day decision clock (src/domain/reports/applications.ts) is shown
// for every application ("quá hạn N ngày"). Audited; scope on the application's own commune; the
// applicant's name and address go through the masking step.
import { AppError } from '../../errors.js';
import { formatDateVn, parseIsoDate, requireNotAfter } from '../../domain/dates.js';
import { cleanText, optionalCleanText, parseWhole } from '../../domain/input.js';
import {
  APPLICATION_FORMS,
  OUTCOMES,
  clockOf,
  clockWords,
  decisionDeadline,
  type ApplicationForm,
  type Clock,
} from '../../domain/reports/applications.js';
import { wordOf, wordOfCode, type Word } from '../../domain/words/catalogue.js';
import { findUnitOn, listCodesUnder } from '../../db/repositories/units.repository.js';
import { findHouseholdByKey } from '../../db/repositories/registry.repository.js';
import {
  decideApplication as writeDecision,
  findApplication,
  insertApplication,
  listApplications as readApplications,
} from '../../db/repositories/papers.repository.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { communesInScope, isWithinScope, requirePermission, requireUnitAccess } from '../access.js';
import { personalDataFor, type PersonalData } from '../personal-data.js';
import { todayVn } from '../input.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { documentPdf, documentXlsx, type DocumentTable } from '../documents/official.js';

export interface ApplicationView {
  id: number;
  communeCode: string;
  form: ApplicationForm;
  formLabel: Word;
  householdKey: string | null;
  applicantName: string;
  address: string | null;
  reason: string | null;
  receivedOn: string;
  deadline: string;
  status: string;
  statusLabel: Word;
  outcomeClass: string | null;
  decisionNumber: string | null;
  decidedOn: string | null;
  refusalReason: string | null;
  clock: Clock;
  clockLabel: Word;
  version: number;
}

type Row = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

function viewOf(r: Row, pd: PersonalData, today: string): ApplicationView {
  const clock = clockOf(r.received_on, r.decided_on, today);
  return {
    id: Number(r.id),
    communeCode: r.commune_code,
    form: r.form as ApplicationForm,
    formLabel: {
      vi: wordOfCode('applicationForm', r.form, 'vi'),
      en: wordOfCode('applicationForm', r.form, 'en'),
    },
    householdKey: r.household_key || null,
    applicantName: pd.name(r.applicant_name),
    address: pd.hidden(r.address),
    // The reason is what the household wrote about itself: withheld like a complaint's text.
    reason: pd.text(r.reason),
    receivedOn: r.received_on,
    deadline: decisionDeadline(r.received_on),
    status: r.status,
    statusLabel: {
      vi: wordOfCode('applicationStatus', r.status, 'vi'),
      en: wordOfCode('applicationStatus', r.status, 'en'),
    },
    outcomeClass: r.outcome_class,
    decisionNumber: r.decision_number,
    decidedOn: r.decided_on,
    refusalReason: r.refusal_reason,
    clock,
    clockLabel: clockWords(clock),
    version: Number(r.version),
  };
}

const notFound = (id: number) => new AppError('APPLICATION_NOT_FOUND', { id }, { field: 'id' });

/** The application, or APPLICATION_NOT_FOUND for one that is missing or out of the actor's scope. */
async function applicationInScope(db: Executor, actor: Actor, id: number): Promise<Row> {
  const row = await findApplication(db, id);
  if (!row || !(await isWithinScope(db, actor, row.commune_code))) throw notFound(id);
  return row;
}

export interface ReceiveInput {
  communeCode: string;
  form: unknown;
  householdKey?: unknown;
  applicantName: unknown;
  address?: unknown;
  reason: unknown;
  receivedOn: unknown;
}

export async function receiveApplication(
  deps: Deps,
  actor: Actor,
  input: ReceiveInput,
): Promise<ApplicationView> {
  requirePermission(actor, 'applications.manage');
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.communeCode);
  const today = todayVn(deps);
  if (!(APPLICATION_FORMS as readonly unknown[]).includes(input.form))
    throw new AppError(
      'FIELD_INVALID',
      { field: 'form', detail: String(input.form).slice(0, 20) },
      { field: 'form' },
    );
  const form = input.form as ApplicationForm;
  const receivedOn = requireNotAfter(parseIsoDate(input.receivedOn, 'receivedOn'), today, 'receivedOn');
  const applicantName = cleanText(input.applicantName, 'applicantName', 200);
  const reason = cleanText(input.reason, 'reason', 2000);
  const address = optionalCleanText(input.address, 'address', 300);
  const householdKey = optionalCleanText(input.householdKey, 'householdKey', 64) ?? '';
  const unit = await findUnitOn(db, input.communeCode, receivedOn);
  if (!unit)
    throw new AppError(
      'UNIT_NOT_FOUND',
      { code: input.communeCode, date: formatDateVn(receivedOn) },
      { field: 'communeCode' },
    );
  if (unit.level !== 'commune')
    throw new AppError('UNIT_NOT_COMMUNE', { code: unit.code }, { field: 'communeCode' });
  if (householdKey) {
    // A household of the registry must be this commune's (one elsewhere answers like a missing one).
    const h = await findHouseholdByKey(db, unit.province_code, householdKey);
    if (!h || h.commune_code !== unit.code)
      throw new AppError('HOUSEHOLD_NOT_FOUND', { id: householdKey }, { field: 'householdKey' });
  }
  const at = nowIso(deps);
  const row = await db.transaction().execute(async (trx) => {
    const { id } = await insertApplication(trx, {
      provinceCode: unit.province_code,
      communeCode: unit.code,
      communeValidFrom: unit.valid_from ?? '',
      form,
      householdKey,
      applicantName,
      address,
      reason,
      receivedOn,
      at,
      by: actorName(actor),
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'receive',
      entity: 'review_application',
      entityId: String(id),
      unitCode: unit.code,
      provinceCode: unit.province_code,
      after: { form, householdKey: householdKey || null, receivedOn },
    });
    return (await findApplication(trx, Number(id)))!;
  });
  return viewOf(row, personalDataFor(actor), today);
}

export interface DecideInput {
  id: number;
  expectedVersion: number;
  outcome: unknown;
  outcomeClass?: unknown;
  decisionNumber?: unknown;
  decidedOn: unknown;
  refusalReason?: unknown;
}

export async function decideApplication(
  deps: Deps,
  actor: Actor,
  input: DecideInput,
): Promise<ApplicationView> {
  requirePermission(actor, 'applications.manage');
  const db = deps.db.kysely;
  const id = parseWhole(input.id, 'id');
  const today = todayVn(deps);
  const decidedOn = requireNotAfter(parseIsoDate(input.decidedOn, 'decidedOn'), today, 'decidedOn');
  if (input.outcome !== 'recognised' && input.outcome !== 'refused')
    throw new AppError(
      'FIELD_INVALID',
      { field: 'outcome', detail: String(input.outcome).slice(0, 20) },
      { field: 'outcome' },
    );
  const outcome = input.outcome;
  const at = nowIso(deps);
  const row = await db.transaction().execute(async (trx) => {
    const before = await applicationInScope(trx, actor, id);
    if (before.status !== 'received')
      throw new AppError(
        'APPLICATION_DECIDED',
        { id, date: formatDateVn(before.decided_on ?? '') },
        { field: 'id' },
      );
    if (decidedOn < before.received_on)
      throw new AppError(
        'APPLICATION_DECIDED_BEFORE_RECEIPT',
        { decidedOn: formatDateVn(decidedOn), receivedOn: formatDateVn(before.received_on) },
        { field: 'decidedOn' },
      );
    let outcomeClass: string | null = null;
    let decisionNumber: string | null = null;
    let refusalReason: string | null = null;
    if (outcome === 'recognised') {
      outcomeClass = cleanText(input.outcomeClass, 'outcomeClass', 20);
      if (!OUTCOMES[before.form as ApplicationForm].includes(outcomeClass))
        throw new AppError(
          'APPLICATION_OUTCOME_INVALID',
          { outcome: outcomeClass.slice(0, 20), form: before.form },
          { field: 'outcomeClass' },
        );
      decisionNumber = cleanText(input.decisionNumber, 'decisionNumber', 60);
    } else {
      // A refusal is answered in writing with its reasons (Decision 24/2021 Art. 5).
      refusalReason = cleanText(input.refusalReason, 'refusalReason', 2000);
      decisionNumber = optionalCleanText(input.decisionNumber, 'decisionNumber', 60);
    }
    const n = await writeDecision(trx, id, input.expectedVersion, {
      status: outcome,
      outcomeClass,
      decisionNumber,
      decidedOn,
      refusalReason,
      at,
      by: actorName(actor),
    });
    if (n === 0)
      throw new AppError('CONFLICT', { expected: input.expectedVersion, actual: Number(before.version) });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: outcome === 'recognised' ? 'recognise' : 'refuse',
      entity: 'review_application',
      entityId: String(id),
      unitCode: before.commune_code,
      provinceCode: before.province_code,
      before: { status: before.status },
      after: { status: outcome, outcomeClass, decisionNumber, decidedOn, refusalReason },
    });
    return (await findApplication(trx, id))!;
  });
  return viewOf(row, personalDataFor(actor), today);
}

export interface RegisterInput {
  unitCode: string;
  /** Received from / to (inclusive); default the calendar year of today. */
  from?: string;
  to?: string;
  status?: string;
}

export interface Register {
  unit: { code: string; name: string };
  from: string;
  to: string;
  today: string;
  rows: ApplicationView[];
  totals: {
    received: number;
    recognised: number;
    refused: number;
    open: number;
    overdue: number;
    decidedLate: number;
  };
}

/** The register of a unit (a commune, or every commune under a district or province) in scope. */
export async function applicationRegister(deps: Deps, actor: Actor, input: RegisterInput): Promise<Register> {
  requirePermission(actor, 'registry.read');
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.unitCode);
  const today = todayVn(deps);
  const from = input.from ? parseIsoDate(input.from, 'from') : `${today.slice(0, 4)}-01-01`;
  const to = input.to ? parseIsoDate(input.to, 'to') : `${today.slice(0, 4)}-12-31`;
  const unit = (await findUnitOn(db, input.unitCode, to)) ?? (await findUnitOn(db, input.unitCode, from));
  const codes = new Set([input.unitCode, ...(await listCodesUnder(db, input.unitCode)).all]);
  const scope = await communesInScope(db, actor);
  const communes = [...codes].filter((c) => scope === null || scope.has(c));
  const rows = await readApplications(db, {
    communeCodes: communes,
    from,
    to,
    ...(input.status ? { status: input.status } : {}),
  });
  const pd = personalDataFor(actor);
  const views = rows.map((r) => viewOf(r, pd, today));
  return {
    unit: { code: input.unitCode, name: unit?.name ?? input.unitCode },
    from,
    to,
    today,
    rows: views,
    totals: {
      received: views.length,
      recognised: views.filter((v) => v.status === 'recognised').length,
      refused: views.filter((v) => v.status === 'refused').length,
      open: views.filter((v) => v.status === 'received').length,
      overdue: views.filter((v) => v.clock.kind === 'overdue').length,
      decidedLate: views.filter((v) => v.clock.kind === 'decided' && v.clock.late).length,
    },
  };
}

export function registerTable(r: Register): DocumentTable {
  return {
    head: [
      [
        { text: 'TT' },
        { text: 'Mẫu' },
        { text: 'Người đề nghị' },
        { text: 'Mã hộ' },
        { text: 'Xã' },
        { text: 'Ngày nhận' },
        { text: 'Hạn quyết định' },
        { text: 'Tình trạng' },
        { text: 'Thời hạn' },
        { text: 'Kết quả' },
        { text: 'Quyết định số, ngày' },
        { text: 'Lý do từ chối' },
      ],
    ],
    rows: r.rows.map((a, i) => [
      i + 1,
      `Mẫu số ${a.form}`,
      a.applicantName,
      a.householdKey ?? '',
      a.communeCode,
      formatDateVn(a.receivedOn),
      formatDateVn(a.deadline),
      a.statusLabel.vi,
      a.clockLabel.vi,
      a.outcomeClass ? wordOfCode('classification', a.outcomeClass, 'vi') : '',
      [a.decisionNumber, a.decidedOn ? formatDateVn(a.decidedOn) : null].filter(Boolean).join(', '),
      a.refusalReason ?? '',
    ]),
    widths: [5, 9, 24, 12, 8, 11, 11, 16, 16, 12, 18, 28],
    notes: [
      `Tổng số đơn: ${r.totals.received}; công nhận: ${r.totals.recognised}; từ chối: ${r.totals.refused}; chưa quyết định: ${r.totals.open}, trong đó quá hạn: ${r.totals.overdue}.`,
      'Thời hạn 15 ngày tính theo ngày lịch từ ngày nhận đơn (Điều 5 Quyết định 24/2021/QĐ-TTg; cách tính ngày chưa được xác nhận).',
    ],
  };
}

function registerHeader(r: Register) {
  return {
    unitName: r.unit.name,
    date: r.today,
    title: 'SỔ THEO DÕI ĐƠN ĐỀ NGHỊ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO THƯỜNG XUYÊN',
    subtitle: `${wordOf('applicationForm', '01', 'vi')}; ${wordOf('applicationForm', '04', 'vi')} — nhận từ ngày ${formatDateVn(r.from)} đến ngày ${formatDateVn(r.to)}`,
    signatory: 'NGƯỜI LẬP SỔ',
  };
}

export async function registerFile(r: Register, format: 'xlsx' | 'pdf'): Promise<Buffer> {
  return format === 'xlsx'
    ? documentXlsx(registerHeader(r), registerTable(r), 'So don')
    : documentPdf(registerHeader(r), registerTable(r));
}
