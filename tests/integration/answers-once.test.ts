// Members are stored once (docs/decisions/0034, addendum): the answers of a household's
// answers_period leave each member's name, citizen ID, birth date, sex and relation to the member
// rows. Every write path that replaces the members for another period first stores that period's
// members back in the answers, so every period reads back exactly as it was surveyed, whichever
// path wrote it: an import (SQLite prepared statements, PostgreSQL COPY), the portable batch, an
// edit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { asRaw, buildMember, buildRecord } from '../support/survey.js';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey, sourceOf } from '../../src/services/registry/import.service.js';
import { saveHousehold } from '../../src/services/registry/households.service.js';
import { readAnswers } from '../../src/db/repositories/registry.repository.js';
import type { SurveyRecord } from '../../src/domain/survey/record.js';

const KEY = 'HH-ONCE';
const A = buildMember({ name: 'Phạm Văn An', idNumber: '038080001234', birthDate: '1980-03-01' });
const B = buildMember({ name: 'Đỗ Thị Bình', birthDate: '1982-07-09', sex: 'F', relation: 'spouse' });
const C = buildMember({ name: 'Vũ Thị Cúc', birthDate: '1984-11-30', sex: 'F', relation: 'spouse' });
const D = buildMember({ name: 'Ngô Văn Dũng', idNumber: '038075009876', birthDate: '1975-01-02' });

// Commune 14830 is a commune of Thanh Hóa until the 2025 reform (01/07/2025): surveys before it.
const surveyOf = (year: number, members: SurveyRecord['members'], income: number) =>
  buildRecord({ householdId: KEY, surveyDate: `${year}-06-15`, members, incomePerCapitaMonthly: income });

for (const dialect of DIALECTS)
  for (const writer of ['inline', 'portable'] as const)
    describe(`answers stored once (${dialect}, ${writer} import)`, () => {
      let deps: TestDeps;
      let dir: string;
      beforeEach(async () => {
        deps = await makeDeps(dialect, new Date('2025-11-20T03:00:00Z'));
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-once-'));
      });
      afterEach(async () => {
        await deps.cleanup();
        fs.rmSync(dir, { recursive: true, force: true });
      });

      const importOf = async (year: number, record: SurveyRecord) => {
        const file = path.join(dir, `${year}.jsonl`);
        fs.writeFileSync(file, JSON.stringify(asRaw(record)));
        const r = await importSurvey(deps, SYSTEM, sourceOf(file), { period: year, writer });
        expect(r.errors).toEqual([]);
        expect(r.imported).toBe(1);
      };
      const stored = async () => {
        const rows = await deps.db.kysely
          .selectFrom('review_result')
          .select(['province_code', 'household_id', 'period', 'unit_code', 'survey_date', 'answers'])
          .orderBy('period')
          .execute();
        const records = await readAnswers(deps.db.kysely, rows);
        return rows.map((r, i) => ({ period: r.period, text: r.answers, record: records[i]! }));
      };
      const version = async () =>
        (
          await deps.db.kysely
            .selectFrom('household')
            .select(['version', 'answers_period'])
            .executeTakeFirstOrThrow()
        ).version;

      it('reads every period back as surveyed after the members change, and keeps no name twice', async () => {
        const y2023 = surveyOf(2023, [A, B], 1_200_000);
        const y2024 = surveyOf(2024, [A, C], 2_400_000);
        const y2025 = surveyOf(2025, [D], 3_100_000);
        await importOf(2023, y2023);
        await importOf(2024, y2024);
        const saved = await saveHousehold(deps, SYSTEM, {
          survey: asRaw(y2025),
          period: 2025,
          expectedVersion: await version(),
        });
        expect(saved.saved).toBe(true);

        let rows = await stored();
        expect(rows.map((r) => r.period)).toEqual([2023, 2024, 2025]);
        expect(rows.map((r) => r.record)).toEqual([y2023, y2024, y2025]);
        // Earlier periods hold their members whole; the answers period leaves them to the rows.
        expect(rows[0]!.text).toContain(B.name);
        expect(rows[1]!.text).toContain(C.name);
        expect(rows[2]!.text).not.toContain(D.name);
        expect(rows[2]!.text).not.toContain(D.idNumber!);

        // A later survey of an earlier period makes it the answers period again: 2025 keeps D.
        const again2023 = surveyOf(2023, [A, C, B], 1_300_000);
        await importOf(2023, again2023);
        rows = await stored();
        expect(rows.map((r) => r.record)).toEqual([again2023, y2024, y2025]);
        expect(rows[0]!.text).not.toContain(C.name);
        expect(rows[2]!.text).toContain(D.name);
        const members = await deps.db.kysely
          .selectFrom('household_member')
          .select('name')
          .orderBy('ordinal')
          .execute();
        expect(members.map((m) => m.name)).toEqual([A.name, C.name, B.name]);
      });
    });
