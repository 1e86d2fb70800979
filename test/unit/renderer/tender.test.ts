import { describe, expect, it } from 'vitest';
import { cents } from '../../../core/money';
import { cardPayment, cashPayment, quickCashAmounts } from '../../../renderer/src/features/checkout/tender';

describe('tender', () => {
  it('gives the change for cash handed over', () => {
    const r = cashPayment(cents(1337), cents(2000));
    expect(r).toEqual({
      ok: true,
      value: { method: 'cash', amountCents: 1337, tenderedCents: 2000, changeCents: 663 },
    });
  });

  it('refuses cash that does not cover the total, or no amount at all', () => {
    expect(cashPayment(cents(1337), cents(1000))).toMatchObject({ ok: false, reason: 'not-enough-cash' });
    expect(cashPayment(cents(1337), null)).toMatchObject({ ok: false, reason: 'invalid-amount' });
    expect(cashPayment(cents(0), cents(500))).toMatchObject({ ok: false, reason: 'empty-basket' });
  });

  it('records a card payment for the whole total', () => {
    expect(cardPayment(cents(999))).toEqual({ ok: true, value: { method: 'card', amountCents: 999 } });
  });

  it('offers the exact amount, the next whole unit and the next notes as quick cash', () => {
    expect(quickCashAmounts(cents(320), 2)).toEqual([320, 400, 500, 1000, 2000]);
    expect(quickCashAmounts(cents(500), 2)).toEqual([500, 1000, 2000, 5000]);
    expect(quickCashAmounts(cents(0), 2)).toEqual([]);
  });
});
