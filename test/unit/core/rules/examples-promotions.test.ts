import { describe, expect, it } from 'vitest';
import { basket, line, member } from './support/builders';
import { evalExamples, texts } from './support/examples';

const amount = (cents: number, id = 'x') => line(id, `item-${id}`, cents, { category: 'misc' });
const lineDiscounts = (r: { lines: readonly { lineId: string; discountCents: number }[] }) =>
  Object.fromEntries(r.lines.map((l) => [l.lineId, l.discountCents]));
const breakfast = basket([
  line('l1', 'latte', 365, { category: 'coffee', quantity: 2 }),
  line('l2', 'croissant', 245, { category: 'bakery', tags: ['pastry'], quantity: 2 }),
  line('l3', 'muffin', 295, { category: 'bakery', tags: ['pastry'] }),
  line('l4', 'sourdough', 450, { category: 'bread' }),
]);
const WED_0815 = Date.UTC(2026, 10, 25, 7, 15);

describe('region-limited soft launch of bakery deals', () => {
  it('3-for-2 pastries, two coffee+croissant bundles and morning bread, in priority order', () => {
    const r = evalExamples(['soft-launch-region'], breakfast, null, { at: WED_0815 });
    // 3-for-2: pastries 2.95, 2.45, 2.45 → one croissant free (245)
    // bundles: (3.65 + 2.45 → 4.00) × 2 → 210 each, split 365:245 → latte 126, croissant 84
    // bread: 15% of 4.50 = 67.5 → 68
    expect(lineDiscounts(r)).toEqual({ l1: 252, l2: 245 + 168, l3: 0, l4: 68 });
    expect(r.totals).toMatchObject({ grossCents: 1965, discountCents: 733, netCents: 1232 });
    expect(texts(r)).toEqual([
      '−€2.45 cheapest of 3 free — 3 pastries for the price of 2',
      '−€4.20 bundle for €4.00 — Coffee + croissant for €4',
      '−€0.68 15% off — Morning bread 15% off',
    ]);
  });

  it('only in its region, store channel, validity window and (for bread) morning hours', () => {
    expect(
      evalExamples(['soft-launch-region'], breakfast, null, { at: WED_0815, region: 'nl-south' }).effects,
    ).toEqual([]);
    expect(
      evalExamples(['soft-launch-region'], breakfast, null, { at: WED_0815, channel: 'online' }).effects,
    ).toEqual([]);
    expect(
      evalExamples(['soft-launch-region'], breakfast, null, { at: Date.UTC(2026, 11, 31, 23) }).effects,
    ).toEqual([]); // 1 Jan 00:00
    const tenAm = evalExamples(['soft-launch-region'], breakfast, null, { at: Date.UTC(2026, 10, 25, 9) });
    expect(tenAm.totals.discountCents).toBe(733 - 68);
  });
});

describe('coupon for the next visit', () => {
  it('spending €25 issues a €5 coupon valid 30 store-local days', () => {
    const r = evalExamples(['next-visit-coupon'], basket([amount(2600)]), member());
    expect(r.effects).toMatchObject([{ kind: 'coupon', coupon: 'next5', validUntil: '2026-12-25' }]);
    expect(r.ledger).toMatchObject([{ account: 'coupons:next5', amount: 1, memberId: 'm1' }]);
  });

  it('presenting the coupon takes €5 off a basket of €10 or more and is recorded as redeemed', () => {
    const r = evalExamples(
      ['next-visit-coupon'],
      basket([amount(1200)], { coupons: ['NEXT5-0001'] }),
      member(),
    );
    expect(r.totals.netCents).toBe(700);
    expect(r.couponsRedeemed).toEqual(['NEXT5-0001']);
    const small = evalExamples(
      ['next-visit-coupon'],
      basket([amount(900)], { coupons: ['NEXT5-0001'] }),
      member(),
    );
    expect(small.totals.discountCents).toBe(0);
    expect(small.couponsRedeemed).toEqual([]);
    expect(small.nearMisses.map((n) => n.text)).toEqual([
      'Spend €1.00 more for €5.00 off — €5 off with your coupon',
    ]);
  });
});

