// The Annex VII tables as documents (XLSX and PDF from one DocumentTable, src/services/documents/
// official.ts): one document per table, with the unit's header, the signature block and ratios in
// Vietnamese format ("1,23 %", or "chưa có số hộ dân cư"). The layouts are the design default of
// report-forms.md §1 (the templates' own columns are UNCONFIRMED), and each document says so.
import { vnDateOf } from '../../domain/dates.js';
import { formatPercent } from '../../domain/format.js';
import { rateOf } from '../../domain/registry/balance.js';
import { ANNEX7_GROUPS, type Annex7Figures, type Annex7Table } from '../../domain/reports/annex7.js';
import { INDICATOR_KEYS } from '../../domain/standards/standard.js';
import { wordOf } from '../../domain/words/catalogue.js';
import {
  documentPdf,
  documentXlsx,
  type DocumentCell,
  type DocumentHeader,
  type DocumentTable,
} from '../documents/official.js';
import type { Deps } from '../deps.js';
import type { Annex7 } from './annex7.service.js';
import { NO_RESIDENTS } from './balance-documents.service.js';

/** A rate over the resident households; "—" without them (the notes say why: narrow columns). */
function ratio(n: number, of: number | null): string {
  const r = rateOf(n, of);
  return r === null ? '—' : formatPercent(r, 2);
}

/** A share among the poor (or near-poor): "—" when there are none. */
function share(n: number, of: number): string {
  const r = rateOf(n, of);
  return r === null ? '—' : formatPercent(r, 2);
}

const UNCONFIRMED =
  'Mẫu biểu theo bố cục mặc định: tiêu đề và các cột của mẫu số 7.x Phụ lục VII Thông tư 07/2021/TT-BLĐTBXH (sửa đổi bởi Thông tư 02/2022/TT-BLĐTBXH) chưa được xác nhận.';
const RECOGNISED = `Chỉ tính kết quả rà soát đã được công nhận (Mẫu số 02); tỷ lệ tính trên tổng số hộ dân cư của năm («—»: ${NO_RESIDENTS} của ít nhất một xã).`;

/** The labelled rows of the unit tables: areas first (or areas with their communes), then the total. */
function unitLines(a: Annex7): { label: string; f: Annex7Figures; bold: boolean; n: number | string }[] {
  const out: { label: string; f: Annex7Figures; bold: boolean; n: number | string }[] = [];
  const roman = ['I', 'II', 'III'];
  const grouped = a.rows.every((r) => r.area !== null);
  if (grouped) {
    // Child communes (or a commune): each area's sum, then its communes.
    a.areas.forEach((area, i) => {
      out.push({ label: wordOf('annex7Area', area.area, 'vi'), f: area, bold: true, n: roman[i]! });
      a.rows
        .filter((r) => r.area === area.area)
        .forEach((r, j) =>
          out.push({ label: `${r.unit.name} (${r.unit.code})`, f: r, bold: false, n: j + 1 }),
        );
    });
  } else {
    a.areas.forEach((area, i) =>
      out.push({ label: wordOf('annex7Area', area.area, 'vi'), f: area, bold: true, n: roman[i]! }),
    );
    a.rows.forEach((r, j) =>
      out.push({ label: `${r.unit.name} (${r.unit.code})`, f: r, bold: false, n: j + 1 }),
    );
  }
  out.push({ label: 'Tổng cộng', f: a.total, bold: true, n: '' });
  return out;
}

function unitTable(
  a: Annex7,
  groupHead: { text: string; span?: number }[],
  subHead: { text: string }[],
  cells: (f: Annex7Figures) => DocumentCell[],
  widths: number[],
  notes: string[],
): DocumentTable {
  const lines = unitLines(a);
  return {
    head: [
      [{ text: 'TT' }, { text: 'Đơn vị' }, { text: 'Tổng số hộ dân cư' }, ...groupHead],
      [{ text: '' }, { text: '' }, { text: '' }, ...subHead],
    ],
    rows: lines.map((l) => [l.n, l.label, l.f.residentHouseholds, ...cells(l.f)]),
    boldRows: lines.flatMap((l, i) => (l.bold ? [i] : [])),
    widths: [5, 30, 11, ...widths],
    notes: [...notes, RECOGNISED, UNCONFIRMED],
  };
}

