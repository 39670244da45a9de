import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { SYSTEM } from '../../src/services/deps.js';
import { importAllocations, importDisbursements } from '../../src/services/finance/import.service.js';
import { listAllocations } from '../../src/services/finance/allocations.service.js';
import type { AppError } from '../../src/errors.js';

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kế hoạch vốn');
  ws.addRow(['KẾ HOẠCH VỐN CHƯƠNG TRÌNH MTQG GIẢM NGHÈO BỀN VỮNG NĂM 2024']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ALLOC_HEAD = [
  'Năm',
  'Mã đơn vị',
  'Dự án',
  'Loại vốn',
  'Nguồn vốn',
  'Số tiền (đồng)',
  'Số quyết định',
  'Ngày quyết định',
  'Hạn giải ngân',
];
const DISB_HEAD = [
  'Năm',
  'Mã đơn vị',
  'Dự án',
  'Loại vốn',
  'Nguồn vốn',
  'Ngày chứng từ',
  'Số tiền',
  'Số chứng từ',
  'Nội dung',
  'Số hộ hưởng lợi',
];

for (const dialect of DIALECTS) {
  describe(`Excel import of allocations and disbursements (${dialect})`, () => {
    let deps: TestDeps;
    const count = async (t: 'allocation' | 'disbursement') =>
      Number(
        (
          await deps.db.kysely
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    beforeAll(async () => {
      deps = await makeDeps(dialect);
    });
    afterAll(async () => deps.cleanup());

    it('reads the officers’ table with Vietnamese headers and words, dates as cells or dd/mm/yyyy', async () => {
      const file = await xlsx([
        ALLOC_HEAD,
        [
          2024,
          '382',
          'DA4',
          'Sự nghiệp',
          'Trung ương',
          1_500_000_000,
          '512/QĐ-UBND',
          new Date(Date.UTC(2024, 1, 26)),
          '30/09/2024',
        ],
        [2024, '382', 'DA6.1', 'Sự nghiệp', 'Tỉnh', '350.000.000', '512/QĐ-UBND', '26/02/2024', '30/09/2024'],
      ]);
      const r = await importAllocations(deps, SYSTEM, file);
      expect(r).toEqual({ kind: 'allocations', read: 2, imported: 2, errors: [] });
      const list = await listAllocations(deps, SYSTEM, { year: 2024, unitCode: '382' });
      expect(
        list.map((a) => [a.componentCode, a.capitalType, a.source, a.amount, a.decisionDate, a.deadline]),
      ).toEqual([
        ['DA4', 'recurrent', 'central', 1_500_000_000, '2024-02-26', '2024-09-30'],
        ['DA6.1', 'recurrent', 'province', 350_000_000, '2024-02-26', '2024-09-30'],
      ]);
    });

    it('lists every bad row with its code and field, and writes nothing', async () => {
      const before = await count('allocation');
      const file = await xlsx([
        ALLOC_HEAD,
        [2024, '382', 'DA2', 'Sự nghiệp', 'Trung ương', 100, 'QĐ 1', '26/02/2024', '30/09/2024'],
        [2024, '382', 'DA9', 'Sự nghiệp', 'Trung ương', 100, 'QĐ 1', '26/02/2024', '30/09/2024'],
        [2024, '382', 'DA3', 'Sự nghiệp', 'Trung ương', -5, 'QĐ 1', '26/02/2024', '30/09/2024'],
        [2024, '382', 'DA3.1', 'Sự nghiệp', 'Trung ương', 10.5, 'QĐ 1', '31/02/2024', '30/09/2024'],
        [2024, '382', 'DA2', 'Sự nghiệp', 'Trung ương', 100, 'QĐ 1', '26/02/2024', '30/09/2024'],
      ]);
      const err = (await importAllocations(deps, SYSTEM, file).catch((e: unknown) => e)) as AppError;
      expect(err.code).toBe('IMPORT_ROWS_INVALID');
      const errors = err.toJSON().errors as { row: number; code: string; field: string }[];
      expect(errors.map((e) => [e.row, e.code, e.field])).toEqual([
        [4, 'PROJECT_UNKNOWN', 'componentCode'],
        [5, 'AMOUNT_INVALID', 'amount'],
        [6, 'AMOUNT_INVALID', 'amount'],
        [7, 'ALLOCATION_DUPLICATE', 'componentCode'],
      ]);
      expect(await count('allocation')).toBe(before);
    });

    it('disbursements: found by their allocation key; balance, dates and vouchers checked row by row, all or nothing', async () => {
      // The payments of June are recorded in July: a disbursement is never dated after today.
      deps.setNow(new Date('2024-07-01T03:00:00.000Z'));
      const bad = await xlsx([
        DISB_HEAD,
        [2024, '382', 'DA6.1', 'Sự nghiệp', 'Tỉnh', '20/06/2024', 300_000_000, 'PC-01', 'Mua thiết bị', 40],
        [2024, '382', 'DA6.1', 'Sự nghiệp', 'Tỉnh', '21/06/2024', 60_000_000, 'PC-02', 'Mua thiết bị', 0],
        [2024, '382', 'DA6.1', 'Sự nghiệp', 'Tỉnh', '01/01/2024', 1, 'PC-03', 'x', 0],
        [2024, '382', 'DA6.1', 'Sự nghiệp', 'Tỉnh', '21/06/2024', 1, 'PC-01', 'x', 0],
        [2024, '382', 'DA6.1', 'Sự nghiệp', 'Khác', '21/06/2024', 1, 'PC-04', 'x', 0],
      ]);
      const err = (await importDisbursements(deps, SYSTEM, bad).catch((e: unknown) => e)) as AppError;
      expect(err.code).toBe('IMPORT_ROWS_INVALID');
      expect(
        (err.toJSON().errors as { row: number; code: string; field: string }[]).map((e) => [
          e.row,
          e.code,
          e.field,
        ]),
      ).toEqual([
        [4, 'BALANCE_INSUFFICIENT', 'amount'],
        [5, 'DATE_BEFORE_ALLOCATION', 'date'],
        [6, 'VOUCHER_DUPLICATE', 'voucherNo'],
        [7, 'ALLOCATION_NOT_FOUND', 'allocationId'],
      ]);
      expect(await count('disbursement')).toBe(0);
      const good = await xlsx([
        DISB_HEAD,
        [2024, '382', 'DA6.1', 'Sự nghiệp', 'Tỉnh', '20/06/2024', 300_000_000, 'PC-01', 'Mua thiết bị', 40],
      ]);
      expect(await importDisbursements(deps, SYSTEM, good)).toEqual({
        kind: 'disbursements',
        read: 1,
        imported: 1,
        errors: [],
      });
      const a = (await listAllocations(deps, SYSTEM, { year: 2024, unitCode: '382' })).find(
        (x) => x.componentCode === 'DA6.1',
      )!;
      expect(a).toMatchObject({ disbursed: 300_000_000, available: 50_000_000 });
    });

    it('a file that is not a spreadsheet is a coded error', async () => {
      const err = (await importAllocations(deps, SYSTEM, Buffer.from('not xlsx')).catch(
        (e: unknown) => e,
      )) as AppError;
      expect(err.code).toBe('IMPORT_FILE_INVALID');
    });
  });
}
