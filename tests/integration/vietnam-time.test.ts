// Issue 17: every date a person sees, every deadline count and every period check uses Vietnam
// time (GMT+7), whatever the server's time zone. The instants here sit where the zones disagree:
// 17:30 UTC is already the next day in Vietnam, and still the same day (12:30) in New York.
// tests/cli/time-zones.test.ts runs this file, with the other date-sensitive ones, under
// TZ=UTC and TZ=America/New_York.
import { describe, expect, it } from 'vitest';
import { formatDateTimeVn, formatDateVn, formatInstantVn, vnDateOf } from '../../src/domain/dates.js';
import { assessRisk, deadlineNote } from '../../src/domain/finance/risk.js';
import { periodOf, todayVn } from '../../src/services/input.js';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/services/deps.js';
import { AppError } from '../../src/errors.js';

const at = (iso: string): Deps => ({
  db: undefined as never,
  config: loadConfig({}),
  now: () => new Date(iso),
});

describe(`Vietnam time (process TZ=${process.env.TZ ?? '(unset)'})`, () => {
  it('runs in the zone it was given', () => {
    if (process.env.TZ) expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ);
  });

  it("today, dd/mm/yyyy and the time of an instant are Vietnam's", () => {
    const late = new Date('2026-12-03T17:30:00Z');
    expect(vnDateOf(late)).toBe('2026-12-04');
    expect(todayVn(at('2026-12-03T17:30:00Z'))).toBe('2026-12-04');
    expect(todayVn(at('2026-12-03T16:59:59Z'))).toBe('2026-12-03');
    expect(formatDateTimeVn(late)).toBe('04/12/2026 00:30');
    expect(formatInstantVn('2026-12-03T17:30:00.000Z')).toBe('00:30:00 04/12/2026');
    expect(formatDateVn('2026-01-05')).toBe('05/01/2026');
  });

  it('"quá hạn N ngày" counts from the Vietnam date', () => {
    const asOf = todayVn(at('2026-12-03T17:30:00Z'));
    const r = assessRisk({
      planned: 1_000_000,
      disbursed: 0,
      startDate: '2026-01-01',
      deadline: '2026-12-03',
      asOf,
    });
    expect(r.daysOverdue).toBe(1);
    expect(deadlineNote(r, 'vi')).toBe('quá hạn 1 ngày, còn 1.000.000 ₫ chưa giải ngân');
    const before = todayVn(at('2026-12-03T16:00:00Z'));
    const due = assessRisk({
      planned: 1_000_000,
      disbursed: 0,
      startDate: '2026-01-01',
      deadline: '2026-12-03',
      asOf: before,
    });
    expect(deadlineNote(due, 'vi')).toBe('hạn cuối hôm nay, còn 1.000.000 ₫');
  });

  it('the period range follows the Vietnam year: on New Year in Vietnam, next year moves on', () => {
    // 31/12/2026 17:30 UTC is 01/01/2027 00:30 in Vietnam: periods up to 2028 are accepted.
    expect(periodOf(at('2026-12-31T17:30:00Z'), 2028)).toBe(2028);
    const err = (() => {
      try {
        periodOf(at('2026-12-31T16:30:00Z'), 2028);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('PERIOD_OUT_OF_RANGE');
  });
});
