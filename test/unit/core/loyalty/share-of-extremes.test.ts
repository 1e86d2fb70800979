import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import { allocateRefund } from '../../../../core/loyalty/refund-allocation';
import { shareOf } from '../../../../core/loyalty/returnable';

/**
 * Shares at the journal's bounds (issue 9, found probing the spending at its bounds): a points payment of 10^9
 * points for 10^11 cents multiplies past 2^53, where doubles round. Points back must still be
 * floor(points × cents back / cents paid) exactly — one point more is a point the member never had.
 */
describe('shareOf at the bounds', () => {
  it('986,753,424 points paid for 60,714,757,129 cents: 45,442,525,728 cents back give 738,544,794 points, not 795', () => {
    expect(shareOf(986_753_424, 45_442_525_728, 60_714_757_129)).toBe(738_544_794);
    // An exact quotient stays exact: 10^9 points for 10^11 cents, 23,205,394,900 cents back.
    expect(shareOf(1_000_000_000, 23_205_394_900, 100_000_000_000)).toBe(232_053_949);
  });

  it('10^9 points paid for 10^11 cents: every whole hundred cents back gives back exactly its points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: B.maxPoints - 1 }), (points) => {
        expect(shareOf(B.maxPoints, points * 100, B.maxAbsCents)).toBe(points);
      }),
      { seed: 9, numRuns: 500 },
    );
  });

  it('a refund of a sale paid half in points and half by card, at the bounds, splits exactly', () => {
    const payments = [
      { method: 'points' as const, amountCents: B.maxAbsCents, points: B.maxPoints },
      { method: 'card' as const, amountCents: B.maxAbsCents },
    ];
    // Twice 23,205,394,900 cents back: the points payment's half gives exactly 232,053,949 points.
    const refunds = allocateRefund(payments, [], 46_410_789_800);
    expect(refunds).toEqual([
      { method: 'points', amountCents: 23_205_394_900, points: 232_053_949 },
      { method: 'card', amountCents: 23_205_394_900 },
    ]);
  });
});
