// The batch write of an import: a batch of households read and written with a few set-based
// statements (one SELECT of the existing households and their results, one write per table for
// the new rows), with the same effects as the portable `writeHousehold` for each household. The
// new rows go through a `NewRows`: multi-row INSERTs here (both engines), COPY on PostgreSQL
// (pg-copy.ts).
import type { Insertable } from 'kysely';
import type {
  HouseholdChangeTable,
  HouseholdMemberTable,
  HouseholdTable,
  ReviewResultTable,
} from '../schema-registry.js';
import type { Executor } from '../repositories/executor.js';
import { movementOf } from '../../domain/registry/movement.js';
import {
  laterMovementChanges,
  storedPeriod,
  transitionDeltas,
  type AggregateDeltas,
  type MovementChange,
  storedCellsOf,
} from '../../domain/registry/aggregates.js';
import { applyMovementChanges, type TallyKey } from './aggregates.js';
import {
  changeView,
  importedView,
  memberRow,
  householdColumns,
  mayTouch,
  resultColumns,
  type HouseholdWrite,
  type MemberRow,
  type ResultRow,
  type WriteOptions,
  type WriteOutcome,
} from './types.js';
import { encodeSnapshot } from '../../domain/registry/history.js';
import { inlinedAnswers, leavingPeriod, memberColumnsOf, setAnswers } from './leaving-answers.js';
import { answersNeedMembers } from '../../domain/survey/compact.js';

/**
 * How a batch's new rows reach their tables: for each province's part of a batch, a `NewRowsSink`
 * gathers the rows and writes them.
 */
export interface NewRows {
  start(): NewRowsSink;
}

/** The new rows of one province's part of a batch. */
export interface NewRowsSink {
  /** Inserts new households (version 1), in order; returns their ids. */
  households(db: Executor, provinceCode: string, writes: HouseholdWrite[], at: string): Promise<number[]>;
  /** A household's members (all of them: an updated household's old ones are deleted first). */
  members(provinceCode: string, householdId: number, members: readonly MemberRow[]): void;
  /** A new result row. */
  result(provinceCode: string, householdId: number, r: ResultRow, movement: string, at: string): void;
  change(row: Insertable<HouseholdChangeTable>): void;
  /** Writes the members, results and changes gathered. */
  flush(db: Executor): Promise<void>;
}

/** The row of a new household (version 1), as every path inserts it. */
export const newHouseholdRow = (provinceCode: string, w: HouseholdWrite, at: string) => ({
  ...householdColumns(w, at),
  province_code: provinceCode,
  household_key: w.key,
  version: 1,
  created_at: at,
});

/** New rows by multi-row INSERT statements (both engines). */
export const multiRowInserts: NewRows = {
  start() {
    const members: Insertable<HouseholdMemberTable>[] = [];
    const results: Insertable<ReviewResultTable>[] = [];
    const changes: Insertable<HouseholdChangeTable>[] = [];
    const insert = async <T extends 'household_member' | 'review_result' | 'household_change'>(
      db: Executor,
      table: T,
      rows: object[],
    ) => {
      for (let c = 0; c < rows.length; c += 500)
        await db
          .insertInto(table)
          .values(rows.slice(c, c + 500) as never)
          .execute();
    };
    return {
      async households(db, provinceCode, writes, at) {
        const rows: Insertable<HouseholdTable>[] = writes.map((w) => newHouseholdRow(provinceCode, w, at));
        const ids: number[] = [];
        // 500 rows of 15 columns stay under SQLite's limit of bound parameters.
        for (let c = 0; c < rows.length; c += 500) {
          const back = await db
            .insertInto('household')
            .values(rows.slice(c, c + 500))
            .returning(['id', 'household_key'])
            .execute();
          const byKey = new Map(back.map((r) => [r.household_key, Number(r.id)]));
          for (const r of rows.slice(c, c + 500)) ids.push(byKey.get(r.household_key)!);
        }
        return ids;
      },
      members(provinceCode, householdId, ms) {
        for (const m of ms) members.push(memberRow(provinceCode, householdId, m));
      },
      result(provinceCode, householdId, r, movement, at) {
        results.push({
          province_code: provinceCode,
          household_id: householdId,
          period: r.period,
          ...resultColumns(r, movement, at),
          created_at: at,
        });
      },
      change(row) {
        changes.push(row);
      },
      async flush(db) {
        await insert(db, 'household_member', members);
        await insert(db, 'review_result', results);
        await insert(db, 'household_change', changes);
      },
    };
  },
};

/**
 * What an import's batches share. `mayHold`: whether a province held any household when the
 * import first wrote to it. The keys of one import are distinct, so a household of a province
 * that held none cannot match a key of the import: its batches skip the look-up of existing
 * households. (On PostgreSQL that look-up, over rows written in the same transaction, has no
 * statistics to plan with and reads the whole partition: quadratic over a large import.)
 * `tally`: with `tallyByWriter`, the households each commune version gains or loses, which the
 * import adds to household_tally once at the end (`applyTallyDeltas`) instead of its triggers.
 */
export class ImportBatches {
  private readonly heldAny = new Map<string, boolean>();
  readonly tally = new Map<string, [TallyKey, number]>();

  constructor(readonly tallyByWriter = false) {}

  async mayHold(db: Executor, provinceCode: string): Promise<boolean> {
    let held = this.heldAny.get(provinceCode);
    if (held === undefined) {
      const row = await db
        .selectFrom('household')
        .select('id')
        .where('province_code', '=', provinceCode)
        .limit(1)
        .executeTakeFirst();
      held = row !== undefined;
      this.heldAny.set(provinceCode, held);
    }
    return held;
  }

