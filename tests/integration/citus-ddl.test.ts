// The Citus plan (deploy/citus/distribute.sql, decision 0011) checked against the schema the
// migrations build: every statement but the Citus calls runs on a migrated PostgreSQL database
// (in a transaction rolled back afterwards); then every unique key of a distributed table and
// every foreign key between distributed tables must include province_code, no distributed table
// may point at a coordinator-local one, and every table that holds province_code must be placed.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeDeps } from '../support/db.js';

const DDL = fs.readFileSync(new URL('../../deploy/citus/distribute.sql', import.meta.url), 'utf8');

/** The statements of the file, comments dropped, a DO $$ … $$ block kept whole. */
function statements(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let inBody = false;
  for (const raw of text.split('\n')) {
    const line = inBody ? raw : raw.replace(/--.*$/, '');
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    current += `${line}\n`;
    if (!inBody && line.trimEnd().endsWith(';')) {
      if (current.trim()) out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

const CITUS = /\bcitus\b|create_reference_table|create_distributed_table|isolate_tenant_to_new_shard/;
const names = (list: string) => [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);

function placement() {
  const all = statements(DDL);
  const reference = names(all.find((s) => s.includes('create_reference_table'))!.split('ARRAY[')[1]!);
  const distributed = all
    .filter((s) => s.includes('create_distributed_table'))
    .flatMap((s) => (s.includes('ARRAY[') ? names(s.split('ARRAY[')[1]!) : names(s).slice(0, 1)));
  const local = (DDL.match(/^-- local[^:]*:(.*)$/m)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
  return { reference, distributed, local, runnable: all.filter((s) => !CITUS.test(s)) };
}

describe('the Citus plan file', () => {
  it('names each table once', () => {
    const { reference, distributed, local } = placement();
    const every = [...reference, ...distributed, ...local];
    expect(new Set(every).size).toBe(every.length);
    expect(distributed).toContain('household');
    expect(distributed.length).toBeGreaterThan(10);
  });
});

describe.skipIf(!process.env.GIAMNGHEO_TEST_PG)('the Citus plan on the migrated schema (postgres)', () => {
  it('runs, and leaves every unique and foreign key of distributed tables on province_code', async () => {
    const deps = await makeDeps('postgres');
    const { reference, distributed, local, runnable } = placement();
    try {
      await expect(
        deps.db.kysely.transaction().execute(async (trx) => {
          for (const s of runnable) await sql.raw(s).execute(trx);

          const holding = await sql<{ table_name: string }>`
            SELECT DISTINCT table_name FROM information_schema.columns c
            WHERE table_schema = current_schema() AND column_name = 'province_code'
              AND NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid
                              WHERE p.relname = c.table_name)`.execute(trx);
          const placed = new Set([...reference, ...distributed, ...local]);
          const unplaced = holding.rows.map((r) => r.table_name).filter((t) => !placed.has(t));
          expect(unplaced, 'tables holding province_code that the plan does not place').toEqual([]);

          const uniques = await sql<{ table: string; index: string; has: boolean }>`
            SELECT t.relname AS table, i.relname AS index,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'province_code'
                      AND a.attnum = ANY (x.indkey)) AS has
            FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND x.indisunique`.execute(trx);
          const badUnique = uniques.rows.filter((u) => distributed.includes(u.table) && !u.has);
          expect(
            badUnique.map((u) => `${u.table}.${u.index}`),
            'unique keys without province_code',
          ).toEqual([]);

          const fks = await sql<{ from: string; to: string; name: string; fromHas: boolean; toHas: boolean }>`
            SELECT f.relname AS from, t.relname AS to, c.conname AS name,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = f.oid AND a.attname = 'province_code'
                      AND a.attnum = ANY (c.conkey)) AS "fromHas",
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'province_code'
                      AND a.attnum = ANY (c.confkey)) AS "toHas"
            FROM pg_constraint c JOIN pg_class f ON f.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = f.relnamespace
            WHERE n.nspname = current_schema() AND c.contype = 'f' AND c.conparentid = 0`.execute(trx);
          const badFk = fks.rows.filter((k) => {
            if (!distributed.includes(k.from)) return false;
            if (reference.includes(k.to)) return false;
            return !distributed.includes(k.to) || !k.fromHas || !k.toHas;
          });
          expect(
            badFk.map((k) => `${k.from} → ${k.to} (${k.name})`),
            'foreign keys of distributed tables',
          ).toEqual([]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
    } finally {
      await deps.cleanup();
    }
  });
});
