// The finance screens in Chromium on the demo's finance data: the June 2024 situation at a glance,
// the at-risk board, an allocation's ledger, and a disbursement recorded through the form moving
// the figures at once; the task board and targets by ward.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/deps.js';
import { createUser } from '../../src/services/users.service.js';
import { seedFinance } from '../../src/services/demo/finance.seed.js';
import {
  ACCOUNTS,
  launchBrowser,
  screenshot,
  signIn,
  startApp,
  type Browser,
  type RunningApp,
  type TestAccount,
} from './support.js';

let server: RunningApp;
let browser: Browser;
const FINANCE: TestAccount = {
  username: 'taichinh.test',
  password: 'mat-khau-tai-chinh',
  role: 'finance-officer',
  unitCode: '382',
  displayName: 'Phòng Tài chính – Kế hoạch (thử)',
};

beforeAll(async () => {
  server = await startApp();
  await createUser(server.deps, SYSTEM, FINANCE);
  await seedFinance({ deps: server.deps, progress: () => undefined, accounts: [] });
  browser = await launchBrowser();
  await browser.page.setExtraHTTPHeaders({ 'accept-encoding': 'identity' });
  await signIn(browser.page, server.url, FINANCE);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('finance screens', () => {
  it('shows June 2024 at a glance: 6.4 billion planned, nothing disbursed, everything at risk', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/finance?unit=382&year=2024&asOf=2024-06-11`);
    await page.getByRole('heading', { level: 1, name: 'Chương trình & kinh phí' }).waitFor();
    await page.getByTestId('finance-Kế hoạch vốn').getByText('6.412.000.000 ₫').waitFor();
    expect(await page.getByTestId('finance-Đã giải ngân').textContent()).toBe('0 ₫');
    await page.getByTestId('at-risk-board').waitFor();
    expect(await page.getByTestId('at-risk-board').locator('tbody tr').count()).toBe(13);
    expect(await page.getByTestId('finance-table').getByText('Nguy cơ chậm').count()).toBe(
      await page.getByTestId('finance-table').locator('tbody tr').count(),
    );
    await screenshot(page, 'finance-june-2024');
    expect(browser.problems).toEqual([]);
  });

  it('records a disbursement on the allocation page and the figures move at once', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/finance?unit=382&year=2024&asOf=2024-06-11`);
    await page.getByTestId('at-risk-board').getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /DA2/ }).waitFor();
    await page.getByText('Bằng chữ: Một tỷ chín trăm năm mươi triệu đồng.').waitFor();
    // Nothing filled in: the missing date is named by its label, never by the payload's key.
    await page.getByRole('button', { name: 'Ghi giải ngân' }).click();
    await page.getByText('Thiếu trường bắt buộc “Ngày chứng từ”.').waitFor();
    expect(await page.getByText('Thiếu trường bắt buộc date.').count()).toBe(0);
    await page.getByLabel('Ngày chứng từ').fill('20/06/2024');
    await page.getByLabel('Số tiền (đồng)').fill('500000000');
    await page.getByLabel('Số chứng từ').fill('PC-E2E-1');
    await page.getByLabel('Nội dung').fill('Mô hình nuôi trồng thủy sản');
    await page.getByRole('button', { name: 'Ghi giải ngân' }).click();
    await page.getByText('Đã ghi giải ngân.').waitFor();
    await page.getByTestId('disbursements').getByText('PC-E2E-1').waitFor();
    // The same voucher again: the error sits under its field.
    await page.getByRole('button', { name: 'Ghi giải ngân' }).click();
    await page.getByText('Số chứng từ PC-E2E-1 đã được dùng.').waitFor();
    // An increase is a dated ledger entry; the plan grows with it.
    await page.getByLabel('Ngày quyết định điều chỉnh').fill('01/07/2024');
    await page.getByLabel('Số tiền điều chỉnh (đồng)').fill('100000000');
    await page.getByLabel('Số quyết định (không bắt buộc)').fill('901/QĐ-UBND');
    await page.getByRole('button', { name: 'Ghi điều chỉnh' }).click();
    await page.getByText('Đã ghi điều chỉnh.').waitFor();
    await page.getByText('901/QĐ-UBND').waitFor();
    await page.getByText('2.050.000.000 ₫').waitFor();
    await screenshot(page, 'finance-allocation');
    await page.goto(`${server.url}/app/finance?unit=382&year=2024&asOf=2024-06-30`);
    await page.getByTestId('finance-Đã giải ngân').getByText('500.000.000 ₫').waitFor();
  });

  it('shows the task board and the targets by ward', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/finance/tasks?unit=382&asOf=2024-06-22`);
    await page.getByRole('heading', { level: 1, name: 'Nhiệm vụ' }).waitFor();
    await page.getByTestId('tasks-due-soon').getByText('Phòng Lao động – Thương binh và Xã hội').waitFor();
    await page.getByTestId('tasks-done').getByText('Phòng Tài chính – Kế hoạch').waitFor();
    // On 1 July the communication plan (due 30/06, still in progress) is overdue.
    await page.goto(`${server.url}/app/finance/tasks?unit=382&asOf=2024-07-01`);
    await page.getByTestId('tasks-overdue').getByText('Phòng Văn hóa – Thông tin').waitFor();
    await screenshot(page, 'finance-tasks');
    await page.goto(`${server.url}/app/finance/targets?unit=382&year=2024`);
    await page.getByTestId('targets').getByText('Giảm số hộ nghèo').waitFor();
    expect(await page.getByTestId('wards').locator('tbody tr').count()).toBe(11);
    expect(browser.problems).toEqual([]);
  });

  it('imports an Excel table: every bad row listed, then the corrected file written', async () => {
    const { page } = browser;
    const write = async (name: string, rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Giải ngân');
      for (const r of rows) ws.addRow(r);
      const file = path.join(server.dir, name);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const head = [
      'Năm',
      'Mã đơn vị',
      'Dự án',
      'Loại vốn',
      'Nguồn vốn',
      'Ngày chứng từ',
      'Số tiền',
      'Số chứng từ',
      'Nội dung',
    ];
    const bad = await write('bad.xlsx', [
      head,
      [2024, '382', 'DA6.1', 'Sự nghiệp', 'Trung ương', '01/07/2024', 100_000_000, 'PC-X-1', 'Thiết bị'],
      [2024, '382', 'DA6.1', 'Sự nghiệp', 'Trung ương', '02/07/2024', 999_000_000, 'PC-X-2', 'Thiết bị'],
      [2024, '382', 'DA9', 'Sự nghiệp', 'Trung ương', '02/07/2024', 1, 'PC-X-3', 'x'],
    ]);
    await page.goto(`${server.url}/app/finance/import`);
    await page.getByRole('heading', { level: 1, name: 'Nhập Excel kế hoạch vốn, giải ngân' }).waitFor();
    await page.getByText('Giải ngân', { exact: true }).click();
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-errors').locator('tbody tr').count()).toBe(2);
    await page.getByTestId('import-errors').getByText('Không có dự án mã "DA9".').waitFor();
    await screenshot(page, 'finance-import-errors');
    const good = await write('good.xlsx', [
      head,
      [2024, '382', 'DA6.1', 'Sự nghiệp', 'Trung ương', '01/07/2024', 100_000_000, 'PC-X-1', 'Thiết bị'],
    ]);
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.getByText('Đã nhập 1 dòng.').waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('a commune officer reports progress on its task with an attachment', async () => {
    const ward = await launchBrowser();
    try {
      const { page } = ward;
      await page.setExtraHTTPHeaders({ 'accept-encoding': 'identity' });
      await signIn(page, server.url, ACCOUNTS.commune);
      await page.goto(`${server.url}/app/finance/tasks?unit=16516&asOf=2024-07-01`);
      await page.getByTestId('tasks-open').getByRole('link').first().click();
      await page.getByRole('heading', { level: 1, name: /Rà soát, phân loại từng hộ nghèo/ }).waitFor();
      const file = path.join(server.dir, 'danh-sach-ho.txt');
      fs.writeFileSync(file, 'Danh sách hộ nghèo đã phân loại');
      await page.getByLabel('Nội dung').fill('Đã phân loại 34 hộ nghèo theo dự án phù hợp');
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByRole('button', { name: 'Gửi cập nhật' }).click();
      await page
        .getByTestId('task-updates')
        .getByText('Đã phân loại 34 hộ nghèo theo dự án phù hợp')
        .waitFor();
      await page.getByTestId('task-updates').getByRole('link', { name: 'danh-sach-ho.txt' }).waitFor();
      await screenshot(page, 'finance-task');
      // An empty note is refused next to the field, which it names by its label, not its key.
      await page.getByRole('button', { name: 'Gửi cập nhật' }).click();
      await page.getByText('Thiếu trường bắt buộc “Nội dung”.').waitFor();
      expect(await page.getByText('Thiếu trường bắt buộc note.').count()).toBe(0);
      expect(ward.problems).toEqual([]);
    } finally {
      await ward.close();
    }
  });
});
