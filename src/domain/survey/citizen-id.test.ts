// The citizen-ID check against the encoding of Circular 59/2021/TT-BCA.
import { describe, expect, it } from 'vitest';
import { citizenIdProblems, PROVINCE_CODES_POST_2025, PROVINCE_CODES_PRE_2025 } from './citizen-id.js';

describe('citizenIdProblems', () => {
  it('accepts exactly the 63 pre-2025 and 34 post-2025 province prefixes', () => {
    const valid = new Set([...PROVINCE_CODES_PRE_2025, ...PROVINCE_CODES_POST_2025].map((c) => `0${c}`));
    expect(valid.size).toBe(63);
    for (let p = 0; p < 1000; p += 1) {
      const prefix = String(p).padStart(3, '0');
      const problems = citizenIdProblems(`${prefix}080001234`, '1980-01-01', 'M');
      expect(
        problems.some((x) => x.kind === 'province'),
        prefix,
      ).toBe(!valid.has(prefix));
    }
  });

  it.each([
    ['0', '1980-01-01', 'M', []],
    ['1', '1980-01-01', 'F', []],
    ['2', '2005-01-01', 'M', []],
    ['3', '2012-01-01', 'F', []],
    ['4', '2101-01-01', 'M', []],
    ['8', '1899-01-01', 'M', []],
    ['9', '1899-01-01', 'F', []],
    ['1', '1980-01-01', 'M', ['sex']],
    ['2', '1980-01-01', 'M', ['century']],
    ['3', '1999-12-31', 'M', ['century', 'sex']],
  ] as const)('fourth digit %s for birth %s, sex %s → %j', (digit, birth, sex, kinds) => {
    expect(citizenIdProblems(`038${digit}80001234`, birth, sex).map((p) => p.kind)).toEqual(kinds);
  });

  it('refuses anything but 12 digits', () => {
    for (const id of ['03808000123', '0380800012345', '03808000123a', '038 80001234', '０３８080001234']) {
      expect(citizenIdProblems(id, undefined, undefined)).toEqual([{ kind: 'format' }]);
    }
  });
});
