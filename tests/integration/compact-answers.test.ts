// Lean storage (migration 2026-12-03T1900-compact-answers, docs/decisions/0034): a registry stored
// before it (answers as JSON in every result, members' answers again in household_member) is carried
// over with nothing lost: every result gives back the same record, every member the same answers
// (from the period whose write last replaced the members), and the household page reads as before.
import { describe, expect, it } from 'vitest';
import { Migrator, sql, type Migration } from 'kysely';
import { DIALECTS, emptyPostgresDb, FIXED_NOW } from '../support/db.js';
import { asRaw, buildMember, buildRecord } from '../support/survey.js';
import { openDb, type Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { ensureReferenceData } from '../../src/services/reference-data.service.js';
import { loadConfig } from '../../src/config.js';
import { SYSTEM, type Deps } from '../../src/services/deps.js';
import { getHousehold } from '../../src/services/registry/households.service.js';
import { decodeAnswers } from '../../src/domain/survey/compact.js';

const MIGRATION = '2026-12-03T1900-compact-answers';

async function beforeMigration(
  dialect: 'sqlite' | 'postgres',
): Promise<{ db: Db; drop: () => Promise<void> }> {
  const { db, drop } =
    dialect === 'postgres'
      ? await emptyPostgresDb()
      : { db: openDb(':memory:'), drop: async () => undefined };
  const names = Object.keys(migrations);
  const earlier: Record<string, Migration> = Object.fromEntries(
    names.slice(0, names.indexOf(MIGRATION)).map((n) => [n, migrations[n]!]),
  );
  const r = await new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => earlier },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  }).migrateToLatest();
  expect(r.error).toBeUndefined();
  await ensureReferenceData(db);
  return { db, drop };
}

type Raw = Record<string, unknown> & { members: Record<string, unknown>[] };

/** Writes a household as the schema before the migration held it (the last write's members). */
async function storeOld(db: Db, id: number, key: string, results: { period: number; record: Raw }[]) {
  const at = FIXED_NOW.toISOString();
  const last = results[results.length - 1]!.record;
  const head = last.members[0]!;
  await sql`INSERT INTO household (id, province_code, household_key, commune_code, commune_valid_from, village_id,
      head_name, head_birth_date, address, head_key, search_key, member_count, version, created_at, updated_at)
    VALUES (${id}, '38', ${key}, '14830', '', NULL, ${head.name as string}, ${head.birthDate as string}, NULL,
      'x', 'x', ${last.members.length}, ${results.length}, ${at}, ${at})`.execute(db.kysely);
  for (const [i, m] of last.members.entries()) {
    const { name, idNumber, birthDate, sex, relation, ...rest } = m;
    await sql`INSERT INTO household_member (province_code, household_id, ordinal, name, id_number, birth_date, sex, relation, data_json)
      VALUES ('38', ${id}, ${i + 1}, ${name as string}, ${idNumber as string | null}, ${birthDate as string},
        ${sex as string}, ${relation as string}, ${JSON.stringify(rest)})`.execute(db.kysely);
  }
  for (const { period, record } of results)
    await sql`INSERT INTO review_result (province_code, household_id, period, unit_code, unit_valid_from, survey_date,
        answers_json, standard, area, income_line, classification, deprivations, deprivation_count, explanation_json,
        movement, no_labour, groups, status, frozen, created_at, updated_at)
      VALUES ('38', ${id}, ${period}, '14830', '', ${record.surveyDate as string}, ${JSON.stringify(record)},
        'ND07-2021', 'rural', 1500000, 'AVERAGE', '', 0, '[]', 'new', 0, '', 'approved', 0, ${at}, ${at})`.execute(
      db.kysely,
    );
}

describe.each(DIALECTS)('compact answers migration (%s)', (dialect) => {
  it('carries every answer over: results give back their records, members their answers', async () => {
    const { db, drop } = await beforeMigration(dialect);
    try {
      // A: 2023 then 2024 (a member added); the members are those of 2024, with a key of no layout.
      const a2023 = asRaw(buildRecord({ householdId: 'A', surveyDate: '2023-10-10' })) as Raw;
      const a2024 = asRaw(
        buildRecord({
          householdId: 'A',
          members: [
            ...buildRecord().members,
            buildMember({
              name: 'Lê Văn Út',
              relation: 'grandchild',
              birthDate: '2020-03-03',
              employment: 'student',
              education: 'none',
            }),
          ],
        }),
      ) as Raw;
      a2024.members[1]!.pregnantOrBreastfeeding = true;
      a2024.traits = { farmland: true };
      delete a2024.members[0]!.merit;
      // B: 2024 first, then 2023 arriving late: the members are those of the 2023 write.
      const b2024 = asRaw(buildRecord({ householdId: 'B' })) as Raw;
      const b2023 = asRaw(buildRecord({ householdId: 'B', surveyDate: '2023-10-10' })) as Raw;
      b2023.members[0]!.employment = 'unemployed';
      b2023.members[2]!.ethnicity = '02';
      await storeOld(db, 1, 'A', [
        { period: 2023, record: a2023 },
        { period: 2024, record: a2024 },
      ]);
      await storeOld(db, 2, 'B', [
        { period: 2024, record: b2024 },
        { period: 2023, record: b2023 },
      ]);

      expect(await migrateToLatest(db)).toContain(MIGRATION);

      const results = await db.kysely
        .selectFrom('review_result as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select(['h.household_key', 'r.period', 'r.answers'])
        .orderBy('h.household_key')
        .orderBy('r.period')
        .execute();
      expect(results.map((r) => [r.household_key, r.period, decodeAnswers(r.answers)])).toEqual([
        ['A', 2023, a2023],
        ['A', 2024, a2024],
        ['B', 2023, b2023],
        ['B', 2024, b2024],
      ]);
      for (const r of results) expect(r.answers.length * 3).toBeLessThan(JSON.stringify(a2023).length);
      const periods = await db.kysely
        .selectFrom('household')
        .select(['household_key', 'answers_period'])
        .orderBy('household_key')
        .execute();
      expect(periods).toEqual([
        { household_key: 'A', answers_period: 2024 },
        { household_key: 'B', answers_period: 2023 },
      ]);
      // The old columns are gone.
      const columns = async (table: string) =>
        dialect === 'sqlite'
          ? (
              await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db.kysely)
            ).rows.map((r) => r.name)
          : (
              await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ${table}`.execute(db.kysely)
            ).rows.map((r) => r.name);
      expect(await columns('review_result')).not.toContain('answers_json');
      expect(await columns('household_member')).not.toContain('data_json');

      // The household page: members with every answer they had, results with their records.
      const deps: Deps = { db, config: loadConfig({}, { db: ':memory:' }), now: () => FIXED_NOW };
      const pageA = await getHousehold(deps, SYSTEM, 'A');
      expect(pageA.members).toEqual(a2024.members);
      expect(pageA.results.map((r) => r.answers)).toEqual([a2023, a2024]);
      const pageB = await getHousehold(deps, SYSTEM, 'B');
      expect(pageB.members).toEqual(b2023.members);
    } finally {
      await db.close();
      await drop();
    }
  }, 180_000);
});
