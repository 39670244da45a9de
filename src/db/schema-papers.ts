// Kysely table types of the review year's paperwork (migration 2026-12-03T0400-review-papers).
// Conventions as in schema.ts.
import type { Generated } from 'kysely';

export interface ReportSubmissionTable {
  id: Generated<number>;
  province_code: string;
  unit_code: string;
  unit_valid_from: string;
  round: string;
  period: number;
  month: number;
  version: number;
  to_unit: string;
  due_date: string;
  submitted_on: string;
  submitted_at: string;
  submitted_by: string;
  figures_json: string;
  xlsx_base64: string;
  sha256: string;
}

export interface ReviewApplicationTable {
  id: Generated<number>;
  province_code: string;
  commune_code: string;
  commune_valid_from: string;
  form: string;
  household_key: string;
  applicant_name: string;
  address: string | null;
  reason: string;
  received_on: string;
  status: string;
  outcome_class: string | null;
  decision_number: string | null;
  decided_on: string | null;
  refusal_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

export interface PaperTables {
  report_submission: ReportSubmissionTable;
  review_application: ReviewApplicationTable;
}
