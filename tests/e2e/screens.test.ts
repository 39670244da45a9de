// Names, not codes, in Chromium (issue 11): a unit picked by its name typed without accents, a
// household's history as a timeline in words, the campaign timeline on the events' own dates with
// its progress counts, and a city that ended on 30/06/2025 opening on its last day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { addVillage } from '../../src/services/villages.service.js';
import { buildRecord } from '../support/survey.js';
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

beforeAll(async () => {
  server = await startApp();
  const deps = server.deps;
  await addVillage(deps, SYSTEM, {
    communeCode: '14830',
    on: '2023-01-01',
    name: 'Tổ dân phố Biển',
    kind: 'to-dan-pho',
  });
  const record = (period: number, water: 'surface' | 'piped', income: number) =>
    buildRecord({
      householdId: 'SCR-01',
      surveyDate: `${period}-10-15`,
      waterSource: water,
      incomePerCapitaMonthly: income,
      ...({ village: 'Tổ dân phố Biển' } as object),
    });
  await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: 'scr-2023', records: [record(2023, 'surface', 1_200_000)] },
    { period: 2023 },
  );
  await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: 'scr-2024', records: [record(2024, 'piped', 2_600_000)] },
    { period: 2024, status: 'draft' },
  );
  const ref = { communeCode: '14830', period: 2024 };
  const c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
  await transition(deps, SYSTEM, {
    ...ref,
    action: {
      type: 'record-meeting',
      villageId: c.state.villages[0]!.villageId,
      date: '2024-10-20',
      chair: 'Tổ trưởng Lê Văn Ba',
      supervisor: 'MTTQ phường: Nguyễn Thị Tư',
      present: 20,
      agreeing: 18,
      minutesCopies: 2,
      agreedHouseholds: ['SCR-01'],
    },
  });
  browser = await launchBrowser();
  await browser.page.setExtraHTTPHeaders({ 'accept-encoding': 'identity' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('names, not codes, on the screens', () => {
  it('a city account opens the overview on the last day of its ended city, then its successors', async () => {
    const { page } = browser;
    await signIn(page, server.url, ACCOUNTS.district);
    await page.getByTestId('overview-ended').getByText('30/06/2025').waitFor();
    await page.getByTestId('overview-unit').getByRole('heading', { name: 'Thành phố Sầm Sơn' }).waitFor();
    expect(await page.getByTestId('overview-units').textContent()).toContain('Xã Đại Hùng');
    expect(await page.getByText('UNIT_NOT_FOUND').count()).toBe(0);
    await screenshot(page, 'screens-overview-ended-city');
    // The task board of the ended city answers (it read "Không có đơn vị hành chính mã 382").
    await page.goto(`${server.url}/app/finance/tasks`);
    await page.getByRole('heading', { level: 1, name: 'Nhiệm vụ' }).waitFor();
    await expect.poll(() => page.getByTestId('unit-filter').inputValue()).toContain('Thành phố Sầm Sơn');
    expect(await page.getByText(/Không có đơn vị hành chính mã/).count()).toBe(0);
  });

  it('picks a unit by its name typed without accents in a unit filter', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/finance/targets`);
    const picker = page.getByTestId('unit-filter');
    await picker.click();
    await picker.fill('dai hung');
    await page.getByRole('option', { name: /^Xã Đại Hùng – Thành phố Sầm Sơn/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe('16516');
    await screenshot(page, 'screens-picker-by-name');
  });

  it('shows a household history as a timeline in words', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/registry/households/SCR-01`);
    const history = page.getByTestId('household-history');
    await history.waitFor();
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('Nhập kết quả rà soát');
    expect(text).toContain('Kỳ rà soát: 2023 → 2024');
    expect(text).toContain('Trạng thái kết quả: Đã duyệt → Chưa duyệt');
    expect(text).toContain('Câu trả lời khác so với kỳ 2023');
    expect(text).toMatch(/Nguồn nước sinh hoạt[^:]*: Nước mặt.* → Nước máy/);
    expect(text).toContain('1.200.000 đồng/người/tháng → 2.600.000 đồng/người/tháng');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(text).not.toMatch(/surface|piped|"version"|\{|system · import/);
    const members = (await page.locator('table').first().textContent()) ?? '';
    expect(members).toContain('Chủ hộ');
    expect(members).toContain('Nữ');
    expect(members).not.toMatch(/\bhead\b|\bspouse\b/);
    await screenshot(page, 'screens-household-history');
  });

  it('shows the campaign timeline on the events own dates, with progress counts', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/campaign?commune=14830&period=2024`);
    const progress = page.getByTestId('campaign-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('1 / 1 hộ');
    expect(await progress.textContent()).toContain('Điều tra từ 15/10/2024 đến 15/10/2024');
    expect(await progress.textContent()).toContain('Cuộc họp thôn đã tổ chức1');
    const timeline = (await page.getByTestId('campaign-timeline').textContent()) ?? '';
    expect(timeline).toContain('20/10/2024 · Ghi biên bản họp thôn');
    expect(timeline).toContain('Điều tra, rà soát → Họp dân thống nhất kết quả');
    expect(timeline).not.toMatch(/survey → meetings|system ·/);
    await expect.poll(() => page.getByTestId('commune-picker').inputValue()).toContain('Phường Trung Sơn');
    expect(await page.getByText('Mã hộ / household id').count()).toBe(0);
    await screenshot(page, 'screens-campaign-timeline');
  });
});
