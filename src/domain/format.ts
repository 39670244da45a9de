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

/**
 * A number in Vietnamese notation: 1234.5 → "1.234,5", 0.64 → "0,64", -196 → "-196". At most
 * `maxDecimals` decimals (trailing zeros dropped); the one formatter of every non-money figure.
 */
export function formatNumber(n: number, maxDecimals = 2): string {
  if (!Number.isFinite(n)) return '—';
  const fixed = Math.abs(n).toFixed(maxDecimals);
  const [int = '0', frac = ''] = fixed.split('.');
  const decimals = frac.replace(/0+$/, '');
  const zero = /^0*$/.test(int) && decimals === '';
  return (n < 0 && !zero ? '-' : '') + groupDigits(int) + (decimals ? `,${decimals}` : '');
}
