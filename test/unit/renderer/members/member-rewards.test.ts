import { describe, expect, it } from 'vitest';
import type { Reward } from '../../../../core/loyalty/reward';
import { memberRewardsOf } from '../../../../renderer/src/features/members/member-rewards';
import { memberDoc } from './fixtures';

const store = { storeId: 'ams', timeZone: 'Europe/Amsterdam' };
/** Wednesday 25 November 2026, 12:00 in Amsterdam. */
const NOW = Date.UTC(2026, 10, 25, 11);
const reward = (id: string, points: number, more: Partial<Reward> = {}): Reward => ({
  id,
  version: 1,
  name: `Reward ${id}`,
  cost: { points },
  kind: { type: 'basket-amount', amountCents: 100 },
  ...more,
});
const catalogue: Reward[] = [
  reward('donate', 5, { kind: { type: 'donation', cause: 'Voedselbank', amountCents: 5 } }),
  reward('coffee', 150),
  reward('two-off', 200),
  reward('gold', 100, { eligibility: { tiers: ['Gold'] } }),
  reward('students', 50, { eligibility: { segments: ['students'] } }),
  reward('december', 10, { validity: { from: '2026-12-01' } }),
  reward('ended', 10, { validity: { until: '2026-11-25T12:00' } }),
  reward('rotterdam', 10, { scope: { stores: ['rdam'] } }),
  reward('free-coffee', 0, { onlyWhenUnlocked: true, name: 'Free coffee (your 10th)' }),
];
const silver = memberDoc({ memberId: 'M', tier: 'Silver', segments: ['coffee'] });

describe('what the member can redeem, shown in the panel', () => {
  it('lists the eligible rewards in validity and scope that the spendable balance covers, cheapest first, and the next one within reach', () => {
    const r = memberRewardsOf(silver, catalogue, store, NOW, 180);
    expect(r.redeemable.map((x) => [x.rewardId, x.cost])).toEqual([
      ['donate', 5],
      ['coffee', 150],
    ]);
    expect(r.next).toMatchObject({ rewardId: 'two-off', toGo: 20 });
    expect(r.unlocked).toEqual([]);
  });

  it('a Gold member in the students segment sees their rewards too; a balance above everything has no next', () => {
    const gold = memberDoc({ memberId: 'M', tier: 'Gold', segments: ['students'] });
    const r = memberRewardsOf(gold, catalogue, store, NOW, 1_000);
    expect(r.redeemable.map((x) => x.rewardId)).toEqual(['donate', 'students', 'gold', 'coffee', 'two-off']);
    expect(r.next).toBeNull();
  });

  it('the newest version of a reward replaces the old one', () => {
    const r = memberRewardsOf(
      silver,
      [reward('coffee', 150), reward('coffee', 120, { version: 2 })],
      store,
      NOW,
      130,
    );
    expect(r.redeemable).toMatchObject([{ rewardId: 'coffee', version: 2, cost: 120 }]);
  });

  it('shows what the member’s programs unlocked, the server’s and this till’s unsynced sales’, never for points', () => {
    const m = memberDoc({
      memberId: 'M',
      counters: { ...silver.counters, rewards: { 'free-coffee': 1, 'birthday-cake': 0 } },
    });
    const r = memberRewardsOf(m, catalogue, store, NOW, 0, {
      unsyncedRows: [
        { account: 'rewards:free-coffee', amount: 1 },
        { account: 'rewards:tote-bag', amount: 1 },
        { account: 'points', amount: 40 },
      ],
    });
    expect(r.unlocked.map((x) => [x.rewardId, x.name, x.count])).toEqual([
      ['free-coffee', 'Free coffee (your 10th)', 2],
      ['tote-bag', 'tote-bag', 1],
    ]);
    expect(r.redeemable.map((x) => x.rewardId)).toEqual([]);
    expect(r.next).toMatchObject({ rewardId: 'donate', toGo: 5 });
  });
});
