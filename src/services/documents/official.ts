// One home for the parts every official document shares (issue 12): the unit's header (the issuing
// authority on the left, the national motto and the place and date on the right), the signature
// block, and a table laid out for both an Excel sheet (exceljs) and a PDF (pdfmake, src/services/pdf.ts).
// Report generators build a `DocumentTable` once and get both files from it, so the XLSX and the
// PDF of a report hold the same cells by construction.
import ExcelJS from 'exceljs';
import { nfc, pdfEngine } from '../pdf.js';

export interface DocumentHeader {
  /** The issuing unit, e.g. "Thành phố Sầm Sơn". */
  unitName: string;
  /** YYYY-MM-DD of the document. */
  date: string;
  title: string;
  subtitle?: string;
  /** The signature block: the capacity line (e.g. "TM. ỦY BAN NHÂN DÂN"). */
  signatory: string;
}

/** A cell: text, or a number (counts shown with Vietnamese digit groups), or null (empty). */
export type DocumentCell = string | number | null;

export interface DocumentTable {
  /** Header rows (several for grouped columns); a `span` cell covers the next columns. */
  head: { text: string; span?: number }[][];
  rows: DocumentCell[][];
  /** Rows shown bold (the total). */
  boldRows?: number[];
  /** Column widths in characters (Excel) — the PDF uses them as proportions. */
  widths: number[];
  notes?: string[];
}

/** "Sầm Sơn, ngày 18 tháng 12 năm 2024" — the place is the unit's name without its kind. */
export function placeAndDate(unitName: string, date: string): string {
  const [y, m, d] = date.split('-');
  const place = unitName.replace(/^(Thành phố|Thị xã|Huyện|Quận|Phường|Xã|Thị trấn|Tỉnh)\s+/u, '');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

const digits = (n: number) =>
  (n < 0 ? '-' : '') + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** The document as one Excel sheet: header lines, the table (numbers as numbers), notes, signature. */
export async function documentXlsx(h: DocumentHeader, t: DocumentTable, sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'giamngheo';
  const ws = wb.addWorksheet(sheetName, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1 },
  });
  ws.addRow([nfc(`ỦY BAN NHÂN DÂN ${h.unitName.toUpperCase()}`)]).font = { bold: true };
  ws.addRow(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc']).font = { bold: true };
  ws.addRow([nfc(placeAndDate(h.unitName, h.date))]).font = { italic: true };
  ws.addRow([]);
  ws.addRow([nfc(h.title)]).font = { bold: true, size: 13 };
  if (h.subtitle) ws.addRow([nfc(h.subtitle)]);
  ws.addRow([]);
  for (const line of t.head) {
    const cells: string[] = [];
    const merges: [number, number][] = [];
    for (const c of line) {
      const from = cells.length + 1;
      cells.push(nfc(c.text));
      for (let i = 1; i < (c.span ?? 1); i += 1) cells.push('');
      if ((c.span ?? 1) > 1) merges.push([from, from + (c.span ?? 1) - 1]);
    }
    const r = ws.addRow(cells);
    r.font = { bold: true };
    r.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    for (const [a, b] of merges) ws.mergeCells(r.number, a, r.number, b);
  }
  t.rows.forEach((cells, i) => {
    const r = ws.addRow(cells.map((c) => (typeof c === 'string' ? nfc(c) : c)));
    if (t.boldRows?.includes(i)) r.font = { bold: true };
    r.eachCell((cell) => {
      if (typeof cell.value === 'number') cell.numFmt = '#,##0';
    });
  });
  for (const n of t.notes ?? []) ws.addRow([nfc(n)]).font = { italic: true };
  ws.addRow([]);
  const sign = ws.addRow([]);
  const col = Math.max(1, t.widths.length - 3);
  sign.getCell(col).value = nfc(h.signatory);
  sign.getCell(col).font = { bold: true };
  ws.addRow([]).getCell(col).value = '(Ký, ghi rõ họ tên, đóng dấu)';
  t.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The document as a PDF (A4 landscape, Roboto): the same header, table, notes and signature. */
export async function documentPdf(h: DocumentHeader, t: DocumentTable): Promise<Buffer> {
  const width = t.widths.length;
  const head = t.head.map((line) => {
    const out: unknown[] = [];
    for (const c of line) {
      const span = c.span ?? 1;
      out.push({
        text: nfc(c.text),
        bold: true,
        alignment: 'center',
        ...(span > 1 ? { colSpan: span } : {}),
      });
      for (let i = 1; i < span; i += 1) out.push('');
    }
    while (out.length < width) out.push('');
    return out;
  });
  const body = [
    ...head,
    ...t.rows.map((cells, i) =>
      cells.map((c) =>
        typeof c === 'number'
          ? { text: digits(c), alignment: 'right', bold: t.boldRows?.includes(i) ?? false }
          : { text: nfc(c ?? ''), bold: t.boldRows?.includes(i) ?? false },
      ),
    ),
  ];
  const sum = t.widths.reduce((a, b) => a + b, 0);
  const dd = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 32, 28, 32],
    info: { title: nfc(h.title), creator: 'giamngheo' },
    defaultStyle: { font: 'Roboto', fontSize: 8 },
    content: [
      {
        columns: [
          {
            width: '*',
            alignment: 'center',
            stack: ['ỦY BAN NHÂN DÂN', { text: nfc(h.unitName.toUpperCase()), bold: true }],
          },
          {
            width: '*',
            alignment: 'center',
            stack: [
              { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
              { text: 'Độc lập - Tự do - Hạnh phúc', bold: true },
              { text: nfc(placeAndDate(h.unitName, h.date)), italics: true, margin: [0, 6, 0, 0] },
            ],
          },
        ],
      },
      { text: nfc(h.title), bold: true, fontSize: 12, alignment: 'center', margin: [0, 16, 0, 4] },
      ...(h.subtitle ? [{ text: nfc(h.subtitle), alignment: 'center', margin: [0, 0, 0, 10] }] : []),
      {
        table: {
          headerRows: t.head.length,
          widths: t.widths.map((w) => `${((w / sum) * 100).toFixed(2)}%`),
          body,
        },
        layout: 'lightHorizontalLines',
      },
      ...(t.notes ?? []).map((n) => ({ text: nfc(n), italics: true, margin: [0, 4, 0, 0] })),
      {
        columns: [
          { width: '*', text: '' },
          {
            width: 220,
            alignment: 'center',
            stack: [
              { text: nfc(h.signatory), bold: true },
              { text: '(Ký, ghi rõ họ tên, đóng dấu)', italics: true },
            ],
          },
        ],
        margin: [0, 20, 0, 0],
      },
    ],
  };
  return pdfEngine().createPdf(dd).getBuffer();
}

