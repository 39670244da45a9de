// Excel exports of the registry, read back with exceljs: the household list with the list
// screen's filters (headers, real dates shown dd/mm/yyyy, numbers as numbers, frozen header with
// an autofilter), initials instead of names for a reader without personal-data rights, and the
// recognised poor / near-poor sheets of a commune × period with their certificate numbers.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { campaignReadyToRecognise, codeOf, POOR_OR_NEAR, RECOGNISE } from '../support/certificates.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { getHousehold, listHouseholds } from '../../src/services/registry/households.service.js';
import {
  prepareHouseholdExport,
  prepareRecognisedExport,
  writeHouseholdExport,
  writeRecognisedExport,
  type ExportInput,
} from '../../src/services/registry/exports.service.js';

const officer: Actor = { kind: 'user', id: 8, username: 'canbo', role: 'commune-officer', unitCode: '14830' };
const supervisor: Actor = { kind: 'user', id: 9, username: 'mttq', role: 'supervisor', unitCode: '14830' };

async function collect(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('end', r));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

async function readBack(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

for (const dialect of DIALECTS) {
  describe(`registry Excel exports (${dialect})`, () => {
    let deps: TestDeps;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
    });
    afterEach(async () => deps.cleanup());

    async function exportList(actor: Actor, input: ExportInput) {
      const p = await prepareHouseholdExport(deps, actor, input);
      return readBack(await collect((out) => writeHouseholdExport(deps, actor, p, out)));
    }

    it('exports the filtered household list with Vietnamese headers, dates and numbers, frozen and filtered', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const wb = await exportList(officer, { unitCode: '14830', period: 2024 });
      const ws = wb.getWorksheet('Danh sách hộ')!;
      const rows = sheetRows(ws);
      expect(rows[0]).toEqual([
        'STT',
        'Mã hộ',
        'Mã xã',
        'Xã, phường',
        'Thôn, tổ dân phố',
        'Họ và tên chủ hộ',
        'Ngày sinh chủ hộ',
        'Địa chỉ',
        'Số nhân khẩu',
        'Kỳ rà soát',
        'Ngày khảo sát',
        'Phân loại',
        'Biến động so với kỳ trước',
        'Số chỉ số thiếu hụt',
        'Hộ không có khả năng lao động',
        'Nhóm hộ',
        'Trạng thái',
      ]);
      expect(rows).toHaveLength(1 + 11);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();

      const ex05 = await getHousehold(deps, SYSTEM, 'EX-05');
      const row = rows.find((r) => r[1] === 'EX-05')!;
      expect(row[3]).toBe('Phường Trung Sơn');
      expect(row[5]).toBe(ex05.headName);
      expect(row[6]).toBeInstanceOf(Date);
      expect((row[6] as Date).toISOString().slice(0, 10)).toBe(ex05.headBirthDate);
      expect(ws.getColumn(7).numFmt).toBe('dd/mm/yyyy');
      expect(row[8]).toBe(ex05.members.length);
      expect(row[9]).toBe(2024);
      expect((row[10] as Date).toISOString().slice(0, 10)).toBe('2024-10-15');
      expect(row[11]).toBe('Hộ nghèo');
      expect(typeof row[13]).toBe('number');
      expect(row[16]).toBe('Đã công nhận');
      // Rows follow the head names, numbered from 1.
      expect(rows.slice(1).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

      // The same filters as the list screen: class, then a search without accents.
      const near = sheetRows(
        (
          await exportList(officer, { unitCode: '14830', period: 2024, classification: 'NEAR_POOR' })
        ).getWorksheet('Danh sách hộ')!,
      );
      const api = await listHouseholds(deps, officer, {
        unitCode: '14830',
        period: 2024,
        classification: 'NEAR_POOR',
        pageSize: 200,
      });
      expect(
        near
          .slice(1)
          .map((r) => r[1])
          .sort(),
      ).toEqual(api.items.map((i) => i.householdId).sort());
      expect(near.slice(1).every((r) => r[11] === 'Hộ cận nghèo')).toBe(true);
      const folded = ex05.headName.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd');
      const found = sheetRows(
        (await exportList(officer, { unitCode: '14830', period: 2024, q: folded })).getWorksheet(
          'Danh sách hộ',
        )!,
      );
      expect(found.slice(1).map((r) => r[1])).toContain('EX-05');
      expect(found.slice(1).every((r) => r[5] === ex05.headName)).toBe(true);
      // Village and movement filters, as on the list screen.
      const village = await deps.db.kysely
        .selectFrom('village')
        .select('id')
        .where('name', '=', 'Tổ dân phố 1')
        .executeTakeFirstOrThrow();
      const inVillage = sheetRows(
        (
          await exportList(officer, { unitCode: '14830', period: 2024, villageId: Number(village.id) })
        ).getWorksheet('Danh sách hộ')!,
      );
      expect(inVillage.slice(1)).toHaveLength(6);
      expect(inVillage.slice(1).every((r) => r[4] === 'Tổ dân phố 1')).toBe(true);
      const moved = sheetRows(
        (
          await exportList(officer, { unitCode: '14830', period: 2024, movement: 'chua-co-ky-truoc' })
        ).getWorksheet('Danh sách hộ')!,
      );
      expect(moved.slice(1).every((r) => r[12] === 'Chưa có kỳ trước')).toBe(true);
      expect(moved.slice(1)).toHaveLength(11);
      // Words as the list takes them: whole words, the last one a prefix.
      for (const q of ['van hu', 'thi', 'le van hung', 'hun']) {
        const listed = await listHouseholds(deps, officer, {
          unitCode: '14830',
          period: 2024,
          q,
          pageSize: 200,
        });
        const exported = sheetRows(
          (await exportList(officer, { unitCode: '14830', period: 2024, q })).getWorksheet('Danh sách hộ')!,
        );
        expect(
          exported
            .slice(1)
            .map((r) => r[1])
            .sort(),
        ).toEqual(listed.items.map((i) => i.householdId).sort());
      }
      const info = sheetRows(wb.getWorksheet('Thông tin')!);
      expect(info).toContainEqual(['Số hộ', 11]);

      // Audited, with the filters.
      const audits = await deps.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('action', '=', 'registry.export')
        .execute();
      expect(audits).toHaveLength(9);
    });

    it('gives initials and no birth date or address to a reader without personal-data rights', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const ex05 = await getHousehold(deps, SYSTEM, 'EX-05');
      const rows = sheetRows(
        (await exportList(supervisor, { unitCode: '14830', period: 2024 })).getWorksheet('Danh sách hộ')!,
      );
      const row = rows.find((r) => r[1] === 'EX-05')!;
      const initials = ex05.headName
        .split(' ')
        .map((w) => `${w[0]}.`)
        .join(' ');
      expect(row[5]).toBe(initials);
      expect(row[6]).toBeUndefined();
      expect(row[7]).toBeUndefined();
      for (const r of rows.slice(1)) expect(String(r[5])).toMatch(/^(\p{Lu}\. )*\p{Lu}\.$/u);
      // The list API applies the same rule.
      const api = await listHouseholds(deps, supervisor, { unitCode: '14830', period: 2024 });
      const item = api.items.find((i) => i.householdId === 'EX-05')!;
      expect(item).toMatchObject({ headName: initials, headBirthDate: null, address: null });
      expect(
        (await listHouseholds(deps, officer, { unitCode: '14830', period: 2024 })).items.find(
          (i) => i.householdId === 'EX-05',
        )!.headName,
      ).toBe(ex05.headName);
      // So does the household page: initials everywhere, even inside the explanations.
      const masked = await getHousehold(deps, supervisor, 'EX-05');
      expect(masked).toMatchObject({ headName: initials, headBirthDate: null, address: null });
      expect(masked.members.map((m) => m.name)).toEqual(
        ex05.members.map((m) =>
          m.name
            .split(' ')
            .map((w) => `${w[0]}.`)
            .join(' '),
        ),
      );
      expect(masked.members.every((m) => m.birthDate === null && m.idNumber === null)).toBe(true);
      expect(masked.history.every((c) => c.answers === null)).toBe(true);
      expect(masked.history.flatMap((c) => c.changes.map((x) => x.label.vi))).not.toContain('Chủ hộ');
      const shown = JSON.stringify(masked);
      for (const m of ex05.members) expect(shown).not.toContain(m.name);
      expect(masked.results[0]).toMatchObject({ classification: 'POOR', answers: null });
      expect(masked.results[0]!.explanation.indicators.length).toBeGreaterThan(0);
      // Out of scope and bad values are refused before any byte is written.
      expect(
        await codeOf(prepareHouseholdExport(deps, { ...officer, unitCode: '14833' }, { unitCode: '14830' })),
      ).toBe('FORBIDDEN_SCOPE');
      expect(
        await codeOf(prepareHouseholdExport(deps, officer, { unitCode: '14830', movement: 'sideways' })),
      ).toBe('ENUM_INVALID');
    });

    it('stops reading when the download is cancelled, and records what was sent', async () => {
      await campaignReadyToRecognise(deps);
      const p = await prepareHouseholdExport(deps, officer, { unitCode: '14830', period: 2024 });
      const out = new PassThrough();
      out.on('data', () => {
        // The client goes away as soon as the first bytes arrive.
        if (!out.destroyed) out.destroy();
      });
      const r = await writeHouseholdExport(deps, officer, p, out, { pageSize: 2 });
      expect(r).toMatchObject({ cancelled: true });
      expect(r.rows).toBeGreaterThan(0);
      expect(r.rows).toBeLessThan(11);
      const audit = await deps.db.kysely
        .selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'registry.export')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({ rows: r.rows, cancelled: true });
      // Small pages give the same file as one page when nobody cancels.
      const whole = await collect((o) => writeHouseholdExport(deps, officer, p, o, { pageSize: 2 }));
      const rows = sheetRows((await readBack(whole)).getWorksheet('Danh sách hộ')!);
      expect(rows.slice(1).map((x) => x[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });

    it('exports the recognised lists of a commune × period, poor and near-poor sheets with certificate numbers', async () => {
      const ref = await campaignReadyToRecognise(deps);
      expect(await codeOf(prepareRecognisedExport(deps, officer, ref))).toBe('CERTIFICATE_NOT_RECOGNISED');
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const p = await prepareRecognisedExport(deps, officer, ref);
      const wb = await readBack(await collect((out) => writeRecognisedExport(deps, officer, p, out)));
      const poor = sheetRows(wb.getWorksheet('Hộ nghèo')!);
      const near = sheetRows(wb.getWorksheet('Hộ cận nghèo')!);
      expect(poor[0]).toContain('Số Giấy chứng nhận');
      expect(
        poor
          .slice(1)
          .map((r) => r[1])
          .sort(),
      ).toEqual(['EX-05', 'EX-14']);
      expect(
        near
          .slice(1)
          .map((r) => r[1])
          .sort(),
      ).toEqual(POOR_OR_NEAR.filter((k) => k !== 'EX-05' && k !== 'EX-14'));
      const certs = [...poor.slice(1), ...near.slice(1)].map((r) => r[10]);
      expect(new Set(certs).size).toBe(9);
      for (const c of certs) expect(String(c)).toMatch(/^[1-9]\/GCN-HN\.HCN$/);
      expect(typeof poor[1]![3]).toBe('number');
      expect(poor[1]![7]).toBeInstanceOf(Date);
      expect(wb.getWorksheet('Hộ nghèo')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const info = sheetRows(wb.getWorksheet('Thông tin')!);
      expect(info).toContainEqual([
        'Quyết định công nhận (Mẫu số 02)',
        'Số 125/QĐ-UBND ngày 04/11/2024 — Nguyễn Văn Chủ Tịch',
      ]);
      // Masked for a supervisor.
      const ps = await prepareRecognisedExport(deps, supervisor, ref);
      const masked = sheetRows(
        (
          await readBack(await collect((out) => writeRecognisedExport(deps, supervisor, ps, out)))
        ).getWorksheet('Hộ nghèo')!,
      );
      for (const r of masked.slice(1)) expect(String(r[2])).toMatch(/^(\p{Lu}\. )*\p{Lu}\.$/u);
    });
  });
}
