// The portal's editorial screens in Chromium: an editor of the Culture–Information office writes
// the body with the formatting toolbar (a heading, bold text, a link) and the public page shows
// <h2>, <strong> and <a>; edits a photo's caption and alt text on screen and moves a photo to the
// front, and the public page follows; rewrites the body, compares the two versions word by word, reads version 1, restores
// it (a new version 3, history kept) and, once published, the public page shows the old text; a
// restore from a version someone else has moved past is refused with CONFLICT; a body with a
// table is edited as HTML only, so the table is never lost.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/users.service.js';
import { SYSTEM } from '../../src/services/deps.js';
import {
  accessibilityProblems,
  launchBrowser,
  screenshot,
  signIn,
  startApp,
  type Browser,
  type RunningApp,
  type TestAccount,
} from './support.js';

const EDITOR: TestAccount = {
  username: 'bientap.quangxuong',
  password: 'mat-khau-bien-tap',
  role: 'editor',
  unitCode: '382',
  displayName: 'Phòng Văn hóa – Thông tin',
};
const TITLE = 'Xã Quảng Minh trao bò giống cho hộ nghèo';
const LINK = 'https://thanhhoa.gov.vn/bao-cao-giam-ngheo-2024';

let server: RunningApp;
let editor: Browser;
let articleId = 0;
let slug = '';

