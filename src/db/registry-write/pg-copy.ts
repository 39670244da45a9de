// The PostgreSQL write path of an import: the batch write (batch.ts) whose new rows go by
// COPY … FROM STDIN on the connection that holds the import's transaction, the ids of new
// households drawn from their sequence first (COPY returns nothing). Each row is formatted as COPY
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

/** New rows by COPY over `copy` (which must run on the executor's connection). */
export function copyRows(copy: TextCopier): NewRows {
  return {
    start() {
      let members = '';
      let results = '';
      let changes = '';
      return {
        async households(db: Executor, provinceCode, writes, at) {
          if (writes.length === 0) return [];
          const drawn = await sql<{
            id: string;
          }>`SELECT nextval(pg_get_serial_sequence('household', 'id')) AS id FROM generate_series(1, ${writes.length})`.execute(
            db,
          );
          const ids = drawn.rows.map((r) => Number(r.id));
          const p = t(provinceCode);
          const stamp = t(at);
          let text = '';
          writes.forEach((w, n) => {
            text += `${ids[n]}\t${p}\t${t(w.key)}\t${t(w.communeCode)}\t${t(w.communeValidFrom)}\t${t(w.villageId)}\t${t(w.headName)}\t${t(w.headBirthDate)}\t${t(w.address)}\t${t(w.headKey)}\t${t(w.searchKey)}\t${w.members.length}\t${t(w.result.period)}\t1\t${stamp}\t${stamp}\n`;
          });
          await copy('household', HOUSEHOLD, text);
          return ids;
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
          await copy('household_member', MEMBER, members);
          await copy('review_result', RESULT, results);
          await copy('household_change', CHANGE, changes);
          members = results = changes = '';
        },
      };
    },
  };
}
