// The applications register (Mẫu 01, Mẫu 04, the 15-day clock, refusals with reasons) and the
// reporting round (monthly, preliminary, official; the chain by date; the board; frozen submissions),
// issue 12 part 2.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildUser } from '../support/builders.js';
import { pdfPages } from '../support/pdf.js';
import { campaignReadyToRecognise, RECOGNISE, examples } from '../support/certificates.js';
import { codeOf } from '../support/errors.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { getHousehold, saveHousehold } from '../../src/services/registry/households.service.js';
import { reportBalance } from '../../src/services/registry/balance.service.js';
import {
  applicationRegister,
  decideApplication,
  receiveApplication,
  registerFile,
} from '../../src/services/registry/applications.service.js';
import { getSubmission, reportingBoard, submitReport } from '../../src/services/registry/round.service.js';
import { seedPaperwork } from '../../src/services/demo/paperwork.seed.js';

async function userOf(
  deps: TestDeps,
  role: 'commune-officer' | 'supervisor' | 'province-officer',
  unitCode: string,
): Promise<Actor> {
  const { user } = await buildUser(deps, { role, unitCode });
  return { kind: 'user', id: user.id, username: user.username, role, unitCode };
}

async function cellsOf(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out;
}

for (const dialect of DIALECTS) {
  describe(`applications register (${dialect})`, () => {
    let deps: TestDeps;
    afterEach(async () => deps?.cleanup());

    it('receives Mẫu 01 and Mẫu 04, runs the 15-day clock, records decisions and refusals with reasons', async () => {
      deps = await makeDeps(dialect, new Date('2024-06-11T03:00:00Z'));
      const officer = await userOf(deps, 'commune-officer', '14830');
      const a = await receiveApplication(deps, officer, {
        communeCode: '14830',
        form: '01',
        applicantName: 'Lê Thị Hoa',
        address: 'Tổ dân phố 3',
        reason: 'Chồng mất sức lao động',
        receivedOn: '2024-05-20',
      });
      expect(a).toMatchObject({
        status: 'received',
        deadline: '2024-06-04',
        clockLabel: { vi: 'quá hạn 7 ngày' },
      });
      const b = await receiveApplication(deps, officer, {
        communeCode: '14830',
        form: '04',
        applicantName: 'Trần Văn Nam',
        reason: 'Thu nhập đã vượt chuẩn',
        receivedOn: '2024-06-01',
      });
      const c = await receiveApplication(deps, officer, {
        communeCode: '14830',
        form: '01',
        applicantName: 'Phạm Văn Bình',
        reason: 'Nhà sập do bão',
        receivedOn: '2024-06-05',
      });
      // A refusal needs its reasons; an outcome must fit the form.
      expect(
        await codeOf(
          decideApplication(deps, officer, {
            id: b.id,
            expectedVersion: 1,
            outcome: 'refused',
            decidedOn: '2024-06-10',
          }),
        ),
      ).toBe('FIELD_REQUIRED');
      expect(
        await codeOf(
          decideApplication(deps, officer, {
            id: b.id,
            expectedVersion: 1,
            outcome: 'recognised',
            outcomeClass: 'POOR',
            decisionNumber: '12/QĐ-UBND',
            decidedOn: '2024-06-10',
          }),
        ),
      ).toBe('APPLICATION_OUTCOME_INVALID');
      expect(
        await codeOf(
          decideApplication(deps, officer, {
            id: c.id,
            expectedVersion: 1,
            outcome: 'refused',
            refusalReason: 'x',
            decidedOn: '2024-06-01',
          }),
        ),
      ).toBe('APPLICATION_DECIDED_BEFORE_RECEIPT');
      const decided = await decideApplication(deps, officer, {
        id: b.id,
        expectedVersion: 1,
        outcome: 'recognised',
        outcomeClass: 'AVERAGE',
        decisionNumber: '12/QĐ-UBND',
        decidedOn: '2024-06-10',
      });
      expect(decided).toMatchObject({
        status: 'recognised',
        version: 2,
        clockLabel: { vi: 'quyết định sau 9 ngày' },
      });
      const refused = await decideApplication(deps, officer, {
        id: c.id,
        expectedVersion: 1,
        outcome: 'refused',
        refusalReason: 'Hộ đã được hỗ trợ làm nhà, thu nhập trên chuẩn cận nghèo',
        decidedOn: '2024-06-11',
      });
      expect(refused.refusalReason).toContain('thu nhập trên chuẩn');
      expect(
        await codeOf(
          decideApplication(deps, officer, {
            id: c.id,
            expectedVersion: 2,
            outcome: 'refused',
            refusalReason: 'y',
            decidedOn: '2024-06-11',
          }),
        ),
      ).toBe('APPLICATION_DECIDED');

      const reg = await applicationRegister(deps, officer, { unitCode: '14830' });
      expect(reg.rows.map((r) => [r.form, r.status, r.clockLabel.vi])).toEqual([
        ['01', 'received', 'quá hạn 7 ngày'],
        ['04', 'recognised', 'quyết định sau 9 ngày'],
        ['01', 'refused', 'quyết định sau 6 ngày'],
      ]);
      expect(reg.totals).toMatchObject({ received: 3, recognised: 1, refused: 1, open: 1, overdue: 1 });
      const cells = await cellsOf(await registerFile(reg, 'xlsx'));
      expect(cells).toContain('quá hạn 7 ngày');
      expect(cells).toContain('Lê Thị Hoa');
      expect(cells).toContain('20/05/2024');
      const text = (await pdfPages(await registerFile(reg, 'pdf'))).join('\n');
      expect(text).toContain('SỔ THEO DÕI ĐƠN ĐỀ NGHỊ');
      expect(text).toContain('quá hạn 7 ngày');

      // A supervisor reads initials, no address, no reason; another commune sees none of it.
      const sup = await applicationRegister(deps, await userOf(deps, 'supervisor', '382'), {
        unitCode: '382',
      });
      expect(sup.rows[0]).toMatchObject({ applicantName: 'L. T. H.', address: null, reason: '…' });
      const other = await userOf(deps, 'commune-officer', '16513');
      expect((await applicationRegister(deps, other, { unitCode: '16513' })).rows).toEqual([]);
      expect(
        await codeOf(
          decideApplication(deps, other, {
            id: a.id,
            expectedVersion: 1,
            outcome: 'refused',
            refusalReason: 'z',
            decidedOn: '2024-06-11',
          }),
        ),
      ).toBe('APPLICATION_NOT_FOUND');
      expect(
        await codeOf(
          receiveApplication(deps, other, {
            communeCode: '14830',
            form: '01',
            applicantName: 'X',
            reason: 'y',
            receivedOn: '2024-06-01',
          }),
        ),
      ).toBe('FORBIDDEN_SCOPE');
      const audits = await deps.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'review_application')
        .execute();
      expect(audits.map((x) => x.action).sort()).toEqual([
        'receive',
        'receive',
        'receive',
        'recognise',
        'refuse',
      ]);
    });
  });

  describe(`reporting round (${dialect})`, () => {
    let deps: TestDeps;
    afterEach(async () => deps?.cleanup());

    it('a submitted report is frozen: a later registry edit changes the live figures, not the submission; a resubmission is a new version', async () => {
      deps = await makeDeps(dialect, new Date('2024-11-12T03:00:00Z'));
      const ref = await campaignReadyToRecognise(deps);
      const first = await submitReport(deps, SYSTEM, { unitCode: '38', round: 'preliminary', period: 2024 });
      expect(first).toMatchObject({
        version: 1,
        dueDate: '2024-11-14',
        toUnit: '',
        status: { kind: 'on-time' },
      });
      const stored = await getSubmission(deps, SYSTEM, first.id);
      const bytes = stored.xlsx;
      expect(stored.figures).toEqual(first.figures);

      // The registry changes: the review is recognised and a household edited.
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const h = await getHousehold(deps, SYSTEM, 'EX-02');
      await saveHousehold(deps, SYSTEM, {
        survey: { ...examples[1]!, incomePerCapitaMonthly: 9_000_000 },
        expectedVersion: h.version,
        confirmDuplicates: true,
      });
      const live = await reportBalance(deps, SYSTEM, { period: 2024, unitCode: '38' });
      expect(live.total.poor.end + live.total.nearPoor.end).toBeGreaterThan(0);
      expect({ kind: 'balance', ...live }).not.toEqual(first.figures);

      const again = await getSubmission(deps, SYSTEM, first.id);
      expect(again.figures).toEqual(first.figures);
      expect(again.xlsx.equals(bytes)).toBe(true);
      expect(again.view.sha256).toBe(first.sha256);

      const second = await submitReport(deps, SYSTEM, { unitCode: '38', round: 'preliminary', period: 2024 });
      expect(second.version).toBe(2);
      expect(second.figures).toEqual({ kind: 'balance', ...live });
      expect((await getSubmission(deps, SYSTEM, first.id)).figures).toEqual(first.figures);
      const rows = await deps.db.kysely
        .selectFrom('report_submission')
        .select(['version', 'sha256'])
        .orderBy('version')
        .execute();
      expect(rows.map((r) => Number(r.version))).toEqual([1, 2]);
      // A commune does not submit the province's report.
      expect(
        await codeOf(submitReport(deps, SYSTEM, { unitCode: '14830', round: 'official', period: 2024 })),
      ).toBe('REPORT_NOT_EXPECTED');
    });

    it('the demo seeds a register with every state and two monthly reports', async () => {
      deps = await makeDeps(dialect, new Date('2024-12-10T03:00:00Z'));
      await seedPaperwork({ deps, progress: () => {}, accounts: [] });
      const reg = await applicationRegister(deps, SYSTEM, {
        unitCode: '382',
        from: '2024-01-01',
        to: '2024-12-31',
      });
      expect(reg.rows.map((r) => r.clock.kind)).toEqual([
        'decided',
        'decided',
        'decided',
        'decided',
        'overdue',
      ]);
      expect(reg.totals).toMatchObject({
        received: 5,
        recognised: 3,
        refused: 1,
        open: 1,
        overdue: 1,
        decidedLate: 1,
      });
      const board = await reportingBoard(deps, SYSTEM, { unitCode: '14830', period: 2024 });
      expect(board.reports.filter((r) => r.units[0]?.versions.length).map((r) => r.month)).toEqual([2, 3]);
    });

    it('the board shows who submitted and who is late; the district is in the chain until 30/06/2025 only', async () => {
      deps = await makeDeps(dialect, new Date('2024-06-11T03:00:00Z'));
      const officer = await userOf(deps, 'commune-officer', '14830');
      const june = await submitReport(deps, officer, {
        unitCode: '14830',
        round: 'monthly',
        period: 2024,
        month: 6,
      });
      expect(june).toMatchObject({
        toUnit: '382',
        dueDate: '2024-06-05',
        status: { kind: 'submitted-late', daysLate: 6 },
      });
      expect(
        await codeOf(
          submitReport(deps, officer, { unitCode: '14830', round: 'monthly', period: 2024, month: 11 }),
        ),
      ).toBe('REPORT_NOT_EXPECTED');
      expect(
        await codeOf(
          submitReport(deps, officer, { unitCode: '16513', round: 'monthly', period: 2024, month: 6 }),
        ),
      ).toBe('FORBIDDEN_SCOPE');

      const board = await reportingBoard(deps, await userOf(deps, 'supervisor', '382'), {
        unitCode: '382',
        period: 2024,
      });
      const juneRow = board.reports.find((r) => r.round === 'monthly' && r.month === 6)!;
      const mine = juneRow.units.find((u) => u.unit.code === '14830')!;
      expect(mine.statusLabel.vi).toBe('Nộp trễ hạn');
      expect(mine.versions).toHaveLength(1);
      const others = juneRow.units.filter((u) => u.unit.code !== '14830');
      expect(others.length).toBeGreaterThan(0);
      expect(others.every((u) => u.status.kind === 'late')).toBe(true);
      // The district itself reports monthly before 01/07/2025.
      expect(juneRow.units.some((u) => u.unit.code === '382' && u.unit.level === 'district')).toBe(true);
      expect(juneRow.totals).toMatchObject({ submitted: 1, late: juneRow.units.length - 1 });
      const july = board.reports.find((r) => r.round === 'monthly' && r.month === 7)!;
      expect(july.units.every((u) => u.status.kind === 'not-due')).toBe(true);

      // After the district level was abolished: communes report straight to the province.
      const province = await userOf(deps, 'province-officer', '38');
      const b2025 = await reportingBoard(deps, province, { unitCode: '38', period: 2025 });
      const aug = b2025.reports.find((r) => r.round === 'monthly' && r.month === 8)!;
      expect(aug.units.length).toBeGreaterThan(0);
      expect(aug.units.every((u) => u.unit.level === 'commune' && u.toUnit === '38')).toBe(true);
      const feb = b2025.reports.find((r) => r.round === 'monthly' && r.month === 2)!;
      expect(feb.units.some((u) => u.unit.level === 'district')).toBe(true);
      const official = b2025.reports.find((r) => r.round === 'official')!;
      expect(official.units.map((u) => u.unit.code)).toEqual(['38']);

      // Each commune owes the province its periodic review's results, by the plan's date (10/11 by
      // default, unconfirmed: the board says so); 2024's went through the district (not modelled).
      expect(board.reports.some((r) => r.round === 'commune-periodic')).toBe(false);
      const periodic = b2025.reports.find((r) => r.round === 'commune-periodic')!;
      expect([periodic.due, periodic.facts.dueSource]).toEqual(['2025-11-10', 'province-plan']);
      expect(periodic.facts.due.vi).toContain('chưa xác nhận');
      expect(periodic.units.map((u) => u.unit.code).sort()).toEqual(aug.units.map((u) => u.unit.code).sort());
      expect(periodic.units.every((u) => u.unit.level === 'commune' && u.toUnit === '38')).toBe(true);
      expect(b2025.reports.find((r) => r.round === 'monthly')!.facts.layout).toBe('own-design');
      const commune = periodic.units[0]!.unit.code;
      const sent = await submitReport(deps, SYSTEM, {
        unitCode: commune,
        round: 'commune-periodic',
        period: 2025,
      });
      expect([sent.dueDate, sent.toUnit, sent.figures.kind]).toEqual(['2025-11-10', '38', 'balance']);
      const after = await reportingBoard(deps, province, { unitCode: '38', period: 2025 });
      const row = after.reports
        .find((r) => r.round === 'commune-periodic')!
        .units.find((u) => u.unit.code === commune)!;
      expect(row.versions.map((v) => v.id)).toEqual([sent.id]);
      // A province cannot send a commune's report.
      expect(
        await codeOf(submitReport(deps, SYSTEM, { unitCode: '38', round: 'commune-periodic', period: 2025 })),
      ).toBe('REPORT_NOT_EXPECTED');
    });
  });
}
