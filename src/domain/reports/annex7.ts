// The Annex VII tables (Phụ lục VII, Circular 07/2021/TT-BLĐTBXH) as far as they are confirmed
// (report-forms.md §1; docs/decisions/0025-ethnicity-groups-annex7.md). What is confirmed: the
// annex holds the report templates, the older forms pair "Số hộ …" with "Tỷ lệ … %" over "Tổng số
// hộ dân cư" per unit, and the breakdowns asked for: urban/rural, ethnic-minority households,
// household groups (người có công, bảo trợ xã hội, không có khả năng lao động), and each
// deprivation indicator. UNCONFIRMED: the title, the numbering (7.1 … 7.10) and the exact columns of
// every template; the tables below are the design default the reference recommends, each one a
// definition here (data), so a confirmed layout changes these rows, not the code that fills them.
// Pure: no I/O.
import { HOUSEHOLD_GROUPS, type HouseholdGroup } from '../registry/groups.js';
import { INDICATOR_KEYS, type IndicatorKey } from '../standards/standard.js';

/** The four tables, in the order the documents and the screen show them. */
export const ANNEX7_TABLES = ['area', 'ethnic', 'groups', 'deprivation'] as const;
export type Annex7Table = (typeof ANNEX7_TABLES)[number];

/** The groups counted in the groups table: the stored groups and no labour capacity. */
export const ANNEX7_GROUPS = [
  ...HOUSEHOLD_GROUPS.filter((g) => g !== 'ethnic-minority'),
  'no-labour',
] as const;
export type Annex7Group = HouseholdGroup | 'no-labour';

export interface PoorNear {
  poor: number;
  nearPoor: number;
}

/** The recognised figures of one row (a unit, an area or the total) at the end of the period. */
export interface Annex7Figures {
  /** Tổng số hộ dân cư of the year; null when a commune of the row lacks it. */
  residentHouseholds: number | null;
  poor: number;
  nearPoor: number;
  /** Households of each group among the poor and the near-poor. */
  groups: Record<Annex7Group, PoorNear>;
  /** Households deprived of each indicator among the poor and the near-poor. */
  deprivations: Record<IndicatorKey, PoorNear>;
}

export const emptyPoorNear = (): PoorNear => ({ poor: 0, nearPoor: 0 });

export function emptyFigures(): Annex7Figures {
  return {
    residentHouseholds: 0,
    poor: 0,
    nearPoor: 0,
    groups: Object.fromEntries([...HOUSEHOLD_GROUPS, 'no-labour'].map((g) => [g, emptyPoorNear()])) as Record<
      Annex7Group,
      PoorNear
    >,
    deprivations: Object.fromEntries(INDICATOR_KEYS.map((k) => [k, emptyPoorNear()])) as Record<
      IndicatorKey,
      PoorNear
    >,
  };
}

/** A cell of the kept aggregates as the tables read it (class POOR or NEAR_POOR). */
export interface Annex7Cell {
  classification: string;
  /** '' households, 'no-labour', 'group:<g>', or an indicator key. */
  indicator: string;
  n: number;
}

const GROUP_KEYS = new Set<string>([...HOUSEHOLD_GROUPS, 'no-labour']);
const INDICATORS = new Set<string>(INDICATOR_KEYS);

/** The cell indicators `addCell` counts besides the households (''): what the tables read. */
export const ANNEX7_INDICATORS: readonly string[] = [
  'no-labour',
  ...[...GROUP_KEYS].map((g) => `group:${g}`),
  ...INDICATOR_KEYS,
];

/** Adds one cell to a row's figures (cells of other classes or indicators are not Annex VII's). */
export function addCell(f: Annex7Figures, c: Annex7Cell): void {
  const side = c.classification === 'POOR' ? 'poor' : c.classification === 'NEAR_POOR' ? 'nearPoor' : null;
  if (!side) return;
  if (c.indicator === '') f[side] += c.n;
  else if (c.indicator === 'no-labour') f.groups['no-labour'][side] += c.n;
  else if (c.indicator.startsWith('group:')) {
    const g = c.indicator.slice(6);
    if (GROUP_KEYS.has(g)) f.groups[g as Annex7Group][side] += c.n;
  } else if (INDICATORS.has(c.indicator)) f.deprivations[c.indicator as IndicatorKey][side] += c.n;
}

/** Adds `b` into `a`; resident households stay null once a part lacks them. */
export function addFigures(a: Annex7Figures, b: Annex7Figures): void {
  a.residentHouseholds =
    a.residentHouseholds === null || b.residentHouseholds === null
      ? null
      : a.residentHouseholds + b.residentHouseholds;
  a.poor += b.poor;
  a.nearPoor += b.nearPoor;
  for (const k of Object.keys(a.groups) as Annex7Group[]) {
    a.groups[k].poor += b.groups[k].poor;
    a.groups[k].nearPoor += b.groups[k].nearPoor;
  }
  for (const k of INDICATOR_KEYS) {
    a.deprivations[k].poor += b.deprivations[k].poor;
    a.deprivations[k].nearPoor += b.deprivations[k].nearPoor;
  }
}
