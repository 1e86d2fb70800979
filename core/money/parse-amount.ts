import { err, ok, type Result } from '../result/result';
import type { Cents, CurrencyCode } from './money';

/**
 * Why a typed amount is not an amount. The till says which, in the cashier's language:
 * 'ambiguous' is a separator where the store's format does not put one ("12.50" on a Dutch till,
 * "12,50" on a British one), so the till asks rather than guesses by a factor of 100.
 */
export type AmountReason =
  | 'empty'
  | 'not-a-number'
  | 'ambiguous'
  | 'too-many-decimals'
  | 'negative'
  | 'too-large';

interface AmountFormat {
  group: string;
  decimal: string;
  digits: number;
  /** The currency as the store's format writes it ("€", "RON", "£"), and its ISO code. */
  currencyMarks: readonly string[];
}

// A cache of Intl look-ups, not state: the answer for a (locale, currency) never changes.
const formats = new Map<string, AmountFormat>();

function amountFormat(locale: string, currency: CurrencyCode): AmountFormat {
  const key = `${locale}|${currency}`;
  let f = formats.get(key);
  if (!f) {
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
    // Separators from a plain number: a currency without decimals (JPY) shows no decimal mark.
    const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    const part = (type: string) => parts.find((p) => p.type === type)?.value;
    const symbol = money.formatToParts(1).find((p) => p.type === 'currency')?.value;
    f = {
      group: part('group') ?? ',',
      decimal: part('decimal') ?? '.',
      digits: money.resolvedOptions().maximumFractionDigits ?? 2,
      currencyMarks: [...new Set([symbol, currency.toUpperCase()].filter((s): s is string => !!s))],
    };
    formats.set(key, f);
  }
  return f;
}

/** Blanks Intl writes (no-break and narrow no-break space) count as spaces. */
const SPACES = /[\s\u00a0\u202f]/g;
const isSpace = (s: string) => s.replace(SPACES, '') === '';

/**
 * Parses what a cashier typed as an amount of `currency`, in the store's `locale`, into integer
 * minor units: on 'nl-NL' "1.000,00", "1000", "12,5" and "€ 12,50"; on 'en-GB' "1,000.00". The
 * group separator is taken only where the locale puts it (groups of three), the decimal separator
 * once, with no more decimals than the currency has (EUR 2, JPY 0). Anything else is refused
 * with a reason, never guessed. Western digits only; lakh grouping (en-IN) is not read.
 */
export function parseAmount(
  text: string,
  locale: string,
  currency: CurrencyCode,
): Result<Cents, AmountReason> {
  const f = amountFormat(locale, currency);
  let t = text.replace(SPACES, ' ').trim();
  for (const mark of f.currencyMarks) {
    if (t.toUpperCase().startsWith(mark.toUpperCase())) t = t.slice(mark.length).trim();
    else if (t.toUpperCase().endsWith(mark.toUpperCase())) t = t.slice(0, -mark.length).trim();
  }
  if (t === '') return err('empty', 'No amount was typed.');
  if (/^[-−]/.test(t)) return err('negative', 'An amount handed over cannot be negative.');

  // A space-grouping locale (fr-FR, sv-SE) groups with a blank: any blank is its group mark.
  const groupIsSpace = isSpace(f.group);
  const chars = [...t];
  const known = (c: string) => /\d/.test(c) || c === f.decimal || (groupIsSpace ? c === ' ' : c === f.group);
  if (!chars.every(known)) {
    // The other usual separator ("." or ",") is a separator in the wrong place, not garbage.
    const onlySeparators = chars.every((c) => known(c) || c === '.' || c === ',' || c === ' ');
    return onlySeparators && /\d/.test(t)
      ? err('ambiguous', `"${text}" is not written the way ${locale} writes amounts.`)
      : err('not-a-number', `"${text}" is not an amount.`);
  }
  const [whole = '', fraction, ...more] = t.split(f.decimal);
  if (more.length > 0) return err('ambiguous', `"${text}" has more than one decimal separator.`);
  if (whole === '' && !fraction) return err('not-a-number', `"${text}" is not an amount.`);

  const groups = groupIsSpace ? whole.split(' ') : whole.split(f.group);
  const [first = '', ...rest] = groups;
  const grouped = rest.length > 0;
  if (grouped && (!/^\d{1,3}$/.test(first) || !rest.every((g) => /^\d{3}$/.test(g)))) {
    return err('ambiguous', `"${text}" has a group separator where ${locale} puts none.`);
  }
  const integerDigits = groups.join('');
  const fractionDigits = fraction ?? '';
  if (!/^\d*$/.test(fractionDigits)) {
    return err('ambiguous', `"${text}" has a group separator after the decimal separator.`);
  }
  if (fractionDigits.length > f.digits) {
    return err(
      'too-many-decimals',
      `${currency} has ${f.digits} decimal${f.digits === 1 ? '' : 's'}; "${text}" has ${fractionDigits.length}.`,
    );
  }
  // Digits as a string, so no floating point touches the amount.
  const minor = `${integerDigits}${fractionDigits.padEnd(f.digits, '0')}`.replace(/^0+(?=\d)/, '');
  const value = Number(minor === '' ? '0' : minor);
  if (!Number.isSafeInteger(value)) return err('too-large', `"${text}" is too large an amount.`);
  return ok(value as Cents);
}

/**
 * The inverse for an input field: minor units as the cashier would type them in the store's
 * format, without symbol or grouping ("1000,00" on 'nl-NL'), so parseAmount reads it back.
 */
export function formatAmountInput(amount: Cents, locale: string, currency: CurrencyCode): string {
  const { digits } = amountFormat(locale, currency);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  }).format(amount / 10 ** digits);
}
