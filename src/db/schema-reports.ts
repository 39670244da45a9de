// Kysely table types of the official reports' data (migration 2026-12-03T0200-official-reports).
// Conventions as in schema.ts.

export interface ResidentHouseholdTable {
  province_code: string;
  unit_code: string;
  unit_valid_from: string;
  year: number;
  households: number;
  source: string;
  source_date: string;
  updated_at: string;
  updated_by: string;
}

export interface ReviewPeriodStandardTable {
  period: number;
  list_year: number;
  standard_code: string;
  basis: string;
}

export interface ReportTables {
  resident_household: ResidentHouseholdTable;
  review_period_standard: ReviewPeriodStandardTable;
}
