import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  giftCardOverdraftOf,
  giftCardRefundsOf,
  giftCardSpendsOf,
  type TimedMove,
} from '../../../../core/loyalty/gift-card';

const move = (entryId: string, amountCents: number, at: number, terminalId = 'T1'): TimedMove => ({
  entryId,
  amountCents,
  reason: amountCents < 0 ? 'spent' : 'issued',
  eventId: entryId.split('/')[0] as string,
  terminalId,
  storeId: 's1',
  at,
});

describe('gift card moves', () => {
  it('a sale takes each gift-card payment off its card, keyed by the payment; cash and a zero payment move nothing', () => {
    const sale = {
      id: 'S1',
      payments: [
        { method: 'cash' as const, amountCents: 300 },
        { method: 'gift-card' as const, amountCents: 1_250, code: '98260000000001793797' },
        { method: 'gift-card' as const, amountCents: 0, code: '98260000000002611146' },
      ],
    };
    expect(giftCardSpendsOf(sale)).toEqual([
      { entryId: 'S1/gift-card/1', code: '98260000000001793797', amountCents: -1_250, reason: 'spent' },
    ]);
  });

  it('a return gives a gift-card refund back to the card', () => {
    const ret = { id: 'R1', refunds: [{ method: 'gift-card' as const, amountCents: 800, code: 'C' }] };
    expect(giftCardRefundsOf(ret)).toEqual([
      { entryId: 'R1/gift-card-refund/0', code: 'C', amountCents: 800, reason: 'refunded' },
    ]);
  });
});

describe('giftCardOverdraftOf', () => {
  it('€25.00 spent €20.00 twice offline: €15.00 over, the later spend took it below zero, both named', () => {
    const moves = [
      move('I/issued', 2_500, 0),
      move('A/gift-card/0', -2_000, 10),
      move('B/gift-card/0', -2_000, 20, 'R1'),
    ];
    const o = giftCardOverdraftOf(moves);
    expect(o).toMatchObject({ balanceCents: -1_500, overdraftCents: 1_500, culprit: { eventId: 'B' } });
    expect(o?.spends.map((s) => s.eventId)).toEqual(['A', 'B']);
  });

  it('a dip a later top-up made good is no overdraft; a spend after the last credit is one', () => {
    const dip = [move('I/issued', 500, 0), move('A/gift-card/0', -800, 10), move('L/loaded', 1_000, 20)];
    expect(giftCardOverdraftOf(dip)).toBeNull();
    const after = [...dip, move('B/gift-card/0', -900, 30)];
    expect(giftCardOverdraftOf(after)).toMatchObject({ overdraftCents: 200, culprit: { eventId: 'B' } });
    expect(giftCardOverdraftOf(after)?.spends.map((s) => s.eventId)).toEqual(['B']);
  });

  it('depends on the moves, not on the order they arrived in: the same culprit, balance = Σ moves', () => {
    const moveArb = fc.record({
      amountCents: fc.integer({ min: -5_000, max: 5_000 }).filter((n) => n !== 0),
      at: fc.integer({ min: 0, max: 1_000 }),
    });
    fc.assert(
      fc.property(fc.array(moveArb, { minLength: 1, maxLength: 12 }), fc.integer(), (raw, seed) => {
        const moves = raw.map((m, i) => move(`E${i}/m`, m.amountCents, m.at));
        const shuffled = fc.sample(fc.shuffledSubarray(moves, { minLength: moves.length }), {
          seed,
          numRuns: 1,
        })[0] as TimedMove[];
        const a = giftCardOverdraftOf(moves);
        const b = giftCardOverdraftOf(shuffled);
        expect(b).toEqual(a);
        const sum = moves.reduce((s, m) => s + m.amountCents, 0);
        if (sum >= 0) expect(a).toBeNull();
        else {
          expect(a?.balanceCents).toBe(sum);
          // The culprit is a spend, and it is among the spends named.
          expect(a?.culprit.amountCents).toBeLessThan(0);
          expect(a?.spends).toContainEqual(a?.culprit);
        }
      }),
    );
  });
});
