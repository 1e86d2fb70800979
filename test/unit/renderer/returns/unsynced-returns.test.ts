import { describe, expect, it } from 'vitest';
import type { MemberFigures } from '../../../../core/folds/member-figures';
import { withUnsyncedSales } from '../../../../core/folds/unsynced-sales';
import { shownBalance } from '../../../../core/loyalty/balance-rule';
import { planReturn } from '../../../../core/loyalty/return-reversal';
import {
  MEMBER,
  PROGRAMS,
  returnEventOf,
  SAT_NOON,
  saleOf,
  STORE,
  ulid,
} from '../../core/loyalty/return-fixtures';

/** Saturday, €6.69 + €1.29 paid by card: 30 points (15 base, 15 weekend); the coffee comes back: 26 of them. */
const sale = saleOf({
  lines: [
    { quantity: 1, unitPriceCents: 669 },
    { quantity: 1, unitPriceCents: 129 },
  ],
  at: SAT_NOON,
});
const planned = planReturn({
  returnId: ulid(2),
  sale,
  priorReturns: [],
  lines: [{ lineId: 'line-1', quantity: 1 }],
  programs: PROGRAMS,
  member: MEMBER,
  store: STORE,
});
if (!planned.ok) throw new Error(planned.message);
const ret = returnEventOf(planned.value, sale, ulid(2), 2);

/** Neither event folded by the server yet (till-1 applied through seq 0). */
const member: MemberFigures & { memberId: string } = {
  memberId: MEMBER.id,
  balance: 50,
  pendingPoints: 0,
  lifetimeEarned: 50,
  appliedThrough: { 'till-1': 0 },
  counters: { purchaseCount: 4, visits: [], rules: {}, stamps: {}, challenges: {}, badges: [] },
};

describe('a return this till has not synced yet', () => {
  it('counts in the balance the till shows: 50 + 30 − 26', () => {
    expect(shownBalance(member, MEMBER.id, 'till-1', [sale, ret])).toEqual({ spendable: 54, unsynced: 4 });
  });

  it('counts in the member the rules see: points and lifetime earned back, no purchase, no visit, no rule use', () => {
    const withSale = withUnsyncedSales(member, 'till-1', [sale]);
    const withBoth = withUnsyncedSales(member, 'till-1', [ret, sale]);
    expect(withBoth.balance).toBe(54);
    expect(withBoth.lifetimeEarned).toBe(54);
    expect(withBoth.counters.purchaseCount).toBe(5);
    expect(withBoth.counters.visits).toEqual(withSale.counters.visits);
    expect(withBoth.counters.rules).toEqual(withSale.counters.rules);
    expect(withBoth.appliedThrough).toEqual({ 'till-1': 2 });
  });

  it('is left out once the server has folded it', () => {
    const folded = { ...member, balance: 54, lifetimeEarned: 54, appliedThrough: { 'till-1': 2 } };
    expect(withUnsyncedSales(folded, 'till-1', [sale, ret])).toBe(folded);
  });
});