async function photo(label: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"><rect width="100%" height="100%" fill="#2f855a"/><text x="450" y="310" font-size="48" text-anchor="middle" fill="#fff" font-family="DejaVu Sans, sans-serif">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/** The public article page as the server sends it. */
async function publicPage(): Promise<string> {
  const r = await editor.page.request.get(`${server.url}/bai-viet/${slug}`);
  expect(r.status()).toBe(200);
  return r.text();
}

beforeAll(async () => {
  server = await startApp();
  await createUser(server.deps, SYSTEM, { ...EDITOR });
  editor = await launchBrowser();
});

afterAll(async () => {
  await editor?.close();
  await server?.stop();
});

describe('portal editorial screens', () => {
  it('the body is written with the toolbar: heading, bold, link — and the page shows them', async () => {
    const { page } = editor;
    await signIn(page, server.url, EDITOR);
    await page.goto(`${server.url}/app/portal/articles/new`);
    await page.getByRole('heading', { level: 1, name: 'Viết bài mới' }).waitFor();
    await page.getByLabel('Tiêu đề').fill(TITLE);
    await page.getByLabel('Tóm tắt').fill('Sáng 11/6, UBND xã Quảng Minh trao bò giống cho 12 hộ nghèo.');
    // Only what the sanitiser keeps is offered: no code, no colour, no image button.
    const toolbar = page.getByRole('toolbar', { name: 'Định dạng nội dung' });
    expect(
      await toolbar.getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label'))),
    ).toEqual([
      'Chữ đậm',
      'Chữ nghiêng',
      'Gạch chân',
      'Gạch ngang',
      'Xoá định dạng',
      'Đề mục cấp 2',
      'Đề mục cấp 3',
      'Danh sách dấu chấm',
      'Danh sách đánh số',
      'Trích dẫn',
      'Đường kẻ ngang',
      'Chèn liên kết',
      'Bỏ liên kết',
      'Hoàn tác',
      'Làm lại',
    ]);

    const body = page.getByRole('textbox', { name: 'Nội dung bài viết' });
    await body.click();
    await toolbar.getByRole('button', { name: 'Đề mục cấp 2', exact: true }).click();
    expect(
      await toolbar.getByRole('button', { name: 'Đề mục cấp 2', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await page.keyboard.type('Hỗ trợ sinh kế');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Mỗi hộ nhận ');
    await toolbar.getByRole('button', { name: 'Chữ đậm' }).click();
    await page.keyboard.type('một con bò giống');
    await toolbar.getByRole('button', { name: 'Chữ đậm' }).click();
    await page.keyboard.type(' theo ');
    await page.keyboard.type('kế hoạch');
    for (let i = 0; i < 'kế hoạch'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await toolbar.getByRole('button', { name: 'Chèn liên kết' }).click();
    // A scheme the sanitiser drops is refused beside the field.
    await page.getByLabel('Địa chỉ liên kết').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.getByText('Địa chỉ phải bắt đầu bằng http://, https://, mailto: hoặc tel:.').waitFor();
    await page.getByLabel('Địa chỉ liên kết').fill(LINK);
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await body.locator('a').waitFor();
    await page.keyboard.press('End');
    await page.keyboard.type('.');
    await screenshot(page, 'portal-admin-01-toolbar');
    // The preview is the server's sanitised rendering of what the toolbar wrote.
    await page.getByRole('button', { name: 'Xem trước' }).click();
    const preview = page.locator('[aria-label="Xem trước"]').filter({ has: page.locator('h2') });
    await preview.locator('h2', { hasText: 'Hỗ trợ sinh kế' }).waitFor();
    expect(await preview.locator('a').getAttribute('href')).toBe(LINK);
    expect(await preview.locator('a').getAttribute('rel')).toBe('noopener noreferrer nofollow');

    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/\/app\/portal\/articles\/\d+$/);
    await page.getByRole('status').getByText('Đã lưu phiên bản 1.').waitFor();
    const row = await server.deps.db.kysely
      .selectFrom('portal_article')
      .select(['id', 'slug', 'body_html'])
      .executeTakeFirstOrThrow();
    articleId = row.id;
    slug = row.slug;
    expect(row.body_html).toBe(
      `<h2>Hỗ trợ sinh kế</h2><p>Mỗi hộ nhận <strong>một con bò giống</strong> theo <a href="${LINK}" rel="noopener noreferrer nofollow">kế hoạch</a>.</p>`,
    );
    // The HTML source switch shows the same, saved text.
    await page.getByRole('button', { name: 'Mã HTML' }).click();
    expect(await page.getByLabel('Nội dung — mã HTML').inputValue()).toContain('<h2>Hỗ trợ sinh kế</h2>');
    await page.getByRole('button', { name: 'Soạn thảo thường' }).click();

    await page.locator('input[type=file]').setInputFiles({
      name: 'trao-bo.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo('Trao bò'),
    });
    await page.getByLabel('Chú thích ảnh').fill('Trao bò giống');
    await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
    await page.getByRole('status').getByText('Đã tải ảnh “Trao bò giống”.').waitFor();
    await page.getByRole('button', { name: 'Đăng ngay' }).click();
    await page.getByTestId('article-status').getByText('Đã đăng').waitFor();

    const html = await publicPage();
    expect(html).toContain('<h2>Hỗ trợ sinh kế</h2>');
    expect(html).toContain('<strong>một con bò giống</strong>');
    expect(html).toContain(`<a href="${LINK}" rel="noopener noreferrer nofollow">kế hoạch</a>`);
    expect(html).toContain('<figcaption>Trao bò giống</figcaption>');
  });

  it('a photo caption and alt text are edited on screen, and the page follows', async () => {
    const { page } = editor;
    const card = page.getByRole('form', { name: 'Ảnh 1: Trao bò giống' });
    // An empty caption is refused beside the field, and nothing changes.
    await card.getByLabel('Chú thích').fill('');
    await card.getByRole('button', { name: 'Lưu chú thích' }).click();
    await card.getByText('Thiếu trường bắt buộc “Chú thích”.').waitFor();
    expect(await card.getByText('Thiếu trường bắt buộc caption.').count()).toBe(0);
    await card.getByLabel('Chú thích').fill('Lễ trao bò giống tại nhà văn hóa xã Quảng Minh');
    await card.getByLabel('Mô tả cho người khiếm thị').fill('Cán bộ xã trao con bò cho một gia đình');
    await card.getByRole('button', { name: 'Lưu chú thích' }).click();
    await page.getByRole('status').getByText('Đã lưu chú thích và mô tả.').waitFor();
    await page.getByRole('form', { name: 'Ảnh 1: Lễ trao bò giống tại nhà văn hóa xã Quảng Minh' }).waitFor();

    let html = await publicPage();
    expect(html).toContain('<figcaption>Lễ trao bò giống tại nhà văn hóa xã Quảng Minh</figcaption>');
    expect(html).toContain('alt="Cán bộ xã trao con bò cho một gia đình"');
    expect(html).not.toContain('<figcaption>Trao bò giống</figcaption>');

    // A second photo moves to the front; the page shows it first.
    await page.locator('input[type=file]').setInputFiles({
      name: 'tap-huan.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo('Tập huấn'),
    });
    await page.getByLabel('Chú thích ảnh').fill('Tập huấn chăn nuôi bò');
    await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
    await page.getByRole('status').getByText('Đã tải ảnh “Tập huấn chăn nuôi bò”.').waitFor();
    await page.getByRole('button', { name: 'Đưa lên trước: Ảnh 2' }).click();
    await page.getByRole('form', { name: 'Ảnh 1: Tập huấn chăn nuôi bò' }).waitFor();
    expect(await page.getByRole('button', { name: 'Đưa lên trước: Ảnh 1' }).isDisabled()).toBe(true);
    html = await publicPage();
    expect(html.indexOf('<figcaption>Tập huấn chăn nuôi bò</figcaption>')).toBeGreaterThan(0);
    expect(html.indexOf('<figcaption>Tập huấn chăn nuôi bò</figcaption>')).toBeLessThan(
      html.indexOf('<figcaption>Lễ trao bò giống tại nhà văn hóa xã Quảng Minh</figcaption>'),
    );
  });

  it('two versions are compared word by word, version 1 is read and restored as version 3', async () => {
    const { page } = editor;
    const body = page.getByRole('textbox', { name: 'Nội dung bài viết' });
    await body.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Mỗi hộ nhận hai con dê giống và được tập huấn chăn nuôi.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').getByText('Đã lưu phiên bản 2.').waitFor();
    expect(await publicPage()).toContain('hai con dê giống');

    // Version 1 against version 2: removed and added words are marked in text, not by colour only.
    const compare = page.getByTestId('revision-compare');
    const bodyDiff = compare.getByRole('region', { name: 'Nội dung' });
    await bodyDiff.locator('ins').first().waitFor();
    const removed = (await bodyDiff.locator('del').allTextContents()).join('|');
    const added = (await bodyDiff.locator('ins').allTextContents()).join('|');
    expect(removed).toContain('bỏ: ');
    expect(removed).toContain('Hỗ trợ sinh kế');
    expect(removed).toContain('một');
    expect(added).toContain('thêm: ');
    expect(added).toContain('hai');
    expect(added).toContain('tập huấn chăn nuôi');
    expect(await compare.getByRole('region', { name: 'Tiêu đề' }).textContent()).toContain('Không thay đổi.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'portal-admin-02-compare');

    await page.getByRole('button', { name: 'Xem phiên bản 1' }).click();
    const view = page.getByTestId('revision-view');
    await view.getByRole('heading', { name: 'Hỗ trợ sinh kế' }).waitFor();
    expect(await view.locator('strong').textContent()).toBe('một con bò giống');

    await view.getByRole('button', { name: 'Khôi phục phiên bản 1' }).click();
    await page.getByRole('heading', { name: 'Khôi phục phiên bản 1?' }).waitFor();
    await page.getByRole('button', { name: 'Khôi phục thành phiên bản 3' }).click();
    await page.getByRole('status').getByText('Đã khôi phục phiên bản 1 thành phiên bản 3.').waitFor();
    // The form starts again from the restored text; the history keeps all three versions.
    await body.locator('h2', { hasText: 'Hỗ trợ sinh kế' }).waitFor();
    const rows = page.getByTestId('revisions').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('khôi phục từ phiên bản 1');
    const revisions = await server.deps.db.kysely
      .selectFrom('portal_article_revision')
      .select(['version', 'restored_from'])
      .where('article_id', '=', articleId)
      .orderBy('version')
      .execute();
    expect(revisions).toEqual([
      { version: 1, restored_from: null },
      { version: 2, restored_from: null },
      { version: 3, restored_from: 1 },
    ]);

    // Published again, the page shows the old text.
    await page.getByRole('button', { name: 'Đăng ngay' }).click();
    await page.getByTestId('article-status').getByText('Đã đăng').waitFor();
    const html = await publicPage();
    expect(html).toContain('<strong>một con bò giống</strong>');
    expect(html).not.toContain('hai con dê giống');
    await screenshot(page, 'portal-admin-03-restored');
  });

  it('a restore from a version someone else has moved past is refused with CONFLICT', async () => {
    const { page } = editor;
    // Another editor saves version 4 behind this screen's back.
    const me = await page.request.get(`${server.url}/api/v1/auth/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const other = await page.request.put(`${server.url}/api/v1/portal/articles/${articleId}`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        title: TITLE,
        summary: 'Bản của người khác',
        bodyHtml: '<p>Bản của người khác</p>',
        version: 3,
      },
    });
    expect(other.status()).toBe(200);

    await page.getByRole('button', { name: 'Khôi phục phiên bản 2' }).click();
    await page.getByRole('button', { name: 'Khôi phục thành phiên bản 4' }).click();
    await page.getByRole('alert').getByText('CONFLICT').waitFor();
    // The text on screen started from version 3: saving it over version 4 is refused as well.
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('form', { name: 'Sửa bài viết' }).getByRole('alert').getByText('CONFLICT').waitFor();
    const article = await server.deps.db.kysely
      .selectFrom('portal_article')
      .select(['version', 'summary'])
      .where('id', '=', articleId)
      .executeTakeFirstOrThrow();
    expect(article).toEqual({ version: 4, summary: 'Bản của người khác' });
    // The screen fetched the article again: version 4 is now the current one.
    await page.getByTestId('revisions').locator('tbody tr').first().getByText('hiện tại').waitFor();
    expect(
      await page.getByTestId('revisions').locator('tbody tr').first().locator('td').first().textContent(),
    ).toContain('4');
    expect(editor.problems).toEqual([]);
  });

  it('a body with a table opens as HTML: the formatting editor would drop the table', async () => {
    const { page } = editor;
    await page.goto(`${server.url}/app/portal/articles/new`);
    await page.getByLabel('Tiêu đề').fill('Kết quả giảm nghèo năm 2024 của xã Quảng Minh');
    await page.getByLabel('Tóm tắt').fill('Số hộ nghèo đầu năm và cuối năm.');
    await page.getByRole('button', { name: 'Mã HTML' }).click();
    const table =
      '<table><thead><tr><th>Thời điểm</th><th>Hộ nghèo</th></tr></thead><tbody><tr><td>Đầu năm</td><td>112</td></tr><tr><td>Cuối năm</td><td>97</td></tr></tbody></table>';
    await page.getByLabel('Nội dung — mã HTML').fill(`<p>Kết quả:</p>${table}`);
    await page.getByText('Nội dung có <table>').waitFor();
    expect(await page.getByRole('button', { name: 'Soạn thảo thường' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/\/app\/portal\/articles\/\d+$/);
    await page.getByRole('status').getByText('Đã lưu phiên bản 1.').waitFor();
    // Opened again, the article stays in HTML mode and keeps its table.
    await page.getByText('Nội dung có <table>').waitFor();
    expect(await page.getByLabel('Nội dung — mã HTML').inputValue()).toBe(`<p>Kết quả:</p>${table}`);
    const stored = await server.deps.db.kysely
      .selectFrom('portal_article')
      .select('body_html')
      .where('title', '=', 'Kết quả giảm nghèo năm 2024 của xã Quảng Minh')
      .executeTakeFirstOrThrow();
    expect(stored.body_html).toBe(`<p>Kết quả:</p>${table}`);
    expect(editor.problems).toEqual([]);
  });
});
