// Kysely table types of the whole database. Conventions (docs/decisions/0002-dual-dialect.md):
// dates are ISO `YYYY-MM-DD` text, instants are ISO-8601 UTC text, booleans are 0/1 integers,
// money is integer đồng (bigint on PostgreSQL, read back as a JS number), ids are integers.
import type { Generated } from 'kysely';
import type { FinanceTables } from './schema-finance.js';
import type { StandardsTables } from './schema-standards.js';
import type { RegistryTables } from './schema-registry.js';
import type { CertificateTables } from './schema-certificates.js';
import type { ReportTables } from './schema-reports.js';
import type { PrivacyTables } from './schema-privacy.js';
import type { PaperTables } from './schema-papers.js';
import type { FrontTables } from './schema-front.js';

export type DateText = string; // YYYY-MM-DD
export type Instant = string; // 2024-06-11T09:12:04.000Z
export type Flag = 0 | 1;

export interface AdminUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  /** The accent-free name (src/domain/units/name-search.ts), for search by name. */
  name_key: string | null;
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

// ── public portal ──────────────────────────────────────────────────────────
export interface PortalCategoryTable {
  slug: string;
  name_vi: string;
  name_en: string;
  position: number;
}

export interface PortalArticleTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: string;
  /** Sanitised HTML (sanitised again when rendered). */
  body_html: string;
  /** Lower-case, accent-free text for search. */
  search_text: string;
  category_slug: string;
  tags_json: string;
  author_name: string;
  author_id: number | null;
  /** draft | published | withdrawn (published with published_at ahead = scheduled) */
  status: string;
  published_at: Instant | null;
  version: number;
  created_at: Instant;
  updated_at: Instant;
}

export interface PortalArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  title: string;
  summary: string;
  body_html: string;
  category_slug: string;
  tags_json: string;
  editor: string;
  created_at: Instant;
  /** The version whose content this one restored; null for an ordinary save. */
  restored_from: number | null;
}

export interface PortalPhotoTable {
  id: Generated<number>;
  article_id: number;
  position: number;
  caption: string;
  alt: string;
  file_key: string;
  widths_json: string;
  width: number;
  height: number;
  created_at: Instant;
}

export interface PortalCommentTable {
  id: Generated<number>;
  article_id: number;
  name: string;
  body: string;
  /** pending | published | rejected */
  status: string;
  reject_reason: string | null;
  moderated_by: string | null;
  moderated_at: Instant | null;
  created_at: Instant;
}

export interface PortalFeedbackTable {
  id: Generated<number>;
  code: string;
  /** list | program */
  kind: string;
  commune_code: string | null;
  province_code: string | null;
  name: string;
  contact: string | null;
  subject: string;
  body: string;
  /** received | in-progress | answered | closed */
  status: string;
  response: string | null;
  handled_by: string | null;
  complaint_ref: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface PortalCaptchaUsedTable {
  signature: string;
  expires_at: Instant;
}

export interface PortalCounterTable {
  key: string;
  value: number;
}

export interface PortalPresenceTable {
  instance: string;
  online: number;
  reported_at: string;
}

export interface PortalSettingTable {
  key: string;
  value_json: string;
  updated_at: Instant;
}

export interface Database
  extends
    FinanceTables,
    RegistryTables,
    StandardsTables,
    CertificateTables,
    ReportTables,
    PrivacyTables,
    PaperTables,
    FrontTables {
  admin_unit: AdminUnitTable;
  admin_unit_succession: AdminUnitSuccessionTable;
  village: VillageTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  meta: MetaTable;
  portal_category: PortalCategoryTable;
  portal_article: PortalArticleTable;
  portal_article_revision: PortalArticleRevisionTable;
  portal_photo: PortalPhotoTable;
  portal_comment: PortalCommentTable;
  portal_feedback: PortalFeedbackTable;
  portal_captcha_used: PortalCaptchaUsedTable;
  portal_counter: PortalCounterTable;
  portal_setting: PortalSettingTable;
  portal_presence: PortalPresenceTable;
  import_job: ImportJobTable;
  offline_assignment: OfflineAssignmentTable;
  offline_sync: OfflineSyncTable;
}

/** An import started through the API (2026-12-03T1728-import-job). */
export interface ImportJobTable {
  id: string;
  owner: string;
  file_name: string;
  state: 'running' | 'done' | 'failed';
  read: number;
  started_at: Instant;
  finished_at: Instant | null;
  error_code: string | null;
}

/** An offline survey package handed to a device (2026-12-03T1910-offline). */
export interface OfflineAssignmentTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  unit_code: string;
  period: number;
  households: number;
  created_at: Instant;
  revoked_at: Instant | null;
}

/** A survey applied from a device, keyed by the device's client id (2026-12-03T1910-offline). */
export interface OfflineSyncTable {
  user_id: number;
  client_id: string;
  household_key: string;
  result_json: string;
  photo: string | null;
  position_json: string | null;
  created_at: Instant;
  /** The province of the household saved (2026-12-04T1010); null for an older record of an ambiguous key. */
  province_code: string | null;
}
