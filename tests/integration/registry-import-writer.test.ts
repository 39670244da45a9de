// A large import into an SQLite file writes from a worker thread (src/db/registry-write/sqlite-thread.ts) while this
// thread validates and classifies. Same contract as the inline path: the same rows, history,
// aggregates and word index; atomic mode writes nothing; an import that stops half-way leaves the
// database as it was. (PostgreSQL and in-memory SQLite always write inline.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACTS } from '../support/cli.js';
import { sql } from 'kysely';
import { openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureReferenceData } from '../../src/services/reference-data.service.js';
import { loadConfig } from '../../src/config.js';
import { SYSTEM, type Deps } from '../../src/services/deps.js';
import { importSurvey, sourceOf } from '../../src/services/registry/import.service.js';
import { generateSurveyFile } from '../../src/services/registry/generate.service.js';
import { listHouseholds } from '../../src/services/registry/households.service.js';
import {} from '../../src/db/repositories/registry.repository.js';
import { expectAggregatesMatchRebuild } from '../support/registry.js';

const EXAMPLES = path.join(CONTRACTS, 'examples.jsonl');
const NOW = new Date('2024-11-20T03:00:00Z');

async function fileDeps(file: string): Promise<Deps> {
  const db = openDb(file);
  await migrateToLatest(db);
  await ensureReferenceData(db);
  return { db, config: loadConfig({}, { db: file }), now: () => NOW };
}

/** Every stored row that an import writes, without ids and times, in a stable order. */
async function snapshot(deps: Deps) {
  const q = async (text: string) => (await sql.raw(text).execute(deps.db.kysely)).rows;
  return {
    households: await q(
      'SELECT household_key, commune_code, commune_valid_from, head_name, head_birth_date, head_key, search_key, member_count, answers_period, version FROM household ORDER BY household_key',
    ),
    members: await q(
      'SELECT h.household_key, m.ordinal, m.name, m.id_number, m.birth_date, m.sex, m.relation FROM household_member m JOIN household h ON h.id = m.household_id ORDER BY h.household_key, m.ordinal',
    ),
    results: await q(
      'SELECT h.household_key, r.period, r.unit_code, r.answers, r.classification, r.deprivations, r.explanation_json, r.movement, r.no_labour, r.status FROM review_result r JOIN household h ON h.id = r.household_id ORDER BY h.household_key, r.period',
    ),
    changes: await q(
      'SELECT h.household_key, c.action, c.before_json, c.after_json FROM household_change c JOIN household h ON h.id = c.household_id ORDER BY h.household_key, c.id',
    ),
    aggregates: await q(
      'SELECT province_code, period, unit_code, unit_valid_from, status, classification, indicator, n FROM review_aggregate ORDER BY 1, 2, 3, 4, 5, 6, 7',
    ),
    audit: await q("SELECT action, entity FROM audit_log WHERE entity = 'survey-import' ORDER BY id"),
  };
}

