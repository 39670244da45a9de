// Turns the published unit lists (GSO/NSO, see datasets/SOURCES.md) into periodised unit rows and
// succession links. Pure: the caller reads the CSV files and hands the parsed records in.

/** Last day of the three-level structure (provinces, districts, communes). */
export const PRE_REFORM_END = '2025-06-30';
/** First day of the two-level structure (Resolution 202/2025/QH15, Law 72/2025/QH15). */
export const POST_REFORM_START = '2025-07-01';

export type UnitLevel = 'province' | 'district' | 'commune';
export type Area = 'rural' | 'urban';

export interface UnitRow {
  code: string;
  name: string;
  name_en: string | null;
  level: UnitLevel;
  type: string;
  area: Area | null;
  parent_code: string | null;
  province_code: string;
  district_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

export interface SuccessionRow {
  predecessor_code: string;
  predecessor_level: UnitLevel;
  predecessor_name: string;
  predecessor_valid_to: string;
  successor_code: string;
  successor_level: UnitLevel;
  successor_name: string;
  successor_valid_from: string;
  kind: SuccessionKind;
  note: string | null;
  province_code: string;
}

export type SuccessionKind = 'whole' | 'partial' | 'unchanged' | 'renamed' | 'retyped' | 'other';

/** Area of a commune-level unit from its type: xã → rural; phường, thị trấn → urban; đặc khu → none. */
export function areaOfType(type: string): Area | null {
  switch (type) {
    case 'Xã':
      return 'rural';
    case 'Phường':
    case 'Thị trấn':
      return 'urban';
    default:
      return null;
  }
}

export function successionKindOf(note: string): SuccessionKind {
  const n = note.normalize('NFC').toLowerCase();
  if (n.startsWith('nhập toàn bộ') || n.startsWith('sắp xếp toàn bộ')) return 'whole';
  if (n.includes('một phần') || n.startsWith('phần còn lại')) return 'partial';
  if (n.startsWith('giữ nguyên')) return 'unchanged';
  if (n.includes('đổi tên')) return 'renamed';
  if (n.includes('đổi loại hình')) return 'retyped';
  return 'other';
}

export type Record_ = Record<string, string>;

// Known typos of the NSO conversion table, corrected against the GSO list (datasets/SOURCES.md §4).
const OLD_CODE_FIXES: Record<string, string> = { '01615': '01651', '02485': '02482' };
const NEW_CODE_FIXES: Record<string, string> = { '06970': '06978' };

const nfc = (s: string | undefined): string => (s ?? '').normalize('NFC').trim();

/**
 * Builds every unit row: 63 provinces, 696 districts and 10,035 communes in force until
 * 30/06/2025, then 34 provinces and 3,321 communes from 01/07/2025.
 */
export function buildUnitRows(input: {
  pre2025Units: Record_[];
  pre2025Districts: Record_[];
  post2025Units: Record_[];
}): UnitRow[] {
  const rows: UnitRow[] = [];
  const seenProvince = new Set<string>();
  for (const d of input.pre2025Districts) {
    const pc = nfc(d.province_code);
    if (!seenProvince.has(pc)) {
      seenProvince.add(pc);
      rows.push({
        code: pc,
        name: nfc(d.province_name),
        name_en: null,
        level: 'province',
        type: nfc(d.province_type),
        area: null,
        parent_code: null,
        province_code: pc,
        district_code: null,
        valid_from: null,
        valid_to: PRE_REFORM_END,
      });
    }
    rows.push({
      code: nfc(d.district_code),
      name: nfc(d.district_name),
      name_en: nfc(d.district_name_en) || null,
      level: 'district',
      type: nfc(d.district_type),
      area: null,
      parent_code: pc,
      province_code: pc,
      district_code: null,
      valid_from: null,
      valid_to: PRE_REFORM_END,
    });
  }
  for (const u of input.pre2025Units) {
    const code = nfc(u.ward_code);
    if (!code) continue; // island districts with no commune level
    const type = nfc(u.ward_type);
    rows.push({
      code,
      name: nfc(u.ward_name),
      name_en: null,
      level: 'commune',
      type,
      area: areaOfType(type),
      parent_code: nfc(u.district_code),
      province_code: nfc(u.province_code),
      district_code: nfc(u.district_code),
      valid_from: null,
      valid_to: PRE_REFORM_END,
    });
  }
  const seenNewProvince = new Set<string>();
  for (const u of input.post2025Units) {
    const pc = nfc(u.province_code);
    if (!seenNewProvince.has(pc)) {
      seenNewProvince.add(pc);
      rows.push({
        code: pc,
        name: nfc(u.province_name),
        name_en: null,
        level: 'province',
        type: nfc(u.province_type),
        area: null,
        parent_code: null,
        province_code: pc,
        district_code: null,
        valid_from: POST_REFORM_START,
        valid_to: null,
      });
    }
    const type = nfc(u.ward_type);
    rows.push({
      code: nfc(u.ward_code),
      name: nfc(u.ward_name),
      name_en: nfc(u.ward_name_en) || null,
      level: 'commune',
      type,
      area: areaOfType(type),
      parent_code: pc,
      province_code: pc,
      district_code: null,
      valid_from: POST_REFORM_START,
      valid_to: null,
    });
  }
  return rows;
}

/**
 * Succession links of the 2025 reform from the NSO conversion table: one link per (old, new)
 * pair of communes (an old commune split between several new ones has several links), the
 * island districts that became special zones, and old → new provinces.
 */
export function buildSuccessionRows(mapping: Record_[], units: UnitRow[]): SuccessionRow[] {
  const names = new Map<string, string>();
  for (const u of units) names.set(`${u.level}:${u.code}:${u.valid_to === null ? 'new' : 'old'}`, u.name);
  const nameOf = (level: UnitLevel, code: string, era: 'old' | 'new', fallback: string): string =>
    names.get(`${level}:${code}:${era}`) ?? fallback;

  const out: SuccessionRow[] = [];
  const seen = new Set<string>();
  const provincePairs = new Map<string, { oldName: string; newName: string }>();
  for (const m of mapping) {
    const rawNew = nfc(m.new_ward_code);
    const newCode = NEW_CODE_FIXES[rawNew] ?? rawNew;
    const rawOld = nfc(m.old_ward_code);
    const oldCode = OLD_CODE_FIXES[rawOld] ?? rawOld;
    const newProvince = nfc(m.new_province_code);
    const oldProvince = nfc(m.old_province_code);
    const note = nfc(m.change_note) || null;
    const successor_name = nameOf('commune', newCode, 'new', nfc(m.new_ward_name));
    let predecessor_code: string;
    let predecessor_level: UnitLevel;
    let predecessor_name: string;
    if (oldCode) {
      predecessor_code = oldCode;
      predecessor_level = 'commune';
      predecessor_name = nameOf('commune', oldCode, 'old', nfc(m.old_ward_name));
    } else if (nfc(m.old_district_code) && /huyện/i.test(note ?? '')) {
      predecessor_code = nfc(m.old_district_code);
      predecessor_level = 'district';
      predecessor_name = nameOf('district', predecessor_code, 'old', nfc(m.old_district_name));
    } else {
      continue; // accreted land with no unit code of its own
    }
    const key = `${predecessor_level}:${predecessor_code}>${newCode}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      predecessor_code,
      predecessor_level,
      predecessor_name,
      predecessor_valid_to: PRE_REFORM_END,
      successor_code: newCode,
      successor_level: 'commune',
      successor_name,
      successor_valid_from: POST_REFORM_START,
      kind: note ? successionKindOf(note) : 'other',
      note,
      province_code: newProvince,
    });
    if (oldProvince && newProvince) {
      provincePairs.set(`${oldProvince}>${newProvince}`, {
        oldName: nameOf('province', oldProvince, 'old', nfc(m.old_province_name)),
        newName: nameOf('province', newProvince, 'new', nfc(m.new_province_name)),
      });
    }
  }
  const targetsOfOldProvince = new Map<string, number>();
  for (const key of provincePairs.keys()) {
    const old = key.split('>')[0]!;
    targetsOfOldProvince.set(old, (targetsOfOldProvince.get(old) ?? 0) + 1);
  }
  const sourcesOfNewProvince = new Map<string, number>();
  for (const key of provincePairs.keys()) {
    const nw = key.split('>')[1]!;
    sourcesOfNewProvince.set(nw, (sourcesOfNewProvince.get(nw) ?? 0) + 1);
  }
  for (const [key, v] of provincePairs) {
    const [oldCode, newCode] = key.split('>') as [string, string];
    out.push({
      predecessor_code: oldCode,
      predecessor_level: 'province',
      predecessor_name: v.oldName,
      predecessor_valid_to: PRE_REFORM_END,
      successor_code: newCode,
      successor_level: 'province',
      successor_name: v.newName,
      successor_valid_from: POST_REFORM_START,
      kind:
        (targetsOfOldProvince.get(oldCode) ?? 1) > 1
          ? 'partial'
          : oldCode === newCode && sourcesOfNewProvince.get(newCode) === 1
            ? 'unchanged'
            : 'whole',
      note: null,
      province_code: newCode,
    });
  }
  return out;
}
