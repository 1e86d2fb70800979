import { describe, expect, it } from 'vitest';
import { basket, line, run } from './support/builders';

const pastry = (id: string, price: number, quantity = 1) =>
  line(id, `p-${id}`, price, { category: 'bakery', tags: ['pastry'], quantity });
const rule = (then: unknown, extra: Record<string, unknown> = {}) => ({
  id: 'd',
  name: 'Deal',
  then: [then],
  ...extra,
});
const lineDiscounts = (r: ReturnType<typeof run>) =>
  Object.fromEntries(r.lines.map((l) => [l.lineId, l.discountCents]));

describe('discount effects', () => {
  it('percent off on matched lines, rounded per line half away from zero', () => {
    const r = run(
      [rule({ type: 'percent-off', percent: 15, on: { tags: ['pastry'] } })],
      basket([pastry('a', 245), pastry('b', 295), line('c', 'milk', 100)]),
    );
    // 15% of 245 = 36.75 → 37; of 295 = 44.25 → 44
    expect(lineDiscounts(r)).toEqual({ a: 37, b: 44, c: 0 });
    expect(r.totals).toMatchObject({ grossCents: 640, discountCents: 81, netCents: 559 });
    expect(r.trace[0]?.text).toBe('−€0.81 15% off — Deal');
  });

  it('percent off the basket with a cap', () => {
    const r = run(
      [rule({ type: 'percent-off', percent: 10, maxCents: 50 })],
      basket([pastry('a', 400), pastry('b', 600)]),
    );
    // 10% = 100, capped at 50, split 40:60 → 20 + 30
    expect(lineDiscounts(r)).toEqual({ a: 20, b: 30 });
  });

  it('an amount off never exceeds what it discounts', () => {
    const r = run(
      [rule({ type: 'amount-off', amountCents: 1000, on: { tags: ['pastry'] } })],
      basket([pastry('a', 245), line('m', 'milk', 100)]),
    );
    expect(lineDiscounts(r)).toEqual({ a: 245, m: 0 });
    expect(r.totals.netCents).toBe(100);
  });

  it('an amount off is spread in proportion with the remainder on the last line', () => {
    const r = run(
      [rule({ type: 'amount-off', amountCents: 100 })],
      basket([pastry('a', 100), pastry('b', 100), pastry('c', 100)]),
    );
    expect(lineDiscounts(r)).toEqual({ a: 33, b: 33, c: 34 });
  });

  it('fixed price per unit, never raising a price', () => {
    const r = run(
      [rule({ type: 'fixed-price', priceCents: 200, on: { tags: ['pastry'] } })],
      basket([pastry('a', 245, 2), pastry('b', 150)]),
    );
    expect(lineDiscounts(r)).toEqual({ a: 90, b: 0 });
  });

  it('cheapest free in every group of 3, most expensive units grouped first', () => {
    const r = run(
      [rule({ type: 'cheapest-free', on: { tags: ['pastry'] }, every: 3 })],
      basket([pastry('a', 300, 2), pastry('b', 250), pastry('c', 200, 3)]),
    );
    // units: 300 300 250 | 200 200 200 → free: 250 and 200
    expect(lineDiscounts(r)).toEqual({ a: 0, b: 250, c: 200 });
  });

  it('buy 2 get 1 at 50% off, limited per transaction', () => {
    const b = basket([pastry('a', 400, 6)]);
    const deal = { type: 'buy-x-get-y', on: { tags: ['pastry'] }, buy: 2, get: 1, percent: 50 };
    expect(lineDiscounts(run([rule(deal)], b))).toEqual({ a: 400 });
    expect(lineDiscounts(run([rule(deal, { limits: { perTransaction: 1 } })], b))).toEqual({ a: 200 });
  });

  it('bundle price per complete bundle', () => {
    const r = run(
      [
        rule({
          type: 'bundle-price',
          items: [
            { on: { categories: ['coffee'] }, quantity: 1 },
            { on: { skus: ['croissant'] }, quantity: 1 },
          ],
          priceCents: 400,
        }),
      ],
      basket([line('k', 'latte', 365, { category: 'coffee', quantity: 2 }), line('c', 'croissant', 245)]),
    );
    // one bundle (only one croissant): 610 → 400, 210 split 365:245 → 126 + 84
    expect(lineDiscounts(r)).toEqual({ k: 126, c: 84 });
  });

  it('discounts stack in priority order against what is left of each line', () => {
    const r = run(
      [
        { id: 'first', name: 'Half price', priority: 2, then: [{ type: 'percent-off', percent: 50 }] },
        { id: 'second', name: '€3 off', priority: 1, then: [{ type: 'amount-off', amountCents: 300 }] },
      ],
      basket([pastry('a', 400)]),
    );
    expect(r.effects.map((e) => (e.kind === 'discount' ? e.discountCents : 0))).toEqual([200, 200]);
    expect(r.totals.netCents).toBe(0);
  });
});
