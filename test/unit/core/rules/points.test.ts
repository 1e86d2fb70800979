import { describe, expect, it } from 'vitest';
import { roundBy } from '../../../../core/rules/index';
import { basket, line, member, run } from './support/builders';

const coffee = (lineId: string, price: number, quantity = 1) =>
  line(lineId, `sku-${lineId}`, price, { category: 'coffee', quantity });
const perEuro = (rounding: string, points = 1) => ({
  id: 'earn',
  name: 'Points per euro',
  then: [{ type: 'points-per-amount', points, perCents: 100, rounding }],
});

describe('rounding rules', () => {
  it('down, up and half away from zero at the edges', () => {
    expect(roundBy('down', 1499, 100)).toBe(14);
    expect(roundBy('up', 1401, 100)).toBe(15);
    expect(roundBy('up', 1400, 100)).toBe(14);
    expect(roundBy('half-away-from-zero', 1449, 100)).toBe(14);
    expect(roundBy('half-away-from-zero', 1450, 100)).toBe(15);
  });
});

describe('points effects', () => {
  it('per currency unit spent, with the program’s rounding', () => {
    const b = basket([coffee('a', 1450), coffee('b', 99)]); // €15.49
    expect(run([perEuro('down')], b).points).toEqual({ points: 15 });
    expect(run([perEuro('up')], b).points).toEqual({ points: 16 });
    expect(run([perEuro('half-away-from-zero')], b).points).toEqual({ points: 15 }); // 15.49 → 15
    expect(run([perEuro('half-away-from-zero', 2)], b).points).toEqual({ points: 31 }); // 30.98 → 31
  });

  it('earns on what is paid after discounts', () => {
    const r = run(
      [perEuro('down'), { id: 'off', name: '€2 off', then: [{ type: 'amount-off', amountCents: 200 }] }],
      basket([coffee('a', 1000)]),
    );
    expect(r.points).toEqual({ points: 8 });
  });

  it('per item on matching lines only', () => {
    const r = run(
      [
        {
          id: 'i',
          name: 'Coffee points',
          then: [{ type: 'points-per-item', points: 3, on: { categories: ['coffee'] } }],
        },
      ],
      basket([coffee('a', 300, 4), line('b', 'tea', 250, { category: 'tea', quantity: 2 })]),
    );
    expect(r.points).toEqual({ points: 12 });
  });

  it('fixed points', () => {
    const r = run(
      [{ id: 'f', name: 'Bonus', then: [{ type: 'points-fixed', points: 100 }] }],
      basket([coffee('a', 300)]),
    );
    expect(r.points).toEqual({ points: 100 });
    expect(r.trace[0]?.text).toBe('+100 points — Bonus');
  });

  it('a multiplier multiplies base points only, and multipliers add instead of compounding', () => {
    const r = run(
      [
        perEuro('down', 10), // €12.34 → 123 base
        { id: 'bonus', name: 'Bonus', then: [{ type: 'points-fixed', points: 50 }] },
        { id: 'x2', name: 'Weekend double points', then: [{ type: 'points-multiplier', factor: 2 }] },
        { id: 'x15', name: 'App 1.5×', then: [{ type: 'points-multiplier', factor: 1.5 }] },
      ],
      basket([coffee('a', 1234)]),
    );
    // 123 base + 50 bonus + 123 (2×) + 61 (1.5× of 123 = 61.5, rounded down)
    expect(r.points).toEqual({ points: 357 });
    expect(r.trace.map((t) => t.text)).toContain('2× points (+123) — Weekend double points');
  });

  it('tier multipliers use the member’s tier', () => {
    const rules = [
      perEuro('down', 10),
      {
        id: 'tier',
        name: 'Tier bonus',
        then: [
          { type: 'tier-multiplier', factors: { Silver: 1.1, Gold: 1.25 }, rounding: 'half-away-from-zero' },
        ],
      },
    ];
    const b = basket([coffee('a', 1010)]); // 101 base
    expect(run(rules, b, member({ tier: 'Gold' })).points).toEqual({ points: 101 + 25 }); // 25.25 → 25
    expect(run(rules, b, member({ tier: 'Silver' })).points).toEqual({ points: 101 + 10 }); // 10.1 → 10
    expect(run(rules, b, member({ tier: 'Bronze' })).points).toEqual({ points: 101 });
  });

  it('an anonymous basket earns no points', () => {
    const r = run([perEuro('down')], basket([coffee('a', 1000)]), null);
    expect(r.points).toEqual({});
    expect(r.ledger).toEqual([]);
  });

  it('points are booked as ledger entries with deterministic ids', () => {
    const r = run([perEuro('down')], basket([coffee('a', 1000)]), member({ id: 'm-9' }), {
      transactionId: 'T-1',
    });
    expect(r.ledger).toEqual([
      {
        id: 'T-1/p@1/earn/0/points',
        memberId: 'm-9',
        account: 'points',
        unit: 'points',
        amount: 10,
        programId: 'p',
        programVersion: 1,
        ruleId: 'earn',
        text: '+10 points — Points per euro',
      },
    ]);
    const withFactory = run([perEuro('down')], basket([coffee('a', 1000)]), member(), {
      newId: (key) => `ID(${key})`,
    });
    expect(withFactory.ledger[0]?.id).toBe('ID(tx1/p@1/earn/0/points)');
  });

  it('names the program version in each entry id, whichever version was evaluated before', () => {
    const ids = [1, 2, 1].map(
      (version) =>
        run([perEuro('down')], basket([coffee('a', 1000)]), member(), {}, { version }).ledger[0]?.id,
    );
    expect(ids).toEqual(['tx1/p@1/earn/0/points', 'tx1/p@2/earn/0/points', 'tx1/p@1/earn/0/points']);
  });
});
