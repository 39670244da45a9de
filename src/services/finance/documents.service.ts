// Printable documents of program finance: the proposal to the province to stop or move the
// allocations that cannot be implemented ("cannot be implemented" report), in XLSX (exceljs) and
// PDF (pdfmake 0.3 with its bundled Roboto, which renders Vietnamese; text is NFC-normalised
// first, and the standard-14 fonts are never used). Amounts are also written in words.
import { neutraliseRow } from '../../domain/spreadsheet.js';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.js';
import { formatDateVn, vnDateOf } from '../../domain/dates.js';
import { formatVnd } from '../../domain/format.js';
import { amountInWords } from '../../domain/finance/amount-words.js';
import { wordOfCode } from '../../domain/words/catalogue.js';
import { findComponentById, listIssues } from '../../db/repositories/finance.repository.js';
import { findUnitOn } from '../../db/repositories/units.repository.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import type { Actor, Deps } from '../deps.js';
import { ISSUE_REASON_LABELS, listAllocations, type AllocationView } from './allocations.service.js';
import { reqText, reqYear } from './common.js';
import { nfc, pdfEngine } from '../pdf.js';

export interface ProposalLine {
  allocation: AllocationView;
  reason: string;
  reasonLabel: string;
  detail: string;
  amount: number;
  proposal: 'stop' | 'move';
  proposalLabel: string;
  recordedOn: string;
}

export interface Proposal {
  unit: { code: string; name: string };
  province: { code: string; name: string };
  year: number;
  date: string;
  lines: ProposalLine[];
  total: number;
  totalInWords: string;
}

/** The proposal's content: every recorded issue of the unit's allocations of the year. */
export async function buildProposal(
  deps: Deps,
  actor: Actor,
  q: { unitCode: unknown; year: unknown; allocationId?: number },
): Promise<Proposal> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const year = reqYear(deps, q.year);
  const unitCode = reqText(q.unitCode, 'unit', 10);
  await requireUnitAccess(db, actor, unitCode);
  const allocations = (await listAllocations(deps, actor, { year, unitCode })).filter(
    (a) => q.allocationId === undefined || a.id === q.allocationId,
  );
  const lines: ProposalLine[] = [];
  for (const a of allocations) {
    for (const i of await listIssues(db, a.id)) {
      const target =
        i.target_component_id === null ? undefined : await findComponentById(db, i.target_component_id);
      lines.push({
        allocation: a,
        reason: i.reason,
        reasonLabel: ISSUE_REASON_LABELS[i.reason as keyof typeof ISSUE_REASON_LABELS]?.vi ?? i.reason,
        detail: i.detail,
        amount: i.amount,
        proposal: i.proposal === 'move' ? 'move' : 'stop',
        proposalLabel:
          i.proposal === 'move'
            ? `Điều chuyển sang ${target?.code ?? ''} – ${target?.name ?? ''}`
            : 'Dừng thực hiện, trả lại nguồn vốn',
        recordedOn: i.recorded_on,
      });
    }
  }
  if (lines.length === 0)
    throw new AppError('NOT_FOUND', {
      what: `nội dung không thực hiện được của ${unitCode} năm ${year} / issues of ${unitCode} in ${year}`,
    });
  const on = `${year}-12-31`;
  const unit = (await findUnitOn(db, unitCode, on)) ?? (await findUnitOn(db, unitCode, `${year}-01-01`))!;
  const province = await findUnitOn(db, unit.province_code, on);
  const total = lines.reduce((s, l) => s + l.amount, 0);
  return {
    unit: { code: unit.code, name: unit.name },
    province: { code: unit.province_code, name: province?.name ?? unit.province_code },
    year,
    date: vnDateOf(deps.now()),
    lines,
    total,
    totalInWords: amountInWords(total),
  };
}

const capital = (c: string) => wordOfCode('capitalType', c, 'vi');
const source = (s: string) => wordOfCode('fundSource', s, 'vi');

function title(p: Proposal): string {
  return `BÁO CÁO CÁC NỘI DUNG KHÔNG THỰC HIỆN ĐƯỢC VÀ ĐỀ XUẤT DỪNG HOẶC ĐIỀU CHUYỂN VỐN NĂM ${p.year}`;
}

