// PostgreSQL: an import's new rows go by COPY, formatted as COPY text straight from each household's
// write (src/db/registry-write/pg-copy.ts), while the portable batch path inserts row objects built
// by types.ts's `householdColumns` and `resultColumns`. Both must store the same rows, every column
// of them, the history, the aggregate cells and the tally, through new households, updated ones and
// a later period, with values that COPY must escape (a tab, a newline, a backslash).
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { addVillage } from '../../src/services/villages.service.js';
import { makeDeps, type TestDeps } from '../support/db.js';
import { expectAggregatesMatchRebuild, ward2024Examples } from '../support/registry.js';

/** Every stored row an import writes, every column but ids, in a stable order. */
async function snapshot(deps: TestDeps) {
  const q = async (text: string) => (await sql.raw(text).execute(deps.db.kysely)).rows;
  return {
    households: await q(
      'SELECT province_code, household_key, commune_code, commune_valid_from, (SELECT name FROM village v WHERE v.id = h.village_id) AS village, head_name, head_birth_date, address, head_key, search_key, member_count, answers_period, version, created_at, updated_at FROM household h ORDER BY household_key',
    ),
    members: await q(
      'SELECT m.province_code, h.household_key, m.ordinal, m.name, m.id_number, m.birth_date, m.sex, m.relation FROM household_member m JOIN household h ON h.id = m.household_id ORDER BY h.household_key, m.ordinal',
    ),
    results: await q(
      'SELECT r.province_code, h.household_key, r.period, r.unit_code, r.unit_valid_from, r.survey_date, r.answers, r.standard, r.area, r.income_line, r.classification, r.deprivations, r.deprivation_count, r.explanation_json, r.movement, r.no_labour, r.groups, r.status, r.frozen, r.created_at, r.updated_at FROM review_result r JOIN household h ON h.id = r.household_id ORDER BY h.household_key, r.period',
    ),
    changes: await q(
      'SELECT c.province_code, h.household_key, c.at, c.actor_id, c.actor, c.action, c.before_json, c.after_json FROM household_change c JOIN household h ON h.id = c.household_id ORDER BY h.household_key, c.id',
    ),
    aggregates: await q(
      'SELECT province_code, period, unit_code, unit_valid_from, status, classification, indicator, n FROM review_aggregate ORDER BY 1, 2, 3, 4, 5, 6, 7',
    ),
    tally: await q(
      'SELECT province_code, commune_code, commune_valid_from, n FROM household_tally ORDER BY 1, 2, 3',
    ),
    audit: await q(
      "SELECT action, entity, entity_id, after_json FROM audit_log WHERE entity = 'survey-import' ORDER BY id",
    ),
  };
}

describe.skipIf(!process.env.GIAMNGHEO_TEST_PG)('the COPY and portable write paths (postgres)', () => {
  const open: TestDeps[] = [];
  afterEach(async () => {
    for (const d of open.splice(0)) await d.cleanup();
  });

  it('store the same rows, history, aggregates and tally', async () => {
    const records = ward2024Examples.map((e, i) => ({
      ...e,
      ...(i % 3 === 0 ? { village: 'Tổ dân phố 1' } : {}),
      ...(i % 2 === 0 ? { address: `Số ${i}\tngõ "Hạ"\\B\nphía sau chợ` } : {}),
    }));
    // The same households a year later: new results of households already stored.
    const later = records.map((e) => ({ ...e, surveyDate: '2025-03-14' }));
    const imports = [
      { name: 'first', records, period: 2024 },
      { name: 'again', records, period: 2024 },
      { name: 'later', records: later, period: 2025 },
    ];
    const stores: Record<'copy' | 'portable', TestDeps> = {
      copy: await makeDeps('postgres'),
      portable: await makeDeps('postgres'),
    };
    open.push(stores.copy, stores.portable);
    for (const deps of Object.values(stores))
      await addVillage(deps, SYSTEM, {
        communeCode: '14830',
        on: '2024-10-01',
        name: 'Tổ dân phố 1',
        kind: 'to-dan-pho',
      });
    for (const { name, records: rs, period } of imports) {
      const reports = [];
      for (const [path, deps] of Object.entries(stores))
        reports.push(
          await importSurvey(
            deps,
            SYSTEM,
            { format: 'records', name, records: rs },
            { period, ...(path === 'portable' ? { writer: 'portable' as const } : {}) },
          ),
        );
      expect(reports[0]!.errors).toEqual([]);
      expect(reports[0]!.imported).toBe(records.length);
      expect(reports[1]).toEqual(reports[0]);
      // After each import: an update rewrites the columns of the rows the first one inserted.
      expect(await snapshot(stores.copy)).toEqual(await snapshot(stores.portable));
    }
    const [copied, portable] = [await snapshot(stores.copy), await snapshot(stores.portable)];
    expect(copied.households).toHaveLength(records.length);
    expect(copied.results).toHaveLength(2 * records.length);
    expect(copied.changes).toHaveLength(3 * records.length);
    expect(copied.households.some((h) => String((h as { address: string }).address).includes('\t'))).toBe(
      true,
    );
    expect(copied.households.some((h) => (h as { village: string | null }).village !== null)).toBe(true);
    expect(copied).toEqual(portable);
    await expectAggregatesMatchRebuild(stores.copy.db.kysely);
  });
});
