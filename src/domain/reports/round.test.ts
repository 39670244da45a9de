import { describe, expect, it } from 'vitest';
import { WORDS } from '../words/catalogue.js';
import {
  APPLICATION_FORMS,
  APPLICATION_STATUSES,
  clockOf,
  clockWords,
  decisionDeadline,
} from './applications.js';
import { DEFAULT_REPORTING_RULES } from '../campaign/deadlines.js';
import {
  ROUNDS,
  ROUND_FACTS,
  chainOn,
  dueDateOf,
  expectedReports,
  recipientLevel,
  statusOf,
  submittingLevels,
} from './round.js';

describe('the reporting round', () => {
  it('puts the due dates on the 5th of February–September, 14/11 and 19/12', () => {
    const e = expectedReports(2024);
    expect(e.map((x) => x.due)).toEqual([
      '2024-02-05',
      '2024-03-05',
      '2024-04-05',
      '2024-05-05',
      '2024-06-05',
      '2024-07-05',
      '2024-08-05',
      '2024-09-05',
      '2024-11-14',
      '2024-12-19',
    ]);
    expect(dueDateOf('official', 2025)).toBe('2025-12-19');
  });

  it("after 30/06/2025 expects each commune's periodic results at the province by the plan's date", () => {
    // 2024: the district compiled (its own plan's dates, not modelled): no commune → province report.
    expect(expectedReports(2024).map((x) => x.round)).not.toContain('commune-periodic');
    const e2025 = expectedReports(2025);
    expect(e2025.slice(8).map((x) => [x.round, x.due])).toEqual([
      ['commune-periodic', '2025-11-10'],
      ['preliminary', '2025-11-14'],
      ['official', '2025-12-19'],
    ]);
    expect(expectedReports(2026).find((x) => x.round === 'commune-periodic')?.due).toBe('2026-11-10');
    // The date is the province's setting: a plan asking for 05/11 moves it.
    const rules = { ...DEFAULT_REPORTING_RULES, communePeriodicBy: '11-05' };
    expect(dueDateOf('commune-periodic', 2026, 0, rules)).toBe('2026-11-05');
    expect(expectedReports(2026, rules).find((x) => x.round === 'commune-periodic')?.due).toBe('2026-11-05');
    expect(submittingLevels('commune-periodic', '2025-11-10')).toEqual(['commune']);
    expect(recipientLevel('commune', '2025-11-10')).toBe('province');
    // Were a chain to keep a level between, no commune → province report would be expected.
    expect(submittingLevels('commune-periodic', '2025-06-30')).toEqual([]);
    expect(ROUND_FACTS['commune-periodic'].dueSource).toBe('province-plan');
    expect(ROUND_FACTS.monthly.layout).toBe('own-design');
  });

  it('runs commune → district → province until 30/06/2025 and commune → province after', () => {
    expect(chainOn('2025-06-30')).toEqual(['commune', 'district', 'province']);
    expect(chainOn('2025-07-01')).toEqual(['commune', 'province']);
    expect(submittingLevels('monthly', '2025-06-05')).toEqual(['commune', 'district']);
    expect(submittingLevels('monthly', '2025-07-05')).toEqual(['commune']);
    expect(submittingLevels('official', '2024-12-19')).toEqual(['province']);
    expect(recipientLevel('commune', '2025-06-05')).toBe('district');
    expect(recipientLevel('commune', '2025-08-05')).toBe('province');
    expect(recipientLevel('province', '2025-12-19')).toBeNull();
  });

  it('tells on time, late and not yet due', () => {
    expect(statusOf('2024-03-05', '2024-03-05', '2024-04-01')).toEqual({
      kind: 'on-time',
      submittedOn: '2024-03-05',
    });
    expect(statusOf('2024-03-05', '2024-03-08', '2024-04-01')).toEqual({
      kind: 'submitted-late',
      submittedOn: '2024-03-08',
      daysLate: 3,
    });
    expect(statusOf('2024-03-05', null, '2024-03-15')).toEqual({ kind: 'late', daysLate: 10 });
    expect(statusOf('2024-03-05', null, '2024-03-05')).toEqual({ kind: 'not-due' });
  });

  it('names every round, status, form and application status', () => {
    for (const r of ROUNDS) expect(WORDS.reportRound[r].vi).not.toBe(r);
    for (const s of ['on-time', 'submitted-late', 'late', 'not-due'] as const)
      expect(WORDS.roundStatus[s].en).toBeTruthy();
    for (const f of APPLICATION_FORMS) expect(WORDS.applicationForm[f].vi).toContain(`Mẫu số ${f}`);
    for (const s of APPLICATION_STATUSES) expect(WORDS.applicationStatus[s].vi).toBeTruthy();
  });
});

describe('the 15-day decision clock', () => {
  it('counts 15 calendar days from the receipt and says how late', () => {
    expect(decisionDeadline('2024-03-10')).toBe('2024-03-25');
    expect(clockWords(clockOf('2024-03-10', null, '2024-03-20')).vi).toBe('còn 5 ngày');
    expect(clockWords(clockOf('2024-03-10', null, '2024-03-25')).vi).toBe('còn 0 ngày');
    expect(clockWords(clockOf('2024-03-10', null, '2024-03-28')).vi).toBe('quá hạn 3 ngày');
    expect(clockWords(clockOf('2024-03-10', '2024-03-20', '2024-05-01')).vi).toBe('quyết định sau 10 ngày');
    expect(clockWords(clockOf('2024-03-10', '2024-03-27', '2024-05-01')).vi).toBe('quyết định trễ 2 ngày');
  });
});
