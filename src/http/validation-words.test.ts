import { describe, expect, it } from 'vitest';
import { wordValidation } from './validation-words.js';

describe('the rule of a payload schema, in words', () => {
  it('says each kind of rule in Vietnamese and English, never passing on Ajv’s sentence', () => {
    expect(
      wordValidation({ keyword: 'type', params: { type: 'integer' }, message: 'must be integer' }),
    ).toEqual({
      vi: 'phải là một số nguyên',
      en: 'must be a whole number',
    });
    expect(wordValidation({ keyword: 'minimum', params: { comparison: '>=', limit: 2021 } }).vi).toBe(
      'phải từ 2021 trở lên',
    );
    expect(wordValidation({ keyword: 'exclusiveMaximum', params: { comparison: '<', limit: 5 } }).en).toBe(
      'must be less than 5',
    );
    expect(wordValidation({ keyword: 'format', params: { format: 'date' } }).vi).toBe(
      'phải là ngày dạng YYYY-MM-DD',
    );
    expect(wordValidation({ keyword: 'maxLength', params: { limit: 200 } }).vi).toBe(
      'không được quá 200 ký tự',
    );
    expect(wordValidation({ keyword: 'additionalProperties', params: { additionalProperty: 'x' } }).en).toBe(
      'has a field that is not accepted: x',
    );
    expect(wordValidation({ keyword: 'unknownKeyword', message: 'odd' })).toEqual({
      vi: 'không đúng quy định của trường',
      en: 'odd',
    });
  });
});
