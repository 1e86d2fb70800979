/**
 * Money as the cashier reads it in the trace ("€4.50"). core/money's formatMoney builds a new
 * Intl.NumberFormat per call to find the currency's minor digits; on the hot path (a near-miss
 * hint per rule) that dominated evaluation time, so formatters are kept per currency and locale.
 * The memo holds no business state: the same key always yields an equivalent formatter.
 */
const formatters = new Map<string, { format: Intl.NumberFormat; divisor: number }>();

export function moneyText(cents: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    f = { format, divisor: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
    formatters.set(key, f);
  }
  return f.format.format(cents / f.divisor);
}
