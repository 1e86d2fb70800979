import { describe, expect, it } from 'vitest';
import { basket, line, member, run } from './support/builders';
import { evalExamples } from './support/examples';

const purchaseBonus = {
  id: 'big',
  name: 'Big basket bonus',
  when: { type: 'basket-total', minCents: 1000 },
  then: [{ type: 'points-fixed', points: 100 }],
};
// an event rule that also has a money threshold: a review posted at the till with a €6 basket
const reviewWithBasket = {
  id: 'review-big',
  name: 'Review after a big visit',
  when: {
    type: 'all',
    conditions: [
      { type: 'event', events: ['review'] },
      { type: 'basket-total', minCents: 1000 },
    ],
  },
  then: [{ type: 'points-fixed', points: 20 }],
};
const b600 = basket([line('a', 'x', 600)]);

describe('near-miss hints are for purchases only', () => {
  it('a purchase €4.00 short of the bonus gets a hint', () => {
    const r = run([purchaseBonus, reviewWithBasket], b600);
    expect(r.nearMisses.map((n) => n.text)).toEqual([
      'Spend €4.00 more for 100 bonus points — Big basket bonus',
    ]);
  });

  it('a review, survey or referral never gets "spend more", even when a threshold is €4.00 away', () => {
    for (const type of ['review', 'survey', 'referral'] as const) {
      const r = run([purchaseBonus, reviewWithBasket], b600, member(), { event: { type } });
      expect(r.nearMisses).toEqual([]);
      expect(r.effects).toEqual([]);
    }
  });

  it('the engagement example on a review: 50 points, no hints', () => {
    const r = evalExamples(['engagement-rewards', 'earn-except-tobacco'], basket([]), member(), {
      event: { type: 'review' },
    });
    expect(r.points).toEqual({ points: 50 });
    expect(r.nearMisses).toEqual([]);
  });
});
