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
