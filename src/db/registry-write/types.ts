// The contract of every write path of the registry (docs/decisions/0042): what is written for one
// household and its result of one period, the options every write takes, and what it returns.
import { splitDeps } from '../../domain/registry/aggregates.js';
import type { AggregateKey } from '../../domain/registry/aggregates.js';

export interface MemberRow {
  ordinal: number;
  name: string;
  idNumber: string | null;
  birthDate: string;
  sex: string;
  relation: string;
}

export interface ResultRow {
  period: number;
  unitCode: string;
  unitValidFrom: string;
  surveyDate: string;
  /** The survey record in its compact form (src/domain/survey/compact.ts `encodeAnswers`). */
  answers: string;
  standard: string;
  area: string;
  incomeLine: number;
  classification: string;
  /** Indicator keys in the standard's order. */
  deprivations: string[];
  explanationJson: string;
  noLabour: boolean;
  /** The household groups of the Annex VII tables (domain/registry/groups.ts), in their order. */
  groups: string[];
  status: 'draft' | 'approved';
}

/** Everything written for one household and its result of one period. */
export interface HouseholdWrite {
  provinceCode: string;
  key: string;
  communeCode: string;
  communeValidFrom: string;
  villageId: number | null;
  headName: string;
  headBirthDate: string | null;
  address: string | null;
  headKey: string;
  searchKey: string;
  members: MemberRow[];
  result: ResultRow;
}

/** What a write did, for a single edit (its aggregate deltas for the caller to apply). */
export type WriteOutcome =
  | {
      ok: true;
      householdId: number;
      created: boolean;
      version: number;
      movement: string;
      deltas: [AggregateKey, number][];
    }
  | { ok: false; code: 'RESULT_FROZEN' | 'CONFLICT' | 'HOUSEHOLD_OUT_OF_SCOPE'; currentVersion?: number };

export interface WriteOptions {
  /**
   * The communes whose households the writer may touch (services/access.ts `communesInScope`),
   * or null for a national scope: an existing household of another commune is refused with
   * HOUSEHOLD_OUT_OF_SCOPE and nothing of it is read back or written (docs/decisions/0015).
   * Required, so that no write path forgets the caller's scope.
   */
  scopeCommunes: ReadonlySet<string> | null;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  /** Optimistic locking: the version the editor started from (undefined = no check, imports). */
  expectedVersion?: number;
  /** Allow replacing a frozen (recognised) result: only the regular-review recognition does. */
  overrideFrozen?: boolean;
}

/** Whether the write may touch an existing household of `communeCode`. */
export function mayTouch(opts: WriteOptions, communeCode: string): boolean {
  return opts.scopeCommunes === null || opts.scopeCommunes.has(communeCode);
}

export const HISTORY_COLUMNS = [
  'id',
  'period',
  'unit_code',
  'unit_valid_from',
  'status',
  'classification',
  'deprivations',
  'movement',
  'no_labour',
  'groups',
] as const;

/** The household (and its result of the period) as the change history records it, before a write. */
export function changeView(
  h: {
    version: number;
    head_name: string;
    address: string | null;
    village_id: number | null;
    member_count: number;
  },
  old: { period: number; classification: string; deprivations: string; status: string } | undefined,
) {
  return {
    version: h.version,
    headName: h.head_name,
    address: h.address,
    villageId: h.village_id,
    memberCount: h.member_count,
    ...(old
      ? {
          period: old.period,
          classification: old.classification,
          deprivations: splitDeps(old.deprivations),
          status: old.status,
        }
      : {}),
  };
}

/** The household and its result as an import's write leaves them, as the change history records it. */
export function importedView(w: HouseholdWrite, version: number) {
  return {
    version,
    headName: w.headName,
    memberCount: w.members.length,
    period: w.result.period,
    classification: w.result.classification,
    deprivations: w.result.deprivations,
    status: w.result.status,
  };
}

/** What an import needs to know of one household's write (the bulk writers keep the deltas). */
export type ImportOutcome =
  | { ok: true; created: boolean }
  | { ok: false; code: 'RESULT_FROZEN' | 'CONFLICT' | 'HOUSEHOLD_OUT_OF_SCOPE' };

/** The columns of a result row that a write sets, whether it inserts the row or replaces it. */
export const resultColumns = (r: ResultRow, movement: string, at: string) => ({
  unit_code: r.unitCode,
  unit_valid_from: r.unitValidFrom,
  survey_date: r.surveyDate,
  answers: r.answers,
  standard: r.standard,
  area: r.area,
  income_line: r.incomeLine,
  classification: r.classification,
  deprivations: r.deprivations.join(','),
  deprivation_count: r.deprivations.length,
  explanation_json: r.explanationJson,
  movement,
  no_labour: (r.noLabour ? 1 : 0) as 0 | 1,
  groups: r.groups.join(','),
  status: r.status,
  frozen: 0 as const,
  updated_at: at,
});

/** A member's row as every write path inserts it. */
export const memberRow = (provinceCode: string, householdId: number, m: MemberRow) => ({
  province_code: provinceCode,
  household_id: householdId,
  ordinal: m.ordinal,
  name: m.name,
  id_number: m.idNumber,
  birth_date: m.birthDate,
  sex: m.sex,
  relation: m.relation,
});

/** The columns of a household row that a write sets, whether it inserts the row or updates it. */
export const householdColumns = (h: HouseholdWrite, at: string) => ({
  commune_code: h.communeCode,
  commune_valid_from: h.communeValidFrom,
  village_id: h.villageId,
  head_name: h.headName,
  head_birth_date: h.headBirthDate,
  address: h.address,
  head_key: h.headKey,
  search_key: h.searchKey,
  member_count: h.members.length,
  // The members' answers are those of the result written now.
  answers_period: h.result.period,
  updated_at: at,
});
