// Builders for survey records (contracts/survey-record.md): a valid household of two adults and two
// children surveyed on 2024-10-15, deprived on nothing; tests override what they examine.
import type { SurveyMember, SurveyRecord } from '../../src/domain/survey/record.js';

export const SURVEY_DATE = '2024-10-15';

export function buildMember(overrides: Partial<SurveyMember> = {}): SurveyMember {
  return {
    name: 'Lê Văn Hùng',
    idNumber: null,
    birthDate: '1980-05-10',
    sex: 'M',
    relation: 'head',
    employment: 'wage-with-contract',
    healthInsurance: true,
    schooling: null,
    education: 'upper-secondary',
    inTraining: false,
    stunted: false,
    underweight: false,
    disability: 'none',
    monthlySocialAllowance: false,
    ethnicity: '01',
    merit: false,
    ...overrides,
  };
}

/** A member who is exactly `years` old on the survey date (birthday on the survey day). */
export function bornYearsBefore(years: number, on = SURVEY_DATE): string {
  return `${String(Number(on.slice(0, 4)) - years).padStart(4, '0')}${on.slice(4)}`;
}

export function buildRecord(overrides: Partial<SurveyRecord> = {}): SurveyRecord {
  return {
    householdId: 'HH-TEST',
    unitCode: '14830',
    surveyDate: SURVEY_DATE,
    area: null,
    incomePerCapitaMonthly: 1_900_000,
    housing: { floorAreaM2: 48, walls: 'durable', columns: 'durable', roof: 'durable' },
    waterSource: 'piped',
    latrine: 'septic',
    internetUse: true,
    infoDevices: ['tv', 'phone'],
    loudspeakerAccess: true,
    members: [
      buildMember(),
      buildMember({
        name: 'Trần Thị Mai',
        birthDate: '1983-02-20',
        sex: 'F',
        relation: 'spouse',
        employment: 'self-employed',
      }),
      buildMember({
        name: 'Lê Thị Lan',
        birthDate: '2012-09-01',
        sex: 'F',
        relation: 'child',
        employment: 'student',
        schooling: 'appropriate',
        education: 'primary',
      }),
      buildMember({
        name: 'Lê Văn Nam',
        birthDate: '2016-01-15',
        relation: 'child',
        employment: 'student',
        schooling: 'appropriate',
        education: 'primary',
      }),
    ],
    povertyCauses: [],
    supportNeeds: [],
    ...overrides,
  };
}

/** A deep copy as plain JSON (what a file line parses to). */
export function asRaw(record: SurveyRecord): Record<string, unknown> {
  return JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
}
