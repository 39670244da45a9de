// The household survey record (Form B answers) exactly as contracts/survey-record.md defines it,
// and the closed value lists of its fields. The lists are data: validation and the standards both
// refer to them, so a new value is added in one place.

export const AREAS = ['rural', 'urban'] as const;
export type Area = (typeof AREAS)[number];

export const DURABILITY = ['durable', 'non-durable'] as const;
export type Durability = (typeof DURABILITY)[number];

export const HOUSING_STRUCTURES = ['walls', 'columns', 'roof'] as const;
export type HousingStructure = (typeof HOUSING_STRUCTURES)[number];

export const WATER_SOURCES = [
  'piped',
  'drilled-well',
  'protected-dug-well',
  'protected-spring',
  'rainwater',
  'bottled',
  'unprotected-well',
  'unprotected-spring',
  'surface',
  'other',
] as const;
export type WaterSource = (typeof WATER_SOURCES)[number];

export const LATRINES = [
  'septic',
  'semi-septic',
  'pour-flush',
  'double-vault',
  'ventilated-pit',
  'unhygienic-pit',
  'bucket',
  'none',
  'other',
] as const;
export type Latrine = (typeof LATRINES)[number];

export const INFO_DEVICES = ['tv', 'radio', 'computer', 'phone'] as const;
export type InfoDevice = (typeof INFO_DEVICES)[number];

export const SEXES = ['M', 'F'] as const;
export type Sex = (typeof SEXES)[number];

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export const EMPLOYMENTS = [
  'wage-with-contract',
  'wage-no-contract',
  'self-employed',
  'unemployed',
  'not-in-labour-force',
  'student',
] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

export const SCHOOLING = ['appropriate', 'below-level', 'not-attending'] as const;
export type Schooling = (typeof SCHOOLING)[number];

/** Highest level reached, in the contract's order (lowest first). */
export const EDUCATION_LEVELS = [
  'none',
  'primary',
  'lower-secondary',
  'upper-secondary',
  'vocational-elementary',
  'vocational-intermediate',
  'college',
  'university',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const DISABILITIES = ['none', 'mild', 'severe', 'extremely-severe'] as const;
export type Disability = (typeof DISABILITIES)[number];

/**
 * Causes of poverty (nguyên nhân nghèo) an officer records for a poor or near-poor household. The
 * list follows the causes of the earlier review forms (Circular 17/2016 precedent); the 2021 form's
 * own list is UNCONFIRMED (docs/decisions/0025-ethnicity-groups-annex7.md), so it is data here.
 */
export const POVERTY_CAUSES = [
  'no-land',
  'no-capital',
  'no-labour',
  'no-means',
  'no-skills',
  'illness',
  'many-dependants',
  'disaster',
  'social-evils',
  'unwilling',
  'other',
] as const;
export type PovertyCause = (typeof POVERTY_CAUSES)[number];

/** Support the household needs (nhu cầu hỗ trợ), same status as POVERTY_CAUSES. */
export const SUPPORT_NEEDS = [
  'credit',
  'land',
  'means',
  'seeds-livestock',
  'know-how',
  'training-jobs',
  'labour-export',
  'housing',
  'water-sanitation',
  'health-insurance',
  'education',
  'social-allowance',
  'other',
] as const;
export type SupportNeed = (typeof SUPPORT_NEEDS)[number];

export interface SurveyMember {
  name: string;
  /** 12-digit citizen ID (CCCD), or null when not recorded. */
  idNumber: string | null;
  birthDate: string;
  sex: Sex;
  relation: Relation;
  employment: Employment;
  healthInsurance: boolean;
  /** Children aged 3 to under 16; null otherwise (or not recorded). */
  schooling: Schooling | null;
  education: EducationLevel;
  inTraining: boolean;
  stunted: boolean;
  underweight: boolean;
  disability: Disability;
  monthlySocialAllowance: boolean;
  /**
   * Ethnic group: a code of the 1979 list (src/domain/reference/ethnic-groups.ts), or null when not
   * recorded. Optional in the type because results stored before it was collected lack it.
   */
  ethnicity?: string | null;
  /** A person with merit to the revolution (người có công với cách mạng); absent: no. */
  merit?: boolean;
}

export interface SurveyHousing {
  floorAreaM2: number;
  walls: Durability;
  columns: Durability;
  roof: Durability;
}

export interface SurveyRecord {
  householdId: string;
  unitCode: string;
  surveyDate: string;
  /** Absent: taken from the type of the unit holding unitCode on surveyDate. */
  area: Area | null;
  /** Integer đồng per person per month. */
  incomePerCapitaMonthly: number;
  housing: SurveyHousing;
  waterSource: WaterSource;
  latrine: Latrine;
  internetUse: boolean;
  infoDevices: InfoDevice[];
  loudspeakerAccess: boolean;
  members: SurveyMember[];
  /** Absent in results stored before they were collected; the parser fills []. */
  povertyCauses?: PovertyCause[];
  supportNeeds?: SupportNeed[];
}