function dateLine(p: Proposal): string {
  const [y, m, d] = p.date.split('-');
  const place = p.unit.name.replace(/^(Thành phố|Thị xã|Huyện|Quận|Phường|Xã|Thị trấn)\s+/u, '');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

const HEADERS = [
  'STT',
  'Dự án / tiểu dự án',
  'Quyết định giao vốn',
  'Loại vốn',
  'Nguồn vốn',
  'Kế hoạch vốn (đồng)',
  'Đã giải ngân (đồng)',
  'Số không thực hiện được (đồng)',
  'Lý do',
  'Đề xuất',
];

function rowOf(l: ProposalLine, i: number): (string | number)[] {
  const a = l.allocation;
  return [
    i + 1,
    `${a.componentCode} – ${a.componentName}`,
    `${a.decisionNo} ngày ${formatDateVn(a.decisionDate)}`,
    capital(a.capitalType),
    source(a.source),
    a.planned,
    a.disbursed,
    l.amount,
    `${l.reasonLabel}: ${l.detail}`,
    l.proposalLabel,
  ].map((v) => (typeof v === 'string' ? nfc(v) : v));
}

/** The proposal as an Excel workbook (one sheet, numbers as numbers with a thousands format). */
export async function proposalXlsx(p: Proposal): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'giamngheo';
  const ws = wb.addWorksheet('De xuat', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1 },
  });
  // Every cell through neutraliseRow: unit names, decisions and reasons are typed by people.
  const add = (cells: (string | number)[]) => ws.addRow(neutraliseRow(cells));
  add([nfc(`ỦY BAN NHÂN DÂN ${p.unit.name.toUpperCase()}`)]);
  add(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc']);
  add([nfc(dateLine(p))]);
  add([]);
  add([nfc(title(p))]).font = { bold: true, size: 13 };
  add([nfc(`Kính gửi: Ủy ban nhân dân ${p.province.name}`)]);
  add([]);
  const header = add(HEADERS);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  p.lines.forEach((l, i) => {
    const r = add(rowOf(l, i));
    r.alignment = { wrapText: true, vertical: 'top' };
  });
  const totalRow = add(['', 'Tổng cộng', '', '', '', '', '', p.total, '', '']);
  totalRow.font = { bold: true };
  add([nfc(`Bằng chữ: ${p.totalInWords}.`)]).font = { italic: true };
  for (const c of [6, 7, 8]) ws.getColumn(c).numFmt = '#,##0';
  [6, 36, 24, 18, 18, 16, 16, 18, 40, 32].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The proposal as a PDF (A4 landscape, Roboto). */
export async function proposalPdf(p: Proposal): Promise<Buffer> {
  const body = [
    HEADERS.map((h) => ({ text: h, bold: true, alignment: 'center' })),
    ...p.lines.map((l, i) =>
      rowOf(l, i).map((v, j) =>
        typeof v === 'number' && j >= 5
          ? { text: formatVnd(v, false), alignment: 'right' }
          : { text: String(v) },
      ),
    ),
    [
      { text: 'Tổng cộng', colSpan: 7, bold: true },
      '',
      '',
      '',
      '',
      '',
      '',
      { text: formatVnd(p.total, false), bold: true, alignment: 'right' },
      '',
      '',
    ],
  ];
  const dd = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 36, 36, 36],
    info: { title: nfc(title(p)), creator: 'giamngheo' },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    content: [
      {
        columns: [
          {
            width: '*',
            alignment: 'center',
            stack: [nfc(`ỦY BAN NHÂN DÂN`), { text: nfc(p.unit.name.toUpperCase()), bold: true }],
          },
          {
            width: '*',
            alignment: 'center',
            stack: [
              { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
              { text: 'Độc lập - Tự do - Hạnh phúc', bold: true },
              { text: nfc(dateLine(p)), italics: true, margin: [0, 6, 0, 0] },
            ],
          },
        ],
      },
      { text: nfc(title(p)), bold: true, fontSize: 12, alignment: 'center', margin: [0, 18, 0, 6] },
      {
        text: nfc(`Kính gửi: Ủy ban nhân dân ${p.province.name}`),
        alignment: 'center',
        margin: [0, 0, 0, 12],
      },
      {
        table: { headerRows: 1, widths: [22, '*', 70, 55, 55, 62, 62, 66, 110, 90], body },
        layout: 'lightHorizontalLines',
      },
      { text: nfc(`Bằng chữ: ${p.totalInWords}.`), italics: true, margin: [0, 8, 0, 0] },
      {
        text: nfc(
          `Ủy ban nhân dân ${p.unit.name} kính đề nghị Ủy ban nhân dân ${p.province.name} xem xét, cho phép dừng thực hiện hoặc điều chuyển số vốn nêu trên theo đề xuất.`,
        ),
        margin: [0, 8, 0, 0],
      },
      {
        columns: [
          { width: '*', text: '' },
          {
            width: 220,
            alignment: 'center',
            stack: [
              { text: 'TM. ỦY BAN NHÂN DÂN', bold: true },
              { text: '(Ký, ghi rõ họ tên, đóng dấu)', italics: true },
            ],
          },
        ],
        margin: [0, 24, 0, 0],
      },
    ],
  };
  return pdfEngine().createPdf(dd).getBuffer();
}
