import { describe, expect, it } from 'vitest';
import { checkoutReducer, INITIAL_CHECKOUT } from '../../../renderer/src/features/checkout/checkout-state';
import type { ProductCode } from '../../../core/scan/product-code';
import { i18n, translate } from '../../../renderer/src/i18n';

const en = i18n.getFixedT('en');
const nl = i18n.getFixedT('nl');

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
    expect(after.message?.text).toEqual({ key: 'checkout.needsScaleLabel', values: { name: 'Appels' } });
    expect(translate(en, after.message!.text)).toBe(
      'Appels is sold by weight: weigh it and scan the scale label.',
    );
    expect(translate(nl, after.message!.text)).toBe(
      'Appels wordt per gewicht verkocht: weeg het en scan het weegetiket.',
    );
  });

  it('clears the error once the next item is added', () => {
    const withError = checkoutReducer(INITIAL_CHECKOUT, {
      type: 'message',
      message: { kind: 'error', text: { key: 'checkout.empty' } },
    });
    const next = checkoutReducer(withError, {
      type: 'add',
      product: milk,
      code: gtin(milk.code),
      lineId: 'l1',
    });
    expect(next.message).toBeNull();
  });

  it('empties the basket when a sale completes (the member is the members feature’s)', () => {
    let s = checkoutReducer(INITIAL_CHECKOUT, {
      type: 'add',
      product: milk,
      code: gtin(milk.code),
      lineId: 'l1',
    });
    const done = { key: 'checkout.saleComplete', values: { seq: 1 } } as const;
    s = checkoutReducer(s, { type: 'completed', message: { kind: 'info', text: done } });
    expect(s.basket.lines).toEqual([]);
    expect(translate(en, s.message!.text)).toBe('Sale 1 complete.');
  });
});
