// The Fund for the Poor's public disclosure pages (issue 16). They receive only what
// src/services/front/disclosure.service.ts lets out; words of codes come from the catalogue.
import { formatDateVn } from '../domain/dates.js';
import { formatCount, formatVnd } from '../domain/format.js';
import { neutraliseRow } from '../domain/spreadsheet.js';
import { wordOfCode, type Lang } from '../domain/words/catalogue.js';
import type { PublicDonorLine } from '../domain/front/fund.js';
import type {
  DisclosedFund,
  DisclosureFeedItem,
  FundDisclosure,
} from '../services/front/disclosure.service.js';
import { escapeXml, html as h } from './html.js';
import { messagePage, type PageContext } from './views.js';

const STRINGS = {
  vi: {
    title: 'Quỹ "Vì người nghèo" – công khai thu, chi',
    intro:
      'Ủy ban Mặt trận Tổ quốc các cấp công khai số tiền vận động được và số đã chi cho hộ nghèo, hộ cận nghèo. Người ủng hộ đề nghị không nêu tên được ghi là "Nhà hảo tâm không nêu tên"; các khoản ủng hộ nhỏ của cá nhân được cộng chung.',
    none: 'Chưa có quỹ nào công khai.',
    fundOf: (unit: string, year: number) => `Quỹ "Vì người nghèo" ${unit} năm ${year}`,
    year: 'Năm',
    received: 'Đã vận động',
    spent: 'Đã chi',
    transferredIn: 'Nhận điều chuyển',
    transferredOut: 'Điều chuyển đi',
    balance: 'Số dư',
    peak: (from: string, to: string) => `Tháng cao điểm "Vì người nghèo" (${from}–${to})`,
    peakTotal: (total: string, gifts: string) => `Đã vận động ${total} qua ${gifts} lượt ủng hộ.`,
    peakProgress: (pct: string, last: string) => `Đạt ${pct} so với tháng cao điểm năm trước (${last}).`,
    peakDays: (n: number, of: number) => `Ngày thứ ${n} trên ${of} ngày của đợt vận động.`,
    peakNoLastYear: 'Chưa có số liệu tháng cao điểm năm trước của quỹ này để so sánh.',
    peakYardstick:
      'Không có chỉ tiêu vận động được giao trên hệ thống: mức đạt được so với số đã vận động trong tháng cao điểm năm trước của cùng Ủy ban MTTQ.',
    week: 'Đến hết ngày',
    runningTotal: 'Lũy kế',
    donors: 'Danh sách ủng hộ',
    donor: 'Người, đơn vị ủng hộ',
    donorKind: 'Loại',
    campaign: 'Đợt vận động',
    value: 'Giá trị',
    anonymous: 'Nhà hảo tâm không nêu tên',
    small: (n: string) => `${n} lượt ủng hộ nhỏ của cá nhân (cộng chung)`,
    byPurpose: 'Chi theo nội dung',
    purpose: 'Nội dung',
    count: 'Số lần chi',
    households: 'Số hộ',
    amount: 'Số tiền',
    spending: 'Các khoản chi',
    date: 'Ngày',
    decision: 'Quyết định',
    reached: 'Hộ được hỗ trợ',
    otherHousehold: 'Hộ khác',
    download: 'Tải bảng (CSV)',
    feed: 'Tin công khai mới (Atom)',
    feedTitle: 'Công khai quỹ "Vì người nghèo"',
    receiptsOn: (n: string, unit: string) => `${unit}: ${n} lượt ủng hộ`,
    otherYears: 'Các năm khác',
    open: 'Xem',
    unit: 'Đơn vị',
  },
  en: {
    title: 'The Fund for the Poor – receipts and spending',
    intro:
      'The Fatherland Front committees publish what they raise and what they spend on poor and near-poor households. Donors who asked not to be named appear as "Anonymous donor"; small gifts of individuals are added up.',
    none: 'No fund has been published yet.',
    fundOf: (unit: string, year: number) => `Fund for the Poor of ${unit}, ${year}`,
    year: 'Year',
    received: 'Raised',
    spent: 'Spent',
    transferredIn: 'Received from other levels',
    transferredOut: 'Transferred to other levels',
    balance: 'Balance',
    peak: (from: string, to: string) => `Peak month for the poor (${from}–${to})`,
    peakTotal: (total: string, gifts: string) => `${total} raised from ${gifts} gifts.`,
    peakProgress: (pct: string, last: string) => `${pct} of last year’s peak month (${last}).`,
    peakDays: (n: number, of: number) => `Day ${n} of the campaign’s ${of} days.`,
    peakNoLastYear: 'This fund has no figures for last year’s peak month to compare with.',
    peakYardstick:
      'No fundraising target is set in the system: progress is measured against what the same Front committee raised in last year’s peak month.',
    week: 'Until the end of',
    runningTotal: 'Running total',
    donors: 'Donors',
    donor: 'Donor',
    donorKind: 'Kind',
    campaign: 'Campaign',
    value: 'Value',
    anonymous: 'Anonymous donor',
    small: (n: string) => `${n} small gifts of individuals (added up)`,
    byPurpose: 'Spending by purpose',
    purpose: 'Purpose',
    count: 'Payments',
    households: 'Households',
    amount: 'Amount',
    spending: 'Payments',
    date: 'Date',
    decision: 'Decision',
    reached: 'Households supported',
    otherHousehold: 'Another household',
    download: 'Download the table (CSV)',
    feed: 'New disclosures (Atom)',
    feedTitle: 'Fund for the Poor disclosures',
    receiptsOn: (n: string, unit: string) => `${unit}: ${n} gifts`,
    otherYears: 'Other years',
    open: 'Open',
    unit: 'Unit',
  },
} as const;

