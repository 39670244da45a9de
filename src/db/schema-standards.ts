// Kysely types of the poverty-standard tables (migration 2026-11-26T0100-standards).
import type { Generated } from 'kysely';
import type { DateText, Flag, Instant } from './schema.js';

export interface PovertyStandardTable {
  id: Generated<number>;
  code: string;
  /** national | local */
  scope: string;
  /** 2-digit province code of a local standard, null for a national one. */
  province_code: string | null;
  /** The national standard a local one raises. */
  base_code: string | null;
  valid_from: DateText;
  valid_to: DateText;
  provisional: Flag;
  /** The whole Standard (src/domain/standards/standard.ts), validated before it is written. */
  definition_json: string;
  /** Incremented at every change of the definition. */
  version: Generated<number>;
  created_at: Instant;
  created_by: string;
  updated_at: Instant;
}

export interface StandardsTables {
  poverty_standard: PovertyStandardTable;
}
