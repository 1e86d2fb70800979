import { describe, expect, it } from 'vitest';
import { couponVerdicts } from '../../../../core/loyalty/coupon-check';
import { basketFromSale, compileProgram, evaluate } from '../../../../core/rules';
import { basket, ctx, line, member, program } from '../rules/support/builders';

const CODE = 'KCSPRG000001ABCDEFGH';
const scanned = [{ code: CODE, formatId: 'kassa-coupon', campaign: 'SPRG' }];
// €5 off a basket of €25 or more with a spring coupon, once per member.
const spring = compileProgram(
  program([
    {
      id: 'spring-coupon',
      name: '€5 off with the spring coupon',
      when: {
        type: 'all',
        conditions: [
          { type: 'coupon', prefix: 'KCSPRG' },
          { type: 'basket-total', minCents: 2500 },
        ],
      },
      then: [{ type: 'amount-off', amountCents: 500 }],
      limits: { perMemberLifetime: 1 },
    },
  ]),
);
// A members-only coupon rule.
const membersOnly = compileProgram(
  program(
    [
      {
        id: 'gold-coupon',
        name: 'Gold coupon',
        when: {
          type: 'all',
          conditions: [
            { type: 'coupon', prefix: 'KCSPRG' },
            { type: 'member-tier', tiers: ['Gold'] },
          ],
        },
        then: [{ type: 'amount-off', amountCents: 100 }],
      },
    ],
    { id: 'gold' },
  ),
);

const verdict = (
  programs: ReturnType<typeof compileProgram>[],
  cents: number,
  m: ReturnType<typeof member> | null = member(),
) => {
  const b = basket([line('l1', 'sku', cents)], { coupons: [CODE] });
  return couponVerdicts(scanned, programs, evaluate(programs, b, m, ctx()), m !== null)[0];
};

describe('what a coupon on the sale does, or why not', () => {
  it('applies when the rule takes it: what it took off and the rule it satisfied', () => {
    expect(verdict([spring], 2500)).toEqual({
      code: CODE,
      applied: true,
      use: {
        code: CODE,
        formatId: 'kassa-coupon',
        campaign: 'SPRG',
        discountCents: 500,
        rules: [{ programId: 'p', ruleId: 'spring-coupon' }],
      },
    });
  });

  it('says the basket it needs and how much more: "needs a basket of €25.00, €0.01 more"', () => {
    expect(verdict([spring], 2499)).toMatchObject({
      applied: false,
      reason: 'needs-more',
      minCents: 2500,
      shortCents: 1,
    });
    expect(verdict([spring], 900)).toMatchObject({ reason: 'needs-more', shortCents: 1600 });
  });

  it('says when its limit was reached (one per member)', () => {
    const used = member({ counters: { 'p/spring-coupon': { lifetime: 1 } } });
    expect(verdict([spring], 3000, used)).toMatchObject({ applied: false, reason: 'limit-reached' });
  });

  it('says it is not for this member, or not valid today when no rule in force takes it', () => {
    expect(verdict([membersOnly], 3000, member({ tier: 'Silver' }))).toMatchObject({
      reason: 'not-for-member',
    });
    expect(verdict([membersOnly], 3000, null)).toMatchObject({ reason: 'not-for-member' });
    expect(verdict([], 3000)).toMatchObject({ reason: 'not-valid-now' });
  });
});

describe('the server re-evaluating a sale with a coupon', () => {
  it("gives the coupon to the engine as the till did, so the coupon's discount is the same", () => {
    const sale = {
      id: 'b1',
      currency: 'EUR',
      flags: [],
      lines: [
        {
          lineId: 'l1',
          productId: 'sku',
          code: '8710000000017',
          name: 'x',
          quantity: 1,
          unitPriceCents: 3000,
          amountCents: 3000,
          discountCents: 500,
        },
      ],
      coupons: [{ code: CODE, formatId: 'kassa-coupon', campaign: 'SPRG', discountCents: 500, rules: [] }],
    };
    const server = evaluate(
      [spring],
      basketFromSale(sale, () => undefined),
      member(),
      ctx(),
    );
    expect(server.totals.discountCents).toBe(500);
    expect(server.couponsRedeemed).toEqual([CODE]);
  });
});
