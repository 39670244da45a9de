import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildAllocation } from '../support/finance.js';
import { SYSTEM } from '../../src/services/deps.js';
import { recordDisbursement, recordIssue } from '../../src/services/finance/allocations.service.js';
import { buildProposal, proposalPdf, proposalXlsx } from '../../src/services/finance/documents.service.js';
import type { AppError } from '../../src/errors.js';

/** The text-showing operators of a PDF's content streams, inflated (pdfmake compresses them). */
function contentStreams(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    try {
      out.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream (font file, image)
    }
  }
  return out.join('\n');
}

for (const dialect of DIALECTS) {
  describe(`"cannot be implemented" proposal (${dialect})`, () => {
    let deps: TestDeps;
    beforeAll(async () => {
      deps = await makeDeps(dialect);
    });
    afterAll(async () => deps.cleanup());

    it('records the reasons and writes the proposal to the province as XLSX and PDF, with amounts in words', async () => {
      const a = await buildAllocation(deps, {
        componentCode: 'DA2',
        amount: 1_250_500_000,
        capitalType: 'development',
        source: 'province',
      });
      await recordDisbursement(deps, SYSTEM, {
        allocationId: a.id,
        date: '2024-05-01',
        amount: 250_500_000,
        voucherNo: 'PC-D-1',
        activity: 'Mô hình nuôi trồng',
      });
      const err = (await recordIssue(deps, SYSTEM, a.id, {
        reason: 'no-beneficiaries',
        detail: 'x',
        amount: 1_000_000_001,
        proposal: 'stop',
      }).catch((e: unknown) => e)) as AppError;
      expect([err.code, err.field]).toEqual(['BALANCE_INSUFFICIENT', 'amount']);
      await recordIssue(deps, SYSTEM, a.id, {
        reason: 'no-beneficiaries',
        detail: 'Không còn hộ nghèo có đất sản xuất phù hợp mô hình',
        amount: 600_000_000,
        proposal: 'move',
        targetComponentCode: 'DA4.3',
      });
      await recordIssue(deps, SYSTEM, a.id, {
        reason: 'no-counterpart-funding',
        detail: 'Không bố trí được vốn đối ứng',
        amount: 400_000_000,
        proposal: 'stop',
      });
      const p = await buildProposal(deps, SYSTEM, { unitCode: '382', year: 2024 });
      expect(p.total).toBe(1_000_000_000);
      expect(p.totalInWords).toBe('Một tỷ đồng');
      expect(p.lines.map((l) => l.proposalLabel)).toEqual([
        'Điều chuyển sang DA4.3 – Hỗ trợ việc làm bền vững',
        'Dừng thực hiện, trả lại nguồn vốn',
      ]);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await proposalXlsx(p)) as never);
      const ws = wb.worksheets[0]!;
      const texts: string[] = [];
      ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
      expect(texts).toContain('Kính gửi: Ủy ban nhân dân Tỉnh Thanh Hóa');
      expect(texts).toContain('Bằng chữ: Một tỷ đồng.');
      expect(texts).toContain('DA2 – Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo');
      expect(texts).toContain('1000000000');
      expect(texts.some((t) => t.startsWith('Không có đối tượng đủ điều kiện thụ hưởng: '))).toBe(true);

      const pdf = await proposalPdf(p);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto-Regular/);
      expect(raw).not.toMatch(/Helvetica|Times-Roman|Courier/);
      // Text is drawn with glyph ids of the embedded subset; the page has content.
      expect(contentStreams(pdf)).toMatch(/\bTJ\b|\bTj\b/);
      expect(pdf.length).toBeGreaterThan(10_000);
    });

    it('no issue recorded: nothing to propose, a coded error', async () => {
      const err = (await buildProposal(deps, SYSTEM, { unitCode: '16516', year: 2024 }).catch(
        (e: unknown) => e,
      )) as AppError;
      expect(err.code).toBe('NOT_FOUND');
    });
  });
}
