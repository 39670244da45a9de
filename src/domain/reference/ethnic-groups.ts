// The 54 ethnic groups of Viet Nam with their codes, for the members' ethnicity (Dân tộc) and the
// ethnic-minority (DTTS) breakdowns of the Annex VII reports. Reference data copied into the repo:
// - source: the list of Decision 121-TCTK/PPCĐ of 02/03/1979 (General Statistics Office), codes
//   01–09 checked against the Đà Nẵng statistics office copy
//   (https://cucthongke.danang.gov.vn/chi-tiet-tin-tuc?dinhdanh=112&cat=20); codes 10–54 and the
//   other names from third-party reproductions that agree with each other
//   (https://zaidap.com/cac-dan-toc-viet-nam-theo-dia-ban-sinh-song-d395136.htm,
//   https://oxyz.wordpress.com/2007/11/26/dan-t%E1%BB%99c-vi%E1%BB%87t-nam-theo-d%E1%BB%8Ba-ban-sinh-s%E1%BB%91ng/),
//   as compiled in the project's reference data (vn_ethnic_groups.csv, see docs/decisions/0025).
// - WARNING: Decision 1019/QĐ-TCTK of 12/11/2008 numbers the same groups in another order
//   (04 Mường, 05 Khơ me, 06 Hoa, …). Every code here is a code of the 1979 list, and each entry
//   says so (`list`); a file whose codes follow the 2008 order must be imported by name.
// - English names: the Vietnamese name without diacritics, except where English usage differs
//   (Viet, Han Chinese, Khmer, Hmong).
// Pure data: no I/O.
import type { Word } from '../words/catalogue.js';

/** The code lists a stored ethnicity code may come from. Only the 1979 list is used. */
export const ETHNIC_CODE_LISTS = {
  'QD121-1979': {
    vi: 'Quyết định 121-TCTK/PPCĐ ngày 02/03/1979',
    en: 'Decision 121-TCTK/PPCD of 02/03/1979',
  },
  'QD1019-2008': { vi: 'Quyết định 1019/QĐ-TCTK ngày 12/11/2008', en: 'Decision 1019/QĐ-TCTK of 12/11/2008' },
} as const satisfies Record<string, Word>;
export type EthnicCodeList = keyof typeof ETHNIC_CODE_LISTS;

/** The list every stored `members[].ethnicity` code belongs to. */
export const ETHNIC_CODE_LIST: EthnicCodeList = 'QD121-1979';

export interface EthnicGroup {
  /** Two digits, leading zero kept. */
  readonly code: string;
  readonly list: EthnicCodeList;
  readonly name: Word;
  readonly otherNames: readonly string[];
  /**
   * Whether the group is an ethnic minority (dân tộc thiểu số). The one rule of the DTTS breakdowns:
   * a household is an ethnic-minority household when a member belongs to a group marked here.
   */
  readonly minority: boolean;
}

/** Groups that are not ethnic minorities: the Kinh majority. */
const MAJORITY = new Set(['01']);

