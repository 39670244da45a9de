// The classification and standards services on a real database (every dialect): national
// standards seeded and refreshed with an audit trail, local standards registered with every rule
// checked, units looked up by code AND date (codes reused in 2025), what-if writing nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { asRaw, buildMember, buildRecord } from '../support/survey.js';
import type { SurveyRecord } from '../../src/domain/survey/record.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';
import {
  ensureNationalStandards,
  loadStandards,
  registerLocalStandard,
  type LocalStandardInput,
} from '../../src/services/standards.service.js';
import {
  createClassifier,
  isFailure,
  toJsonLine,
  whatIf,
  type ClassifyResult,
} from '../../src/services/classification.service.js';
import { ND07_2021 } from '../../src/domain/standards/national.js';
import { classifyPiece, startClassifyPool } from '../../src/services/classification/classify-pool.js';
import { splitLines } from '../../src/services/classification/jsonl-lines.js';
import { codeOf } from '../support/errors.js';

const officer = (unitCode: string): Actor => ({
  kind: 'user',
  id: 1,
  username: `tinh${unitCode}`,
  role: 'province-officer',
  unitCode,
});

const local = (o: Partial<LocalStandardInput> = {}): LocalStandardInput => ({
  code: 'TH38_2026',
  provinceCode: '38',
  baseCode: 'ND07_2021',
  name: { vi: 'Chuẩn nghèo Thanh Hóa 2026', en: 'Thanh Hóa standard 2026' },
  legalBasis: { vi: 'Nghị quyết HĐND tỉnh', en: 'Provincial council resolution' },
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  incomeLines: { rural: 1_700_000, urban: 2_000_000 },
  ...o,
});

