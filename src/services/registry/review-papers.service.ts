// The papers of a commune's periodic review, generated from the campaign's own data (issue 12
// part 2; decision 0026): the recognition decision (Mẫu 02) with its four lists, the posted lists,
// the village meeting minutes and the posting notice. Each paper is a header and parts (text,
// headings, tables) built once and written as JSON, XLSX and PDF (src/services/documents/official.ts).
// Where the law gives no template (the minutes, the notice) or the template's body is not confirmed
// (the articles of Mẫu 02, the columns of its lists), the paper says so in a note.
// Personal data: the lists carry the head's name (through the masking step: initials for a role
// without `registry.personal-data`), the household ID and the village; the decision's lists add the
// address (withheld when masked). The posted lists carry only what the open lists show (the head's
// name and the village). The minutes and the notice carry counts only, and the officers' names.
import { AppError } from '../../errors.js';
import { formatDateVn } from '../../domain/dates.js';
import { formatPercent } from '../../domain/format.js';
import { wordOf, wordOfCode } from '../../domain/words/catalogue.js';
import type { CampaignState, Meeting } from '../../domain/campaign/campaign.js';
import { findUnitOn } from '../../db/repositories/units.repository.js';
import { findCampaign } from '../../db/repositories/campaign.repository.js';
import { findPeriodStandard } from '../../db/repositories/reports.repository.js';
import { listPaperHouseholds, type PaperHousehold } from '../../db/repositories/papers.repository.js';
import { requirePermission, requireUnitAccess } from '../access.js';
import { recordAccess } from '../privacy/access-record.service.js';
import { personalDataFor, type PersonalData } from '../personal-data.js';
import { periodOf } from '../input.js';
import type { Actor, Deps } from '../deps.js';
import {
  paperPdf,
  paperXlsx,
  type DocumentPart,
  type DocumentTable,
  type PaperHeader,
} from '../documents/official.js';
import { campaignKeyOf } from './campaign.service.js';

export const PAPER_KINDS = ['decision', 'posted-lists', 'minutes', 'posting-notice'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export interface PaperInput {
  communeCode: string;
  period: number;
  kind: PaperKind;
  /** Minutes: one village only. */
  villageId?: number;
}

export interface Paper {
  kind: PaperKind;
  commune: { code: string; name: string };
  period: number;
  header: PaperHeader;
  parts: DocumentPart[];
  /** The four lists' sizes (the decision and the posted lists), or the totals the paper states. */
  counts: { poor: number; nearPoor: number; exitedPoor: number; exitedNearPoor: number };
}

const RECOGNISED = ['recognised', 'reported'];
const POSTED = ['posting', 'complaints', ...RECOGNISED];

/** The four lists of Mẫu 02 (and of the posting) from the results of the period. */
export function fourLists(rows: readonly PaperHousehold[]) {
  return {
    poor: rows.filter((r) => r.classification === 'POOR'),
    nearPoor: rows.filter((r) => r.classification === 'NEAR_POOR'),
    exitedPoor: rows.filter((r) => r.movement === 'thoat-ngheo'),
    exitedNearPoor: rows.filter((r) => r.movement === 'thoat-can-ngheo'),
  };
}
type Lists = ReturnType<typeof fourLists>;
type ListName = keyof Lists;

const LIST_TITLES: Record<ListName, string> = {
  poor: 'Danh sách hộ nghèo',
  nearPoor: 'Danh sách hộ cận nghèo',
  exitedPoor: 'Danh sách hộ thoát nghèo',
  exitedNearPoor: 'Danh sách hộ thoát cận nghèo',
};

const countsOf = (l: Lists) => ({
  poor: l.poor.length,
  nearPoor: l.nearPoor.length,
  exitedPoor: l.exitedPoor.length,
  exitedNearPoor: l.exitedNearPoor.length,
});

/** A list as a table: the decision's columns (with the address) or the posted list's (name and village only). */
function listTable(
  rows: readonly PaperHousehold[],
  pd: PersonalData,
  kind: 'decision' | 'posted',
): DocumentTable {
  if (kind === 'posted')
    return {
      head: [[{ text: 'TT' }, { text: 'Họ và tên chủ hộ' }, { text: 'Thôn, tổ dân phố' }]],
      rows: rows.map((r, i) => [i + 1, pd.name(r.headName), r.village ?? '']),
      widths: [6, 36, 28],
    };
  return {
    head: [
      [
        { text: 'TT' },
        { text: 'Họ và tên chủ hộ' },
        { text: 'Mã hộ' },
        { text: 'Thôn, tổ dân phố' },
        { text: 'Địa chỉ' },
        { text: 'Ghi chú' },
      ],
    ],
    rows: rows.map((r, i) => [
      i + 1,
      pd.name(r.headName),
      r.householdKey,
      r.village ?? '',
      pd.hidden(r.address) ?? '',
      wordOfCode('movement', r.movement, 'vi'),
    ]),
    widths: [6, 28, 14, 18, 28, 18],
  };
}

interface Context {
  communeCode: string;
  communeName: string;
  communeValidFrom: string;
  provinceCode: string;
  period: number;
  state: CampaignState;
  /** The households the paper lists (for the access record). */
  carried: string[];
}

async function contextOf(deps: Deps, actor: Actor, input: PaperInput): Promise<Context> {
  requirePermission(actor, 'registry.read');
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.communeCode);
  const period = periodOf(deps, input.period);
  const key = await campaignKeyOf(deps, db, { communeCode: input.communeCode, period });
  const row = await findCampaign(db, key);
  const unit = await findUnitOn(db, key.communeCode, `${period}-10-15`);
  const communeName = unit?.name ?? key.communeCode;
  const state: CampaignState | null = row
    ? (JSON.parse(row.state_json) as { state: CampaignState }).state
    : null;
  const steps = input.kind === 'decision' ? RECOGNISED : input.kind === 'minutes' ? null : POSTED;
  const unitWords = `${communeName} (${key.communeCode})`;
  if (!state || (steps && !steps.includes(state.step)))
    throw new AppError(input.kind === 'decision' ? 'REVIEW_NOT_RECOGNISED' : 'REVIEW_NOT_POSTED', {
      period,
      unit: unitWords,
    });
  return {
    communeCode: key.communeCode,
    communeName,
    communeValidFrom: key.communeValidFrom,
    provinceCode: key.provinceCode,
    period,
    state,
    carried: [],
  };
}