// [code, Vietnamese name, English name, other names]
const ROWS: [string, string, string, string[]][] = [
  ['01', 'Kinh (Việt)', 'Kinh (Viet)', ['Kinh']],
  ['02', 'Tày', 'Tay', ['Thổ', 'Ngạn', 'Phén', 'Thù Lao', 'Pa Dí']],
  [
    '03',
    'Thái',
    'Thai',
    [
      'Tày',
      'Tày Khao (Thái Trắng)',
      'Tày Đăm (Thái Đen)',
      'Tày Mười',
      'Tày Thanh (Mán Thanh)',
      'Hàng Tổng (Tày Mường)',
      'Pu Thay',
      'Thổ Đà Bắc',
    ],
  ],
  [
    '04',
    'Hoa (Hán)',
    'Hoa (Han Chinese)',
    ['Triều Châu', 'Phúc Kiến', 'Quảng Đông', 'Hải Nam', 'Hạ', 'Xạ Phạng'],
  ],
  ['05', 'Khơ-me', 'Khmer', ['Cur', 'Cul', 'Cu', 'Thổ', 'Việt gốc Miên', 'Khơ-me Krôm']],
  ['06', 'Mường', 'Muong', ['Mol', 'Mual', 'Mọi', 'Mọi Bi', 'Ao Tá (Ậu Tá)']],
  [
    '07',
    'Nùng',
    'Nung',
    ['Xuồng', 'Giang', 'Nùng An', 'Phàn Sinh', 'Nùng Cháo', 'Nùng Lòi', 'Quý Rim', 'Khèn Lài'],
  ],
  [
    '08',
    'HMông (Mèo)',
    "H'Mong (Hmong)",
    ['Mẹo', 'Hoa', 'Mèo Xanh', 'Mèo Đỏ', 'Mèo Đen', 'Ná Mẻo', 'Mán Trắng'],
  ],
  [
    '09',
    'Dao',
    'Dao',
    [
      'Mán',
      'Động',
      'Trại',
      'Xá',
      'Dìu',
      'Miên',
      'Kiềm',
      'Miền',
      'Quần Trắng',
      'Dao Đỏ',
      'Quần Chẹt',
      'Lô Giang',
      'Dao Tiền',
      'Thanh Y',
      'Lan Tẻn',
      'Đại Bản',
      'Tiểu Bản',
      'Cóc Ngáng',
      'Cóc Mùn',
      'Sơn Đầu',
    ],
  ],
  ['10', 'Gia-rai', 'Gia-rai', ['Giơ-rai', 'Tơ-buăn', 'Chơ-rai', 'Hơ-bau', 'Hđrung', 'Chor']],
  ['11', 'Ngái', 'Ngai', ['Xín', 'Lê', 'Đản', 'Khách Gia']],
  [
    '12',
    'Ê-đê',
    'E-de',
    ['Ra-đê', 'Đê', 'Kpạ', 'A-đham', 'Krung', 'Ktul', 'Đliê Ruê', 'Blô', 'Epan', 'Mđhur', 'Bih'],
  ],
  [
    '13',
    'Ba-na',
    'Ba-na',
    [
      'Giơ-lar',
      'Tơ-lô',
      'Giơ-lâng (Y-lăng)',
      'Rơ-ngao',
      'Krem',
      'Roh',
      'ConKđe',
      'A-la Công',
      'Kpăng Công',
      'Bơ-nâm',
    ],
  ],
  [
    '14',
    'Xơ-đăng',
    'Xo-dang',
    ['Xơ-teng', 'Hđang', 'Tơ-đra', 'Mơ-nâm', 'Ha-lăng', 'Ca-dong', 'Kmrâng', 'ConLan', 'Bri-la', 'Tang'],
  ],
  ['15', 'Sán Chay', 'San Chay', ['Cao Lan', 'Sán Chỉ', 'Mán Cao Lan', 'Hờn Bạn', 'Sơn Tử']],
  ['16', 'Cơ-ho', 'Co-ho', ['Xrê', 'Nốp (Tu-lốp)', 'Cơ-don', 'Chil', 'Lat (Lach)', 'Trinh']],
  ['17', 'Chăm', 'Cham', ['Chàm', 'Chiêm Thành', 'Hroi']],
  ['18', 'Sán Dìu', 'San Diu', ['Sán Dẻo', 'Trại', 'Trại Đất', 'Mán Quần Cộc']],
  ['19', 'Hrê', 'Hre', ['Chăm Rê', 'Chom', 'Krẹ Luỹ']],
  ['20', 'Mnông', 'Mnong', ['Pnông', 'Nông', 'Pré', 'Bu-đâng', 'ĐiPri', 'Biat', 'Gar', 'Rơ-lam', 'Chil']],
  ['21', 'Ra-glai', 'Ra-glai', ['Ra-clây', 'Rai', 'Noang', 'La-oang']],
  ['22', 'Xtiêng', 'Xtieng', ['Xa-điêng']],
  ['23', 'Bru-Vân Kiều', 'Bru-Van Kieu', ['Bru', 'Vân Kiều', 'Măng Coong', 'Tri Khùa']],
  ['24', 'Thổ', 'Tho', ['Kẹo', 'Mọn', 'Cuối', 'Họ', 'Đan Lai', 'Ly Hà', 'Tày Pọng', 'Con Kha', 'Xá Lá Vàng']],
  ['25', 'Giáy', 'Giay', ['Nhắng', 'Dẩng', 'Pầu Thìn Nu Nà', 'Cùi Chu', 'Xa']],
  ['26', 'Cơ-tu', 'Co-tu', ['Ca-tu', 'Cao', 'Hạ', 'Phương', 'Ca-tang']],
  [
    '27',
    'Gié-Triêng',
    'Gie-Trieng',
    ['Đgiéh', 'Tareb', 'Giang Rẫy Pin', 'Triêng', 'Treng', 'Ta-riêng', 'Ve (Veh)', 'La-ve', 'Ca-tang'],
  ],
  ['28', 'Mạ', 'Ma', ['Châu Mạ', 'Mạ Ngăn', 'Mạ Xóp', 'Mạ Tô', 'Mạ Krung']],
  ['29', 'Khơ-mú', 'Kho-mu', ['Xá Cẩu', 'Mứn Xen', 'Pu Thênh', 'Tềnh', 'Tày Hay']],
  ['30', 'Co', 'Co', ['Cor', 'Col', 'Cùa', 'Trầu']],
  ['31', 'Tà-ôi', 'Ta-oi', ['Tôi-ôi', 'Pa-co', 'Pa-hi (Ba-hi)']],
  ['32', 'Chơ-ro', 'Cho-ro', ['Dơ-ro', 'Châu-ro']],
  [
    '33',
    'Kháng',
    'Khang',
    ['Xá Khao', 'Xá Súa', 'Xá Dón', 'Xá Dẩng', 'Xá Hốc', 'Xá Ái', 'Xá Bung', 'Quảng Lâm'],
  ],
  ['34', 'Xinh-mun', 'Xinh-mun', ['Puộc', 'Pụa']],
  ['35', 'Hà Nhì', 'Ha Nhi', ['U Ni', 'Xá U Ni']],
  ['36', 'Chu-ru', 'Chu-ru', ['Chơ-ru', 'Chu']],
  ['37', 'Lào', 'Lao', ['Là Bốc', 'Lào Nọi']],
  ['38', 'La Chí', 'La Chi', ['Cù Tê', 'La Quả']],
  ['39', 'La Ha', 'La Ha', ['Xá Khao', 'Khlá Phlạo']],
  ['40', 'Phù Lá', 'Phu La', ['Bồ Khô Pạ', 'Mu Di Pạ Xá', 'Phó', 'Phổ', 'Va Xơ']],
  ['41', 'La Hủ', 'La Hu', ['Lao', 'Pu Đang', 'Khù Xung', 'Cò Xung', 'Khả Quy']],
  ['42', 'Lự', 'Lu', ['Lừ', 'Nhuồn', 'Duôn']],
  ['43', 'Lô Lô', 'Lo Lo', ['Mun Di']],
  [
    '44',
    'Chứt',
    'Chut',
    [
      'Sách',
      'Máy',
      'Rục',
      'Mã-liêng',
      'A-rem',
      'Tu vang',
      'Pa-leng',
      'Xơ-lang',
      'Tơ-hung',
      'Chà-củi',
      'Tắc-củi',
      'U-mo',
      'Xá Lá Vàng',
    ],
  ],
  ['45', 'Mảng', 'Mang', ['Mảng Ư', 'Xá Lá Vàng']],
  ['46', 'Pà Thẻn', 'Pa Then', ['Pà Hưng', 'Tống']],
  ['47', 'Cơ Lao', 'Co Lao', []],
  ['48', 'Cống', 'Cong', ['Xắm Khống', 'Mấng Nhé', 'Xá Xeng']],
  ['49', 'Bố Y', 'Bo Y', ['Chủng Chá', 'Trọng Gia', 'Tu Dí', 'Tu Dìn']],
  ['50', 'Si La', 'Si La', ['Cù Dề Xừ', 'Khả Pẻ']],
  ['51', 'Pu Péo', 'Pu Peo', ['Ka Pèo', 'Pen Ti Lô Lô']],
  ['52', 'Brâu', 'Brau', ['Brao']],
  ['53', 'Ơ Đu', 'O Du', ['Tày Hạt']],
  ['54', 'Rơ-măm', 'Ro-mam', []],
];

