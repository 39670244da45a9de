// The public portal in Chromium: an editor writes an article in the web app, uploads two
// captioned photos and publishes it; an anonymous visitor finds it on the home page with the
// Vietnam time, sends a comment after the browser solved the proof-of-work captcha; a comment
// with no valid captcha is refused; the Fatherland Front's moderator approves the comment and
// the page then counts "1 bình luận".
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/users.service.js';
import { SYSTEM } from '../../src/services/deps.js';
import { formatInstantVn } from '../../src/domain/dates.js';
import {
  ACCOUNTS,
  launchBrowser,
  screenshot,
  signIn,
  startApp,
  type Browser,
  type RunningApp,
  type TestAccount,
} from './support.js';

const EDITOR: TestAccount = {
  username: 'bientap.samson',
  password: 'mat-khau-bien-tap',
  role: 'editor',
  unitCode: '382',
  displayName: 'Phòng Văn hóa – Thông tin TP Sầm Sơn',
};
/** The Fatherland Front's account, which startApp already creates with the other roles. */
const MODERATOR: TestAccount = ACCOUNTS.supervisor;
const TITLE = 'TP Sầm Sơn: triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024';

async function photo(label: string, colour: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="700"><rect width="100%" height="100%" fill="${colour}"/><text x="600" y="360" font-size="64" text-anchor="middle" fill="#fff" font-family="DejaVu Sans, sans-serif">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

let server: RunningApp;
let editor: Browser;
let visitor: Browser;
let moderator: Browser;
let articleUrl = '';

beforeAll(async () => {
  server = await startApp();
  await createUser(server.deps, SYSTEM, { ...EDITOR, unitCode: EDITOR.unitCode });
  editor = await launchBrowser();
  visitor = await launchBrowser({ width: 412, height: 915 });
  moderator = await launchBrowser();
});

afterAll(async () => {
  await editor?.close();
  await visitor?.close();
  await moderator?.close();
  await server?.stop();
});

describe('public portal', () => {
  it('an editor writes an article, uploads two captioned photos and publishes it', async () => {
    const { page } = editor;
    await signIn(page, server.url, EDITOR);
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Bài viết' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Bài viết' }).waitFor();
    await page.getByRole('link', { name: 'Viết bài mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Viết bài mới' }).waitFor();
    await page.getByLabel('Tiêu đề').fill(TITLE);
    await page
      .getByLabel('Tóm tắt')
      .fill('Chiều 11/6, UBND thành phố Sầm Sơn tổ chức hội nghị triển khai Chương trình năm 2024.');
    // Raw HTML through the editor's source switch (the formatting toolbar is tested in portal-admin).
    await page.getByRole('button', { name: 'Mã HTML' }).click();
    await page
      .getByLabel('Nội dung — mã HTML')
      .fill(
        '<p>Năm 2024 thành phố phấn đấu giảm <strong>155 hộ nghèo</strong>.</p><script>alert(1)</script>',
      );
    await page.getByLabel('Tác giả').fill(EDITOR.displayName);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/\/app\/portal\/articles\/\d+$/);
    await page.getByRole('status').getByText('Đã lưu phiên bản 1.').waitFor();
    // The server sanitised the body: the script is gone from what the editor now sees.
    await page.getByRole('button', { name: 'Mã HTML' }).click();
    const source = await page.getByLabel('Nội dung — mã HTML').inputValue();
    expect(source).toContain('<strong>155 hộ nghèo</strong>');
    expect(source).not.toContain('<script');

    for (const [caption, colour] of [
      ['Toàn cảnh hội nghị', '#2b6cb0'],
      ['Đại biểu dự hội nghị', '#9b2c2c'],
    ] as const) {
      await page.locator('input[type=file]').setInputFiles({
        name: `${caption}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await photo(caption, colour),
      });
      await page.getByLabel('Chú thích ảnh').fill(caption);
      await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
      await page.getByRole('status').getByText(`Đã tải ảnh “${caption}”.`).waitFor();
    }
    await expect.poll(() => page.getByTestId('photo').count()).toBe(2);
    await page.getByRole('button', { name: 'Đăng ngay' }).click();
    await page.getByTestId('article-status').getByText('Đã đăng').waitFor();
    const row = await server.deps.db.kysely
      .selectFrom('portal_article')
      .select(['slug', 'published_at'])
      .executeTakeFirstOrThrow();
    await page.getByText(`Đăng lúc: ${formatInstantVn(row.published_at!)} (GMT+7)`).waitFor();
    articleUrl = `${server.url}/bai-viet/${row.slug}`;
    // Revisions are kept: the first save is version 1.
    expect(await page.getByTestId('revisions').locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'portal-01-editor');
    // The banner's slogans are the editor's to set.
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Bài viết' })
      .click();
    await page
      .getByLabel('Khẩu hiệu tiếng Việt (mỗi dòng một câu)')
      .fill('Chung sức vì người nghèo\nKhông để ai bị bỏ lại phía sau');
    await page.getByRole('button', { name: 'Lưu khẩu hiệu' }).click();
    await page.getByRole('status').getByText('Đã lưu khẩu hiệu.').waitFor();
    expect(await page.getByRole('table').textContent()).toContain(TITLE);
  });

  it('an editor schedules an article: it waits, in Vietnam time, and is not public yet', async () => {
    const { page } = editor;
    await page.goto(`${server.url}/app/portal/articles/new`);
    await page.getByLabel('Tiêu đề').fill('Thông báo lịch tiếp công dân năm 2030');
    await page.getByLabel('Tóm tắt').fill('Lịch tiếp công dân của UBND thành phố.');
    await page.getByRole('textbox', { name: 'Nội dung bài viết' }).fill('Thứ Năm hằng tuần.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/\/app\/portal\/articles\/\d+$/);
    await page.getByLabel('Hẹn ngày đăng (không bắt buộc)').fill('02/01/2030');
    await page.getByLabel('Giờ (GMT+7)').fill('08:30');
    await page.getByRole('button', { name: 'Đăng bài', exact: true }).click();
    await page.getByTestId('article-status').getByText('Hẹn giờ đăng').waitFor();
    await page.getByText('Sẽ đăng lúc: 08:30:00 02/01/2030 (GMT+7)').waitFor();
    const row = await server.deps.db.kysely
      .selectFrom('portal_article')
      .select(['slug', 'published_at'])
      .where('title', '=', 'Thông báo lịch tiếp công dân năm 2030')
      .executeTakeFirstOrThrow();
    expect(row.published_at).toBe('2030-01-02T01:30:00.000Z');
    const r = await page.request.get(`${server.url}/bai-viet/${row.slug}`);
    expect(r.status()).toBe(404);
  });

  it('an anonymous visitor sees it on the home page with the GMT+7 time and sends a comment', async () => {
    const { page, context } = visitor;
    await page.goto(`${server.url}/`);
    const row = await server.deps.db.kysely
      .selectFrom('portal_article')
      .select(['id', 'published_at'])
      .executeTakeFirstOrThrow();
    const time = `Đăng lúc: ${formatInstantVn(row.published_at!)} (GMT+7)`;
    expect(time).toMatch(/^Đăng lúc: \d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4} \(GMT\+7\)$/);
    await page.getByRole('link', { name: TITLE }).waitFor();
    expect(await page.locator('main').textContent()).toContain(time);
    expect(await page.locator('.slogans').textContent()).toContain('Chung sức vì người nghèo');
    // No cookie for an anonymous reader.
    expect(await context.cookies()).toEqual([]);
    await screenshot(page, 'portal-02-home');

    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await page.locator('figcaption').allTextContents()).toEqual([
      'Toàn cảnh hội nghị',
      'Đại biểu dự hội nghị',
    ]);
    expect(await page.locator('.comment-count').textContent()).toBe('0 bình luận');
    // The photos load (WebP renditions from the server).
    await expect
      .poll(() =>
        page
          .locator('figure img')
          .first()
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);

    // A forged code is refused, through the page and through the API.
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
    await page.getByLabel('Nội dung bình luận').fill('Mong thành phố tiếp tục hỗ trợ nhà ở cho hộ nghèo.');
    await page.locator('input[name=captcha]').evaluate((el) => {
      (el as unknown as { value: string }).value = 'bWEgZ2lh';
    });
    await page.getByRole('button', { name: 'Gửi bình luận' }).click();
    await page.getByRole('alert').getByText('Mã xác nhận không đúng hoặc đã hết hạn').waitFor();
    const api = await page.request.post(`${server.url}/api/v1/comments`, {
      data: { articleId: row.id, name: 'Robot', body: 'Không có mã' },
    });
    expect(api.status()).toBe(400);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('CAPTCHA_INVALID');
    expect(await server.deps.db.kysely.selectFrom('portal_comment').selectAll().execute()).toEqual([]);

    // The real thing: the browser solves the proof of work when asked, then the comment goes.
    expect(await page.getByLabel('Nội dung bình luận').inputValue()).toBe(
      'Mong thành phố tiếp tục hỗ trợ nhà ở cho hộ nghèo.',
    );
    await page.getByRole('link', { name: 'Bấm vào đây để nhận mã' }).click();
    await page.getByText('Đã có mã xác nhận ✓').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Gửi bình luận' }).click();
    await page.getByText('Cảm ơn bạn! Bình luận đã được gửi').waitFor();
    expect(await page.locator('.comment-count').textContent()).toBe('0 bình luận');
    const stored = await server.deps.db.kysely.selectFrom('portal_comment').selectAll().execute();
    expect(stored).toMatchObject([{ name: 'Nguyễn Thị Hoa', status: 'pending' }]);
    await screenshot(page, 'portal-03-comment-sent');
  });

  it('a moderator approves the comment and the article counts "1 bình luận"', async () => {
    const { page } = moderator;
    await signIn(page, server.url, MODERATOR);
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Kiểm duyệt bình luận' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm duyệt bình luận' }).waitFor();
    const card = page.getByTestId('comment').filter({ hasText: 'Nguyễn Thị Hoa' });
    await card.waitFor();
    await screenshot(page, 'portal-04-moderation');
    await card.getByRole('button', { name: 'Duyệt' }).click();
    await page.getByText('Không có bình luận nào.').waitFor();

    const v = visitor.page;
    await v.goto(articleUrl);
    expect(await v.locator('.comment-count').textContent()).toBe('1 bình luận');
    expect(await v.locator('#binh-luan h2').textContent()).toBe('1 bình luận');
    await v.getByText('Mong thành phố tiếp tục hỗ trợ nhà ở cho hộ nghèo.').waitFor();
    await v.goto(`${server.url}/`);
    expect(await v.locator('main').textContent()).toContain('1 bình luận');
    await screenshot(v, 'portal-05-approved');
    expect([...editor.problems, ...visitor.problems, ...moderator.problems]).toEqual([]);
  });
});
