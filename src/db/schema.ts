// Kysely table types of the whole database. Conventions (docs/decisions/0002-dual-dialect.md):
// dates are ISO `YYYY-MM-DD` text, instants are ISO-8601 UTC text, booleans are 0/1 integers,
// money is integer đồng (bigint on PostgreSQL, read back as a JS number), ids are integers.
import type { Generated } from 'kysely';

export type DateText = string; // YYYY-MM-DD
export type Instant = string; // 2024-06-11T09:12:04.000Z
export type Flag = 0 | 1;

export interface AdminUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  /** province | district | commune */
  level: string;
  /** Vietnamese unit type as published by the GSO: Tỉnh, Huyện, Xã, Phường, Thị trấn, Đặc khu… */
  type: string;
  /** rural | urban | null (đặc khu, or levels above the commune) */
  area: string | null;
  parent_code: string | null;
  province_code: string;
  /** Pre-2025 district of a commune, null otherwise: lets a city-level scope cover its communes. */
  district_code: string | null;
  /** null: in force since before the data set begins. */
  valid_from: DateText | null;
  /** null: still in force. */
  valid_to: DateText | null;
}

export interface AdminUnitSuccessionTable {
  id: Generated<number>;
  predecessor_code: string;
  predecessor_level: string;
  predecessor_name: string;
  predecessor_valid_to: DateText;
  successor_code: string;
  successor_level: string;
  successor_name: string;
  successor_valid_from: DateText;
  /** whole | partial | unchanged | renamed | retyped | other */
  kind: string;
  note: string | null;
  province_code: string;
}

export interface VillageTable {
  id: Generated<number>;
  commune_code: string;
  /** valid_from of the commune version the village belongs to ('' for units with no start date). */
  commune_valid_from: string;
  province_code: string;
  name: string;
  /** thon | to-dan-pho | ban | ap | khom | other */
  kind: string;
  created_at: Instant;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_code: string | null;
  active: Flag;
  created_at: Instant;
  updated_at: Instant;
}

export interface UserSessionTable {
  /** sha-256 of the session token: a stolen database does not yield live cookies. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Instant;
  expires_at: Instant;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Instant;
  actor_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  unit_code: string | null;
  province_code: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  admin_unit: AdminUnitTable;
  admin_unit_succession: AdminUnitSuccessionTable;
  village: VillageTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  meta: MetaTable;
}