export const ETHNIC_GROUPS: readonly EthnicGroup[] = ROWS.map(([code, vi, en, otherNames]) => ({
  code,
  list: ETHNIC_CODE_LIST,
  name: { vi, en },
  otherNames,
  minority: !MAJORITY.has(code),
}));

/** The codes, in the list's order. */
export const ETHNIC_CODES: readonly string[] = ETHNIC_GROUPS.map((g) => g.code);

const BY_CODE = new Map(ETHNIC_GROUPS.map((g) => [g.code, g]));

export function ethnicGroup(code: string | null | undefined): EthnicGroup | undefined {
  return code ? BY_CODE.get(code) : undefined;
}

/** Whether a member's ethnicity code is one of an ethnic minority (unknown or absent: no). */
export function isMinority(code: string | null | undefined): boolean {
  return ethnicGroup(code)?.minority === true;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\-'’]+/g, '')
    .trim();

/**
 * The names a spreadsheet cell may give, folded (no case, accents, hyphens): each group's name, its
 * name without the bracket ("Kinh", "HMông", "Hoa") and its English name. Other names are not
 * read: several name two groups (Thổ, Tày, Xá Lá Vàng…).
 */
const BY_NAME = new Map<string, string>();
for (const g of ETHNIC_GROUPS)
  for (const n of [
    g.name.vi,
    g.name.vi.replace(/\s*\(.*\)$/, ''),
    g.name.en,
    g.name.en.replace(/\s*\(.*\)$/, ''),
  ])
    if (!BY_NAME.has(fold(n))) BY_NAME.set(fold(n), g.code);

/**
 * The code of a cell: a code of the 1979 list ("6" or "06") or a group's name, with or without
 * accents ("Mường", "muong", "H'Mông"). Undefined when it names no group.
 */
export function ethnicCodeOf(cell: string): string | undefined {
  const s = cell.trim();
  if (/^\d{1,2}$/.test(s)) {
    const code = s.padStart(2, '0');
    return BY_CODE.has(code) ? code : undefined;
  }
  return BY_NAME.get(fold(s)) ?? BY_NAME.get(fold(s.replace(/\s*\(.*\)$/, '')));
}

/** Folded for an accent-insensitive search (the survey form's select). */
export const foldEthnicName = fold;
