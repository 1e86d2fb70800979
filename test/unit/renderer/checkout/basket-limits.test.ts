import { describe, expect, it } from 'vitest';
import type { ProductCode } from '../../../../core/scan/product-code';
import {
  checkoutReducer,
  INITIAL_CHECKOUT,
  type CheckoutAction,
  type CheckoutState,
} from '../../../../renderer/src/features/checkout/checkout-state';
import { breachMessage } from '../../../../renderer/src/features/manager/line-limit-text';
import { i18n, translate } from '../../../../renderer/src/i18n';

const en = i18n.getFixedT('en');
const gtin = (c: string): ProductCode => ({ kind: 'gtin', symbology: 'ean13', gtin: c, lookupCode: c });
const weighed = (grams: number): ProductCode => ({
  kind: 'variable-measure',
  symbology: 'ean13',
  prefix: '21',
  itemRef: '00042',
  measure: 'weight',
  value: grams,
  lookupCode: '2100042',
});
const milk = { id: 'p-milk', code: '8710000000017', name: 'Milk', priceCents: 129, unit: 'each' as const };
const tv = { id: 'p-tv', code: '8710000000099', name: 'TV', priceCents: 60_000, unit: 'each' as const };
const apples = { id: 'p-apple', code: '2100042', name: 'Apples', priceCents: 249, unit: 'kg' as const };

const run = (actions: CheckoutAction[], from: CheckoutState = INITIAL_CHECKOUT) =>
  actions.reduce(checkoutReducer, from);
const addMilk: CheckoutAction = { type: 'add', product: milk, code: gtin(milk.code), lineId: 'l1' };

describe('typed quantity and the store’s line limits', () => {
  it('a typed quantity within the limit is applied and priced', () => {
    const s = run([addMilk, { type: 'set-quantity', lineId: 'l1', quantity: 12 }]);
    expect(s.basket.lines[0]).toMatchObject({ quantity: 12, amountCents: 12 * 129 });
    expect(s.overLimit).toBeNull();
  });

  it('150 above the limit of 99 is not applied; the till says why; a manager’s override applies it', () => {
    const one = run([addMilk]);
    const refused = checkoutReducer(one, { type: 'set-quantity', lineId: 'l1', quantity: 150 });
    expect(refused.basket).toBe(one.basket);
    expect(refused.overLimit?.breach).toMatchObject({
      limit: 'quantity',
      requested: 150,
      max: 99,
      unit: 'units',
    });
    expect(translate(en, breachMessage(refused.overLimit!.breach, 'EUR', 'en-GB'))).toBe(
      '150 × Milk is more than 99, the most one line may have without a manager.',
    );
    const allowed = checkoutReducer(refused, { ...refused.overLimit!.change, allowed: 'ovr-1' });
    expect(allowed.basket.lines[0]?.quantity).toBe(150);
    expect(allowed.overrides).toEqual(['ovr-1']);
    expect(allowed.overLimit).toBeNull();
    // Lowering a line a manager allowed does not ask again; raising it does.
    expect(
      checkoutReducer(allowed, { type: 'set-quantity', lineId: 'l1', quantity: 120 }).overLimit,
    ).toBeNull();
    expect(checkoutReducer(allowed, { type: 'increment', lineId: 'l1' }).overLimit).not.toBeNull();
  });

  it('the hundredth scan of the same item waits for a manager too', () => {
    const at99 = run([addMilk, { type: 'set-quantity', lineId: 'l1', quantity: 99 }]);
    const s = checkoutReducer(at99, { ...addMilk, lineId: 'l2' });
    expect(s.basket.lines[0]?.quantity).toBe(99);
    expect(s.overLimit?.breach.requested).toBe(100);
  });

  it('a line amount and a weight above the store’s limits are refused', () => {
    const limits = { maxQuantity: 99, maxWeightGrams: 25_000, maxLineCents: 100_000 };
    const from = { ...INITIAL_CHECKOUT, limits };
    const pricey = run(
      [
        { type: 'add', product: tv, code: gtin(tv.code), lineId: 'l1' },
        { type: 'increment', lineId: 'l1' },
      ],
      from,
    );
    expect(pricey.basket.lines[0]?.quantity).toBe(1);
    expect(pricey.overLimit?.breach).toMatchObject({ limit: 'amount', requested: 120_000, unit: 'cents' });
    expect(translate(en, breachMessage(pricey.overLimit!.breach, 'EUR', 'en-GB'))).toBe(
      'A line of €1,200.00 (TV) is more than €1,000.00, the most one line may cost without a manager.',
    );
    const heavy = run([{ type: 'add', product: apples, code: weighed(30_000), lineId: 'l9' }], from);
    expect(heavy.basket.lines).toEqual([]);
    expect(heavy.overLimit?.breach).toMatchObject({ limit: 'weight', requested: 30_000, max: 25_000 });
    expect(translate(en, breachMessage(heavy.overLimit!.breach, 'EUR', 'en-GB'))).toMatch(/^30 kg of Apples/);
  });

  it('a quantity that is not a whole number from 1 to the schema’s bound changes nothing', () => {
    const one = run([addMilk]);
    for (const quantity of [0, -3, 2.5, 100_001]) {
      expect(checkoutReducer(one, { type: 'set-quantity', lineId: 'l1', quantity }).basket).toEqual(
        one.basket,
      );
    }
  });
});

describe('voiding before tender', () => {
  it('a voided line leaves the basket, and a refusal about it goes with it', () => {
    const refused = run([
      addMilk,
      { type: 'add', product: tv, code: gtin(tv.code), lineId: 'l2' },
      { type: 'set-quantity', lineId: 'l1', quantity: 500 },
    ]);
    const s = checkoutReducer(refused, { type: 'void-line', lineId: 'l1' });
    expect(s.basket.lines.map((l) => l.lineId)).toEqual(['l2']);
    expect(s.overLimit).toBeNull();
  });

  it('voiding the sale releases the lines, the choices, the overrides and the spend slot', () => {
    const s = run([
      addMilk,
      { type: 'set-quantity', lineId: 'l1', quantity: 150, allowed: 'ovr-1' },
      { type: 'flag', flag: 'round-up', on: true },
      { type: 'extra', extra: { redemptions: ['r1'] } },
      { type: 'void-sale', message: { kind: 'info', text: { key: 'basket.saleVoided' } } },
    ]);
    expect(s).toMatchObject({
      basket: { lines: [] },
      flags: [],
      overrides: [],
      extra: null,
      overLimit: null,
    });
    expect(translate(en, s.message!.text)).toBe('Sale voided.');
  });
});
