import { describe, expect, it } from 'vitest';
import { basket, line, member, run } from './support/builders';

const coffee = (id: string, quantity = 1) => line(id, 'latte', 350, { category: 'coffee', quantity });
const stampRule = {
  id: 'stamp',
  name: 'Coffee card',
  then: [
    {
      type: 'stamp',
      card: 'coffee',
      on: { categories: ['coffee'] },
      required: 9,
      reward: { rewardId: 'free-coffee', name: 'Free coffee' },
    },
  ],
};

describe('engagement effects', () => {
  it('issues a coupon for the next visit, valid for N store-local days', () => {
    const r = run(
      [
        {
          id: 'c',
          name: 'Come back',
          then: [{ type: 'issue-coupon', coupon: 'next5', name: '€5 off', validDays: 30 }],
        },
      ],
      basket([coffee('a')]),
    );
    expect(r.effects[0]).toMatchObject({
      kind: 'coupon',
      coupon: 'next5',
      validUntil: '2026-12-25',
      couponId: 'tx1/p@1/c/0/coupon',
    });
    expect(r.ledger).toMatchObject([{ id: 'tx1/p@1/c/0/coupon', account: 'coupons:next5', amount: 1 }]);
  });

  it('stamps a card per matching item', () => {
    const r = run([stampRule], basket([coffee('a', 2)]), member({ stamps: { coffee: 3 } }));
    expect(r.effects[0]).toMatchObject({ kind: 'stamps', added: 2, onCard: 5, completed: 0 });
    expect(r.trace[0]?.text).toBe('+2 stamps (5 of 9) — Coffee card');
    expect(r.ledger.map((l) => [l.account, l.amount])).toEqual([['stamps:coffee', 2]]);
  });

  it('a completed card unlocks the reward and starts a new card', () => {
    const r = run([stampRule], basket([coffee('a', 3)]), member({ stamps: { coffee: 8 } }));
    expect(r.effects[0]).toMatchObject({ kind: 'stamps', added: 3, onCard: 2, completed: 1 });
    expect(r.ledger.map((l) => [l.account, l.amount])).toEqual([
      ['stamps:coffee', 3],
      ['stamps:coffee', -9],
      ['rewards:free-coffee', 1],
    ]);
  });

  it('challenge progress and a badge on completion, then nothing more', () => {
    const rule = {
      id: 'ch',
      name: 'Run club',
      then: [{ type: 'challenge', challenge: 'runs', badge: '10 Runs', target: 10, measure: 'transactions' }],
    };
    const mid = run([rule], basket([coffee('a')]), member({ challenges: { runs: 4 } }));
    expect(mid.effects[0]).toMatchObject({ kind: 'challenge', progress: 1, total: 5, completed: false });
    const done = run([rule], basket([coffee('a')]), member({ challenges: { runs: 9 } }));
    expect(done.trace[0]?.text).toBe('Badge earned: 10 Runs — Run club');
    expect(done.ledger.map((l) => l.account)).toEqual(['challenge:runs', 'badges:runs']);
    expect(run([rule], basket([coffee('a')]), member({ challenges: { runs: 10 } })).effects).toEqual([]);
  });

  it('spend challenge counts what is paid, capped at the target', () => {
    const rule = {
      id: 'ch',
      name: 'Spend €50',
      then: [
        { type: 'challenge', challenge: 'spend50', badge: 'Regular', target: 5000, measure: 'spend-cents' },
      ],
    };
    const r = run([rule], basket([coffee('a', 4)]), member({ challenges: { spend50: 4000 } }));
    expect(r.effects[0]).toMatchObject({ progress: 1000, total: 5000, completed: true });
  });

  it('round-up donation to the next euro, added to what the customer pays', () => {
    const rule = {
      id: 'ru',
      name: 'Round up',
      then: [{ type: 'round-up-donation', cause: 'Voedselbank', toCents: 100 }],
    };
    const r = run([rule], basket([line('a', 'x', 1234)]), null);
    expect(r.totals).toMatchObject({ netCents: 1234, donationCents: 66, toPayCents: 1300 });
    expect(r.ledger).toMatchObject([
      { memberId: null, account: 'donation:Voedselbank', unit: 'cents', amount: 66 },
    ]);
    expect(run([rule], basket([line('a', 'x', 1200)]), null).effects).toEqual([]);
  });

  it('points donation debits the member and credits the cause', () => {
    const r = run(
      [{ id: 'pd', name: 'Give', then: [{ type: 'points-donation', cause: 'Trees', points: 100 }] }],
      basket([coffee('a')]),
    );
    expect(r.ledger.map((l) => [l.account, l.amount])).toEqual([
      ['points', -100],
      ['donation:Trees', 100],
    ]);
  });

  it('one-for-one item donation', () => {
    const rule = {
      id: 'd',
      name: 'One for one',
      then: [{ type: 'item-donation', cause: 'Kids', on: { categories: ['shoes'] }, perItems: 1 }],
    };
    const r = run([rule], basket([line('s', 'sneaker', 6000, { category: 'shoes', quantity: 2 })]), null);
    expect(r.effects[0]).toMatchObject({ kind: 'donation', items: 2 });
    expect(r.trace[0]?.text).toBe('2 items donated to Kids — One for one');
  });

  it('reward unlock needs a member', () => {
    const rule = {
      id: 'r',
      name: 'Treat',
      then: [{ type: 'reward-unlock', rewardId: 'cake', name: 'Free cake' }],
    };
    expect(run([rule], basket([coffee('a')])).trace[0]?.text).toBe('Reward unlocked: Free cake — Treat');
    expect(run([rule], basket([coffee('a')]), null).effects).toEqual([]);
  });
});