type S = (typeof STRINGS)['vi'] | (typeof STRINGS)['en'];
const s = (lang: Lang): S => STRINGS[lang];

export const FRONT_PATH = '/cong-khai/quy';

export function fundsIndexPage(ctx: PageContext, funds: DisclosedFund[]): string {
  const t = s(ctx.lang);
  const body = h`<p>${t.intro}</p>${
    funds.length
      ? h`<table class="list"><thead><tr><th scope="col">${t.unit}</th><th scope="col">${t.year}</th><th scope="col">${t.received}</th><th scope="col">${t.spent}</th></tr></thead><tbody>${funds.map(
          (f) =>
            h`<tr><td><a href="${FRONT_PATH}/${f.unitCode}?nam=${f.year}">${f.unitName}</a></td><td>${f.year}</td><td>${formatVnd(f.received)}</td><td>${formatVnd(f.spent)}</td></tr>`,
        )}</tbody></table>`
      : h`<p>${t.none}</p>`
  }<p><a href="${FRONT_PATH}/moi.xml">${t.feed}</a></p>`;
  return messagePage(ctx, t.title, [], body);
}

function donorName(t: S, d: PublicDonorLine): string {
  return d.kind === 'named' ? d.name : d.kind === 'anonymous' ? t.anonymous : t.small(formatCount(d.count));
}

export function fundPage(ctx: PageContext, d: FundDisclosure): string {
  const t = s(ctx.lang);
  const w = (set: 'fundCampaign' | 'fundPurpose' | 'donorKind', code: string) =>
    wordOfCode(set, code, ctx.lang);
  const dl = (table: string) =>
    h`<p><a href="${FRONT_PATH}/${d.unitCode}/tai-ve?bang=${table}&amp;nam=${d.year}" download>${t.download}</a></p>`;
  const pct = d.peak.progress === null ? null : `${Math.round(d.peak.progress * 100)} %`;
  const body = h`${
    d.years.length > 1
      ? h`<p class="meta">${t.otherYears}: ${d.years.map((y, i) => h`${i ? ' · ' : ''}${y === d.year ? h`<b>${y}</b>` : h`<a href="${FRONT_PATH}/${d.unitCode}?nam=${y}">${y}</a>`}`)}</p>`
      : null
  }
<table class="list"><tbody>
<tr><th scope="row">${t.received}</th><td>${formatVnd(d.received)}</td></tr>
<tr><th scope="row">${t.transferredIn}</th><td>${formatVnd(d.transferredIn)}</td></tr>
<tr><th scope="row">${t.spent}</th><td>${formatVnd(d.spent)}</td></tr>
<tr><th scope="row">${t.transferredOut}</th><td>${formatVnd(d.transferredOut)}</td></tr>
<tr><th scope="row">${t.balance}</th><td><b>${formatVnd(d.balance)}</b></td></tr>
</tbody></table>
<h2>${t.peak(formatDateVn(d.peak.from), formatDateVn(d.peak.to))}</h2>
<p>${t.peakTotal(formatVnd(d.peak.total), formatCount(d.peak.gifts))} ${t.peakDays(d.peak.daysElapsed, d.peak.days)}</p>
${
  pct && d.peak.lastYear !== null
    ? h`<p><label for="peak-progress">${t.peakProgress(pct, formatVnd(d.peak.lastYear))}</label> <meter id="peak-progress" min="0" max="1" value="${Math.min(d.peak.progress ?? 0, 1)}">${pct}</meter></p>`
    : h`<p>${t.peakNoLastYear}</p>`
}
<p class="meta">${t.peakYardstick}</p>
<table class="list"><thead><tr><th scope="col">${t.week}</th><th scope="col">${t.runningTotal}</th></tr></thead><tbody>${d.peak.weeks.map(
    (x) => h`<tr><td>${formatDateVn(x.until)}</td><td>${formatVnd(x.total)}</td></tr>`,
  )}</tbody></table>
<h2>${t.donors}</h2>
<table class="list"><thead><tr><th scope="col">${t.donor}</th><th scope="col">${t.campaign}</th><th scope="col">${t.value}</th></tr></thead><tbody>${d.donors.map(
    (x) =>
      h`<tr><td>${donorName(t, x)}</td><td>${w('fundCampaign', x.campaign)}</td><td>${formatVnd(x.value)}</td></tr>`,
  )}</tbody></table>${dl('ung-ho')}
<h2>${t.byPurpose}</h2>
<table class="list"><thead><tr><th scope="col">${t.purpose}</th><th scope="col">${t.count}</th><th scope="col">${t.households}</th><th scope="col">${t.amount}</th></tr></thead><tbody>${d.byPurpose.map(
    (x) =>
      h`<tr><td>${w('fundPurpose', x.purpose)}</td><td>${formatCount(x.count)}</td><td>${formatCount(x.households)}</td><td>${formatVnd(x.amount)}</td></tr>`,
  )}</tbody></table>${dl('noi-dung')}
<h2>${t.spending}</h2>
<table class="list"><thead><tr><th scope="col">${t.date}</th><th scope="col">${t.purpose}</th><th scope="col">${t.decision}</th><th scope="col">${t.reached}</th><th scope="col">${t.amount}</th></tr></thead><tbody>${d.spending.map(
    (x) =>
      h`<tr><td>${formatDateVn(x.date)}</td><td>${w('fundPurpose', x.purpose)}</td><td>${x.decisionNo}</td><td>${householdsText(t, x.households)}</td><td>${formatVnd(x.amount)}</td></tr>`,
  )}</tbody></table>${dl('khoan-chi')}
<p><a href="${FRONT_PATH}/moi.xml">${t.feed}</a></p>`;
  return messagePage(ctx, t.fundOf(d.unitName, d.year), [], body);
}

