// Display formats for the web app. The rules are the product's own (src/domain, pure and shared
// with the portal and exports): 1.234.567 ₫, dd/mm/yyyy, instants in Vietnam time (GMT+7).
export { formatVnd, formatCount, formatPercent, formatNumber } from '../../domain/format';
export {
  formatDateVn,
  formatDateTimeVn,
  formatInstantVn,
  vnDateOf,
  isIsoDate,
  addDays,
} from '../../domain/dates';

import { vnDateOf } from '../../domain/dates';

/** Today's civil date in Vietnam, whatever the browser's time zone. */
export function todayVn(): string {
  return vnDateOf(new Date());
}

/** The day the 2025 reform took effect: units before and after it differ. */
export const REFORM_DATE = '2025-07-01';