export function annex7Table(a: Annex7, table: Annex7Table): DocumentTable {
  const pair = [{ text: 'Số hộ' }, { text: 'Tỷ lệ (%)' }];
  switch (table) {
    case 'area':
      return unitTable(
        a,
        [
          { text: 'Hộ nghèo', span: 2 },
          { text: 'Hộ cận nghèo', span: 2 },
        ],
        [...pair, ...pair],
        (f) => [
          f.poor,
          ratio(f.poor, f.residentHouseholds),
          f.nearPoor,
          ratio(f.nearPoor, f.residentHouseholds),
        ],
        [10, 11, 10, 11],
        [
          'Khu vực: theo loại đơn vị hành chính vào ngày báo cáo (xã: nông thôn; phường, thị trấn: thành thị).',
        ],
      );
    case 'ethnic':
      return unitTable(
        a,
        [
          { text: 'Hộ nghèo', span: 3 },
          { text: 'Hộ cận nghèo', span: 3 },
        ],
        [
          { text: 'Tổng số' },
          { text: 'Hộ DTTS' },
          { text: 'Tỷ lệ (%)' },
          { text: 'Tổng số' },
          { text: 'Hộ DTTS' },
          { text: 'Tỷ lệ (%)' },
        ],
        (f) => {
          const e = f.groups['ethnic-minority'];
          return [
            f.poor,
            e.poor,
            ratio(e.poor, f.residentHouseholds),
            f.nearPoor,
            e.nearPoor,
            ratio(e.nearPoor, f.residentHouseholds),
          ];
        },
        [10, 10, 11, 10, 10, 11],
        [
          'Hộ dân tộc thiểu số (DTTS): hộ có thành viên thuộc một dân tộc thiểu số (danh mục 54 dân tộc, Quyết định 121-TCTK/PPCĐ năm 1979).',
        ],
      );
    case 'groups':
      return unitTable(
        a,
        ANNEX7_GROUPS.map((g) => ({ text: wordOf('householdGroup', g, 'vi'), span: 4 })),
        ANNEX7_GROUPS.flatMap(() => [
          { text: 'Hộ nghèo' },
          { text: 'Tỷ lệ (%)' },
          { text: 'Hộ cận nghèo' },
          { text: 'Tỷ lệ (%)' },
        ]),
        (f) =>
          ANNEX7_GROUPS.flatMap((g) => [
            f.groups[g].poor,
            ratio(f.groups[g].poor, f.residentHouseholds),
            f.groups[g].nearPoor,
            ratio(f.groups[g].nearPoor, f.residentHouseholds),
          ]),
        ANNEX7_GROUPS.flatMap(() => [8, 9, 8, 9]),
        [
          'Bảo trợ xã hội: hộ có thành viên hưởng trợ cấp xã hội hằng tháng. Hộ có chủ hộ là nữ: theo giới tính của chủ hộ. Không có khả năng lao động: theo kết quả phân loại.',
        ],
      );
    case 'deprivation': {
      const t = a.total;
      const rows: DocumentCell[][] = INDICATOR_KEYS.map((k, i) => [
        i + 1,
        wordOf('indicator', k, 'vi'),
        t.deprivations[k].poor,
        share(t.deprivations[k].poor, t.poor),
        t.deprivations[k].nearPoor,
        share(t.deprivations[k].nearPoor, t.nearPoor),
      ]);
      rows.push([
        '',
        wordOf('householdGroup', 'no-labour', 'vi'),
        t.groups['no-labour'].poor,
        share(t.groups['no-labour'].poor, t.poor),
        t.groups['no-labour'].nearPoor,
        share(t.groups['no-labour'].nearPoor, t.nearPoor),
      ]);
      rows.push(['', 'Tổng số hộ', t.poor, '', t.nearPoor, '']);
      return {
        head: [
          [
            { text: 'TT' },
            { text: 'Chỉ số thiếu hụt' },
            { text: 'Hộ nghèo', span: 2 },
            { text: 'Hộ cận nghèo', span: 2 },
          ],
          [
            { text: '' },
            { text: '' },
            { text: 'Số hộ thiếu hụt' },
            { text: 'Tỷ lệ trong số hộ nghèo (%)' },
            { text: 'Số hộ thiếu hụt' },
            { text: 'Tỷ lệ trong số hộ cận nghèo (%)' },
          ],
        ],
        rows,
        boldRows: [rows.length - 1],
        widths: [5, 40, 12, 14, 12, 14],
        notes: [RECOGNISED, UNCONFIRMED],
      };
    }
  }
}

const TITLES: Record<Annex7Table, string> = {
  area: 'SỐ HỘ NGHÈO, HỘ CẬN NGHÈO THEO KHU VỰC THÀNH THỊ, NÔNG THÔN',
  ethnic: 'SỐ HỘ NGHÈO, HỘ CẬN NGHÈO LÀ HỘ DÂN TỘC THIỂU SỐ',
  groups: 'SỐ HỘ NGHÈO, HỘ CẬN NGHÈO THEO NHÓM HỘ',
  deprivation: 'SỐ HỘ NGHÈO, HỘ CẬN NGHÈO THIẾU HỤT THEO TỪNG CHỈ SỐ',
};

function header(deps: Deps, a: Annex7, table: Annex7Table): DocumentHeader {
  return {
    unitName: a.unit.name,
    date: vnDateOf(deps.now()),
    title: `${TITLES[table]} NĂM ${a.period}`,
    subtitle: `Kết quả rà soát kỳ ${a.period} (danh sách năm ${a.period + 1}) — ${a.unit.name}`,
    signatory: 'TM. ỦY BAN NHÂN DÂN',
  };
}

export async function annex7Xlsx(deps: Deps, a: Annex7, table: Annex7Table): Promise<Buffer> {
  return documentXlsx(header(deps, a, table), annex7Table(a, table), `Phu luc VII ${table}`);
}

export async function annex7Pdf(deps: Deps, a: Annex7, table: Annex7Table): Promise<Buffer> {
  return documentPdf(header(deps, a, table), annex7Table(a, table));
}
