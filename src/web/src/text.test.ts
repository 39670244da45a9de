import { describe, expect, it } from 'vitest';
import { foldVi, parseDateVn } from './text';

describe('parseDateVn', () => {
  it.each([
    ['07/06/2024', '2024-06-07'],
    ['7/6/2024', '2024-06-07'],
    ['07-06-2024', '2024-06-07'],
    ['07.06.2024', '2024-06-07'],
    [' 01/07/2025 ', '2025-07-01'],
    ['2024-06-07', '2024-06-07'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDateVn(text)).toBe(iso);
  });

  it.each(['29/02/2023', '31/04/2024', '00/01/2024', '07/13/2024', '07/06/24', '2024/06/07', 'hôm nay', ''])(
    'refuses %j',
    (text) => {
      expect(parseDateVn(text)).toBeNull();
    },
  );
});

describe('foldVi', () => {
  it('drops tones and marks, and reads đ as d', () => {
    expect(foldVi('Xã Đại Hùng')).toBe('xa dai hung');
    expect(foldVi('Phường Nam Sầm Sơn')).toBe('phuong nam sam son');
  });

  it('gives the same key for composed (NFC) and decomposed (NFD) input', () => {
    const name = 'Thị trấn Ngọc Lặc';
    expect(foldVi(name.normalize('NFD'))).toBe(foldVi(name.normalize('NFC')));
  });
});
