import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tender } from '../../../../core/journal/index';
import { allocateRefund } from '../../../../core/loyalty/refund-allocation';

const cash = (amountCents: number): Tender => ({ method: 'cash', amountCents });
const card = (amountCents: number): Tender => ({ method: 'card', amountCents });
const gift = (amountCents: number, code = 'GIFT-1'): Tender => ({ method: 'gift-card', amountCents, code });
const points = (amountCents: number, pts: number): Tender => ({ method: 'points', amountCents, points: pts });

describe('refunds by the original tenders', () => {
  it('a sale paid by card is refunded to the card', () => {
    expect(allocateRefund([card(2500)], [], 1200)).toEqual([card(1200)]);
  });

  it('€10 back of €10 cash + €20 card: €3.33 cash and the €6.67 remainder to the card (the last cash/card payment)', () => {
    expect(allocateRefund([cash(1000), card(2000)], [], 1000)).toEqual([cash(333), card(667)]);
  });

  it('the remainder goes to a card paid before a gift card, and the gift card gets its share on the same code', () => {
    expect(allocateRefund([card(500), gift(500, 'GIFT-9')], [], 333)).toEqual([
      card(167),
      gift(166, 'GIFT-9'),
    ]);
  });

  it('shares follow what each payment still has to come back, so no payment ever gets back more than it paid', () => {
    // The card had its €5 back already: the €3 now all goes to the cash.
    expect(allocateRefund([cash(500), card(500)], [card(500)], 300)).toEqual([cash(300)]);
    // Nothing asked beyond what was paid: €12 asked, €10 paid, €10 back.
    expect(allocateRefund([cash(400), card(600)], [], 1200)).toEqual([cash(400), card(600)]);
  });

  it('points come back as points, rounded down: 1,500 points paid €15; €5 of it back is 500 points', () => {
    expect(allocateRefund([points(1500, 1500), cash(1500)], [], 1000)).toEqual([points(500, 500), cash(500)]);
  });

  it('over several returns the points add up to exactly what was paid, never more', () => {
    const sale = [points(1000, 333), card(1000)];
    const first = allocateRefund(sale, [], 700); // 350 cents of the points payment → floor(333 × 350/1000) = 116
    expect(first).toEqual([points(350, 116), card(350)]);
    const rest = allocateRefund(sale, first, 1300);
    expect(rest).toEqual([points(650, 217), card(650)]);
    expect(116 + 217).toBe(333);
  });

  it('a share of a points payment worth less than one point goes back in cash instead', () => {
    // 10 points paid €10 (a point is €1); 50 cents of it would be half a point.
    expect(allocateRefund([points(1000, 10), cash(1000)], [], 100)).toEqual([cash(100)]);
  });

  it('with nothing else paid, such a part is not refunded (the member never gains a point)', () => {
    expect(allocateRefund([points(1000, 10)], [], 50)).toEqual([]);
    expect(allocateRefund([points(1000, 10)], [], 250)).toEqual([points(250, 2)]);
  });

  it('two gift cards are two payments: each gets its own part back', () => {
    expect(allocateRefund([gift(600, 'GIFT-A'), gift(400, 'GIFT-B')], [], 500)).toEqual([
      gift(300, 'GIFT-A'),
      gift(200, 'GIFT-B'),
    ]);
  });

  it('a zero refund gives no tenders', () => {
    expect(allocateRefund([cash(500)], [], 0)).toEqual([]);
  });
});

describe('refund allocation over any payments and any sequence of refunds (property)', () => {
  const tenderArb: fc.Arbitrary<Tender> = fc.oneof(
    fc.integer({ min: 1, max: 50_000 }).map(cash),
    fc.integer({ min: 1, max: 50_000 }).map(card),
    fc
      .tuple(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom('GIFT-A', 'GIFT-B'))
      .map(([c, code]) => gift(c, code)),
    // From 1 point per €1 to 3 points per cent: some shares are worth less than a point.
    fc
      .tuple(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 300 }))
      .map(([c, per100]) => points(c, Math.max(1, Math.floor((c * per100) / 100)))),
  );
  const key = (t: Tender) => (t.method === 'gift-card' ? `gift-card:${t.code}` : t.method);
  const sumBy = (ts: readonly Tender[], f: (t: Tender) => number) => {
    const m = new Map<string, number>();
    for (const t of ts) m.set(key(t), (m.get(key(t)) ?? 0) + f(t));
    return m;
  };

  it('no payment ever gets back more cents or points than it paid; all goes back but less than a point of a points payment', () => {
    fc.assert(
      fc.property(
        fc.array(tenderArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
        (payments, percents) => {
          const paid = payments.reduce((n, t) => n + t.amountCents, 0);
          const prior: Tender[] = [];
          let asked = 0;
          for (const pct of percents) {
            const want = Math.ceil(((paid - asked) * pct) / 100);
            asked += want;
            const out = allocateRefund(payments, prior, want);
            const got = out.reduce((n, t) => n + t.amountCents, 0);
            expect(got).toBeLessThanOrEqual(want);
            // Only a points payment's part worth less than one of its points stays behind (nothing else had room).
            const pointWorth = payments
              .filter((t) => t.method === 'points')
              .reduce((n, t) => n + Math.ceil(t.amountCents / (t.points ?? 1)), 0);
            expect(want - got).toBeLessThan(Math.max(1, pointWorth));
            for (const t of out) {
              expect(t.amountCents).toBeGreaterThan(0);
              if (t.method === 'points') expect(t.points).toBeGreaterThan(0);
            }
            prior.push(...out);
          }
          const cents = sumBy(payments, (t) => t.amountCents);
          const pts = sumBy(payments, (t) => t.points ?? 0);
          for (const [k, back] of sumBy(prior, (t) => t.amountCents))
            expect(back).toBeLessThanOrEqual(cents.get(k) ?? 0);
          for (const [k, back] of sumBy(prior, (t) => t.points ?? 0))
            expect(back).toBeLessThanOrEqual(pts.get(k) ?? 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
