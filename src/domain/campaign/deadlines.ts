// Reporting deadlines of the review (Decision 24/2021/QĐ-TTg Art. 7), held as data so a province
// can change its own (the commune → province date after the periodic review is set by each
// province's plan; the default below lets the province meet its 15 November preliminary report).

export interface ReportingRules {
  /** Monthly report of the regular reviews: day of the month, and the months it applies to. */
  monthlyDay: number;
  monthlyMonths: readonly number[];
  /** Commune → province report of the periodic review: MM-DD of the review year (inclusive). */
  communePeriodicBy: string;
  /** Province → ministry: preliminary (before MM-DD) and official (before MM-DD). */
  provincePreliminaryBefore: string;
  provinceOfficialBefore: string;
}

export const DEFAULT_REPORTING_RULES: ReportingRules = {
  monthlyDay: 5,
  monthlyMonths: [2, 3, 4, 5, 6, 7, 8, 9],
  communePeriodicBy: '11-10',
  provincePreliminaryBefore: '11-15',
  provinceOfficialBefore: '12-20',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The date by which a commune reports a periodic review of `period`. */
export function periodicReportDeadline(
  period: number,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): string {
  return `${period}-${rules.communePeriodicBy}`;
}

/** The first monthly reporting date on or after `recognisedOn` (the 5th of the next reporting month). */
export function regularReportDeadline(
  recognisedOn: string,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): string {
  let year = Number(recognisedOn.slice(0, 4));
  let month = Number(recognisedOn.slice(5, 7));
  // Move to the next month when this month's reporting day has passed.
  if (Number(recognisedOn.slice(8, 10)) > rules.monthlyDay) month += 1;
  for (let i = 0; i < 24; i++) {
    if (month > 12) {
      month = 1;
      year += 1;
    }
    if (rules.monthlyMonths.includes(month)) return `${year}-${pad(month)}-${pad(rules.monthlyDay)}`;
    month += 1;
  }
  throw new RangeError('no reporting month configured');
}