describe('birthday gift (Sephora-like)', () => {
  it('in the birthday month: a gift once a year, and 250 points on the day itself', () => {
    const r = evalExamples(['birthday-reward'], basket([amount(1000)]), member({ birthday: '1990-11-25' }));
    expect(texts(r)).toEqual([
      '+250 points — Happy birthday: 250 points today',
      'Reward unlocked: Birthday gift set — Birthday gift',
    ]);
    const later = evalExamples(
      ['birthday-reward'],
      basket([amount(1000)]),
      member({
        birthday: '1990-11-03',
        counters: { 'birthday/gift': { lifetime: 4, byDay: { '2026-11-03': 1 } } },
      }),
    );
    expect(later.effects).toEqual([]);
    expect(
      evalExamples(['birthday-reward'], basket([amount(1000)]), member({ birthday: '1990-12-02' })).trace,
    ).toEqual([]);
  });
});

describe('coffee stamp card: the 10th coffee is free', () => {
  it('stamps each coffee and unlocks the free coffee on the 9th stamp', () => {
    const coffee = (q: number) => basket([line('c', 'latte', 365, { category: 'coffee', quantity: q })]);
    expect(texts(evalExamples(['coffee-stamp-card'], coffee(2), member({ stamps: { coffee: 3 } })))).toEqual([
      '+2 stamps (5 of 9) — Coffee card',
    ]);
    const full = evalExamples(['coffee-stamp-card'], coffee(1), member({ stamps: { coffee: 8 } }));
    expect(texts(full)).toEqual([
      'Card complete: Free coffee (your 10th) unlocked (0 of 9 on the new card) — Coffee card',
    ]);
    expect(full.ledger.map((l) => [l.account, l.amount])).toEqual([
      ['stamps:coffee', 1],
      ['stamps:coffee', -9],
      ['rewards:free-coffee', 1],
    ]);
  });
});

describe('value-based: round-up donation and TOMS-like one for one', () => {
  it('rounds €12.34 up to €13.00 when the customer asks, member or not', () => {
    const r = evalExamples(['round-up-donation'], basket([amount(1234)], { flags: ['round-up'] }), null);
    expect(r.totals).toMatchObject({ donationCents: 66, toPayCents: 1300 });
    expect(texts(r)).toEqual(['€0.66 rounded up for Voedselbank — Round up for the Voedselbank']);
    expect(evalExamples(['round-up-donation'], basket([amount(1234)]), null).effects).toEqual([]);
  });

  it('gives a pair for every pair bought', () => {
    const r = evalExamples(
      ['toms-one-for-one'],
      basket([line('s', 'canvas', 5500, { category: 'shoes', quantity: 2 })]),
      null,
    );
    expect(r.ledger).toMatchObject([{ account: 'donation:Shoes for kids', unit: 'items', amount: 2 }]);
  });
});

describe('paid membership (Amazon Prime-like) and Sweat Collective (Lululemon-like)', () => {
  it('Plus members save 10% (at most €20) and get free delivery online', () => {
    const plus = member({ segments: ['plus'] });
    expect(
      evalExamples(['prime-membership'], basket([amount(3000, 'a'), amount(1000, 'b')]), plus).totals
        .discountCents,
    ).toBe(400);
    expect(evalExamples(['prime-membership'], basket([amount(30000)]), plus).totals.discountCents).toBe(2000);
    const online = basket([amount(2000, 'a'), line('d', 'delivery', 495, { category: 'service' })]);
    const r = evalExamples(['prime-membership'], online, plus, { channel: 'online' });
    expect(lineDiscounts(r)).toEqual({ a: 200, d: 495 }); // delivery free first (rule id order), then 10% of what is left
    expect(evalExamples(['prime-membership'], online, member(), { channel: 'online' }).effects).toEqual([]);
  });

  it('trainers get the better of 25% off apparel and €20 off €60, and hear how close the voucher is', () => {
    const trainer = member({ segments: ['sweat-collective'] });
    const apparel = (cents: number) => basket([line('a', 'leggings', cents, { category: 'apparel' })]);
    expect(evalExamples(['sweat-collective'], apparel(10000), trainer).totals.discountCents).toBe(2500);
    const mid = evalExamples(['sweat-collective'], apparel(7000), trainer);
    expect(mid.totals.discountCents).toBe(2000); // €20 beats 25% of €70 = €17.50
    expect(mid.trace.find((t) => t.outcome === 'outranked')?.ruleId).toBe('trainer-discount');
    const small = evalExamples(['sweat-collective'], apparel(5000), trainer);
    expect(small.totals.discountCents).toBe(1250);
    expect(small.nearMisses.map((n) => n.text)).toEqual([
      'Spend €10.00 more for €20.00 off — €20 off €60 of apparel',
    ]);
  });
});