const rowsOf = (deps: Deps, c: Context, approvedOnly: boolean) =>
  listPaperHouseholds(deps.db.kysely, {
    provinceCode: c.provinceCode,
    communeCode: c.communeCode,
    communeValidFrom: c.communeValidFrom,
    period: c.period,
    approvedOnly,
  });

const bareName = (n: string) => n.replace(/^(Phường|Xã|Thị trấn)\s+/u, '');

async function decision(deps: Deps, c: Context, pd: PersonalData): Promise<Paper> {
  const rows = await rowsOf(deps, c, true);
  c.carried.push(...rows.map((r) => r.householdKey));
  const lists = fourLists(rows);
  const r = c.state.recognition!;
  const standard = await findPeriodStandard(deps.db.kysely, c.period);
  const n = countsOf(lists);
  const listYear = c.period + 1;
  const parts: DocumentPart[] = [
    { text: `CHỦ TỊCH ỦY BAN NHÂN DÂN ${c.communeName.toUpperCase()}`, bold: true, center: true },
    { text: 'Căn cứ Luật Tổ chức chính quyền địa phương;' },
    {
      text: `Căn cứ ${standard?.basis ?? 'chuẩn nghèo đa chiều hiện hành'} quy định chuẩn nghèo đa chiều áp dụng cho danh sách năm ${listYear};`,
    },
    {
      text: 'Căn cứ Quyết định số 24/2021/QĐ-TTg ngày 16/7/2021 của Thủ tướng Chính phủ quy định quy trình rà soát hộ nghèo, hộ cận nghèo hằng năm;',
    },
    ...(c.state.posting
      ? [
          {
            text: `Căn cứ biên bản họp thôn, tổ dân phố và kết quả niêm yết công khai từ ngày ${formatDateVn(c.state.posting.startDate)} đến ngày ${formatDateVn(c.state.posting.deadline)};`,
          },
        ]
      : []),
    { text: 'Theo đề nghị của Ban Chỉ đạo rà soát hộ nghèo, hộ cận nghèo cấp xã.' },
    { text: 'QUYẾT ĐỊNH:', bold: true, center: true },
    {
      text: `Điều 1. Công nhận ${n.poor} hộ nghèo, ${n.nearPoor} hộ cận nghèo, ${n.exitedPoor} hộ thoát nghèo và ${n.exitedNearPoor} hộ thoát cận nghèo trên địa bàn ${c.communeName} (kết quả rà soát năm ${c.period}; có danh sách kèm theo).`,
    },
    {
      text: `Điều 2. Danh sách hộ nghèo, hộ cận nghèo tại Điều 1 là cơ sở để thực hiện các chính sách hỗ trợ trong năm ${listYear}.`,
    },
    {
      text: `Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Ủy ban nhân dân, công chức phụ trách công tác giảm nghèo, trưởng các thôn, tổ dân phố và các hộ gia đình có tên trong danh sách chịu trách nhiệm thi hành Quyết định này.`,
    },
    {
      text: 'Ghi chú: thân Quyết định và các cột danh sách theo Mẫu số 02 (Quyết định 24/2021/QĐ-TTg) chưa được đối chiếu với văn bản gốc.',
      italic: true,
    },
  ];
  for (const name of Object.keys(LIST_TITLES) as ListName[]) {
    parts.push({ pageBreak: true });
    parts.push({
      heading: `${LIST_TITLES[name].toUpperCase()} NĂM ${listYear} — ${c.communeName} (kèm theo Quyết định số ${r.decisionNumber} ngày ${formatDateVn(r.decisionDate)})`,
    });
    parts.push({ table: listTable(lists[name], pd, 'decision') });
  }
  return {
    kind: 'decision',
    commune: { code: c.communeCode, name: c.communeName },
    period: c.period,
    header: {
      unitName: c.communeName,
      date: r.decisionDate,
      number: r.decisionNumber,
      title: 'QUYẾT ĐỊNH',
      subtitle: `Về việc công nhận danh sách hộ nghèo, hộ cận nghèo và danh sách hộ thoát nghèo, hộ thoát cận nghèo trên địa bàn ${c.communeName} năm ${listYear}`,
      signatory: 'CHỦ TỊCH',
      signer: r.signer,
    },
    parts,
    counts: n,
  };
}

