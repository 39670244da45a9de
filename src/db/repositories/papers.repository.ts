// SQL of the review year's paperwork (issue 12 part 2, decision 0026): the rows of the Mẫu 02
// decision's lists and of the posted lists, the frozen submissions of the reporting round, and the
// applications register of regular review.
import type { Executor } from './executor.js';

export interface PaperHousehold {
  householdKey: string;
  headName: string;
  address: string | null;
  village: string | null;
  classification: string;
  movement: string;
  status: string;
}

/**
 * Every result of a commune version in a period with what the lists show: the head's name, the
 * address, the village, the class and the movement from the previous period (thoat-ngheo,
 * thoat-can-ngheo are the exit lists). `approvedOnly`: the recognised results (status approved).
 */
export async function listPaperHouseholds(
  db: Executor,
  q: {
    provinceCode: string;
    communeCode: string;
    communeValidFrom: string;
    period: number;
    approvedOnly: boolean;
  },
): Promise<PaperHousehold[]> {
  let query = db
    .selectFrom('review_result as r')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'r.household_id').onRef('h.province_code', '=', 'r.province_code'),
    )
    .leftJoin('village as v', 'v.id', 'h.village_id')
    .select([
      'h.household_key as householdKey',
      'h.head_name as headName',
      'h.address as address',
      'v.name as village',
      'r.classification as classification',
      'r.movement as movement',
      'r.status as status',
    ])
    .where('r.province_code', '=', q.provinceCode)
    .where('r.unit_code', '=', q.communeCode)
    .where('r.unit_valid_from', '=', q.communeValidFrom)
    .where('r.period', '=', q.period);
  if (q.approvedOnly) query = query.where('r.status', '=', 'approved');
  return query.orderBy('v.name').orderBy('h.head_name').orderBy('h.household_key').execute();
}

// --- The reporting round ---------------------------------------------------------------------

export interface SubmissionRow {
  provinceCode: string;
  unitCode: string;
  unitValidFrom: string;
  round: string;
  period: number;
  month: number;
  toUnit: string;
  dueDate: string;
  submittedOn: string;
  submittedAt: string;
  submittedBy: string;
  figuresJson: string;
  xlsxBase64: string;
  sha256: string;
}

/** The last version number of a report (0 when never submitted). */
export async function lastSubmissionVersion(
  db: Executor,
  k: {
    provinceCode: string;
    unitCode: string;
    unitValidFrom: string;
    round: string;
    period: number;
    month: number;
  },
): Promise<number> {
  const r = await db
    .selectFrom('report_submission')
    .select((eb) => eb.fn.max<number | null>('version').as('v'))
    .where('province_code', '=', k.provinceCode)
    .where('unit_code', '=', k.unitCode)
    .where('unit_valid_from', '=', k.unitValidFrom)
    .where('round', '=', k.round)
    .where('period', '=', k.period)
    .where('month', '=', k.month)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** Adds a version; a submission is never updated (the unique key refuses a second writer of the same version). */
export async function insertSubmission(db: Executor, row: SubmissionRow & { version: number }) {
  return db
    .insertInto('report_submission')
    .values({
      province_code: row.provinceCode,
      unit_code: row.unitCode,
      unit_valid_from: row.unitValidFrom,
      round: row.round,
      period: row.period,
      month: row.month,
      version: row.version,
      to_unit: row.toUnit,
      due_date: row.dueDate,
      submitted_on: row.submittedOn,
      submitted_at: row.submittedAt,
      submitted_by: row.submittedBy,
      figures_json: row.figuresJson,
      xlsx_base64: row.xlsxBase64,
      sha256: row.sha256,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const SUBMISSION_SUMMARY = [
  'id',
  'province_code',
  'unit_code',
  'unit_valid_from',
  'round',
  'period',
  'month',
  'version',
  'to_unit',
  'due_date',
  'submitted_on',
  'submitted_at',
  'submitted_by',
  'sha256',
] as const;

/** Every submission of a period for the given units (without the stored bytes). */
export async function listSubmissions(
  db: Executor,
  q: { provinceCode: string; period: number; unitCodes: readonly string[] },
) {
  if (q.unitCodes.length === 0) return [];
  return db
    .selectFrom('report_submission')
    .select(SUBMISSION_SUMMARY)
    .where('province_code', '=', q.provinceCode)
    .where('period', '=', q.period)
    .where('unit_code', 'in', q.unitCodes)
    .orderBy('unit_code')
    .orderBy('round')
    .orderBy('month')
    .orderBy('version')
    .execute();
}

/** One submission with its figures and bytes. */
export async function findSubmission(db: Executor, id: number) {
  return db.selectFrom('report_submission').selectAll().where('id', '=', id).executeTakeFirst();
}

// --- The applications register -----------------------------------------------------------------

export interface ApplicationInsert {
  provinceCode: string;
  communeCode: string;
  communeValidFrom: string;
  form: string;
  householdKey: string;
  applicantName: string;
  address: string | null;
  reason: string;
  receivedOn: string;
  at: string;
  by: string;
}

export async function insertApplication(db: Executor, a: ApplicationInsert) {
  return db
    .insertInto('review_application')
    .values({
      province_code: a.provinceCode,
      commune_code: a.communeCode,
      commune_valid_from: a.communeValidFrom,
      form: a.form,
      household_key: a.householdKey,
      applicant_name: a.applicantName,
      address: a.address,
      reason: a.reason,
      received_on: a.receivedOn,
      status: 'received',
      outcome_class: null,
      decision_number: null,
      decided_on: null,
      refusal_reason: null,
      version: 1,
      created_at: a.at,
      updated_at: a.at,
      updated_by: a.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findApplication(db: Executor, id: number) {
  return db.selectFrom('review_application').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records the decision or the refusal; optimistic: only the version read is changed (0 rows: someone else decided). */
export async function decideApplication(
  db: Executor,
  id: number,
  expectedVersion: number,
  d: {
    status: string;
    outcomeClass: string | null;
    decisionNumber: string | null;
    decidedOn: string;
    refusalReason: string | null;
    at: string;
    by: string;
  },
): Promise<number> {
  const r = await db
    .updateTable('review_application')
    .set({
      status: d.status,
      outcome_class: d.outcomeClass,
      decision_number: d.decisionNumber,
      decided_on: d.decidedOn,
      refusal_reason: d.refusalReason,
      version: expectedVersion + 1,
      updated_at: d.at,
      updated_by: d.by,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The register of the given communes, received in [from, to] (inclusive), oldest first. */
export async function listApplications(
  db: Executor,
  q: { communeCodes: readonly string[]; from: string; to: string; status?: string },
) {
  if (q.communeCodes.length === 0) return [];
  let query = db
    .selectFrom('review_application')
    .selectAll()
    .where('commune_code', 'in', q.communeCodes)
    .where('received_on', '>=', q.from)
    .where('received_on', '<=', q.to);
  if (q.status) query = query.where('status', '=', q.status);
  return query.orderBy('received_on').orderBy('id').execute();
}
