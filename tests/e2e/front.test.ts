// The Front's screens in Chromium on the demo's Front data: the supervisor (mttq.samson) reads the
// fund's ledger with initials only, records a receipt through the form (its committee chosen by
// name, not typed as a code), adds a photo to a house, plans a supervision, records a visit and
// addresses a recommendation to Xã Quảng Minh's committee with a deadline gone by, which the
// overdue board shows; the commune officer (xa.daihung, whose ward took over Xã Quảng Minh)
// answers it with an attachment (listed, downloadable, "answered late") and answers the demo's
// overdue recommendation, and the board empties. Each screen and form passes axe and the
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
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';

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
    ['front_file', ['caption']],
  ] as const) {
    const rows = await sql<
      Record<string, unknown>
    >`SELECT ${sql.join(cols.map((c) => sql.ref(c)))} FROM ${sql.table(table)}`.execute(deps.db.kysely);
    for (const r of rows.rows) for (const v of Object.values(r)) if (typeof v === 'string') texts.push(v);
  }
  // What the test itself writes is stored text too.
  texts.push(E2E_TOPIC, E2E_FINDINGS, E2E_REC, E2E_ANSWER, E2E_CAPTION);
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

/** Picks a unit by typing part of its name into the labelled level select inside `within`. */
async function pickUnit(page: Page, within: Locator, level: string, typed: string, option: string) {
  const box = within.getByRole('combobox', { name: level });
  await box.click();
  await box.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

const E2E_TOPIC = 'Giám sát việc chi Quỹ "Vì người nghèo" năm 2024';
const E2E_FINDINGS = 'Danh sách hộ được hỗ trợ chưa niêm yết ở thôn.';
const E2E_REC = 'Công khai danh sách hộ được hỗ trợ từ Quỹ tại nhà văn hóa thôn.';
const E2E_CAPTION = 'Bàn giao nhà, có đại diện Ủy ban MTTQ phường';
const E2E_ANSWER = 'Đã niêm yết danh sách tại nhà văn hóa các thôn từ ngày 25/11/2024.';
const ATTACHMENT = Buffer.from('%PDF-1.4\n% công văn trả lời kiến nghị\n%%EOF\n');

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
    // On a tablet held upright the list folds to four columns: nothing scrolls sideways and every
    // row's next-stage button lies within the screen.
    await page.setViewportSize({ width: 800, height: 1280 });
    const folded = page.getByRole('table', { name: 'Nhà Đại đoàn kết' });
    await folded.getByRole('columnheader', { name: 'Bước, ngày' }).waitFor();
    const fits = await page.evaluate(`(() => {
      const table = document.querySelector('main table');
      const box = table.getBoundingClientRect();
      const buttons = [...table.querySelectorAll('button')].map((b) => b.getBoundingClientRect().right);
      return {
        page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        table: table.scrollWidth <= table.clientWidth && box.right <= window.innerWidth,
        buttons: buttons.length > 0 && buttons.every((r) => r <= box.right),
      };
    })()`);
    expect(fits).toEqual({ page: true, table: true, buttons: true });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'front-houses-tablet');
    await page.setViewportSize({ width: 1366, height: 768 });
    await folded.getByRole('columnheader', { name: 'Nhà ở sau bàn giao' }).waitFor();
    // A house approved through the form: an empty save names the household field, a filled one
    // adds a row to the list.
    const rows = await page.getByRole('table', { name: 'Nhà Đại đoàn kết' }).locator('tbody tr').count();
    await page.getByRole('button', { name: 'Duyệt nhà mới' }).click();
    const houseForm = page.getByRole('region', { name: 'Duyệt nhà mới' });
    await houseForm.getByRole('button', { name: 'Lưu nhà được duyệt' }).click();
    await houseForm.locator('[aria-invalid="true"], [role="alert"]').first().waitFor();
    // The refusal names a field by its label: never a code, never the word "undefined" (CI once
    // showed “Dự toán (đồng)”: … nhận được "undefined").
    const refusal = await houseForm.innerText();
    expect(refusal).toMatch(/Thiếu trường bắt buộc “(Mã hộ \(trong sổ hộ\)|Dự toán \(đồng\)|Ngày duyệt)”/);
    expect(refusal).not.toContain('undefined');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await houseForm.getByLabel('Mã hộ (trong sổ hộ)').fill('HT-1');
    await houseForm.getByLabel('Dự toán (đồng)').fill('30000000');
    await houseForm.getByLabel('Ngày duyệt').fill('05/12/2024');
    await houseForm.getByLabel('Quỹ "Vì người nghèo"').fill('10000000');
    await screenshot(page, 'front-house-new');
    await houseForm.getByRole('button', { name: 'Lưu nhà được duyệt' }).click();
    await houseForm.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('table', { name: 'Nhà Đại đoàn kết' }).locator('tbody tr').count())
      .toBe(rows + 1);
    // A house's own page: a photo uploaded through the form is shown there.
    await page.getByRole('table', { name: 'Nhà Đại đoàn kết' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /^Nhà Đại đoàn kết: / }).waitFor();
    const photos = await page.locator('main figure img').count();
    // The demo's handed-over house shows its drawn photos (under construction, handed over), each
    // captioned as an illustration.
    expect(photos).toBe(2);
    for (const caption of await page.locator('main figure figcaption').allInnerTexts())
      expect(caption).toContain('Ảnh minh họa');
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 180, g: 120, b: 60 } },
    })
      .png()
      .toBuffer();
    const photoForm = page.getByRole('region', { name: 'Thêm ảnh nhà' });
    await photoForm
      .locator('input[type=file]')
      .setInputFiles({ name: 'nha.png', mimeType: 'image/png', buffer: png });
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await photoForm.getByLabel('Chú thích ảnh').fill(E2E_CAPTION);
    await photoForm.getByRole('button', { name: 'Tải ảnh lên' }).click();
    await page.getByText('Đã thêm ảnh.').waitFor();
    await page.locator('main figure img').nth(photos).waitFor();
    expect(await page.locator('main figure figcaption').nth(photos).innerText()).toContain(E2E_CAPTION);
    const src = await page.locator('main figure img').nth(photos).getAttribute('src');
    const served = await page.request.get(`${server.url}${src}`);
    expect(served.headers()['content-type']).toBe('image/jpeg');
    expect((await sharp(await served.body()).metadata()).width).toBe(64);
    await screenshot(page, 'front-house');

    await page.goto(`${server.url}/app/front/supervision`);
    await page.getByRole('heading', { level: 1, name: 'Giám sát và kiến nghị' }).waitFor();
    const board = page.getByRole('table', { name: 'Kiến nghị quá hạn chưa trả lời' });
    await board.getByText('Trả lời bằng văn bản 2 hộ có ý kiến về kết quả chấm điểm.').waitFor();
    await page
      .getByRole('table', { name: 'Các kiến nghị' })
      .getByText('Trả lời muộn', { exact: true })
      .waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await screenshot(page, 'front-supervision');

    // A supervision planned, visited and followed by a recommendation, all through the forms; the
    // units are chosen by name within the Front's scope (Thành phố Sầm Sơn in 2024).
    const topic = E2E_TOPIC;
    const planForm = page.getByRole('region', { name: 'Lập kế hoạch giám sát' });
    await planForm.getByLabel('Nội dung giám sát').fill(topic);
    await planForm.getByLabel('Từ ngày').fill('01/11/2024');
    await planForm.getByLabel('Đến ngày').fill('30/11/2024');
    await planForm
      .getByRole('group', { name: 'Ủy ban MTTQ lập kế hoạch' })
      .getByText('Đã chọn: Thành phố Sầm Sơn')
      .waitFor();
    const supervised = planForm.getByRole('group', { name: 'Đơn vị được giám sát' });
    await pickUnit(page, supervised, 'Xã / phường / thị trấn / đặc khu', 'quang minh', 'Xã Quảng Minh');
    await planForm.getByRole('button', { name: 'Thêm đơn vị này' }).click();
    await planForm.getByRole('button', { name: 'Bỏ Xã Quảng Minh' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await screenshot(page, 'front-plan-form');
    await planForm.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    await page.getByText('Đã lưu kế hoạch giám sát.').waitFor();

    const plan = page.getByRole('region', { name: topic });
    await plan.getByRole('button', { name: 'Ghi kết quả giám sát' }).click();
    const visitForm = plan.getByRole('region', { name: 'Ghi kết quả giám sát' });
    await visitForm.getByLabel('Ngày giám sát').fill('05/11/2024');
    await visitForm.getByLabel('Kết quả, phát hiện qua giám sát').fill(E2E_FINDINGS);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await visitForm.getByRole('button', { name: 'Lưu kết quả giám sát' }).click();
    await plan.getByRole('table').getByText(E2E_FINDINGS).waitFor();

    await plan.getByRole('button', { name: 'Ghi kiến nghị' }).click();
    const recForm = plan.getByRole('region', { name: 'Ghi kiến nghị' });
    // Saved empty: the API's coded refusal shows under the field it names, by its label, not its code.
    await recForm.getByRole('button', { name: 'Lưu kiến nghị' }).click();
    await recForm.getByText('Thiếu trường bắt buộc “Ngày kiến nghị”.').waitFor();
    await recForm.getByLabel('Ngày kiến nghị').fill('06/11/2024');
    await recForm.getByLabel('Hạn trả lời').fill('20/11/2024');
    await pickUnit(
      page,
      recForm.getByRole('group', { name: 'Kiến nghị gửi Ủy ban nhân dân của' }),
      'Xã / phường / thị trấn / đặc khu',
      'quang minh',
      'Xã Quảng Minh',
    );
    await recForm.getByLabel('Nội dung kiến nghị').fill(E2E_REC);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await screenshot(page, 'front-recommendation-form');
    await recForm.getByRole('button', { name: 'Lưu kiến nghị' }).click();
    // Its deadline has gone by: the overdue board shows it.
    await board.getByText(E2E_REC).waitFor();

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
    const all = page.getByRole('table', { name: 'Các kiến nghị' });
    // The Front's new recommendation, answered with the committee's letter attached.
    await all.getByRole('row').filter({ hasText: E2E_REC }).getByRole('button', { name: 'Trả lời' }).click();
    const form = page.getByRole('region', { name: /^Trả lời kiến nghị số/ });
    await form.getByRole('combobox', { name: 'Kết quả' }).click();
    await page.getByRole('option', { name: 'Tiếp thu, đã giải quyết' }).click();
    await form.getByLabel('Nội dung trả lời').fill(E2E_ANSWER);
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: 'cong-van-tra-loi.pdf', mimeType: 'application/pdf', buffer: ATTACHMENT });
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await languageProblems(page, 'vi')).toEqual([]);
    await form.getByRole('button', { name: 'Gửi trả lời' }).click();
    const answered = all.getByRole('row').filter({ hasText: E2E_ANSWER });
    await answered.getByText('Trả lời muộn').waitFor();
    const link = answered.getByRole('link', { name: /cong-van-tra-loi\.pdf/ });
    const file = await page.request.get(`${server.url}${await link.getAttribute('href')}`);
    expect(Buffer.from(await file.body()).equals(ATTACHMENT)).toBe(true);
    expect(
      await page.getByRole('table', { name: 'Kiến nghị quá hạn chưa trả lời' }).innerText(),
    ).not.toContain(E2E_REC);

    // The demo's overdue recommendation.
    await all
      .getByRole('row')
      .filter({ hasText: 'Trả lời bằng văn bản 2 hộ' })
      .getByRole('button', { name: 'Trả lời' })
      .click();
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
