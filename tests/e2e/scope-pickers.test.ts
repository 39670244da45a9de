// Units chosen by name from the account's own scope (issue 11): a city account's campaign page
// opens on the first ward of its city by name (never on a fixed code), offering its wards and
// communes by name; the administrator (national scope) picks the province, then the commune, on
// the survey form; the reports screen shows names only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  server = await startApp();
});

afterAll(async () => {
  await server?.stop();
});

async function withBrowser(run: (b: Browser) => Promise<void>): Promise<void> {
  const b = await launchBrowser();
  try {
    await b.page.setExtraHTTPHeaders({ 'accept-encoding': 'identity' });
    await run(b);
    expect(b.problems).toEqual([]);
  } finally {
    await b.close();
  }
}

describe('units by name, from the scope of the account', () => {
  it("a city account's campaign opens on its first ward by name and offers only its own", async () => {
    await withBrowser(async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.district);
      await page.goto(`${server.url}/app/campaign`);
      await page.getByRole('heading', { level: 1, name: 'Rà soát hộ nghèo, cận nghèo' }).waitFor();
      const picker = page.getByTestId('commune-picker');
      // Thành phố Sầm Sơn in 2024: Phường Bắc Sơn comes first by name (Vietnamese order).
      await expect.poll(() => picker.inputValue()).toBe('Phường Bắc Sơn');
      await page.getByText('Bước hiện tại:', { exact: false }).waitFor();
      await picker.click();
      const options = await page.locator('[role="listbox"]:visible [role="option"]').allInnerTexts();
      expect(options).toEqual([
        'Phường Bắc Sơn',
        'Phường Quảng Châu',
        'Phường Quảng Cư',
        'Phường Quảng Thọ',
        'Phường Quảng Tiến',
        'Phường Quảng Vinh',
        'Phường Trung Sơn',
        'Phường Trường Sơn',
        // Vietnamese order: Đ comes right after D, before Q.
        'Xã Đại Hùng',
        'Xã Quảng Minh',
      ]);
      await page.getByRole('option', { name: 'Phường Trung Sơn' }).click();
      await expect.poll(() => picker.inputValue()).toBe('Phường Trung Sơn');
      await screenshot(page, 'campaign-city-account');
    });
  });

  it('the administrator picks the province, then the commune, on the survey form', async () => {
    await withBrowser(async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.admin);
      await page.goto(`${server.url}/app/registry/survey`);
      await page.getByRole('heading', { level: 1, name: 'Phiếu khảo sát hộ gia đình' }).waitFor();
      const province = page.getByTestId('survey-province');
      await province.fill('thanh hoa');
      await page.getByRole('option', { name: 'Tỉnh Thanh Hóa' }).click();
      const commune = page.getByRole('combobox', { name: /^Xã\/phường/ });
      // Units as they stand on the survey date (today, none given yet): after the 2025 reform.
      await commune.fill('nam sam son');
      await page.getByRole('option', { name: 'Phường Nam Sầm Sơn' }).click();
      await expect.poll(() => commune.inputValue()).toBe('Phường Nam Sầm Sơn');
      await screenshot(page, 'survey-admin-commune');
    });
  });
});
