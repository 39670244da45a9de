// Explanations are stored as facts and rendered when read: a household-period's stored
// explanation holds no sentence; GET /registry/households/:id answers it in the language asked
// for, as prose with no code inside, with initials for a reader without personal-data rights;
// rows stored in the earlier form (sentences) are rewritten by the migration.
import { storedFacts } from '../../src/domain/classification/explain.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import * as explanationFacts from '../../src/db/migrations/2026-12-03T0100-explanation-facts.js';
import { WORDS } from '../../src/domain/words/catalogue.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { ward2024Examples } from '../support/registry.js';

const ex05 = ward2024Examples.find((e) => e.householdId === 'EX-05')!;
const names = (ex05.members as { name: string }[]).map((m) => m.name);

/** Codes of the survey answers and classes that must never be read as words. */
const CODES = [
  ...Object.keys(WORDS.classification),
  ...Object.keys(WORDS.indicator),
  ...Object.keys(WORDS.standard),
  'drilled-well',
  'protected-dug-well',
  'non-durable',
  'wage-no-contract',
];

for (const dialect of DIALECTS) {
  describe(`explanations rendered when read (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let dir: string;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
      app = await buildApp(deps);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-explain-'));
      const file = path.join(dir, 'ward.jsonl');
      fs.writeFileSync(file, ward2024Examples.map((e) => JSON.stringify(e)).join('\n'));
      const report = await importSurvey(
        deps,
        SYSTEM,
        { format: 'jsonl', path: file },
        { mode: 'valid-rows' },
      );
      expect(report.imported).toBeGreaterThan(0);
    });
    afterEach(async () => {
      await app.close();
      await deps.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const stored = async () =>
      deps.db.kysely
        .selectFrom('review_result as r')
        .innerJoin('household as h', 'h.id', 'r.household_id')
        .select(['r.id', 'r.explanation_json'])
        .where('h.household_key', '=', 'EX-05')
        .executeTakeFirstOrThrow();

    it('stores facts, and answers the household page in the language asked for', async () => {
      const row = await stored();
      // Each fact by position: [indicator, member, value, threshold], no words, no keys.
      const facts = JSON.parse(row.explanation_json) as unknown[][];
      expect(facts.map((f) => f[0])).toEqual(['waterSource', 'telecom', 'infoAccess']);
      for (const f of facts) expect(f).toHaveLength(4);
      expect(storedFacts(row.explanation_json).map((f) => f.indicator)).toEqual([
        'waterSource',
        'telecom',
        'infoAccess',
      ]);
      // Three deprived indicators: about 200 bytes, where the two sentences each took about 2.8 KB a row.
      expect(row.explanation_json.length).toBeLessThan(250);

      const s = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      const get = (lang?: string) =>
        app.inject({
          method: 'GET',
          url: '/api/v1/registry/households/EX-05',
          headers: { cookie: s.cookie, ...(lang ? { 'accept-language': lang } : {}) },
        });
      const page = (await get()).json();
      // The members keep their own survey answers (the response schema lets them through).
      expect(page.members[0]).toMatchObject({
        employment: expect.any(String),
        education: expect.any(String),
      });
      const vi = page.results[0].explanation;
      expect(vi.income).toContain('Kết quả: Hộ nghèo.');
      expect(vi.indicators.map((i: { text: string }) => i.text)).toEqual([
        'Nguồn nước sinh hoạt: nước mặt (sông, suối, ao, hồ) — không phải nguồn nước hợp vệ sinh.',
        'Sử dụng dịch vụ viễn thông: không thành viên nào sử dụng dịch vụ internet.',
        'Phương tiện phục vụ tiếp cận thông tin: hộ không có phương tiện nghe nhìn nào; không nghe được loa truyền thanh xã, thôn.',
      ]);
      const en = (await get('en')).json().results[0].explanation;
      expect(en.income).toContain('Result: Poor household.');
      expect(en.indicators[0].text).toBe(
        'Domestic water source: surface water (river, stream, pond, lake) — not a hygienic source.',
      );
      for (const text of [vi.income, en.income, ...[...vi.indicators, ...en.indicators].map((i) => i.text)])
        for (const code of CODES)
          expect(new RegExp(`(?<![\\p{L}-])${code}(?![\\p{L}-])`, 'u').test(text), `${code} in ${text}`).toBe(
            false,
          );
    });

    it('names members by initials for a reader without personal-data rights', async () => {
      // Make a member the culprit of an indicator, in the stored facts.
      const row = await stored();
      await deps.db.kysely
        .updateTable('review_result')
        .set({
          explanation_json: JSON.stringify([
            { indicator: 'healthInsurance', member: 0, value: false, threshold: 6 },
          ]),
        })
        .where('id', '=', row.id)
        .execute();
      const s = await buildSession(deps, { role: 'supervisor', unitCode: '38' });
      const page = await app.inject({
        method: 'GET',
        url: '/api/v1/registry/households/EX-05',
        headers: { cookie: s.cookie },
      });
      const text = page.json().results[0].explanation.indicators[0].text as string;
      expect(text).toMatch(/^Bảo hiểm y tế: (\p{Lu}\. )*\p{Lu}\. \(thành viên 1\), \d+ tuổi/u);
      for (const n of names) expect(page.body).not.toContain(n);
      // Masked fields are null, not an empty string the serialiser made of a null.
      expect(page.json().members[0]).toMatchObject({ birthDate: null, idNumber: null });
      expect(page.json().members[0]).not.toHaveProperty('employment');
    });

    it('the migration rewrites an explanation stored as sentences into facts', async () => {
      const row = await stored();
      const earlier = {
        indicators: [
          {
            indicator: 'telecom',
            deprived: true,
            member: null,
            memberName: null,
            value: false,
            threshold: null,
            vi: 'Không thành viên nào sử dụng dịch vụ internet.',
            en: 'No member uses internet services.',
          },
        ],
      };
      await deps.db.kysely
        .updateTable('review_result')
        .set({ explanation_json: JSON.stringify(earlier) })
        .where('id', '=', row.id)
        .execute();
      await explanationFacts.up(deps.db.kysely);
      expect(JSON.parse((await stored()).explanation_json)).toEqual([
        { indicator: 'telecom', member: null, value: false, threshold: null },
      ]);
    });
  });
}
