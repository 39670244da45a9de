// Issue 10, item 8: every upload streams to a temporary file under its route's limit (the finance
// Excel import 10 MB, a task attachment 10 MB, a portal photo 15 MB; GIAMNGHEO_UPLOAD_MAX_MB when
// lower). Past it: a coded 413 on the file's field, nothing stored, no temporary file left; under
// it the same routes still work, and their temporary files are gone too. Also item 3's leftover:
// the support of a household of another unit answers exactly like an unknown key (404).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { syntheticPhoto } from '../support/portal.js';
import { buildScopeFixture, OTHER_COMMUNE, type ScopeFixture } from '../support/scope.js';

type Session = { cookie: string; csrf: string };
const MB = 1024 * 1024;

/** A multipart body: text fields, then one file in field `file`. */
function multipart(fields: Record<string, string>, file: { name: string; type: string; content: Buffer }) {
  const boundary = `----gn-uploads-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function allocationsXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kế hoạch vốn');
  ws.addRow([
    'Năm',
    'Mã đơn vị',
    'Dự án',
    'Loại vốn',
    'Nguồn vốn',
    'Số tiền (đồng)',
    'Số quyết định',
    'Ngày quyết định',
    'Hạn giải ngân',
  ]);
  ws.addRow([
    2024,
    '382',
    'DA4',
    'Sự nghiệp',
    'Trung ương',
    1_500_000_000,
    '512/QĐ-UBND',
    '26/02/2024',
    '30/09/2024',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Bytes of `mb` megabytes and one more: just past a limit of `mb`. */
const justOver = (mb: number) => Buffer.alloc(mb * MB + 1, 0x61);

for (const dialect of DIALECTS) {
  describe(`uploads stream under a per-route limit (${dialect})`, { timeout: 180_000 }, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let tmp: string;
    let uploadDir: string;
    let savedTmp: string | undefined;
    let finance: Session;
    let province: Session;
    let ward: Session;
    let editor: Session;

    beforeAll(async () => {
      // Uploads go under os.tmpdir(): a private one shows what is left behind.
      savedTmp = process.env.TMPDIR;
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-uploads-'));
      process.env.TMPDIR = tmp;
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-stored-'));
      deps = await makeDeps(dialect);
      app = await buildApp({ ...deps, config: { ...deps.config, uploadDir } });
      finance = await buildSession(deps, { role: 'finance-officer', unitCode: '382' });
      province = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
      ward = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
      editor = await buildSession(deps, { role: 'editor', unitCode: '382' });
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.rmSync(uploadDir, { recursive: true, force: true });
    });

    const leftovers = () => fs.readdirSync(tmp).filter((f) => f.startsWith('gn-upload-'));
    const stored = (sub: string) =>
      fs.existsSync(path.join(uploadDir, sub)) ? fs.readdirSync(path.join(uploadDir, sub)) : [];
    const count = async (table: 'allocation' | 'task_attachment' | 'portal_photo') =>
      Number(
        (
          await deps.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const send = (s: Session, url: string, body: ReturnType<typeof multipart>) =>
      app.inject({
        method: 'POST',
        url,
        payload: body.payload,
        headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
      });
    const expectTooLarge = (res: Awaited<ReturnType<typeof send>>, limitMb: number) => {
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'UPLOAD_TOO_LARGE', field: 'file' });
      expect(res.json().error.message).toContain(`${limitMb} MB`);
      expect(res.json().error.messageEn).toContain(`${limitMb} MB`);
    };

    it('finance Excel import: past 10 MB a coded 413 and nothing imported; under it, imported', async () => {
      const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const big = await send(
        finance,
        '/api/v1/finance/import/allocations',
        multipart({}, { name: 'big.xlsx', type: xlsx, content: justOver(10) }),
      );
      expectTooLarge(big, 10);
      expect(await count('allocation')).toBe(0);
      expect(leftovers()).toEqual([]);

      const ok = await send(
        finance,
        '/api/v1/finance/import/allocations',
        multipart({}, { name: 'ke-hoach.xlsx', type: xlsx, content: await allocationsXlsx() }),
      );
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ kind: 'allocations', read: 1, imported: 1, errors: [] });
      expect(await count('allocation')).toBe(1);
      expect(leftovers()).toEqual([]);
    });

    it('task attachment: past 10 MB a coded 413, no update and no file; under it, stored as sent', async () => {
      const m = await app.inject({
        method: 'POST',
        url: '/api/v1/meetings',
        headers: { cookie: province.cookie, 'x-csrf-token': province.csrf },
        payload: {
          unitCode: '382',
          date: '2024-06-07',
          title: 'Hội nghị',
          chair: 'Chủ tịch',
          conclusions: 'Giải ngân trước 30/9',
          tasks: [
            {
              assigneeKind: 'ward',
              assignee: 'UBND phường Trung Sơn',
              assigneeUnitCode: '14830',
              title: 'Phân loại hộ nghèo',
              deadline: '2024-09-30',
            },
          ],
        },
      });
      expect(m.statusCode, m.body).toBe(201);
      const url = `/api/v1/tasks/${m.json().tasks[0].id as number}/updates`;
      const fields = { status: 'in-progress', note: 'Đã rà soát 3 tổ dân phố' };
      const big = await send(
        ward,
        url,
        multipart(fields, { name: 'bien-ban.pdf', type: 'application/pdf', content: justOver(10) }),
      );
      expectTooLarge(big, 10);
      expect(await count('task_attachment')).toBe(0);
      expect(stored('tasks')).toEqual([]);
      expect(leftovers()).toEqual([]);
      const task = await app.inject({ method: 'GET', url: url.replace('/updates', ''), headers: ward });
      expect(task.json().updates).toEqual([]);

      const content = Buffer.from('Biên bản họp ngày 07/6/2024');
      const ok = await send(
        ward,
        url,
        multipart(fields, { name: 'bien-ban.txt', type: 'text/plain', content }),
      );
      expect(ok.statusCode, ok.body).toBe(201);
      const att = ok.json().update.attachments[0];
      expect(att).toMatchObject({ fileName: 'bien-ban.txt', size: content.length });
      const file = await app.inject({
        method: 'GET',
        url: `/api/v1/tasks/attachments/${att.id}`,
        headers: ward,
      });
      expect(file.rawPayload.equals(content)).toBe(true);
      expect(stored('tasks')).toHaveLength(1);
      expect(leftovers()).toEqual([]);
    });

    it('portal photo: past 15 MB a coded 413, no photo; under it, resized from the temporary file', async () => {
      const a = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/articles',
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
        payload: {
          title: 'Hội nghị triển khai Chương trình năm 2024',
          summary: 'Sáng 11/6, UBND thành phố Sầm Sơn tổ chức hội nghị.',
          bodyHtml: '<p>Năm 2024, thành phố phấn đấu giảm 155 hộ nghèo.</p>',
          categorySlug: 'tin-tuc',
        },
      });
      expect(a.statusCode, a.body).toBe(201);
      const url = `/api/v1/portal/articles/${a.json().id as number}/photos`;
      const big = await send(
        editor,
        url,
        multipart({ caption: 'Toàn cảnh' }, { name: 'anh.jpg', type: 'image/jpeg', content: justOver(15) }),
      );
      expectTooLarge(big, 15);
      expect(await count('portal_photo')).toBe(0);
      expect(stored('portal')).toEqual([]);
      expect(leftovers()).toEqual([]);

      const photo = await syntheticPhoto('Toàn cảnh hội nghị', 1000, 600);
      const ok = await send(
        editor,
        url,
        multipart({ caption: 'Toàn cảnh hội nghị' }, { name: 'anh.jpg', type: 'image/jpeg', content: photo }),
      );
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ caption: 'Toàn cảnh hội nghị', width: 1000, height: 600 });
      expect(await count('portal_photo')).toBe(1);
      // Two widths (480, 960) in WebP and JPEG.
      expect(stored('portal').sort()).toHaveLength(4);
      expect(leftovers()).toEqual([]);
    });
  });

  describe(`support of a household by key, scoped by its own commune (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let fixture: ScopeFixture;
    let uploadDir: string;
    beforeAll(async () => {
      deps = await makeDeps(dialect);
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-support-'));
      const withUploads = { ...deps, config: { ...deps.config, uploadDir } };
      fixture = await buildScopeFixture(withUploads, OTHER_COMMUNE);
      app = await buildApp(withUploads);
    });
    afterAll(async () => {
      await app.close();
      await deps.cleanup();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    });
    const get = (s: { cookie: string }, key: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/finance/households/${encodeURIComponent(key)}/support`,
        headers: { cookie: s.cookie },
      });

    it('another unit gets exactly what an unknown key gets: a coded 404', async () => {
      const own = await buildSession(deps, { role: 'commune-officer', unitCode: fixture.communeCode });
      const mine = await get(own, fixture.householdId);
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json().items.map((x: { amount: number }) => x.amount)).toEqual([fixture.disbursedAmount]);

      const unknownKey = 'SS24-9999999';
      for (const [role, unitCode] of [
        ['commune-officer', '16516'],
        ['finance-officer', '16516'],
        ['finance-officer', '01'],
        ['supervisor', '01'],
      ] as const) {
        const other = await buildSession(deps, { role, unitCode });
        const hidden = await get(other, fixture.householdId);
        const unknown = await get(other, unknownKey);
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json().error).toMatchObject({ code: 'HOUSEHOLD_NOT_FOUND', field: 'householdKey' });
        expect(hidden.statusCode, `${role}@${unitCode}`).toBe(404);
        expect(hidden.body.replaceAll(fixture.householdId, 'KEY')).toBe(
          unknown.body.replaceAll(unknownKey, 'KEY'),
        );
      }
      // The unknown key is a 404 for the household's own officer too.
      expect((await get(own, unknownKey)).statusCode).toBe(404);
    });
  });
}
