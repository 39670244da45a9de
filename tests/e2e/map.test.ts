// The Bản đồ page in Chromium (issue 13; docs/decisions/0033-map.md), for a city and a province
// account: the colours MapLibre actually drew (read back from the rendered fill layer) are those
// of the figures in the table beside the map; the boundaries follow the chosen date (the city's
// pre-reform area before 01/07/2025, its two successor wards after); axe finds no serious problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { setResidentHouseholds } from '../../src/services/registry/residents.service.js';
import type { SurveyRecord } from '../../src/domain/survey/record.js';
import { NO_DATA_COLOR, colorOf, mapFigure } from '../../src/domain/map/figures.js';
import { listUnitsOn } from '../../src/db/repositories/units.repository.js';
import { dashboard } from '../../src/services/dashboard.service.js';
import { buildRecord } from '../support/survey.js';
import {
  ACCOUNTS,
  accessibilityProblems,
  launchBrowser,
  signIn,
  startApp,
  type RunningApp,
} from './support.js';

let server: RunningApp;

const poor: Partial<SurveyRecord> = {
  incomePerCapitaMonthly: 1_200_000,
  waterSource: 'surface',
  internetUse: false,
  infoDevices: [],
  loudspeakerAccess: false,
};
const notPoor: Partial<SurveyRecord> = { incomePerCapitaMonthly: 9_000_000 };

beforeAll(async () => {
  server = await startApp();
  // 2024, recognised: Phường Trung Sơn (14830) 3 poor of 40 resident households, Phường Bắc Sơn
  // (14833) 1 of 20; both became Phường Sầm Sơn (16531) on 01/07/2025.
  const records = [
    ...['A1', 'A2', 'A3'].map((id) =>
      buildRecord({ householdId: id, unitCode: '14830', surveyDate: '2024-10-15', ...poor }),
    ),
    buildRecord({ householdId: 'A4', unitCode: '14830', surveyDate: '2024-10-15', ...notPoor }),
    buildRecord({ householdId: 'B1', unitCode: '14833', surveyDate: '2024-10-15', ...poor }),
  ];
  const r = await importSurvey(
    server.deps,
    SYSTEM,
    { format: 'records', name: 'map-2024', records: records as unknown as Record<string, unknown>[] },
    { period: 2024, status: 'approved' },
  );
  expect(r.errors).toEqual([]);
  // Resident households for every commune of the city (40 and 20 for those two, 10 for the others),
  // so that its total and its successor Phường Sầm Sơn have a rate.
  for (const c of await listUnitsOn(server.deps.db.kysely, { date: '2024-06-30', parentCode: '382' }))
    await setResidentHouseholds(server.deps, SYSTEM, {
      unitCode: c.code,
      year: 2024,
      households: c.code === '14830' ? 40 : c.code === '14833' ? 20 : 10,
      source: 'Công an xã',
      sourceDate: '2024-01-15',
    });
}, 120_000);
afterAll(async () => server?.stop());

const poorRate = mapFigure('poorRate');
const actorOf = (a: (typeof ACCOUNTS)['district']) => ({
  kind: 'user' as const,
  id: 1,
  username: a.username,
  role: a.role,
  unitCode: a.unitCode,
});

const hexToRgb = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};

/** What the fill layer drew, per unit code, once the map is idle with these codes on it. */
async function drawn(page: Page, codes: string[]): Promise<Record<string, string>> {
  const canvas = page.getByTestId('map-canvas');
  // Written by the canvas on MapLibre's `idle` (MapCanvas.tsx); the browser waits for it.
  await page.waitForFunction(
    (want: string[]) => {
      // Runs in the page (no DOM types in the test's compilation).
      const doc = (
        globalThis as unknown as {
          document: { querySelector(s: string): { dataset: Record<string, string | undefined> } | null };
        }
      ).document;
      const raw = doc.querySelector('[data-testid=map-canvas]')?.dataset.rendered;
      return !!raw && want.every((c) => c in (JSON.parse(raw) as Record<string, string>));
    },
    codes,
    { timeout: 60_000 },
  );
  return JSON.parse((await canvas.getAttribute('data-rendered'))!) as Record<string, string>;
}

