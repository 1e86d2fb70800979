import { countedCents, denominationsOf } from '../../../../core/money/denominations';
import type { CurrencyCode } from '../../../../core/money';
import { parseAmount } from '../../../../core/money/parse-amount';

/** What the cashier typed: a count per denomination (cents → text), or one total where the currency has none listed. */
export interface TypedCount {
  perDenomination: Readonly<Record<number, string>>;
  total: string;
}

export type CountReading =
  | {
      ok: true;
      counted: { denominationCents: number; count: number }[];
      countedCashCents: number;
    }
  /** The denominations (or 0 for the total) whose text is not a count. */
  | { ok: false; invalid: number[] };

/** The most of one note or coin a drawer holds, as the shift-close schema bounds it. */
const MAX_COUNT = 1_000_000;

/**
 * The cashier's count in cents: every denomination of the store's currency, an empty field read
 * as none; a currency with no denominations listed is one typed total (parsed as the till parses
 * any amount). Anything not a whole number of notes is refused, never guessed.
 */
export function readCount(typed: TypedCount, currency: string, locale: string): CountReading {
  const denominations = denominationsOf(currency);
  if (denominations.length === 0) {
    if (typed.total.trim() === '') return { ok: true, counted: [], countedCashCents: 0 };
    const amount = parseAmount(typed.total, locale, currency as CurrencyCode);
    return amount.ok
      ? { ok: true, counted: [], countedCashCents: amount.value }
      : { ok: false, invalid: [0] };
  }
  const invalid: number[] = [];
  const counted: { denominationCents: number; count: number }[] = [];
  for (const d of denominations) {
    const text = (typed.perDenomination[d] ?? '').trim();
    if (text === '') continue;
    if (!/^\d+$/.test(text) || Number(text) > MAX_COUNT) {
      invalid.push(d);
      continue;
    }
    const count = Number(text);
    if (count > 0) counted.push({ denominationCents: d, count });
  }
  if (invalid.length > 0) return { ok: false, invalid };
  return { ok: true, counted, countedCashCents: countedCents(counted) };
}