function householdsText(t: S, hs: FundDisclosure['spending'][number]['households']): string {
  return hs.map((x) => [x.headName ?? t.otherHousehold, x.village].filter(Boolean).join(' – ')).join('; ');
}

const csvCell = (v: unknown) => {
  const text = String(v ?? '');
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A table of the disclosure as CSV (UTF-8 with BOM for Excel), cells neutralised against formula injection. */
export function disclosureCsv(lang: Lang, d: FundDisclosure, table: string): string | null {
  const t = s(lang);
  let rows: unknown[][];
  if (table === 'ung-ho')
    rows = [
      [t.donor, t.campaign, t.value],
      ...d.donors.map((x) => [donorName(t, x), wordOfCode('fundCampaign', x.campaign, lang), x.value]),
    ];
  else if (table === 'noi-dung')
    rows = [
      [t.purpose, t.count, t.households, t.amount],
      ...d.byPurpose.map((x) => [
        wordOfCode('fundPurpose', x.purpose, lang),
        x.count,
        x.households,
        x.amount,
      ]),
    ];
  else if (table === 'khoan-chi')
    rows = [
      [t.date, t.purpose, t.decision, t.reached, t.amount],
      ...d.spending.map((x) => [
        formatDateVn(x.date),
        wordOfCode('fundPurpose', x.purpose, lang),
        x.decisionNo,
        householdsText(t, x.households),
        x.amount,
      ]),
    ];
  else return null;
  return '\uFEFF' + rows.map((r) => neutraliseRow(r).map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Atom feed of new disclosures. */
export function disclosureAtom(origin: string, lang: Lang, items: DisclosureFeedItem[]): string {
  const t = s(lang);
  const updated = items[0] ? `${items[0].date}T00:00:00Z` : new Date(0).toISOString();
  const entries = items
    .map((i) => {
      const url = `${origin}${FRONT_PATH}/${i.unitCode}?nam=${i.year}`;
      const title =
        i.kind === 'spending'
          ? `${i.unitName}: ${wordOfCode('fundPurpose', i.purpose, lang)} – ${formatVnd(i.amount)}`
          : `${t.receiptsOn(formatCount(i.count), i.unitName)} – ${formatVnd(i.amount)}`;
      return `<entry><title>${escapeXml(title)}</title><link href="${escapeXml(url)}"/><id>${escapeXml(`${origin}${FRONT_PATH}#${i.id}`)}</id><updated>${i.date}T00:00:00Z</updated><summary>${escapeXml(`${formatDateVn(i.date)} · ${title}`)}</summary></entry>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}"><title>${escapeXml(t.feedTitle)}</title><link href="${escapeXml(origin + FRONT_PATH)}"/><link rel="self" href="${escapeXml(origin + FRONT_PATH + '/moi.xml')}"/><id>${escapeXml(origin + FRONT_PATH)}</id><updated>${updated}</updated><author><name>${escapeXml(t.feedTitle)}</name></author>${entries}</feed>`;
}
