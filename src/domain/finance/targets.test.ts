import { describe, expect, it } from 'vitest';
import { ratePercent, targetProgress } from './targets.js';

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

  it('measures the rate reduction in percentage points', () => {
    expect(ratePercent(450, 29_800)).toBe(1.51);
    expect(ratePercent(295, 30_000)).toBe(0.98);
    const p = targetProgress({ kind: 'poor-rate-reduction', value: 0.52 }, baseline, {
      households: 30_000,
      poor: 295,
      nearPoor: 600,
    });
    expect(p).toMatchObject({ achieved: 0.53, status: 'met' });
    const short = targetProgress({ kind: 'poor-rate-reduction', value: 0.52 }, baseline, {
      households: 30_000,
      poor: 300,
      nearPoor: 600,
    });
    expect(short).toMatchObject({ achieved: 0.51, status: 'not-met' });
  });

  it('a rise is negative progress; missing data and free targets are said so', () => {
    expect(
      targetProgress({ kind: 'near-poor-reduction', value: 20 }, baseline, { ...baseline, nearPoor: 640 }),
    ).toMatchObject({ achieved: -30, status: 'not-met' });
    expect(targetProgress({ kind: 'poor-reduction', value: 155 }, null, baseline).status).toBe('no-data');
    expect(targetProgress({ kind: 'free', value: 3 }, baseline, baseline).status).toBe('not-measured');
  });
});
