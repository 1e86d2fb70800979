import { describe, expect, it } from 'vitest';
import { issueVoucherCode } from '../../../../core/loyalty/code-issue';
import type { ScannedCoupon } from '../../../../core/loyalty/coupon-check';
import { applyReward } from '../../../../core/loyalty/redemption';
import type { Reward } from '../../../../core/loyalty/reward';
import { voucherCampaign } from '../../../../core/loyalty/voucher-code';
import { cents } from '../../../../core/money';
import { compileProgram, evaluate } from '../../../../core/rules';
import { DEMO_SCAN_CONFIG } from '../../../../core/scan';
import type { BasketLine } from '../../../../renderer/src/features/checkout/basket';
import {
  redeemLinesOf,
  spendOutcome,
  spendView,
} from '../../../../renderer/src/features/spend/spend-outcome';
import {
  EMPTY_SPEND,
  spendReducer,
  type SpendAction,
  type SpendState,
} from '../../../../renderer/src/features/spend/spend-state';
import { engineInputsOf } from '../../../../renderer/src/features/spend/useSpendState';
import { voucherScanRefusal } from '../../../../renderer/src/features/spend/voucher-scan';
import { basket, ctx, line, member, program } from '../../core/rules/support/builders';

// 10% off coffee: the basket of 15.00 has 14.00 left to pay (coffee 9.00, bread 5.00).
const shop = compileProgram(
  program([
    {
      id: 'coffee-10',
      name: '10% off coffee',
      when: { type: 'lines', match: { skus: ['coffee'] } },
      then: [{ type: 'percent-off', percent: 10, on: { skus: ['coffee'] } }],
    },
  ]),
);
const each = (lineId: string, productId: string, price: number): BasketLine => ({
  lineId,
  productId,
  code: productId,
  name: productId,
  kind: 'each',
  quantity: 1,
  unitPriceCents: cents(price),
  amountCents: cents(price),
});
const lines = [each('l1', 'coffee', 1000), each('l2', 'bread', 500)];
const evaluation = evaluate(
  [shop],
  basket([line('l1', 'coffee', 1000), line('l2', 'bread', 500)]),
  member(),
  ctx(),
);
const format = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-coupon');
if (!format) throw new Error('demo coupon format missing');

/** A voucher as the scan hands it over: a verified coupon code whose campaign carries the value. */
function voucher(valueCents: number, serial: number): ScannedCoupon {
  const code = issueVoucherCode(format as NonNullable<typeof format>, valueCents, serial);
  const campaign = voucherCampaign(valueCents);
  if (!code.ok || !campaign.ok) throw new Error('voucher does not fit');
  return { code: code.value, formatId: 'kassa-coupon', campaign: campaign.value };
}
const scan = (c: ScannedCoupon): SpendAction => ({ type: 'coupon', coupon: c });
const stateOf = (...actions: SpendAction[]): SpendState => actions.reduce(spendReducer, EMPTY_SPEND);
const viewOf = (state: SpendState) => spendView(state, lines, evaluation, [shop], true);

