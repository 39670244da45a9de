// The citizen-ID index holds only members with a citizen ID (migration
// 2026-12-04T1500-member-id-index); the duplicate check's look-up (`findMembersByIdNumbers`) still
// reads it on both engines, and finds the members it must.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { findMembersByIdNumbers } from '../../src/db/repositories/registry.repository.js';

for (const dialect of DIALECTS)
  describe(`member citizen-ID index (${dialect})`, () => {
    let deps: TestDeps;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
    });
    afterEach(async () => deps.cleanup());

    it('indexes members with a citizen ID only, and the duplicate look-up uses it', async () => {
      const db = deps.db.kysely;
      const at = '2024-06-11T09:12:04.000Z';
      const h = await db
        .insertInto('household')
        .values({
          province_code: '38',
          household_key: 'HH-IDX',
          commune_code: '14830',
          commune_valid_from: '',
          village_id: null,
          head_name: 'Lê Văn Hùng',
          head_birth_date: '1980-05-10',
          address: null,
          head_key: 'le van hung',
          search_key: 'le van hung',
          member_count: 2,
          version: 1,
          created_at: at,
          updated_at: at,
          answers_period: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('household_member')
        .values(
          [
            ['Lê Văn Hùng', '038080001234'],
            ['Lê Thị Lan', null],
          ].map(([name, idNumber], i) => ({
            province_code: '38',
            household_id: Number(h.id),
            ordinal: i + 1,
            name: name!,
            id_number: idNumber ?? null,
            birth_date: '2000-01-01',
            sex: 'M',
            relation: i === 0 ? 'head' : 'child',
          })),
        )
        .execute();
      expect(
        (await findMembersByIdNumbers(db, '38', ['038080001234', '038000000000'])).map((m) => m.name),
      ).toEqual(['Lê Văn Hùng']);

      const query = db
        .selectFrom('household_member as m')
        .select(['m.name'])
        .where('m.province_code', '=', '38')
        .where('m.id_number', 'in', ['038080001234', '038000000000'])
        .compile();
      if (dialect === 'sqlite') {
        const def = await sql<{
          sql: string;
        }>`SELECT sql FROM sqlite_master WHERE name = 'household_member_id_number'`.execute(db);
        expect(def.rows[0]!.sql).toMatch(/WHERE id_number IS NOT NULL/);
        let n = 0;
        const text = query.sql.replace(/\?/g, () => `'${String(query.parameters[n++])}'`);
        const plan = await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`).execute(db);
        const detail = plan.rows.map((r) => r.detail).join('\n');
        expect(detail).toContain('household_member_id_number');
      } else {
        const def = await sql<{
          def: string;
        }>`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'household_member_id_number'`.execute(db);
        expect(def.rows[0]!.def).toMatch(/WHERE \(id_number IS NOT NULL\)/);
        await db.connection().execute(async (c) => {
          await sql`SET enable_seqscan = off`.execute(c);
          const text = query.sql.replace(
            /\$(\d+)/g,
            (_, n: string) => `'${String(query.parameters[Number(n) - 1])}'`,
          );
          const plan = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`).execute(c);
          await sql`RESET enable_seqscan`.execute(c);
          expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/household_member.*id_number/);
        });
      }
    });
  });
