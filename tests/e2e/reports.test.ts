// The Reports screen (Báo cáo) in Chromium: the year's balance of a ward, its figures linking to the
// household list, and the official XLSX downloaded and read back cell by cell against the API.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { SYSTEM } from '../../src/services/deps.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { setResidentHouseholds } from '../../src/services/registry/residents.service.js';
import { reportBalance } from '../../src/services/registry/balance.service.js';
import { campaignReadyToRecognise, RECOGNISE } from '../support/certificates.js';
import type { TestDeps } from '../support/db.js';
import { ACCOUNTS, launchBrowser, signIn, startApp, type Browser, type RunningApp } from './support.js';

let server: RunningApp;
let browser: Browser;

beforeAll(async () => {
  server = await startApp();
  const ref = await campaignReadyToRecognise(server.deps as TestDeps);
  await transition(server.deps, SYSTEM, { ...ref, action: RECOGNISE });
  await setResidentHouseholds(server.deps, SYSTEM, {
    unitCode: '14830',
    year: 2024,
    households: 250,
    source: 'Công an phường Trung Sơn',
    sourceDate: '2024-10-01',
  });
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

describe('reports screen', () => {
  it('shows the balance of a ward, links its figures, and downloads it as XLSX', async () => {
    const expected = await reportBalance(server.deps, SYSTEM, { period: 2024, unitCode: '14830' });
    const poorEnd = expected.total.poor.end;
    expect(poorEnd).toBeGreaterThan(0);
    const { page } = browser;
    await page.goto(`${server.url}/app/reports`);
    await page.getByRole('heading', { level: 1, name: 'Báo cáo diễn biến hộ nghèo, hộ cận nghèo' }).waitFor();
    // The unit is chosen by its name, typed without accents; the table shows names, not codes.
    await page.getByTestId('report-unit').fill('trung son');
    await page
      .getByRole('option', { name: /^Phường Trung Sơn/ })
      .first()
      .click();
    const row = page.getByRole('row', { name: /^Phường Trung Sơn/ });
    await row.waitFor();
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe('250');
    expect(await row.getByRole('cell').first().textContent()).toBe('Phường Trung Sơn');
    // The end of the poor list links to the ward's poor households of 2024.
    // Cells: unit, resident households, then start … end of the poor (the end is the 9th).
    const link = row
      .getByRole('cell')
      .nth(8)
      .getByRole('link', { name: String(poorEnd) });
    expect(await link.getAttribute('href')).toContain('/registry?unit=14830&period=2024&class=POOR');

    const file = await download(page, () => page.getByRole('button', { name: 'Tải Excel' }).click());
    expect(file.name).toBe('can-doi-ho-ngheo-14830-2024.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toBe('ỦY BAN NHÂN DÂN PHƯỜNG TRUNG SƠN');
    const data = ws.getRow(10);
    expect(data.getCell(2).value).toBe('Phường Trung Sơn (14830)');
    expect(data.getCell(3).value).toBe(250);
    expect(data.getCell(10).value).toBe(poorEnd);
    expect(data.getCell(11).value).toBe(`${((poorEnd / 250) * 100).toFixed(2).replace('.', ',')} %`);

    // The link opens the household list with those filters.
    await link.click();
    await page.getByText(`${poorEnd} hộ`).waitFor();
  });
});
