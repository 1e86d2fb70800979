import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../../../core/rules/index';
import { basket, line, member, run } from './support/builders';
import { evalExamples, texts } from './support/examples';

const coffee = (lineId: string, sku: string, price: number, quantity = 1) =>
  line(lineId, sku, price, { category: 'coffee', quantity });
// 2 lattes €3.50 + 1 espresso €2.20 (3 coffees) + a croissant €1.90 = €11.10
const breakfast = basket([
  coffee('l1', 'latte', 350, 2),
  coffee('l2', 'espresso', 220),
  line('l3', 'croissant', 190, { category: 'bakery' }),
]);
const ledger = (r: { ledger: readonly { account: string; amount: number }[] }) =>
  r.ledger.map((l) => [l.account, l.amount]);

const card = (reward: Record<string, unknown>) => ({
  id: 'stamp',
  name: 'Coffee card',
  when: { type: 'lines', match: { categories: ['coffee'] } },
  then: [{ type: 'stamp', card: 'coffee', on: { categories: ['coffee'] }, required: 10, reward }],
});
const now = card({ rewardId: 'free-coffee', name: 'Free coffee', in: 'this-visit' });

describe('a completed stamp card pays out in this visit (coffee-card-free-now.json)', () => {
  it('8 stamps + 3 coffees on a 10-card: completes, the cheapest coffee (espresso) is free, 1 stamp left', () => {
    const r = evalExamples(
      ['coffee-card-free-now', 'earn-except-tobacco'],
      breakfast,
      member({ stamps: { coffee: 8 } }),
    );
    expect(r.effects[0]).toMatchObject({
      kind: 'stamps',
      added: 3,
      completed: 1,
      onCard: 1,
      payout: 'this-visit',
      discountCents: 220,
      lines: [{ lineId: 'l2', discountCents: 220 }],
    });
    expect(r.totals).toMatchObject({ grossCents: 1110, discountCents: 220, netCents: 890 });
    // points are earned on what is paid: floor(8.90) = 8
    expect(r.points).toEqual({ points: 8 });
    expect(texts(r)).toEqual([
      'Card complete: Free coffee (your 10th) now (−€2.20) (1 of 10 on the new card) — Coffee card',
      '+8 points — 1 point per euro',
    ]);
    // no reward row: the reward is the discount on the line
    expect(ledger(r)).toEqual([
      ['stamps:coffee', 3],
      ['stamps:coffee', -10],
      ['points', 8],
    ]);
  });

  it('not complete yet: stamps only, nothing free', () => {
    const r = evalExamples(['coffee-card-free-now'], breakfast, member({ stamps: { coffee: 6 } }));
    expect(texts(r)).toEqual(['+3 stamps (9 of 10) — Coffee card']);
    expect(r.totals.discountCents).toBe(0);
  });

  it('10 coffees on an empty card: the 10th is free now, 0 left', () => {
    const r = run([now], basket([coffee('a', 'latte', 350, 10)]), member());
    expect(r.effects[0]).toMatchObject({ added: 10, completed: 1, onCard: 0, discountCents: 350 });
    expect(r.totals.netCents).toBe(3150);
  });

  it('two cards filled at once: the two cheapest coffees are free', () => {
    // 9 held + 11 bought = 20 → 2 complete; cheapest units: espresso €2.20, then a latte €3.50
    const r = run(
      [now],
      basket([coffee('a', 'latte', 350, 10), coffee('b', 'espresso', 220)]),
      member({ stamps: { coffee: 9 } }),
    );
    expect(r.effects[0]).toMatchObject({ added: 11, completed: 2, onCard: 0, discountCents: 570 });
    expect(r.trace[0]?.text).toBe(
      'Card complete: Free coffee ×2 now (−€5.70) (0 of 10 on the new card) — Coffee card',
    );
  });

  it('skips a coffee another discount already made free', () => {
    const espressoFree = {
      id: 'espresso-free',
      name: 'Espresso on the house',
      priority: 10,
      then: [{ type: 'fixed-price', priceCents: 0, on: { skus: ['espresso'] } }],
    };
    const r = run([espressoFree, now], breakfast, member({ stamps: { coffee: 8 } }));
    expect(r.lines.map((l) => [l.lineId, l.discountCents])).toEqual([
      ['l1', 350],
      ['l2', 220],
      ['l3', 0],
    ]);
    expect(r.effects[1]).toMatchObject({ completed: 1, onCard: 1, discountCents: 350 });
  });
});

