import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basketFromSale, parseProgram } from '../../../../core/rules/index';
import { basket, line, run } from './support/builders';

const perEuro = (points: number, on?: unknown, id = 'earn') => ({
  id,
  name: `${points} points per euro`,
  then: [{ type: 'points-per-amount', points, perCents: 100, rounding: 'down', ...(on ? { on } : {}) }],
});
const SPENDABLE = { redemption: { pointsPerUnit: 100, unitCents: 100 } };
const coffee = (price: number) => line('l1', 'a-coffee', price, { category: 'coffee' });
const tea = (price: number) => line('l2', 'b-tea', price, { category: 'tea' });

describe('no points on the part paid with points', () => {
  it('earns on the amount minus what points paid', () => {
    const b = basket([coffee(1000), tea(500)]); // €15.00
    expect(run([perEuro(2)], b, undefined, {}, SPENDABLE).points).toEqual({ points: 30 });
    // €5.00 of it paid with 500 points: 2 points per euro on €10.00.
    const paid = basket([coffee(1000), tea(500)], { pointsPaidCents: 500 });
    expect(run([perEuro(2)], paid, undefined, {}, SPENDABLE).points).toEqual({ points: 20 });
    // A program without a redemption block earns the same way: points never earn points by default.
    expect(run([perEuro(2)], paid).points).toEqual({ points: 20 });
  });

  it('earns on the whole when the program says earnOnPointsPaid', () => {
    const paid = basket([coffee(1000), tea(500)], { pointsPaidCents: 500 });
    const earnAll = { redemption: { ...SPENDABLE.redemption, earnOnPointsPaid: true } };
    expect(run([perEuro(2)], paid, undefined, {}, earnAll).points).toEqual({ points: 30 });
  });

  it('spreads the points paid over the lines pro rata, the remainder on the last line', () => {
    const paid = basket([coffee(1000), tea(1000)], { pointsPaidCents: 333 });
    const perCent = (category: string) => ({
      id: category,
      name: `A point per cent of ${category}`,
      then: [
        {
          type: 'points-per-amount',
          points: 1,
          perCents: 1,
          rounding: 'down',
          on: { categories: [category] },
        },
      ],
    });
    // 333 over two equal lines: 166.5 rounds to 167 on the first, the last takes the 166 left.
    expect(run([perCent('coffee')], paid).points).toEqual({ points: 833 });
    expect(run([perCent('tea')], paid).points).toEqual({ points: 834 });
  });

  it('spreads over what the lines cost after discounts', () => {
    const halfOffCoffee = {
      id: 'half',
      name: 'Half price coffee',
      priority: 100,
      then: [{ type: 'percent-off', percent: 50, on: { categories: ['coffee'] } }],
    };
    // Coffee €5.00 after the discount, tea €10.00; €3.00 paid with points: €1.00 of it on the coffee.
    const paid = basket([coffee(1000), tea(1000)], { pointsPaidCents: 300 });
    expect(run([halfOffCoffee, perEuro(1, { categories: ['coffee'] })], paid).points).toEqual({ points: 4 });
  });

  it('earns no points per amount when points paid everything; fixed bonuses stay', () => {
    const paid = basket([coffee(1000)], { pointsPaidCents: 5000 });
    const bonus = { id: 'bonus', name: 'Visit bonus', then: [{ type: 'points-fixed', points: 25 }] };
    expect(run([perEuro(2), bonus], paid).points).toEqual({ points: 25 });
  });

  it('a multiplier multiplies the reduced base', () => {
    const double = { id: 'double', name: 'Double points', then: [{ type: 'points-multiplier', factor: 2 }] };
    const paid = basket([coffee(1000)], { pointsPaidCents: 400 });
    expect(run([perEuro(1), double], paid).points).toEqual({ points: 12 }); // 6 base + 6 extra
  });

  it('never earns more because part was paid with points', () => {
    const lineArb = fc.record({
      cat: fc.constantFrom('coffee', 'tea'),
      price: fc.integer({ min: 0, max: 20_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 200_000 }),
        (ls, pointsPaidCents) => {
          const lines = ls.map((l, i) => line(`l${i}`, `sku-${i}`, l.price, { category: l.cat }));
          const rules = [perEuro(3, { categories: ['coffee'] }, 'coffee'), perEuro(1)];
          const whole = run(rules, basket(lines), undefined, {}, SPENDABLE).points.points ?? 0;
          const reduced =
            run(rules, basket(lines, { pointsPaidCents }), undefined, {}, SPENDABLE).points.points ?? 0;
          const total = ls.reduce((s, l) => s + l.price, 0);
          expect(reduced).toBeLessThanOrEqual(whole);
          // 1 per euro on everything left, at least (3 per euro on coffee adds to it).
          expect(reduced).toBeGreaterThanOrEqual(Math.floor(Math.max(0, total - pointsPaidCents) / 100));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('a sale as the engine’s basket', () => {
  it('carries the points payments as pointsPaidCents, so the server evaluates what the till did', () => {
    const sale = {
      id: 's1',
      currency: 'EUR',
      lines: [
        {
          lineId: 'l1',
          productId: 'p1',
          code: '1',
          name: 'Koffie',
          quantity: 1,
          unitPriceCents: 900,
          amountCents: 900,
          discountCents: 0,
        },
      ],
      flags: [],
      payments: [
        { method: 'points', amountCents: 250, points: 250 },
        { method: 'cash', amountCents: 650 },
      ],
    };
    expect(basketFromSale(sale, () => undefined).pointsPaidCents).toBe(250);
    expect(
      basketFromSale({ ...sale, payments: [{ method: 'cash', amountCents: 900 }] }, () => undefined),
    ).not.toHaveProperty('pointsPaidCents');
  });
});

describe('the redemption block of a program file', () => {
  const program = (redemption: unknown) => ({
    id: 'p',
    version: 1,
    name: 'Stars',
    kind: 'points',
    status: 'active',
    redemption,
    rules: [perEuro(1)],
  });
  const issues = (input: unknown) => {
    const r = parseProgram(input);
    return r.ok ? [] : r.message.split('\n');
  };

  it('is accepted with a rate, and earnOnPointsPaid if wanted', () => {
    expect(parseProgram(program({ pointsPerUnit: 100, unitCents: 100 })).ok).toBe(true);
    expect(parseProgram(program({ pointsPerUnit: 10, unitCents: 5, earnOnPointsPaid: true })).ok).toBe(true);
  });

  it('names the path of every mistake', () => {
    expect(issues(program({ pointsPerUnit: 0, unitCents: 2.5 }))).toEqual([
      'redemption.pointsPerUnit: must be a whole number ≥ 1',
      'redemption.unitCents: must be a whole number ≥ 1',
    ]);
    expect(issues(program({ pointsPerUnit: 100 }))).toEqual(['redemption.unitCents: is required']);
    expect(issues(program({ pointsPerUnit: 100, unitCents: 100, earnOnPointsPaid: 'yes', rate: 1 }))).toEqual(
      ['redemption.earnOnPointsPaid: must be true or false', 'redemption: unknown field "rate"'],
    );
    expect(issues(program({ pointsPerUnit: 2_000_000, unitCents: 100 }))).toEqual([
      'redemption.pointsPerUnit: must be at most 1000000',
    ]);
  });
});
