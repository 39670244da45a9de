import { describe, expect, it } from 'vitest';
import {
  addressLine,
  certificateNumber,
  dateInWords,
  maskName,
  placeName,
  relationLabel,
  stampYears,
} from './certificate.js';

describe('certificate rules (Mẫu số 03)', () => {
  it('numbers as the form writes them', () => {
    expect(certificateNumber(12)).toBe('12/GCN-HN.HCN');
  });

  it('boxes start the year after the review and stop with the standard', () => {
    expect(stampYears(2024, '2026-12-31')).toEqual([2025, 2026]);
    expect(stampYears(2022, '2026-12-31')).toEqual([2023, 2024, 2025, 2026]);
    // The year after the review is always there, even when the standard has ended.
    expect(stampYears(2026, '2026-12-31')).toEqual([2027]);
    expect(stampYears(2026, '2030-12-31')).toEqual([2027, 2028, 2029, 2030]);
    expect(stampYears(2020, '2040-12-31')).toHaveLength(5);
    expect(stampYears(2024, null)).toEqual([2025]);
  });

  it('writes relations with the word that matches the sex', () => {
    expect(relationLabel('head', 'M')).toBe('Chủ hộ');
    expect(relationLabel('spouse', 'F')).toBe('Vợ');
    expect(relationLabel('spouse', 'M')).toBe('Chồng');
    expect(relationLabel('parent', 'F')).toBe('Mẹ');
    expect(relationLabel('unknown', 'F')).toBe('Khác');
  });

  it('masks a name to its initials, whatever the Unicode form', () => {
    expect(maskName('Nguyễn Văn Hùng')).toBe('N. V. H.');
    expect(maskName('Đặng  thị   Ánh'.normalize('NFD'))).toBe('Đ. T. Á.');
    expect(maskName('  ')).toBe('');
  });

  it('writes places and dates as official papers do', () => {
    expect(placeName('Phường Trung Sơn')).toBe('Trung Sơn');
    expect(dateInWords('2024-11-04')).toBe('ngày 04 tháng 11 năm 2024');
  });

  it('writes the address once, whatever the household address already names', () => {
    expect(addressLine('Số 12, Thôn Đông', ['Thôn Đông', 'Xã Quảng Giao', null, 'Tỉnh Thanh Hóa'])).toBe(
      'Số 12, Thôn Đông, Xã Quảng Giao, Tỉnh Thanh Hóa',
    );
    expect(addressLine(null, ['Tổ dân phố 1', 'Phường Trung Sơn', 'Thành phố Sầm Sơn'])).toBe(
      'Tổ dân phố 1, Phường Trung Sơn, Thành phố Sầm Sơn',
    );
  });
});
