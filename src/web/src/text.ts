// Pure text helpers of the web app (no React, no DOM): reading dates typed the Vietnamese way and
// matching names without diacritics.
import { isIsoDate } from '../../domain/dates';

/** "7/6/2024", "07/06/2024", "07-06-2024", "07.06.2024", "2024-06-07" → "2024-06-07"; else null. */
export function parseDateVn(text: string): string | null {
  const s = text.trim();
  if (isIsoDate(s)) return s;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Lower case without diacritics, so "dai hung" finds "Xã Đại Hùng" (đ is a letter, not a mark). */
export function foldVi(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();
}
