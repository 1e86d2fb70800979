import type { Cents, CurrencyCode } from './money';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: CurrencyCode, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f;
}

/** Minor units of a currency (EUR 2, JPY 0), from Intl so no table of our own goes stale. */
export function minorUnitDigits(currency: CurrencyCode): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Formatting happens only at the UI edge; domain code passes Cents around. */
export function formatMoney(amount: Cents, currency: CurrencyCode, locale = 'nl-NL'): string {
  return formatterFor(currency, locale).format(amount / 10 ** minorUnitDigits(currency));
}
