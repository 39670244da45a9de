// The standard a review uses follows the review period, not the survey date (issue 12, decisions
// 0021 and 0026): the review carried out from 1/9 of year N sets the lists of N+1 and classifies
// with the standard in force for N+1, read from the table `review_period_standard`. Every path that
// stores a result (import, single edit, campaign re-survey, regular-review case) goes through here;
// `classify` alone keeps the standard in force on the survey date (its documented contract).
import { AppError } from '../../errors.js';
import type { Standard } from '../../domain/standards/standard.js';
import { needsPeriodStandard } from '../../domain/standards/period.js';
import type { SurveyRecord } from '../../domain/survey/record.js';
import { findPeriodStandard } from '../../db/repositories/reports.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  createClassifier,
  isFailure,
  type ClassifyOutput,
  type Classifier,
} from '../classification.service.js';
import type { Deps } from '../deps.js';

/** The review period of a record when none is given: the year of its survey date. */
export const defaultPeriodOf = (record: SurveyRecord): number => Number(record.surveyDate.slice(0, 4));

/**
 * The national standard code the review of `period` uses, or null when the period has none issued
 * (not in the table, or a code the product does not hold).
 */
export async function periodStandardCode(
  db: Executor,
  standards: readonly Standard[],
  period: number,
): Promise<string | null> {
  const row = await findPeriodStandard(db, period);
  const code = row?.standard_code ?? '';
  return code && standards.some((s) => s.code === code) ? code : null;
}

export { needsPeriodStandard };

export const notIssued = (period: number): AppError =>
  new AppError('REVIEW_STANDARD_NOT_ISSUED', { period, listYear: period + 1 }, { field: 'period' });

/**
 * Classifies one validated record for the review of `period`: with the standard in force on the
 * survey date when that is the period's (or a local one based on it), otherwise with the period's.
 * Throws REVIEW_STANDARD_NOT_ISSUED when the period has no issued standard.
 */
export async function classifyForPeriod(
  deps: Deps,
  classifier: Classifier,
  record: SurveyRecord,
  period: number,
): Promise<ClassifyOutput> {
  const out = await classifier.classifyParsed(record);
  if (isFailure(out)) return out;
  const code = await periodStandardCode(deps.db.kysely, classifier.standards, period);
  if (!code) throw notIssued(period);
  if (!needsPeriodStandard(classifier.standards, out.standard, code)) return out;
  const forced = await createClassifier(deps, { standard: code });
  return forced.classifyParsed(record);
}
