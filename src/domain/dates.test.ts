import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isoDayNumber,
  isoMonthIndex,
  isoYear,
  addDays,
  ageInMonthsOn,
  ageOn,
  daysInMonth,
  formatDateVn,
  formatInstantVn,
  isIsoDate,
  isoWeekday,
  vnDateOf,
} from './dates.js';

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-04-31', false],
    ['0096-02-29', true],
    ['0097-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['24-02-01', false],
    ['2024-2-01', false],
    [20240201, false],
  ])('isIsoDate(%s) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('counts days in a month, leap years included, for every century', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(96, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
  });

  it('ages are whole years reached on the date (contract example)', () => {
    expect(ageOn('2008-10-16', '2024-10-15')).toBe(15);
    expect(ageOn('2008-10-16', '2024-10-16')).toBe(16);
    expect(ageInMonthsOn('2024-01-31', '2024-02-29')).toBe(0);
    expect(ageInMonthsOn('2024-01-31', '2024-03-01')).toBe(1);
  });

  it('shows instants in Vietnam time (GMT+7) and dates as dd/mm/yyyy', () => {
    expect(formatInstantVn('2024-06-11T09:12:04.000Z')).toBe('16:12:04 11/06/2024');
    expect(formatInstantVn('2024-06-11T17:30:00.000Z')).toBe('00:30:00 12/06/2024');
    expect(vnDateOf(new Date('2024-06-11T17:30:00.000Z'))).toBe('2024-06-12');
    expect(formatDateVn('2024-09-30')).toBe('30/09/2024');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(isoWeekday('2024-06-09')).toBe(7);
  });
});

describe('isoYear, isoMonthIndex and isoDayNumber', () => {
  it('read a valid ISO date as slicing it would, and order as the dates do', () => {
    const day = fc
      .date({
        min: new Date('1880-01-01T00:00:00Z'),
        max: new Date('2199-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(isoYear(a)).toBe(Number(a.slice(0, 4)));
        expect(isoMonthIndex(a)).toBe(Number(a.slice(0, 4)) * 12 + Number(a.slice(5, 7)) - 1);
        expect(isoDayNumber(a)).toBe(Number(a.replaceAll('-', '')));
        expect(Math.sign(isoDayNumber(a) - isoDayNumber(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });
});