describe('a voucher scanned at the till', () => {
  it('takes its value off what is left to pay, spread over the lines, and the sale records it as a coupon use', () => {
    const v = voucher(750, 1);
    const state = stateOf(scan(v));
    const view = viewOf(state);
    expect(view.voucherCents).toBe(750);
    expect(view.toPayCents).toBe(1400 - 750);
    expect(view.totalCents).toBe(1400 - 750);
    // 7.50 over 9.00 and 5.00 in proportion: 4.82 and 2.68, plus the programs' 1.00 on coffee.
    expect(view.lineDiscounts).toEqual({ l1: 100 + 482, l2: 268 });
    expect(view.coupons).toEqual([
      {
        code: v.code,
        applied: true,
        use: { code: v.code, formatId: 'kassa-coupon', campaign: 'V00F', discountCents: 750, rules: [] },
      },
    ]);
    const out = spendOutcome({
      state,
      lines,
      evaluation,
      identification: null,
      programs: [shop],
      saleId: 'SALE',
    });
    expect(out.toPayCents).toBe(650);
    expect(out.spend?.coupons).toEqual([
      { code: v.code, formatId: 'kassa-coupon', campaign: 'V00F', discountCents: 750, rules: [] },
    ]);
    // The rules engine never sees it: no program rule needs to name a voucher.
    expect(engineInputsOf(state).coupons).toEqual([]);
  });

  it('comes after the rewards, and a voucher worth more than is left takes it to 0, never below', () => {
    const twoOff: Reward = {
      id: 'two-off',
      version: 1,
      name: '€2.00 off',
      cost: { points: 200 },
      kind: { type: 'basket-amount', amountCents: 200 },
    };
    const applied = applyReward({
      saleId: 'S1',
      redemptionId: 'R1',
      reward: twoOff,
      lines: redeemLinesOf(lines, evaluation),
      member: { memberId: 'm1', tier: null, segments: [], unlocked: {} },
      redeemablePoints: 500,
      store: { storeId: 'ams-01', timeZone: 'Europe/Amsterdam' },
      at: ctx().at,
    });
    if (!applied.ok) throw new Error(applied.message);
    const big = voucher(5000, 2);
    const state = stateOf({ type: 'redeem', held: { reward: twoOff, applied: applied.value } }, scan(big));
    const view = viewOf(state);
    expect(view.rewardCents).toBe(200);
    expect(view.voucherCents).toBe(1200);
    expect(view.toPayCents).toBe(0);
    expect(view.lineDiscounts).toEqual({ l1: 1000, l2: 500 });
    expect(view.coupons[0]).toMatchObject({ applied: true, use: { discountCents: 1200 } });
  });

  it('a second voucher on a sale with nothing left is refused, not used up', () => {
    const all = voucher(2000, 3);
    const more = voucher(500, 4);
    const view = viewOf(stateOf(scan(all), scan(more)));
    expect(view.toPayCents).toBe(0);
    expect(view.coupons.map((c) => [c.code, c.applied ? 'applied' : c.reason])).toEqual([
      [all.code, 'applied'],
      [more.code, 'nothing-to-pay'],
    ]);
    const out = spendOutcome({
      state: stateOf(scan(all), scan(more)),
      lines,
      evaluation,
      identification: null,
      programs: [shop],
      saleId: 'SALE',
    });
    expect(out.spend?.coupons.map((c) => c.code)).toEqual([all.code]);
  });

  it('the same voucher scanned twice counts once, and removing it restores the total', () => {
    const v = voucher(500, 5);
    const twice = stateOf(scan(v), scan(v));
    expect(twice.coupons).toHaveLength(1);
    expect(viewOf(twice).toPayCents).toBe(900);
    const removed = spendReducer(twice, { type: 'uncoupon', code: v.code });
    expect(viewOf(removed).toPayCents).toBe(1400);
    expect(viewOf(removed).lineDiscounts).toEqual({ l1: 100 });
  });
});

describe('what the till refuses when a voucher is scanned', () => {
  const at = Date.UTC(2026, 11, 1, 12, 0, 0);
  const formatDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const v = voucher(500, 6);
  const issuingSale = (validUntil: number) => ({
    type: 'sale',
    issuedCodes: [
      { code: v.code, formatId: 'kassa-coupon', kind: 'voucher', valueCents: 500, validUntil, source: 'r' },
    ],
  });
  const refusal = (journal: unknown[], state: SpendState = EMPTY_SPEND) =>
    voucherScanRefusal({ scan: { type: 'coupon', ...v }, state, journal, at, formatDate });

  it('the till that issued it refuses it after its last day, and takes it before', () => {
    expect(refusal([issuingSale(Date.UTC(2026, 10, 30, 22, 59))])).toEqual({
      key: 'spend.voucher.expired',
      values: { code: v.code, date: '2026-11-30' },
    });
    expect(refusal([issuingSale(Date.UTC(2026, 11, 31))])).toBeNull();
  });

  it('another till, which cannot know its date offline, accepts it', () => {
    expect(refusal([{ type: 'sale', issuedCodes: [] }])).toBeNull();
  });

  it('refuses the voucher the open sale itself issues: it is for a later visit', () => {
    const held = {
      reward: { id: 'v', version: 1, name: 'Voucher', cost: { points: 100 } },
      applied: { issuedCode: { code: v.code } },
    } as unknown as SpendState['redemptions'][number];
    expect(refusal([], { ...EMPTY_SPEND, redemptions: [held] })?.key).toBe('spend.voucher.thisSale');
  });
});
