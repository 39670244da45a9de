import { describe, expect, it } from 'vitest';
import { assessRisk } from './risk.js';

const base = { planned: 6_412_000_000, startDate: '2024-02-26', deadline: '2024-09-30' };

describe('deadline risk', () => {
  it('Sầm Sơn in June 2024: nothing disbursed, deadline 30/09 → at risk', () => {
    const r = assessRisk({ ...base, disbursed: 0, asOf: '2024-06-11' });
    expect(r).toMatchObject({
      state: 'at-risk',
      atRisk: true,
      daysLeft: 111,
      amountLeft: 6_412_000_000,
      pacePerDay: 0,
    });
    expect(r.requiredPerDay).toBe(Math.ceil(6_412_000_000 / 111));
  });

  it('a fresh allocation with nothing disbursed yet is only starting', () => {
    expect(assessRisk({ ...base, disbursed: 0, asOf: '2024-03-10' }).state).toBe('starting');
  });

  it('within the grace period but close to the deadline it is already at risk', () => {
    expect(assessRisk({ ...base, startDate: '2024-09-10', disbursed: 0, asOf: '2024-09-15' }).state).toBe(
      'at-risk',
    );
  });

  it('a pace that finishes by the deadline is on track, one a day short is at risk', () => {
    // 100 days elapsed, 100 left: half disbursed finishes exactly.
    const plan = { planned: 200_000, startDate: '2024-01-01', deadline: '2024-07-19', asOf: '2024-04-10' };
    expect(assessRisk({ ...plan, disbursed: 100_000 }).state).toBe('on-track');
    expect(assessRisk({ ...plan, disbursed: 99_000 }).state).toBe('at-risk');
  });

  it('fully disbursed is completed, even after the deadline', () => {
    expect(assessRisk({ ...base, disbursed: base.planned, asOf: '2024-12-31' })).toMatchObject({
      state: 'completed',
      atRisk: false,
    });
  });

  it('money left after the deadline has lapsed', () => {
    expect(assessRisk({ ...base, disbursed: 1, asOf: '2024-10-01' })).toMatchObject({
      state: 'lapsed',
      atRisk: true,
      daysLeft: 0,
    });
  });
});