describe('a completed stamp card pays out on the next visit', () => {
  it('as an issued coupon (coffee-card-coupon.json): 8 + 3 → coupon, 1 stamp left, nothing off today', () => {
    const r = evalExamples(['coffee-card-coupon'], breakfast, member({ stamps: { coffee: 8 } }));
    expect(r.effects[0]).toMatchObject({
      completed: 1,
      onCard: 1,
      payout: 'coupon',
      rewardId: 'free-coffee',
      couponIds: ['tx1/coffee-card-coupon@1/stamp/0/coupon-0'],
      validUntil: '2026-12-25', // Wednesday 25 November + 30 days
    });
    expect(r.totals.discountCents).toBe(0);
    expect(texts(r)).toEqual([
      'Card complete: coupon for next visit: Free coffee on your next visit (until 2026-12-25) (1 of 10 on the new card) — Coffee card',
    ]);
    expect(ledger(r)).toEqual([
      ['stamps:coffee', 3],
      ['stamps:coffee', -10],
      ['coupons:free-coffee', 1],
    ]);
    expect(r.ledger[2]?.id).toBe('tx1/coffee-card-coupon@1/stamp/0/coupon-0');
  });

  it('as a reward unlock (the default, in: next-visit): 8 + 3 → reward, 1 stamp left', () => {
    for (const reward of [
      { rewardId: 'free-coffee', name: 'Free coffee' },
      { rewardId: 'free-coffee', name: 'Free coffee', in: 'next-visit' },
    ]) {
      const r = run([card(reward)], breakfast, member({ stamps: { coffee: 8 } }));
      expect(r.effects[0]).toMatchObject({ completed: 1, onCard: 1, payout: 'unlock' });
      expect(ledger(r)).toEqual([
        ['stamps:coffee', 3],
        ['stamps:coffee', -10],
        ['rewards:free-coffee', 1],
      ]);
      expect(r.trace[0]?.text).toBe(
        'Card complete: Free coffee unlocked (1 of 10 on the new card) — Coffee card',
      );
    }
  });

  it('refuses a reward that says neither, both, or mixes coupon with this visit', () => {
    const issues = (reward: Record<string, unknown>) => {
      const r = parseProgram({
        id: 'p',
        version: 1,
        name: 'P',
        kind: 'stamp-card',
        status: 'active',
        rules: [card(reward)],
      });
      return r.ok ? [] : r.message.split('\n');
    };
    expect(issues({ name: 'X' })).toEqual([
      'rules[0].then[0].reward: must give rewardId (a reward) or coupon (a coupon for the next visit)',
    ]);
    expect(issues({ rewardId: 'a', coupon: 'b', name: 'X', validDays: 3 })).toEqual([
      'rules[0].then[0].reward.coupon: give rewardId or coupon, not both',
    ]);
    expect(issues({ coupon: 'b', name: 'X' })).toEqual([
      'rules[0].then[0].reward.validDays: is required with coupon',
    ]);
    expect(issues({ rewardId: 'a', name: 'X', validDays: 3 })).toEqual([
      'rules[0].then[0].reward.validDays: only goes with coupon',
    ]);
    expect(issues({ coupon: 'b', name: 'X', validDays: 3, in: 'this-visit' })).toEqual([
      'rules[0].then[0].reward.in: a coupon is for the next visit; use rewardId for a reward in this visit',
    ]);
    expect(issues({ rewardId: 'a', name: 'X', in: 'tomorrow' })).toEqual([
      'rules[0].then[0].reward.in: must be one of: next-visit, this-visit',
    ]);
  });
});
