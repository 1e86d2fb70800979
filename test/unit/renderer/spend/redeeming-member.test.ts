import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../../core/journal';
import type { Reward } from '../../../../core/loyalty/reward';
import { redeemingMemberOf } from '../../../../renderer/src/features/spend/redeeming-member';
import { EMPTY_SPEND, type SpendState } from '../../../../renderer/src/features/spend/spend-state';
import { memberDoc } from '../members/fixtures';

const T = 'till-1';
const doc = memberDoc({
  memberId: 'm1',
  tier: 'Gold',
  appliedThrough: { [T]: 3 },
  counters: { ...memberDoc({ memberId: 'x' }).counters, rewards: { 'free-coffee': 1 } },
});
const sale = (seq: number, amount: number, terminalId = T, memberId = 'm1') =>
  ({
    type: 'sale',
    terminalId,
    seq,
    loyalty: { memberId, ledger: [{ account: 'rewards:free-coffee', amount }] },
  }) as unknown as JournalEvent;

describe('the unlocks a member holds at this till', () => {
  it("adds this till's unfolded unlocks and takes off those already in the basket", () => {
    const events = [sale(3, 5), sale(4, 1), sale(5, 1, 'till-2'), sale(6, 1, T, 'someone-else')];
    expect(redeemingMemberOf(doc, T, events, EMPTY_SPEND).unlocked).toEqual({ 'free-coffee': 2 });
    const reward = { id: 'free-coffee' } as Reward;
    const inBasket = {
      ...EMPTY_SPEND,
      redemptions: [{ reward, applied: { redemption: { source: 'unlocked' } } }],
    } as unknown as SpendState;
    const m = redeemingMemberOf(doc, T, events, inBasket);
    expect(m).toMatchObject({ memberId: 'm1', tier: 'Gold', unlocked: { 'free-coffee': 1 } });
  });
});
