// The registry's documents in Chromium: the household list exported to Excel with the filters on
// screen, a household's certificate Mẫu số 03 from its recognised result, and the campaign's batch
// of certificates and recognised lists — each a real download, read back.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { SYSTEM } from '../../src/services/deps.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { campaignReadyToRecognise, RECOGNISE } from '../support/certificates.js';
import type { TestDeps } from '../support/db.js';
import { pdfPages } from '../support/pdf.js';
import { ACCOUNTS, launchBrowser, signIn, startApp, type Browser, type RunningApp } from './support.js';

let server: RunningApp;
let browser: Browser;

beforeAll(async () => {
  server = await startApp();
  const ref = await campaignReadyToRecognise(server.deps as TestDeps);
  await transition(server.deps, SYSTEM, { ...ref, action: RECOGNISE });
  browser = await launchBrowser();
  // See tests/e2e/registry.test.ts: the precompressed entry chunk still holds a build placeholder.
  await browser.page.setExtraHTTPHeaders({ 'accept-encoding': 'identity' });
  await signIn(browser.page, server.url, ACCOUNTS.province);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

describe('registry documents', () => {
  it('exports the household list with the class chosen on screen', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/registry`);
    await page.getByText('11 hộ').waitFor();
    await page.getByRole('combobox', { name: 'Phân loại' }).click();
    await page.getByRole('option', { name: 'Hộ cận nghèo' }).click();
    await page.getByText('7 hộ').waitFor();
    const file = await download(page, () =>
      page.getByRole('link', { name: 'Xuất Excel (theo bộ lọc)' }).click(),
    );
    expect(file.name).toBe('danh-sach-ho-14830-2024.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Danh sách hộ')!;
    expect(ws.rowCount).toBe(8);
    expect(ws.getRow(1).getCell(6).value).toBe('Họ và tên chủ hộ');
    for (let r = 2; r <= 8; r += 1) expect(ws.getRow(r).getCell(12).value).toBe('Hộ cận nghèo');
  });

  it("prints a household's certificate from its recognised result", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/registry/households/EX-05`);
    await page.getByRole('heading', { level: 1, name: 'Hộ EX-05' }).waitFor();
    const head = (await page.locator('b').first().textContent())!.trim();
    const file = await download(page, () =>
      page.getByRole('button', { name: 'Giấy chứng nhận (Mẫu số 03)' }).click(),
    );
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [text] = await pdfPages(file.bytes);
    expect(text).toContain(head);
    expect(text).toMatch(/Số: \d+\/GCN-HN\.HCN/);
    // A refusal (here the server's answer is replaced by one) is shown beside the button, coded.
    await page.route('**/certificate.pdf', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'CERTIFICATE_NOT_RECOGNISED',
            message:
              'Kết quả rà soát năm 2024 của Phường Trung Sơn chưa được Chủ tịch UBND cấp xã công nhận.',
            messageEn:
              'The 2024 review of Phường Trung Sơn has not been recognised by the commune chair yet.',
          },
        }),
      }),
    );
    await page.getByRole('button', { name: 'Giấy chứng nhận (Mẫu số 03)' }).click();
    await page.getByRole('alert').filter({ hasText: 'chưa được Chủ tịch UBND cấp xã công nhận' }).waitFor();
    await page.unroute('**/certificate.pdf');
    // A household that is not poor or near-poor offers no certificate.
    await page.goto(`${server.url}/app/registry/households/EX-03`);
    await page.getByRole('heading', { level: 1, name: 'Hộ EX-03' }).waitFor();
    await page.getByText('Kỳ 2024').waitFor();
    expect(await page.getByRole('button', { name: 'Giấy chứng nhận (Mẫu số 03)' }).count()).toBe(0);
  });

  it('prints the batch and the recognised lists from the recognised campaign', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/campaign?commune=14830&period=2024`);
    const batch = await download(page, () =>
      page.getByRole('button', { name: 'In Giấy chứng nhận hộ nghèo, cận nghèo (Mẫu số 03)' }).click(),
    );
    expect(await pdfPages(batch.bytes)).toHaveLength(9);
    const lists = await download(page, () =>
      page.getByRole('button', { name: 'Danh sách được công nhận (Excel)' }).click(),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(lists.bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hộ nghèo', 'Hộ cận nghèo', 'Thông tin']);
  });
});
