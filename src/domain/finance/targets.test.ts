import { describe, expect, it } from 'vitest';
import { ratePercent, targetProgress, totalOfRows } from './targets.js';

const baseline = { households: 29_800, poor: 450, nearPoor: 610 };

describe('target progress', () => {
  it('counts poor households reduced against the recognised results', () => {
    expect(
      targetProgress({ kind: 'poor-reduction', value: 155 }, baseline, {
        households: 30_000,
        poor: 295,
        nearPoor: 600,
      }),
    ).toEqual({
      achieved: 155,
      share: 1,
      status: 'met',
    });
    expect(
      targetProgress({ kind: 'poor-reduction', value: 155 }, baseline, {
        households: 30_000,
        poor: 300,
        nearPoor: 600,
      }),
    ).toMatchObject({
      achieved: 150,
      status: 'not-met',
    });
  });

  it('measures the rate reduction in percentage points over the resident households', () => {
    expect(ratePercent(450, 29_800)).toBe(1.51);
    expect(ratePercent(295, 30_000)).toBe(0.98);
    // The surveyed households (20,000) are not the denominator: the resident ones are.
    const surveyed = { households: 20_000, poor: 295, nearPoor: 600 };
    const residents = { baseline: 29_800, outcome: 30_000 };
    const p = targetProgress({ kind: 'poor-rate-reduction', value: 0.52 }, baseline, surveyed, residents);
    expect(p).toMatchObject({ achieved: 0.53, status: 'met' });
    const short = targetProgress(
      { kind: 'poor-rate-reduction', value: 0.52 },
      baseline,
      { ...surveyed, poor: 300 },
      residents,
    );
    expect(short).toMatchObject({ achieved: 0.51, status: 'not-met' });
  });

  it('a rate target without resident households says so instead of using the surveyed ones', () => {
    const outcome = { households: 30_000, poor: 295, nearPoor: 600 };
    for (const residents of [
      { baseline: null, outcome: 30_000 },
      { baseline: 29_800, outcome: null },
      undefined,
    ])
      expect(
        targetProgress({ kind: 'poor-rate-reduction', value: 0.52 }, baseline, outcome, residents),
      ).toEqual({ achieved: null, share: null, status: 'no-residents' });
    // Counts need no resident figure.
    expect(targetProgress({ kind: 'poor-reduction', value: 100 }, baseline, outcome).status).toBe('met');
  });

  it('a rise is negative progress; missing data and free targets are said so', () => {
    expect(
      targetProgress({ kind: 'near-poor-reduction', value: 20 }, baseline, { ...baseline, nearPoor: 640 }),
    ).toMatchObject({ achieved: -30, status: 'not-met' });
    expect(targetProgress({ kind: 'poor-reduction', value: 155 }, null, baseline).status).toBe('no-data');
    expect(targetProgress({ kind: 'free', value: 3 }, baseline, baseline).status).toBe('not-measured');
  });
});

describe('the total row of the ward table', () => {
  const c = (households: number, poor: number) => ({ households, poor, nearPoor: 0 });
  it('is the sum of its rows, recognised and forecast alike, and says how many are forecast', () => {
    const total = totalOfRows([
      { baseline: c(1000, 69), outcome: c(1000, 50), outcomeKind: 'recognised' },
      { baseline: c(800, 42), outcome: c(800, 25), outcomeKind: 'forecast' },
      { baseline: c(900, 72), outcome: c(900, 52), outcomeKind: 'recognised' },
    ]);
    expect(total.baseline).toEqual(c(2700, 183));
    expect(total.outcome).toEqual(c(2700, 127));
    expect(total.poorReduced).toBe(19 + 17 + 20);
    expect(total.forecastRows).toBe(1);
    expect(total.outcomeKind).toBe('forecast');
  });
  it('a row without a baseline adds its households but no reduction', () => {
    const total = totalOfRows([
      { baseline: c(100, 10), outcome: c(100, 8), outcomeKind: 'recognised' },
      { baseline: null, outcome: c(50, 5), outcomeKind: 'recognised' },
    ]);
    expect(total.outcome).toEqual(c(150, 13));
    expect(total.poorReduced).toBe(2);
    expect(total.forecastRows).toBe(0);
    expect(totalOfRows([]).poorReduced).toBeNull();
  });
});
