// Kysely table types of the household registry, review results, aggregates and campaigns
// (migration 2026-11-26T0200-registry). Conventions as in schema.ts.
import type { Generated } from 'kysely';

type DateText = string;
type Instant = string;
type Flag = 0 | 1;

export interface HouseholdTable {
  id: Generated<number>;
  province_code: string;
  household_key: string;
  commune_code: string;
  commune_valid_from: string;
  village_id: number | null;
  head_name: string;
  head_birth_date: DateText | null;
  address: string | null;
  head_key: string;
  search_key: string;
  member_count: number;
  /** The period whose result's answers hold the members' answers (the last write's); null: none. */
  answers_period: number | null;
  version: number;
  created_at: Instant;
  updated_at: Instant;
}

export interface HouseholdMemberTable {
  id: Generated<number>;
  province_code: string;
  household_id: number;
  ordinal: number;
  name: string;
  id_number: string | null;
  birth_date: DateText;
  sex: string;
  relation: string;
}

export interface HouseholdChangeTable {
  id: Generated<number>;
  province_code: string;
  household_id: number;
  at: Instant;
  actor_id: number | null;
  actor: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

export interface ReviewResultTable {
  id: Generated<number>;
  province_code: string;
  household_id: number;
  period: number;
  unit_code: string;
  unit_valid_from: string;
  survey_date: DateText;
  /** The survey record in its compact form (src/domain/survey/compact.ts). */
  answers: string;
  standard: string;
  area: string;
  income_line: number;
  classification: string;
  deprivations: string;
  deprivation_count: number;
  explanation_json: string;
  movement: string;
  no_labour: Flag;
  /** Household groups of the Annex VII tables, comma-separated (domain/registry/groups.ts). */
  groups: string;
  status: string;
  frozen: Flag;
  created_at: Instant;
  updated_at: Instant;
}

export interface ReviewAggregateTable {
  province_code: string;
  period: number;
  unit_code: string;
  unit_valid_from: string;
  status: string;
  classification: string;
  indicator: string;
  n: number;
}

/** The registry's households per commune version, kept by triggers (migration 2026-12-04T1100). */
export interface HouseholdTallyTable {
  province_code: string;
  commune_code: string;
  commune_valid_from: string;
  n: number;
}

export interface FiguresStampTable {
  province_code: string;
  stamp: string;
}

export interface ReviewCampaignTable {
  id: Generated<number>;
  province_code: string;
  commune_code: string;
  commune_valid_from: string;
  period: number;
  kind: string;
  case_key: string;
  step: string;
  state_json: string;
  version: number;
  created_at: Instant;
  updated_at: Instant;
}

export interface CampaignEventTable {
  id: Generated<number>;
  province_code: string;
  campaign_id: number;
  at: Instant;
  actor_id: number | null;
  actor: string;
  action: string;
  from_step: string;
  to_step: string;
  payload_json: string;
}

export interface CalendarDayTable {
  date: DateText;
  kind: string;
  name: string;
  source: string | null;
}

export interface RegistryTables {
  household: HouseholdTable;
  household_member: HouseholdMemberTable;
  household_change: HouseholdChangeTable;
  review_result: ReviewResultTable;
  review_aggregate: ReviewAggregateTable;
  household_tally: HouseholdTallyTable;
  figures_stamp: FiguresStampTable;
  review_campaign: ReviewCampaignTable;
  campaign_event: CampaignEventTable;
  calendar_day: CalendarDayTable;
}
