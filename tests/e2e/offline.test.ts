// The offline survey in Chromium with the network cut (issue 15, decision 0036): the commune
// officer downloads the assignment, the service worker serves the app without a connection, three
// surveys are filled (one a new household) with the class computed in the browser, a reload offline
// keeps them (after the password unlocks the store, a wrong one being told), IndexedDB holds no
// readable name, and back online the sync puts them on the server with the server's class; a
// household changed on the server meanwhile opens the side-by-side conflict screen, and a replayed
// sync request writes nothing. The house photo and the position taken at the door reach the
// household's page in the web app: a thumbnail that opens full size, the position in words.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { getHousehold, saveHousehold } from '../../src/services/registry/households.service.js';
import { buildMember, buildRecord } from '../support/survey.js';
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

const DATE = '2026-10-15';
const NAMES = ['Trịnh Thị Quế', 'Hoàng Văn Khải', 'Lò Thị Mận'];
const record = (i: number) =>
  buildRecord({
    householdId: `OFF-${i + 1}`,
    unitCode: '16516',
    surveyDate: DATE,
    members: [buildMember({ name: NAMES[i]!, birthDate: `197${i}-04-0${i + 1}` })],
  });

beforeAll(async () => {
  server = await startApp();
  const r = await importSurvey(
    server.deps,
    SYSTEM,
    { format: 'records', name: 'offline-e2e', records: [0, 1, 2].map((i) => record(i)) as never },
    { period: 2026, status: 'draft' },
  );
  expect(r.errors).toEqual([]);
  // A tablet held sideways, wide enough for the whole form on one page.
  browser = await launchBrowser({ width: 1280, height: 900 });
  await signIn(browser.page, server.url, ACCOUNTS.commune);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const counter = (page: Page) => page.getByTestId('offline-counter');

/** An image's natural width or height once loaded, else 0 (run in the page; no DOM types here). */
const loaded = (img: unknown, side: string) => {
  const i = img as { complete: boolean; naturalWidth: number; naturalHeight: number };
  return i.complete ? (side === 'naturalWidth' ? i.naturalWidth : i.naturalHeight) : 0;
};

/** A `width`×`height` PNG of one colour, as a camera's file would be handed to the page. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill([180, 120, 60]).flat())]);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array<Buffer>(height).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function openHousehold(page: Page, name: string) {
  await page.getByTestId('offline-search').fill(name);
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: `Phiếu khảo sát: ${name}` }).waitFor();
}

async function saveAndReadClass(page: Page): Promise<string> {
  await page.getByTestId('offline-save').click();
  const panel = page.getByTestId('offline-provisional');
  await panel
    .or(page.getByRole('alert'))
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(async () => {
      const errs = await page.locator('.mantine-InputWrapper-error').allTextContents();
      await screenshot(page, 'offline-nothing-shown', true);
      throw new Error(`nothing shown after saving: ${browser.problems.join(' | ')} ${errs.join(' | ')}`);
    });
  // A problem the form reports is the failure to show (each is written beside its field).
  if (!(await panel.isVisible()))
    expect(await page.locator('.mantine-InputWrapper-error').allTextContents()).toEqual([]);
  const text = (await panel.textContent()) ?? '';
  return /Phân loại tạm thời: ([^.]*?)(?=Thu nhập|$)/.exec(text)?.[1]?.trim() ?? text;
}

async function choose(page: Page, label: string, option: string, nth = 0) {
  await page.getByRole('combobox', { name: label }).nth(nth).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function yesNo(page: Page, label: RegExp, answer: 'Có' | 'Không') {
  await page.getByRole('radiogroup', { name: label }).getByLabel(answer, { exact: true }).check();
}

/** Every value stored in the offline IndexedDB, as the bytes a thief reading the disk would see. */
async function storedBytes(page: Page): Promise<string> {
  // A script string: the server's type check knows no DOM (IndexedDB, TextDecoder in a page).
  return (await page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('giamngheo-offline');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const parts = [];
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const walk = (v) => {
      if (v instanceof ArrayBuffer) parts.push(decoder.decode(new Uint8Array(v)));
      else if (ArrayBuffer.isView(v)) parts.push(decoder.decode(v));
      else if (typeof v === 'string' || typeof v === 'number') parts.push(String(v));
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    for (const name of Array.from(db.objectStoreNames)) {
      const all = await new Promise((resolve, reject) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      walk(all);
    }
    db.close();
    return parts.join('\\n');
  })()`)) as string;
}

describe('the offline survey', () => {
  it('works without the network, keeps the surveys encrypted, and syncs them once', async () => {
    const { page, context } = browser;
    const syncBodies: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/offline/sync')) syncBodies.push(r.postData() ?? '');
    });
    await page.goto(`${server.url}/app/offline`);
    await page.getByTestId('offline-download-password').fill(ACCOUNTS.commune.password);
    await page.getByRole('button', { name: 'Tải gói khảo sát' }).click();
    await expect.poll(() => counter(page).textContent(), { timeout: 60_000 }).toBe('0 phiếu chưa gửi');
    // The service worker is installed and controls the page after a reload; the store is locked again.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await expect
      .poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 30_000 })
      .toBe(true);
    await page.getByTestId('offline-unlock-password').fill(ACCOUNTS.commune.password);
    await page.getByRole('button', { name: 'Mở khoá' }).click();
    await counter(page).waitFor();

    // The officer allows the position; the device is at the house.
    await context.grantPermissions(['geolocation'], { origin: server.url });
    await context.setGeolocation({ latitude: 19.80712, longitude: 105.77654, accuracy: 12 });
    await context.setOffline(true);
    // 1: a poorer household than last time, with a photo of the house and the position.
    await openHousehold(page, NAMES[0]!);
    await page.getByLabel(/^Thu nhập bình quân đầu người\/tháng/).fill('600000');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'nha.png', mimeType: 'image/png', buffer: png(64, 48) });
    await expect
      .poll(() => page.getByTestId('offline-photo').textContent())
      .toMatch(/^Đã lưu ảnh 64×48 điểm ảnh/);
    await page.getByRole('button', { name: 'Ghi vị trí' }).click();
    await page.getByText('Đã ghi vị trí (sai số khoảng 12 m).').waitFor();
    const class1 = await saveAndReadClass(page);
    // Below the income line, deprived of nothing: near-poor, with its explanation.
    expect(class1).toBe('Hộ cận nghèo');
    await screenshot(page, 'offline-provisional', false);
    await page.getByTestId('offline-close').click();
    // 2: a small change; this household will also be changed on the server (the conflict).
    await openHousehold(page, NAMES[1]!);
    await page.getByLabel(/^Thu nhập bình quân đầu người\/tháng/).fill('2500000');
    await saveAndReadClass(page);
    await page.getByTestId('offline-close').click();
    // 3: a new household, every required answer given in the form.
    await page.getByTestId('offline-add').click();
    await page.getByRole('heading', { level: 2, name: 'Phiếu khảo sát hộ mới' }).waitFor();
    await page.getByLabel(/^Mã hộ/).fill('OFF-NEW');
    await page.getByLabel(/^Họ và tên/).fill('Vi Văn Sáng');
    await choose(page, 'Quan hệ với chủ hộ', 'Chủ hộ');
    await choose(page, 'Giới tính', 'Nam');
    await page.getByLabel(/^Ngày sinh/).fill('12/03/1985');
    await page.getByLabel(/^Thu nhập bình quân đầu người\/tháng/).fill('800000');
    await choose(page, 'Tình trạng việc làm', 'Tự sản xuất, kinh doanh');
    await choose(page, 'Mức độ khuyết tật', 'Không khuyết tật');
    await yesNo(page, /^Có thẻ bảo hiểm y tế/, 'Có');
    await choose(page, 'Trình độ giáo dục cao nhất', 'Tiểu học');
    await yesNo(page, /^Đang đi học, học nghề/, 'Không');
    await choose(page, 'Tường nhà', 'Bền chắc');
    await choose(page, 'Cột, khung nhà', 'Bền chắc');
    await choose(page, 'Mái nhà', 'Bền chắc');
    await page.getByLabel(/^Diện tích nhà ở/).fill('30');
    await choose(page, 'Nguồn nước sinh hoạt chính', 'Nước máy');
    await choose(page, 'Loại nhà tiêu', 'Nhà tiêu tự hoại');
    await yesNo(page, /^Có thành viên sử dụng internet/, 'Không');
    await page
      .getByRole('group', { name: 'Phương tiện tiếp cận thông tin' })
      .getByRole('checkbox', { name: 'Không có phương tiện nào' })
      .check();
    await yesNo(page, /^Nghe được loa truyền thanh/, 'Có');
    const class3 = await saveAndReadClass(page);
    await page.getByTestId('offline-close').click();
    await expect.poll(() => counter(page).textContent()).toBe('3 phiếu chưa gửi');

    // A reload without the network: the app comes from the service worker, the store asks for
    // the password (a wrong one is told), and the three surveys are still there.
    await page.reload();
    await page.getByTestId('offline-unlock-password').fill('mat-khau-sai');
    await page.getByRole('button', { name: 'Mở khoá' }).click();
    await page.getByText('Mật khẩu không đúng.').waitFor();
    await page.getByTestId('offline-unlock-password').fill(ACCOUNTS.commune.password);
    await page.getByRole('button', { name: 'Mở khoá' }).click();
    await expect.poll(() => counter(page).textContent()).toBe('3 phiếu chưa gửi');
    await screenshot(page, 'offline-list', false);

    // Nothing readable at rest: no name, no household code, no answer.
    const bytes = await storedBytes(page);
    expect(bytes.length).toBeGreaterThan(1000);
    for (const s of [...NAMES, 'Vi Văn Sáng', 'OFF-NEW', 'OFF-1', 'householdId', 'Đại Hùng'])
      expect(bytes.includes(s), s).toBe(false);

    // Meanwhile, someone changes household 2 on the server.
    const h2 = await getHousehold(server.deps, SYSTEM, 'OFF-2');
    await saveHousehold(server.deps, SYSTEM, {
      survey: { ...record(1), incomePerCapitaMonthly: 4_000_000 },
      expectedVersion: h2.version,
      period: 2026,
    });

    await context.setOffline(false);
    await page.getByTestId('offline-sync').click();
    const report = page.getByTestId('offline-sync-report');
    await report.waitFor();
    expect(await report.textContent()).toBe(
      'Đã gửi: 2 phiếu được ghi nhận, 1 phiếu xung đột, 0 phiếu bị từ chối.',
    );
    // On the server with the server's class, which the browser had computed.
    const one = await getHousehold(server.deps, SYSTEM, 'OFF-1');
    const fresh = await getHousehold(server.deps, SYSTEM, 'OFF-NEW');
    const word = {
      POOR: 'Hộ nghèo',
      NEAR_POOR: 'Hộ cận nghèo',
      NONE: 'Hộ không thuộc diện nghèo, cận nghèo',
    };
    expect(word[one.results.at(-1)!.classification as keyof typeof word]).toBe(class1);
    expect(word[fresh.results.at(-1)!.classification as keyof typeof word]).toBe(class3);
    expect(one.version).toBe(2);
    expect(await counter(page).textContent()).toBe('1 phiếu chưa gửi');

    // The conflict: both versions side by side, nothing overwritten until the officer chooses.
    expect((await getHousehold(server.deps, SYSTEM, 'OFF-2')).results.at(-1)).toMatchObject({
      answers: { incomePerCapitaMonthly: 4_000_000 },
    });
    await page.getByTestId('offline-conflict').getByRole('button', { name: 'Xem và giải quyết' }).click();
    const screen = page.getByTestId('offline-conflict-screen');
    await screen.waitFor();
    const row = screen.getByTestId('offline-conflict-row').filter({ hasText: 'Thu nhập bình quân' });
    expect(await row.textContent()).toContain('2.500.000 ₫');
    expect(await row.textContent()).toContain('4.000.000 ₫');
    await screenshot(page, 'offline-conflict', false);
    await page.getByTestId('offline-keep-mine').click();
    await page.getByTestId('offline-sync').click();
    await expect.poll(() => counter(page).textContent()).toBe('0 phiếu chưa gửi');
    const two = await getHousehold(server.deps, SYSTEM, 'OFF-2');
    expect(two.results.at(-1)).toMatchObject({ answers: { incomePerCapitaMonthly: 2_500_000 } });

    // The first sync request replayed as it was sent: every survey a duplicate, nothing written.
    const versions = async () =>
      Promise.all(
        ['OFF-1', 'OFF-2', 'OFF-NEW'].map(async (k) => (await getHousehold(server.deps, SYSTEM, k)).version),
      );
    const before = await versions();
    const replay = await page.evaluate(async (body) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/offline/sync', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body,
      });
      return (await res.json()) as { results: { status: string; householdId: string }[] };
    }, syncBodies[0]!);
    expect(replay.results.map((r) => [r.householdId, r.status])).toEqual([
      ['OFF-1', 'duplicate'],
      ['OFF-2', 'conflict'],
      ['OFF-NEW', 'duplicate'],
    ]);
    expect(await versions()).toEqual(before);

    // The photo and the position reached the household's page: a thumbnail that opens full size,
    // the position in words with its accuracy and the time it was taken.
    await page.goto(`${server.url}/app/registry/households/OFF-1`);
    await page.getByRole('heading', { level: 2, name: 'Ghi nhận tại hộ khi khảo sát' }).waitFor();
    expect(await page.getByTestId('household-at-door-record').count()).toBe(1);
    expect(await page.getByTestId('household-position').textContent()).toMatch(
      /^Vị trí: vĩ độ 19,80712° Bắc, kinh độ 105,77654° Đông, sai số khoảng 12 m, ghi lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/,
    );
    const thumb = page.getByTestId('household-photo-thumb');
    await expect.poll(() => thumb.evaluate(loaded, 'naturalWidth')).toBe(64);
    await thumb.click();
    const full = page
      .getByRole('dialog', { name: 'Ảnh nhà ở của hộ OFF-1' })
      .getByTestId('household-photo-full');
    await expect.poll(() => full.evaluate(loaded, 'naturalHeight')).toBe(48);
    await screenshot(page, 'household-at-door', false);
    // The sync's write is told in words in the history, not as its code.
    const history = (await page.getByTestId('household-history').textContent()) ?? '';
    expect(history).toContain('Cập nhật phiếu khảo sát');
    expect(history).not.toContain('[update]');
    await page.keyboard.press('Escape');
    // Household 2 was sent without either: no section.
    await page.goto(`${server.url}/app/registry/households/OFF-2`);
    await page.getByRole('heading', { level: 2, name: 'Lịch sử thay đổi' }).waitFor();
    expect(await page.getByTestId('household-at-door').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  }, 240_000);
});
