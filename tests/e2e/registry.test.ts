// The registry screens in Chromium: the household list searched without accents, the household
// page with the explanation of each deprivation, the campaign page with its next step, and the
// import page uploading the contract examples with the row errors shown. Then: the survey form
// showing nested problems beside their inputs, the campaign page attaching re-surveys (entered and
// uploaded) with their classes shown, and a regular-review case listed with its village by name.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { getHousehold } from '../../src/services/registry/households.service.js';
import { getCampaign, transition } from '../../src/services/registry/campaign.service.js';
import { addVillage } from '../../src/services/villages.service.js';
import { parseSurveyRecord } from '../../src/domain/survey/parse.js';
import { CONTRACTS } from '../support/cli.js';
import {
  ACCOUNTS,
  accessibilityProblems,
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
const EXAMPLES = path.join(CONTRACTS, 'examples.jsonl');
const example = (id: string) =>
  fs
    .readFileSync(EXAMPLES, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown> & { members: Record<string, unknown>[] })
    .find((e) => e.householdId === id)!;

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
    // The explanation in words, rendered from the stored facts: no code.
    await page
      .locator('li', {
        hasText: 'Nguồn nước sinh hoạt: nước mặt (sông, suối, ao, hồ) — không phải nguồn nước hợp vệ sinh.',
      })
      .waitFor();
    expect(await page.locator('li', { hasText: 'waterSource' }).count()).toBe(0);
    expect(await page.locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByText('Hộ nghèo', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'registry-household');
  });

  it('shows the campaign step and its next action, and the survey form', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/campaign?commune=14830&period=2024`);
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

  it('shows every problem of the survey beside its own input, nested ones included, and focuses the first', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/registry/survey?household=EX-05`);
    await page.getByRole('heading', { level: 1, name: 'Phiếu khảo sát hộ gia đình' }).waitFor();
    await expect.poll(() => page.getByLabel('Mã hộ').inputValue()).toBe('EX-05');
    const names = page.getByLabel(/^Họ và tên( \*)?$/);
    const births = page.getByLabel(/^Ngày sinh( \*)?$/);
    expect(await names.count()).toBe(4);
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/api/v1/registry/households/')) sent += 1;
    });
    // The same validator as the server's finds these two, and the form asks for each answer by
    // its label beside its input.
    const wrong = example('EX-05');
    wrong.members[1] = { ...wrong.members[1], name: '' };
    wrong.members[2] = { ...wrong.members[2], birthDate: undefined };
    expect(parseSurveyRecord(wrong).errors.map((e) => e.field)).toEqual([
      'members[1].name',
      'members[2].birthDate',
    ]);
    const expected = new Map([
      ['members[1].name', 'Nhập họ và tên.'],
      ['members[2].birthDate', 'Nhập ngày sinh.'],
    ]);

    await names.nth(1).fill('');
    await births.nth(2).fill('');
    await page.getByRole('button', { name: 'Lưu và phân loại' }).click();
    await expect.poll(() => names.nth(1).getAttribute('aria-invalid')).toBe('true');
    expect(await births.nth(2).getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, names.nth(1))).toContain(expected.get('members[1].name'));
    expect(await describedText(page, births.nth(2))).toContain(expected.get('members[2].birthDate'));
    expect(await names.nth(0).getAttribute('aria-invalid')).not.toBe('true');
    expect(await births.nth(1).getAttribute('aria-invalid')).not.toBe('true');
    expect(await isFocused(names.nth(1))).toBe(true);
    expect(sent).toBe(0);
    await screenshot(page, 'registry-survey-errors', false);

    // An answer of the server (here as it sends a record the browser let through): each of its
    // errors beside its input, housing.floorAreaM2 included.
    await names.nth(1).fill('Trần Thị Mai');
    await births.nth(2).fill('01/09/2012');
    const serverSide = {
      ...example('EX-05'),
      housing: { ...(example('EX-05').housing as object), floorAreaM2: -3 },
    };
    serverSide.members[3] = { ...serverSide.members[3], birthDate: '2031-02-30' };
    const errors = parseSurveyRecord(serverSide).errors;
    expect(errors.map((e) => e.field)).toEqual(['housing.floorAreaM2', 'members[3].birthDate']);
    await page.route('**/api/v1/registry/households/EX-05', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({ error: { ...errors[0], errors } }),
          })
        : route.fallback(),
    );
    await page.getByRole('button', { name: 'Lưu và phân loại' }).click();
    const floor = page.getByLabel('Diện tích nhà ở (m²)');
    await expect.poll(() => floor.getAttribute('aria-invalid')).toBe('true');
    // The server's words, with the field named by its label instead of its path.
    expect(await describedText(page, floor)).toContain(
      errors[0]!.message.replace('housing.floorAreaM2', '«Diện tích nhà ở»'),
    );
    expect(await births.nth(3).getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, births.nth(3))).toContain(
      errors[1]!.message.replace('members[3].birthDate', '«Ngày sinh»'),
    );
    expect(await names.nth(1).getAttribute('aria-invalid')).not.toBe('true');
    // The first in the order of the form: the members come before the housing (Phiếu B).
    expect(await isFocused(births.nth(3))).toBe(true);
    expect(sent).toBe(1);
    await page.unroute('**/api/v1/registry/households/EX-05');
  });

  it('attaches re-surveys (entered and uploaded) to a village sent back by its meeting, and shows their classes', async () => {
    const { page } = browser;
    const deps = server.deps;
    await addVillage(deps, SYSTEM, {
      communeCode: '14830',
      on: '2024-10-01',
      name: 'Tổ dân phố Đông',
      kind: 'to-dan-pho',
    });
    const ref = { communeCode: '14830', period: 2024 };
    let c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
    const village = c.state.villages.find((v) => v.name === 'Tổ dân phố Đông')!;
    c = await transition(deps, SYSTEM, {
      ...ref,
      action: {
        type: 'record-meeting',
        villageId: village.villageId,
        date: '2024-10-20',
        chair: 'Tổ trưởng Lê Văn Ba',
        supervisor: 'MTTQ phường: Nguyễn Thị Tư',
        present: 10,
        agreeing: 3,
        minutesCopies: 2,
        agreedHouseholds: [],
      },
    });
    expect(c.state.villages.find((v) => v.villageId === village.villageId)!.status).toBe('resurvey');
    expect((await getHousehold(deps, SYSTEM, 'EX-01')).results[0]!.classification).toBe('NEAR_POOR');

    await page.goto(`${server.url}/app/campaign?commune=14830&period=2024`);
    await page.getByText('Bước hiện tại: Họp dân thống nhất kết quả').waitFor();
    const card = page.locator('.mantine-Card-root', {
      has: page.getByRole('heading', { name: 'Ghi nhận rà soát lại' }),
    });
    await card.getByRole('combobox', { name: 'Thôn' }).click();
    await page.getByRole('option', { name: 'Tổ dân phố Đông (Phải rà soát lại)' }).click();
    const villageDate = card.getByLabel('Ngày thôn rà soát lại');
    await villageDate.fill('22/10/2024');
    await villageDate.press('Enter');
    // Entered: EX-01's latest survey, with the income the re-survey found.
    await card.getByLabel('Mã hộ rà soát lại').fill('EX-01');
    await card.getByRole('button', { name: 'Lấy phiếu gần nhất của hộ' }).click();
    await card.getByLabel(/^Ngày rà soát( \*)?$/).fill('22/10/2024');
    await card.getByLabel('Thu nhập bình quân đầu người/tháng (đồng/người/tháng)').fill('2500000');
    await card.getByRole('button', { name: 'Đính kèm phiếu' }).click();
    // Uploaded: EX-02's re-survey as a JSONL file.
    const upload = { ...example('EX-02'), surveyDate: '2024-10-22', incomePerCapitaMonthly: 3_500_000 };
    await card.locator('input[type=file]').setInputFiles({
      name: 'ra-soat-lai.jsonl',
      mimeType: 'application/json',
      buffer: Buffer.from(`${JSON.stringify(upload)}\n`),
    });
    await card.getByText('Phiếu đính kèm (2):').waitFor();
    await screenshot(page, 'registry-campaign-resurvey');
    await card.getByRole('button', { name: 'Thực hiện' }).click();
    await page
      .getByText(
        'Kết quả phân loại phiếu: EX-01: Hộ có mức sống trung bình; EX-02: Hộ không thuộc diện nghèo, cận nghèo',
      )
      .waitFor();

    // Stored: the results, their history, and the village back to a new meeting.
    const ex01 = await getHousehold(deps, SYSTEM, 'EX-01');
    expect(ex01.results[0]).toMatchObject({
      classification: 'AVERAGE',
      surveyDate: '2024-10-22',
      status: 'draft',
    });
    expect(ex01.history.at(-1)!.action).toBe('resurvey');
    expect((await getHousehold(deps, SYSTEM, 'EX-02')).results[0]).toMatchObject({ classification: 'NONE' });
    c = await getCampaign(deps, SYSTEM, ref);
    const round = c.state.villages.find((v) => v.villageId === village.villageId)!;
    expect(round).toMatchObject({
      status: 'pending',
      resurveys: [{ date: '2024-10-22', households: ['EX-01', 'EX-02'] }],
    });
  });

  it("opens a regular-review case at a household's request and lists it with its village by name", async () => {
    const { page } = browser;
    const deps = server.deps;
    const village = await deps.db.kysely
      .selectFrom('village')
      .select(['id', 'name'])
      .where('name', '=', 'Tổ dân phố Đông')
      .executeTakeFirstOrThrow();
    await deps.db.kysely
      .updateTable('household')
      .set({ village_id: village.id })
      .where('household_key', '=', 'EX-05')
      .execute();

    await page.goto(`${server.url}/app/campaign?commune=14830&period=2024`);
    await page.getByRole('heading', { level: 1, name: 'Rà soát hộ nghèo, cận nghèo' }).waitFor();
    await page.getByLabel('Hộ đề nghị rà soát (mã hộ)').fill('EX-05');
    await page.getByRole('button', { name: 'Mở hồ sơ theo đề nghị của hộ' }).click();
    await page.getByText('Hồ sơ rà soát thường xuyên của hộ EX-05').waitFor();
    await page.getByText('Hồ sơ chưa có phiếu khảo sát').waitFor();
    const card = page.locator('.mantine-Card-root', {
      has: page.getByRole('heading', { name: 'Bắt đầu họp dân' }),
    });
    await expect.poll(() => card.getByLabel('Mã hộ rà soát lại').inputValue()).toBe('EX-05');
    await card.getByRole('button', { name: 'Lấy phiếu gần nhất của hộ' }).click();
    await card.getByLabel(/^Ngày rà soát( \*)?$/).fill('20/11/2024');
    await card.getByRole('button', { name: 'Đính kèm phiếu' }).click();
    await card.getByText('Phiếu đính kèm (1):').waitFor();
    await card.getByRole('button', { name: 'Thực hiện' }).click();
    await page.getByText('Bước hiện tại: Họp dân thống nhất kết quả').waitFor();
    await page.getByText('Phiếu chờ công nhận: ngày 20/11/2024').waitFor();

    // The list of cases: household, head, village by name, step.
    const row = page.getByRole('row', { name: /EX-05/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'EX-05',
      'Lê Văn Hùng',
      'Tổ dân phố Đông',
      'Họp dân thống nhất kết quả',
      'Xem hồ sơ',
    ]);
    // The case's village round is named too, and the village id shows nowhere as a name.
    expect(await page.getByRole('cell', { name: 'Tổ dân phố Đông', exact: true }).count()).toBe(2);
    expect(await page.getByRole('cell', { name: String(village.id), exact: true }).count()).toBe(0);
    const stored = await getCampaign(deps, SYSTEM, { communeCode: '14830', period: 2024, caseKey: 'EX-05' });
    expect(stored).toMatchObject({
      kind: 'regular',
      step: 'meetings',
      pending: { householdId: 'EX-05', surveyDate: '2024-11-20' },
    });
    await screenshot(page, 'registry-regular-case');
    // The address the survey form links to opens the case directly.
    await page.goto(`${server.url}/app/campaign?commune=14830&period=2024&case=EX-05`);
    await page.getByText('Hồ sơ rà soát thường xuyên của hộ EX-05').waitFor();
    await page.getByText('Phiếu chờ công nhận: ngày 20/11/2024').waitFor();
    await page.getByRole('button', { name: 'Lấy phiếu gần nhất của hộ' }).first().click();
    await page.getByRole('button', { name: 'Đính kèm phiếu' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