async function postedLists(deps: Deps, c: Context, pd: PersonalData): Promise<Paper> {
  const rows = await rowsOf(deps, c, false);
  c.carried.push(...rows.map((r) => r.householdKey));
  const lists = fourLists(rows);
  const p = c.state.posting!;
  const parts: DocumentPart[] = [
    {
      text: `Niêm yết từ ngày ${formatDateVn(p.startDate)} đến hết ngày ${formatDateVn(p.deadline)} (${p.workingDays} ngày làm việc) tại nhà văn hóa (nhà sinh hoạt cộng đồng) các thôn, tổ dân phố và trụ sở Ủy ban nhân dân ${c.communeName}.`,
    },
  ];
  for (const name of Object.keys(LIST_TITLES) as ListName[]) {
    parts.push({ heading: `${LIST_TITLES[name]} (${lists[name].length} hộ)` });
    parts.push({ table: listTable(lists[name], pd, 'posted') });
  }
  parts.push({
    text: 'Danh sách chỉ ghi họ tên chủ hộ và thôn, tổ dân phố như danh sách công khai trên cổng thông tin; không ghi thông tin cá nhân khác.',
    italic: true,
  });
  return {
    kind: 'posted-lists',
    commune: { code: c.communeCode, name: c.communeName },
    period: c.period,
    header: {
      unitName: c.communeName,
      date: p.startDate,
      title: 'DANH SÁCH NIÊM YẾT CÔNG KHAI',
      subtitle: `Kết quả rà soát hộ nghèo, hộ cận nghèo năm ${c.period} (danh sách năm ${c.period + 1}) — ${c.communeName}`,
      signatory: 'TM. ỦY BAN NHÂN DÂN',
    },
    parts,
    counts: countsOf(lists),
  };
}

/** Counts of the four lists per village (by name; '' for households without a village). */
function countsByVillage(rows: readonly PaperHousehold[]) {
  const out = new Map<string, ReturnType<typeof countsOf>>();
  const names = [...new Set(rows.map((r) => r.village ?? ''))];
  for (const v of names) out.set(v, countsOf(fourLists(rows.filter((r) => (r.village ?? '') === v))));
  return out;
}

const countsTable = (
  lines: [string, ReturnType<typeof countsOf>][],
  total?: ReturnType<typeof countsOf>,
): DocumentTable => {
  const rows = lines.map(([name, n]) => [name, n.poor, n.nearPoor, n.exitedPoor, n.exitedNearPoor]);
  if (total) rows.push(['Tổng cộng', total.poor, total.nearPoor, total.exitedPoor, total.exitedNearPoor]);
  return {
    head: [
      [
        { text: 'Thôn, tổ dân phố' },
        { text: 'Hộ nghèo' },
        { text: 'Hộ cận nghèo' },
        { text: 'Hộ thoát nghèo' },
        { text: 'Hộ thoát cận nghèo' },
      ],
    ],
    rows,
    ...(total ? { boldRows: [rows.length - 1] } : {}),
    widths: [30, 12, 12, 12, 14],
  };
};

