// The overview's dashboard in Chromium for a commune, a city and a province account: the section
// shows the dashboard API's figures for the account's own unit, and axe finds no serious problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboard } from '../../src/services/dashboard.service.js';
import { formatCount } from '../../src/domain/format.js';
import {
  ACCOUNTS,
  accessibilityProblems,
  launchBrowser,
  signIn,
  startApp,
  type Browser,
  type RunningApp,
} from './support.js';

let server: RunningApp;

beforeAll(async () => {
  server = await startApp();
});
afterAll(async () => server?.stop());

describe('dashboard on the overview page', () => {
  for (const account of [ACCOUNTS.commune, ACCOUNTS.district, ACCOUNTS.province]) {
    it(`as ${account.username}: the review of each commune, as the API gives it, with no serious accessibility problem`, async () => {
      const browser: Browser = await launchBrowser();
      try {
        await browser.page.setExtraHTTPHeaders({ 'accept-encoding': 'identity' });
        await signIn(browser.page, server.url, account);
        const actor = {
          kind: 'user' as const,
          id: 1,
          username: account.username,
          role: account.role,
          unitCode: account.unitCode,
        };
        const d = await dashboard(server.deps, actor, {});
        const { page } = browser;
        await page.goto(`${server.url}/app/`);
        await page.getByRole('heading', { level: 2, name: 'Tình hình giảm nghèo' }).waitFor();
        if (d.review && d.review.communes.length > 0) {
          const first = d.review.communes[0]!;
          const row = page
            .getByTestId('dashboard-review')
            .getByRole('row', { name: new RegExp(first.unit.name) });
          await row.waitFor();
          await expect(row.getByRole('cell').nth(2).textContent()).resolves.toContain(
            `/ ${formatCount(first.expected)}`,
          );
        }
        expect(await accessibilityProblems(page)).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 120_000);
  }
});
