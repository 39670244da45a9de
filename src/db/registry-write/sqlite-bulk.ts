// The SQLite bulk write path of an import: raw better-sqlite3 prepared statements, run inside a
// transaction opened on the same connection (this thread's, or the writer thread's:
// sqlite-thread.ts). The same effects as the portable `writeHousehold`.
import type SQLite from 'better-sqlite3';
import type { Db } from '../database.js';
import { movementOf } from '../../domain/registry/movement.js';
import {
  laterMovementChanges,
  storedPeriod,
  transitionDeltas,
  type AggregateDeltas,
  type HistoryRow,
  storedCellsOf,
} from '../../domain/registry/aggregates.js';
import {
  changeView,
  importedView,
  mayTouch,
  type HouseholdWrite,
  type WriteOptions,
  type WriteOutcome,
} from './types.js';
import { encodeSnapshot } from '../../domain/registry/history.js';
import { inlinedAnswers, leavingPeriod, memberColumnsOf } from './leaving-answers.js';
import { answersNeedMembers } from '../../domain/survey/compact.js';

type MemberRowColumns = Parameters<typeof memberColumnsOf>[0][number];

/**
 * The bulk writer of the import: the same effects as `writeHousehold` (household, members, change
 * history, result with its movement, aggregate deltas) with raw prepared statements. Call it only
 * inside a transaction opened on the same connection, one writer per import (whose keys are
 * distinct).
 */
export function sqliteBulkWriter(db: Db) {
  const h: SQLite.Database = db.sqlite!;
  // A province-sized import touches every page of the household and member indexes, most of them
  // in no order (head names, citizen IDs, communes): a 192 MB page cache keeps those of 1,000,000
  // households in memory instead of re-reading them from the file for each row. 1,000,000
  // households: 90.6 s and a peak RSS of 946 MB (64 MB: 141.1 s and 748 MB, a busier machine).
  h.pragma('cache_size = -196608');
  const st = {
    anyOf: h.prepare('SELECT 1 FROM household WHERE province_code = ? LIMIT 1').pluck(),
    find: h.prepare(
      'SELECT id, household_key, commune_code, version, head_name, address, village_id, member_count, answers_period FROM household WHERE province_code = ? AND household_key = ?',
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
    // The answers of a period that stops being the answers_period (leaving-answers.ts).
    leavingAnswers: h.prepare(
      'SELECT id, answers, unit_code, survey_date FROM review_result WHERE province_code = ? AND household_id = ? AND period = ?',
    ),
    members: h.prepare(
      'SELECT ordinal, name, id_number, birth_date, sex, relation FROM household_member WHERE province_code = ? AND household_id = ?',
    ),
    setAnswers: h.prepare('UPDATE review_result SET answers = ? WHERE id = ?'),
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
  // Whether a province held any household when this import first wrote to it. The keys of one
  // import are distinct, so in a province that held none no key of the import can match an
  // existing household: its writes skip the look-up (as the batch path does, batch.ts).
  const heldAny = new Map<string, boolean>();
  const mayHold = (provinceCode: string): boolean => {
    let held = heldAny.get(provinceCode);
    if (held === undefined) heldAny.set(provinceCode, (held = st.anyOf.get(provinceCode) !== undefined));
    return held;
  };
  return {
    write(
      w: HouseholdWrite,
      opts: WriteOptions,
      deltas: Pick<AggregateDeltas, 'add' | 'addCellsOf'>,
    ): WriteOutcome {
      const onDelta = deltas.add;
      const existing = (mayHold(w.provinceCode) ? st.find.get(w.provinceCode, w.key) : undefined) as
        | {
            id: number;
            household_key: string;
            commune_code: string;
            version: number;
            head_name: string;
            address: string | null;
            village_id: number | null;
            member_count: number;
            answers_period: number | null;
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
      // The household's columns from commune_code to answers_period, in both statements' order.
      const household = [
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
      ];
      let id: number;
      if (existing) {
        id = existing.id;
        st.updateHousehold.run(...household, opts.at, w.provinceCode, id);
        const leaving = leavingPeriod(existing, r.period);
        const result =
          leaving === null
            ? undefined
            : (st.leavingAnswers.get(w.provinceCode, id, leaving) as
                { id: number; answers: string; unit_code: string; survey_date: string } | undefined);
        if (result && answersNeedMembers(result.answers)) {
          const members = memberColumnsOf(st.members.all(w.provinceCode, id) as MemberRowColumns[]);
          const answers = inlinedAnswers(result, existing.household_key, members);
          if (answers !== null) st.setAnswers.run(answers, result.id);
        }
        st.deleteMembers.run(w.provinceCode, id);
      } else {
        id = Number(
          st.insertHousehold.run(w.provinceCode, w.key, ...household, opts.at, opts.at).lastInsertRowid,
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
      // The result's columns from unit_code to status, in both statements' order.
      const values = [
        r.unitCode,
        r.unitValidFrom,
        r.surveyDate,
        r.answers,
        r.standard,
        r.area,
        r.incomeLine,
        r.classification,
        r.deprivations.join(','),
        r.deprivations.length,
        r.explanationJson,
        movement,
        r.noLabour ? 1 : 0,
        r.groups.join(','),
        r.status,
      ];
      if (old) {
        st.updateResult.run(...values, opts.at, old.id);
        for (const c of storedCellsOf(w.provinceCode, old)) onDelta(c, -1);
      } else {
        st.insertResult.run(w.provinceCode, id, r.period, ...values, opts.at, opts.at);
      }
      deltas.addCellsOf(w.provinceCode, { ...r, movement }, 1);
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
      const after = encodeSnapshot(importedView(w, existing ? existing.version + 1 : 1));
      const before = existing ? encodeSnapshot(changeView(existing, old)) : null;
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