function meetingParts(
  villageName: string,
  m: Meeting,
  n: ReturnType<typeof countsOf>,
  copies: number,
): DocumentPart[] {
  const share = m.present > 0 ? formatPercent(m.agreeing / m.present, 2) : '—';
  return [
    { heading: `BIÊN BẢN HỌP ${villageName.toUpperCase()} — ngày ${formatDateVn(m.date)}` },
    {
      text: `Hôm nay, ngày ${formatDateVn(m.date)}, tại ${villageName}, cuộc họp thống nhất kết quả rà soát hộ nghèo, hộ cận nghèo được tổ chức.`,
    },
    { text: `Chủ trì: ${m.chair}. Thư ký: ${m.secretary ?? '(không ghi)'}.` },
    { text: `Đại diện Ủy ban Mặt trận Tổ quốc cấp xã (giám sát): ${m.supervisor}.` },
    {
      text: `Số người dự họp: ${m.present}. Số người đồng ý với kết quả rà soát: ${m.agreeing} (${share}).`,
    },
    {
      text:
        m.outcome === 'agreed'
          ? 'Kết luận: kết quả rà soát được trên 50% số người dự họp đồng ý (thống nhất).'
          : 'Kết luận: kết quả rà soát chưa được quá 50% số người dự họp đồng ý; các hộ được rà soát lại và họp lại.',
      bold: true,
    },
    { text: 'Kết quả rà soát của thôn, tổ dân phố:' },
    { table: countsTable([[villageName, n]]) },
    {
      text: `Biên bản lập thành ${copies} bản: một bản lưu tại thôn, tổ dân phố, một bản gửi Ban Chỉ đạo rà soát cấp xã. Chủ trì, thư ký và đại diện các hộ gia đình ký tên.`,
      italic: true,
    },
  ];
}

async function minutes(deps: Deps, c: Context, villageId: number | undefined): Promise<Paper> {
  const villages = c.state.villages.filter((v) => villageId === undefined || v.villageId === villageId);
  const held = villages.flatMap((v) => v.meetings.map((m) => ({ v, m })));
  if (held.length === 0)
    throw new AppError('REVIEW_NO_MEETINGS', {
      period: c.period,
      unit: `${c.communeName} (${c.communeCode})`,
    });
  const byVillage = countsByVillage(await rowsOf(deps, c, false));
  const parts: DocumentPart[] = [];
  held.forEach(({ v, m }, i) => {
    if (i > 0) parts.push({ pageBreak: true });
    const n = byVillage.get(v.name) ?? { poor: 0, nearPoor: 0, exitedPoor: 0, exitedNearPoor: 0 };
    parts.push(...meetingParts(v.name, m, n, m.minutesCopies));
  });
  parts.push({
    text: 'Ghi chú: không có mẫu biên bản chính thức; nội dung theo Điều 4 khoản 3 Quyết định 24/2021/QĐ-TTg (mẫu của địa phương).',
    italic: true,
  });
  const last = held
    .map((x) => x.m.date)
    .sort()
    .at(-1)!;
  const totals = [...byVillage.entries()]
    .filter(([name]) => villages.some((v) => v.name === name))
    .reduce(
      (a, [, n]) => ({
        poor: a.poor + n.poor,
        nearPoor: a.nearPoor + n.nearPoor,
        exitedPoor: a.exitedPoor + n.exitedPoor,
        exitedNearPoor: a.exitedNearPoor + n.exitedNearPoor,
      }),
      { poor: 0, nearPoor: 0, exitedPoor: 0, exitedNearPoor: 0 },
    );
  return {
    kind: 'minutes',
    commune: { code: c.communeCode, name: c.communeName },
    period: c.period,
    header: {
      unitName: c.communeName,
      date: last,
      title: 'BIÊN BẢN HỌP THÔN, TỔ DÂN PHỐ',
      subtitle: `Thống nhất kết quả rà soát hộ nghèo, hộ cận nghèo năm ${c.period} — ${c.communeName}`,
      signatory: 'CHỦ TRÌ CUỘC HỌP',
    },
    parts,
    counts: totals,
  };
}

