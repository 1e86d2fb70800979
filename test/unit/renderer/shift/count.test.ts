import { describe, expect, it } from 'vitest';
import { readCount } from '../../../../renderer/src/features/shift/count';

const none = { perDenomination: {}, total: '' };

describe('readCount: the cash a cashier counted, in cents', () => {
  it('adds notes and coins: 2 × €50, 3 × €10, 7 × €0.20 = €131.40', () => {
    const r = readCount({ perDenomination: { 5000: '2', 1000: ' 3 ', 20: '7' }, total: '' }, 'EUR', 'nl-NL');
    expect(r).toEqual({
      ok: true,
      counted: [
        { denominationCents: 5000, count: 2 },
        { denominationCents: 1000, count: 3 },
        { denominationCents: 20, count: 7 },
      ],
      countedCashCents: 13140,
    });
  });

  it('reads an empty drawer (no field typed, or zeros) as nothing counted', () => {
    expect(readCount(none, 'EUR', 'nl-NL')).toEqual({ ok: true, counted: [], countedCashCents: 0 });
    expect(readCount({ perDenomination: { 100: '0' }, total: '' }, 'EUR', 'nl-NL')).toEqual({
      ok: true,
      counted: [],
      countedCashCents: 0,
    });
  });

  it('refuses a count that is not a whole number, naming the denomination', () => {
    const r = readCount({ perDenomination: { 500: '2,5', 100: '-1', 200: '4' }, total: '' }, 'EUR', 'nl-NL');
    expect(r).toEqual({ ok: false, invalid: [500, 100] });
  });

  it('ignores a count typed for a denomination the currency has not (a €3 note)', () => {
    const r = readCount({ perDenomination: { 300: '5', 200: '1' }, total: '' }, 'EUR', 'nl-NL');
    expect(r).toMatchObject({ ok: true, countedCashCents: 200 });
  });

  it('counts a currency without listed denominations as one typed total, in the store locale', () => {
    expect(readCount({ perDenomination: {}, total: '1.234,50' }, 'CHF', 'nl-NL')).toEqual({
      ok: true,
      counted: [],
      countedCashCents: 123450,
    });
    expect(readCount({ perDenomination: {}, total: 'twelve' }, 'CHF', 'nl-NL')).toEqual({
      ok: false,
      invalid: [0],
    });
  });
});
