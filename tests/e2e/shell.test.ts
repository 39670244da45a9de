// The web app shell in Chromium: the sign-in page, coded errors in place, the overview with
// the user's unit from real data, the unit picker across the 2025 reform, the unit look-up,
// the English switch, keyboard use and sign-out.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnitsOn } from '../../src/db/repositories/units.repository.js';
import { addVillage } from '../../src/services/villages.service.js';
import { createUser } from '../../src/services/users.service.js';
import { SYSTEM } from '../../src/services/deps.js';
import { formatDateVn, vnDateOf } from '../../src/domain/dates.js';
import { formatCount } from '../../src/domain/format.js';
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

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web app shell', () => {
  it('renders the sign-in page at /app/ without loading any module page', async () => {
    const { page } = browser;
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}/app/`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.title()).toBe('Đăng nhập — Giảm nghèo bền vững');
    // Labelled fields, reachable by their labels; the username field has the focus.
    expect(await isFocused(page.getByLabel('Tên đăng nhập'))).toBe(true);
    expect(await page.getByLabel('Mật khẩu', { exact: true }).getAttribute('type')).toBe('password');
    // Code-split: the sign-in page loads the shell and its own chunk, no module page.
    expect(scripts.filter((s) => /OverviewPage|UnitLookupPage|AppLayout/.test(s))).toEqual([]);
    expect(scripts.some((s) => /LoginPage/.test(s))).toBe(true);
    // Scripts go out gzip-compressed (pre-built .gz files).
    const shell = await page.request.get(`${server.url}${scripts.find((s) => /\/index-/.test(s))}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(shell.headers()['content-encoding']).toBe('gzip');
    await screenshot(page, '01-login');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('shows missing fields next to the fields, and a wrong password as the coded Vietnamese error', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const username = page.getByLabel('Tên đăng nhập');
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, username)).toContain('Nhập tên đăng nhập.');

    await username.fill(ACCOUNTS.province.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('AUTH_INVALID_CREDENTIALS');
    expect(await alert.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await alert.getAttribute('role')).toBe('alert');
    // The summary takes the focus so a keyboard or screen-reader user hears it first.
    expect(await isFocused(alert)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/app/login');
    await screenshot(page, '02-login-wrong-password');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('signs in with the keyboard alone and lands on the overview of the user’s unit', async () => {
    const { page } = browser;
    const password = page.getByLabel('Mật khẩu', { exact: true });
    await password.fill('');
    await page.getByLabel('Tên đăng nhập').focus();
    await page.keyboard.press('Tab');
    expect(await isFocused(password)).toBe(true);
    await page.keyboard.type(ACCOUNTS.province.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/overview');

    // The first Tab stop is a visible "skip to content" link that moves focus past the navigation.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
    expect(await isFocused(skip)).toBe(true);
    expect((await skip.boundingBox())!.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await isFocused(page.locator('#main'))).toBe(true);

    const card = page.getByTestId('overview-unit');
    await card.waitFor();
    expect(await card.textContent()).toContain('Tỉnh Thanh Hóa');
    expect(await page.getByTestId('current-user').textContent()).toContain(ACCOUNTS.province.displayName);

    // The figure is the real number of units under the province today.
    const today = vnDateOf(new Date());
    const under = await listUnitsOn(server.deps.db.kysely, { date: today, parentCode: '38' });
    expect(under.length).toBeGreaterThan(100);
    await page.getByTestId('overview-units').waitFor();
    expect((await page.getByTestId('overview-count').textContent())?.trim()).toBe(formatCount(under.length));
    expect(await page.getByTestId('overview-shown').textContent()).toBe(
      `Hiển thị 1–25 trong ${formatCount(under.length)} đơn vị`,
    );
    const rows = page.getByTestId('overview-units').locator('tbody tr');
    expect(await rows.count()).toBe(25);
    expect(await page.getByTestId('overview-units').textContent()).toContain(under[0]!.name);
    await screenshot(page, '03-overview-province', false);
    expect(await accessibilityProblems(page)).toEqual([]);
    // The table leaves as an Excel file with every row (not only the page on screen).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`don-vi-38-${today}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Đơn vị hành chính');
    expect(sheet.getCell('A1').value).toBe(`Đơn vị trực thuộc Tỉnh Thanh Hóa — ${formatDateVn(today)}`);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['Mã', 'Tên', 'Loại']);
    expect(sheet.rowCount).toBe(3 + under.length);
    expect([sheet.getCell('A4').value, sheet.getCell('B4').value]).toEqual([under[0]!.code, under[0]!.name]);
    // Filtering ignores diacritics: "nam sam son" finds Phường Nam Sầm Sơn.
    await page.getByLabel('Lọc theo tên hoặc mã').fill('nam sam son');
    await page.getByTestId('overview-shown').getByText('trong 1 đơn vị').waitFor();
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Phường Nam Sầm Sơn')]);
    await page.getByLabel('Lọc theo tên hoặc mã').fill('');
    await page.getByRole('button', { name: 'Trang 2', exact: true }).click();
    await page.getByTestId('overview-shown').getByText('Hiển thị 26–50').waitFor();
    expect(await rows.first().textContent()).toContain(under[25]!.name);
    await page.getByRole('button', { name: 'Trang 1', exact: true }).click();
    // Every navigation entry opens a real page: a heading, no error screen.
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    const entries = await nav.getByRole('link').allTextContents();
    expect(entries[0]).toBe('Tổng quan');
    expect(entries).toContain('Đơn vị hành chính');
    for (const entry of entries) {
      const link = nav.getByRole('link', { name: entry, exact: true });
      const href = (await link.getAttribute('href')) ?? '';
      const standalone = (await link.getAttribute('data-standalone')) === 'true';
      await link.click();
      await page.waitForURL((u) => u.pathname === href);
      if (standalone) {
        // A page of its own outside the menu (the offline survey): a heading, no error, and back.
        await page.locator('main h1').first().waitFor();
        expect(await page.getByText('Không mở được trang').count()).toBe(0);
        await page.goBack();
        await nav.waitFor();
        continue;
      }
      // Exactly this entry is marked as the current page.
      await nav.locator(`a[aria-current="page"][href="${href}"]`).waitFor();
      expect(await nav.locator('a[aria-current="page"]').allTextContents()).toEqual([entry]);
      await page.locator('main h1').first().waitFor();
      // Focus moves to the new page's content, as after a full page load.
      if (entry !== entries[0]) expect(await isFocused(page.locator('#main'))).toBe(true);
      expect(await page.getByText('Không mở được trang').count()).toBe(0);
      expect(await page.getByText('Không tìm thấy trang').count()).toBe(0);
    }
    await nav.getByRole('link', { name: 'Tổng quan', exact: true }).click();
    await page.getByTestId('overview-units').waitFor();
  });

  it('switches to English: texts, page title and the API’s own error messages', async () => {
    const { page } = browser;
    // The switch is a radio group: arrow keys move the choice.
    await page.getByRole('radio', { name: 'Tiếng Việt' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('Overview — Sustainable Poverty Reduction');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    const cookies = await browser.context.cookies(server.url);
    expect(cookies.find((c) => c.name === 'lang')?.value).toBe('en');

    // The choice survives a reload, and the API now answers in English.
    await page.goto(`${server.url}/app/units?code=14830&on=2025-07-01`);
    await page.getByRole('heading', { level: 1, name: 'Administrative units' }).waitFor();
    await page.getByTestId('unit-went-to').waitFor();
    const body = await page.locator('main').textContent();
    expect(body).toContain('No administrative unit has the code 14830');
    expect(await page.getByTestId('unit-went-to').textContent()).toContain('Phường Sầm Sơn (16531)');
    await screenshot(page, '04-units-not-found-en');

    await page.getByRole('radio', { name: 'English' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor();
    await page.getByText('Không có đơn vị hành chính mã 14830').waitFor();
  });

  it('looks a code up on two dates: the unit, its type and its predecessors differ', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await page.waitForURL((u) => u.pathname === '/app/units' && u.search === '');
    const code = page.getByLabel('Mã đơn vị');
    const date = page.getByLabel('Tại ngày');
    await code.fill('16516');
    await date.fill('07/06/2024');
    await date.press('Enter');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const detail = page.getByTestId('unit-detail');
    await detail.getByRole('heading', { name: 'Xã Đại Hùng' }).waitFor();
    expect(await detail.textContent()).toContain('Nông thôn');
    await detail.getByRole('link', { name: 'Thành phố Sầm Sơn (382)' }).waitFor();
    expect(new URL(page.url()).search).toBe('?code=16516&on=2024-06-07');

    await date.fill('01/07/2025');
    await date.press('Enter');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await detail.getByRole('heading', { name: 'Phường Nam Sầm Sơn' }).waitFor();
    expect(await detail.textContent()).toContain('Thành thị');
    const preds = await page
      .getByTestId('unit-predecessors')
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    expect(preds.sort()).toEqual(
      ['Phường Quảng Vinh', 'Xã Quảng Giao', 'Xã Quảng Minh', 'Xã Đại Hùng'].sort(),
    );
    await screenshot(page, '05-units-16516-after-reform');
    expect(await accessibilityProblems(page)).toEqual([]);

    // A malformed code is refused next to the field, before any request.
    await code.fill('12a');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Mã đơn vị gồm 2 đến 5 chữ số.').waitFor();
  });

  it('signs out and is asked to sign in again', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await page.goto(`${server.url}/app/overview`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).search).toBe('?next=%2Foverview');
    const me = await page.request.get(`${server.url}/api/v1/auth/me`);
    expect(me.status()).toBe(401);
  });

  it('carries a district scope across the reform in the unit picker', async () => {
    const { page } = browser;
    await signIn(page, server.url, ACCOUNTS.district);
    // Today the district 382 no longer exists: the overview opens on its last day, 30/06/2025.
    await page.getByTestId('overview-ended').getByText('30/06/2025').waitFor();
    await page.getByTestId('overview-unit').getByRole('heading', { name: 'Thành phố Sầm Sơn' }).waitFor();
    // A later date: its wards' successors stand in for it.
    const later = page.getByLabel('Xem tại ngày');
    await later.fill('01/01/2026');
    await later.press('Enter');
    await page.getByText('không còn hiệu lực vào ngày').waitFor();
    await page.getByTestId('overview-units').waitFor();
    expect(await page.getByTestId('overview-units').textContent()).toContain('Phường Nam Sầm Sơn');

    // On 07/06/2024 the scope is the city itself, with its communes and wards.
    const date = page.getByLabel('Xem tại ngày');
    await date.fill('07/06/2024');
    await date.press('Enter');
    await page.getByTestId('overview-unit').getByRole('heading', { name: 'Thành phố Sầm Sơn' }).waitFor();
    expect(await page.getByTestId('overview-units').textContent()).toContain('Xã Đại Hùng');
    await page.getByLabel('Xã / phường / thị trấn / đặc khu').and(page.locator('input')).click();
    // Typed without accents, named without its code.
    await page.keyboard.type('dai hung');
    await page.getByRole('option', { name: 'Xã Đại Hùng' }).click();
    await page.getByTestId('overview-unit').getByRole('heading', { name: 'Xã Đại Hùng' }).waitFor();
    await screenshot(page, '06-overview-district-2024');
    // Tiếng Việt header: the scope is named even though the district no longer exists today.
    // By its name alone: the code is a tooltip, not a word of the header.
    const header = page.getByTestId('current-user');
    expect(await header.textContent()).toContain('Thành phố Sầm Sơn');
    expect(await header.textContent()).not.toContain('382');
    expect(await header.getByText('Thành phố Sầm Sơn').getAttribute('title')).toBe('Mã đơn vị: 382');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  });

  it('lets a commune officer add a village to their ward, with errors next to the field', async () => {
    const { page } = browser;
    // A village recorded under Xã Đại Hùng before the reform (its ward's predecessor).
    await addVillage(server.deps, SYSTEM, {
      communeCode: '16516',
      on: '2024-06-07',
      name: 'Thôn Đại Hùng 1',
      kind: 'thon',
    });
    await signIn(page, server.url, ACCOUNTS.commune);
    const villages = page.getByTestId('villages');
    await villages.waitFor();
    await page.getByTestId('overview-unit').getByRole('heading', { name: 'Phường Nam Sầm Sơn' }).waitFor();
    expect(await villages.textContent()).toContain('Chưa có thôn, tổ dân phố nào');
    const inherited = page.getByTestId('predecessor-villages');
    await inherited.getByText('Thôn Đại Hùng 1').waitFor();
    expect(await inherited.textContent()).toContain('Xã Đại Hùng (đến 30/06/2025): Thôn Đại Hùng 1');

    const form = page.getByRole('form', { name: 'Thêm thôn, tổ dân phố' });
    const name = form.getByLabel('Tên');
    await form.getByRole('button', { name: 'Thêm' }).click();
    expect(await describedText(page, name)).toContain('Nhập tên thôn, tổ dân phố.');

    await name.fill('Tổ dân phố Bắc Sơn');
    await form.getByRole('button', { name: 'Thêm' }).click();
    await villages.getByRole('cell', { name: 'Tổ dân phố Bắc Sơn' }).waitFor();
    // Written through the API (with the CSRF header) into the database, on today's ward.
    const rows = await server.deps.db.kysely
      .selectFrom('village')
      .select(['name', 'kind', 'commune_code', 'commune_valid_from'])
      .where('commune_valid_from', '=', '2025-07-01')
      .execute();
    expect(rows).toEqual([
      {
        name: 'Tổ dân phố Bắc Sơn',
        kind: 'to-dan-pho',
        commune_code: '16516',
        commune_valid_from: '2025-07-01',
      },
    ]);

    // The same name again: the API's DUPLICATE error appears under the name field.
    await name.fill('tổ dân phố bắc sơn');
    await form.getByRole('button', { name: 'Thêm' }).click();
    await page.getByText('đã tồn tại: tổ dân phố bắc sơn').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, name)).toContain('đã tồn tại');
    await screenshot(page, '07-overview-commune-villages');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(browser.problems).toEqual([]);
  });

  it('sends a user whose session ended back to sign in, then to the page they were on', async () => {
    const { page, context } = browser;
    // Still signed in as the commune officer; the session ends on the server's side.
    await context.clearCookies({ name: 'gn_session' });
    await page.getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await page.waitForURL((u) => u.pathname === '/app/units' && u.search === '');
    await page.getByLabel('Mã đơn vị').fill('16531');
    await page.getByLabel('Tại ngày').fill('01/07/2025');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/units?code=16531&on=2025-07-01');
    await page.getByLabel('Tên đăng nhập').fill(ACCOUNTS.commune.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(ACCOUNTS.commune.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('unit-detail').getByRole('heading', { name: 'Phường Sầm Sơn' }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('fits a 10-inch tablet held upright: the navigation folds behind a labelled menu button', async () => {
    const tablet = await launchBrowser({ width: 800, height: 1280 });
    try {
      const { page } = tablet;
      await signIn(page, server.url, ACCOUNTS.province);
      const menu = page.getByRole('button', { name: 'Điều hướng chính' });
      expect(await menu.isVisible()).toBe(true);
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      const unitsLink = page.getByRole('link', { name: 'Đơn vị hành chính' });
      expect(await unitsLink.isVisible()).toBe(false);
      await screenshot(page, '08-tablet-overview', false);
      await menu.focus();
      await page.keyboard.press('Enter');
      await unitsLink.waitFor({ state: 'visible' });
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await unitsLink.click();
      await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor();
      await unitsLink.waitFor({ state: 'hidden' });
      // No horizontal scrolling of the page itself.
      const widths = await page.evaluate<number[]>(
        '[document.documentElement.scrollWidth, window.innerWidth]',
      );
      expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
      expect(tablet.problems).toEqual([]);
    } finally {
      await tablet.close();
    }
  });

  it('runs under its Content Security Policy: every page of every menu, charts included, without a violation', async () => {
    const head = await fetch(`${server.url}/app/`);
    const csp = head.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(head.headers.get('x-content-type-options')).toBe('nosniff');
    // The same file reached by another spelling of the path carries the same policy.
    const encoded = await fetch(`${server.url}/%61pp/`);
    if (encoded.status === 200) expect(encoded.headers.get('content-security-policy')).toBe(csp);
    const admin = await launchBrowser();
    try {
      const { page, context } = admin;
      // Collects the browser's own CSP violation reports (the server tsconfig has no DOM types).
      await context.addInitScript(
        `globalThis.cspViolations = []; addEventListener('securitypolicyviolation', (e) => globalThis.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
      );
      await signIn(page, server.url, ACCOUNTS.admin);
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      const entries = await nav.getByRole('link').allTextContents();
      const violations: string[] = [];
      for (const entry of entries) {
        const link = nav.getByRole('link', { name: entry, exact: true });
        const href = (await link.getAttribute('href')) ?? '';
        const standalone = (await link.getAttribute('data-standalone')) === 'true';
        await link.click();
        await page.waitForURL((u) => u.pathname === href);
        await page.locator('main h1').first().waitFor();
        // Let the lazy chunks, charts and map draw.
        await page.waitForLoadState('networkidle');
        violations.push(...(await page.evaluate<string[]>('globalThis.cspViolations')));
        // A standalone page (the offline survey) has no menu: back to the one that led there.
        if (standalone) {
          await page.goBack();
          await nav.waitFor();
        }
      }
      expect(entries.length).toBeGreaterThan(8);
      expect(violations).toEqual([]);
      expect(admin.problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it('shows an editor only the menus an editor can use', async () => {
    const editor = {
      username: 'bientap.e2e',
      password: 'mat-khau-bien-tap-e2e',
      role: 'editor' as const,
      unitCode: '38',
      displayName: 'Biên tập viên',
    };
    await createUser(server.deps, SYSTEM, editor);
    const b = await launchBrowser();
    try {
      await signIn(b.page, server.url, editor);
      const nav = b.page.getByRole('navigation', { name: 'Điều hướng chính' });
      expect(await nav.getByRole('link').allTextContents()).toEqual([
        'Tổng quan',
        'Bài viết',
        'Kiểm duyệt bình luận',
        'Đơn vị hành chính',
      ]);
      // A page the editor cannot use says so instead of loading it.
      await b.page.goto(`${server.url}/app/registry`);
      await b.page.getByText('Không có quyền truy cập').waitFor();
    } finally {
      await b.close();
    }
  });
});
