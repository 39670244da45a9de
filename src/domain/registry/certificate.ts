// The rules of the certificate of a poor or near-poor household (Mẫu số 03 of Decision
// 24/2021/QĐ-TTg, regulations-2.md §3.2 step 6 and §3.5) and of what a reader without rights to
// personal data may see of a name. Pure.

import { WORDS } from '../words/catalogue.js';

/** The form's number suffix: "Số: 12/GCN-HN.HCN". */
export const CERTIFICATE_SUFFIX = 'GCN-HN.HCN';

export const CERTIFIED_CLASSES = ['POOR', 'NEAR_POOR'] as const;
export type CertifiedClass = (typeof CERTIFIED_CLASSES)[number];

export function isCertifiedClass(c: string): c is CertifiedClass {
  return (CERTIFIED_CLASSES as readonly string[]).includes(c);
}

export const CERTIFIED_CLASS_LABELS: Record<CertifiedClass, { vi: string; en: string }> = {
  POOR: WORDS.classification.POOR,
  NEAR_POOR: WORDS.classification.NEAR_POOR,
};

export function certificateNumber(n: number): string {
  return `${n}/${CERTIFICATE_SUFFIX}`;
}

/**
 * Most boxes a certificate carries for the yearly stamp. The form's own count is not confirmed;
 * five covers a full standard period (2022–2025 was four years, 2027–2030 is four).
 */
export const MAX_STAMP_BOXES = 5;

/**
 * The years whose stamp boxes the certificate carries. The chair stamps the box of the year
 * immediately after the review (regulations-2 §3.2: the list approved in year N is the basis for
 * support in N+1), and the later boxes are stamped after each following review while the poverty
 * standard the household was classified under stays in force: a household must be re-classified
 * under a new standard, so a box beyond its last year would promise what the form cannot. At
 * least one box (the year after the review), at most MAX_STAMP_BOXES.
 * Review 2024 under the 2022–2026 standard → 2025, 2026.
 */
export function stampYears(period: number, standardValidTo: string | null): number[] {
  const first = period + 1;
  const lastOfStandard = standardValidTo ? Number(standardValidTo.slice(0, 4)) : first;
  const last = Math.max(first, Math.min(lastOfStandard, first + MAX_STAMP_BOXES - 1));
  const out: number[] = [];
  for (let y = first; y <= last; y += 1) out.push(y);
  return out;
}

/** "Quan hệ với chủ hộ" as the form writes it; the sex picks the word where Vietnamese has two. */
export function relationLabel(relation: string, sex: string): string {
  const female = sex === 'F';
  switch (relation) {
    case 'head':
      return 'Chủ hộ';
    case 'spouse':
      return female ? 'Vợ' : 'Chồng';
    case 'child':
      return 'Con';
    case 'parent':
      return female ? 'Mẹ' : 'Bố';
    case 'grandchild':
      return 'Cháu';
    case 'sibling':
      return female ? 'Chị/em' : 'Anh/em';
    default:
      return 'Khác';
  }
}

/**
 * A name as shown to a reader without rights to personal data: the initials only
 * ("Nguyễn Văn Hùng" → "N. V. H."), enough to tell rows apart in a list, not to identify a person.
 */
export function maskName(name: string): string {
  const words = name.normalize('NFC').trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return '';
  return words.map((w) => `${Array.from(w)[0]!.toLocaleUpperCase('vi')}.`).join(' ');
}

/** The commune's name without its type word, as written in "Trung Sơn, ngày … tháng … năm …". */
export function placeName(unitName: string): string {
  return unitName.replace(/^(Thành phố|Thị xã|Huyện|Quận|Phường|Xã|Thị trấn|Đặc khu)\s+/u, '');
}

/** "ngày 04 tháng 11 năm 2024" for a YYYY-MM-DD date. */
export function dateInWords(date: string): string {
  const [y, m, d] = date.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/**
 * The address line: the household's own address, then the village, commune, district and province
 * it does not already name ("Số 12, Thôn Đông" + "Thôn Đông" + "Xã A" → "Số 12, Thôn Đông, Xã A").
 */
export function addressLine(own: string | null, units: (string | null | undefined)[]): string {
  const parts = own?.trim() ? [own.trim().normalize('NFC')] : [];
  for (const u of units) {
    if (!u) continue;
    const name = u.normalize('NFC');
    if (!parts.some((p) => p.toLocaleLowerCase('vi').includes(name.toLocaleLowerCase('vi'))))
      parts.push(name);
  }
  return parts.join(', ');
}
