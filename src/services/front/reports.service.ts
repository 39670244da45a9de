// The Front's reports (issue 16), as XLSX and PDF through the official document layout
// (src/services/documents/official.ts): the fund's yearly statement of receipts and spending, and
// the Great Solidarity houses per unit. Both files hold the same cells by construction.
import { wordOfCode } from '../../domain/words/catalogue.js';
import { FUND_CAMPAIGNS, SPENDING_PURPOSES } from '../../domain/front/fund.js';
import { documentPdf, documentXlsx, type DocumentHeader, type DocumentTable } from '../documents/official.js';
import type { Actor, Deps } from '../deps.js';
import { todayVn } from '../input.js';
import { showFund } from './fund.service.js';
import { housesByUnit } from './houses.service.js';
import { unitNameOf } from './common.js';

export type DocumentFormat = 'xlsx' | 'pdf';

export interface FrontDocument {
  header: DocumentHeader;
  table: DocumentTable;
  sheetName: string;
  fileName: string;
}

/** The fund's statement of the year: what came in (by campaign, and from other levels), what went out (by purpose, and to other levels), the balance. */
export async function fundStatement(deps: Deps, actor: Actor, fundId: unknown): Promise<FrontDocument> {
  const d = await showFund(deps, actor, fundId);
  const f = d.fund;
  const rows: (string | number | null)[][] = [];
  let n = 0;
  const line = (label: string, count: number | null, amount: number) =>
    rows.push([String(++n), label, count, amount]);
  rows.push(['I', 'Thu / Receipts', null, f.received + f.transferredIn]);
  for (const c of FUND_CAMPAIGNS) {
    const rs = d.receipts.filter((r) => r.campaign === c);
    if (rs.length)
      line(
        wordOfCode('fundCampaign', c, 'vi'),
        rs.length,
        rs.reduce((s, r) => s + r.value, 0),
      );
  }
  const tin = d.transfers.filter((t) => t.direction === 'in');
  if (tin.length)
    line(
      'Nhận điều chuyển, số dư chuyển sang / From other levels and carried over',
      tin.length,
      f.transferredIn,
    );
  n = 0;
  rows.push(['II', 'Chi / Spending', null, f.spent + f.transferredOut]);
  for (const p of SPENDING_PURPOSES) {
    const ss = d.spending.filter((s) => s.purpose === p);
    if (ss.length)
      line(
        wordOfCode('fundPurpose', p, 'vi'),
        ss.length,
        ss.reduce((s, x) => s + x.amount, 0),
      );
  }
  const tout = d.transfers.filter((t) => t.direction === 'out');
  if (tout.length)
    line(
      'Điều chuyển, chuyển số dư sang năm sau / To other levels and carried over',
      tout.length,
      f.transferredOut,
    );
  rows.push(['III', 'Số dư cuối năm / Balance at the end of the year', null, f.balance]);
  const bold = rows.map((r, i) => (/^I+$/.test(String(r[0])) ? i : -1)).filter((i) => i >= 0);
  return {
    header: {
      unitName: `Ủy ban MTTQ Việt Nam ${f.unitName}`,
      date: todayVn(deps),
      title: `BÁO CÁO THU, CHI QUỸ "VÌ NGƯỜI NGHÈO" NĂM ${f.year}`,
      subtitle: `${f.unitName} – Statement of the Fund for the Poor, ${f.year}`,
      signatory: 'TM. BAN THƯỜNG TRỰC',
    },
    table: {
      head: [
        [
          { text: 'STT' },
          { text: 'Nội dung / Item' },
          { text: 'Số lượt / Count' },
          { text: 'Số tiền (đồng) / Amount' },
        ],
      ],
      rows,
      boldRows: bold,
      widths: [6, 60, 14, 22],
      notes: [
        'Giá trị hiện vật được quy ra tiền theo giá trị ghi trên biên nhận. / In-kind gifts at the value stated on their receipts.',
      ],
    },
    sheetName: 'Quỹ VNN',
    fileName: `quy-vi-nguoi-ngheo-${f.unitCode}-${f.year}`,
  };
}

/** Houses per commune within the actor's scope (or under `unitCode`): stages, costs, housing outcome. */
export async function housesReport(
  deps: Deps,
  actor: Actor,
  q: { unitCode?: unknown } = {},
): Promise<FrontDocument> {
  const r = await housesByUnit(deps, actor, q);
  const unitCode =
    typeof q.unitCode === 'string' && q.unitCode ? q.unitCode : actor.kind === 'user' ? actor.unitCode : null;
  const unitName = unitCode ? await unitNameOf(deps.db.kysely, unitCode, todayVn(deps)) : 'Toàn quốc';
  const row = (name: string, x: typeof r.total, no: string | null) => [
    no,
    name,
    x.approved,
    x.underConstruction,
    x.handedOver,
    x.estimatedCost,
    x.actualCost,
    x.lifted,
  ];
  return {
    header: {
      unitName: `Ủy ban MTTQ Việt Nam ${unitName}`,
      date: todayVn(deps),
      title: 'BÁO CÁO NHÀ ĐẠI ĐOÀN KẾT THEO ĐƠN VỊ',
      subtitle: 'Great Solidarity houses per unit',
      signatory: 'TM. BAN THƯỜNG TRỰC',
    },
    table: {
      head: [
        [
          { text: 'STT' },
          { text: 'Đơn vị / Unit' },
          { text: wordOfCode('houseStage', 'approved', 'vi') },
          { text: wordOfCode('houseStage', 'under-construction', 'vi') },
          { text: wordOfCode('houseStage', 'handed-over', 'vi') },
          { text: 'Dự toán (đồng) / Estimated' },
          { text: 'Thực tế (đồng) / Actual' },
          { text: 'Hết thiếu hụt nhà ở / Out of housing deprivation' },
        ],
      ],
      rows: [
        ...r.rows.map((x, i) => row(x.communeName, x, String(i + 1))),
        row('Tổng cộng / Total', r.total, null),
      ],
      boldRows: [r.rows.length],
      widths: [6, 30, 12, 12, 12, 18, 18, 16],
      notes: [
        'Hết thiếu hụt nhà ở: nhà đã bàn giao mà lần khảo sát kế tiếp của hộ không còn thiếu hụt chỉ số chất lượng và diện tích nhà ở. / Out of housing deprivation: handed-over houses whose household’s next survey shows neither housing indicator deprived.',
      ],
    },
    sheetName: 'Nhà ĐĐK',
    fileName: 'nha-dai-doan-ket',
  };
}

export async function renderDocument(doc: FrontDocument, format: DocumentFormat): Promise<Buffer> {
  return format === 'pdf'
    ? documentPdf(doc.header, doc.table)
    : documentXlsx(doc.header, doc.table, doc.sheetName);
}
