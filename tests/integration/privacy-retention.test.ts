// Retention (issue 17): a household that left the registry N years ago — no review result, no write
// and no support since — is listed by the dry run (which changes nothing), archived to a file and
// erased by --apply from every table that held it (members, history, results and answers,
// support, the search index, its name in the access record), audited with counts only; every other
// row of those tables is exactly as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildMember, buildRecord } from '../support/survey.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';
import { getHousehold, listFilterOf, saveHousehold } from '../../src/services/registry/households.service.js';
import { recordAccess } from '../../src/services/privacy/access-record.service.js';
import { retention } from '../../src/services/privacy/retention.service.js';
import { insertSupport } from '../../src/db/repositories/finance.repository.js';
import { ERASED_TABLES } from '../../src/db/repositories/privacy.repository.js';
import { searchHouseholds } from '../../src/db/repositories/household-search.repository.js';
import { main } from '../../src/cli/main.js';
import { campaignReadyToRecognise, RECOGNISE } from '../support/certificates.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { reportBalance } from '../../src/services/registry/balance.service.js';
import { reportSummary } from '../../src/services/registry/summary.service.js';
import { reportAnnex7 } from '../../src/services/registry/annex7.service.js';
import { getPublicStats } from '../../src/services/public/open-lists.service.js';

const OLD_NAME = 'Đinh Văn Cũ';
const operator: Actor = { ...SYSTEM, route: 'cli test' };

/** Every row of the tables a household's data lives in, plus the aggregates and the access record. */
const TABLES = [
  ...ERASED_TABLES,
  'access_record',
  'access_record_household',
  'review_aggregate',
  'household_search_rows',
] as const;

async function dump(deps: TestDeps): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of TABLES) {
    if (t === 'household_search_rows') {
      // What the search finds (the word index on SQLite, the GIN index on PostgreSQL), read from
      // the repository: the list service would add its own line to the access record.
      const { filter } = await listFilterOf(deps, { unitCode: '14830', q: 'dinh van cu' });
      const r = await searchHouseholds(deps.db.kysely, { ...filter, limit: 50, offset: 0 });
      out[t] = r.rows.map((i) => ({ householdId: i.household_key }));
      continue;
    }
    const rows = (await deps.db.kysely
      .selectFrom(t as 'household')
      .selectAll()
      .execute()) as unknown as Record<string, unknown>[];
    out[t] = rows
      .map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
      )
      .map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}

async function save(deps: TestDeps, householdId: string, surveyDate: string, head = 'Lê Văn Hùng') {
  const record = buildRecord({ householdId, surveyDate });
  record.members[0] = buildMember({ name: head });
  const r = await saveHousehold(deps, SYSTEM, {
    survey: record,
    status: 'approved',
    confirmDuplicates: true,
  });
  expect(r.saved).toBe(true);
}

