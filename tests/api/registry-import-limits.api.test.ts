// Issue 10, items 8 and 12: an upload past the configured size is a coded 413 and leaves no
// temporary file; an XLSX zip bomb (built here) is refused by the limits on compression ratio,
// uncompressed size and rows before exceljs reads it, in the survey import and the finance import
// alike; a file that is not what its name says answers a coded 400 at once; a corrupt workbook
// ends its job `failed` with a coded error (and `?wait=true` answers that error), never a
// successful-looking report. Nothing is written in any of these cases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { buildApp } from '../../src/http/app.js';
import { guardXlsx } from '../../src/services/xlsx-guard.js';
import { importSurvey, sourceOf } from '../../src/services/registry/import.service.js';
import { importAllocations } from '../../src/services/finance/import.service.js';
import { SYSTEM } from '../../src/services/deps.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession } from '../support/builders.js';
import { contractExamples } from '../support/registry.js';

/** A zip archive of deflated parts (what an XLSX is); `lie` rewrites the sizes the directory declares. */
function zipOf(parts: { name: string; data: Buffer }[], lie?: { uncompressed: number }): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const body = zlib.deflateRawSync(p.data, { level: 9 });
    const name = Buffer.from(p.name);
    const crc = zlib.crc32(p.data);
    const size = lie ? lie.uncompressed : p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>';
/** A worksheet of `rows` identical rows: compresses about a thousand times. */
const sheetOf = (rows: number) =>
  Buffer.from(
    SHEET_HEAD +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'.repeat(rows) +
      '</sheetData></worksheet>',
  );
const bomb = (lie?: { uncompressed: number }) =>
  zipOf([{ name: 'xl/worksheets/sheet1.xml', data: sheetOf(400_000) }], lie);

describe('XLSX limits (guardXlsx)', () => {
  it('refuses a zip bomb by its compression ratio, also when its directory lies about the sizes', async () => {
    const b = bomb();
    expect(b.length).toBeLessThan(200_000); // ~24 MB unzipped
    await expect(guardXlsx(b)).rejects.toMatchObject({
      code: 'XLSX_RATIO_TOO_HIGH',
      params: { entry: 'xl/worksheets/sheet1.xml', limit: 100 },
    });
    // The declared sizes say 1 KB: the counting inflate finds the truth.
    await expect(guardXlsx(bomb({ uncompressed: 1000 }))).rejects.toMatchObject({
      code: 'XLSX_RATIO_TOO_HIGH',
    });
  });

  it('refuses past the uncompressed size and the row count, and counts the rows of a real workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hộ');
    for (let i = 0; i < 50; i++) ws.addRow([`H-${i}`, i]);
    wb.addWorksheet('Thành viên').addRow(['a']);
    const real = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await guardXlsx(real)).toBe(51);
    const limits = { maxUncompressedBytes: 10 * 1024 * 1024, maxRatio: 100, maxRows: 1_000_000 };
    await expect(guardXlsx(real, { ...limits, maxRows: 50 })).rejects.toMatchObject({
      code: 'XLSX_TOO_MANY_ROWS',
      params: { limit: 50 },
    });
    await expect(guardXlsx(real, { ...limits, maxUncompressedBytes: 2000 })).rejects.toMatchObject({
      code: 'XLSX_TOO_LARGE',
    });
    await expect(guardXlsx(real.subarray(0, real.length - 30))).rejects.toMatchObject({
      code: 'IMPORT_FILE_INVALID',
    });
  });
});

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = '----giamngheo-limits';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

