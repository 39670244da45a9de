// The PostgreSQL write path of an import: the batch write (batch.ts) whose new rows go by
// COPY … FROM STDIN on the connection that holds the import's transaction, the ids of new
// households drawn from their sequence first (COPY returns nothing). The ids are drawn ahead, a
// block at a time, and no COPY is awaited before the batch's last: a batch's rows are formatted
// while the server still ingests the batch before it (the statements of the connection keep their
// order: pg-copy.repository.ts `Turns`). Each row is formatted as COPY
// text as soon as it is known, straight from the household's write: no row object, no array of
// values, each value escaped once. The columns and values are those of batch.ts's
// `newHouseholdRow` and `multiRowInserts` (types.ts `householdColumns`, `resultColumns`); a test
// checks that both paths store the same rows (tests/integration/registry-write-paths.test.ts).
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Executor } from '../repositories/executor.js';
import { copyText as t, type TextCopier } from '../repositories/pg-copy.repository.js';
import type { HouseholdChangeTable } from '../schema-registry.js';
import type { NewRows } from './batch.js';

const HOUSEHOLD = [
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
const MEMBER = [
  'province_code',
  'household_id',
  'ordinal',
  'name',
  'id_number',
  'birth_date',
  'sex',
  'relation',
];
const RESULT = [
  'province_code',
  'household_id',
  'period',
  'unit_code',
  'unit_valid_from',
  'survey_date',
  'answers',
  'standard',
  'area',
  'income_line',
  'classification',
  'deprivations',
  'deprivation_count',
  'explanation_json',
  'movement',
  'no_labour',
  'groups',
  'status',
  'frozen',
  'created_at',
  'updated_at',
];
const CHANGE = [
  'province_code',
  'household_id',
  'at',
  'actor_id',
  'actor',
  'action',
  'before_json',
  'after_json',
];

/**
 * Ids of new households, drawn from their sequence. The first batch draws what it needs; from the
 * second on, ids are drawn a block of AHEAD batches' worth at a time, and drawn again in the
 * background while two batches' worth are left, so that a batch seldom waits for its ids behind
 * the statements already queued. Ids of the last block an import does not use stay unused, as a
 * rolled-back transaction leaves its ids (a sequence has gaps); an import of one batch leaves none.
 */
class IdStock {
  private stock: number[] = [];
  private at = 0;
  private drawing: Promise<void> | undefined;
  private takes = 0;

  async take(db: Executor, n: number): Promise<number[]> {
    this.takes += 1;
    while (this.stock.length - this.at < n) {
      this.drawing ??= this.draw(db, this.takes === 1 ? n : n * AHEAD);
      await this.drawing;
    }
    const ids = this.stock.slice(this.at, this.at + n);
    this.at += n;
    if (this.takes > 1 && this.stock.length - this.at < n * 2 && !this.drawing) {
      // In the background; a failure surfaces at the next take (and ends the transaction anyway).
      const drawing = this.draw(db, n * AHEAD);
      drawing.catch(() => undefined);
      this.drawing = drawing;
    }
    return ids;
  }

  private async draw(db: Executor, count: number): Promise<void> {
    try {
      const drawn = await sql<{
        id: string;
      }>`SELECT nextval(pg_get_serial_sequence('household', 'id')) AS id FROM generate_series(1, ${count})`.execute(
        db,
      );
      this.stock = [...this.stock.slice(this.at), ...drawn.rows.map((r) => Number(r.id))];
      this.at = 0;
    } finally {
      this.drawing = undefined;
    }
  }
}

/** Batches' worth of ids drawn at a time after the first batch. */
const AHEAD = 4;

/** New rows by COPY over `copy` (which must run on the executor's connection). */
export function copyRows(copy: TextCopier): NewRows {
  const ids = new IdStock();
  return {
    start() {
      let members = '';
      let results = '';
      let changes = '';
      // The batch's household COPYs, queued and awaited by flush.
      const queued: Promise<void>[] = [];
      return {
        async households(db: Executor, provinceCode, writes, at) {
          if (writes.length === 0) return [];
          const drawn = await ids.take(db, writes.length);
          const p = t(provinceCode);
          const stamp = t(at);
          let text = '';
          writes.forEach((w, n) => {
            text += `${drawn[n]}\t${p}\t${t(w.key)}\t${t(w.communeCode)}\t${t(w.communeValidFrom)}\t${t(w.villageId)}\t${t(w.headName)}\t${t(w.headBirthDate)}\t${t(w.address)}\t${t(w.headKey)}\t${t(w.searchKey)}\t${w.members.length}\t${t(w.result.period)}\t1\t${stamp}\t${stamp}\n`;
          });
          // Not awaited: the statements issued after it on the connection run after it.
          const written = copy('household', HOUSEHOLD, text);
          written.catch(() => undefined);
          queued.push(written);
          return drawn;
        },
        members(provinceCode, householdId, ms) {
          const head = `${t(provinceCode)}\t${householdId}\t`;
          for (const m of ms)
            members += `${head}${t(m.ordinal)}\t${t(m.name)}\t${t(m.idNumber)}\t${t(m.birthDate)}\t${t(m.sex)}\t${t(m.relation)}\n`;
        },
        result(provinceCode, householdId, r, movement, at) {
          const stamp = t(at);
          results += `${t(provinceCode)}\t${householdId}\t${t(r.period)}\t${t(r.unitCode)}\t${t(r.unitValidFrom)}\t${t(r.surveyDate)}\t${t(r.answers)}\t${t(r.standard)}\t${t(r.area)}\t${t(r.incomeLine)}\t${t(r.classification)}\t${t(r.deprivations.join(','))}\t${r.deprivations.length}\t${t(r.explanationJson)}\t${t(movement)}\t${r.noLabour ? 1 : 0}\t${t(r.groups.join(','))}\t${t(r.status)}\t0\t${stamp}\t${stamp}\n`;
        },
        change(c: Insertable<HouseholdChangeTable>) {
          changes += `${t(c.province_code)}\t${c.household_id}\t${t(c.at)}\t${t(c.actor_id ?? null)}\t${t(c.actor)}\t${t(c.action)}\t${t(c.before_json ?? null)}\t${t(c.after_json ?? null)}\n`;
        },
        async flush() {
          const written = [
            ...queued.splice(0),
            copy('household_member', MEMBER, members),
            copy('review_result', RESULT, results),
            copy('household_change', CHANGE, changes),
          ];
          members = results = changes = '';
          await Promise.all(written);
        },
      };
    },
  };
}
