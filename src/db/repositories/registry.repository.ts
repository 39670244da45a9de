// SQL of the household registry: households, members, change history, review results and the
// aggregates kept beside them. Two write paths share one contract (`writeHousehold`):
// - the portable path (Kysely, both dialects) used for single edits and on PostgreSQL;
// - the bulk path on SQLite: raw better-sqlite3 prepared statements, run inside the caller's
//   transaction (the import service opens it through Kysely on the same connection).
import { sql, type Insertable } from 'kysely';
import type { HouseholdChangeTable, ReviewResultTable } from '../schema-registry.js';
import type SQLite from 'better-sqlite3';
import type { Db } from '../database.js';
import type { Executor } from './executor.js';
import type { CopyValue, RowCopier } from './pg-copy.repository.js';
import { movementOf, movementsOf } from '../../domain/registry/movement.js';
import {
  AggregateDeltas,
  cellsOf,
  laterMovementChanges,
  splitDeps,
  storedPeriod,
  transitionCellOf,
  transitionDeltas,
  type AggregateKey,
  type HistoryRow,
  type MovementChange,
  type StoredPeriod,
} from '../../domain/registry/aggregates.js';
// The aggregate and movement rules live in the domain; re-exported for the callers of the registry.
export {
  AggregateDeltas,
  cellsOf,
  laterMovementChanges,
  transitionCellOf,
  transitionDeltas,
  type AggregateKey,
  type HistoryRow,
  type MovementChange,
} from '../../domain/registry/aggregates.js';
import { decodeAnswers, memberDataOf } from '../../domain/survey/compact.js';

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
function mayTouch(opts: WriteOptions, communeCode: string): boolean {
  return opts.scopeCommunes === null || opts.scopeCommunes.has(communeCode);
}

const HISTORY_COLUMNS = [
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

/** Sets the recomputed movement of later results (see `laterMovementChanges`). */
/**
 * Sets the recomputed movement of later results (see `laterMovementChanges`): one statement per
 * movement value, whatever the number of results (an older period imported after a newer one
 * changes the movement of most households of the newer one).
 */
async function applyMovementChanges(db: Executor, provinceCode: string, changes: MovementChange[]) {
  const byMovement = new Map<string, number[]>();
  for (const c of changes) {
    const ids = byMovement.get(c.movement) ?? [];
    ids.push(c.id);
    byMovement.set(c.movement, ids);
  }
  for (const [movement, ids] of byMovement)
    for (let i = 0; i < ids.length; i += 500)
      await db
        .updateTable('review_result')
        .set({ movement })
        .where('province_code', '=', provinceCode)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
}

// ── portable path (Kysely) ──────────────────────────────────────────────────

export async function findHouseholdByKey(db: Executor, provinceCode: string, key: string) {
  return db
    .selectFrom('household')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_key', '=', key)
    .executeTakeFirst();
}

export async function findHouseholdsByKey(db: Executor, key: string) {
  return db.selectFrom('household').selectAll().where('household_key', '=', key).execute();
}

export async function listMembers(db: Executor, provinceCode: string, householdId: number) {
  const rows = await db
    .selectFrom('household_member')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .orderBy('ordinal')
    .execute();
  return withMemberData(db, rows);
}

/**
 * Member rows with `data`, each member's answers besides its row's columns, read from the result
 * of its household's answers_period (the members are stored once: docs/decisions/0034).
 */
export async function withMemberData<
  M extends { province_code: string; household_id: number | string; ordinal: number },
>(db: Executor, rows: M[]): Promise<(M & { data: Record<string, unknown> })[]> {
  const byProvince = new Map<string, Set<number>>();
  for (const m of rows) {
    const ids = byProvince.get(m.province_code) ?? new Set<number>();
    ids.add(Number(m.household_id));
    byProvince.set(m.province_code, ids);
  }
  const dataOf = new Map<string, Record<string, unknown>[]>();
  for (const [provinceCode, set] of byProvince) {
    const ids = [...set];
    for (let i = 0; i < ids.length; i += 500) {
      const answers = await db
        .selectFrom('review_result as r')
        .innerJoin('household as h', (j) =>
          j
            .onRef('h.id', '=', 'r.household_id')
            .onRef('h.province_code', '=', 'r.province_code')
            .onRef('h.answers_period', '=', 'r.period'),
        )
        .select(['r.household_id', 'r.answers'])
        .where('r.province_code', '=', provinceCode)
        .where('r.household_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const a of answers)
        dataOf.set(`${provinceCode}|${Number(a.household_id)}`, memberDataOf(decodeAnswers(a.answers)));
    }
  }
  return rows.map((m) => ({
    ...m,
    data: dataOf.get(`${m.province_code}|${Number(m.household_id)}`)?.[m.ordinal - 1] ?? {},
  }));
}

export async function listResults(db: Executor, provinceCode: string, householdId: number) {
  return db
    .selectFrom('review_result')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .orderBy('period')
    .execute();
}

export async function listChanges(db: Executor, provinceCode: string, householdId: number) {
  return db
    .selectFrom('household_change')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();
}

export async function insertChange(
  db: Executor,
  row: {
    provinceCode: string;
    householdId: number;
    at: string;
    actorId: number | null;
    actor: string;
    action: string;
    before: unknown;
    after: unknown;
  },
) {
  await db
    .insertInto('household_change')
    .values({
      province_code: row.provinceCode,
      household_id: row.householdId,
      at: row.at,
      actor_id: row.actorId,
      actor: row.actor,
      action: row.action,
      before_json: row.before === undefined || row.before === null ? null : JSON.stringify(row.before),
      after_json: row.after === undefined || row.after === null ? null : JSON.stringify(row.after),
    })
    .execute();
}

/** Households of other keys whose members carry one of these citizen IDs. */
export async function findMembersByIdNumbers(db: Executor, provinceCode: string, idNumbers: string[]) {
  if (idNumbers.length === 0) return [];
  return db
    .selectFrom('household_member as m')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'm.household_id').onRef('h.province_code', '=', 'm.province_code'),
    )
    .select(['h.household_key', 'h.head_name', 'h.commune_code', 'm.name', 'm.id_number'])
    .where('m.province_code', '=', provinceCode)
    .where('m.id_number', 'in', idNumbers)
    .execute();
}

