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

export { todayVn, REFORM_DATE } from './today';
