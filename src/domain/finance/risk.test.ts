import { describe, expect, it } from 'vitest';
import { assessRisk, deadlineNote } from './risk.js';

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

describe('the deadline in words', () => {
  const note = { daysLeft: 0, daysOverdue: 0, amountLeft: 1_950_000_000, requiredPerDay: 1_950_000_000 };
  it('a deadline two years past reads "quá hạn N ngày", never "còn 0 ngày"', () => {
    const r = assessRisk({
      planned: 2_000_000_000,
      disbursed: 50_000_000,
      startDate: '2024-02-26',
      deadline: '2024-12-31',
      asOf: '2026-12-31',
    });
    expect(r.daysOverdue).toBe(730);
    const vi = deadlineNote(r, 'vi');
    expect(vi).toBe('quá hạn 730 ngày, còn 1.950.000.000 ₫ chưa giải ngân');
    expect(vi).not.toMatch(/còn 0 ngày|\/ngày/);
    expect(deadlineNote(r, 'en')).toBe('730 days overdue, 1.950.000.000 ₫ not disbursed');
  });
  it('before, on and after the deadline, and when nothing is left', () => {
    expect(deadlineNote({ ...note, daysLeft: 10, requiredPerDay: 195_000_000 }, 'vi')).toBe(
      'còn 10 ngày, cần 195.000.000 ₫/ngày',
    );
    expect(deadlineNote(note, 'vi')).toBe('hạn cuối hôm nay, còn 1.950.000.000 ₫');
    expect(deadlineNote({ ...note, amountLeft: 0, daysOverdue: 5 }, 'vi')).toBe('đã giải ngân hết');
  });
});
