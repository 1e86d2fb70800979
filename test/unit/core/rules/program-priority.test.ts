import { describe, expect, it } from 'vitest';
import { createProgramCache, evaluate } from '../../../../core/rules/index';
import { basket, ctx, line, member, program } from './support/builders';
import { example } from './support/examples';

// latte €3.50 + croissant €2.10, with coupon CRO-7 (€1 off a croissant) scanned
const b = basket(
  [line('l1', 'latte', 350, { category: 'coffee' }), line('l2', 'croissant', 210, { category: 'bakery' })],
  { coupons: ['CRO-7'] },
);
const couponRule = (priority?: number) => ({
  id: 'redeem',
  name: '€1 off a croissant',
  ...(priority === undefined ? {} : { priority }),
  when: { type: 'coupon', prefix: 'CRO-' },
  then: [{ type: 'amount-off', amountCents: 100, on: { skus: ['croissant'] } }],
  limits: { perTransaction: 1 },
});
// "croissant-coupon" sorts before "pastry-of-the-day": by id alone, the coupon would run first.
const coupon = (priority?: number, extra: Record<string, unknown> = {}) =>
  program([couponRule(priority)], { id: 'croissant-coupon', kind: 'promotion', ...extra });
const discounts = (r: { lines: readonly { lineId: string; discountCents: number }[] }) =>
  r.lines.map((l) => [l.lineId, l.discountCents]);

describe('order between programs: explicit priority, then program id', () => {
  const pastry = example('pastry-of-the-day'); // priority 10: the croissant is free with a coffee

  it('the higher-priority program runs first; the coupon it leaves nothing for is not spent', () => {
    const r = evaluate([coupon(), pastry], b, member(), ctx());
    expect(discounts(r)).toEqual([
      ['l1', 0],
      ['l2', 210],
    ]);
    expect(r.trace.map((t) => t.text)).toEqual(['−€2.10 at €0.00 each — Free croissant with your coffee']);
    expect(r.couponsRedeemed).toEqual([]); // the till must not mark CRO-7 as used
    expect(r.usage.map((u) => u.counterKey)).toEqual(['pastry-of-the-day/free-croissant']);
  });

  it('program priority comes before rule priority', () => {
    const r = evaluate([coupon(100), pastry], b, member(), ctx());
    expect(discounts(r)).toEqual([
      ['l1', 0],
      ['l2', 210],
    ]);
    expect(r.couponsRedeemed).toEqual([]);
  });

  it('the same priority: program id breaks the tie (the coupon first), and the coupon is spent', () => {
    const samePriority = { ...pastry, priority: 0 };
    const r = evaluate([samePriority, coupon()], b, member(), ctx());
    // coupon −€1.00, then the free croissant takes the €1.10 left
    expect(r.trace.map((t) => t.text)).toEqual([
      '−€1.00 off — €1 off a croissant',
      '−€1.10 at €0.00 each — Free croissant with your coffee',
    ]);
    expect(r.couponsRedeemed).toEqual(['CRO-7']);
    // a coupon program given a higher priority wins over the free croissant the same way
    const first = evaluate([pastry, coupon(undefined, { priority: 20 })], b, member(), ctx());
    expect(first.couponsRedeemed).toEqual(['CRO-7']);
    expect(discounts(first)).toEqual([
      ['l1', 0],
      ['l2', 210],
    ]);
  });

  it('the order programs are passed in never matters', () => {
    const cache = createProgramCache();
    const programs = [coupon(), pastry, example('weekend-double'), example('bonvoy-tiers')].map((p) =>
      cache.get(p),
    );
    const forward = evaluate(programs, b, member({ tier: 'Gold' }), ctx());
    const backward = evaluate([...programs].reverse(), b, member({ tier: 'Gold' }), ctx());
    expect(backward).toEqual(forward);
  });

  it('a coupon rule that an exclusive rule or a zero cap reduced to nothing is not spent', () => {
    const exclusive = program(
      [
        {
          id: 'staff',
          name: 'Staff price',
          priority: 5,
          exclusive: true,
          then: [{ type: 'percent-off', percent: 50 }],
        },
        couponRule(),
      ],
      { id: 'shop' },
    );
    const r = evaluate([exclusive], b, member(), ctx());
    expect(r.trace.map((t) => t.text)).toEqual([
      'Not applied: €1 off a croissant — Staff price does not combine',
      '−€2.80 50% off — Staff price',
    ]);
    expect(r.couponsRedeemed).toEqual([]);
    const zero = program(
      [
        {
          ...couponRule(),
          then: [{ type: 'percent-off', percent: 10, maxCents: 0, on: { skus: ['croissant'] } }],
        },
      ],
      { id: 'capped' },
    );
    const z = evaluate([zero], b, member(), ctx());
    expect(z.effects).toEqual([]);
    expect(z.couponsRedeemed).toEqual([]);
    expect(z.usage).toEqual([]);
  });

  it('refuses a priority that is not a whole number', () => {
    expect(() => program([couponRule()], { priority: 1.5 })).toThrow('priority: must be a whole number');
  });
});
