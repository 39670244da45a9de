// The survey form in Chromium, on a tablet held upright (800×1280) whose browser speaks English:
// one section per screen, moved through by the list of sections or previous/next; a new survey
// starts empty and asks for every required answer beside its input, the list of sections saying
// which hold errors; an approved household opens with its last answers in words and its dates as
// dd/mm/yyyy; after "Lưu và phân loại" the class before → after and what the save did to the
// status stay in view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { getHousehold } from '../../src/services/registry/households.service.js';
import { buildRecord } from '../support/survey.js';
import {
  ACCOUNTS,
  describedText,
  isFocused,
  launchBrowser,
  screenshot,
  signIn,
  startApp,
  type Browser,
  type RunningApp,
} from './support.js';

let server: RunningApp;
let browser: Browser;

/** The sections' list of the paged form. */
const sections = (page: Page) => page.getByRole('navigation', { name: 'Các phần của phiếu' });

/** Opens a section by its place in the list (its label starts the button's name) and waits for it. */
async function openSection(page: Page, label: RegExp): Promise<void> {
  await sections(page).getByRole('button', { name: label }).click();
  await page.getByRole('heading', { level: 2, name: label }).waitFor();
}

beforeAll(async () => {
  server = await startApp();
  // A near-poor household of Phường Trung Sơn, its 2024 result approved.
  await importSurvey(
    server.deps,
    SYSTEM,
    { format: 'records', name: 'survey-form', records: [buildRecord({ householdId: 'SF-01' })] },
    { period: 2024, status: 'approved' },
  );
  browser = await launchBrowser({ width: 800, height: 1280, locale: 'en-US' });
  await browser.page.setExtraHTTPHeaders({ 'accept-encoding': 'identity' });
  await signIn(browser.page, server.url, ACCOUNTS.province);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the survey form', () => {
  it('starts empty and asks for every required answer beside its input', async () => {
    const { page } = browser;
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() !== 'GET' && r.url().includes('/api/v1/registry/households')) sent += 1;
    });
    await page.goto(`${server.url}/app/registry/survey`);
    await page.getByRole('heading', { level: 1, name: 'Phiếu khảo sát hộ gia đình' }).waitFor();
    // One section at a time: the first, then the next by the button that names it.
    await page.getByRole('heading', { level: 2, name: 'Thông tin chung về hộ' }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).count()).toBe(1);
    await page.getByRole('button', { name: 'Phần tiếp: Thành viên hộ gia đình' }).click();
    await page.getByRole('heading', { level: 2, name: 'Thành viên hộ gia đình' }).waitFor();
    await page.getByRole('button', { name: 'Phần trước' }).click();
    await page.getByRole('heading', { level: 2, name: 'Thông tin chung về hộ' }).waitFor();
    // Nothing answered in any section: no yes/no ticked, no device.
    const names = await sections(page).getByRole('button').allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      await sections(page).getByRole('button', { name, exact: true }).click();
      expect(await page.locator('main input[type=radio]:checked').count(), name).toBe(0);
      expect(await page.locator('main input[type=checkbox]:checked').count(), name).toBe(0);
    }
    await openSection(page, /^B2\.5\. /);
    const water = page.getByRole('combobox', { name: 'Nguồn nước sinh hoạt chính' });
    expect(await water.inputValue()).toBe('');
    expect(await page.getByRole('combobox', { name: 'Loại nhà tiêu' }).inputValue()).toBe('');
    await openSection(page, /^B2\.4\. /);
    expect(await page.getByLabel('Diện tích nhà ở (m²)').inputValue()).toBe('');
    await openSection(page, /^B1\. /);
    expect(await page.getByLabel('Thu nhập bình quân đầu người/tháng (đồng/người/tháng)').inputValue()).toBe(
      '',
    );

    await page.getByRole('button', { name: 'Lưu và phân loại' }).click();
    // The first section holding an error opens, its first problem focused; nothing went to the server.
    await page.getByRole('heading', { level: 2, name: 'Thông tin chung về hộ' }).waitFor();
    await expect.poll(() => isFocused(page.getByLabel(/^Mã hộ( \*)?$/))).toBe(true);
    expect(sent).toBe(0);
    // The list of sections says which hold errors, and the line above the section says it too.
    expect(
      await sections(page)
        .getByRole('button', { name: /^B2\.5\. .* · \d+ lỗi$/ })
        .count(),
    ).toBe(1);
    expect(await page.getByTestId('survey-error-sections').textContent()).toMatch(
      /B1\. Thu nhập \(\d+ lỗi\)/,
    );
    await openSection(page, /^B2\.5\. /);
    await expect.poll(() => water.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, water)).toContain('Chọn nguồn nước sinh hoạt chính.');
    await openSection(page, /^B2\.4\. /);
    const floor = page.getByLabel('Diện tích nhà ở (m²)');
    expect(await describedText(page, floor)).toContain('Nhập diện tích nhà ở.');
    await openSection(page, /^Thành viên hộ gia đình/);
    const birth = page.getByLabel(/^Ngày sinh( \*)?$/);
    expect(await describedText(page, birth)).toContain('Nhập ngày sinh.');
    await page.getByText('Hộ không có chủ hộ: một thành viên phải có quan hệ «Chủ hộ»').waitFor();
    await openSection(page, /^B2\.2\. /);
    await page.getByText('Chọn Có hoặc Không: có thẻ bảo hiểm y tế.').waitFor();
    // The review step says, section by section, how many errors each holds.
    await openSection(page, /^Kiểm tra lại/);
    await page.getByText(/^B2\.5\. Nước sinh hoạt và vệ sinh: \d+ lỗi$/).waitFor();
    await screenshot(page, 'survey-empty-errors', false);
    expect(browser.problems).toEqual([]);
  });

  it('opens an approved household in words and dd/mm/yyyy, and keeps the saved result in view', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/registry/survey?household=SF-01`);
    await page.getByRole('heading', { level: 1, name: 'Phiếu khảo sát hộ gia đình' }).waitFor();
    const date = page.getByLabel(/^Ngày rà soát( \*)?$/);
    // A browser set to English still shows Vietnamese dates.
    await expect.poll(() => date.inputValue()).toBe('15/10/2024');
    await openSection(page, /^Thành viên hộ gia đình/);
    expect(
      await page
        .getByLabel(/^Ngày sinh( \*)?$/)
        .first()
        .inputValue(),
    ).toBe('10/05/1980');
    const relations = page.getByRole('combobox', { name: 'Quan hệ với chủ hộ' });
    expect(await relations.nth(1).inputValue()).toBe('Vợ/chồng');
    await relations.nth(0).click();
    expect(await page.locator('[role="listbox"]:visible [role="option"]').allInnerTexts()).toEqual([
      'Chủ hộ',
      'Vợ/chồng',
      'Con',
      'Bố/mẹ',
      'Cháu',
      'Anh/chị/em',
      'Quan hệ khác',
    ]);
    await page.keyboard.press('Escape');
    await openSection(page, /^B2\.5\. /);
    expect(await page.getByRole('combobox', { name: 'Nguồn nước sinh hoạt chính' }).inputValue()).toBe(
      'Nước máy',
    );

    await openSection(page, /^B1\. /);
    const income = page.getByLabel('Thu nhập bình quân đầu người/tháng (đồng/người/tháng)');
    await income.fill('5000000');
    await page.getByRole('button', { name: 'Lưu và phân loại' }).click();
    const panel = page.getByTestId('survey-saved');
    await panel.waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('Kết quả phân loại kỳ 2024: Hộ cận nghèo → Hộ không thuộc diện nghèo, cận nghèo');
    expect(text).toContain('đã được duyệt; lần lưu này đưa kết quả về trạng thái «Chưa duyệt»');
    expect(text).toContain('Cán bộ xã / phường hoặc Cán bộ tỉnh / huyện');
    expect(text).toContain('«Chủ tịch UBND xã công nhận»');
    // In view without scrolling: the panel is inside the window, and has the focus.
    const box = (await panel.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1280);
    expect(await isFocused(panel)).toBe(true);
    const stored = await getHousehold(server.deps, SYSTEM, 'SF-01');
    expect(stored.results.at(-1)).toMatchObject({ classification: 'NONE', status: 'draft' });
    await screenshot(page, 'survey-saved', false);
    expect(browser.problems).toEqual([]);
  });
});
