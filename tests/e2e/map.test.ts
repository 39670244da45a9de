// The Bản đồ page in Chromium (issue 13; docs/decisions/0033-map.md), for a city and a province
// account: the colours MapLibre actually drew (read back from the rendered fill layer) are those
// of the figures in the table beside the map; the boundaries follow the chosen date (the city's
// pre-reform area before 01/07/2025, its two successor wards after); axe finds no serious problem.
// The first view, drawn as SVG before MapLibre has loaded (decision 0041's addendum), is checked
// the same way, with MapLibre's chunk held back: each path's fill as the browser computed it.
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
import { buildAllocation } from '../support/finance.js';
import { recordDisbursement } from '../../src/services/finance/allocations.service.js';
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
  // The money (issue 13, "tỷ lệ giải ngân"): 2024, Thành phố Sầm Sơn — 100 M to the city itself,
  // 50 M to Phường Trung Sơn (40 M disbursed: 80 %), 20 M to Phường Bắc Sơn (2 M: 10 %); 2025,
  // 60 M to Phường Hàm Rồng (30 M: 50 %), the newest year of the province's program (not a ward
  // of Sầm Sơn: Phường Sầm Sơn's code 16531 was one of the city's wards before, so its money
  // would be the city's too).
  await buildAllocation(server.deps, { unitCode: '382', amount: 100_000_000 });
  for (const [unitCode, amount, paid, year] of [
    ['14830', 50_000_000, 40_000_000, 2024],
    ['14833', 20_000_000, 2_000_000, 2024],
    ['14758', 60_000_000, 30_000_000, 2025],
  ] as const) {
    const a = await buildAllocation(server.deps, {
      unitCode,
      amount,
      year,
      ...(year === 2025 ? { decisionDate: '2025-08-01', deadline: '2025-12-31' } : {}),
    });
    await recordDisbursement(server.deps, SYSTEM, {
      allocationId: a.id,
      date: `${year}-09-10`,
      amount: paid,
      voucherNo: `PC-${unitCode}`,
      activity: 'Hỗ trợ sinh kế',
    });
  }
}, 120_000);
afterAll(async () => server?.stop());

const money = mapFigure('disbursedRate');

/** Chooses the figure the map is coloured by. */
async function pickFigure(page: Page, label: string) {
  await page.getByRole('radio', { name: label }).check();
}

/** Waits until the fill layer drew `code` in `color` (a changed figure redraws the canvas). */
async function drawnAs(page: Page, code: string, color: string): Promise<Record<string, string>> {
  await page.waitForFunction(
    ([c, want]: [string, string]) => {
      const doc = (
        globalThis as unknown as {
          document: { querySelector(s: string): { dataset: Record<string, string | undefined> } | null };
        }
      ).document;
      const raw = doc.querySelector('[data-testid=map-canvas]')?.dataset.rendered;
      return !!raw && (JSON.parse(raw) as Record<string, string>)[c] === want;
    },
    [code, hexToRgb(color)] as [string, string],
    { timeout: 60_000 },
  );
  return JSON.parse((await page.getByTestId('map-canvas').getAttribute('data-rendered'))!) as Record<
    string,
    string
  >;
}

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

/**
 * Holds MapLibre's chunk back until the returned function is called: the SVG first view stays the
 * map meanwhile (the page swaps it for the canvas once MapLibre has drawn).
 */
