import { describe, expect, it } from 'vitest';
import { basket, line, member, run } from './support/builders';

const bonus = {
  id: 'big',
  name: 'Big basket bonus',
  when: { type: 'basket-total', minCents: 2500 },
  then: [{ type: 'points-fixed', points: 100 }],
};

describe('near-miss hints', () => {
  it('says how much more to spend when it is within half the threshold', () => {
    const r = run([bonus], basket([line('a', 'x', 2050)]));
    expect(r.nearMisses).toEqual([
      {
        programId: 'p',
        ruleId: 'big',
        kind: 'spend',
        amount: 450,
        text: 'Spend €4.50 more for 100 bonus points — Big basket bonus',
        message: {
          code: 'spend-for-points',
          params: {
            amount: { cents: 450, currency: 'EUR' },
            points: 100,
            unit: 'points',
            rule: 'Big basket bonus',
          },
        },
      },
    ]);
  });

  it('stays quiet when far off, when money cannot fix it, or when the rule opts out', () => {
    expect(run([bonus], basket([line('a', 'x', 1000)])).nearMisses).toEqual([]);
    const gold = {
      ...bonus,
      when: { type: 'all', conditions: [bonus.when, { type: 'member-tier', tiers: ['Gold'] }] },
    };
    expect(run([gold], basket([line('a', 'x', 2050)])).nearMisses).toEqual([]);
    expect(run([gold], basket([line('a', 'x', 2050)]), member({ tier: 'Gold' })).nearMisses).toHaveLength(1);
    expect(run([{ ...bonus, nearMiss: false }], basket([line('a', 'x', 2050)])).nearMisses).toEqual([]);
  });

  it('counts items for quantity thresholds', () => {
    const r = run(
      [
        {
          id: 'three',
          name: '3 for 2 pastries',
          when: { type: 'lines', match: { tags: ['pastry'] }, minQuantity: 3 },
          then: [{ type: 'cheapest-free', on: { tags: ['pastry'] }, every: 3 }],
        },
      ],
      basket([line('a', 'croissant', 245, { tags: ['pastry'], quantity: 2 })]),
    );
    expect(r.nearMisses.map((n) => n.text)).toEqual(['Add 1 more item for 3 for 2 pastries']);
  });
});

describe('near-miss list', () => {
  it('keeps the closest five, items before money, smallest gap first', () => {
    const rules = [600, 100, 500, 200, 400, 300, 700].map((gap, i) => ({
      id: `r${i}`,
      name: `Bonus ${i}`,
      when: { type: 'basket-total', minCents: 2000 + gap },
      then: [{ type: 'points-fixed', points: 10 }],
    }));
    rules.push({
      id: 'items',
      name: 'Two pastries',
      when: { type: 'lines', match: { tags: ['pastry'] }, minQuantity: 2 } as never,
      then: [{ type: 'points-fixed', points: 5 }],
    });
    const r = run(rules, basket([line('a', 'croissant', 2000, { tags: ['pastry'] })]));
    expect(r.nearMisses.map((n) => [n.ruleId, n.amount])).toEqual([
      ['items', 1],
      ['r1', 100],
      ['r3', 200],
      ['r5', 300],
      ['r4', 400],
    ]);
  });
});
