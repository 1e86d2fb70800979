import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCents,
  allocate,
  cents,
  percentOf,
  points,
  priceForMeasure,
  roundHalfAwayFromZero,
  sumCents,
} from '../../../../core/money/money';

describe('roundHalfAwayFromZero', () => {
  it.each([
    [5, 10, 1],
    [-5, 10, -1],
    [4, 10, 0],
    [-4, 10, 0],
    [15, 10, 2],
    [25, 10, 3],
    [-25, 10, -3],
    [1, 3, 0],
    [2, 3, 1],
    [-2, 3, -1],
    [0, 7, 0],
    [Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER],
  ])('%i / %i → %i', (n, d, expected) => {
    expect(roundHalfAwayFromZero(n, d)).toBe(expected);
  });

  it('never gives −0', () => {
    expect(Object.is(roundHalfAwayFromZero(-4, 10), 0)).toBe(true);
  });

  it('refuses non-integers and a non-positive denominator (a bug, so it throws)', () => {
    expect(() => roundHalfAwayFromZero(1.5, 10)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, 0)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, -2)).toThrow(RangeError);
  });

  it('property: agrees with exact rational rounding and is symmetric around zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        const r = roundHalfAwayFromZero(n, d);
        expect(Math.abs(2 * (Math.abs(n) - Math.abs(r) * d))).toBeLessThanOrEqual(d);
        expect(roundHalfAwayFromZero(-n, d)).toBe(-r || 0);
      }),
    );
  });
});

describe('money helpers', () => {
  it('percentOf: basis points of an amount, rounded once', () => {
    expect(percentOf(cents(999), 2100)).toBe(210); // 21% of €9.99 = 209.79 ct
    expect(percentOf(cents(-999), 2100)).toBe(-210);
    expect(percentOf(cents(250), 1000)).toBe(25);
    expect(percentOf(cents(5), 1000)).toBe(1); // 0.5 ct → 1 ct
  });

  it('priceForMeasure: price per kg times grams, rounded once', () => {
    expect(priceForMeasure(cents(299), 1250, 1000)).toBe(374); // 1.250 kg at €2.99/kg = €3.7375
    expect(priceForMeasure(cents(1), 500, 1000)).toBe(1);
    expect(priceForMeasure(cents(1999), 0, 1000)).toBe(0);
  });

  it('cents and points refuse fractions and unsafe integers', () => {
    expect(() => cents(1.5)).toThrow(RangeError);
    expect(() => points(2 ** 60)).toThrow(RangeError);
    expect(addCents(cents(1), cents(2), cents(-4))).toBe(-1);
    expect(sumCents([cents(10), cents(20)])).toBe(30);
  });
});

describe('allocate', () => {
  it('splits proportionally with the remainder on the last share', () => {
    expect(allocate(cents(100), [1, 1, 1])).toEqual([33, 33, 34]);
    expect(allocate(cents(1000), [1, 3])).toEqual([250, 750]);
    expect(allocate(cents(-100), [1, 1, 1])).toEqual([-33, -33, -34]);
  });

  it('edge cases: no weights, all-zero weights', () => {
    expect(allocate(cents(100), [])).toEqual([]);
    expect(allocate(cents(100), [0, 0])).toEqual([0, 100]);
  });

  it('property: the shares always add up to the total exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e8, max: 1e8 }),
        fc.array(fc.integer({ min: 0, max: 1e5 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const shares = allocate(cents(total), weights);
          expect(shares).toHaveLength(weights.length);
          expect(shares.reduce((s, x) => s + x, 0)).toBe(total);
          for (const s of shares) expect(Number.isSafeInteger(s)).toBe(true);
        },
      ),
    );
  });
});