/** The table's colour of each unit (the class of its figure). */
async function tableColors(page: Page): Promise<Record<string, string>> {
  const rows = page.getByTestId('map-table').locator('tbody tr');
  await rows.first().waitFor();
  return Object.fromEntries(
    await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-code')!, tr.getAttribute('data-color')!]),
    ),
  );
}

async function pickDate(page: Page, date: string) {
  const field = page.getByLabel('Xem tại ngày');
  await field.fill(date);
  await field.press('Enter');
  // Close the calendar (its day buttons are not part of the page under test).
  await field.press('Escape');
}

describe('map page', () => {
  it('as ldtbxh.samson: the city’s pre-reform area alone, then its two wards of 01/07/2025 in the figures’ colours', async () => {
    const browser = await launchBrowser();
    try {
      const { page } = browser;
      await signIn(page, server.url, ACCOUNTS.district);
      await page.goto(`${server.url}/app/map`);
      await page.getByRole('heading', { level: 1, name: 'Bản đồ' }).waitFor();
      // The city ended on 30/06/2025: the page opens on that day; its communes have no boundaries.
      await page.getByTestId('map-no-boundaries').waitFor();
      const before = await drawn(page, ['382']);
      expect(Object.keys(before)).toEqual(['382']);
      // 4 poor of 140 resident households: 2,86 %, the class "2 % – dưới 5 %", as the API says.
      const city = await dashboard(server.deps, actorOf(ACCOUNTS.district), {
        unit: '382',
        on: '2025-06-30',
      });
      expect(colorOf(poorRate, city.registry!.summary.poorRate)).toBe('#fd8d3c');
      expect(before['382']).toBe(hexToRgb('#fd8d3c'));
      const table = await tableColors(page);
      expect(table['14830']).toBe('#f03b20'); // 3 / 40 = 7,5 %
      expect(table['14833']).toBe('#f03b20'); // 1 / 20 = 5 %, the first of its class
      expect(table['14836']).toBe(NO_DATA_COLOR); // no result
      expect(await accessibilityProblems(page)).toEqual([]);

      await pickDate(page, '01/07/2025');
      const after = await drawn(page, ['16531', '16516']);
      const colors = await tableColors(page);
      expect(Object.keys(after).sort()).toEqual(['16516', '16531']);
      for (const code of ['16531', '16516']) expect(after[code], code).toBe(hexToRgb(colors[code]!));
      expect(colors['16516']).toBe(NO_DATA_COLOR);
      // 4 poor of the 120 resident households of its seven predecessors: 3,33 %.
      expect(colors['16531']).toBe('#fd8d3c');
      expect(await accessibilityProblems(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('as tinh.thanhhoa: the 166 communes of today, then the 26 districts of 07/06/2024, each in its figure’s colour', async () => {
    const browser = await launchBrowser();
    try {
      const { page } = browser;
      await signIn(page, server.url, ACCOUNTS.province);
      await page.goto(`${server.url}/app/map`);
      const now = await drawn(page, ['16531', '14758']);
      const colors = await tableColors(page);
      expect(Object.keys(colors)).toHaveLength(166);
      for (const [code, color] of Object.entries(now)) expect(color, code).toBe(hexToRgb(colors[code]!));
      expect(colors['16531']).toBe('#fd8d3c');
      expect(await accessibilityProblems(page)).toEqual([]);

      await pickDate(page, '07/06/2024');
      const then = await drawn(page, ['382', '380']);
      const districtColors = await tableColors(page);
      expect(Object.keys(districtColors)).toHaveLength(26);
      expect(Object.keys(then).every((c) => c.length === 3)).toBe(true);
      for (const [code, color] of Object.entries(then))
        expect(color, code).toBe(hexToRgb(districtColors[code]!));
      expect(districtColors['382']).toBe('#fd8d3c');
      expect(then['382']).toBe(hexToRgb('#fd8d3c'));
    } finally {
      await browser.close();
    }
  }, 180_000);
});
