import { describe, expect, it } from 'vitest';
import { computeTier } from '../../../../core/rules/index';
import { basket, line, member } from './support/builders';
import { evalExamples, example, texts } from './support/examples';

const latte = (q = 1) => line('l1', 'latte', 365, { category: 'coffee', quantity: q });
const croissant = line('l2', 'croissant', 245, { category: 'bakery', tags: ['pastry'] });
const amount = (cents: number) => line('x', 'item', cents, { category: 'misc' });
const SAT_NOON = Date.UTC(2026, 10, 28, 11);
const event = (
  type: 'referral' | 'review' | 'survey' | 'social-share' | 'newsletter-signup' | 'event-attendance',
) => ({
  event: { type },
});

describe('Starbucks-like stars', () => {
  it('2 stars per euro rounded down, plus the breakfast pairing bonus before 10:30', () => {
    // €9.75 → 19.5 → 19 stars; 08:30 Amsterdam → +15
    const r = evalExamples(['starbucks-stars'], basket([latte(2), croissant]), member(), {
      at: Date.UTC(2026, 10, 25, 7, 30),
    });
    expect(r.points).toEqual({ stars: 34 });
    expect(texts(r)).toEqual(['+15 stars — Breakfast pairing bonus', '+19 stars — 2 stars per euro']);
  });

  it('app orders earn 25 bonus stars once a day; opted-out members earn nothing', () => {
    const b = basket([latte(2), croissant]);
    expect(evalExamples(['starbucks-stars'], b, member(), { channel: 'app' }).points).toEqual({ stars: 44 });
    const used = member({ counters: { 'stars/app-order': { lifetime: 3, byDay: { '2026-11-25': 1 } } } });
    expect(evalExamples(['starbucks-stars'], b, used, { channel: 'app' }).points).toEqual({ stars: 19 });
    expect(evalExamples(['starbucks-stars'], b, member({ optedIn: false })).points).toEqual({});
  });
});

describe('Bonvoy-like tier ladder with tier multipliers, and weekend double points', () => {
  const b = basket([amount(4321)]); // 432 base points
  it('Gold earns 1.25×, Platinum 1.5×, plain members the base', () => {
    expect(evalExamples(['bonvoy-tiers'], b, member({ tier: 'Gold' })).points).toEqual({ points: 540 });
    expect(evalExamples(['bonvoy-tiers'], b, member({ tier: 'Platinum' })).points).toEqual({ points: 648 });
    expect(evalExamples(['bonvoy-tiers'], b, member({ tier: 'Member' })).points).toEqual({ points: 432 });
  });

  it('on Saturday the weekend program doubles the base points (multipliers add, not compound)', () => {
    const r = evalExamples(['bonvoy-tiers', 'weekend-double'], b, member({ tier: 'Gold' }), { at: SAT_NOON });
    expect(r.points).toEqual({ points: 432 + 108 + 432 });
    expect(texts(r)).toContain('2× points (+432) — Weekend double points');
    expect(evalExamples(['bonvoy-tiers', 'weekend-double'], b, member({ tier: 'Gold' })).points).toEqual({
      points: 540,
    });
  });

  it('the ladder qualifies on points earned this calendar year', () => {
    const ladder = example('bonvoy-tiers').tiers;
    if (!ladder) throw new Error('ladder expected');
    const history = [
      { at: Date.UTC(2026, 1, 14), points: 3000, spendCents: 0 },
      { at: Date.UTC(2026, 5, 1), points: 5200, spendCents: 0 },
      { at: Date.UTC(2025, 11, 31, 12), points: 9999, spendCents: 0 },
    ];
    expect(computeTier(ladder, history, SAT_NOON, 'Europe/Amsterdam')).toMatchObject({
      tier: 'Gold',
      qualifying: 8200,
      next: { tier: 'Platinum', remaining: 6800 },
    });
  });
});

describe('Delta SkyMiles-like medallion miles', () => {
  it('5 miles per euro (half away from zero) times the medallion factor', () => {
    const b = basket([amount(1234)]); // 61.7 → 62 miles
    expect(evalExamples(['skymiles-medallion'], b, member({ tier: 'Gold' })).points).toEqual({
      miles: 62 + 37,
    }); // 37.2
    expect(evalExamples(['skymiles-medallion'], b, member({ tier: 'Diamond' })).points).toEqual({
      miles: 62 + 74,
    }); // 74.4
    expect(evalExamples(['skymiles-medallion'], b, member()).points).toEqual({ miles: 62 });
  });
});

