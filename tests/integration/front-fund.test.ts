// The Front's Fund for the Poor on both engines: ledger arithmetic (receipts, spending, transfers,
// carry-over), a refused overdraft that writes nothing, and spending linked to registry households
// within the fund's unit and the officer's scope, with a reason for anyone neither poor nor near-poor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildUser } from '../support/builders.js';
import { frontRecord, loadRecords } from '../support/front.js';
import { AppError } from '../../src/errors.js';
import type { Actor } from '../../src/services/deps.js';
import {
  listFundsFor,
  recordReceipt,
  recordSpending,
  showFund,
  transferFunds,
} from '../../src/services/front/fund.service.js';

async function refused(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

for (const dialect of DIALECTS) {
  describe(`the Front's fund ledger (${dialect})`, () => {
    let deps: TestDeps;
    let front: Actor;
    let ward: Actor;
    let fundId: number;
    const count = async (
      table: 'front_spending' | 'front_spending_household' | 'front_transfer' | 'audit_log',
    ) =>
      Number(
        (
          await deps.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      deps = await makeDeps(dialect, new Date('2024-12-20T03:00:00Z'));
      await loadRecords(
        deps,
        [
          frontRecord('F-POOR', '14830', 'poor', '2024-10-15', { badHouse: true }),
          frontRecord('F-NEAR', '14830', 'near-poor', '2024-10-15'),
          frontRecord('F-NONE', '14830', 'none', '2024-10-15'),
          frontRecord('F-AWAY', '16285', 'poor', '2024-10-15'),
        ],
        2024,
      );
      const f = await buildUser(deps, { role: 'supervisor', unitCode: '382' });
      front = { kind: 'user', id: f.user.id, username: f.user.username, role: 'supervisor', unitCode: '382' };
      const w = await buildUser(deps, { role: 'supervisor', unitCode: '14830' });
      ward = {
        kind: 'user',
        id: w.user.id,
        username: w.user.username,
        role: 'supervisor',
        unitCode: '14830',
      };
    });
    afterAll(async () => deps.cleanup());

    it('adds receipts to the fund of the unit and year, cash and in kind, peak month by date', async () => {
      const a = await recordReceipt(deps, front, {
        unitCode: '382',
        date: '2024-10-20',
        receiptNo: 'BL-001',
        donorName: 'Công ty CP Du lịch Biển Sầm Sơn',
        donorKind: 'organisation',
        value: 50_000_000,
      });
      expect(a.receipt.campaign).toBe('peak-month');
      expect(a.fund).toMatchObject({
        unitCode: '382',
        year: 2024,
        level: 'district',
        received: 50_000_000,
        balance: 50_000_000,
      });
      fundId = a.fund.id;
      const b = await recordReceipt(deps, front, {
        unitCode: '382',
        date: '2024-03-02',
        receiptNo: 'BL-002',
        donorName: 'Nhóm thiện nguyện',
        kind: 'in-kind',
        goods: '100 bao xi măng',
        value: 9_000_000,
      });
      expect(b.receipt).toMatchObject({ campaign: 'regular', kind: 'in-kind', goods: '100 bao xi măng' });
      expect(b.fund.balance).toBe(59_000_000);
      const dup = await refused(
        recordReceipt(deps, front, {
          unitCode: '382',
          date: '2024-10-21',
          receiptNo: 'BL-001',
          donorName: 'X',
          value: 1,
        }),
      );
      expect([dup.code, dup.field]).toEqual(['FRONT_RECEIPT_DUPLICATE', 'receiptNo']);
      const noGoods = await refused(
        recordReceipt(deps, front, {
          unitCode: '382',
          date: '2024-10-21',
          receiptNo: 'BL-009',
          donorName: 'X',
          kind: 'in-kind',
          value: 1,
        }),
      );
      expect([noGoods.code, noGoods.field]).toEqual(['FIELD_REQUIRED', 'goods']);
    });

    it('spends on registry households, with a reason for one neither poor nor near-poor', async () => {
      const noReason = await refused(
        recordSpending(deps, front, {
          fundId,
          date: '2024-11-25',
          purpose: 'tet-gift',
          amount: 3_000_000,
          decisionNo: '12/QĐ-MTTQ',
          decisionDate: '2024-11-20',
          households: [{ householdKey: 'F-POOR' }, { householdKey: 'F-NONE' }],
        }),
      );
      expect([noReason.code, noReason.field]).toEqual(['FRONT_REASON_REQUIRED', 'households[1].reason']);
      expect(await count('front_spending')).toBe(0);
      const s = await recordSpending(deps, front, {
        fundId,
        date: '2024-11-25',
        purpose: 'tet-gift',
        amount: 3_000_000,
        decisionNo: '12/QĐ-MTTQ',
        decisionDate: '2024-11-20',
        households: [
          { householdKey: 'F-POOR' },
          { householdKey: 'F-NEAR' },
          { householdKey: 'F-NONE', reason: 'Chủ hộ ốm nặng sau bão' },
        ],
      });
      expect(s.fund).toMatchObject({ spent: 3_000_000, balance: 56_000_000 });
      expect(await count('front_spending_household')).toBe(3);
    });

    it('refuses a household outside the fund’s unit or the officer’s scope as if it did not exist', async () => {
      const away = await refused(
        recordSpending(deps, front, {
          fundId,
          date: '2024-11-26',
          purpose: 'livelihood',
          amount: 1_000_000,
          decisionNo: '13/QĐ-MTTQ',
          decisionDate: '2024-11-26',
          households: [{ householdKey: 'F-AWAY' }],
        }),
      );
      expect([away.code, away.field]).toEqual(['HOUSEHOLD_NOT_FOUND', 'households[0].householdKey']);
      // The ward's Front does not see the city's fund at all.
      const hidden = await refused(
        recordSpending(deps, ward, {
          fundId,
          date: '2024-11-26',
          purpose: 'livelihood',
          amount: 1_000_000,
          decisionNo: '13/QĐ-MTTQ',
          decisionDate: '2024-11-26',
        }),
      );
      expect(hidden.code).toBe('FRONT_FUND_NOT_FOUND');
      expect((await listFundsFor(deps, ward)).map((f) => f.unitCode)).toEqual([]);
    });

    it('refuses an overdraft with the available balance named, writing nothing', async () => {
      const before = await count('audit_log');
      const over = await refused(
        recordSpending(deps, front, {
          fundId,
          date: '2024-11-27',
          purpose: 'house-new',
          amount: 56_000_001,
          decisionNo: '14/QĐ-MTTQ',
          decisionDate: '2024-11-27',
          households: [{ householdKey: 'F-POOR' }],
        }),
      );
      expect([over.code, over.field, over.params]).toEqual([
        'FRONT_FUND_BALANCE_INSUFFICIENT',
        'amount',
        { amount: 56_000_001, available: 56_000_000 },
      ]);
      expect(await count('front_spending')).toBe(1);
      expect(await count('audit_log')).toBe(before);
      const tooMuch = await refused(
        transferFunds(deps, front, { fundId, toUnitCode: '14830', amount: 60_000_000, date: '2024-12-01' }),
      );
      expect(tooMuch.code).toBe('FRONT_FUND_BALANCE_INSUFFICIENT');
      expect(await count('front_transfer')).toBe(0);
    });

    it('transfers to a ward’s fund and carries the rest over: every đồng accounted for', async () => {
      const t = await transferFunds(deps, front, {
        fundId,
        toUnitCode: '14830',
        amount: 20_000_000,
        date: '2024-12-01',
        decisionNo: '15/QĐ-MTTQ',
      });
      expect(t.from).toMatchObject({ transferredOut: 20_000_000, balance: 36_000_000 });
      expect(t.to).toMatchObject({
        unitCode: '14830',
        level: 'commune',
        transferredIn: 20_000_000,
        balance: 20_000_000,
      });
      // The ward's own Front now sees and spends its fund.
      const wardFund = (await listFundsFor(deps, ward)).map((f) => f.unitCode);
      expect(wardFund).toEqual(['14830']);
      const c = await transferFunds(deps, front, { fundId, kind: 'carry-over', date: '2024-12-31' });
      expect(c.from.balance).toBe(0);
      expect(c.to).toMatchObject({
        unitCode: '382',
        year: 2025,
        transferredIn: 36_000_000,
        balance: 36_000_000,
      });
      const detail = await showFund(deps, front, fundId);
      const credits = detail.receipts.reduce((s, r) => s + r.value, 0);
      const debits =
        detail.spending.reduce((s, r) => s + r.amount, 0) +
        detail.transfers.reduce((s, r) => s + r.amount, 0);
      expect(credits - debits).toBe(detail.fund.balance);
      expect(detail.transfers.map((x) => [x.kind, x.direction, x.amount])).toEqual([
        ['transfer', 'out', 20_000_000],
        ['carry-over', 'out', 36_000_000],
      ]);
    });

    it('shows the households reached with initials to the Front, who has no personal-data permission', async () => {
      const detail = await showFund(deps, front, fundId);
      const reached = detail.spending[0]!.households;
      expect(reached.map((h) => [h.householdKey, h.headName, h.classification])).toEqual([
        ['F-POOR', 'N. V. F.', 'POOR'],
        ['F-NEAR', 'N. V. F.', 'NEAR_POOR'],
        ['F-NONE', 'N. V. F.', 'NONE'],
      ]);
      expect(JSON.stringify(detail)).not.toContain('Nguyễn Văn F-POOR');
    });
  });
}
