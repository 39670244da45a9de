// Retirement age by year and sex (Labour Code 2019, Decree 135/2020), including the month steps,
// and working age on a date with month precision (retirement at the end of the month the age is reached).
import { describe, expect, it } from 'vitest';
import { isAboveWorkingAge, isWorkingAge, lastWorkingDay, retirementAge } from './working-age.js';

describe('retirementAge(sex, date)', () => {
  it.each([
    ['M', '2020-06-01', 60, 0],
    ['M', '2021-01-01', 60, 3],
    ['M', '2022-12-31', 60, 6],
    ['M', '2023-05-05', 60, 9],
    ['M', '2024-10-15', 61, 0],
    ['M', '2027-01-01', 61, 9],
    ['M', '2028-01-01', 62, 0],
    ['M', '2035-01-01', 62, 0],
    ['F', '2020-06-01', 55, 0],
    ['F', '2021-01-01', 55, 4],
    ['F', '2022-01-01', 55, 8],
    ['F', '2023-01-01', 56, 0],
    ['F', '2024-10-15', 56, 4],
    ['F', '2034-01-01', 59, 8],
    ['F', '2035-01-01', 60, 0],
    ['F', '2040-01-01', 60, 0],
  ] as const)('%s in %s: %i y %i m', (sex, date, years, months) => {
    expect(retirementAge(sex, date)).toEqual({ years, months });
  });
});

describe('working age with month steps (Decree 135/2020, annex I and II)', () => {
  it.each([
    // Man born 09/1961 reaches 60 y 3 m in 12/2021; born 10/1961 reaches 60 y 6 m (the 2022 age) in 04/2022.
    ['M', '1961-09-15', '2021-12-31'],
    ['M', '1961-10-15', '2022-04-30'],
    // Born 12/1960: 60 y in 12/2020, before the schedule began.
    ['M', '1960-12-01', '2020-12-31'],
    // Born 01/1966: the 2027 age 61 y 9 m is reached in 10/2027; born 04/1966: 62 y in 04/2028.
    ['M', '1966-01-20', '2027-10-31'],
    ['M', '1966-04-02', '2028-04-30'],
    // Woman born 01/1967 reaches 55 y 8 m (the 2022 age) in 09/2022; born 1980-02 reaches 60 y in 02/2040.
    ['F', '1967-01-10', '2022-09-30'],
    ['F', '1966-08-31', '2021-12-31'],
    ['F', '1980-02-29', '2040-02-29'],
  ] as const)('%s born %s: last working day %s', (sex, birthDate, last) => {
    expect(lastWorkingDay(sex, birthDate)).toBe(last);
    const next = nextDay(last);
    expect(isWorkingAge({ birthDate, sex }, last)).toBe(true);
    expect(isWorkingAge({ birthDate, sex }, next)).toBe(false);
    expect(isAboveWorkingAge({ birthDate, sex }, next)).toBe(true);
  });

  it('starts at 15 years exactly', () => {
    expect(isWorkingAge({ birthDate: '2009-10-16', sex: 'M' }, '2024-10-15')).toBe(false);
    expect(isWorkingAge({ birthDate: '2009-10-15', sex: 'M' }, '2024-10-15')).toBe(true);
    expect(isAboveWorkingAge({ birthDate: '2009-10-16', sex: 'F' }, '2024-10-15')).toBe(false);
  });
});

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
