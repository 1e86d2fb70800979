import { cents, type Cents } from '../../../../core/money';
import type { Payment } from '../../../../core/journal/sale-event';
import type { Tender } from '../../../../core/journal/spend';
import { err, ok, type Result } from '../../../../core/result/result';

export type TenderReason = 'empty-basket' | 'not-enough-cash' | 'invalid-amount';

/** Cash: what was handed over must cover the total; the change is the difference. */
export function cashPayment(totalCents: Cents, tenderedCents: Cents | null): Result<Payment, TenderReason> {
  if (totalCents <= 0) return err('empty-basket', 'Scan an item first.');
  if (tenderedCents === null || !Number.isSafeInteger(tenderedCents) || tenderedCents < 0) {
    return err('invalid-amount', 'Enter the amount the customer handed over.');
  }
  if (tenderedCents < totalCents) {
    return err('not-enough-cash', 'The amount handed over is less than the total.');
  }
  return ok({
    method: 'cash',
    amountCents: totalCents,
    tenderedCents,
    changeCents: cents(tenderedCents - totalCents),
  });
}

/** Card: recorded as the tender type for the whole total (the terminal is not integrated yet). */
export function cardPayment(totalCents: Cents): Result<Payment, TenderReason> {
  if (totalCents <= 0) return err('empty-basket', 'Scan an item first.');
  return ok({ method: 'card', amountCents: totalCents });
}

/**
 * Quick-cash buttons: the exact amount, then the next round banknote amounts above the total,
 * in whole currency units (e.g. € 5, 10, 20, 50 for a total of € 3.20).
 */
export function quickCashAmounts(totalCents: Cents, minorDigits: number): Cents[] {
  if (totalCents <= 0) return [];
  const unit = 10 ** minorDigits;
  const notes = [5, 10, 20, 50, 100, 200].map((n) => n * unit);
  const above = notes.filter((n) => n > totalCents).slice(0, 3);
  const roundUp = Math.ceil(totalCents / unit) * unit;
  const amounts = [totalCents, ...(roundUp > totalCents ? [roundUp] : []), ...above];
  return [...new Set(amounts)].map((n) => cents(n));
}

export type SplitReason = TenderReason | 'over-tendered';

/**
 * The sale's payments when points or gift cards pay part of it (issue 9): those first, then the
 * rest by cash (with the amount handed over) or card. Nothing left after them: they are all.
 */
export function splitPayments(q: {
  dueCents: Cents;
  /** The points and gift-card tenders already taken (spend-state.ts spendTenders). */
  spend: readonly Tender[];
  rest: 'cash' | 'card';
  tenderedCents: Cents | null;
}): Result<Tender[], SplitReason> {
  if (q.dueCents <= 0) return err('empty-basket', 'Scan an item first.');
  const taken = q.spend.reduce((n, t) => n + t.amountCents, 0);
  if (taken > q.dueCents) return err('over-tendered', 'Points and gift cards pay more than is due.');
  const restCents = cents(q.dueCents - taken);
  if (restCents === 0) return ok([...q.spend]);
  const rest = q.rest === 'cash' ? cashPayment(restCents, q.tenderedCents) : cardPayment(restCents);
  return rest.ok ? ok([...q.spend, rest.value]) : rest;
}
