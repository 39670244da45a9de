// Working age under the Labour Code 2019 (Art. 169) and Decree 135/2020/NĐ-CP (Art. 4–6): from 15
// years up to the statutory retirement age, which rises from 2021 by 3 months a year for men
// (60 y 3 m in 2021 → 62 y in 2028) and by 4 months a year for women (55 y 4 m in 2021 → 60 y
// in 2035). The age that applies is the one of the year in which a person reaches it, and the
// person retires at the end of the month in which that age is reached (Decree 135/2020, Art. 6).
import { ageOn, isoMonthIndex } from '../dates.js';
import type { Sex } from '../survey/record.js';

/** Schedule parameters (data of the law, not of a poverty standard). */
export const RETIREMENT_SCHEDULE = {
  firstYear: 2021,
  M: { before: 60 * 12, first: 60 * 12 + 3, stepMonths: 3, max: 62 * 12 },
  F: { before: 55 * 12, first: 55 * 12 + 4, stepMonths: 4, max: 60 * 12 },
} as const;

export const WORKING_AGE_FROM = 15;

/** Statutory retirement age, in months, for someone reaching it in `year`. */
export function retirementAgeMonthsInYear(sex: Sex, year: number): number {
  const s = RETIREMENT_SCHEDULE[sex];
  if (year < RETIREMENT_SCHEDULE.firstYear) return s.before;
  return Math.min(s.max, s.first + s.stepMonths * (year - RETIREMENT_SCHEDULE.firstYear));
}

/** The statutory retirement age for retirements in the year of `date` (YYYY-MM-DD). */
export function retirementAge(sex: Sex, date: string): { years: number; months: number } {
  const m = retirementAgeMonthsInYear(sex, Number(date.slice(0, 4)));
  return { years: Math.floor(m / 12), months: m % 12 };
}

/**
 * The month (as year*12 + month-1) in which someone born on `birthDate` reaches the retirement
 * age: the first year y such that birth + age(y) falls in y or earlier. Ages rise by at most
 * four months a year, so the search ends within a few steps.
 */
export function retirementMonthIndex(sex: Sex, birthDate: string): number {
  const born = isoMonthIndex(birthDate);
  const s = RETIREMENT_SCHEDULE[sex];
  for (let year = Math.floor((born + s.before) / 12); ; year += 1) {
    const reached = born + retirementAgeMonthsInYear(sex, year);
    if (Math.floor(reached / 12) <= year) return reached;
  }
}

/** The last day (YYYY-MM-DD) on which someone born on `birthDate` is still of working age. */
export function lastWorkingDay(sex: Sex, birthDate: string): string {
  const idx = retirementMonthIndex(sex, birthDate);
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** True once the member has passed the statutory retirement age on `on` (month precision, see above). */
export function isAboveWorkingAge(
  member: { birthDate: string; sex: Sex },
  on: string,
  age = ageOn(member.birthDate, on),
): boolean {
  // Fast paths: nobody retires before 55, and a year past the ceiling (62 men, 60 women) everyone
  // has (at the ceiling itself, the month of the birthday is still worked).
  if (age < 55) return false;
  if (age > RETIREMENT_SCHEDULE[member.sex].max / 12) return true;
  return isoMonthIndex(on) > retirementMonthIndex(member.sex, member.birthDate);
}

/** Of working age on `on`: at least 15 years old and not past the statutory retirement age. */
export function isWorkingAge(
  member: { birthDate: string; sex: Sex },
  on: string,
  age = ageOn(member.birthDate, on),
): boolean {
  return age >= WORKING_AGE_FROM && !isAboveWorkingAge(member, on, age);
}
