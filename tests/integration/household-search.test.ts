// Household search over the word index: accents, word order, prefix of the last word, whole
// words, ranking, scope to the officer's units, stable pages (below and above the count cap, in
// the province and within a commune), and the index kept current by every write path: import
// (the bulk path on SQLite), an edit, a re-import, and a restore.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACTS } from '../support/cli.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { listHouseholds, saveHousehold } from '../../src/services/registry/households.service.js';
import { backup, restore } from '../../src/services/backup.service.js';
import { searchTokens } from '../../src/domain/registry/fold.js';
import { checkSearchIndex, searchHouseholds } from '../../src/db/repositories/household-search.repository.js';
import { AppError } from '../../src/errors.js';

const ex01 = JSON.parse(fs.readFileSync(path.join(CONTRACTS, 'examples.jsonl'), 'utf8').split('\n')[0]!) as {
  members: Record<string, unknown>[];
} & Record<string, unknown>;

// Trung Sơn (14830) and Quảng Minh (16513), both of province 38 in 2024.
const A = '14830';
const B = '16513';

function record(key: string, unitCode: string, head: string, others: string[] = []) {
  const [h, spouse] = ex01.members;
  return {
    ...ex01,
    householdId: key,
    unitCode,
    members: [{ ...h, name: head }, ...others.map((name) => ({ ...spouse, name }))],
  };
}

const HOUSEHOLDS = [
  record('S-01', A, 'Văn Hùng'), // head name = "van hung"
  record('S-02', A, 'Văn Hùng Cường'), // head name starts with it
  record('S-03', B, 'Nguyễn Văn Hùng'), // head name contains it
  record('S-04', A, 'Trần Thị Mai', ['Lê Văn Hùng']), // a member matches
  record('S-05', A, 'Phùng Văn Nam'), // "phung" is not the word "hung"
  record('S-06', B, 'Lê Thị Lan', ['Đỗ Hùng Văn']), // both words, other order, in a member
];

const officer = (unitCode: string): Actor => ({
  kind: 'user',
  id: 1,
  username: `officer-${unitCode}`,
  role: unitCode.length === 2 ? 'province-officer' : 'commune-officer',
  unitCode,
});

