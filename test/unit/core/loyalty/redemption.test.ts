import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saleV5Schema } from '../../../../core/journal';
import {
  applyReward,
  rewardLineDiscounts,
  type RedeemInput,
  type RedeemLine,
} from '../../../../core/loyalty/redemption';
import type { Reward } from '../../../../core/loyalty/reward';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';

const AMS = { storeId: 'store-ams', timeZone: 'Europe/Amsterdam' };
// Tuesday 1 December 2026, 12:00 in Amsterdam.
const NOON = Date.UTC(2026, 11, 1, 11, 0);
const member = { memberId: 'm1', tier: 'Silver', segments: ['students'], unlocked: {} };
const coffee: RedeemLine = { lineId: 'l1', sku: 'coffee', quantity: 2, unitPriceCents: 450, dueCents: 900 };
const bread: RedeemLine = { lineId: 'l2', sku: 'bread', quantity: 1, unitPriceCents: 300, dueCents: 300 };

const reward = (over: Partial<Reward> & Pick<Reward, 'kind'>): Reward => ({
  id: 'r1',
  version: 1,
  name: 'A reward',
  cost: { points: 200 },
  ...over,
});

const input = (r: Reward, over: Partial<RedeemInput> = {}): RedeemInput => ({
  saleId: 'S1',
  redemptionId: 'R1',
  reward: r,
  lines: [coffee, bread],
  member,
  redeemablePoints: 1000,
  store: AMS,
  at: NOON,
  ...over,
});

