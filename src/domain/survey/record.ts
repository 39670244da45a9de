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
}
