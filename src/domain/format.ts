// Display formats of the product (Vietnamese conventions): 1.234.567 ₫, 12,3 %, dd/mm/yyyy.
// Shared by the server-rendered portal, exports and the web app.

const groupDigits = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 1234567 → "1.234.567 ₫" (integer đồng). */
export function formatVnd(amount: number, withSymbol = true): string {
  const sign = amount < 0 ? '-' : '';
  const text = sign + groupDigits(String(Math.abs(Math.trunc(amount))));
  return withSymbol ? `${text} ₫` : text;
}

/** 29876 → "29.876". */
export function formatCount(n: number): string {
  return (n < 0 ? '-' : '') + groupDigits(String(Math.abs(Math.trunc(n))));
}

/** 0.01234 → "1,23 %" (a fraction shown as a percentage with a decimal comma). */
export function formatPercent(fraction: number, decimals = 2): string {
  return `${(fraction * 100).toFixed(decimals).replace('.', ',')} %`;
}
