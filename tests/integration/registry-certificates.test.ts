// Certificates Mẫu số 03: recognising a campaign numbers one certificate per poor or near-poor
// household (and no other), a re-print repeats the number, the PDF carries the household's head,
// class, members and stamp boxes, and the refusals are coded (not recognised yet, not poor, no
// rights to personal data). Every issue and print is audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { reserveNumbers } from '../../src/db/repositories/certificates.repository.js';
import { pdfPages } from '../support/pdf.js';
import {
  campaignReadyToRecognise,
  codeOf,
  examples,
  POOR_OR_NEAR,
  RECOGNISE,
} from '../support/certificates.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';
import { isAppError } from '../../src/errors.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { getHousehold, saveHousehold } from '../../src/services/registry/households.service.js';
import {
  certificatesPdf,
  communeCertificates,
  householdCertificate,
} from '../../src/services/registry/certificates.service.js';

const supervisor: Actor = { kind: 'user', id: 9, username: 'mttq', role: 'supervisor', unitCode: '14830' };
const officer: Actor = {
  kind: 'user',
  id: 8,
  username: 'canbo',
  role: 'commune-officer',
  unitCode: '14830',
};
const otherCommune: Actor = { ...officer, unitCode: '14833' };

for (const dialect of DIALECTS) {
  describe(`certificates Mẫu số 03 (${dialect})`, () => {
    let deps: TestDeps;
    beforeEach(async () => {
      deps = await makeDeps(dialect);
    });
    afterEach(async () => deps.cleanup());

    it('numbers the poor and near-poor households at recognition and re-prints the same number', async () => {
      const ref = await campaignReadyToRecognise(deps);
      // Before recognition there is nothing to print.
      expect(await codeOf(householdCertificate(deps, officer, { householdId: 'EX-05', period: 2024 }))).toBe(
        'CERTIFICATE_NOT_RECOGNISED',
      );
      expect(await codeOf(communeCertificates(deps, officer, { communeCode: '14830', period: 2024 }))).toBe(
        'CERTIFICATE_NOT_RECOGNISED',
      );
      expect(await deps.db.kysely.selectFrom('certificate').selectAll().execute()).toHaveLength(0);

      await transition(deps, officer, { ...ref, action: RECOGNISE });
      const rows = await deps.db.kysely
        .selectFrom('certificate as c')
        .innerJoin('household as h', 'h.id', 'c.household_id')
        .select([
          'h.household_key',
          'c.number',
          'c.year',
          'c.classification',
          'c.status',
          'c.decision_number',
        ])
        .orderBy('c.number')
        .execute();
      expect(rows.map((r) => r.household_key).sort()).toEqual(POOR_OR_NEAR);
      expect(rows.map((r) => Number(r.number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(new Set(rows.map((r) => `${r.year}|${r.status}|${r.decision_number}`))).toEqual(
        new Set(['2024|valid|125/QĐ-UBND']),
      );
      const ex05 = rows.find((r) => r.household_key === 'EX-05')!;
      expect(ex05.classification).toBe('POOR');

      // Re-printing (twice) repeats the stored number and draws no new one.
      const first = await householdCertificate(deps, officer, { householdId: 'EX-05', period: 2024 });
      const again = await householdCertificate(deps, officer, { householdId: 'EX-05', period: 2024 });
      expect(first.number).toBe(`${ex05.number}/GCN-HN.HCN`);
      expect(again.number).toBe(first.number);
      expect(await deps.db.kysely.selectFrom('certificate').selectAll().execute()).toHaveLength(9);
      const counter = await deps.db.kysely.selectFrom('certificate_counter').selectAll().execute();
      expect(counter.map((c) => [c.commune_code, Number(c.year), Number(c.last_number)])).toEqual([
        ['14830', 2024, 9],
      ]);

      expect(first).toMatchObject({
        classification: 'POOR',
        classLabel: 'Hộ nghèo',
        period: 2024,
        stampYears: [2025, 2026],
        commune: { code: '14830', name: 'Phường Trung Sơn' },
        district: { name: 'Thành phố Sầm Sơn' },
        province: { name: 'Tỉnh Thanh Hóa' },
        decision: { decisionNumber: '125/QĐ-UBND', decisionDate: '2024-11-04', form: 'Mẫu số 02' },
      });
      const page = await getHousehold(deps, SYSTEM, 'EX-05');
      expect(first.address).toMatch(/Tổ dân phố 1, Phường Trung Sơn, Thành phố Sầm Sơn, Tỉnh Thanh Hóa$/);
      expect(first.address.split('Phường Trung Sơn')).toHaveLength(2);
      expect(first.headName).toBe(page.headName);
      expect(first.members.map((m) => m.name)).toEqual(page.members.map((m) => m.name));
      expect(first.members[0]).toMatchObject({ relation: 'Chủ hộ' });
      const head = page.members[0]!;
      expect(head.sex === 'M' ? first.members[0]!.birthYearMale : first.members[0]!.birthYearFemale).toBe(
        head.birthDate.slice(0, 4),
      );

      // The PDF: its text, read back, says who, what and under which decision.
      const pdf = await certificatesPdf([first], { compress: false });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const [text] = await pdfPages(pdf);
      for (const s of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'PHƯỜNG TRUNG SƠN',
        `Số: ${first.number}`,
        'GCN-HN.HCN',
        'GIẤY CHỨNG NHẬN HỘ NGHÈO, HỘ CẬN NGHÈO',
        first.headName,
        'HỘ NGHÈO',
        '125/QĐ-UBND',
        '04/11/2024',
        'Năm 2025',
        'Năm 2026',
        'TM. ỦY BAN NHÂN DÂN',
        'CHỦ TỊCH',
        'Trung Sơn, ngày 04 tháng 11 năm 2024',
        ...page.members.map((m) => m.name),
      ]) {
        expect(text).toContain(s);
      }
      expect(text).not.toContain('Năm 2027');

      // The batch: one page per certificate, in number order.
      const batch = await communeCertificates(deps, officer, { communeCode: '14830', period: 2024 });
      expect(batch.map((v) => v.number)).toEqual(rows.map((r) => `${r.number}/GCN-HN.HCN`));
      const pages = await pdfPages(await certificatesPdf(batch));
      expect(pages).toHaveLength(9);
      const near = batch.find((v) => v.classification === 'NEAR_POOR')!;
      expect(pages[batch.indexOf(near)]).toContain('HỘ CẬN NGHÈO');
      expect(pages[batch.indexOf(near)]).toContain(near.headName);

      // Audited: one issue at recognition, one entry per print.
      const audits = await deps.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'entity_id', 'actor'])
        .where('entity', '=', 'certificate')
        .orderBy('id')
        .execute();
      expect(audits.map((a) => a.action)).toEqual([
        'certificate.issue',
        'certificate.print',
        'certificate.print',
        'certificate.print',
      ]);
      expect(audits.every((a) => a.actor === 'canbo')).toBe(true);
    });

    it('refuses a household that is not poor or near-poor, a reader without personal-data rights, another commune', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      try {
        await householdCertificate(deps, officer, { householdId: 'EX-03', period: 2024 });
        expect.unreachable();
      } catch (err) {
        expect(isAppError(err) && err.code).toBe('CERTIFICATE_NOT_ELIGIBLE');
        expect(isAppError(err) && err.status).toBe(409);
        expect(isAppError(err) && err.toJSON('vi').message).toContain('EX-03');
        expect(isAppError(err) && err.toJSON('vi').message).toContain('AVERAGE');
      }
      expect(await codeOf(householdCertificate(deps, officer, { householdId: 'EX-05', period: 2023 }))).toBe(
        'CERTIFICATE_NOT_ELIGIBLE',
      );
      expect(
        await codeOf(householdCertificate(deps, supervisor, { householdId: 'EX-05', period: 2024 })),
      ).toBe('PERSONAL_DATA_FORBIDDEN');
      expect(
        await codeOf(communeCertificates(deps, supervisor, { communeCode: '14830', period: 2024 })),
      ).toBe('PERSONAL_DATA_FORBIDDEN');
      expect(
        await codeOf(householdCertificate(deps, otherCommune, { householdId: 'EX-05', period: 2024 })),
      ).toBe('HOUSEHOLD_NOT_FOUND');
      expect(
        await codeOf(householdCertificate(deps, officer, { householdId: 'NO-SUCH', period: 2024 })),
      ).toBe('HOUSEHOLD_NOT_FOUND');
      // No refusal issued or numbered anything.
      expect(await deps.db.kysely.selectFrom('certificate').selectAll().execute()).toHaveLength(9);
    });

    it('issues the certificates of a campaign recognised before they were kept, on first request, in campaign order', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const numbered = async () =>
        (
          await deps.db.kysely
            .selectFrom('certificate as c')
            .innerJoin('household as h', 'h.id', 'c.household_id')
            .select(['h.household_key', 'c.number'])
            .orderBy('c.number')
            .execute()
        ).map((r) => `${Number(r.number)}:${r.household_key}`);
      const atRecognition = await numbered();
      // As a database from before certificates: recognised, frozen, no certificate rows.
      await deps.db.kysely.deleteFrom('certificate').execute();
      await deps.db.kysely.deleteFrom('certificate_counter').execute();
      // One household asks first: the whole campaign is numbered, in the same order as at recognition.
      const one = await householdCertificate(deps, officer, { householdId: 'EX-14', period: 2024 });
      expect(await numbered()).toEqual(atRecognition);
      expect(atRecognition).toContain(`${one.number.split('/')[0]}:EX-14`);
      // And the batch finds them, without numbering again.
      const batch = await communeCertificates(deps, officer, { communeCode: '14830', period: 2024 });
      expect(batch).toHaveLength(9);
      expect(await numbered()).toEqual(atRecognition);
    });

    it('never draws the same numbers twice, even from concurrent recognitions', async () => {
      const key = { provinceCode: '38', communeCode: '14830', communeValidFrom: '', year: 2025 };
      const firsts = await Promise.all(
        [5, 3, 7, 1, 4].map((n) =>
          deps.db.kysely
            .transaction()
            .execute(async (trx) => ({ n, first: await reserveNumbers(trx, key, n) })),
        ),
      );
      const drawn = firsts.flatMap(({ n, first }) => Array.from({ length: n }, (_, i) => first + i));
      expect(drawn.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // Another year starts again at 1.
      expect(await reserveNumbers(deps.db.kysely, { ...key, year: 2026 }, 2)).toBe(1);
    });

    /** Walks the open regular-review case of a household to recognition. */
    async function recogniseCase(caseKey: string, decisionNumber: string, decisionDate: string) {
      const caseRef = { communeCode: '14830', period: 2024, caseKey };
      const c = await transition(deps, SYSTEM, {
        ...caseRef,
        action: { type: 'open-meetings', villages: [] },
      });
      for (const v of c.state.villages) {
        await transition(deps, SYSTEM, {
          ...caseRef,
          action: {
            type: 'record-meeting',
            villageId: v.villageId,
            date: '2024-11-21',
            chair: 'Tổ trưởng',
            supervisor: 'MTTQ phường',
            present: 10,
            agreeing: 9,
            minutesCopies: 2,
            agreedHouseholds: [],
          },
        });
      }
      await transition(deps, SYSTEM, {
        ...caseRef,
        action: { type: 'start-posting', startDate: '2024-11-22' },
      });
      await transition(deps, SYSTEM, { ...caseRef, action: { type: 'close-posting', on: '2024-11-28' } });
      await transition(deps, SYSTEM, { ...caseRef, action: { ...RECOGNISE, decisionNumber, decisionDate } });
    }

    it('a regular-review case recognised later numbers the household that became poor and replaces the one that left', async () => {
      const ref = await campaignReadyToRecognise(deps);
      await transition(deps, SYSTEM, { ...ref, action: RECOGNISE });
      const ex03 = examples.find((e) => e.householdId === 'EX-03')!;
      const version = (await getHousehold(deps, SYSTEM, 'EX-03')).version;
      const opened = await saveHousehold(deps, SYSTEM, {
        survey: {
          ...ex03,
          surveyDate: '2024-11-20',
          incomePerCapitaMonthly: 1_100_000,
          waterSource: 'surface',
          internetUse: false,
          infoDevices: [],
          loudspeakerAccess: false,
        },
        expectedVersion: version,
        confirmDuplicates: true,
      });
      expect(opened.saved).toBe(false);
      await recogniseCase('EX-03', '140/QĐ-UBND', '2024-12-02');
      expect((await getHousehold(deps, SYSTEM, 'EX-03')).results[0]).toMatchObject({
        classification: 'POOR',
        frozen: true,
      });
      const cert = await householdCertificate(deps, officer, { householdId: 'EX-03', period: 2024 });
      expect(cert).toMatchObject({
        number: '10/GCN-HN.HCN',
        classification: 'POOR',
        decision: { decisionNumber: '140/QĐ-UBND', decisionDate: '2024-12-02' },
      });
      // The periodic numbers stay as they were.
      const valid = await deps.db.kysely
        .selectFrom('certificate')
        .select(['number'])
        .where('status', '=', 'valid')
        .orderBy('number')
        .execute();
      expect(valid.map((r) => Number(r.number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

      // EX-05 leaves poverty in a later case: its certificate is marked replaced, none is printable.
      const ex05 = examples.find((e) => e.householdId === 'EX-05')!;
      const before = await householdCertificate(deps, officer, { householdId: 'EX-05', period: 2024 });
      const saved = await saveHousehold(deps, SYSTEM, {
        survey: { ...ex05, surveyDate: '2024-11-20', incomePerCapitaMonthly: 9_000_000 },
        expectedVersion: (await getHousehold(deps, SYSTEM, 'EX-05')).version,
        confirmDuplicates: true,
      });
      expect(saved.saved).toBe(false);
      await recogniseCase('EX-05', '141/QĐ-UBND', '2024-12-03');
      expect(await codeOf(householdCertificate(deps, officer, { householdId: 'EX-05', period: 2024 }))).toBe(
        'CERTIFICATE_NOT_ELIGIBLE',
      );
      const old = await deps.db.kysely
        .selectFrom('certificate')
        .select(['status', 'replaced_at'])
        .where('id', '=', before.id)
        .executeTakeFirstOrThrow();
      expect(old.status).toBe('replaced');
      expect(old.replaced_at).not.toBeNull();
      const batch = await communeCertificates(deps, officer, { communeCode: '14830', period: 2024 });
      expect(batch.map((v) => v.householdId)).not.toContain('EX-05');
      expect(batch).toHaveLength(9);
    });
  });
}

describe('certificate layout', () => {
  it('keeps a large household with five stamp boxes on one A4 page, and a batch at one page each', async () => {
    const members = Array.from({ length: 14 }, (_, i) => ({
      name: `Nguyễn ${i % 2 ? 'Thị' : 'Văn'} Thành Viên Số ${i + 1}`,
      ethnicity: 'Kinh',
      relation: i === 0 ? 'Chủ hộ' : 'Con',
      birthYearMale: i % 2 ? '' : String(1950 + i),
      birthYearFemale: i % 2 ? String(1950 + i) : '',
      note: '',
    }));
    const view = {
      id: 1,
      number: '1234/GCN-HN.HCN',
      year: 2024,
      period: 2024,
      classification: 'NEAR_POOR' as const,
      classLabel: 'Hộ cận nghèo',
      householdId: 'SS24-000001',
      headName: members[0]!.name,
      address: 'Số 12 ngõ 3, Thôn Trung Chính, Xã Quảng Giao, Huyện Quảng Xương, Tỉnh Thanh Hóa',
      village: 'Thôn Trung Chính',
      commune: { code: '16519', name: 'Xã Quảng Giao' },
      district: { code: '407', name: 'Huyện Quảng Xương' },
      province: { code: '38', name: 'Tỉnh Thanh Hóa' },
      decision: {
        decisionNumber: '1250/QĐ-UBND',
        decisionDate: '2024-12-15',
        signer: 'Hoàng Văn Chủ Tịch',
        form: 'Mẫu số 02' as const,
      },
      members,
      stampYears: [2025, 2026, 2027, 2028, 2029],
      issuedAt: '2024-12-15T02:00:00.000Z',
    };
    const pages = await pdfPages(await certificatesPdf([view, { ...view, number: '1235/GCN-HN.HCN' }]));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Thành Viên Số 14');
    expect(pages[0]).toContain('Năm 2029');
    expect(pages[0]).toContain('CHỦ TỊCH');
    expect(pages[1]).toContain('1235/GCN-HN.HCN');

    // Larger households are set tighter: 22 and 30 members still fit on one page each.
    for (const n of [22, 30]) {
      const many = Array.from({ length: n }, (_, i) => ({
        ...members[i % 14]!,
        name: `Người Thứ ${i + 1} Trong Hộ`,
      }));
      const big = await pdfPages(await certificatesPdf([{ ...view, members: many }]));
      expect(big).toHaveLength(1);
      expect(big[0]).toContain(`Người Thứ ${n} Trong Hộ`);
      expect(big[0]).toContain('Năm 2029');
      expect(big[0]).toContain('CHỦ TỊCH');
    }
  });
});
