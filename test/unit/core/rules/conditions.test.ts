import { describe, expect, it } from 'vitest';
import { basket, line, member, WED_NOON } from './support/builders';
import { passes } from './support/check';

// Default basket: 2 × latte €3.50 (coffee) + 1 muffin €2.95 = €9.95; Wednesday 12:00 Amsterdam.
const DAY = 86_400_000;

describe('basket conditions', () => {
  it('basket total is inclusive at both ends', () => {
    expect(passes({ type: 'basket-total', minCents: 995 })).toBe(true);
    expect(passes({ type: 'basket-total', minCents: 996 })).toBe(false);
    expect(passes({ type: 'basket-total', maxCents: 995 })).toBe(true);
    expect(passes({ type: 'basket-total', maxCents: 994 })).toBe(false);
  });

  it('lines match on sku, category, brand and tag with quantity and amount thresholds', () => {
    const b = basket([
      line('1', 'cola', 150, { category: 'drinks', brand: 'coke', tags: ['cold', 'sugar'], quantity: 3 }),
      line('2', 'water', 100, { category: 'drinks', brand: 'spa', tags: ['cold'] }),
    ]);
    expect(passes({ type: 'lines', match: { skus: ['cola'] }, minQuantity: 3 }, { basket: b })).toBe(true);
    expect(passes({ type: 'lines', match: { skus: ['cola'] }, minQuantity: 4 }, { basket: b })).toBe(false);
    expect(
      passes({ type: 'lines', match: { categories: ['drinks'] }, minAmountCents: 550 }, { basket: b }),
    ).toBe(true);
    expect(
      passes({ type: 'lines', match: { categories: ['drinks'] }, minAmountCents: 551 }, { basket: b }),
    ).toBe(false);
    expect(passes({ type: 'lines', match: { brands: ['spa'] } }, { basket: b })).toBe(true);
    expect(passes({ type: 'lines', match: { tags: ['cold'] }, minQuantity: 4 }, { basket: b })).toBe(true);
    expect(
      passes(
        { type: 'lines', match: { tags: ['cold'], excludeTags: ['sugar'] }, minQuantity: 2 },
        { basket: b },
      ),
    ).toBe(false);
    // every given field must match: category drinks AND brand spa → only the water
    expect(
      passes(
        { type: 'lines', match: { categories: ['drinks'], brands: ['spa'] }, minQuantity: 2 },
        { basket: b },
      ),
    ).toBe(false);
  });

  it('coupon presented by exact code or prefix', () => {
    const b = basket([line('1', 'x', 100)], { coupons: ['NEXT5-0042'] });
    expect(passes({ type: 'coupon', prefix: 'NEXT5-' }, { basket: b })).toBe(true);
    expect(passes({ type: 'coupon', codes: ['NEXT5-0042'] }, { basket: b })).toBe(true);
    expect(passes({ type: 'coupon', codes: ['NEXT5-0043'] }, { basket: b })).toBe(false);
    expect(passes({ type: 'coupon', prefix: 'NEXT5-' })).toBe(false);
  });

  it('basket flag', () => {
    expect(
      passes({ type: 'basket-flag', flag: 'round-up' }, { basket: basket([], { flags: ['round-up'] }) }),
    ).toBe(true);
    expect(passes({ type: 'basket-flag', flag: 'round-up' })).toBe(false);
  });
});