async function holdMapLibre(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/MapCanvas-*.js', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The fill the browser computed for each unit of the SVG first view, once `n` are drawn. */
async function svgColors(page: Page, n: number): Promise<Record<string, string>> {
  const paths = page.getByTestId('map-svg').locator('path[data-code]');
  await page.waitForFunction(
    (want: number) =>
      (
        globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
      ).document.querySelectorAll('[data-testid=map-svg] path[data-code]').length >= want,
    n,
    { timeout: 60_000 },
  );
  return Object.fromEntries(
    await paths.evaluateAll((ps) => {
      // Runs in the page (no DOM types in the test's compilation).
      const css = (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } })
        .getComputedStyle;
      return ps.map((p) => [p.getAttribute('data-code')!, css(p).fill] as [string, string]);
    }),
  );
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

      // The money: the city's own area in the class of the dashboard's disbursement rate (42 M of
      // 170 M: 24,7 %), its wards in the table by their own allocations.
      expect(city.money).toMatchObject({ year: 2024, allocated: 170_000_000, disbursed: 42_000_000 });
      expect(colorOf(money, city.money!.rate)).toBe('#edf8fb');
      await pickFigure(page, 'Tỷ lệ giải ngân');
      await drawnAs(page, '382', '#edf8fb');
      await page.getByRole('columnheader', { name: 'Đã giải ngân' }).waitFor();
      const paid = await tableColors(page);
      expect(paid['14830']).toBe('#2ca25f'); // 80 %
      expect(paid['14833']).toBe('#edf8fb'); // 10 %
      expect(paid['14836']).toBe(NO_DATA_COLOR); // nothing allocated
      const trungSon = page.getByTestId('map-table').locator('tr[data-code="14830"]');
      expect(await trungSon.textContent()).toContain('50.000.000 ₫');
      expect(await trungSon.textContent()).toContain('40.000.000 ₫');
      // The city's own 100 M lies in none of its wards: said beside the table.
      expect(await page.getByTestId('map-own-money').textContent()).toContain('100.000.000 ₫');
      expect(await accessibilityProblems(page)).toEqual([]);
      await pickFigure(page, 'Tỷ lệ hộ nghèo');
      await drawnAs(page, '382', '#fd8d3c');

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
      const release = await holdMapLibre(page);
      await page.goto(`${server.url}/app/map`);
      // The first view: 166 communes as SVG, each in its figure's class colour, with the legend.
      const first = await svgColors(page, 166);
      const colors = await tableColors(page);
      expect(Object.keys(colors)).toHaveLength(166);
      expect(Object.keys(first).sort()).toEqual(Object.keys(colors).sort());
      for (const [code, color] of Object.entries(first)) expect(color, code).toBe(hexToRgb(colors[code]!));
      expect(first['16531']).toBe(hexToRgb('#fd8d3c'));
      expect(first['14758']).toBe(hexToRgb(NO_DATA_COLOR));
      await page.getByRole('img', { name: /^Bản đồ tỷ lệ hộ nghèo của Tỉnh Thanh Hóa tại ngày/ }).waitFor();
      expect(await page.getByTestId('map-legend').textContent()).toContain('2 % – dưới 5 %');
      expect(await accessibilityProblems(page)).toEqual([]);
      // MapLibre loads behind it, draws the same colours, and replaces it.
      release();
      const now = await drawn(page, ['16531', '14758']);
      await page.getByTestId('map-svg').waitFor({ state: 'detached' });
      for (const [code, color] of Object.entries(now)) expect(color, code).toBe(hexToRgb(colors[code]!));
      expect(colors['16531']).toBe('#fd8d3c');
      expect(await accessibilityProblems(page)).toEqual([]);

      // The money of 2025: Phường Hàm Rồng 30 M of 60 M (50 %), every other commune grey.
      await pickFigure(page, 'Tỷ lệ giải ngân');
      const paid = await drawnAs(page, '14758', '#66c2a4');
      await page.getByRole('columnheader', { name: 'Đã giải ngân' }).waitFor();
      const paidColors = await tableColors(page);
      expect(paidColors['14758']).toBe('#66c2a4');
      expect(Object.values(paidColors).filter((c) => c === NO_DATA_COLOR)).toHaveLength(165);
      for (const [code, color] of Object.entries(paid)) expect(color, code).toBe(hexToRgb(paidColors[code]!));
      expect(await page.getByTestId('map-missing').textContent()).toBe(
        '165 trong 166 đơn vị chưa có tỷ lệ giải ngân (tô màu xám trên bản đồ).',
      );
      await pickFigure(page, 'Tỷ lệ hộ nghèo');
      await drawnAs(page, '16531', '#fd8d3c');

      await pickDate(page, '07/06/2024');
      const then = await drawn(page, ['382', '380']);
      const districtColors = await tableColors(page);
      expect(Object.keys(districtColors)).toHaveLength(26);
      expect(Object.keys(then).every((c) => c.length === 3)).toBe(true);
      for (const [code, color] of Object.entries(then))
        expect(color, code).toBe(hexToRgb(districtColors[code]!));
      expect(districtColors['382']).toBe('#fd8d3c');
      expect(then['382']).toBe(hexToRgb('#fd8d3c'));

      // The money shown is the program's newest year (2025): on the districts of 2024 its one
      // commune is on no unit drawn, so the page sums it beside the table rather than drop it.
      await pickFigure(page, 'Tỷ lệ giải ngân');
      await drawnAs(page, '382', NO_DATA_COLOR);
      expect(await page.getByTestId('map-other-money').textContent()).toBe(
        '1 đơn vị được giao vốn năm 2025 không có trên bản đồ ngày 07/06/2024 (đơn vị đã thôi tồn tại hoặc thuộc cấp khác): 60.000.000 ₫, đã giải ngân 30.000.000 ₫ (50,00 %).',
      );
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('as the administrator (the whole country): the 34 provinces, those without a figure grey and said so', async () => {
    const browser = await launchBrowser();
    try {
      const { page } = browser;
      await signIn(page, server.url, ACCOUNTS.admin);
      await page.goto(`${server.url}/app/map`);
      const provinces = await drawn(page, ['38', '01']);
      const colors = await tableColors(page);
      expect(Object.keys(colors)).toHaveLength(34);
      expect(Object.keys(provinces).sort()).toEqual(Object.keys(colors).sort());
      for (const [code, color] of Object.entries(provinces))
        expect(color, code).toBe(hexToRgb(colors[code]!));
      // Thanh Hóa has its counts (4 poor) but no rate: resident households were entered for
      // Sầm Sơn's communes only. No province has a rate: every one is grey, and the page says so.
      expect(Object.values(colors).every((c) => c === NO_DATA_COLOR)).toBe(true);
      const thanhHoa = page.getByTestId('map-table').locator('tr[data-code="38"]');
      // Its counts are there, so it says why it is grey: no rate without the resident households.
      expect(await thanhHoa.textContent()).toContain('Chưa có tỷ lệ (chưa nhập đủ số hộ dân cư)');
      expect(await page.getByTestId('map-missing').textContent()).toBe(
        '34 trong 34 đơn vị chưa có tỷ lệ hộ nghèo (tô màu xám trên bản đồ). Tỷ lệ chỉ tính trên tổng số hộ dân cư; đơn vị có số hộ nghèo nhưng chưa nhập đủ số hộ dân cư của các xã, phường thì chưa có tỷ lệ.',
      );
      expect(await page.getByTestId('map-legend').textContent()).toContain('Chưa có số liệu');
      expect(await accessibilityProblems(page)).toEqual([]);
      // A province opens its communes.
      await thanhHoa.getByRole('button', { name: 'Tỉnh Thanh Hóa' }).click();
      await drawn(page, ['16531']);
      expect(Object.keys(await tableColors(page))).toHaveLength(166);

      // Until MapLibre has come, the SVG first view is the map: the same colours, and a click on a
      // province opens its communes there too.
      const release = await holdMapLibre(page);
      await page.goto(`${server.url}/app/map`);
      const first = await svgColors(page, 34);
      expect(Object.keys(first).sort()).toEqual(Object.keys(colors).sort());
      for (const [code, color] of Object.entries(first)) expect(color, code).toBe(hexToRgb(colors[code]!));
      await page.getByTestId('map-svg').locator('path[data-code="38"]').dispatchEvent('click');
      const communes = await svgColors(page, 166);
      expect(communes['16531']).toBe(hexToRgb('#fd8d3c'));
      await expect.poll(async () => Object.keys(await tableColors(page)).length).toBe(166);
      release();
      await drawn(page, ['16531']);
      await page.getByTestId('map-svg').waitFor({ state: 'detached' });
    } finally {
      await browser.close();
    }
  }, 180_000);
});
