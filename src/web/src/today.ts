// Today's date and the reform's, for the app's start (the map page's prefetch, src/pages/map/data.ts)
// as for every page (src/format.ts re-exports them): no date parser or error catalogue comes along.
import { vnDateOf } from '../../domain/vn-date';

/** Today's civil date in Vietnam, whatever the browser's time zone. */
export function todayVn(): string {
  return vnDateOf(new Date());
}

/** The day the 2025 reform took effect: units before and after it differ. */
export const REFORM_DATE = '2025-07-01';