describe('applyReward', () => {
  it('takes an amount off what is left to pay, spread over the lines, and spends the points in one negative row', () => {
    const r = applyReward(input(reward({ kind: { type: 'basket-amount', amountCents: 200 } })));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.lineDiscounts).toEqual({ l1: 150, l2: 50 });
    expect(r.value.redemption).toMatchObject({
      rewardId: 'r1',
      points: 200,
      discountCents: 200,
      source: 'catalogue',
    });
    expect(r.value.ledgerRows).toEqual([
      {
        id: 'S1/spend/reward/R1',
        account: 'points',
        unit: 'points',
        amount: -200,
        programId: SPEND_PROGRAM_ID,
        programVersion: 1,
        ruleId: 'reward:r1',
        text: 'A reward',
      },
    ]);
  });

  it('never takes more than is left to pay (a basket already discounted by the programs)', () => {
    const lines = [
      { ...coffee, dueCents: 120 },
      { ...bread, dueCents: 0 },
    ];
    const r = applyReward(input(reward({ kind: { type: 'basket-amount', amountCents: 500 } }), { lines }));
    expect(r.ok && r.value.lineDiscounts).toEqual({ l1: 120 });
    const none = applyReward(
      input(reward({ kind: { type: 'basket-amount', amountCents: 500 } }), {
        lines: [{ ...coffee, dueCents: 0 }],
      }),
    );
    expect(none.ok ? null : none.reason).toBe('nothing-to-pay');
  });

  it('gives a percentage off the basket, a line discount on its products only, one unit of a product free', () => {
    const pct = applyReward(input(reward({ kind: { type: 'basket-percent', percent: 10 } })));
    expect(pct.ok && pct.value.lineDiscounts).toEqual({ l1: 90, l2: 30 });
    const line = applyReward(
      input(reward({ kind: { type: 'line-discount', skus: ['bread'], percent: 50 } })),
    );
    expect(line.ok && line.value.lineDiscounts).toEqual({ l2: 150 });
    expect(line.ok && line.value.redemption.lineId).toBe('l2');
    const free = applyReward(input(reward({ kind: { type: 'free-product', sku: 'coffee' } })));
    expect(free.ok && free.value.lineDiscounts).toEqual({ l1: 450 });
    expect(free.ok && free.value.redemption.discountCents).toBe(450);
  });

  it('refuses a free product that is not in the basket', () => {
    const r = applyReward(input(reward({ kind: { type: 'free-product', sku: 'tea' } })));
    expect(r.ok ? null : r.reason).toBe('not-in-basket');
  });

  it('issues a voucher from the code the till reserved, and refuses one when the till holds no code range', () => {
    const kind = { type: 'voucher' as const, amountCents: 500, validDays: 30 };
    const none = applyReward(input(reward({ kind }), { voucherCode: null }));
    expect(none.ok ? null : none.reason).toBe('no-code-range');
    const r = applyReward(
      input(reward({ kind }), { voucherCode: { code: 'KCVCHR000001ABCDEFGH', formatId: 'kassa-coupon' } }),
    );
    expect(r.ok && r.value.issuedCode).toEqual({
      code: 'KCVCHR000001ABCDEFGH',
      formatId: 'kassa-coupon',
      kind: 'voucher',
      valueCents: 500,
      validUntil: NOON + 30 * 86_400_000,
      source: 'reward:r1',
    });
    expect(r.ok && r.value.lineDiscounts).toEqual({});
    expect(r.ok && r.value.redemption.voucherCode).toBe('KCVCHR000001ABCDEFGH');
  });

  it('gives points to a cause: nothing off the basket, the points spent, the cause recorded', () => {
    const r = applyReward(
      input(
        reward({ cost: { points: 5 }, kind: { type: 'donation', cause: 'Voedselbank', amountCents: 5 } }),
      ),
    );
    expect(r.ok && r.value.redemption).toMatchObject({ cause: 'Voedselbank', discountCents: 0, points: 5 });
    expect(r.ok && r.value.ledgerRows.map((x) => x.amount)).toEqual([-5]);
  });

  it('checks eligibility before the cost: member, store, validity, tier, segment, unlock, points', () => {
    const base = reward({ kind: { type: 'basket-amount', amountCents: 100 } });
    const reason = (r: Reward, over: Partial<RedeemInput> = {}) => {
      const x = applyReward(input(r, over));
      return x.ok ? 'ok' : x.reason;
    };
    expect(reason(base, { member: null })).toBe('no-member');
    expect(reason({ ...base, scope: { stores: ['elsewhere'] } })).toBe('not-offered-here');
    expect(reason({ ...base, validity: { from: '2026-12-02T00:00' } })).toBe('not-valid-now');
    expect(reason({ ...base, validity: { until: '2026-12-01T12:00' } })).toBe('not-valid-now');
    expect(reason({ ...base, validity: { until: '2026-12-01T12:01' } })).toBe('ok');
    expect(reason({ ...base, eligibility: { tiers: ['Gold'] } })).toBe('not-for-tier');
    expect(reason({ ...base, eligibility: { segments: ['staff'] } })).toBe('not-for-segment');
    expect(reason({ ...base, onlyWhenUnlocked: true })).toBe('not-unlocked');
    expect(reason(base, { redeemablePoints: 199 })).toBe('not-enough-points');
    expect(reason(base, { redeemablePoints: 200 })).toBe('ok');
  });

  it('uses up one unlock of a reward a program unlocked, at its (zero) cost', () => {
    const r = applyReward(
      input(
        reward({
          id: 'free-coffee',
          cost: { points: 0 },
          onlyWhenUnlocked: true,
          kind: { type: 'free-product', sku: 'coffee' },
        }),
        {
          member: { ...member, unlocked: { 'free-coffee': 1 } },
          redeemablePoints: 0,
        },
      ),
    );
    expect(r.ok && r.value.redemption.source).toBe('unlocked');
    expect(r.ok && r.value.ledgerRows.map((x) => [x.account, x.amount])).toEqual([
      ['rewards:free-coffee', -1],
    ]);
  });

  it('makes a redemption the sale schema accepts', () => {
    const r = applyReward(input(reward({ kind: { type: 'basket-amount', amountCents: 200 } })));
    const shape = saleV5Schema.shape.redemptions.element;
    expect(r.ok && shape.safeParse(r.value.redemption).success).toBe(true);
  });
});

describe('rewardLineDiscounts', () => {
  it('never takes a line below 0 and never more than the reward gives (any lines, any reward amount)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(100_000), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 200_000 }),
        (dues, amount) => {
          const lines = dues.map((d, i) => ({
            lineId: `l${i}`,
            sku: 's',
            quantity: 1,
            unitPriceCents: d,
            dueCents: d,
          }));
          const off = rewardLineDiscounts(
            reward({ kind: { type: 'basket-amount', amountCents: amount } }),
            lines,
          );
          const total = Object.values(off).reduce((n, c) => n + c, 0);
          expect(total).toBe(
            Math.min(
              amount,
              dues.reduce((n, d) => n + d, 0),
            ),
          );
          for (const l of lines) {
            expect(off[l.lineId] ?? 0).toBeLessThanOrEqual(l.dueCents);
            expect(off[l.lineId] ?? 0).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 500, examples: [[[44, 4, 0], 18]] },
    );
  });
});