describe('Air Miles / Aeroplan coalition partner', () => {
  it('1 mile per €5 plus 5 per partner-brand item, at most 4 items', () => {
    const zon = (q: number) => line('z', 'zon-muesli', 499, { brand: 'zonnatura', quantity: q });
    // €34.98 → 6 miles; 2 partner items → +10
    expect(evalExamples(['air-miles-coalition'], basket([zon(2), amount(2500)]), member()).points).toEqual({
      miles: 16,
    });
    // €54.94 → 10 miles; 6 partner items capped at 4 → +20
    expect(evalExamples(['air-miles-coalition'], basket([zon(6), amount(2500)]), member()).points).toEqual({
      miles: 30,
    });
  });
});

describe('referrals: Dropbox-like with double points for the top tier, and the Xero voucher', () => {
  it('500 points per referral, 1,000 for Platinum', () => {
    expect(
      evalExamples(['referral-top-tier'], basket([]), member({ tier: 'Gold' }), event('referral')).points,
    ).toEqual({ points: 500 });
    const plat = evalExamples(
      ['referral-top-tier'],
      basket([]),
      member({ tier: 'Platinum' }),
      event('referral'),
    );
    expect(plat.points).toEqual({ points: 1000 });
    expect(texts(plat)).toEqual([
      '+500 points — Thanks for referring a friend',
      '2× points (+500) — Double referral points for Platinum',
    ]);
  });

  it('at most 10 referrals a year are rewarded', () => {
    const counters = {
      'refer-a-friend/referrer': { lifetime: 14, byDay: { '2026-03-01': 6, '2026-10-01': 4 } },
      'refer-a-friend/platinum-double': { lifetime: 14, byDay: { '2026-03-01': 6, '2026-10-01': 4 } },
    };
    const r = evalExamples(
      ['referral-top-tier'],
      basket([]),
      member({ tier: 'Platinum', counters }),
      event('referral'),
    );
    expect(r.points).toEqual({});
    expect(r.trace.map((t) => t.outcome)).toEqual(['limit-reached', 'limit-reached']);
  });

  it('the referred friend gets a welcome bonus on their first purchase, once', () => {
    const friend = member({ purchaseCount: 0, segments: ['referred'] });
    expect(evalExamples(['referral-top-tier'], basket([amount(500)]), friend).points).toEqual({
      points: 250,
    });
    expect(
      evalExamples(['referral-top-tier'], basket([amount(500)]), member({ segments: ['referred'] })).points,
    ).toEqual({});
  });

  it('Xero: a €50 voucher per successful referral, online only, valid 90 days', () => {
    const r = evalExamples(['xero-referral'], basket([]), member(), {
      ...event('referral'),
      channel: 'online',
    });
    expect(r.effects).toMatchObject([
      { kind: 'coupon', coupon: 'referral-50', name: '€50 voucher', validUntil: '2027-02-23' },
    ]);
    expect(evalExamples(['xero-referral'], basket([]), member(), event('referral')).effects).toEqual([]);
  });
});

describe('engagement: review, survey, share, newsletter; Nike Run Club challenge', () => {
  it('each non-purchase event earns its points through the same engine, within its limits', () => {
    const m = member();
    expect(evalExamples(['engagement-rewards'], basket([]), m, event('review')).points).toEqual({
      points: 50,
    });
    expect(evalExamples(['engagement-rewards'], basket([]), m, event('survey')).points).toEqual({
      points: 25,
    });
    expect(evalExamples(['engagement-rewards'], basket([]), m, event('social-share')).points).toEqual({
      points: 10,
    });
    expect(evalExamples(['engagement-rewards'], basket([]), m, event('newsletter-signup')).points).toEqual({
      points: 100,
    });
    const reviewedToday = member({
      counters: { 'engagement/review': { lifetime: 3, byDay: { '2026-11-25': 1 } } },
    });
    expect(evalExamples(['engagement-rewards'], basket([]), reviewedToday, event('review')).points).toEqual(
      {},
    );
    // a purchase earns nothing from this program
    expect(evalExamples(['engagement-rewards'], basket([amount(5000)]), m).effects).toEqual([]);
  });

  it('run club attendance counts toward the 10 Runs badge and earns 20 points', () => {
    const r = evalExamples(
      ['run-club-challenge'],
      basket([]),
      member({ challenges: { 'ten-runs': 9 } }),
      event('event-attendance'),
    );
    expect(texts(r)).toEqual([
      '+20 points — Run club: 10 runs badge',
      'Badge earned: 10 Runs — Run club: 10 runs badge',
    ]);
  });
});
