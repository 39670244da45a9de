// The working-day calendar of public agencies: Monday–Friday, minus the days off listed as data
// (statutory holidays, Tết, compensatory and swapped days), plus the make-up Saturdays listed as
// working days. The list comes from the database (calendar_day), seeded 2024–2026.
import { addDays, isoWeekday } from '../dates.js';

export interface CalendarDay {
  date: string;
  /** off: a weekday without work; work: a weekend day with work (make-up Saturday). */
  kind: 'off' | 'work';
  name: string;
}

export class WorkingCalendar {
  private readonly days: Map<string, CalendarDay>;

  constructor(days: readonly CalendarDay[]) {
    this.days = new Map(days.map((d) => [d.date, d]));
  }

  isWorkingDay(date: string): boolean {
    const special = this.days.get(date);
    if (special) return special.kind === 'work';
    return isoWeekday(date) <= 5;
  }

  /** The day off or make-up day listed for a date, if any. */
  special(date: string): CalendarDay | undefined {
    return this.days.get(date);
  }

  /**
   * The last day of a window of `n` working days that starts on `start` (counted from `start` when
   * it is a working day, else from the next working day).
   */
  windowEnd(start: string, n: number): string {
    if (n < 1) throw new RangeError('n must be at least 1');
    let date = start;
    let counted = 0;
    for (;;) {
      if (this.isWorkingDay(date)) {
        counted += 1;
        if (counted === n) return date;
      }
      date = addDays(date, 1);
    }
  }

  /** Working days from `from` to `to`, both inclusive (0 when `to` is before `from`). */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) n += 1;
    return n;
  }
}
