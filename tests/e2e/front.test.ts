// The Front's screens in Chromium on the demo's Front data: the supervisor (mttq.samson) reads the
// fund's ledger with initials only, records a receipt through the form, moves a house on, and
// sees the overdue board; the commune officer (xa.daihung, whose ward took over Xã Quảng Minh)
// answers the overdue recommendation and it leaves the board. Each screen passes axe and the
// language checks of the crawl (no code shown; no English on a Vietnamese screen, no Vietnamese
// interface word on an English one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SYSTEM } from '../../src/services/deps.js';
import { seedFront } from '../../src/services/demo/front.seed.js';
import { addVillage } from '../../src/services/villages.service.js';
import { frontRecord, loadRecords } from '../support/front.js';
import {
  catalogueCodes,
  findCodes,
  findEnglishWords,
  findVietnameseWords,
  vocabularyOf,
  withoutStored,
} from './language.js';
import {
  ACCOUNTS,
  accessibilityProblems,
  launchBrowser,
  screenshot,
  signIn,
  startApp,
  type Browser,
  type RunningApp,
} from './support.js';
import type { Page } from 'playwright-core';

let server: RunningApp;
let browser: Browser;
let stored: string[];
let words: Set<string>;
const CODES = catalogueCodes();

beforeAll(async () => {
  server = await startApp();
  const deps = server.deps;
  for (const c of ['14830', '16513'])
    await addVillage(deps, SYSTEM, { communeCode: c, on: '2024-06-07', name: 'Thôn 1', kind: 'thon' });
  // Poor households recognised in 2023 and surveyed again in 2024 (four of them housed by then).
  for (const [period, date] of [
    [2023, '2023-10-15'],
    [2024, '2024-10-15'],
  ] as const) {
    const records = [];
    for (let i = 1; i <= 12; i += 1)
      records.push(
        frontRecord(`HT-${i}`, i % 2 ? '14830' : '16513', 'poor', date, {
          badHouse: period === 2023 || i > 4,
        }),
      );
    await loadRecords(deps, records, period);
  }
  await seedFront({ deps, progress: () => undefined, accounts: [] });
  const texts: string[] = [];
  for (const [table, cols] of [
    ['admin_unit', ['name']],
    ['village', ['name']],
    ['household', ['head_name']],
    ['app_user', ['display_name']],
    ['front_receipt', ['donor_name', 'goods']],
    ['front_spending', ['decision_no', 'description']],
    ['front_plan', ['topic']],
    ['front_visit', ['findings']],
    ['front_recommendation', ['content', 'answer_text']],
  ] as const) {
    const rows = await sql<
      Record<string, unknown>
    >`SELECT ${sql.join(cols.map((c) => sql.ref(c)))} FROM ${sql.table(table)}`.execute(deps.db.kysely);
    for (const r of rows.rows) for (const v of Object.values(r)) if (typeof v === 'string') texts.push(v);
  }
  stored = [...new Set(texts)].sort((a, b) => b.length - a.length);
  words = vocabularyOf(stored);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The language problems of the screen's text, as the crawl finds them. */
async function languageProblems(page: Page, lang: 'vi' | 'en'): Promise<string[]> {
  const text = await page.locator('main').innerText();
  const found =
    lang === 'vi'
      ? [...findCodes(text, CODES, 'vi'), ...findEnglishWords(withoutStored(text, stored))]
      : [...findCodes(text, CODES, 'en'), ...findVietnameseWords(withoutStored(text, stored), words)];
  return found.map((f) => `${lang} «${f.word}» ${f.context}`);
}

async function setLang(page: Page, lang: 'vi' | 'en') {
  await page.evaluate(`localStorage.setItem('giamngheo.lang', '${lang}')`);
}

describe('the Front’s screens', () => {
  it('shows the supervisor the fund, the houses and the overdue board, in both languages', async () => {
    const { page } = browser;
    await signIn(page, server.url, ACCOUNTS.supervisor);
    await page.goto(`${server.url}/app/front/fund`);
    await page.getByRole('heading', { level: 1, name: 'Quỹ "Vì người nghèo"' }).waitFor();
    await page
      .getByRole('table', { name: 'Các khoản thu' })
      .getByText('Công ty CP Du lịch Biển Sầm Sơn')
      .first()
      .waitFor();
    // Households reached appear with initials: the Front has no personal-data permission.
    const spending = await page.getByRole('table', { name: 'Các khoản chi' }).innerText();
    expect(spending).toContain('N. V. H.');
    expect(spending).not.toContain('Nguyễn Văn HT-');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await screenshot(page, 'front-fund');
    // A receipt through the form moves the figures.
    const form = page.getByRole('region', { name: 'Ghi khoản thu' });
    await form.getByLabel('Ngày', { exact: true }).fill('02/12/2024');
    await form.getByLabel('Số biên lai').fill('E2E-1');
    await form.getByLabel('Người, đơn vị ủng hộ', { exact: true }).fill('Hội Cựu chiến binh phường');
    await form.getByLabel('Giá trị (đồng)').fill('7000000');
    await form.getByRole('button', { name: 'Ghi' }).click();
    await page.getByText('Đã ghi.').waitFor();
    await page.getByRole('table', { name: 'Các khoản thu' }).getByText('Hội Cựu chiến binh phường').waitFor();

    await page.goto(`${server.url}/app/front/houses`);
    await page.getByRole('heading', { level: 1, name: 'Nhà Đại đoàn kết' }).waitFor();
    await page.getByText('Đã bàn giao').first().waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await screenshot(page, 'front-houses');

    await page.goto(`${server.url}/app/front/supervision`);
    await page.getByRole('heading', { level: 1, name: 'Giám sát và kiến nghị' }).waitFor();
    const board = page.getByRole('table', { name: 'Kiến nghị quá hạn chưa trả lời' });
    await board.getByText('Trả lời bằng văn bản 2 hộ có ý kiến về kết quả chấm điểm.').waitFor();
    await page.getByText('Trả lời muộn').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await screenshot(page, 'front-supervision');

    await setLang(page, 'en');
    for (const [path, title] of [
      ['fund', 'Fund for the Poor'],
      ['houses', 'Great Solidarity houses'],
      ['supervision', 'Supervision and recommendations'],
    ] as const) {
      await page.goto(`${server.url}/app/front/${path}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.locator('main table').first().waitFor();
      expect(await languageProblems(page, 'en'), path).toEqual([]);
    }
    await setLang(page, 'vi');
    expect(browser.problems).toEqual([]);
  });

  it('lets the commune officer answer the overdue recommendation', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, server.url, ACCOUNTS.commune);
    await page.goto(`${server.url}/app/front/supervision`);
    await page.getByRole('heading', { level: 1, name: 'Giám sát và kiến nghị' }).waitFor();
    await page.getByRole('button', { name: 'Trả lời' }).click();
    await page.getByRole('combobox', { name: 'Kết quả' }).click();
    await page.getByRole('option', { name: 'Tiếp thu, đã giải quyết' }).click();
    await page.getByLabel('Nội dung trả lời').fill('Đã trả lời bằng văn bản cho 2 hộ ngày 02/12.');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await screenshot(page, 'front-answer');
    await page.getByRole('button', { name: 'Gửi trả lời' }).click();
    await page.getByText('Không có kiến nghị nào quá hạn.').waitFor();
    await page.getByText('Đã trả lời bằng văn bản cho 2 hộ ngày 02/12.').waitFor();
    expect(browser.problems).toEqual([]);
  });
});
