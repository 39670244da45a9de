import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldAscii, foldText, foldWord } from './fold.js';

describe('foldText', () => {
  it('folds Vietnamese names, household IDs and addresses to lower-case ASCII words', () => {
    expect(foldText('Nguyễn Văn Hùng')).toBe('nguyen van hung');
    expect(foldText('ĐỖ THỊ  Đào')).toBe('do thi dao');
    expect(foldText('HH-38-000123 Số 12/3, ngõ Hạ')).toBe('hh 38 000123 so 12 3 ngo ha');
    expect(foldText('  ')).toBe('');
  });

  it('folds a word of ASCII directly exactly as the general fold does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 24 }), (w) => {
        expect(foldAscii(w)).toBe(foldWord(w));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same text whatever the words were folded before (the remembered words)', () => {
    const words = fc.constantFrom('Nguyễn', 'HH-01', 'Văn', 'abc', 'Số', '12/3', 'ĐÀO', 'x_y', 'Ấp');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 8 }), fc.array(words, { maxLength: 8 }), (a, b) => {
        const text = b.join(' ');
        const fresh = b.map(foldWord).filter(Boolean).join(' ');
        foldText(a.join(' '));
        expect(foldText(text)).toBe(fresh);
      }),
    );
  });
});
