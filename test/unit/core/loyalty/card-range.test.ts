import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blocksDisjoint,
  cardNumberOf,
  DEMO_CARD_SERIES,
  nextSerial,
  nthCardOfBlock,
  remainingSerials,
  serialOfCard,
  seriesProblem,
  type CardBlock,
} from '../../../../core/loyalty/card-range';
import { matchLoyaltyCard } from '../../../../core/scan/loyalty-card';
import { DEMO_SCAN_CONFIG } from '../../../../core/scan/scan-config';

const fob = DEMO_CARD_SERIES.format;
const block = (firstSerial: number, lastSerial: number): CardBlock => ({
  formatId: fob.id,
  firstSerial,
  lastSerial,
});

describe('card numbers issued from a range', () => {
  it('are key-fob numbers with the GS1 check digit, as printed on a fob (known answers)', () => {
    // Data 2620|50000000, GS1 weights 1,3,1,3,… from the left: 2+18+2+0+5 = 27, check 3;
    // serial …001 adds 1×3 (30), check 0.
    expect(cardNumberOf(fob, 50_000_000)).toBe('2620500000003');
    expect(cardNumberOf(fob, 50_000_001)).toBe('2620500000010');
    expect(nthCardOfBlock(fob, block(50_000_000, 50_000_499), 1)).toBe('2620500000010');
    expect(nthCardOfBlock(fob, block(50_000_000, 50_000_499), 500)).toBeUndefined();
  });

  it('every number of the series scans as a loyalty card of the store and reads back to its serial', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: DEMO_CARD_SERIES.firstSerial, max: DEMO_CARD_SERIES.lastSerial }),
        (s) => {
          const card = cardNumberOf(fob, s);
          const m = matchLoyaltyCard(card, DEMO_SCAN_CONFIG.loyaltyCards);
          expect(m.ok && m.value.formatId).toBe('kassa-fob');
          expect(serialOfCard(fob, card)).toBe(s);
        },
      ),
    );
  });

  it('a typo in a number is no serial of the series', () => {
    expect(serialOfCard(fob, '2620500000004')).toBeUndefined();
    expect(serialOfCard(fob, '262050000000')).toBeUndefined();
  });

  it('the next number skips what the till used and moves to its next block; remaining counts what is left', () => {
    const blocks = [block(50_000_500, 50_000_999), block(50_000_000, 50_000_499)];
    expect(nextSerial(blocks, -1)).toBe(50_000_000);
    expect(nextSerial(blocks, 50_000_010)).toBe(50_000_011);
    expect(nextSerial(blocks, 50_000_499)).toBe(50_000_500);
    expect(nextSerial(blocks, 50_000_999)).toBeUndefined();
    expect(remainingSerials(blocks, -1)).toBe(1000);
    expect(remainingSerials(blocks, 50_000_010)).toBe(989);
    expect(remainingSerials(blocks, 50_000_999)).toBe(0);
  });

  it('tells overlapping blocks from disjoint ones', () => {
    expect(blocksDisjoint([block(0, 9), block(10, 19), { ...block(0, 9), formatId: 'other' }])).toBe(true);
    expect(blocksDisjoint([block(0, 10), block(10, 19)])).toBe(false);
  });

  it('refuses a mod-11 series and one that does not fit its digits', () => {
    const partner = DEMO_SCAN_CONFIG.loyaltyCards.find((f) => f.id === 'partner');
    if (!partner) throw new Error('no partner format');
    expect(seriesProblem({ format: partner, firstSerial: 0, lastSerial: 9 })).toMatch(/mod-11/);
    expect(seriesProblem({ format: fob, firstSerial: 0, lastSerial: 100_000_000 })).toMatch(/8 digits/);
    expect(seriesProblem(DEMO_CARD_SERIES)).toBeNull();
  });
});
