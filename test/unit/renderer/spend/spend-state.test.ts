import { describe, expect, it } from 'vitest';
import { applyReward, type RedeemLine } from '../../../../core/loyalty/redemption';
import type { Reward } from '../../../../core/loyalty/reward';
import {
  EMPTY_SPEND,
  redemptionDiscounts,
  reservedPoints,
  spendLedgerRows,
  spendOverrides,
  spendReducer,
  spendTenders,
  type HeldRedemption,
  type SpendState,
} from '../../../../renderer/src/features/spend/spend-state';
import { spendStateOf } from '../../../../renderer/src/features/spend/useSpendState';

const lines: RedeemLine[] = [
  { lineId: 'l1', sku: 'coffee', quantity: 1, unitPriceCents: 450, dueCents: 450 },
  { lineId: 'l2', sku: 'bread', quantity: 1, unitPriceCents: 300, dueCents: 300 },
];
const twoEuro: Reward = {
  id: 'two-off',
  version: 1,
  name: '€2.00 off',
  cost: { points: 200 },
  kind: { type: 'basket-amount', amountCents: 200 },
};
const held = (reward: Reward, redemptionId: string, overrideId?: string): HeldRedemption => {
  const r = applyReward({
    saleId: 'S1',
    redemptionId,
    reward,
    lines,
    member: { memberId: 'm1', tier: null, segments: [], unlocked: {} },
    redeemablePoints: 10_000,
    store: { storeId: 's', timeZone: 'Europe/Amsterdam' },
    at: Date.UTC(2026, 11, 1, 11),
  });
  if (!r.ok) throw new Error(r.message);
  return { reward, applied: r.value, ...(overrideId ? { overrideId } : {}) };
};
const run = (...actions: Parameters<typeof spendReducer>[1][]): SpendState =>
  actions.reduce(spendReducer, EMPTY_SPEND);

describe('the spend of the open basket', () => {
  it('reserves the points of the rewards and the points tender, and removing them gives them back', () => {
    const s = run(
      { type: 'redeem', held: held(twoEuro, 'R1') },
      { type: 'points', tender: { points: 300, amountCents: 300 } },
    );
    expect(reservedPoints(s)).toBe(500);
    const removed = run(
      { type: 'redeem', held: held(twoEuro, 'R1') },
      { type: 'points', tender: { points: 300, amountCents: 300 } },
      { type: 'unredeem', redemptionId: 'R1' },
      { type: 'points', tender: null },
    );
    expect(removed).toEqual(EMPTY_SPEND);
    expect(reservedPoints(removed)).toBe(0);
  });

  it('applies a second reward to what the first left, never below 0', () => {
    const s = run(
      { type: 'redeem', held: held(twoEuro, 'R1') },
      { type: 'redeem', held: held(twoEuro, 'R2') },
    );
    const { byLine, byRedemption } = redemptionDiscounts(s, lines);
    expect(byRedemption).toEqual({ R1: { l1: 120, l2: 80 }, R2: { l1: 120, l2: 80 } });
    const small = redemptionDiscounts(s, [{ ...lines[0]!, dueCents: 250 }]);
    expect(small.byLine).toEqual({ l1: 250 });
    expect(byLine).toEqual({ l1: 240, l2: 160 });
  });

  it('writes the negative rows with the sale id it is completed under, and the tenders points first', () => {
    const s = run(
      { type: 'redeem', held: held(twoEuro, 'R1') },
      { type: 'points', tender: { points: 300, amountCents: 300 } },
      { type: 'gift-card', tender: { code: 'G1', amountCents: 500 } },
    );
    expect(spendLedgerRows(s, 'SALE').map((r) => [r.id, r.amount, r.ruleId])).toEqual([
      ['SALE/spend/reward/R1', -200, 'reward:two-off'],
      ['SALE/spend/tender/points', -300, 'points-tender'],
    ]);
    expect(spendTenders(s)).toEqual([
      { method: 'points', amountCents: 300, points: 300 },
      { method: 'gift-card', amountCents: 500, code: 'G1' },
    ]);
  });

  it('names the overrides of what it still holds, once each', () => {
    const s = run(
      { type: 'redeem', held: held(twoEuro, 'R1', 'O1') },
      { type: 'redeem', held: held(twoEuro, 'R2', 'O2') },
      { type: 'points', tender: { points: 10, amountCents: 10, overrideId: 'O1' } },
      { type: 'unredeem', redemptionId: 'R2' },
    );
    expect(spendOverrides(s)).toEqual(['O1']);
  });

  it('keeps a coupon once, releases the member’s rewards and points when the member changes, and all on reset', () => {
    const coupon = { code: 'KC1', formatId: 'kassa-coupon', campaign: 'SPRG' };
    const s = run(
      { type: 'coupon', coupon },
      { type: 'coupon', coupon },
      { type: 'redeem', held: held(twoEuro, 'R1') },
      { type: 'points', tender: { points: 10, amountCents: 10 } },
      { type: 'release-member' },
    );
    expect(s).toEqual({ ...EMPTY_SPEND, coupons: [coupon] });
    expect(spendReducer(s, { type: 'reset' })).toBe(EMPTY_SPEND);
  });

  it('comes back from the basket’s saved slot as it was (a reload), and from nothing as nothing', () => {
    const s = run({ type: 'redeem', held: held(twoEuro, 'R1') });
    expect(spendStateOf(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(spendStateOf(null)).toBe(EMPTY_SPEND);
    expect(spendStateOf({ something: 'else' })).toBe(EMPTY_SPEND);
  });
});
