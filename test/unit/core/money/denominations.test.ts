import { describe, expect, it } from 'vitest';
import { countedCents, denominationsOf } from '../../../../core/money/denominations';

describe('denominations', () => {
  it('a euro drawer is counted from the 500 note down to the cent; lei have no 2-leu coin', () => {
    expect(denominationsOf('EUR')[0]).toBe(50000);
    expect(denominationsOf('eur').at(-1)).toBe(1);
    expect(denominationsOf('RON')).not.toContain(200);
    expect(denominationsOf('XXX')).toEqual([]);
  });

  it('what was counted adds up', () => {
    expect(
      countedCents([
        { denominationCents: 2000, count: 3 },
        { denominationCents: 5, count: 7 },
      ]),
    ).toBe(6035);
  });
});
