import { describe, expect, it } from 'vitest';
import { checkoutReducer, INITIAL_CHECKOUT } from '../../../renderer/src/features/checkout/checkout-state';
import type { ProductCode } from '../../../core/scan/product-code';

const gtin = (c: string): ProductCode => ({ kind: 'gtin', symbology: 'ean13', gtin: c, lookupCode: c });
const milk = { id: 'p-milk', code: '8710000000017', name: 'Melk', priceCents: 129, unit: 'each' as const };
const apples = { id: 'p-apple', code: '2100042', name: 'Appels', priceCents: 249, unit: 'kg' as const };

describe('checkout state', () => {
  it('sets a message and keeps the basket when a scanned product cannot be added', () => {
    const one = checkoutReducer(INITIAL_CHECKOUT, {
      type: 'add',
      product: milk,
      code: gtin(milk.code),
      lineId: 'l1',
    });
    const after = checkoutReducer(one, {
      type: 'add',
      product: apples,
      code: gtin('8710000000024'),
      lineId: 'l2',
    });
    expect(after.basket).toBe(one.basket);
    expect(after.message).toMatchObject({ kind: 'error' });
    expect(after.message?.text).toContain('weigh');
  });

  it('clears the error once the next item is added', () => {
    const withError = checkoutReducer(INITIAL_CHECKOUT, {
      type: 'message',
      message: { kind: 'error', text: 'x' },
    });
    const next = checkoutReducer(withError, {
      type: 'add',
      product: milk,
      code: gtin(milk.code),
      lineId: 'l1',
    });
    expect(next.message).toBeNull();
  });

  it('empties basket and member card when a sale completes', () => {
    let s = checkoutReducer(INITIAL_CHECKOUT, {
      type: 'add',
      product: milk,
      code: gtin(milk.code),
      lineId: 'l1',
    });
    s = checkoutReducer(s, {
      type: 'member',
      member: { cardNumber: '2620123456784', cardName: 'Kassa loyalty card' },
    });
    s = checkoutReducer(s, { type: 'completed', message: { kind: 'info', text: 'Sale 1 complete.' } });
    expect(s.basket.lines).toEqual([]);
    expect(s.member).toBeNull();
    expect(s.message?.text).toBe('Sale 1 complete.');
  });
});
