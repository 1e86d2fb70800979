import { describe, expect, it } from 'vitest';
import { applyReward } from '../../../../core/loyalty/redemption';
import type { Reward } from '../../../../core/loyalty/reward';
import { cents } from '../../../../core/money';
import { compileProgram, evaluate } from '../../../../core/rules';
import type { BasketLine } from '../../../../renderer/src/features/checkout/basket';
import {
  redeemLinesOf,
  spendOutcome,
  spendView,
} from '../../../../renderer/src/features/spend/spend-outcome';
import { EMPTY_SPEND, spendReducer } from '../../../../renderer/src/features/spend/spend-state';
import { basket, ctx, line, member, program } from '../../core/rules/support/builders';

// 10% off coffee, and 1 point per euro on what is left.
const shop = compileProgram(
  program([
    {
      id: 'coffee-10',
      name: '10% off coffee',
      when: { type: 'lines', match: { skus: ['coffee'] } },
      then: [{ type: 'percent-off', percent: 10, on: { skus: ['coffee'] } }],
    },
    {
      id: 'earn',
      name: '1 per euro',
      then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' }],
    },
  ]),
);
const lines: BasketLine[] = [
  {
    lineId: 'l1',
    productId: 'coffee',
    code: 'c',
    name: 'Coffee',
    kind: 'each',
    quantity: 1,
    unitPriceCents: cents(1000),
    amountCents: cents(1000),
  },
  {
    lineId: 'l2',
    productId: 'bread',
    code: 'b',
    name: 'Bread',
    kind: 'each',
    quantity: 1,
    unitPriceCents: cents(500),
    amountCents: cents(500),
  },
];
const evaluation = evaluate(
  [shop],
  basket([line('l1', 'coffee', 1000), line('l2', 'bread', 500)]),
  member(),
  ctx(),
);
const twoOff: Reward = {
  id: 'two-off',
  version: 1,
  name: '€2.00 off',
  cost: { points: 200 },
  kind: { type: 'basket-amount', amountCents: 200 },
};

describe('the sale with what it spends', () => {
  it('takes rewards off what the programs left, and "complete" writes what the till showed', () => {
    const dues = redeemLinesOf(lines, evaluation);
    expect(dues.map((l) => l.dueCents)).toEqual([900, 500]);
    const applied = applyReward({
      saleId: 'S1',
      redemptionId: 'R1',
      reward: twoOff,
      lines: dues,
      member: { memberId: 'm1', tier: null, segments: [], unlocked: {} },
      redeemablePoints: 500,
      store: { storeId: 'ams-01', timeZone: 'Europe/Amsterdam' },
      at: ctx().at,
    });
    if (!applied.ok) throw new Error(applied.message);
    const state = [
      { type: 'redeem' as const, held: { reward: twoOff, applied: applied.value } },
      { type: 'points' as const, tender: { points: 300, amountCents: 300 } },
    ].reduce(spendReducer, EMPTY_SPEND);
    const view = spendView(state, lines, evaluation, [shop], true);
    expect(view.toPayCents).toBe(1500 - 100 - 200);
    expect(view.lineDiscounts).toEqual({ l1: 100 + 129, l2: 71 });

    const out = spendOutcome({
      state,
      lines,
      evaluation,
      identification: { kind: 'member', memberId: 'm1', via: 'card', card: null },
      programs: [shop],
      saleId: 'SALE',
    });
    expect(out.toPayCents).toBe(view.toPayCents);
    expect(out.lineDiscounts).toEqual(view.lineDiscounts);
    expect(out.loyalty?.ledger.filter((r) => r.amount < 0).map((r) => [r.id, r.amount])).toEqual([
      ['SALE/spend/reward/R1', -200],
      ['SALE/spend/tender/points', -300],
    ]);
    expect(out.spend?.redemptions.map((r) => r.discountCents)).toEqual([200]);
  });
});
