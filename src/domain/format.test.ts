import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatPercent, formatVnd } from './format.js';
import { formatDateTimeVn } from './dates.js';

describe('Vietnamese number format', () => {
  it('uses a decimal comma and dot thousands, dropping trailing zeros', () => {
    expect(formatNumber(0.64)).toBe('0,64');
    expect(formatNumber(0.5)).toBe('0,5');
    expect(formatNumber(24054)).toBe('24.054');
    expect(formatNumber(1234567.891)).toBe('1.234.567,89');
    expect(formatNumber(-196)).toBe('-196');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(3.14159, 1)).toBe('3,1');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
  it('money, counts and percentages follow the same notation', () => {
    expect(formatVnd(1950000000)).toBe('1.950.000.000 ₫');
    expect(formatCount(24054)).toBe('24.054');
    expect(formatPercent(0.0123)).toBe('1,23 %');
  });
});

describe('date and time in Vietnam time', () => {
  it('reads dd/mm/yyyy HH:mm, seven hours ahead of UTC', () => {
    expect(formatDateTimeVn('2026-12-03T09:19:42.079Z')).toBe('03/12/2026 16:19');
    expect(formatDateTimeVn('2024-12-31T18:30:00Z')).toBe('01/01/2025 01:30');
  });
});