for (const dialect of DIALECTS) {
  describe(`retention (${dialect})`, () => {
    let deps: TestDeps;
    let dir: string;
    beforeEach(async () => {
      deps = await makeDeps(dialect, new Date('2022-01-20T03:00:00.000Z'));
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-retention-'));
    });
    afterEach(async () => {
      await deps.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it(
      'archives and erases the households that left N years ago, and touches nothing else',
      { timeout: 120_000 },
      async () => {
        // 2022: two households surveyed; one of them will receive support in 2024.
        await save(deps, 'OLD-1', '2022-01-15', OLD_NAME);
        await save(deps, 'OLD-2', '2022-01-15');
        deps.setNow(new Date('2022-01-21T03:00:00.000Z'));
        await getHousehold(deps, operator, 'OLD-1');
        await recordAccess(deps, operator, {
          action: 'export.households',
          provinceCode: '38',
          unitCode: '14830',
          households: ['OLD-1', 'OLD-2'],
        });
        deps.setNow(new Date('2024-01-10T03:00:00.000Z'));
        const component = await deps.db.kysely
          .selectFrom('program_component')
          .select('id')
          .executeTakeFirstOrThrow();
        await insertSupport(deps.db.kysely, {
          province_code: '38',
          household_key: 'OLD-2',
          unit_code: '14830',
          component_id: Number(component.id),
          disbursement_id: null,
          supported_on: '2024-01-10',
          amount: 2_000_000,
          description: 'Hỗ trợ sinh kế',
          created_at: '2024-01-10T03:00:00.000Z',
          created_by: 'system',
        });
        // 2024: a household still in the registry.
        deps.setNow(new Date('2024-10-20T03:00:00.000Z'));
        await save(deps, 'NEW-1', '2024-10-15');
        const oldId = Number(
          (
            await deps.db.kysely
              .selectFrom('household')
              .select('id')
              .where('household_key', '=', 'OLD-1')
              .executeTakeFirstOrThrow()
          ).id,
        );

        deps.setNow(new Date('2026-12-03T03:00:00.000Z'));
        const before = await dump(deps);
        expect(before.household_search_rows).toEqual([{ householdId: 'OLD-1' }]);

        // The dry run lists, writes nothing.
        const dry = await retention(deps, operator, { years: 3, apply: false });
        expect(dry).toMatchObject({
          dryRun: true,
          households: 1,
          cutoff: '2023-12-03',
          lastPeriod: 2022,
          byCommune: { '14830': 1 },
        });
        expect(await dump(deps)).toEqual(before);
        // Five years back (the configured default: 2021-12-03), the 2022 survey is not old enough.
        expect((await retention(deps, operator, { apply: false })).households).toBe(0);

        const archive = path.join(dir, 'erased.jsonl');
        const applied = await retention(deps, operator, { years: 3, apply: true, archive });
        expect(applied).toMatchObject({ dryRun: false, households: 1 });
        expect(applied.rows).toMatchObject({
          household: 1,
          household_member: 4,
          review_result: 1,
          access_record: 2,
        });
        expect(applied.rows.household_change).toBeGreaterThan(0);

        // The archive holds the household's data as the report gives it.
        const lines = fs.readFileSync(archive, 'utf8').trim().split('\n');
        expect(lines).toHaveLength(1);
        const archived = JSON.parse(lines[0]!);
        expect(archived.household).toMatchObject({ householdId: 'OLD-1', headName: OLD_NAME });
        expect(archived.results[0].period).toBe(2022);
        expect(archived.accessRecord).toHaveLength(2);

        // Gone from every table; every other row as it was.
        const after = await dump(deps);
        const ofOld = (t: string, r: Record<string, unknown>) =>
          t === 'household'
            ? r.household_key === 'OLD-1'
            : t === 'access_record' || t === 'access_record_household'
              ? r.household_key === 'OLD-1'
              : r.household_id === oldId || r.household_key === 'OLD-1' || r.case_key === 'OLD-1';
        for (const t of TABLES) {
          if (t === 'household_search_rows') {
            expect(after[t], t).toEqual([]);
            continue;
          }
          expect(
            after[t]!.filter((r) => ofOld(t, r)),
            t,
          ).toEqual([]);
          if (t === 'access_record') {
            // The single read is kept as a count, its household forgotten.
            expect(after[t]!.map((r) => ({ ...r, household_key: null }))).toEqual(
              before[t]!.map((r) => ({ ...r, household_key: null })),
            );
          } else expect(after[t], t).toEqual(before[t]!.filter((r) => !ofOld(t, r)));
        }
        expect(after.household!.map((h) => h.household_key).sort()).toEqual(['NEW-1', 'OLD-2']);

        // Audited with counts only: neither the key nor the name stays in the audit.
        const audit = await deps.db.kysely
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'retention.erase')
          .execute();
        expect(audit).toHaveLength(1);
        expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ households: 1, years: 3 });
        const allAudit = JSON.stringify(await deps.db.kysely.selectFrom('audit_log').selectAll().execute());
        expect(allAudit).not.toContain(OLD_NAME);
        expect(audit[0]!.after_json).not.toContain('OLD-1');

        // An archive is never overwritten: a coded refusal, and nothing erased.
        await expect(retention(deps, operator, { years: 1, apply: true, archive })).rejects.toMatchObject({
          code: 'FIELD_INVALID',
          field: 'archive',
        });
        expect((await retention(deps, operator, { years: 1, apply: false })).households).toBe(2);
        // Nothing left to do.
        expect((await retention(deps, operator, { years: 3, apply: false })).households).toBe(0);
      },
    );

    it(
      'keeps every recognised figure of past years: balance, summary, Annex VII, the portal',
      { timeout: 300_000 },
      async () => {
        // A commune's 2024 review, recognised; then nothing more about its households.
        deps.setNow(new Date('2024-11-05T03:00:00.000Z'));
        const ref = await campaignReadyToRecognise(deps);
        await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
        const figures = async () =>
          JSON.parse(
            JSON.stringify({
              balance: await reportBalance(deps, operator, { period: 2024, unitCode: '14830' }),
              provinceBalance: await reportBalance(deps, operator, { period: 2024, unitCode: '38' }),
              summary: await reportSummary(deps, operator, { period: 2024, unitCode: '14830' }),
              annex7: await reportAnnex7(deps, operator, { period: 2024, unitCode: '14830' }),
              portal: await getPublicStats(deps, '14830', 2024),
            }),
          ) as Record<string, unknown>;
        const before = await figures();
        // The figures count the recognised households (not an empty report compared with itself).
        expect(JSON.stringify((before.annex7 as { total: unknown }).total)).toMatch(/":[1-9]/);
        const registered = await deps.db.kysely.selectFrom('household').select('household_key').execute();
        expect(registered.length).toBeGreaterThan(5);

        // Four years on, every one of them has left the registry and is erased.
        deps.setNow(new Date('2028-12-03T03:00:00.000Z'));
        const applied = await retention(deps, operator, {
          years: 3,
          apply: true,
          archive: path.join(dir, 'erased-2024.jsonl'),
        });
        expect(applied.households).toBe(registered.length);
        expect(await deps.db.kysely.selectFrom('household').select('id').execute()).toEqual([]);
        expect(await figures()).toEqual(before);
      },
    );

    if (dialect === 'sqlite')
      it(
        'is a command with --dry-run|--apply, --years and the configured default',
        { timeout: 60_000 },
        async () => {
          const file = path.join(dir, 'db.sqlite');
          const io = () => {
            const out: string[] = [];
            return {
              out,
              io: {
                stdout: { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream,
                stderr: { write: () => true } as unknown as NodeJS.WritableStream,
                stdin: process.stdin,
                env: { GIAMNGHEO_RETENTION_YEARS: '7' },
              },
            };
          };
          const a = io();
          expect(await main(['retention', '--dry-run', '--db', file, '--json'], a.io)).toBe(0);
          expect(JSON.parse(a.out.join(''))).toMatchObject({ dryRun: true, years: 7, households: 0 });
          const b = io();
          expect(await main(['retention', '--apply', '--years', '3', '--db', file, '--json'], b.io)).toBe(0);
          expect(JSON.parse(b.out.join(''))).toMatchObject({ dryRun: false, years: 3 });
          const c = io();
          expect(await main(['retention', '--db', file], c.io)).toBe(2);
          const d = io();
          expect(await main(['access-log', '--db', file, '--json'], d.io)).toBe(0);
          expect(JSON.parse(d.out.join(''))).toMatchObject({ total: 0, items: [] });
        },
      );
  });
}
