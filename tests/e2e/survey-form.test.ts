// The survey form in Chromium, on a tablet held upright (800×1280) whose browser speaks English:
// a new survey starts empty and asks for every required answer beside its input; an approved
// household opens with its last answers in words and its dates as dd/mm/yyyy; after "Lưu và phân
// loại" the class before → after and what the save did to the status stay in view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const water = page.getByRole('combobox', { name: 'Nguồn nước sinh hoạt chính' });
    // Nothing answered: no water source, no latrine, no income, no floor area, no yes/no ticked.
    expect(await water.inputValue()).toBe('');
    expect(await page.getByRole('combobox', { name: 'Loại nhà tiêu' }).inputValue()).toBe('');
    expect(await page.getByLabel('Diện tích nhà ở (m²)').inputValue()).toBe('');
    expect(await page.getByLabel('Thu nhập bình quân đầu người/tháng (đồng/người/tháng)').inputValue()).toBe(
      '',
    );
    expect(await page.locator('main input[type=radio]:checked').count()).toBe(0);
    expect(await page.locator('main input[type=checkbox]:checked').count()).toBe(0);

    await page.getByRole('button', { name: 'Lưu và phân loại' }).click();
    await expect.poll(() => water.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, water)).toContain('Chọn nguồn nước sinh hoạt chính.');
    const floor = page.getByLabel('Diện tích nhà ở (m²)');
    expect(await describedText(page, floor)).toContain('Nhập diện tích nhà ở.');
    const birth = page.getByLabel(/^Ngày sinh( \*)?$/);
    expect(await describedText(page, birth)).toContain('Nhập ngày sinh.');
    await page.getByText('Chọn Có hoặc Không: có thẻ bảo hiểm y tế.').waitFor();
    await page.getByText('Hộ không có chủ hộ: một thành viên phải có quan hệ «Chủ hộ»').waitFor();
    // The first problem in the order of Phiếu B has the focus; nothing went to the server.
    expect(await isFocused(page.getByLabel(/^Mã hộ( \*)?$/))).toBe(true);
    expect(sent).toBe(0);
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
    expect(
      await page
        .getByLabel(/^Ngày sinh( \*)?$/)
        .first()
        .inputValue(),
    ).toBe('10/05/1980');
    expect(await page.getByRole('combobox', { name: 'Nguồn nước sinh hoạt chính' }).inputValue()).toBe(
      'Nước máy',
    );
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
