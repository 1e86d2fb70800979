import { describe, expect, it } from 'vitest';
import {
  figuresAfterReturn,
  figuresAfterSale,
  figuresAfterTransfer,
  type MemberFigures,
} from '../../../../core/folds/member-figures';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';

/** What spending does to a member's figures (issue 9): the balance moves, earning does not. */
const member: MemberFigures = {
  balance: 1_000,
  pendingPoints: 0,
  lifetimeEarned: 1_000,
  appliedThrough: { T1: 3 },
  counters: {
    purchaseCount: 3,
    visits: [],
    rules: {},
    stamps: { coffee: 2 },
    challenges: {},
    badges: [],
    rewards: { 'free-coffee': 1 },
    earnedByMonth: { points: { '2026-11': 1_000 } },
  },
};
const sale = {
  terminalId: 'T2',
  seq: 7,
  createdAt: Date.UTC(2026, 10, 25),
  businessDay: '2026-11-25',
  totalCents: 504,
};
const earn = (amount: number) => ({ account: 'points', amount, programId: 'p', ruleId: 'base' });
const spend = (amount: number) => ({
  account: 'points',
  amount,
  programId: SPEND_PROGRAM_ID,
  ruleId: 'points-tender',
});

describe('spending in the member figures', () => {
  it('a sale that spends points lowers the balance only: never earned, never counted in the month', () => {
    const after = figuresAfterSale(member, sale, [earn(40), spend(-300)]);
    expect(after).toMatchObject({ balance: 740, lifetimeEarned: 1_040, appliedThrough: { T1: 3, T2: 7 } });
    expect(after.counters.earnedByMonth).toEqual({ points: { '2026-11': 1_040 } });
  });

  it('redeeming a reward a program unlocked uses it up, once', () => {
    const redeemed = { ...sale, redemptions: [{ rewardId: 'free-coffee', source: 'unlocked' }] };
    const after = figuresAfterSale(member, redeemed, []);
    expect(after.counters.rewards).toEqual({ 'free-coffee': 0 });
    expect(figuresAfterSale(after, redeemed, []).counters.rewards).toEqual({ 'free-coffee': 0 });
    const catalogue = { ...sale, redemptions: [{ rewardId: 'free-coffee', source: 'catalogue' }] };
    expect(figuresAfterSale(member, catalogue, [spend(-200)]).counters.rewards).toEqual({ 'free-coffee': 1 });
  });

  it('a return takes back what the goods earned (lifetime too) and credits back what was spent', () => {
    const after = figuresAfterReturn(member, { terminalId: 'T1', seq: 9 }, [earn(-60), spend(150)]);
    expect(after).toMatchObject({
      balance: 1_090,
      lifetimeEarned: 940,
      appliedThrough: { T1: 9 },
      counters: { purchaseCount: 3 },
    });
  });

  it('a transfer moves the balance; only the giver at a till moves that till’s appliedThrough', () => {
    const giver = figuresAfterTransfer(member, { terminalId: 'T1', seq: 10 }, [spend(-250)], true);
    expect(giver).toMatchObject({ balance: 750, lifetimeEarned: 1_000, appliedThrough: { T1: 10 } });
    const receiver = figuresAfterTransfer(member, { terminalId: 'T1', seq: 10 }, [spend(250)], false);
    expect(receiver).toMatchObject({ balance: 1_250, lifetimeEarned: 1_000, appliedThrough: { T1: 3 } });
  });
});
