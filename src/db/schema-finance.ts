// Kysely table types of program finance and follow-up (migration 2026-11-26T0300-finance).
// Same conventions as schema.ts: dates 'YYYY-MM-DD', instants ISO UTC, flags 0/1, money integer đồng.
import type { Generated } from 'kysely';

type DateText = string;
type Instant = string;
type Flag = 0 | 1;

export interface ProgramTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  legal_basis: string;
  year_from: number;
  year_to: number;
  provisional: Flag;
  created_at: Instant;
  updated_at: Instant;
}

export interface ProgramComponentTable {
  id: Generated<number>;
  program_id: number;
  /** DA3, DA3.2 … unique within the program. */
  code: string;
  parent_code: string | null;
  /** project | subproject | component */
  kind: string;
  ordinal: number;
  name: string;
  name_en: string;
  beneficiaries: string;
  beneficiaries_en: string;
  needs_poor_district: Flag;
  needs_coastal_commune: Flag;
  provisional: Flag;
  active: Flag;
  created_at: Instant;
  updated_at: Instant;
}

export interface FinanceTargetTable {
  id: Generated<number>;
  province_code: string;
  unit_code: string;
  year: number;
  /** poor-reduction | poor-rate-reduction | near-poor-reduction | free */
  kind: string;
  /** Households for the counts, percentage points for the rate, any figure for free-form targets. */
  value: number;
  label: string | null;
  note: string | null;
  created_at: Instant;
  created_by: string;
}

export interface AllocationTable {
  id: Generated<number>;
  province_code: string;
  unit_code: string;
  year: number;
  program_id: number;
  component_id: number;
  /** development | recurrent */
  capital_type: string;
  /** central | province | commune | other */
  source: string;
  amount: number;
  decision_no: string;
  decision_date: DateText;
  deadline: DateText;
  note: string | null;
  /** Net of every ledger entry (increases positive, cuts negative). */
  adjusted: Generated<number>;
  disbursed: Generated<number>;
  disbursement_count: Generated<number>;
  last_disbursed_on: DateText | null;
  version: Generated<number>;
  created_at: Instant;
  created_by: string;
}

export interface AllocationEntryTable {
  id: Generated<number>;
  province_code: string;
  allocation_id: number;
  /** increase | cut | transfer-in | transfer-out | carry-over-in | carry-over-out */
  kind: string;
  /** Signed change of the allocation's plan, in đồng. */
  delta: number;
  entry_date: DateText;
  decision_no: string | null;
  reason: string | null;
  counterpart_allocation_id: number | null;
  created_at: Instant;
  created_by: string;
}

export interface DisbursementTable {
  id: Generated<number>;
  province_code: string;
  allocation_id: number;
  disbursed_on: DateText;
  amount: number;
  voucher_no: string;
  activity: string;
  beneficiary_households: number;
  created_at: Instant;
  created_by: string;
}

export interface HouseholdSupportTable {
  id: Generated<number>;
  province_code: string;
  /** The registry's household id (householdId of the survey record). */
  household_key: string;
  unit_code: string;
  component_id: number;
  disbursement_id: number | null;
  supported_on: DateText;
  amount: number;
  description: string;
  created_at: Instant;
  created_by: string;
}

export interface AllocationIssueTable {
  id: Generated<number>;
  province_code: string;
  allocation_id: number;
  /** no-beneficiaries | procedures | no-counterpart-funding | overlapping-support | other */
  reason: string;
  detail: string;
  amount: number;
  /** stop | move */
  proposal: string;
  target_component_id: number | null;
  recorded_on: DateText;
  created_at: Instant;
  created_by: string;
}

export interface MeetingTable {
  id: Generated<number>;
  province_code: string;
  unit_code: string;
  held_on: DateText;
  title: string;
  chair: string;
  conclusions: string;
  created_at: Instant;
  created_by: string;
}

export interface TaskTable {
  id: Generated<number>;
  province_code: string;
  unit_code: string;
  meeting_id: number | null;
  /** department | ward */
  assignee_kind: string;
  assignee: string;
  assignee_unit_code: string | null;
  title: string;
  detail: string | null;
  deadline: DateText;
  /** open | in-progress | done | cancelled */
  status: string;
  completed_on: DateText | null;
  created_at: Instant;
  updated_at: Instant;
  created_by: string;
}

export interface TaskUpdateTable {
  id: Generated<number>;
  province_code: string;
  task_id: number;
  at: Instant;
  actor: string;
  status: string;
  note: string;
}

export interface TaskAttachmentTable {
  id: Generated<number>;
  province_code: string;
  task_update_id: number;
  file_name: string;
  stored_name: string;
  content_type: string;
  size: number;
  sha256: string;
}

export interface FinanceTables {
  program: ProgramTable;
  program_component: ProgramComponentTable;
  finance_target: FinanceTargetTable;
  allocation: AllocationTable;
  allocation_entry: AllocationEntryTable;
  disbursement: DisbursementTable;
  household_support: HouseholdSupportTable;
  allocation_issue: AllocationIssueTable;
  meeting: MeetingTable;
  task: TaskTable;
  task_update: TaskUpdateTable;
  task_attachment: TaskAttachmentTable;
}
