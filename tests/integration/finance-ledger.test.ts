import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { allocationInput, buildAllocation } from '../support/finance.js';
import { buildUser } from '../support/builders.js';
import { AppError } from '../../src/errors.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';
import {
  adjustAllocation,
  createAllocation,
  listAllocations,
  rebuildAllocationAggregates,
  recordDisbursement,
  recordDisbursements,
  showAllocation,
} from '../../src/services/finance/allocations.service.js';

async function refused(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

for (const dialect of DIALECTS) {
  describe(`allocation ledger and disbursements (${dialect})`, () => {
    let deps: TestDeps;
    const count = async (
      table: 'allocation' | 'allocation_entry' | 'disbursement' | 'household_support' | 'audit_log',
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
      deps = await makeDeps(dialect);
    });
    afterAll(async () => deps.cleanup());

    it('creates an allocation keyed by year × project × capital type × source × unit, with its amount in words', async () => {
      const a = await buildAllocation(deps, { componentCode: 'DA2', amount: 6_412_000_000 });
      expect(a).toMatchObject({
        year: 2024,
        unitCode: '382',
        componentCode: 'DA2',
        projectCode: 'DA2',
        programCode: 'QD90_2021_2025',
        planned: 6_412_000_000,
        available: 6_412_000_000,
        disbursed: 0,
      });
      expect(a.amountInWords).toBe('Sáu tỷ bốn trăm mười hai triệu đồng');
      expect(a.risk.state).toBe('at-risk'); // 11/06/2024, nothing disbursed, deadline 30/09
      const dup = await refused(buildAllocation(deps, { componentCode: 'DA2', amount: 5 }));
      expect(dup.code).toBe('ALLOCATION_DUPLICATE');
    });

    it('adjustments are dated ledger entries, transfers move money, carry-over opens next year', async () => {
      const a = await buildAllocation(deps, { componentCode: 'DA3.2', amount: 800_000_000 });
      const b = await buildAllocation(deps, { componentCode: 'DA3.1', amount: 200_000_000 });
      await adjustAllocation(deps, SYSTEM, a.id, {
        kind: 'increase',
        amount: 100_000_000,
        date: '2024-04-01',
        decisionNo: '900/QĐ-UBND',
      });
      await adjustAllocation(deps, SYSTEM, a.id, { kind: 'cut', amount: 50_000_000, date: '2024-05-01' });
      const t = await adjustAllocation(deps, SYSTEM, a.id, {
        kind: 'transfer',
        amount: 150_000_000,
        date: '2024-06-01',
        toAllocationId: b.id,
      });
      expect(t.allocation).toMatchObject({
        amount: 800_000_000,
        adjusted: -100_000_000,
        planned: 700_000_000,
      });
      expect(t.counterpart).toMatchObject({ id: b.id, planned: 350_000_000 });
      await recordDisbursement(deps, SYSTEM, {
        allocationId: a.id,
        date: '2024-06-10',
        amount: 600_000_000,
        voucherNo: 'PC-CO-1',
        activity: 'Cấp dinh dưỡng',
      });
      const c = await adjustAllocation(deps, SYSTEM, a.id, {
        kind: 'carry-over',
        amount: 100_000_000,
        date: '2024-12-31',
        decisionNo: 'chuyển nguồn',
      });
      expect(c.allocation).toMatchObject({ planned: 600_000_000, disbursed: 600_000_000, available: 0 });
      expect(c.counterpart).toMatchObject({
        year: 2025,
        componentCode: 'DA3.2',
        amount: 0,
        adjusted: 100_000_000,
        available: 100_000_000,
      });
      const detail = await showAllocation(deps, SYSTEM, a.id);
      expect(detail.entries.map((e) => [e.kind, e.delta])).toEqual([
        ['increase', 100_000_000],
        ['cut', -50_000_000],
        ['transfer-out', -150_000_000],
        ['carry-over-out', -100_000_000],
      ]);
      // Nothing left to carry: refused, nothing written.
      const before = await count('allocation_entry');
      const err = await refused(
        adjustAllocation(deps, SYSTEM, a.id, { kind: 'carry-over', amount: 1, date: '2024-12-31' }),
      );
      expect(err.code).toBe('BALANCE_INSUFFICIENT');
      expect(await count('allocation_entry')).toBe(before);
    });

    it('a disbursement above the available balance is refused with a coded error and nothing is written', async () => {
      const a = await buildAllocation(deps, { componentCode: 'DA6.1', amount: 300_000_000 });
      const ok = await recordDisbursement(deps, SYSTEM, {
        allocationId: a.id,
        date: '2024-06-10',
        amount: 250_000_000,
        voucherNo: 'PC-001',
        activity: 'Hỗ trợ thiết bị nghe nhìn',
        support: [
          { householdKey: 'HH-1', amount: 5_000_000 },
          { householdKey: 'HH-2', amount: 5_000_000 },
        ],
      });
      expect(ok.allocation).toMatchObject({
        disbursed: 250_000_000,
        available: 50_000_000,
        disbursementCount: 1,
        lastDisbursedOn: '2024-06-10',
      });
      expect(ok.disbursement.beneficiary_households).toBe(2);
      const counts = [
        await count('disbursement'),
        await count('household_support'),
        await count('audit_log'),
      ];
      const err = await refused(
        recordDisbursement(deps, SYSTEM, {
          allocationId: a.id,
          date: '2024-06-11',
          amount: 50_000_001,
          voucherNo: 'PC-002',
          activity: 'x',
        }),
      );
      expect(err.code).toBe('BALANCE_INSUFFICIENT');
      expect(err.field).toBe('amount');
      expect(err.toJSON().available).toBe(50_000_000);
      expect([
        await count('disbursement'),
        await count('household_support'),
        await count('audit_log'),
      ]).toEqual(counts);
      expect((await showAllocation(deps, SYSTEM, a.id)).disbursed).toBe(250_000_000);
    });

    it('bad input is refused with a coded, field-level error and nothing is written', async () => {
      const a = await buildAllocation(deps, { componentCode: 'DA7', amount: 100_000_000 });
      await recordDisbursement(deps, SYSTEM, {
        allocationId: a.id,
        date: '2024-03-01',
        amount: 1_000_000,
        voucherNo: 'PC-DUP',
        activity: 'Tập huấn',
      });
      const before = [
        await count('allocation'),
        await count('disbursement'),
        await count('allocation_entry'),
      ];
      const cases: [() => Promise<unknown>, string, string][] = [
        [() => buildAllocation(deps, { componentCode: 'DA7.1', amount: -5 }), 'AMOUNT_INVALID', 'amount'],
        [() => buildAllocation(deps, { componentCode: 'DA7.1', amount: 1.5 }), 'AMOUNT_INVALID', 'amount'],
        [() => buildAllocation(deps, { componentCode: 'DA9' }), 'PROJECT_UNKNOWN', 'componentCode'],
        [() => buildAllocation(deps, { componentCode: 'DA7.1', source: 'bank' }), 'ENUM_INVALID', 'source'],
        [
          () => buildAllocation(deps, { componentCode: 'DA7.1', decisionDate: '2024-02-30' }),
          'DATE_INVALID',
          'decisionDate',
        ],
        [
          () => buildAllocation(deps, { componentCode: 'DA7.1', unitCode: '99999' }),
          'UNIT_NOT_FOUND',
          'unitCode',
        ],
        [
          () =>
            recordDisbursement(deps, SYSTEM, {
              allocationId: a.id,
              date: '2024-02-25',
              amount: 1,
              voucherNo: 'PC-X1',
              activity: 'x',
            }),
          'DATE_BEFORE_ALLOCATION',
          'date',
        ],
        [
          () =>
            recordDisbursement(deps, SYSTEM, {
              allocationId: a.id,
              date: '2024-03-02',
              amount: 1,
              voucherNo: 'PC-DUP',
              activity: 'x',
            }),
          'VOUCHER_DUPLICATE',
          'voucherNo',
        ],
        [
          () =>
            recordDisbursement(deps, SYSTEM, {
              allocationId: a.id,
              date: '2024-03-02',
              amount: 0,
              voucherNo: 'PC-X2',
              activity: 'x',
            }),
          'AMOUNT_INVALID',
          'amount',
        ],
        [
          () =>
            recordDisbursement(deps, SYSTEM, {
              allocationId: a.id,
              date: '2024-03-02',
              amount: '12.5',
              voucherNo: 'PC-X3',
              activity: 'x',
            }),
          'AMOUNT_INVALID',
          'amount',
        ],
        [
          () =>
            recordDisbursement(deps, SYSTEM, {
              allocationId: 999999,
              date: '2024-03-02',
              amount: 1,
              voucherNo: 'PC-X4',
              activity: 'x',
            }),
          'ALLOCATION_NOT_FOUND',
          'allocationId',
        ],
        [
          () => adjustAllocation(deps, SYSTEM, a.id, { kind: 'increase', amount: -1, date: '2024-03-02' }),
          'AMOUNT_INVALID',
          'amount',
        ],
        [
          () => adjustAllocation(deps, SYSTEM, a.id, { kind: 'increase', amount: 1, date: '2024-01-02' }),
          'DATE_BEFORE_ALLOCATION',
          'date',
        ],
        [
          () =>
            adjustAllocation(deps, SYSTEM, a.id, {
              kind: 'transfer',
              amount: 1,
              date: '2024-03-02',
              toAllocationId: a.id,
            }),
          'TRANSFER_INVALID',
          'toAllocationId',
        ],
        [
          () =>
            recordDisbursement(deps, SYSTEM, {
              allocationId: a.id,
              date: '2024-03-02',
              amount: 10,
              voucherNo: 'PC-X5',
              activity: 'x',
              support: [{ householdKey: 'HH-9', amount: 11 }],
            }),
          'SUPPORT_EXCEEDS_DISBURSEMENT',
          'support',
        ],
      ];
      for (const [p, code, field] of cases) {
        const err = await refused(p());
        expect([err.code, err.field]).toEqual([code, field]);
        expect(err.toJSON('vi').message).not.toBe(err.toJSON('en').messageEn);
      }
      expect([
        await count('allocation'),
        await count('disbursement'),
        await count('allocation_entry'),
      ]).toEqual(before);
    });

    it('a batch of disbursements is all or nothing, each checked against the balance the earlier ones left', async () => {
      const a = await buildAllocation(deps, { componentCode: 'DA4.1', amount: 100 });
      const before = await count('disbursement');
      const err = await refused(
        recordDisbursements(deps, SYSTEM, [
          { allocationId: a.id, date: '2024-03-01', amount: 60, voucherNo: 'B-1', activity: 'x' },
          { allocationId: a.id, date: '2024-03-02', amount: 41, voucherNo: 'B-2', activity: 'x' },
        ]),
      );
      expect(err.code).toBe('BALANCE_INSUFFICIENT');
      expect(err.toJSON().index).toBe(1);
      expect(await count('disbursement')).toBe(before);
      expect((await showAllocation(deps, SYSTEM, a.id)).disbursed).toBe(0);
    });

    it('only a finance officer writes money; a commune officer reads only its unit', async () => {
      const { user: ward } = await buildUser(deps, { role: 'commune-officer', unitCode: '14830' });
      const { user: prov } = await buildUser(deps, { role: 'province-officer', unitCode: '38' });
      const wardActor: Actor = {
        kind: 'user',
        id: ward.id,
        username: ward.username,
        role: 'commune-officer',
        unitCode: '14830',
      };
      const provActor: Actor = {
        kind: 'user',
        id: prov.id,
        username: prov.username,
        role: 'province-officer',
        unitCode: '38',
      };
      expect(
        (await refused(createAllocation(deps, provActor, allocationInput({ componentCode: 'DA4.2' })))).code,
      ).toBe('FORBIDDEN_ROLE');
      expect((await refused(listAllocations(deps, wardActor, { year: 2024, unitCode: '382' }))).code).toBe(
        'FORBIDDEN_SCOPE',
      );
      await buildAllocation(deps, { componentCode: 'DA4.2', unitCode: '14830', amount: 70_000_000 });
      const mine = await listAllocations(deps, wardActor, { year: 2024, unitCode: '14830' });
      expect(mine.map((x) => [x.unitCode, x.componentCode])).toEqual([['14830', 'DA4.2']]);
      // The city's list includes what its wards were allocated.
      const city = await listAllocations(deps, provActor, { year: 2024, unitCode: '382' });
      expect(city.some((x) => x.unitCode === '14830')).toBe(true);
    });

    it('the maintained aggregates agree with a rebuild from the ledger', async () => {
      const r = await rebuildAllocationAggregates(deps, SYSTEM);
      expect(r.checked).toBeGreaterThan(5);
      expect(r.corrected).toEqual([]);
      // Corrupt one and watch the rebuild put it right.
      const a = await buildAllocation(deps, { componentCode: 'DA6.2', amount: 1000 });
      await recordDisbursement(deps, SYSTEM, {
        allocationId: a.id,
        date: '2024-03-01',
        amount: 400,
        voucherNo: 'RB-1',
        activity: 'x',
      });
      await deps.db.kysely.updateTable('allocation').set({ disbursed: 7 }).where('id', '=', a.id).execute();
      expect((await rebuildAllocationAggregates(deps, SYSTEM)).corrected).toEqual([a.id]);
      expect((await showAllocation(deps, SYSTEM, a.id)).disbursed).toBe(400);
    });
  });
}
