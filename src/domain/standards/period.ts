// Which standard a review period uses, as a pure rule shared by the server (review-standard.ts) and
// the offline survey in the browser (src/domain/offline/classify.ts): one rule, two callers.
import type { Standard } from './standard.js';

/**
 * Whether a result classified with `used` must be classified again with the period's standard: a
 * local standard based on the period's national one stands (it is the period's standard, raised
 * by the province); any other standard does not.
 */
export function needsPeriodStandard(
  standards: readonly Standard[],
  used: string,
  periodCode: string,
): boolean {
  if (used === periodCode) return false;
  return standards.find((s) => s.code === used)?.baseCode !== periodCode;
}
