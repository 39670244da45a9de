// The portable write path (Kysely, both engines): one household at a time, for the edits of a
// household (the form, a campaign's survey, a regular review's recognition). The same effects as
// the bulk paths of an import: household, members, change history, result with its movement,
// later movements, and the aggregate deltas returned for the caller to apply in its transaction.
import type { Executor } from '../repositories/executor.js';
import { findHouseholdByKey } from '../repositories/registry.repository.js';
import { movementOf } from '../../domain/registry/movement.js';
import {
  cellsOf,
  laterMovementChanges,
  storedPeriod,
  transitionDeltas,
  type AggregateKey,
  type HistoryRow,
  storedCellsOf,
} from '../../domain/registry/aggregates.js';
import { applyMovementChanges } from './aggregates.js';
import {
  HISTORY_COLUMNS,
  changeView,
  memberRow,
  householdColumns,
  mayTouch,
  resultColumns,
  type HouseholdWrite,
  type WriteOptions,
  type WriteOutcome,
} from './types.js';
import { keepLeavingAnswers } from './leaving-answers.js';
import { encodeSnapshot, type HistorySnapshot } from '../../domain/registry/history.js';

export async function insertChange(
  db: Executor,
  row: {
    provinceCode: string;
    householdId: number;
    at: string;
    actorId: number | null;
    actor: string;
    action: string;
    before: HistorySnapshot | null;
    after: HistorySnapshot;
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
      before_json: row.before === null ? null : encodeSnapshot(row.before),
      after_json: encodeSnapshot(row.after),
    })
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

  const householdValues = householdColumns(h, opts.at);
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
    await keepLeavingAnswers(db, h.provinceCode, existing, h.result.period);
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
      .values(h.members.map((m) => memberRow(h.provinceCode, id, m)))
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
  const resultValues = resultColumns(r, movement, opts.at);
  const deltas: [AggregateKey, number][] = [];
  if (old) {
    await db
      .updateTable('review_result')
      .set(resultValues)
      .where('province_code', '=', h.provinceCode)
      .where('id', '=', old.id)
      .execute();
    for (const c of storedCellsOf(h.provinceCode, old)) deltas.push([c, -1]);
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

/** Freezes a result (its recognition by the regular review). */
export async function setResultFrozen(db: Executor, id: number, provinceCode: string, at: string) {
  await db
    .updateTable('review_result')
    .set({ frozen: 1, status: 'approved', updated_at: at })
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .execute();
}