for (const dialect of DIALECTS) {
  describe(`classification services (${dialect})`, () => {
    let deps: TestDeps;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
    });
    afterEach(async () => {
      await deps.cleanup();
    });

    it('seeds the national standards once, with an audit entry, and refreshes a changed definition', async () => {
      expect(await ensureNationalStandards(deps)).toEqual(['ND07_2021', 'ND351_2025']);
      expect(await ensureNationalStandards(deps)).toEqual([]);
      const rows = await deps.db.kysely
        .selectFrom('poverty_standard')
        .select(['code', 'scope', 'version', 'provisional'])
        .orderBy('code')
        .execute();
      expect(rows).toEqual([
        { code: 'ND07_2021', scope: 'national', version: 1, provisional: 0 },
        { code: 'ND351_2025', scope: 'national', version: 1, provisional: 1 },
      ]);
      // A stored definition that differs from the shipped one (an older release) is replaced.
      const old = { ...ND07_2021, incomeLines: { rural: 1_400_000, urban: 1_900_000 } };
      await deps.db.kysely
        .updateTable('poverty_standard')
        .set({ definition_json: JSON.stringify(old) })
        .where('code', '=', 'ND07_2021')
        .execute();
      expect(await ensureNationalStandards(deps)).toEqual(['ND07_2021']);
      const nd07 = (await loadStandards(deps)).find((s) => s.code === 'ND07_2021')!;
      expect(nd07.incomeLines).toEqual({ rural: 1_500_000, urban: 2_000_000 });
      expect(nd07.version).toBe(2);
      const audit = await deps.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'poverty_standard')
        .where('entity_id', '=', 'ND07_2021')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['standard.seed', 'standard.update']);
    });

    it('refuses a stored standard that fails validation instead of half-using it', async () => {
      await ensureNationalStandards(deps);
      const broken = {
        ...ND07_2021,
        code: 'BROKEN_1',
        validFrom: '2031-01-01',
        validTo: '2031-12-31',
        poorMinDeprivations: 0,
      };
      await deps.db.kysely
        .insertInto('poverty_standard')
        .values({
          code: 'BROKEN_1',
          scope: 'national',
          province_code: null,
          base_code: null,
          valid_from: '2031-01-01',
          valid_to: '2031-12-31',
          provisional: 0,
          definition_json: JSON.stringify(broken),
          version: 1,
          created_at: 'x',
          created_by: 'x',
          updated_at: 'x',
        })
        .execute();
      expect(await codeOf(loadStandards(deps))).toBe('STANDARD_INVALID');
    });

    it('looks units up by code and date: 16516 is Xã Đại Hùng in 2024 and Phường Nam Sầm Sơn in 2026', async () => {
      const c = await createClassifier(deps, { explain: false });
      const before = (await c.classifyRecord(
        asRaw(buildRecord({ unitCode: '16516', surveyDate: '2024-10-15' })),
      )) as ClassifyResult;
      const after = (await c.classifyRecord(
        asRaw(buildRecord({ unitCode: '16516', surveyDate: '2026-03-01' })),
      )) as ClassifyResult;
      expect([before.unitName, before.area, before.incomeLine]).toEqual(['Xã Đại Hùng', 'rural', 1_500_000]);
      expect([after.unitName, after.area, after.incomeLine]).toEqual([
        'Phường Nam Sầm Sơn',
        'urban',
        2_000_000,
      ]);
      expect(before.explanations).toBeUndefined();
      // The area field wins over the unit type.
      const forced = (await c.classifyRecord(
        asRaw(buildRecord({ unitCode: '16516', surveyDate: '2026-03-01', area: 'rural' })),
      )) as ClassifyResult;
      expect([forced.area, forced.incomeLine]).toEqual(['rural', 1_500_000]);
      // A đặc khu has no area rule.
      const special = await c.classifyRecord(
        asRaw(buildRecord({ unitCode: '06994', surveyDate: '2026-03-01' })),
      );
      expect(isFailure(special) && special.error).toMatchObject({ code: 'AREA_UNKNOWN', field: 'area' });
      const gone = await c.classifyLine(
        JSON.stringify(asRaw(buildRecord({ unitCode: '14830', surveyDate: '2025-07-01' }))),
      );
      expect(isFailure(gone) && gone.error).toMatchObject({ code: 'UNIT_NOT_FOUND', field: 'unitCode' });
      expect(await codeOf(createClassifier(deps, { standard: 'NOPE' }))).toBe('STANDARD_UNKNOWN');
    });

    it('registers a local standard (rows, audit) and classifies the province under it; other provinces keep the national one', async () => {
      const actor = officer('38');
      expect(
        await codeOf(
          registerLocalStandard(
            deps,
            { kind: 'user', id: 2, username: 'xa', role: 'commune-officer', unitCode: '14830' },
            local(),
          ),
        ),
      ).toBe('FORBIDDEN_ROLE');
      expect(await codeOf(registerLocalStandard(deps, officer('01'), local()))).toBe('FORBIDDEN_SCOPE');
      expect(await codeOf(registerLocalStandard(deps, actor, local({ baseCode: 'ND99' })))).toBe(
        'STANDARD_UNKNOWN',
      );
      expect(
        await codeOf(
          registerLocalStandard(deps, actor, local({ incomeLines: { rural: 1_500_000, urban: 2_000_000 } })),
        ),
      ).toBe('STANDARD_INVALID');
      expect(
        await codeOf(
          registerLocalStandard(deps, actor, local({ incomeLines: { rural: 2_300_000, urban: 2_000_000 } })),
        ),
      ).toBe('STANDARD_INVALID');
      expect(await codeOf(registerLocalStandard(deps, SYSTEM, local({ provinceCode: '39' })))).toBe(
        'UNIT_NOT_FOUND',
      );

      const s = await registerLocalStandard(deps, actor, local());
      expect(s).toMatchObject({
        code: 'TH38_2026',
        scope: 'local',
        baseCode: 'ND07_2021',
        averageUpperBounds: { rural: 2_250_000, urban: 3_000_000 },
      });
      expect(s.indicators).toEqual(ND07_2021.indicators);
      const audit = await deps.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_id', '=', 'TH38_2026')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'standard.register-local',
        actor: 'tinh38',
        province_code: '38',
      });
      // Overlapping period of the same province, or the same code: refused, nothing written.
      const overlap = await codeOf(
        registerLocalStandard(deps, actor, local({ code: 'TH38_2026B', validFrom: '2026-06-01' })),
      );
      expect(overlap).toBe('STANDARD_INVALID');
      expect(await codeOf(registerLocalStandard(deps, actor, local()))).toBe('DUPLICATE');
      expect((await loadStandards(deps)).map((x) => x.code)).toEqual([
        'TH38_2026',
        'ND07_2021',
        'ND351_2025',
      ]);

      const c = await createClassifier(deps);
      const rural = (await c.classifyRecord(
        asRaw(
          buildRecord({ unitCode: '16516', surveyDate: '2024-10-15', incomePerCapitaMonthly: 1_600_000 }),
        ),
      )) as ClassifyResult;
      expect([rural.standard, rural.classification]).toEqual(['ND07_2021', 'AVERAGE']); // 2024: before the local period
      const in2026 = (await c.classifyRecord(
        asRaw(
          buildRecord({
            unitCode: '16516',
            surveyDate: '2026-05-01',
            area: 'rural',
            incomePerCapitaMonthly: 1_600_000,
          }),
        ),
      )) as ClassifyResult;
      expect([in2026.standard, in2026.incomeLine, in2026.classification]).toEqual([
        'TH38_2026',
        1_700_000,
        'NEAR_POOR',
      ]);
      const hanoi = (await c.classifyRecord(
        asRaw(
          buildRecord({
            unitCode: '00004',
            surveyDate: '2026-05-01',
            area: 'rural',
            incomePerCapitaMonthly: 1_600_000,
          }),
        ),
      )) as ClassifyResult;
      expect([hanoi.standard, hanoi.classification]).toEqual(['ND07_2021', 'AVERAGE']);
    });

    it('toJsonLine writes exactly the bytes of JSON.stringify', async () => {
      const c = await createClassifier(deps, { explain: false });
      const ids = ['HH-1', 'Hộ "Nguyễn" \\ số 2', 'tab\there', '\u2028line', '😀'];
      const variants = [
        {},
        { internetUse: false },
        {
          waterSource: 'surface' as const,
          latrine: 'none' as const,
          infoDevices: [],
          loudspeakerAccess: false,
        },
        { unitCode: '16516', surveyDate: '2027-03-01', incomePerCapitaMonthly: 2_000_000 },
        { incomePerCapitaMonthly: 9_000_000 },
        { surveyDate: '2019-01-01' },
      ];
      let n = 0;
      for (const householdId of ids) {
        for (const v of variants) {
          const out = await c.classifyRecord(asRaw(buildRecord({ householdId, ...v })));
          expect(toJsonLine(out)).toBe(JSON.stringify(out));
          n += 1;
        }
      }
      const explained = await (await createClassifier(deps)).classifyRecord(asRaw(buildRecord()));
      expect(toJsonLine(explained)).toBe(JSON.stringify(explained));
      expect(n).toBe(30);
    });

    it("the command's line writer gives the bytes of toJsonLine, and the failure itself when a record is refused", async () => {
      const ids = ['HH-1', 'Hộ "Nguyễn" \\ số 2', 'tab\there', '\u2028line', '😀'];
      const poorMember = buildMember({
        employment: 'unemployed',
        healthInsurance: false,
        education: 'none',
        birthDate: '1990-01-01',
      });
      const variants: (Partial<SurveyRecord> | string)[] = [
        {},
        { internetUse: false },
        {
          waterSource: 'surface',
          latrine: 'none',
          infoDevices: [],
          loudspeakerAccess: false,
          incomePerCapitaMonthly: 500_000,
        },
        { members: [buildMember(), poorMember], incomePerCapitaMonthly: 1_000_000 },
        { members: [buildMember(), poorMember], incomePerCapitaMonthly: 2_600_000, area: 'urban' },
        { unitCode: '16516', surveyDate: '2027-03-01', incomePerCapitaMonthly: 2_000_000 },
        { unitCode: '16516', surveyDate: '2024-03-01' },
        { incomePerCapitaMonthly: 9_000_000 },
        { surveyDate: '2019-01-01' },
        { unitCode: '99999' },
        { incomePerCapitaMonthly: -1 },
        'not json',
        '[1]',
      ];
      for (const opts of [
        { explain: false },
        { explain: true },
        { explain: false, standard: 'ND351_2025' },
      ]) {
        const c = await createClassifier(deps, opts);
        let n = 0;
        for (const householdId of ids) {
          for (const v of variants) {
            // Twice: the first line of a unit is read from the database, the next from memory.
            for (let k = 0; k < 2; k += 1) {
              const line =
                typeof v === 'string' ? v : JSON.stringify(asRaw(buildRecord({ householdId, ...v })));
              const expected = await c.classifyLineNow(line);
              const got = await c.classifyLineToJsonNow(line);
              if (isFailure(expected)) expect(got).toEqual(expected);
              else expect(got).toBe(toJsonLine(expected));
              // The same line read from its bytes, between two others of one buffer.
              const bytes = Buffer.from(`{}\n${line}\n{}`);
              expect(await c.classifyBytesToJsonNow(bytes, 3, 3 + Buffer.byteLength(line))).toEqual(got);
              n += 1;
            }
          }
        }
        expect(n).toBe(ids.length * variants.length * 2);
      }
    });

    it('classifies a piece from its bytes as its lines of text, whatever the lines hold', async () => {
      await ensureNationalStandards(deps);
      const good = (i: number) =>
        JSON.stringify(asRaw(buildRecord({ householdId: `HH-Đ-${i}`, incomePerCapitaMonthly: 500_000 * i })));
      const lines = [
        good(1),
        good(2).replace('"householdId":"', '"householdId":"\\u0041'),
        good(3).replace('{', '{"village":"Thôn 1",'),
        '',
        '   \t',
        '\u00a0',
        ` ${good(4)} `,
        good(5).replaceAll(',"', ' ,\r\t "'),
        good(6).slice(0, 200),
        good(7).replace('"name":"', '"name":"\u0001'),
        'not json',
        good(8),
      ];
      for (const explain of [false, true]) {
        const c = await createClassifier(deps, { explain });
        for (const eol of ['\n', '\r\n']) {
          const text = `\ufeff${lines.join(eol)}`;
          let expected = '';
          let records = 0;
          let rejected = 0;
          for (const line of splitLines(text, true)) {
            const out = await c.classifyLineToJsonNow(line);
            records += 1;
            if (typeof out !== 'string') rejected += 1;
            expected += `${typeof out === 'string' ? out : toJsonLine(out)}\n`;
          }
          const got = await classifyPiece(c, { bytes: Buffer.from(text), first: true });
          expect(got).toEqual({ text: expected, records, rejected });
          expect(records).toBe(lines.length - 3);
          expect(rejected).toBeGreaterThanOrEqual(3);
        }
      }
    });

    it('classifies pieces on several threads into the bytes of one thread, in input order', async () => {
      await ensureNationalStandards(deps);
      // The worker threads open the database themselves: a file for SQLite.
      let location = deps.db.location;
      let file: string | undefined;
      if (dialect === 'sqlite') {
        file = path.join(os.tmpdir(), `gn-pool-${process.pid}-${Date.now()}.sqlite`);
        fs.writeFileSync(file, deps.db.sqlite!.serialize());
        location = file;
      }
      const lines: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        lines.push(
          JSON.stringify(
            asRaw(
              buildRecord({
                householdId: `HH-${i}`,
                incomePerCapitaMonthly: 400_000 + 100_000 * i,
                ...(i % 3 === 0 ? { internetUse: false, latrine: 'none' as const } : {}),
                ...(i % 7 === 0 ? { unitCode: '16516', surveyDate: '2026-03-01' } : {}),
              }),
            ),
          ),
        );
        if (i % 5 === 0)
          lines.push('{"householdId": "broken"', '', JSON.stringify({ householdId: `X-${i}` }));
      }
      const pieces = [];
      for (let i = 0; i < lines.length; i += 3)
        pieces.push({ bytes: Buffer.from(`${lines.slice(i, i + 3).join('\r\n')}\n`), first: i === 0 });
      const local = await createClassifier(deps, { explain: false });
      let expected = '';
      for (const p of pieces) expected += (await classifyPiece(local, p)).text;
      const pool = startClassifyPool(
        { location, config: deps.config, options: { explain: false } },
        local,
        2,
      );
      try {
        await pool.ready();
        let got = '';
        const totals = await pool.run(
          (async function* () {
            yield* pieces;
          })(),
          (text) => {
            got += text;
            return undefined;
          },
        );
        expect(got).toBe(expected);
        expect(totals.records).toBe(lines.filter((l) => l.trim()).length);
        expect(totals.rejected).toBe(got.split('\n').filter((l) => l.includes('"error"')).length);
      } finally {
        await pool.close();
        if (file) fs.rmSync(file, { force: true });
      }
    });

    it('what-if counts the transitions per unit and writes nothing', async () => {
      await ensureNationalStandards(deps);
      const count = async () =>
        Number(
          (
            await deps.db.kysely
              .selectFrom('audit_log')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      async function* records() {
        yield asRaw(buildRecord({ householdId: 'A', incomePerCapitaMonthly: 2_100_000 }));
        yield asRaw(
          buildRecord({
            householdId: 'B',
            incomePerCapitaMonthly: 1_000_000,
            internetUse: false,
            waterSource: 'surface',
            latrine: 'none',
          }),
        );
        yield asRaw(
          buildRecord({
            householdId: 'C',
            unitCode: '16513',
            surveyDate: '2024-11-20',
            incomePerCapitaMonthly: 2_000_000,
          }),
        );
        yield { householdId: 'D' };
        yield 'not json';
      }
      const r = await whatIf(deps, records(), 'ND07_2021', 'ND351_2025');
      expect(r).toMatchObject({
        read: 5,
        classified: 3,
        rejected: 2,
        errors: { FIELD_REQUIRED: 1, JSON_MALFORMED: 1 },
      });
      expect(r.matrix.AVERAGE.NEAR_POOR).toBe(2);
      expect(r.matrix.POOR.POOR).toBe(1);
      expect(r.units.map((u) => [u.unitCode, u.unitName, u.classified])).toEqual([
        ['14830', 'Phường Trung Sơn', 2],
        ['16513', 'Xã Quảng Minh', 1],
      ]);
      expect(await count()).toBe(before);
    });
  });
}