  count(key: TallyKey, n: number): void {
    if (!this.tallyByWriter) return;
    const id = `${key.provinceCode}|${key.communeCode}|${key.communeValidFrom}`;
    const cur = this.tally.get(id);
    if (cur) cur[1] += n;
    else this.tally.set(id, [key, n]);
  }
}

/**
 * Writes a batch of households with multi-row statements (one SELECT of existing households and
 * results, one INSERT per table for the new rows), with the same effects as `writeHousehold` for
 * each. Households of the batch must have distinct keys (of the import, with `provinces`). Returns one outcome per input, in order.
 * The new rows go by `rows`: multi-row INSERTs (below), or COPY on PostgreSQL (pg-copy.ts).
 */
export async function writeHouseholdBatch(
  db: Executor,
  batch: HouseholdWrite[],
  opts: WriteOptions,
  deltas: AggregateDeltas,
  rows: NewRows = multiRowInserts,
  provinces?: ImportBatches,
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
    const existingRows =
      provinces && !(await provinces.mayHold(db, provinceCode))
        ? []
        : await db
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
    const sink = rows.start();
    if (fresh.length > 0) {
      const ids = await sink.households(
        db,
        provinceCode,
        fresh.map((i) => batch[i]!),
        opts.at,
      );
      fresh.forEach((i, n) => {
        const w = batch[i]!;
        idOf.set(w.key, ids[n]!);
        provinces?.count(
          { provinceCode, communeCode: w.communeCode, communeValidFrom: w.communeValidFrom },
          1,
        );
      });
    }
    const updated = writable.filter((i) => existing.has(batch[i]!.key));
    for (const i of updated) {
      const w = batch[i]!;
      const h = existing.get(w.key)!;
      idOf.set(w.key, h.id);
      provinces?.count(
        { provinceCode, communeCode: h.commune_code, communeValidFrom: h.commune_valid_from },
        -1,
      );
      provinces?.count({ provinceCode, communeCode: w.communeCode, communeValidFrom: w.communeValidFrom }, 1);
      await db
        .updateTable('household')
        .set({ ...householdColumns(w, opts.at), version: h.version + 1 })
        .where('province_code', '=', provinceCode)
        .where('id', '=', h.id)
        .execute();
    }
    // The answers of a period that stops being a household's answers_period get their members
    // back before the members are replaced (leaving-answers.ts).
    const leaving = updated.flatMap((i) => {
      const w = batch[i]!;
      const h = existing.get(w.key)!;
      const period = leavingPeriod(h, w.result.period);
      const result = period === null ? undefined : resultsOf.get(h.id)?.find((r) => r.period === period);
      return result && answersNeedMembers(result.answers) ? [{ h, result }] : [];
    });
    if (leaving.length > 0) {
      const memberRows = await db
        .selectFrom('household_member')
        .select(['household_id', 'ordinal', 'name', 'id_number', 'birth_date', 'sex', 'relation'])
        .where('province_code', '=', provinceCode)
        .where(
          'household_id',
          'in',
          leaving.map((x) => x.h.id),
        )
        .execute();
      const rowsOf = new Map<number, typeof memberRows>();
      for (const m of memberRows) {
        const list = rowsOf.get(Number(m.household_id)) ?? [];
        list.push(m);
        rowsOf.set(Number(m.household_id), list);
      }
      for (const { h, result } of leaving) {
        const members = memberColumnsOf(rowsOf.get(Number(h.id)) ?? []);
        const answers = inlinedAnswers(result, h.household_key, members);
        if (answers === null) continue;
        await setAnswers(db, provinceCode, result.id, answers);
        result.answers = answers;
      }
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
    for (const i of writable) {
      const w = batch[i]!;
      sink.members(provinceCode, idOf.get(w.key)!, w.members);
    }

    // Movements of later periods the batch changes, written together after the loop.
    const laterChanges: MovementChange[] = [];
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
      if (old) {
        await db
          .updateTable('review_result')
          .set(resultColumns(r, movement, opts.at))
          .where('province_code', '=', provinceCode)
          .where('id', '=', old.id)
          .execute();
        for (const c of storedCellsOf(provinceCode, old)) deltas.add(c, -1);
      } else sink.result(provinceCode, id, r, movement, opts.at);
      deltas.addCellsOf(provinceCode, { ...r, movement }, 1);
      {
        const all = h ? (resultsOf.get(h.id) ?? []) : [];
        const others = all.filter((x) => x.period !== r.period).map(storedPeriod);
        for (const [k, n] of transitionDeltas(
          provinceCode,
          all.map(storedPeriod),
          [...others, { ...r }],
          r.period,
        ))
          deltas.add(k, n);
      }
      if (h) {
        const others = (resultsOf.get(h.id) ?? []).filter((x) => x.period !== r.period);
        const later = laterMovementChanges(provinceCode, others, r.period, r.classification);
        laterChanges.push(...later);
        for (const c of later) for (const [k, n] of c.deltas) deltas.add(k, n);
      }
      const version = h ? h.version + 1 : 1;
      sink.change({
        province_code: provinceCode,
        household_id: id,
        at: opts.at,
        actor_id: opts.actorId,
        actor: opts.actor,
        action: opts.action,
        before_json: h ? encodeSnapshot(changeView(h, old)) : null,
        after_json: encodeSnapshot(importedView(w, version)),
      });
      out[i] = { ok: true, householdId: id, created: !h, version, movement, deltas: [] };
    }
    await sink.flush(db);
    await applyMovementChanges(db, provinceCode, laterChanges);
  }
  return out as WriteOutcome[];
}