async function postingNotice(deps: Deps, c: Context): Promise<Paper> {
  const p = c.state.posting!;
  const rows = await rowsOf(deps, c, false);
  const total = countsOf(fourLists(rows));
  const byVillage = countsByVillage(rows);
  const meetingOf = (name: string) =>
    c.state.villages
      .find((v) => v.name === name)
      ?.meetings.filter((m) => m.outcome === 'agreed')
      .at(-1)?.date;
  const lines: [string, ReturnType<typeof countsOf>][] = [...byVillage.entries()].map(([name, n]) => [
    name
      ? `${name}${meetingOf(name) ? ` (họp ngày ${formatDateVn(meetingOf(name)!)})` : ''}`
      : '(chưa gán thôn)',
    n,
  ]);
  const parts: DocumentPart[] = [
    {
      text: `Thực hiện Quyết định số 24/2021/QĐ-TTg của Thủ tướng Chính phủ, sau khi các thôn, tổ dân phố họp thống nhất kết quả rà soát, Ủy ban nhân dân ${c.communeName} thông báo:`,
    },
    {
      text: `Danh sách hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận nghèo năm ${c.period} được niêm yết công khai từ ngày ${formatDateVn(p.startDate)} đến hết ngày ${formatDateVn(p.deadline)} (${p.workingDays} ngày làm việc) tại nhà văn hóa (nhà sinh hoạt cộng đồng) các thôn, tổ dân phố và trụ sở Ủy ban nhân dân ${c.communeName}.`,
    },
    {
      text: `Tổng số: ${total.poor} hộ nghèo, ${total.nearPoor} hộ cận nghèo, ${total.exitedPoor} hộ thoát nghèo, ${total.exitedNearPoor} hộ thoát cận nghèo.`,
    },
    { table: countsTable(lines, total) },
    {
      text: `Trong thời gian niêm yết, hộ gia đình có ý kiến hoặc khiếu nại về kết quả rà soát gửi Ban Chỉ đạo rà soát ${bareName(c.communeName)} hoặc Ủy ban nhân dân ${c.communeName} để được phúc tra.`,
    },
    {
      text: 'Ghi chú: không có mẫu thông báo chính thức; thời hạn niêm yết theo cấu hình của hệ thống (mẫu của địa phương).',
      italic: true,
    },
  ];
  return {
    kind: 'posting-notice',
    commune: { code: c.communeCode, name: c.communeName },
    period: c.period,
    header: {
      unitName: c.communeName,
      date: p.startDate,
      title: 'THÔNG BÁO',
      subtitle: `Về việc niêm yết công khai kết quả rà soát hộ nghèo, hộ cận nghèo năm ${c.period}`,
      signatory: 'TM. ỦY BAN NHÂN DÂN',
    },
    parts,
    counts: total,
  };
}

/** One paper of a commune's review of a period, checked against the campaign's step. */
export async function reviewPaper(deps: Deps, actor: Actor, input: PaperInput): Promise<Paper> {
  if (!(PAPER_KINDS as readonly string[]).includes(input.kind))
    throw new AppError('FIELD_INVALID', { field: 'kind', detail: String(input.kind) }, { field: 'kind' });
  const c = await contextOf(deps, actor, input);
  const pd = personalDataFor(actor);
  const paper = await (async () => {
    switch (input.kind) {
      case 'decision':
        return decision(deps, c, pd);
      case 'posted-lists':
        return postedLists(deps, c, pd);
      case 'minutes':
        return minutes(deps, c, input.villageId);
      case 'posting-notice':
        return postingNotice(deps, c);
    }
  })();
  // The lists of Mẫu 02 and of the posting name their households: recorded (the others count).
  if (c.carried.length > 0)
    await recordAccess(deps, actor, {
      action: 'review-paper.read',
      provinceCode: c.provinceCode,
      unitCode: c.communeCode,
      households: [...new Set(c.carried)],
      filter: { 'Kỳ rà soát': c.period, 'Biểu mẫu': wordOfCode('reviewPaper', input.kind, 'vi') },
    });
  return paper;
}

/** The file name of a paper: "quyet-dinh-mau-02-14830-2024.xlsx". */
export function paperFileName(p: Paper, format: 'xlsx' | 'pdf'): string {
  const base: Record<PaperKind, string> = {
    decision: 'quyet-dinh-mau-02',
    'posted-lists': 'danh-sach-niem-yet',
    minutes: 'bien-ban-hop-thon',
    'posting-notice': 'thong-bao-niem-yet',
  };
  return `${base[p.kind]}-${p.commune.code}-${p.period}.${format}`;
}

export async function paperFile(p: Paper, format: 'xlsx' | 'pdf'): Promise<Buffer> {
  return format === 'xlsx'
    ? paperXlsx(
        p.header,
        p.parts,
        wordOf('reviewPaper', p.kind, 'vi')
          .slice(0, 31)
          .replace(/[\\/*?:[\]]/g, ' '),
      )
    : paperPdf(p.header, p.parts);
}
