import { describe, expect, it } from 'vitest';
import {
  amountInWords,
  amountInWordsEn,
  numberToEnglishWords,
  numberToVietnameseWords,
} from './amount-words.js';

describe('amount in words', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi bốn'],
    [25, 'hai mươi lăm'],
    [50, 'năm mươi'],
    [101, 'một trăm linh một'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [115, 'một trăm mười lăm'],
    [1000, 'một nghìn'],
    [1005, 'một nghìn không trăm linh năm'],
    [1_005_000, 'một triệu không trăm linh năm nghìn'],
    [1_000_001, 'một triệu không trăm linh một'],
    [2_000_000_000, 'hai tỷ'],
    [1_000_000_000_000, 'một nghìn tỷ'],
    [
      1_234_567_891_011,
      'một nghìn hai trăm ba mươi bốn tỷ năm trăm sáu mươi bảy triệu tám trăm chín mươi mốt nghìn không trăm mười một',
    ],
    [-35, 'âm ba mươi lăm'],
  ])('%d → %s', (n, words) => {
    expect(numberToVietnameseWords(n)).toBe(words);
  });

  it('writes the Sầm Sơn allocation as on the official form', () => {
    expect(amountInWords(6_412_000_000)).toBe('Sáu tỷ bốn trăm mười hai triệu đồng');
    expect(amountInWords(1_250_500_000)).toBe('Một tỷ hai trăm năm mươi triệu năm trăm nghìn đồng');
    expect(amountInWords(0)).toBe('Không đồng');
  });

  it('refuses a fractional amount', () => {
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });

  it.each([
    [0, 'zero'],
    [7, 'seven'],
    [15, 'fifteen'],
    [21, 'twenty-one'],
    [90, 'ninety'],
    [105, 'one hundred and five'],
    [1_005_000, 'one million five thousand'],
    [-40, 'minus forty'],
    [2_000_000_000_000, 'two trillion'],
  ])('reads %i in English as "%s"', (n, words) => {
    expect(numberToEnglishWords(n)).toBe(words);
  });

  it('writes the English "In words" line of the Sầm Sơn allocation', () => {
    expect(amountInWordsEn(1_950_000_000)).toBe('One billion nine hundred and fifty million đồng');
    expect(() => amountInWordsEn(0.5)).toThrow(RangeError);
  });
});