/** Households of a commune whose head has this folded name and birth date. */
export async function findHouseholdsByHead(
  db: Executor,
  provinceCode: string,
  communeCode: string,
  headKey: string,
  headBirthDate: string,
) {
  return db
    .selectFrom('household')
    .select(['household_key', 'head_name', 'head_birth_date', 'commune_code', 'address'])
    .where('province_code', '=', provinceCode)
    .where('commune_code', '=', communeCode)
    .where('head_key', '=', headKey)
    .where('head_birth_date', '=', headBirthDate)
    .execute();
}

export async function writeHousehold(
  db: Executor,
  h: HouseholdWrite,
  opts: WriteOptions,
): Promise<WriteOutcome> {
  const existing = await findHouseholdByKey(db, h.provinceCode, h.key);
  if (existing && !mayTouch(opts, existing.commune_code))
    return { ok: false, code: 'HOUSEHOLD_OUT_OF_SCOPE' };
  if (existing && opts.expectedVersion !== undefined && existing.version !== opts.expectedVersion) {
    return { ok: false, code: 'CONFLICT', currentVersion: existing.version };
  }
  const old = existing
    ? await db
        .selectFrom('review_result')
        .selectAll()
        .where('province_code', '=', h.provinceCode)
        .where('household_id', '=', existing.id)
        .where('period', '=', h.result.period)
        .executeTakeFirst()
    : undefined;
  if (old && old.frozen === 1 && !opts.overrideFrozen) return { ok: false, code: 'RESULT_FROZEN' };

  const householdValues = {
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
    updated_at: opts.at,
  };
  let id: number;
  let version: number;
  if (existing) {
    version = existing.version + 1;
    const r = await db
      .updateTable('household')
      .set({ ...householdValues, version })
      .where('province_code', '=', h.provinceCode)
      .where('id', '=', existing.id)
      .where('version', '=', existing.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      return { ok: false, code: 'CONFLICT', currentVersion: existing.version };
    id = existing.id;
    await db
      .deleteFrom('household_member')
      .where('province_code', '=', h.provinceCode)
      .where('household_id', '=', id)
      .execute();
  } else {
    version = 1;
    const row = await db
      .insertInto('household')
      .values({
        province_code: h.provinceCode,
        household_key: h.key,
        ...householdValues,
        version,
        created_at: opts.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = Number(row.id);
  }
  if (h.members.length > 0) {
    await db
      .insertInto('household_member')
      .values(
        h.members.map((m) => ({
          province_code: h.provinceCode,
          household_id: id,
          ordinal: m.ordinal,
          name: m.name,
          id_number: m.idNumber,
          birth_date: m.birthDate,
          sex: m.sex,
          relation: m.relation,
        })),
      )
      .execute();
  }
  const history: HistoryRow[] = existing
    ? await db
        .selectFrom('review_result')
        .select(HISTORY_COLUMNS)
        .where('province_code', '=', h.provinceCode)
        .where('household_id', '=', id)
        .where('period', '<>', h.result.period)
        .orderBy('period')
        .execute()
    : [];
  const movement = movementOf(
    h.result.classification,
    history.filter((e) => e.period < h.result.period).map((e) => e.classification),
  );
  const r = h.result;
  const resultValues = {
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
    updated_at: opts.at,
  };
  const deltas: [AggregateKey, number][] = [];
  if (old) {
    await db
      .updateTable('review_result')
      .set(resultValues)
      .where('province_code', '=', h.provinceCode)
      .where('id', '=', old.id)
      .execute();
    for (const c of cellsOf(h.provinceCode, {
      period: old.period,
      unitCode: old.unit_code,
      unitValidFrom: old.unit_valid_from,
      status: old.status,
      classification: old.classification,
      deprivations: splitDeps(old.deprivations),
      movement: old.movement,
      noLabour: old.no_labour === 1,
      groups: splitDeps(old.groups),
    }))
      deltas.push([c, -1]);
  } else {
    await db
      .insertInto('review_result')
      .values({
        province_code: h.provinceCode,
        household_id: id,
        period: r.period,
        ...resultValues,
        created_at: opts.at,
      })
      .execute();
  }
  for (const c of cellsOf(h.provinceCode, { ...r, movement })) deltas.push([c, 1]);
  const others = history.map(storedPeriod);
  deltas.push(
    ...transitionDeltas(
      h.provinceCode,
      old ? [...others, storedPeriod(old)] : others,
      [...others, { ...r }],
      r.period,
    ),
  );
  const later = laterMovementChanges(h.provinceCode, history, r.period, r.classification);
  await applyMovementChanges(db, h.provinceCode, later);
  for (const c of later) deltas.push(...c.deltas);
  await insertChange(db, {
    provinceCode: h.provinceCode,
    householdId: id,
    at: opts.at,
    actorId: opts.actorId,
    actor: opts.actor,
    action: opts.action,
    before: existing ? changeView(existing, old) : null,
    after: {
      version,
      headName: h.headName,
      address: h.address,
      villageId: h.villageId,
      memberCount: h.members.length,
      period: r.period,
      classification: r.classification,
      deprivations: r.deprivations,
      status: r.status,
    },
  });
  return { ok: true, householdId: id, created: !existing, version, movement, deltas };
}

function changeView(
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

/** Adds deltas to the aggregate cells (upsert), in the caller's transaction. */
export async function applyAggregateDeltas(
  db: Executor,
  deltas: Iterable<[AggregateKey, number]>,
): Promise<void> {
  const merged = new AggregateDeltas();
  for (const [k, n] of deltas) merged.add(k, n);
  const rows = [...merged.values()].filter(([, n]) => n !== 0);
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    await db
      .insertInto('review_aggregate')
      .values(
        chunk.map(([k, n]) => ({
          province_code: k.provinceCode,
          period: k.period,
          unit_code: k.unitCode,
          unit_valid_from: k.unitValidFrom,
          status: k.status,
          classification: k.classification,
          indicator: k.indicator,
          n,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns([
            'province_code',
            'period',
            'unit_code',
            'unit_valid_from',
            'status',
            'classification',
            'indicator',
          ])
          .doUpdateSet({ n: sql<number>`review_aggregate.n + excluded.n` }),
      )
      .execute();
  }
}

/** Aggregate cells of a period (households rows only unless `indicator` given). */
export async function readAggregates(
  db: Executor,
  opts: { period: number; status?: string; provinceCode?: string; indicator?: string },
) {
  let q = db
    .selectFrom('review_aggregate')
    .select(['province_code', 'unit_code', 'unit_valid_from', 'classification', 'n'])
    .where('period', '=', opts.period)
    .where('indicator', '=', opts.indicator ?? '');
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.provinceCode) q = q.where('province_code', '=', opts.provinceCode);
  return q.execute();
}

export async function readAllAggregates(db: Executor) {
  return db.selectFrom('review_aggregate').selectAll().where('n', '<>', 0).execute();
}

/** The same household counts as readAggregates, computed from the results by GROUP BY. */
export async function countResultsFromScratch(
  db: Executor,
  opts: { period: number; status: string; provinceCode?: string },
) {
  let q = db
    .selectFrom('review_result')
    .select((eb) => [
      'province_code',
      'unit_code',
      'unit_valid_from',
      'classification',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('period', '=', opts.period)
    .where('status', '=', opts.status);
  if (opts.provinceCode) q = q.where('province_code', '=', opts.provinceCode);
  return q.groupBy(['province_code', 'unit_code', 'unit_valid_from', 'classification']).execute();
}

/** Recomputes every aggregate cell from review_result (reads in pages, writes in one go). */
export async function computeAggregatesFromResults(
  db: Executor,
): Promise<Map<string, [AggregateKey, number]>> {
  const out = new Map<string, [AggregateKey, number]>();
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('review_result')
      .select([
        'id',
        'province_code',
        'period',
        'unit_code',
        'unit_valid_from',
        'status',
        'classification',
        'deprivations',
        'movement',
        'no_labour',
        'groups',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(20_000)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      for (const c of cellsOf(r.province_code, {
        period: r.period,
        unitCode: r.unit_code,
        unitValidFrom: r.unit_valid_from,
        status: r.status,
        classification: r.classification,
        deprivations: splitDeps(r.deprivations),
        movement: r.movement,
        noLabour: r.no_labour === 1,
        groups: splitDeps(r.groups),
      })) {
        const id = AggregateDeltas.keyOf(c);
        const cur = out.get(id);
        if (cur) cur[1] += 1;
        else out.set(id, [c, 1]);
      }
    }
    after = Number(page[page.length - 1]!.id);
  }
  // The transition cells, household by household (each needs the household's earlier results).
  const provinces = await db.selectFrom('household').select('province_code').distinct().execute();
  for (const { province_code: provinceCode } of provinces) {
    let last = 0;
    for (;;) {
      const households = await db
        .selectFrom('household')
        .select('id')
        .where('province_code', '=', provinceCode)
        .where('id', '>', last)
        .orderBy('id')
        .limit(5000)
        .execute();
      if (households.length === 0) break;
      const first = Number(households[0]!.id);
      last = Number(households[households.length - 1]!.id);
      const rows = await db
        .selectFrom('review_result')
        .select(['household_id', 'period', 'unit_code', 'unit_valid_from', 'status', 'classification'])
        .where('province_code', '=', provinceCode)
        .where('household_id', '>=', first)
        .where('household_id', '<=', last)
        .orderBy('household_id')
        .orderBy('period')
        .execute();
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j < rows.length && rows[j]!.household_id === rows[i]!.household_id) j += 1;
        const history = rows.slice(i, j).map(storedPeriod);
        for (const x of history) {
          const c = transitionCellOf(provinceCode, x, history);
          const id = AggregateDeltas.keyOf(c);
          const cur = out.get(id);
          if (cur) cur[1] += 1;
          else out.set(id, [c, 1]);
        }
        i = j;
      }
    }
  }
  return out;
}

/**
 * Recomputes the movement of every stored result from its household's whole history and corrects
 * those that differ (results stored before a late older period recomputed the later ones may hold
 * stale movements). Reads one province's households in pages of ids, through the
 * (province_code, household_id, period) index; writes only what changed. Returns the number of
 * results corrected.
 */
export async function recomputeAllMovements(db: Executor): Promise<number> {
  let corrected = 0;
  const provinces = await db.selectFrom('household').select('province_code').distinct().execute();
  for (const { province_code: provinceCode } of provinces) {
    let after = 0;
    for (;;) {
      const page = await db
        .selectFrom('household')
        .select('id')
        .where('province_code', '=', provinceCode)
        .where('id', '>', after)
        .orderBy('id')
        .limit(5000)
        .execute();
      if (page.length === 0) break;
      const first = Number(page[0]!.id);
      after = Number(page[page.length - 1]!.id);
      const rows = await db
        .selectFrom('review_result')
        .select(['id', 'household_id', 'classification', 'movement'])
        .where('province_code', '=', provinceCode)
        .where('household_id', '>=', first)
        .where('household_id', '<=', after)
        .orderBy('household_id')
        .orderBy('period')
        .execute();
      const fixes = new Map<string, number[]>();
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j < rows.length && rows[j]!.household_id === rows[i]!.household_id) j += 1;
        const history = rows.slice(i, j);
        movementsOf(history.map((r) => r.classification)).forEach((m, k) => {
          if (m === history[k]!.movement) return;
          const ids = fixes.get(m) ?? [];
          ids.push(Number(history[k]!.id));
          fixes.set(m, ids);
        });
        i = j;
      }
      for (const [movement, ids] of fixes) {
        corrected += ids.length;
        for (let c = 0; c < ids.length; c += 500)
          await db
            .updateTable('review_result')
            .set({ movement })
            .where('province_code', '=', provinceCode)
            .where('id', 'in', ids.slice(c, c + 500))
            .execute();
      }
    }
  }
  return corrected;
}

export async function replaceAggregates(
  db: Executor,
  cells: Iterable<[AggregateKey, number]>,
): Promise<void> {
  await db.deleteFrom('review_aggregate').execute();
  await applyAggregateDeltas(db, cells);
}

// Search and lists: household-search.repository.ts (the word index).

// ── bulk path (SQLite, raw prepared statements) ──────────────────────────────

/**
 * The bulk writer of the import: the same effects as `writeHousehold` (household, members, change
 * history, result with its movement, aggregate deltas) with raw prepared statements. Call it only
 * inside a transaction opened on the same connection.
 */
export function sqliteBulkWriter(db: Db) {
  const h: SQLite.Database = db.sqlite!;
  // A province-sized import touches every page of the household and member indexes: a 64 MB page
  // cache keeps them in memory instead of re-reading them from the file for each row.
  h.pragma('cache_size = -65536');
  const st = {
    find: h.prepare(
      'SELECT id, commune_code, version, head_name, address, village_id, member_count FROM household WHERE province_code = ? AND household_key = ?',
    ),
    insertHousehold: h.prepare(
      `INSERT INTO household (province_code, household_key, commune_code, commune_valid_from, village_id, head_name, head_birth_date, address, head_key, search_key, member_count, answers_period, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    updateHousehold: h.prepare(
      `UPDATE household SET commune_code = ?, commune_valid_from = ?, village_id = ?, head_name = ?, head_birth_date = ?, address = ?, head_key = ?, search_key = ?, member_count = ?, answers_period = ?, version = version + 1, updated_at = ?
       WHERE province_code = ? AND id = ?`,
    ),
    deleteMembers: h.prepare('DELETE FROM household_member WHERE province_code = ? AND household_id = ?'),
    insertMember: h.prepare(
      `INSERT INTO household_member (province_code, household_id, ordinal, name, id_number, birth_date, sex, relation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Every result of an existing household: the one of the period being written, the earlier
    // ones its movement follows from, the later ones whose movements it may change.
    results: h.prepare(
      'SELECT id, period, unit_code, unit_valid_from, status, classification, deprivations, movement, no_labour, groups, frozen FROM review_result WHERE province_code = ? AND household_id = ? ORDER BY period',
    ),
    setMovement: h.prepare('UPDATE review_result SET movement = ? WHERE id = ?'),
    insertResult: h.prepare(
      `INSERT INTO review_result (province_code, household_id, period, unit_code, unit_valid_from, survey_date, answers, standard, area, income_line, classification, deprivations, deprivation_count, explanation_json, movement, no_labour, groups, status, frozen, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ),
    updateResult: h.prepare(
      `UPDATE review_result SET unit_code = ?, unit_valid_from = ?, survey_date = ?, answers = ?, standard = ?, area = ?, income_line = ?, classification = ?, deprivations = ?, deprivation_count = ?, explanation_json = ?, movement = ?, no_labour = ?, groups = ?, status = ?, updated_at = ? WHERE id = ?`,
    ),
    insertChange: h.prepare(
      'INSERT INTO household_change (province_code, household_id, at, actor_id, actor, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  return {
    write(
      w: HouseholdWrite,
      opts: WriteOptions,
      onDelta: (k: AggregateKey, n: number) => void,
    ): WriteOutcome {
      const existing = st.find.get(w.provinceCode, w.key) as
        | {
            id: number;
            commune_code: string;
            version: number;
            head_name: string;
            address: string | null;
            village_id: number | null;
            member_count: number;
          }
        | undefined;
      if (existing && !mayTouch(opts, existing.commune_code))
        return { ok: false, code: 'HOUSEHOLD_OUT_OF_SCOPE' };
      const r = w.result;
      // A new household has no results: an import into an empty registry pays no query here.
      const stored = existing
        ? (st.results.all(w.provinceCode, existing.id) as (HistoryRow & { frozen: number })[])
        : [];
      const old = stored.find((x) => x.period === r.period);
      const history = stored.filter((x) => x.period !== r.period);
      if (old && old.frozen === 1 && !opts.overrideFrozen) return { ok: false, code: 'RESULT_FROZEN' };
      let id: number;
      if (existing) {
        id = existing.id;
        st.updateHousehold.run(
          w.communeCode,
          w.communeValidFrom,
          w.villageId,
          w.headName,
          w.headBirthDate,
          w.address,
          w.headKey,
          w.searchKey,
          w.members.length,
          r.period,
          opts.at,
          w.provinceCode,
          id,
        );
        st.deleteMembers.run(w.provinceCode, id);
      } else {
        id = Number(
          st.insertHousehold.run(
            w.provinceCode,
            w.key,
            w.communeCode,
            w.communeValidFrom,
            w.villageId,
            w.headName,
            w.headBirthDate,
            w.address,
            w.headKey,
            w.searchKey,
            w.members.length,
            r.period,
            opts.at,
            opts.at,
          ).lastInsertRowid,
        );
      }
      for (const m of w.members)
        st.insertMember.run(
          w.provinceCode,
          id,
          m.ordinal,
          m.name,
          m.idNumber,
          m.birthDate,
          m.sex,
          m.relation,
        );
      const movement = movementOf(
        r.classification,
        history.filter((x) => x.period < r.period).map((x) => x.classification),
      );
      const deps = r.deprivations.join(',');
      if (old) {
        st.updateResult.run(
          r.unitCode,
          r.unitValidFrom,
          r.surveyDate,
          r.answers,
          r.standard,
          r.area,
          r.incomeLine,
          r.classification,
          deps,
          r.deprivations.length,
          r.explanationJson,
          movement,
          r.noLabour ? 1 : 0,
          r.groups.join(','),
          r.status,
          opts.at,
          old.id,
        );
        for (const c of cellsOf(w.provinceCode, {
          period: old.period,
          unitCode: old.unit_code,
          unitValidFrom: old.unit_valid_from,
          status: old.status,
          classification: old.classification,
          deprivations: splitDeps(old.deprivations),
          movement: old.movement,
          noLabour: old.no_labour === 1,
          groups: splitDeps(old.groups),
        }))
          onDelta(c, -1);
      } else {
        st.insertResult.run(
          w.provinceCode,
          id,
          r.period,
          r.unitCode,
          r.unitValidFrom,
          r.surveyDate,
          r.answers,
          r.standard,
          r.area,
          r.incomeLine,
          r.classification,
          deps,
          r.deprivations.length,
          r.explanationJson,
          movement,
          r.noLabour ? 1 : 0,
          r.groups.join(','),
          r.status,
          opts.at,
          opts.at,
        );
      }
      for (const c of cellsOf(w.provinceCode, { ...r, movement })) onDelta(c, 1);
      const others = history.map(storedPeriod);
      for (const [k, n] of transitionDeltas(
        w.provinceCode,
        stored.map(storedPeriod),
        [...others, { ...r }],
        r.period,
      ))
        onDelta(k, n);
      if (history.length > 0)
        for (const c of laterMovementChanges(w.provinceCode, history, r.period, r.classification)) {
          st.setMovement.run(c.movement, c.id);
          for (const [k, n] of c.deltas) onDelta(k, n);
        }
      const after = JSON.stringify({
        version: existing ? existing.version + 1 : 1,
        headName: w.headName,
        memberCount: w.members.length,
        period: r.period,
        classification: r.classification,
        deprivations: r.deprivations,
        status: r.status,
      });
      const before = existing ? JSON.stringify(changeView(existing, old)) : null;
      st.insertChange.run(w.provinceCode, id, opts.at, opts.actorId, opts.actor, opts.action, before, after);
      return {
        ok: true,
        householdId: id,
        created: !existing,
        version: existing ? existing.version + 1 : 1,
        movement,
        deltas: [],
      };
    },
  };
}

/** Recounts the aggregate cells of one commune version × period from its results (after a bulk status change). */
export async function recountUnitAggregates(
  db: Executor,
  provinceCode: string,
  period: number,
  unitCode: string,
  unitValidFrom: string,
) {
  const rows = await db
    .selectFrom('review_result')
    .select(['household_id', 'status', 'classification', 'deprivations', 'movement', 'no_labour', 'groups'])
    .where('province_code', '=', provinceCode)
    .where('period', '=', period)
    .where('unit_code', '=', unitCode)
    .where('unit_valid_from', '=', unitValidFrom)
    .execute();
  await db
    .deleteFrom('review_aggregate')
    .where('province_code', '=', provinceCode)
    .where('period', '=', period)
    .where('unit_code', '=', unitCode)
    .where('unit_valid_from', '=', unitValidFrom)
    .execute();
  const cells: [AggregateKey, number][] = [];
  for (const r of rows) {
    for (const c of cellsOf(provinceCode, {
      period,
      unitCode,
      unitValidFrom,
      status: r.status,
      classification: r.classification,
      deprivations: splitDeps(r.deprivations),
      movement: r.movement,
      noLabour: r.no_labour === 1,
      groups: splitDeps(r.groups),
    }))
      cells.push([c, 1]);
  }
  // The transition cells of these results: each needs its household's earlier results.
  const earlier = await db
    .selectFrom('review_result')
    .select(['household_id', 'period', 'unit_code', 'unit_valid_from', 'status', 'classification'])
    .where('province_code', '=', provinceCode)
    .where('period', '<', period)
    .where('household_id', 'in', (eb) =>
      eb
        .selectFrom('review_result')
        .select('household_id')
        .where('province_code', '=', provinceCode)
        .where('period', '=', period)
        .where('unit_code', '=', unitCode)
        .where('unit_valid_from', '=', unitValidFrom),
    )
    .execute();
  const historyOf = new Map<number, StoredPeriod[]>();
  for (const e of earlier) {
    const list = historyOf.get(Number(e.household_id)) ?? [];
    list.push(storedPeriod(e));
    historyOf.set(Number(e.household_id), list);
  }
  for (const r of rows)
    cells.push([
      transitionCellOf(
        provinceCode,
        { period, unitCode, unitValidFrom, status: r.status, classification: r.classification },
        historyOf.get(Number(r.household_id)) ?? [],
      ),
      1,
    ]);
  await applyAggregateDeltas(db, cells);
}

export async function getResult(db: Executor, provinceCode: string, householdId: number, period: number) {
  return db
    .selectFrom('review_result')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .where('period', '=', period)
    .executeTakeFirst();
}

export async function setResultFrozen(db: Executor, id: number, provinceCode: string, at: string) {
  await db
    .updateTable('review_result')
    .set({ frozen: 1, status: 'approved', updated_at: at })
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .execute();
}

// ── batch path (PostgreSQL; portable) ────────────────────────────────────────

const HOUSEHOLD_COPY_COLUMNS = [
  'id',
  'province_code',
  'household_key',
  'commune_code',
  'commune_valid_from',
  'village_id',
  'head_name',
  'head_birth_date',
  'address',
  'head_key',
  'search_key',
  'member_count',
  'answers_period',
  'version',
  'created_at',
  'updated_at',
];

/** The columns of rows built as objects of one shape (the first row's keys), and their values. */
function columnsAndRows(rows: object[]): [string[], CopyValue[][]] {
  if (rows.length === 0) return [[], []];
  const columns = Object.keys(rows[0]!);
  return [columns, rows.map((r) => columns.map((c) => (r as Record<string, CopyValue>)[c] ?? null))];
}

/**
 * Writes a batch of households with multi-row statements (one SELECT of existing households and
 * results, one INSERT per table for the new rows), with the same effects as `writeHousehold` for
 * each. Households of the batch must have distinct keys. Returns one outcome per input, in order.
 * With `copy` (PostgreSQL, on the transaction's connection) the new rows go by COPY instead, the
 * ids of new households drawn from their sequence first.
 */
export async function writeHouseholdBatch(
  db: Executor,
  batch: HouseholdWrite[],
  opts: WriteOptions,
  onDelta: (k: AggregateKey, n: number) => void,
  copy?: RowCopier,
): Promise<WriteOutcome[]> {
  if (batch.length === 0) return [];
  const out: (WriteOutcome | undefined)[] = new Array(batch.length);
  const byProvince = new Map<string, number[]>();
  batch.forEach((w, i) => {
    const list = byProvince.get(w.provinceCode) ?? [];
    list.push(i);
    byProvince.set(w.provinceCode, list);
  });
  for (const [provinceCode, indexes] of byProvince) {
    const keys = indexes.map((i) => batch[i]!.key);
    const existingRows = await db
      .selectFrom('household')
      .selectAll()
      .where('province_code', '=', provinceCode)
      .where('household_key', 'in', keys)
      .execute();
    const existing = new Map(existingRows.map((h) => [h.household_key, h]));
    const ids = existingRows.map((h) => h.id);
    const resultRows = ids.length
      ? await db
          .selectFrom('review_result')
          .selectAll()
          .where('province_code', '=', provinceCode)
          .where('household_id', 'in', ids)
          .execute()
      : [];
    const resultsOf = new Map<number, typeof resultRows>();
    for (const r of resultRows) {
      const list = resultsOf.get(r.household_id) ?? [];
      list.push(r);
      resultsOf.set(r.household_id, list);
    }
    // Frozen results are refused before anything of the record is written.
    const writable = indexes.filter((i) => {
      const w = batch[i]!;
      const h = existing.get(w.key);
      if (h && !mayTouch(opts, h.commune_code)) {
        out[i] = { ok: false, code: 'HOUSEHOLD_OUT_OF_SCOPE' };
        return false;
      }
      const old = h ? resultsOf.get(h.id)?.find((r) => r.period === w.result.period) : undefined;
      if (old && old.frozen === 1 && !opts.overrideFrozen) {
        out[i] = { ok: false, code: 'RESULT_FROZEN' };
        return false;
      }
      return true;
    });
    const fresh = writable.filter((i) => !existing.has(batch[i]!.key));
    const idOf = new Map<string, number>();
    if (copy && fresh.length > 0) {
      const drawn = await sql<{
        id: number;
      }>`SELECT nextval(pg_get_serial_sequence('household', 'id')) AS id FROM generate_series(1, ${fresh.length})`.execute(
        db,
      );
      const rows = fresh.map((i, n) => {
        const w = batch[i]!;
        const id = Number(drawn.rows[n]!.id);
        idOf.set(w.key, id);
        return [
          id,
          provinceCode,
          w.key,
          w.communeCode,
          w.communeValidFrom,
          w.villageId,
          w.headName,
          w.headBirthDate,
          w.address,
          w.headKey,
          w.searchKey,
          w.members.length,
          w.result.period,
          1,
          opts.at,
          opts.at,
        ];
      });
      await copy('household', HOUSEHOLD_COPY_COLUMNS, rows);
    }
    for (let c = 0; !copy && c < fresh.length; c += 500) {
      const rows = await db
        .insertInto('household')
        .values(
          fresh.slice(c, c + 500).map((i) => {
            const w = batch[i]!;
            return {
              province_code: provinceCode,
              household_key: w.key,
              commune_code: w.communeCode,
              commune_valid_from: w.communeValidFrom,
              village_id: w.villageId,
              head_name: w.headName,
              head_birth_date: w.headBirthDate,
              address: w.address,
              head_key: w.headKey,
              search_key: w.searchKey,
              member_count: w.members.length,
              answers_period: w.result.period,
              version: 1,
              created_at: opts.at,
              updated_at: opts.at,
            };
          }),
        )
        .returning(['id', 'household_key'])
        .execute();
      for (const r of rows) idOf.set(r.household_key, Number(r.id));
    }
    const updated = writable.filter((i) => existing.has(batch[i]!.key));
    for (const i of updated) {
      const w = batch[i]!;
      const h = existing.get(w.key)!;
      idOf.set(w.key, h.id);
      await db
        .updateTable('household')
        .set({
          commune_code: w.communeCode,
          commune_valid_from: w.communeValidFrom,
          village_id: w.villageId,
          head_name: w.headName,
          head_birth_date: w.headBirthDate,
          address: w.address,
          head_key: w.headKey,
          search_key: w.searchKey,
          member_count: w.members.length,
          answers_period: w.result.period,
          version: h.version + 1,
          updated_at: opts.at,
        })
        .where('province_code', '=', provinceCode)
        .where('id', '=', h.id)
        .execute();
    }
    if (updated.length > 0) {
      await db
        .deleteFrom('household_member')
        .where('province_code', '=', provinceCode)
        .where(
          'household_id',
          'in',
          updated.map((i) => existing.get(batch[i]!.key)!.id),
        )
        .execute();
    }
    const members = writable.flatMap((i) => {
      const w = batch[i]!;
      const id = idOf.get(w.key)!;
      return w.members.map((m) => ({
        province_code: provinceCode,
        household_id: id,
        ordinal: m.ordinal,
        name: m.name,
        id_number: m.idNumber,
        birth_date: m.birthDate,
        sex: m.sex,
        relation: m.relation,
      }));
    });
    if (copy) await copy('household_member', ...columnsAndRows(members));
    else
      for (let c = 0; c < members.length; c += 1000)
        await db
          .insertInto('household_member')
          .values(members.slice(c, c + 1000))
          .execute();

    const newResults: Insertable<ReviewResultTable>[] = [];
    // Movements of later periods the batch changes, written together after the loop.
    const laterChanges: MovementChange[] = [];
    const changes: Insertable<HouseholdChangeTable>[] = [];
    for (const i of writable) {
      const w = batch[i]!;
      const r = w.result;
      const id = idOf.get(w.key)!;
      const h = existing.get(w.key);
      const history = (h ? (resultsOf.get(h.id) ?? []) : [])
        .filter((x) => x.period < r.period)
        .sort((a, b) => a.period - b.period);
      const old = h ? resultsOf.get(h.id)?.find((x) => x.period === r.period) : undefined;
      const movement = movementOf(
        r.classification,
        history.map((x) => x.classification),
      );
      const values = {
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
        updated_at: opts.at,
      };
      if (old) {
        await db
          .updateTable('review_result')
          .set(values)
          .where('province_code', '=', provinceCode)
          .where('id', '=', old.id)
          .execute();
        for (const c of cellsOf(provinceCode, {
          period: old.period,
          unitCode: old.unit_code,
          unitValidFrom: old.unit_valid_from,
          status: old.status,
          classification: old.classification,
          deprivations: splitDeps(old.deprivations),
          movement: old.movement,
          noLabour: old.no_labour === 1,
          groups: splitDeps(old.groups),
        }))
          onDelta(c, -1);
      } else {
        newResults.push({
          province_code: provinceCode,
          household_id: id,
          period: r.period,
          ...values,
          created_at: opts.at,
        });
      }
      for (const c of cellsOf(provinceCode, { ...r, movement })) onDelta(c, 1);
      {
        const all = h ? (resultsOf.get(h.id) ?? []) : [];
        const others = all.filter((x) => x.period !== r.period).map(storedPeriod);
        for (const [k, n] of transitionDeltas(
          provinceCode,
          all.map(storedPeriod),
          [...others, { ...r }],
          r.period,
        ))
          onDelta(k, n);
      }
      if (h) {
        const others = (resultsOf.get(h.id) ?? []).filter((x) => x.period !== r.period);
        const later = laterMovementChanges(provinceCode, others, r.period, r.classification);
        laterChanges.push(...later);
        for (const c of later) for (const [k, n] of c.deltas) onDelta(k, n);
      }
      const version = h ? h.version + 1 : 1;
      changes.push({
        province_code: provinceCode,
        household_id: id,
        at: opts.at,
        actor_id: opts.actorId,
        actor: opts.actor,
        action: opts.action,
        before_json: h ? JSON.stringify(changeView(h, old)) : null,
        after_json: JSON.stringify({
          version,
          headName: w.headName,
          memberCount: w.members.length,
          period: r.period,
          classification: r.classification,
          deprivations: r.deprivations,
          status: r.status,
        }),
      });
      out[i] = { ok: true, householdId: id, created: !h, version, movement, deltas: [] };
    }
    if (copy) {
      await copy('review_result', ...columnsAndRows(newResults));
      await copy('household_change', ...columnsAndRows(changes));
    } else {
      for (let c = 0; c < newResults.length; c += 500)
        await db
          .insertInto('review_result')
          .values(newResults.slice(c, c + 500))
          .execute();
      for (let c = 0; c < changes.length; c += 500)
        await db
          .insertInto('household_change')
          .values(changes.slice(c, c + 500))
          .execute();
    }
    await applyMovementChanges(db, provinceCode, laterChanges);
  }
  return out as WriteOutcome[];
}
