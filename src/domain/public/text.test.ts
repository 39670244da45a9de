import { describe, expect, it } from 'vitest';
import {
  feedbackCodeFrom,
  FEEDBACK_CODE_PATTERN,
  normaliseFeedbackCode,
  publicCount,
  searchTerms,
  slugify,
} from './text.js';

describe('portal text rules', () => {
  it('slugifies Vietnamese titles', () => {
    expect(
      slugify('TP Sầm Sơn: triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024'),
    ).toBe('tp-sam-son-trien-khai-thuc-hien-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2024');
    expect(slugify('Đại Hùng — Quảng Giao!')).toBe('dai-hung-quang-giao');
    expect(slugify('<script>')).toBe('script');
    expect(slugify('!!!')).toBe('');
  });

  it.each([
    [0, '0'],
    [1, '< 5'],
    [4, '< 5'],
    [5, '5'],
    [123, '123'],
  ])('publishes %i households as "%s"', (n, shown) => {
    expect(publicCount(n)).toBe(shown);
  });

  it('search terms are folded and carry no LIKE wildcard', () => {
    expect(searchTerms('  Giảm   NGHÈO 100%_x ')).toEqual(['giam', 'ngheo', '100', 'x']);
  });

  it('follow-up codes have a fixed shape and are normalised when typed', () => {
    const code = feedbackCodeFrom([0, 1, 2, 3, 31, 32, 200, 255]);
    expect(code).toMatch(FEEDBACK_CODE_PATTERN);
    expect(normaliseFeedbackCode(` ${code.toLowerCase()} `)).toBe(code);
    expect(normaliseFeedbackCode(code.slice(3))).toBe(code);
  });
});
