// Kysely table types of the Fatherland Front's records (migration 2026-12-03T0700-front).
// Conventions as in schema.ts: dates 'YYYY-MM-DD', instants ISO UTC, flags 0/1, money integer đồng.
import type { ColumnType, Generated } from 'kysely';

export interface FrontFundTable {
  id: Generated<number>;
  province_code: string;
  unit_code: string;
  year: number;
  level: string;
  received: Generated<number>;
  spent: Generated<number>;
  transferred_in: Generated<number>;
  transferred_out: Generated<number>;
  version: Generated<number>;
  created_at: string;
  created_by: string;
}

export interface FrontReceiptTable {
  id: Generated<number>;
  province_code: string;
  fund_id: number;
  receipt_no: string;
  received_on: string;
  donor_name: string;
  donor_kind: string;
  anonymous: 0 | 1;
  kind: string;
  goods: string | null;
  value: number;
  campaign: string;
  note: string | null;
  created_at: string;
  created_by: string;
}

export interface FrontSpendingTable {
  id: Generated<number>;
  province_code: string;
  fund_id: number;
  spent_on: string;
  purpose: string;
  amount: number;
  decision_no: string;
  decision_date: string;
  description: string | null;
  created_at: string;
  created_by: string;
}

export interface FrontSpendingHouseholdTable {
  id: Generated<number>;
  province_code: string;
  spending_id: number;
  household_id: number;
  household_key: string;
  commune_code: string;
  classification: string | null;
  reason: string | null;
}

export interface FrontTransferTable {
  id: Generated<number>;
  province_code: string;
  kind: string;
  from_fund_id: number;
  to_fund_id: number;
  amount: number;
  transferred_on: string;
  decision_no: string | null;
  note: string | null;
  created_at: string;
  created_by: string;
}

export interface FrontHouseTable {
  id: Generated<number>;
  province_code: string;
  commune_code: string;
  household_id: number;
  household_key: string;
  kind: string;
  estimated_cost: number;
  actual_cost: number | null;
  stage: string;
  approved_on: string;
  started_on: string | null;
  handed_over_on: string | null;
  spending_id: number | null;
  note: string | null;
  version: Generated<number>;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface FrontHouseSourceTable {
  province_code: string;
  house_id: number;
  source: string;
  amount: number;
}

export interface FrontFileTable {
  id: Generated<number>;
  province_code: string;
  owner: string;
  owner_id: number;
  stage: string | null;
  file_name: string;
  /** A house photo's caption (migration 2026-12-04T1000; null for an attachment or none given). */
  caption: ColumnType<string | null, string | null | undefined, string | null>;
  stored_name: string;
  content_type: string;
  size: number;
  created_at: string;
  created_by: string;
}

export interface FrontPlanTable {
  id: Generated<number>;
  province_code: string;
  unit_code: string;
  topic: string;
  start_date: string;
  end_date: string;
  units_json: string;
  created_at: string;
  created_by: string;
}

export interface FrontVisitTable {
  id: Generated<number>;
  province_code: string;
  plan_id: number;
  unit_code: string;
  visit_date: string;
  findings: string;
  created_at: string;
  created_by: string;
}

export interface FrontRecommendationTable {
  id: Generated<number>;
  province_code: string;
  plan_id: number;
  front_unit_code: string;
  addressee_unit_code: string;
  content: string;
  issued_on: string;
  deadline: string;
  answered_on: string | null;
  answer_status: string | null;
  answer_text: string | null;
  answered_by: string | null;
  version: Generated<number>;
  created_at: string;
  created_by: string;
}

export interface FrontTables {
  front_fund: FrontFundTable;
  front_receipt: FrontReceiptTable;
  front_spending: FrontSpendingTable;
  front_spending_household: FrontSpendingHouseholdTable;
  front_transfer: FrontTransferTable;
  front_house: FrontHouseTable;
  front_house_source: FrontHouseSourceTable;
  front_file: FrontFileTable;
  front_plan: FrontPlanTable;
  front_visit: FrontVisitTable;
  front_recommendation: FrontRecommendationTable;
}
