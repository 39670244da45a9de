// The review year's paperwork (issue 12 part 2; docs/decisions/0026-review-papers.md):
// - `report_submission`: a report of the reporting round (monthly, the province's preliminary and
//   official reports) as submitted: its figures and its XLSX, frozen. A later submission of the same
//   report is a new version; no statement ever updates or deletes a row of this table.
// - `review_application`: the applications register of regular review (Mẫu 01 to be recognised poor
//   or near-poor, Mẫu 04 to exit), with the receipt date, the decision or the refusal and its reasons.
import type { Kysely } from 'kysely';
import { notNull, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('report_submission'))
    .addColumn('province_code', 'text', notNull)
    /** The submitting unit, keyed by code and version (codes were reused after the 2025 mergers). */
    .addColumn('unit_code', 'text', notNull)
    .addColumn('unit_valid_from', 'text', notNull)
    /** monthly | preliminary | official */
    .addColumn('round', 'text', notNull)
    .addColumn('period', 'integer', notNull)
    /** The month the report is due in (2–9) for a monthly report; 0 otherwise. */
    .addColumn('month', 'integer', notNull)
    .addColumn('version', 'integer', notNull)
    /** The receiving unit (the district before 01/07/2025, else the province; '' for the ministry). */
    .addColumn('to_unit', 'text', notNull)
    .addColumn('due_date', 'text', notNull)
    .addColumn('submitted_on', 'text', notNull)
    .addColumn('submitted_at', 'text', notNull)
    .addColumn('submitted_by', 'text', notNull)
    .addColumn('figures_json', 'text', notNull)
    /** The XLSX as submitted, base64 (portable across both dialects), and its SHA-256. */
    .addColumn('xlsx_base64', 'text', notNull)
    .addColumn('sha256', 'text', notNull)
    .addUniqueConstraint('report_submission_version_uq', [
      'province_code',
      'unit_code',
      'unit_valid_from',
      'round',
      'period',
      'month',
      'version',
    ])
    .execute();
  await db.schema
    .createIndex('report_submission_period_idx')
    .on('report_submission')
    .columns(['province_code', 'period', 'round'])
    .execute();

  await withId(db, db.schema.createTable('review_application'))
    .addColumn('province_code', 'text', notNull)
    .addColumn('commune_code', 'text', notNull)
    .addColumn('commune_valid_from', 'text', notNull)
    /** '01' (to be recognised poor or near-poor) | '04' (to be recognised as having exited). */
    .addColumn('form', 'text', notNull)
    /** The household of the registry, when it is known there ('' for a household not yet registered). */
    .addColumn('household_key', 'text', notNull)
    .addColumn('applicant_name', 'text', notNull)
    .addColumn('address', 'text')
    .addColumn('reason', 'text', notNull)
    .addColumn('received_on', 'text', notNull)
    /** received | recognised | refused */
    .addColumn('status', 'text', notNull)
    /** For a recognition: POOR | NEAR_POOR (Mẫu 01), or the class after the exit (Mẫu 04). */
    .addColumn('outcome_class', 'text')
    .addColumn('decision_number', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('version', 'integer', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('updated_by', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('review_application_commune_idx')
    .on('review_application')
    .columns(['province_code', 'commune_code', 'received_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_application').execute();
  await db.schema.dropTable('report_submission').execute();
}