describe('member conditions', () => {
  it('needs a member', () => {
    expect(passes({ type: 'member' })).toBe(true);
    expect(passes({ type: 'member' }, { member: null })).toBe(false);
    expect(passes({ type: 'member-tier', tiers: ['Gold'] }, { member: null })).toBe(false);
  });

  it('tier and segment', () => {
    expect(
      passes({ type: 'member-tier', tiers: ['Gold', 'Platinum'] }, { member: member({ tier: 'Gold' }) }),
    ).toBe(true);
    expect(passes({ type: 'member-tier', tiers: ['Platinum'] }, { member: member({ tier: 'Gold' }) })).toBe(
      false,
    );
    expect(passes({ type: 'member-tier', tiers: ['Gold'] }, { member: member() })).toBe(false);
    expect(
      passes(
        { type: 'member-segment', segments: ['student', 'plus'] },
        { member: member({ segments: ['plus'] }) },
      ),
    ).toBe(true);
    expect(
      passes({ type: 'member-segment', segments: ['student'] }, { member: member({ segments: ['plus'] }) }),
    ).toBe(false);
  });

  it('days since enrolment counts store-local calendar days', () => {
    // enrolled 2026-11-24 23:30 Amsterdam (22:30 UTC); now 2026-11-25 12:00 → 1 day
    const m = member({ enrolledAt: Date.UTC(2026, 10, 24, 22, 30) });
    expect(passes({ type: 'days-since-enrolment', min: 1, max: 1 }, { member: m })).toBe(true);
    // 23:30 UTC on the 24th is already the 25th in Amsterdam → 0 days
    const m2 = member({ enrolledAt: Date.UTC(2026, 10, 24, 23, 30) });
    expect(passes({ type: 'days-since-enrolment', max: 0 }, { member: m2 })).toBe(true);
  });

  it('visits and spend in a window', () => {
    const m = member({
      visits: [
        { at: WED_NOON - 1 * DAY, spendCents: 1000 },
        { at: WED_NOON - 6 * DAY, spendCents: 2000 },
        { at: WED_NOON - 8 * DAY, spendCents: 4000 },
      ],
    });
    expect(passes({ type: 'visits', windowDays: 7, min: 2, max: 2 }, { member: m })).toBe(true);
    expect(passes({ type: 'visits', windowDays: 30, min: 3 }, { member: m })).toBe(true);
    expect(passes({ type: 'spend', windowDays: 7, minCents: 3000 }, { member: m })).toBe(true);
    expect(passes({ type: 'spend', windowDays: 7, minCents: 3001 }, { member: m })).toBe(false);
    expect(passes({ type: 'spend', windowDays: 30, maxCents: 6999 }, { member: m })).toBe(false);
  });

  it('first purchase', () => {
    expect(passes({ type: 'first-purchase' }, { member: member({ purchaseCount: 0 }) })).toBe(true);
    expect(passes({ type: 'first-purchase' }, { member: member({ purchaseCount: 1 }) })).toBe(false);
    expect(passes({ type: 'first-purchase' }, { member: null })).toBe(false);
  });

  it('birthday day, week (Monday–Sunday) and month', () => {
    // today: Wednesday 2026-11-25; that week runs Mon 23 – Sun 29 November
    const on = (birthday: string, within: 'day' | 'week' | 'month') =>
      passes({ type: 'birthday', within }, { member: member({ birthday }) });
    expect(on('1990-11-25', 'day')).toBe(true);
    expect(on('11-26', 'day')).toBe(false);
    expect(on('1985-11-23', 'week')).toBe(true);
    expect(on('1985-11-29', 'week')).toBe(true);
    expect(on('1985-11-30', 'week')).toBe(false);
    expect(on('1985-11-22', 'week')).toBe(false);
    expect(on('2000-11-01', 'month')).toBe(true);
    expect(on('2000-12-01', 'month')).toBe(false);
  });

  it('a 29 February birthday is celebrated on 28 February in other years', () => {
    const m = member({ birthday: '2000-02-29' });
    expect(
      passes({ type: 'birthday', within: 'day' }, { member: m, ctx: { at: Date.UTC(2027, 1, 28, 12) } }),
    ).toBe(true);
    expect(
      passes({ type: 'birthday', within: 'day' }, { member: m, ctx: { at: Date.UTC(2028, 1, 28, 12) } }),
    ).toBe(false);
    expect(
      passes({ type: 'birthday', within: 'day' }, { member: m, ctx: { at: Date.UTC(2028, 1, 29, 12) } }),
    ).toBe(true);
  });

  it('a birthday week can straddle New Year', () => {
    // Thursday 2026-12-31 birthday; Friday 2027-01-01 is in the same Mon 28 Dec – Sun 3 Jan week
    const m = member({ birthday: '12-31' });
    expect(
      passes({ type: 'birthday', within: 'week' }, { member: m, ctx: { at: Date.UTC(2027, 0, 1, 12) } }),
    ).toBe(true);
    expect(
      passes({ type: 'birthday', within: 'week' }, { member: m, ctx: { at: Date.UTC(2027, 0, 4, 12) } }),
    ).toBe(false);
  });
});

describe('place and event conditions', () => {
  it('store, region and channel', () => {
    expect(passes({ type: 'store', stores: ['ams-01'] })).toBe(true);
    expect(passes({ type: 'store', stores: ['rtm-02'] })).toBe(false);
    expect(passes({ type: 'region', regions: ['nl-north'] })).toBe(true);
    expect(passes({ type: 'region', regions: ['nl-north'] }, { ctx: { region: 'nl-south' } })).toBe(false);
    expect(passes({ type: 'channel', channels: ['app', 'online'] })).toBe(false);
    expect(passes({ type: 'channel', channels: ['app'] }, { ctx: { channel: 'app' } })).toBe(true);
  });

  it('event type defaults to purchase', () => {
    expect(passes({ type: 'event', events: ['purchase'] })).toBe(true);
    expect(passes({ type: 'event', events: ['review'] })).toBe(false);
    expect(
      passes({ type: 'event', events: ['review', 'survey'] }, { ctx: { event: { type: 'survey' } } }),
    ).toBe(true);
  });
});

describe('composition', () => {
  it('all, any and not', () => {
    const tier = { type: 'member-tier', tiers: ['Gold'] } as const;
    const big = { type: 'basket-total', minCents: 5000 } as const;
    const m = member({ tier: 'Gold' });
    expect(passes({ type: 'all', conditions: [tier, big] }, { member: m })).toBe(false);
    expect(passes({ type: 'any', conditions: [tier, big] }, { member: m })).toBe(true);
    expect(passes({ type: 'not', condition: big }, { member: m })).toBe(true);
    expect(passes({ type: 'all', conditions: [tier, { type: 'not', condition: big }] }, { member: m })).toBe(
      true,
    );
  });
});
