// The year's balance as the documents a commune hands to the province (XLSX and PDF, built once
// as a DocumentTable by src/services/documents/official.ts): per unit the resident households, then
// for the poor and the near-poor the start, the flows and the end, with the end's ratio to the
// resident households in Vietnamese format ("1,23 %", or "chưa có số hộ dân cư").
import { vnDateOf } from '../../domain/dates.js';
import { formatPercent } from '../../domain/format.js';
import { WORDS, wordOf } from '../../domain/words/catalogue.js';
import { rateOf, type BalanceTerms } from '../../domain/registry/balance.js';
import { documentPdf, documentXlsx, type DocumentHeader, type DocumentTable } from '../documents/official.js';
import type { Deps } from '../deps.js';
import type { Balance } from './balance.service.js';

/** The balance's terms in the order of the identity (their words: the catalogue's `balanceTerm`). */
export const BALANCE_TERMS = Object.keys(WORDS.balanceTerm) as (keyof BalanceTerms)[];

export const NO_RESIDENTS = 'chưa có số hộ dân cư';

function ratio(n: number, residents: number | null): string {
  const r = rateOf(n, residents);
  return r === null ? NO_RESIDENTS : formatPercent(r, 2);
}

export function balanceTable(b: Balance): DocumentTable {
  const line = (name: string, residents: number | null, poor: BalanceTerms, near: BalanceTerms) => [
    name,
    residents,
    ...BALANCE_TERMS.map((k) => poor[k]),
    ratio(poor.end, residents),
    ...BALANCE_TERMS.map((k) => near[k]),
    ratio(near.end, residents),
  ];
  const rows = b.rows.map((r, i) => [
    i + 1,
    ...line(`${r.unit.name} (${r.unit.code})`, r.residentHouseholds, r.poor, r.nearPoor),
  ]);
  rows.push(['', ...line('Tổng cộng', b.total.residentHouseholds, b.total.poor, b.total.nearPoor)]);
  const terms = BALANCE_TERMS.map((k) => ({ text: wordOf('balanceTerm', k, 'vi') }));
  return {
    head: [
      [
        { text: 'TT' },
        { text: 'Đơn vị' },
        { text: 'Tổng số hộ dân cư' },
        { text: 'Hộ nghèo', span: 8 },
        { text: 'Hộ cận nghèo', span: 8 },
      ],
      [
        { text: '' },
        { text: '' },
        { text: '' },
        ...terms,
        { text: 'Tỷ lệ cuối kỳ' },
        ...terms,
        { text: 'Tỷ lệ cuối kỳ' },
      ],
    ],
    rows,
    boldRows: [rows.length - 1],
    widths: [5, 30, 11, ...Array(8).fill(9), ...Array(8).fill(9)],
    notes: [
      'Cuối kỳ = Đầu kỳ − Thoát + Phát sinh + Tái + Chuyển đến − Chuyển đi. Đầu kỳ: danh sách đã công nhận của kỳ trước; chỉ tính kết quả đã công nhận.',
      'Chuyển đi gồm cả hộ của danh sách đầu kỳ chưa có kết quả rà soát được công nhận trong kỳ.',
    ],
  };
}

function header(deps: Deps, b: Balance): DocumentHeader {
  return {
    unitName: b.unit.name,
    date: vnDateOf(deps.now()),
    title: `BÁO CÁO DIỄN BIẾN HỘ NGHÈO, HỘ CẬN NGHÈO NĂM ${b.period}`,
    subtitle: `Kết quả rà soát kỳ ${b.period} (danh sách năm ${b.period + 1}) — ${b.unit.name}`,
    signatory: 'TM. ỦY BAN NHÂN DÂN',
  };
}

export async function balanceXlsx(deps: Deps, b: Balance): Promise<Buffer> {
  return documentXlsx(header(deps, b), balanceTable(b), `Can doi ${b.period}`);
}

export async function balancePdf(deps: Deps, b: Balance): Promise<Buffer> {
  return documentPdf(header(deps, b), balanceTable(b));
}
