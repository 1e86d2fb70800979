import { describe, expect, it } from 'vitest';
import { compareShadow } from '../../../../core/rules/index';
import { basket, ctx, line, member, program } from './support/builders';

describe('shadow mode', () => {
  it('reports what a new version would give away compared with the live one', () => {
    const live = program([
      {
        id: 'earn',
        name: 'Points',
        then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' }],
      },
    ]);
    const next = program(
      [
        {
          id: 'earn',
          name: 'Points',
          then: [{ type: 'points-per-amount', points: 2, perCents: 100, rounding: 'down' }],
        },
        { id: 'off', name: '5% off', then: [{ type: 'percent-off', percent: 5 }] },
      ],
      { version: 2 },
    );
    const r = compareShadow([live], [next], basket([line('a', 'x', 2000)]), member(), ctx());
    // live: 20 points; shadow: 5% of €20 = €1 off, then 2 × 19 = 38 points
    expect(r.live.points).toEqual({ points: 20 });
    expect(r.delta).toEqual({ discountCents: 100, donationCents: 0, points: { points: 18 } });
  });
});
