import { describe, expect, it } from 'vitest';
import { compareUnitMatches, unitNameKey, unitNameMatches, unitOwnNameKey } from './name-search.js';

describe('unit names typed without accents', () => {
  it('folds a name to its stored key', () => {
    expect(unitNameKey('Phường Đông Hải')).toBe('phuong dong hai');
    expect(unitNameKey('Thành phố  Sầm Sơn')).toBe('thanh pho sam son');
    expect(unitOwnNameKey('Thành phố Sầm Sơn')).toBe('sam son');
    expect(unitOwnNameKey('Xã Quảng Hùng')).toBe('quang hung');
  });

  it('matches at the start of a word, with or without accents, in any case', () => {
    expect(unitNameMatches('Thành phố Sầm Sơn', 'sam son')).toBe(true);
    expect(unitNameMatches('Phường Đông Hải', 'dong hai')).toBe(true);
    expect(unitNameMatches('Phường Đông Hải', 'ĐÔNG HẢI')).toBe(true);
    expect(unitNameMatches('Phường Đông Hải', 'đông h')).toBe(true);
    expect(unitNameMatches('Phường Đông Hải', 'ong hai')).toBe(false);
    expect(unitNameMatches('Phường Nam Sầm Sơn', 'sam son')).toBe(true);
    expect(unitNameMatches('Xã Quảng Hùng', 'sam son')).toBe(false);
    expect(unitNameMatches('Xã Quảng Hùng', '  ')).toBe(true);
  });

  it('ranks the unit named by the query before the ones that only contain it', () => {
    const units = [
      { name: 'Phường Nam Sầm Sơn', level: 'commune', validTo: null },
      { name: 'Phường Sầm Sơn', level: 'commune', validTo: null },
      { name: 'Thành phố Sầm Sơn', level: 'district', validTo: '2025-06-30' },
    ];
    const sorted = [...units].sort((a, b) => compareUnitMatches('sam son', a, b)).map((u) => u.name);
    expect(sorted).toEqual(['Thành phố Sầm Sơn', 'Phường Sầm Sơn', 'Phường Nam Sầm Sơn']);
  });
});
