// Kysely table types of the access record (migration 2026-12-03T0500-access-record).
// Conventions as in schema.ts.
import type { Generated } from 'kysely';

export interface AccessRecordTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor: string;
  role: string;
  action: string;
  route: string;
  province_code: string | null;
  unit_code: string | null;
  household_key: string | null;
  households: number;
  filter_json: string | null;
}

export interface AccessRecordHouseholdTable {
  record_id: number;
  province_code: string;
  household_key: string;
}

export interface PrivacyTables {
  access_record: AccessRecordTable;
  access_record_household: AccessRecordHouseholdTable;
}
