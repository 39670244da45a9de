// A poverty standard as data: the income lines, the average-living-standard band, the deprivation
// threshold that makes a household poor, and the indicators with every threshold parameter. The
// engine (../classification) reads these values; it holds no number of any decree itself, so a
// confirmed official text, a new decree or a province's local standard changes data, not code.
import type {
  Area,
  Disability,
  EducationLevel,
  Employment,
  HousingStructure,
  InfoDevice,
  Latrine,
  Schooling,
  WaterSource,
} from '../survey/record.js';

/** The indicator keys of contracts/survey-record.md §3, in contract order (the order of `deprivations`). */
export const INDICATOR_KEYS = [
  'employment',
  'dependants',
  'nutrition',
  'healthInsurance',
  'adultEducation',
  'childSchooling',
  'housingQuality',
  'housingArea',
  'waterSource',
  'latrine',
  'telecom',
  'infoAccess',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const DIMENSIONS = [
  'employment',
  'health',
  'education',
  'housing',
  'water-sanitation',
  'information',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Text {
  vi: string;
  en: string;
}

interface IndicatorBase {
  dimension: Dimension;
  name: Text;
  /** Where the threshold comes from, and how sure we are of it. */
  legalReference: Text;
}

/** The threshold parameters of each indicator. The key selects the rule; everything else is data. */
export type IndicatorParams =
  | {
      key: 'employment';
      /** Employment values that deprive the household when held by a working-age member. */
      deprivedEmployment: Employment[];
    }
  | {
      key: 'dependants';
      /** Members younger than this are dependants. */
      childUnderAge: number;
      /** Members above the statutory working age are dependants. */
      aboveWorkingAge: boolean;
      /** Disability levels that make a member a dependant. */
      disabilities: Disability[];
      /** The 2027–2030 reading: elderly and disabled members count only with a monthly social allowance. */
      requireSocialAllowance: boolean;
      /** Deprived when dependants / members is strictly above this share. */
      maxShare: number;
    }
  | { key: 'nutrition'; childUnderAge: number }
  | { key: 'healthInsurance'; fromAge: number }
  | {
      key: 'adultEducation';
      /** Age bands (whole years, inclusive) and the lowest acceptable level in each. */
      bands: { fromAge: number; toAge: number; minLevel: EducationLevel }[];
      /** Levels from lowest to highest; `minLevel` means this level or any later one. */
      levelOrder: EducationLevel[];
      /** A member currently studying or in training meets the indicator whatever the level. */
      inTrainingMeets: boolean;
    }
  | { key: 'childSchooling'; fromAge: number; underAge: number; acceptable: Schooling[] }
  | { key: 'housingQuality'; structures: HousingStructure[]; minNonDurable: number }
  | { key: 'housingArea'; minM2PerPerson: number }
  | { key: 'waterSource'; acceptable: WaterSource[] }
  | { key: 'latrine'; acceptable: Latrine[] }
  | { key: 'telecom'; requireInternetUse: boolean }
  | { key: 'infoAccess'; devices: InfoDevice[]; loudspeakerCounts: boolean };

export type Indicator = IndicatorBase & IndicatorParams;

export interface Standard {
  code: string;
  name: Text;
  legalBasis: Text;
  /** 'national' (a decree) or 'local' (a province's higher standard). */
  scope: 'national' | 'local';
  /** Province (2-digit code) of a local standard, null for a national one. */
  provinceCode: string | null;
  /** The national standard a local one raises, null for a national one. */
  baseCode: string | null;
  /** Inclusive dates in force (YYYY-MM-DD). */
  validFrom: string;
  validTo: string;
  /** True while the indicator list or thresholds are not confirmed against the official text. */
  provisional: boolean;
  /** Income line per area, integer đồng per person per month (inclusive: equal to the line is at or below it). */
  incomeLines: Record<Area, number>;
  /** Upper bound of the average-living-standard band per area; null when the text sets none. */
  averageUpperBounds: Record<Area, number | null>;
  /** Poor: income at or below the line and at least this many deprivations. */
  poorMinDeprivations: number;
  /** Indicators in contract order. */
  indicators: Indicator[];
  /** Free notes on the reading (what is confirmed, what is not). */
  notes: Text | null;
}

export type Classification = 'POOR' | 'NEAR_POOR' | 'AVERAGE' | 'NONE';
export const CLASSIFICATIONS: readonly Classification[] = ['POOR', 'NEAR_POOR', 'AVERAGE', 'NONE'];

/** The standard in force on a date among `standards` (national ones only), or undefined. */
export function nationalStandardOn(standards: readonly Standard[], date: string): Standard | undefined {
  return standards.find((s) => s.scope === 'national' && s.validFrom <= date && date <= s.validTo);
}