// Each case runs child processes or worker threads over a generated file: two minutes, not 30 s.
describe('import survey with a writer thread (SQLite file)', { timeout: 120_000 }, () => {
  let dir: string;
  const open: Deps[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-import-writer-'));
  });
  afterEach(async () => {
    for (const d of open.splice(0)) await d.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const deps = async (name: string) => {
    const d = await fileDeps(path.join(dir, name));
    open.push(d);
    return d;
  };
  /** A generated survey file of Thanh Hóa's households, 2024. */
  const generated = async (d: Deps, name: string, households: number, seed: string) => {
    const file = path.join(dir, name);
    await generateSurveyFile(d, { households, provinceCode: '38', period: 2024, seed, out: file });
    return file;
  };

  it('writes exactly what the inline path writes: rows, history, aggregates, word index, audit (and so does the portable path)', async () => {
    const gen = await deps('gen.sqlite');
    const file = await generated(gen, 'h.jsonl', 3000, 'w');
    const inline = await deps('inline.sqlite');
    const worker = await deps('worker.sqlite');
    const a = await importSurvey(inline, SYSTEM, sourceOf(file), { writer: 'inline' });
    const b = await importSurvey(worker, SYSTEM, sourceOf(file), { writer: 'worker' });
    expect(b).toEqual(a);
    expect(b.imported).toBe(3000);
    // A second import of the same file updates every household (version 2, a second change row).
    const a2 = await importSurvey(inline, SYSTEM, sourceOf(file), { writer: 'inline' });
    const b2 = await importSurvey(worker, SYSTEM, sourceOf(file), { writer: 'worker' });
    expect(b2).toEqual(a2);
    expect(b2.updated).toBe(3000);
    const [sa, sb] = [await snapshot(inline), await snapshot(worker)];
    expect(sb.households).toHaveLength(3000);
    expect(sb.changes).toHaveLength(6000);
    expect(sb.audit).toHaveLength(2);
    expect(sb).toEqual(sa);
    await expectAggregatesMatchRebuild(worker.db.kysely);
    // The portable batch path (multi-row INSERTs through Kysely) writes the same.
    const portable = await deps('portable.sqlite');
    await importSurvey(portable, SYSTEM, sourceOf(file), { writer: 'portable' });
    expect(await importSurvey(portable, SYSTEM, sourceOf(file), { writer: 'portable' })).toEqual(a2);
    expect(await snapshot(portable)).toEqual(sa);
    await expectAggregatesMatchRebuild(portable.db.kysely);
    // The word index was written in the worker's transaction: a head's name finds the household.
    const someone = sb.households[1234] as { head_name: string; household_key: string };
    const found = await listHouseholds(worker, SYSTEM, {
      unitCode: '38',
      period: 2024,
      q: someone.head_name,
    });
    expect(found.items.map((i: { householdId: string }) => i.householdId)).toContain(someone.household_key);
  });

  it('imports the contract examples with valid-rows (14 / 2) and writes nothing in atomic mode', async () => {
    const d = await deps('examples.sqlite');
    const atomic = await importSurvey(d, SYSTEM, sourceOf(EXAMPLES), { writer: 'worker' });
    expect({ imported: atomic.imported, rejected: atomic.rejected }).toEqual({ imported: 0, rejected: 2 });
    const empty = await snapshot(d);
    expect(empty.households).toHaveLength(0);
    expect(empty.aggregates).toHaveLength(0);
    expect(empty.audit).toHaveLength(0);
    const r = await importSurvey(d, SYSTEM, sourceOf(EXAMPLES), { writer: 'worker', mode: 'valid-rows' });
    expect({ read: r.read, imported: r.imported, rejected: r.rejected }).toEqual({
      read: 16,
      imported: 14,
      rejected: 2,
    });
    expect(r.errors.map((e) => [e.line, e.householdId, e.code])).toEqual([
      [13, 'EX-13', 'STANDARD_NOT_IN_FORCE'],
      [16, 'EX-16', 'UNIT_NOT_FOUND'],
    ]);
    expect((await snapshot(d)).results).toHaveLength(14);
    await expectAggregatesMatchRebuild(d.db.kysely);
  });

  it('an import that stops half-way leaves the database as it was', async () => {
    const d = await deps('stop.sqlite');
    const file = await generated(d, 'big.jsonl', 12_000, 's');
    const before = await snapshot(d);
    await expect(
      importSurvey(d, SYSTEM, sourceOf(file), {
        writer: 'worker',
        progress: (n) => {
          if (n >= 10_000) throw new Error('stopped by the officer');
        },
      }),
    ).rejects.toThrow('stopped by the officer');
    expect(await snapshot(d)).toEqual(before);
    // The file is not locked by a leftover writer: the next import goes through.
    const r = await importSurvey(d, SYSTEM, sourceOf(file), { writer: 'worker' });
    expect(r.imported).toBe(12_000);
  });
});
