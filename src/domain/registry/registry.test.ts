import { describe, expect, it } from 'vitest';
import { makeCitizenId } from './citizen-id.js';
import { citizenIdProblems } from '../survey/citizen-id.js';
import { foldText, searchTokens } from './fold.js';
import { hasNoLabourCapacity, movementOf, movementsOf } from './movement.js';

describe('search folding', () => {
  it('folds Vietnamese accents and đ', () => {
    expect(foldText('Nguyễn Văn Hùng')).toBe('nguyen van hung');
    expect(foldText('  ĐỖ   Thị  Ánh ')).toBe('do thi anh');
    expect(searchTokens('nguyen  VAN hùng')).toEqual(['nguyen', 'van', 'hung']);
  });
});

describe('synthetic citizen ID', () => {
  it('passes the survey validation', () => {
    for (const [birth, sex] of [
      ['1980-03-01', 'M'],
      ['2003-05-06', 'F'],
      ['1899-12-31', 'F'],
      ['2012-01-01', 'M'],
    ] as const) {
      const id = makeCitizenId('38', birth, sex, 42);
      expect(id).toMatch(/^038\d{9}$/);
      expect(citizenIdProblems(id, birth, sex)).toEqual([]);
    }
  });
});

describe('movement between periods', () => {
  it('names each movement', () => {
    expect(movementOf('POOR', [])).toBe('chua-co-ky-truoc');
    expect(movementOf('NEAR_POOR', ['POOR'])).toBe('thoat-ngheo');
    expect(movementOf('NONE', ['NEAR_POOR'])).toBe('thoat-can-ngheo');
    expect(movementOf('POOR', ['NONE'])).toBe('ngheo-phat-sinh');
    expect(movementOf('POOR', ['NEAR_POOR'])).toBe('ngheo-phat-sinh');
    expect(movementOf('POOR', ['POOR', 'AVERAGE'])).toBe('tai-ngheo');
    expect(movementOf('NEAR_POOR', ['AVERAGE'])).toBe('can-ngheo-phat-sinh');
    expect(movementOf('NEAR_POOR', ['NEAR_POOR', 'NONE'])).toBe('tai-can-ngheo');
    expect(movementOf('POOR', ['POOR'])).toBe('khong-doi');
    expect(movementOf('AVERAGE', ['NONE'])).toBe('khong-doi');
  });

  it('flags households without labour capacity', () => {
    const wa = (m: { birthDate: string }) => m.birthDate < '2009-01-01' && m.birthDate > '1964-01-01';
    expect(
      hasNoLabourCapacity(
        [
          { birthDate: '1950-01-01', sex: 'M' },
          { birthDate: '2015-01-01', sex: 'F' },
        ],
        wa,
      ),
    ).toBe(true);
    expect(hasNoLabourCapacity([{ birthDate: '1980-01-01', sex: 'M', disability: 'severe' }], wa)).toBe(true);
    expect(hasNoLabourCapacity([{ birthDate: '1980-01-01', sex: 'M', disability: 'mild' }], wa)).toBe(false);
  });
});

describe('movements of a whole history', () => {
  it('each period against all the earlier ones', () => {
    expect(movementsOf(['POOR', 'AVERAGE', 'NEAR_POOR', 'POOR'])).toEqual([
      'chua-co-ky-truoc',
      'thoat-ngheo',
      'tai-can-ngheo',
      'tai-ngheo',
    ]);
    // Without the oldest period the same later classes move differently.
    expect(movementsOf(['AVERAGE', 'NEAR_POOR', 'POOR'])).toEqual([
      'chua-co-ky-truoc',
      'can-ngheo-phat-sinh',
      'ngheo-phat-sinh',
    ]);
    expect(movementsOf([])).toEqual([]);
  });
});