for (const dialect of DIALECTS) {
  describe(`household search (${dialect})`, () => {
    let deps: TestDeps;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
      const r = await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'search', records: HOUSEHOLDS },
        { status: 'approved', period: 2024 },
      );
      expect(r.errors).toEqual([]);
      expect(r.imported).toBe(HOUSEHOLDS.length);
    });
    afterEach(async () => {
      await deps.cleanup();
    });

    const keys = async (unitCode: string, q: string, actor: Actor = SYSTEM) =>
      (await listHouseholds(deps, actor, { unitCode, q, period: 2024, pageSize: 200 })).items.map(
        (i) => i.householdId,
      );

    it('ranks the head name equal, starting with, containing the query, then the others', async () => {
      expect(await keys('38', 'van hung')).toEqual(['S-01', 'S-02', 'S-03', 'S-06', 'S-04']);
      // The same within communes (the other SQL path on SQLite), scoped to them.
      expect(await keys(A, 'van hung')).toEqual(['S-01', 'S-02', 'S-04']);
      expect(await keys(B, 'van hung')).toEqual(['S-03', 'S-06']);
    });

    it('ranks a head name containing the query at a later word only, words being whole', async () => {
      const r = await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'phung', records: [record('S-07', A, 'Phùng Văn Nam', ['Hùng Thị Lan'])] },
        { period: 2024 },
      );
      expect(r).toMatchObject({ imported: 1, errors: [] });
      // "phung" does not contain the word "hung": S-07 matches by its member, with the others.
      expect(await keys('38', 'hung')).toEqual(['S-03', 'S-01', 'S-02', 'S-06', 'S-07', 'S-04']);
      expect(await keys(A, 'hung')).toEqual(['S-01', 'S-02', 'S-07', 'S-04']);
    });

    it('ignores accents and case, and the order of the words', async () => {
      expect(await keys('38', 'VĂN HÙNG')).toEqual(await keys('38', 'van hung'));
      expect(await keys('38', 'Nguyễn Văn Hùng')).toEqual(['S-03']);
      expect(await keys('38', 'hùng văn')).toEqual(['S-03', 'S-01', 'S-02', 'S-06', 'S-04'].sort(byHead));
      expect((await keys('38', 'hung van')).sort()).toEqual(['S-01', 'S-02', 'S-03', 'S-04', 'S-06']);
    });

    it('matches whole words, the last one as a prefix', async () => {
      expect(await keys('38', 'van hu')).toEqual(['S-01', 'S-02', 'S-03', 'S-06', 'S-04']);
      expect(await keys(A, 'van hu')).toEqual(['S-01', 'S-02', 'S-04']);
      // Only the last word is a prefix; "phung" is not the word "hung".
      expect(await keys('38', 'va hung')).toEqual([]);
      expect(await keys('38', 'hung')).not.toContain('S-05');
      expect(await keys('38', 'phung')).toEqual(['S-05']);
      expect(await keys(A, 'phu')).toEqual(['S-05']);
      // householdId and member names are words of the key too.
      expect(await keys('38', 's-04')).toEqual(['S-04']);
      expect(await keys('38', 'mai le')).toEqual(['S-04']);
    });

    it("keeps an officer to the officer's units", async () => {
      const mine = await listHouseholds(deps, officer(A), { unitCode: A, q: 'hung' });
      expect(mine.items.map((i) => i.householdId).sort()).toEqual(['S-01', 'S-02', 'S-04']);
      expect(mine.items.every((i) => i.communeCode === A)).toBe(true);
      await expect(listHouseholds(deps, officer(A), { unitCode: B, q: 'hung' })).rejects.toMatchObject({
        code: 'FORBIDDEN_SCOPE',
      });
      await expect(listHouseholds(deps, officer(A), { unitCode: '38', q: 'hung' })).rejects.toBeInstanceOf(
        AppError,
      );
      const province = await listHouseholds(deps, officer('38'), { unitCode: '38', q: 'hung' });
      expect(province.items.map((i) => i.householdId).sort()).toEqual([
        'S-01',
        'S-02',
        'S-03',
        'S-04',
        'S-06',
      ]);
      expect(province).toMatchObject({ total: 5, totalCapped: false });
    });

    it('pages without gaps or repeats, below and above the count cap, in the province and a commune', async () => {
      const more = Array.from({ length: 23 }, (_, i) =>
        record(
          `P-${String(i).padStart(2, '0')}`,
          i % 3 === 0 ? B : A,
          i % 2 ? 'Văn Hùng' : `Lê Văn Hùng ${'abc'[i % 3]}`,
          ['Hồ Thị Vân'],
        ),
      );
      const r = await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'more', records: more },
        { period: 2024 },
      );
      expect(r).toMatchObject({ imported: 23, errors: [] });
      // Ranked by SQL and by the repository, with the words read from the index alone (one
      // province stored) and with household rows (another province stored: never listed).
      // More than 8 communes (a pre-2025 district) go through the word index on SQLite.
      const many = [A, B, '14833', '14836', '14839', '14842', '14845', '14848', '14851'];
      const scopes = [undefined, [A, B], [A], many];
      const checks: [string[] | undefined, 'one province' | 'two provinces'][] = [
        ...scopes.map((c) => [c, 'one province'] as [string[] | undefined, 'one province']),
        ...scopes.map((c) => [c, 'two provinces'] as [string[] | undefined, 'two provinces']),
      ];
      for (const [communeCodes, stage] of checks) {
        if (stage === 'two provinces' && communeCodes === undefined) {
          // Phúc Xá, Hà Nội (province 01).
          const other = await importSurvey(
            deps,
            SYSTEM,
            { format: 'records', name: 'other', records: [record('H-01', '00001', 'Văn Hùng')] },
            { period: 2024 },
          );
          expect(other).toMatchObject({ imported: 1, errors: [] });
        }
        const search = (
          limit: number,
          offset: number,
          countCap?: number,
          denseFrom?: number,
          headWordsFrom?: number,
          tieredFrom?: number,
        ) =>
          searchHouseholds(deps.db.kysely, {
            dialect: deps.db.dialect,
            provinceCode: '38',
            ...(communeCodes ? { communeCodes } : {}),
            period: 2024,
            tokens: searchTokens('van hung'),
            limit,
            offset,
            ...(countCap !== undefined ? { countCap } : {}),
            ...(denseFrom !== undefined ? { denseFrom } : {}),
            ...(headWordsFrom !== undefined ? { headWordsFrom } : {}),
            ...(tieredFrom !== undefined ? { tieredFrom } : {}),
          });
        const all = await search(200, 0);
        const expected = communeCodes?.length === 1 ? 18 : 28;
        expect(all).toMatchObject({ total: expected, totalCapped: false });
        const ids = all.rows.map((r) => r.household_key);
        expect(new Set(ids).size).toBe(expected);
        // Below the cap (read once, or tier by tier), above it (the last tier walked with the
        // matches as a set of ids on SQLite), above it with very common words (walked with the
        // word test on each row), and with common later words of head names (the third tier
        // walked too).
        for (const [countCap, denseFrom, headWordsFrom, tieredFrom] of [
          [undefined, undefined, undefined, undefined],
          [undefined, undefined, undefined, 1],
          [4, undefined, undefined, undefined],
          [4, 1, undefined, undefined],
          [4, 1, 1, undefined],
          [4, undefined, 1, undefined],
        ]) {
          const paged: string[] = [];
          for (let offset = 0; offset < expected + 7; offset += 7) {
            const page = await search(7, offset, countCap, denseFrom, headWordsFrom, tieredFrom);
            if (countCap) expect(page).toMatchObject({ total: 4, totalCapped: true });
            else expect(page).toMatchObject({ total: expected, totalCapped: false });
            paged.push(...page.rows.map((r) => r.household_key));
          }
          expect(paged).toEqual(ids);
        }
      }
    });

    it('finds the new name after an edit and a re-import, and no longer the old one', async () => {
      expect(await keys('38', 'tran thi mai')).toEqual(['S-04']);
      const edited = record('S-04', A, 'Trần Thị Mơ', ['Lê Văn Hùng']);
      const saved = await saveHousehold(deps, SYSTEM, {
        survey: edited,
        expectedVersion: 1,
        confirmDuplicates: true,
      });
      expect(saved).toMatchObject({ saved: true, version: 2 });
      expect(await keys('38', 'tran thi mai')).toEqual([]);
      expect(await keys('38', 'tran thi mo')).toEqual(['S-04']);
      expect(await keys(A, 'tran thi mo')).toEqual(['S-04']);

      const r = await importSurvey(
        deps,
        SYSTEM,
        { format: 'records', name: 'again', records: [record('S-05', A, 'Phùng Văn Tâm')] },
        { period: 2024 },
      );
      expect(r).toMatchObject({ imported: 1, updated: 1 });
      expect(await keys('38', 'phung van nam')).toEqual([]);
      expect(await keys('38', 'phung van tam')).toEqual(['S-05']);
      await checkSearchIndex(deps.db.kysely, deps.db.dialect);

      // An atomic import refused as a whole leaves the index as it was…
      const refused = await importSurvey(
        deps,
        SYSTEM,
        {
          format: 'records',
          name: 'refused',
          records: [
            record('S-01', A, 'Văn Quý'),
            record('S-40', A, 'Đinh Văn Khải'),
            { ...record('S-41', A, 'Cao Văn Lực'), surveyDate: 'not a date' },
          ],
        },
        { period: 2024, mode: 'atomic' },
      );
      expect(refused).toMatchObject({ imported: 0, rejected: 1 });
      expect(await keys('38', 'van quy')).toEqual([]);
      expect(await keys('38', 'dinh van khai')).toEqual([]);
      expect(await keys('38', 'van hung')).toContain('S-01');
      await checkSearchIndex(deps.db.kysely, deps.db.dialect);
      // …and the next single write is indexed as it happens.
      const created = await saveHousehold(deps, SYSTEM, {
        survey: record('S-42', B, 'Đinh Văn Khải'),
        confirmDuplicates: true,
      });
      expect(created).toMatchObject({ saved: true, created: true });
      expect(await keys('38', 'dinh van khai')).toEqual(['S-42']);
      await checkSearchIndex(deps.db.kysely, deps.db.dialect);
    });

    for (const target of DIALECTS) {
      it(`is whole after a restore into ${target}`, async () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-search-'));
        const to = await makeDeps(target);
        try {
          await backup(deps, path.join(tmp, 'b.jsonl.gz'));
          await restore(to, path.join(tmp, 'b.jsonl.gz'));
          const found = await listHouseholds(to, SYSTEM, { unitCode: '38', q: 'van hung', period: 2024 });
          expect(found.items.map((i) => i.householdId)).toEqual(['S-01', 'S-02', 'S-03', 'S-06', 'S-04']);
          await checkSearchIndex(to.db.kysely, to.db.dialect);
          // A second restore over the first replaces the rows and the index with them.
          await restore(to, path.join(tmp, 'b.jsonl.gz'));
          expect((await listHouseholds(to, SYSTEM, { unitCode: '38', q: 'le thi lan' })).total).toBe(1);
          await checkSearchIndex(to.db.kysely, to.db.dialect);
        } finally {
          await to.cleanup();
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      });
    }
  });
}

// The expected order of all-tier-3 rows: by folded head name.
const HEAD: Record<string, string> = {
  'S-01': 'van hung',
  'S-02': 'van hung cuong',
  'S-03': 'nguyen van hung',
  'S-04': 'tran thi mai',
  'S-06': 'le thi lan',
};
function byHead(a: string, b: string) {
  return HEAD[a]! < HEAD[b]! ? -1 : 1;
}
