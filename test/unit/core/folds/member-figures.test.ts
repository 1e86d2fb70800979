import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  figuresAfterAction,
  figuresAfterExpiry,
  figuresAfterPosting,
  figuresAfterSale,
  monthOf,
  type MemberFigures,
} from '../../../../core/folds/member-figures';
import { instantOfLocal, localTime } from '../../../../core/rules/local-time';

const empty: MemberFigures = {
  balance: 0,
  pendingPoints: 0,
  lifetimeEarned: 0,
  appliedThrough: {},
  counters: { purchaseCount: 0, visits: [], rules: {}, stamps: {}, challenges: {}, badges: [] },
};
const row = (ruleId: string, amount: number, pending = false) => ({
  account: 'points',
  amount,
  programId: 'p',
  ruleId,
  pending,
});

describe('member figures', () => {
  it('a sale counts a purchase, a visit and its till; an action only its rows', () => {
    const sale = figuresAfterSale(
      empty,
      { terminalId: 'T1', seq: 4, createdAt: 1000, businessDay: '2026-03-02', totalCents: 504 },
      [row('base', 5), row('bonus', 20, true)],
    );
    expect(sale).toMatchObject({
      balance: 5,
      pendingPoints: 20,
      lifetimeEarned: 25,
      appliedThrough: { T1: 4 },
      counters: { purchaseCount: 1, visits: [{ at: 1000, spendCents: 504 }] },
    });
    const action = figuresAfterAction(sale, { businessDay: '2026-03-03', createdAt: 2000 }, [
      row('review', 25),
    ]);
    expect(action).toEqual({
      ...sale,
      balance: 30,
      lifetimeEarned: 50,
      counters: {
        ...sale.counters,
        rules: { ...sale.counters.rules, 'p/review': { lifetime: 1, byDay: { '2026-03-03': 1 } } },
        // Earned is earned: the pending 20 count towards a tier as the server's tier job counts them.
        earnedByMonth: { points: { '1970-01': 50 } },
      },
    });
  });

  it('posting moves pending points into the balance; an expiry takes them out, lifetime stays', () => {
    const f = { ...empty, balance: 10, pendingPoints: 20, lifetimeEarned: 30 };
    expect(figuresAfterPosting(f, 20)).toMatchObject({ balance: 30, pendingPoints: 0, lifetimeEarned: 30 });
    expect(figuresAfterExpiry(f, 7)).toMatchObject({ balance: 3, pendingPoints: 20, lifetimeEarned: 30 });
  });

  it('property: the month of an instant is the zone’s calendar month, at its first and last millisecond too', () => {
    const zones = ['Europe/Amsterdam', 'Europe/Bucharest', 'Asia/Kathmandu', 'America/St_Johns', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 2024, max: 2027 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -2, max: 40 * 86_400_000 }),
        (zone, y, m, offset) => {
          const at = instantOfLocal(`${y}-${String(m).padStart(2, '0')}-01`, zone) + offset;
          expect(monthOf(at, zone)).toBe(localTime(at, zone).date.slice(0, 7));
        },
      ),
      { numRuns: 500 },
    );
  });
});