for (const dialect of DIALECTS) {
  // On PostgreSQL each import starts a worker thread (a few seconds on a busy machine).
  describe(`import upload limits and unreadable files (${dialect})`, { timeout: 180_000 }, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let tmp: string;
    let savedTmp: string | undefined;
    beforeEach(async () => {
      // Uploads go under os.tmpdir(): a private one shows what is left behind.
      savedTmp = process.env.TMPDIR;
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-limits-'));
      process.env.TMPDIR = tmp;
      deps = await makeDeps(dialect);
      auth = undefined;
      app = await buildApp({ ...deps, config: { ...deps.config, uploadMaxMb: 1 } });
    });
    afterEach(async () => {
      await app.close();
      await deps.cleanup();
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    const households = async () =>
      Number(
        (
          await deps.db.kysely
            .selectFrom('household')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    let auth: Record<string, string> | undefined;
    const upload = async (name: string, content: Buffer, wait = true) => {
      if (!auth) {
        const s = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
        auth = { cookie: s.cookie, 'x-csrf-token': s.csrf };
      }
      const mp = multipart({ mode: 'atomic' }, { name, content });
      return app.inject({
        method: 'POST',
        url: `/api/v1/registry/imports${wait ? '?wait=true' : ''}`,
        payload: mp.payload,
        headers: { ...mp.headers, ...auth },
      });
    };
    const leftovers = () => fs.readdirSync(tmp).filter((f) => f.startsWith('gn-upload-'));

    it('an upload past GIAMNGHEO_UPLOAD_MAX_MB is a coded 413 and leaves no temporary file', async () => {
      const line = `${JSON.stringify(contractExamples[0])}\n`;
      const big = Buffer.from(line.repeat(Math.ceil((1.5 * 1024 * 1024) / line.length)));
      const res = await upload('big.jsonl', big);
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'UPLOAD_TOO_LARGE', field: 'file' });
      expect(res.json().error.message).toContain('1 MB');
      expect(leftovers()).toEqual([]);
      expect(await households()).toBe(0);
      // Under the limit, the same server imports, and the temporary folder goes with the job.
      const ok = await upload('small.jsonl', Buffer.from(line));
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ state: 'done', report: { imported: 1 } });
      expect(leftovers()).toEqual([]);
    });

    it('a zip bomb XLSX fails its job with the ratio limit named, in vi and en, and writes nothing', async () => {
      const res = await upload('bomb.xlsx', bomb());
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'XLSX_RATIO_TOO_HIGH' });
      expect(res.json().error.message).toContain('100 lần');
      expect(res.json().error.messageEn).toContain('100 times');
      expect(await households()).toBe(0);
      expect(leftovers()).toEqual([]);
      // The finance Excel import goes through the same guard.
      await expect(importAllocations(deps, SYSTEM, bomb())).rejects.toMatchObject({
        code: 'XLSX_RATIO_TOO_HIGH',
      });
    });

    it('a file that is not what its name says is a coded 400 at once; a corrupt workbook fails its job', async () => {
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]),
        Buffer.alloc(64),
      ]);
      const binary = await upload('records.jsonl', png);
      expect(binary.statusCode).toBe(400);
      expect(binary.json().error).toMatchObject({ code: 'IMPORT_FORMAT_UNKNOWN', field: 'file' });
      const notXlsx = await upload('survey.xlsx', Buffer.from('householdId,unitCode\n'));
      expect(notXlsx.json().error).toMatchObject({ code: 'IMPORT_FORMAT_UNKNOWN' });
      const pdf = await upload('survey.pdf', Buffer.from('%PDF-1.7'));
      expect(pdf.statusCode).toBe(400);
      expect(pdf.json().error).toMatchObject({ code: 'IMPORT_FORMAT_UNKNOWN' });

      // A zip archive cut in half: found while reading, so the job ends `failed` with the code.
      const corrupt = bomb().subarray(0, 5000);
      const started = await upload('cut.xlsx', corrupt, false);
      expect(started.statusCode).toBe(202);
      const job = started.json() as { id: string };
      let polled: { state: string } | undefined;
      for (let i = 0; i < 600 && polled?.state !== 'failed'; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 50));
        polled = (
          await app.inject({ method: 'GET', url: `/api/v1/registry/imports/${job.id}`, headers: auth })
        ).json() as { state: string };
      }
      expect(polled).toMatchObject({ state: 'failed', report: null, error: { code: 'IMPORT_FILE_INVALID' } });
      const waited = await upload('cut.xlsx', corrupt);
      expect(waited.statusCode).toBe(400);
      expect(waited.json().error).toMatchObject({ code: 'IMPORT_FILE_INVALID', field: 'file' });
      // A JSONL that turns out not to be UTF-8 further on fails the same way.
      const latin = Buffer.concat([
        Buffer.from(`${JSON.stringify(contractExamples[0])}\n`),
        Buffer.from('{"householdId":"Nguy\xe1\xbb', 'latin1'),
        Buffer.from([0xff, 0xfe, 0x0a]),
      ]);
      const bad = await upload('latin.jsonl', latin);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'IMPORT_FILE_INVALID' });
      expect(bad.json().error.message).toContain('UTF-8');
      expect(await households()).toBe(0);
      expect(leftovers()).toEqual([]);
    });
  });
}

describe('the CLI path refuses an unreadable file the same way', () => {
  let deps: TestDeps;
  let dir: string;
  beforeEach(async () => {
    deps = await makeDeps('sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-unreadable-'));
  });
  afterEach(async () => {
    await deps.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('binary JSONL and a zip bomb XLSX throw coded errors from importSurvey', async () => {
    const bin = path.join(dir, 'x.jsonl');
    fs.writeFileSync(bin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]));
    await expect(importSurvey(deps, SYSTEM, sourceOf(bin))).rejects.toMatchObject({
      code: 'IMPORT_FORMAT_UNKNOWN',
    });
    const b = path.join(dir, 'b.xlsx');
    fs.writeFileSync(b, bomb());
    await expect(importSurvey(deps, SYSTEM, sourceOf(b))).rejects.toMatchObject({
      code: 'XLSX_RATIO_TOO_HIGH',
    });
  });
});