// --- Papers: documents of text and tables (issue 12 part 2, decision 0026) ----------------------
// The recognition decision (Mẫu 02) with its four lists, the posted lists, the village meeting
// minutes and the posting notice are paragraphs, headings and several tables under the same unit
// header and signature block. `paperXlsx` and `paperPdf` write the same parts.

export type DocumentPart =
  | { text: string; bold?: boolean; italic?: boolean; center?: boolean }
  | { heading: string }
  | { table: DocumentTable }
  | { pageBreak: true };

export interface PaperHeader extends DocumentHeader {
  /** The document's number ("Số: 125/QĐ-UBND"), when it has one. */
  number?: string;
  /** The signer's name under the capacity line. */
  signer?: string;
  orientation?: 'portrait' | 'landscape';
}

const SIGN_NOTE = '(Ký, ghi rõ họ tên, đóng dấu)';

/** The paper as one Excel sheet: header lines, then each part in order, then the signature. */
export async function paperXlsx(h: PaperHeader, parts: DocumentPart[], sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'giamngheo';
  const ws = wb.addWorksheet(sheetName, {
    pageSetup: {
      orientation: h.orientation ?? 'portrait',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const widths = parts.reduce<number[]>(
    (w, p) => ('table' in p && p.table.widths.length > w.length ? p.table.widths : w),
    [8, 30, 14, 20, 30],
  );
  ws.addRow([nfc(`ỦY BAN NHÂN DÂN ${h.unitName.toUpperCase()}`)]).font = { bold: true };
  if (h.number) ws.addRow([nfc(`Số: ${h.number}`)]);
  ws.addRow(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc']).font = { bold: true };
  ws.addRow([nfc(placeAndDate(h.unitName, h.date))]).font = { italic: true };
  ws.addRow([]);
  ws.addRow([nfc(h.title)]).font = { bold: true, size: 13 };
  if (h.subtitle) ws.addRow([nfc(h.subtitle)]);
  for (const p of parts) {
    if ('pageBreak' in p) {
      ws.addRow([]).addPageBreak();
    } else if ('heading' in p) {
      ws.addRow([]);
      ws.addRow([nfc(p.heading)]).font = { bold: true, size: 12 };
    } else if ('text' in p) {
      ws.addRow([nfc(p.text)]).font = { bold: p.bold ?? false, italic: p.italic ?? false };
    } else {
      const t = p.table;
      for (const line of t.head) {
        const cells: string[] = [];
        for (const c of line) {
          cells.push(nfc(c.text));
          for (let i = 1; i < (c.span ?? 1); i += 1) cells.push('');
        }
        const r = ws.addRow(cells);
        r.font = { bold: true };
        r.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      }
      t.rows.forEach((cells, i) => {
        const r = ws.addRow(cells.map((c) => (typeof c === 'string' ? nfc(c) : c)));
        if (t.boldRows?.includes(i)) r.font = { bold: true };
        r.eachCell((cell) => {
          if (typeof cell.value === 'number') cell.numFmt = '#,##0';
        });
      });
      for (const n of t.notes ?? []) ws.addRow([nfc(n)]).font = { italic: true };
    }
  }
  ws.addRow([]);
  const col = Math.max(1, widths.length - 1);
  const sign = ws.addRow([]);
  sign.getCell(col).value = nfc(h.signatory);
  sign.getCell(col).font = { bold: true };
  ws.addRow([]).getCell(col).value = SIGN_NOTE;
  if (h.signer) ws.addRow([]).getCell(col).value = nfc(h.signer);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function pdfTable(t: DocumentTable): unknown {
  const width = t.widths.length;
  const head = t.head.map((line) => {
    const out: unknown[] = [];
    for (const c of line) {
      const span = c.span ?? 1;
      out.push({
        text: nfc(c.text),
        bold: true,
        alignment: 'center',
        ...(span > 1 ? { colSpan: span } : {}),
      });
      for (let i = 1; i < span; i += 1) out.push('');
    }
    while (out.length < width) out.push('');
    return out;
  });
  const body = [
    ...head,
    ...t.rows.map((cells, i) =>
      cells.map((c) =>
        typeof c === 'number'
          ? { text: digits(c), alignment: 'right', bold: t.boldRows?.includes(i) ?? false }
          : { text: nfc(c ?? ''), bold: t.boldRows?.includes(i) ?? false },
      ),
    ),
  ];
  // pdfmake needs at least one body row after the header rows.
  if (t.rows.length === 0)
    body.push(Array.from({ length: width }, (_, i) => (i === 1 ? '(không có hộ nào)' : '')));
  const sum = t.widths.reduce((a, b) => a + b, 0);
  return [
    {
      table: {
        headerRows: t.head.length,
        widths: t.widths.map((w) => `${((w / sum) * 100).toFixed(2)}%`),
        body,
      },
      layout: 'lightHorizontalLines',
      margin: [0, 4, 0, 4],
    },
    ...(t.notes ?? []).map((n) => ({ text: nfc(n), italics: true, margin: [0, 2, 0, 0] })),
  ];
}

/** The paper as a PDF (A4, Roboto): the same header, parts and signature. */
export async function paperPdf(h: PaperHeader, parts: DocumentPart[]): Promise<Buffer> {
  const content: unknown[] = [
    {
      columns: [
        {
          width: '*',
          alignment: 'center',
          stack: [
            'ỦY BAN NHÂN DÂN',
            { text: nfc(h.unitName.toUpperCase()), bold: true },
            ...(h.number ? [{ text: nfc(`Số: ${h.number}`), margin: [0, 4, 0, 0] }] : []),
          ],
        },
        {
          width: '*',
          alignment: 'center',
          stack: [
            { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
            { text: 'Độc lập - Tự do - Hạnh phúc', bold: true },
            { text: nfc(placeAndDate(h.unitName, h.date)), italics: true, margin: [0, 6, 0, 0] },
          ],
        },
      ],
    },
    { text: nfc(h.title), bold: true, fontSize: 12, alignment: 'center', margin: [0, 16, 0, 4] },
    ...(h.subtitle ? [{ text: nfc(h.subtitle), alignment: 'center', margin: [0, 0, 0, 10] }] : []),
  ];
  for (const p of parts) {
    if ('pageBreak' in p) content.push({ text: '', pageBreak: 'after' });
    else if ('heading' in p)
      content.push({
        text: nfc(p.heading),
        bold: true,
        fontSize: 10,
        alignment: 'center',
        margin: [0, 10, 0, 4],
      });
    else if ('text' in p)
      content.push({
        text: nfc(p.text),
        bold: p.bold ?? false,
        italics: p.italic ?? false,
        alignment: p.center ? 'center' : 'justify',
        margin: [0, 2, 0, 2],
      });
    else content.push(...(pdfTable(p.table) as unknown[]));
  }
  content.push({
    columns: [
      { width: '*', text: '' },
      {
        width: 220,
        alignment: 'center',
        stack: [
          { text: nfc(h.signatory), bold: true },
          { text: SIGN_NOTE, italics: true },
          ...(h.signer ? [{ text: nfc(h.signer), bold: true, margin: [0, 36, 0, 0] }] : []),
        ],
      },
    ],
    margin: [0, 20, 0, 0],
  });
  const dd = {
    pageSize: 'A4',
    pageOrientation: h.orientation ?? 'portrait',
    pageMargins: [40, 36, 36, 36],
    info: { title: nfc(h.title), creator: 'giamngheo' },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    content,
  };
  return pdfEngine().createPdf(dd).getBuffer();
}
