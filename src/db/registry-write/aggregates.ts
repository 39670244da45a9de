// The registry's derived writes: the aggregate cells (review_aggregate) and the movements of
// later results. The rules (which cells, which movements) are the domain's
// (src/domain/registry/aggregates.ts); this module only stores what they give.
import { sql } from 'kysely';
import type { Executor } from '../repositories/executor.js';
import { copyText, type TextCopier } from '../repositories/pg-copy.repository.js';
import { householdIdPages } from '../repositories/registry.repository.js';
import { movementsOf } from '../../domain/registry/movement.js';
import {
  AggregateDeltas,
  cellsOf,
  splitDeps,
  storedPeriod,
  transitionCellOf,
  type AggregateKey,
  type MovementChange,
  type StoredPeriod,
} from '../../domain/registry/aggregates.js';

/** The columns that name an aggregate cell (review_aggregate's unique key), then its count. */
const CELL_KEY = [
  'province_code',
  'period',
  'unit_code',
  'unit_valid_from',
  'status',
  'classification',
  'indicator',
] as const;
const AGGREGATE_COLUMNS = [...CELL_KEY, 'n'] as const;

/**
 * Sets the recomputed movement of later results (see `laterMovementChanges`): one statement per
 * movement value, whatever the number of results (an older period imported after a newer one
 * changes the movement of most households of the newer one).
 */
export async function applyMovementChanges(db: Executor, provinceCode: string, changes: MovementChange[]) {
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
        oc.columns([...CELL_KEY]).doUpdateSet({ n: sql<number>`review_aggregate.n + excluded.n` }),
      )
      .execute();
  }
}

/**
 * PostgreSQL, in the transaction of an import by COPY: the same as `applyAggregateDeltas`, the
 * deltas copied into a temporary table and added in one statement (an import's tens of thousands
 * of cells were a hundred multi-row upserts, each compiled and sent after the previous one).
 */
export async function applyAggregateDeltasByCopy(
  db: Executor,
  copy: TextCopier,
  deltas: Iterable<[AggregateKey, number]>,
): Promise<void> {
  const merged = new AggregateDeltas();
  for (const [k, n] of deltas) merged.add(k, n);
  let text = '';
  for (const [k, n] of merged.values())
    if (n !== 0)
      text += `${copyText(k.provinceCode)}\t${copyText(k.period)}\t${copyText(k.unitCode)}\t${copyText(k.unitValidFrom)}\t${copyText(k.status)}\t${copyText(k.classification)}\t${copyText(k.indicator)}\t${copyText(n)}\n`;
  if (!text) return;
  // Dropped at the end of the transaction, committed or rolled back.
  await sql`CREATE TEMPORARY TABLE import_aggregate_delta (LIKE review_aggregate) ON COMMIT DROP`.execute(db);
  await copy('import_aggregate_delta', AGGREGATE_COLUMNS, text);
  const cols = sql.raw(AGGREGATE_COLUMNS.join(', '));
  await sql`INSERT INTO review_aggregate (${cols}) SELECT ${cols} FROM import_aggregate_delta
    ON CONFLICT (province_code, period, unit_code, unit_valid_from, status, classification, indicator)
    DO UPDATE SET n = review_aggregate.n + excluded.n`.execute(db);
  await sql`DROP TABLE import_aggregate_delta`.execute(db);
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
  for await (const { provinceCode, first, last } of householdIdPages(db)) {
    const rows = await db
      .selectFrom('review_result')
      .select(['id', 'household_id', 'classification', 'movement'])
      .where('province_code', '=', provinceCode)
      .where('household_id', '>=', first)
      .where('household_id', '<=', last)
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

/** A commune version of household_tally. */
export interface TallyKey {
  provinceCode: string;
  communeCode: string;
  communeValidFrom: string;
}

/**
 * Adds households to household_tally (for a writer that keeps the tally itself: see migration
 * 2026-12-04T1200-household-tally-statements). One upsert per 400 cells.
 */
export async function applyTallyDeltas(db: Executor, deltas: Iterable<[TallyKey, number]>): Promise<void> {
  const rows = [...deltas].filter(([, n]) => n !== 0);
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('household_tally')
      .values(
        rows.slice(i, i + 400).map(([k, n]) => ({
          province_code: k.provinceCode,
          commune_code: k.communeCode,
          commune_valid_from: k.communeValidFrom,
          n,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['province_code', 'commune_code', 'commune_valid_from'])
          .doUpdateSet({ n: sql<number>`household_tally.n + excluded.n` }),
      )
      .execute();
}

/**
 * PostgreSQL: for the rest of the caller's transaction, household_tally is kept by the writer
 * (`applyTallyDeltas`), not by the triggers on household.
 */
export async function keepTallyInWriter(db: Executor): Promise<void> {
  await sql`SELECT set_config('giamngheo.tally_by_writer', 'on', true)`.execute(db);
}
