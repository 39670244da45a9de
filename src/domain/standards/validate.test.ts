// validateStandard returns every problem with a code and a path, never throwing at the first.
import { describe, expect, it } from 'vitest';
import { ND07_2021, ND351_2025 } from './national.js';
import { validateStandard } from './validate.js';
import { INDICATOR_KEYS } from './standard.js';

const clone = () => structuredClone(ND07_2021) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('validateStandard', () => {
  it('accepts the national standards', () => {
    expect(validateStandard(ND07_2021)).toEqual([]);
    expect(validateStandard(ND351_2025)).toEqual([]);
    expect(ND07_2021.indicators.map((i) => i.key)).toEqual([...INDICATOR_KEYS]);
    expect(ND351_2025.provisional).toBe(true);
    expect(ND351_2025.incomeLines).toEqual({ rural: 2_200_000, urban: 2_800_000 });
  });

  it('lists every problem at once with its path', () => {
    const s = clone();
    s.incomeLines.urban = -5;
    s.averageUpperBounds.rural = 1_000_000;
    s.validTo = '2021-12-31';
    s.indicators[7].minM2PerPerson = 'eight';
    s.indicators[4].bands[1].minLevel = 'doctorate';
    s.indicators[8].acceptable = ['piped', 'river'];
    s.indicators.push({ ...s.indicators[0] });
    const problems = validateStandard(s).map((p) => `${p.code} ${p.path}`);
    expect(problems).toEqual([
      'DATE_ORDER validTo',
      'BAND_BELOW_LINE averageUpperBounds.rural',
      'RANGE incomeLines.urban',
      'ENUM indicators[4].bands[1].minLevel',
      'TYPE indicators[7].minM2PerPerson',
      'ENUM indicators[8].acceptable[1]',
      'INDICATOR_DUPLICATE indicators[12].key',
    ]);
  });

  it('refuses unknown indicators, wrong order, a local standard without province, and non-objects', () => {
    const s = clone();
    s.indicators = [s.indicators[1], s.indicators[0], { key: 'wasteTreatment' }];
    s.scope = 'local';
    s.baseCode = 'ND07_2021';
    const codes = validateStandard(s).map((p) => `${p.code} ${p.path}`);
    expect(codes).toContain('INDICATOR_ORDER indicators[1].key');
    expect(codes).toContain('INDICATOR_UNKNOWN indicators[2].key');
    expect(codes).toContain('SCOPE_MISMATCH provinceCode');
    expect(validateStandard(null)).toEqual([
      { code: 'TYPE', path: '', message: 'a standard must be an object' },
    ]);
    expect(validateStandard({}).length).toBeGreaterThan(8);
  });
});
