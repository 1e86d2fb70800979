import { describe, expect, it } from 'vitest';
import { JOURNAL_BOUNDS, saleTotalsProblem, type SaleEvent } from '../../../../core/journal';
import { linesOf, SALE_ID, saleV5 } from './sale-fixtures';

const name = `Sale ${SALE_ID} (seq 1)`;

describe('saleTotalsProblem', () => {
  it('a sale that adds up has no problem', () => {
    expect(saleTotalsProblem(saleV5())).toBeUndefined();
  });

  it('a sale with discounts adds up when lines, subtotal, discount and payments agree', () => {
    const [milk, bananas] = saleV5().lines;
    const sale = saleV5({
      lines: [{ ...milk, discountCents: 58 }, bananas],
      subtotalCents: 504,
      discountCents: 58,
      totalCents: 446,
      payments: [{ method: 'cash', amountCents: 446, tenderedCents: 500, changeCents: 54 }],
    });
    expect(saleTotalsProblem(sale)).toBeUndefined();
  });

  it('names each kind of mismatch with the numbers', () => {
    expect(saleTotalsProblem(saleV5({ totalCents: 500 }))).toBe(
      `${name}: the lines come to 504 cents after their discounts, but the total is 500 cents.`,
    );
    expect(saleTotalsProblem(saleV5({ subtotalCents: 505 }))).toBe(
      `${name}: the lines add up to 504 cents, but the subtotal is 505 cents.`,
    );
    const [milk, bananas] = saleV5().lines;
    // Lines and total agree, but the basket discount does not.
    expect(
      saleTotalsProblem(
        saleV5({ lines: [{ ...milk, discountCents: 4 }, bananas], totalCents: 500, discountCents: 0 }),
      ),
    ).toBe(
      `${name}: the subtotal of 504 cents less the discount of 0 cents is 504 cents, but the total is 500 cents.`,
    );
    expect(saleTotalsProblem(saleV5({ payments: [{ method: 'card', amountCents: 500 }] }))).toBe(
      `${name}: the payments add up to 500 cents, but the total is 504 cents.`,
    );
    expect(
      saleTotalsProblem(
        saleV5({ payments: [{ method: 'cash', amountCents: 504, tenderedCents: 1000, changeCents: 500 }] }),
      ),
    ).toBe(
      `${name}: cash payment 1 took 1,000 cents and gave 500 cents change, which is 500 cents, but it says 504 cents.`,
    );
  });

  it('a round-up: the payments cover the goods plus the donation, and change is on that amount', () => {
    const roundUp = {
      flags: ['round-up'],
      donations: [{ cause: 'Voedselbank', cents: 96 }],
      payments: [{ method: 'cash', amountCents: 600, tenderedCents: 1000, changeCents: 400 }],
    };
    expect(saleTotalsProblem(saleV5(roundUp))).toBeUndefined();
    // Paying only the goods leaves the donation unpaid; paying it without recording it is too much.
    expect(
      saleTotalsProblem(
        saleV5({
          ...roundUp,
          payments: [{ method: 'cash', amountCents: 504, tenderedCents: 504, changeCents: 0 }],
        }),
      ),
    ).toBe(
      `${name}: the payments add up to 504 cents, but the total of 504 cents plus the donations of 96 cents is 600 cents.`,
    );
    expect(saleTotalsProblem(saleV5({ payments: [{ method: 'card', amountCents: 600 }] }))).toBe(
      `${name}: the payments add up to 600 cents, but the total is 504 cents.`,
    );
  });

  it('cash without tendered/change, and card payments, are not checked for change', () => {
    expect(saleTotalsProblem(saleV5({ payments: [{ method: 'cash', amountCents: 504 }] }))).toBeUndefined();
    expect(
      saleTotalsProblem(
        saleV5({ payments: [{ method: 'card', amountCents: 504, tenderedCents: 1, changeCents: 0 }] }),
      ),
    ).toBeUndefined();
  });

  it('500 lines of 10^11 sum exactly, and one cent off is still seen', () => {
    const max = JOURNAL_BOUNDS.maxAbsCents;
    const lines = linesOf(500, max);
    const total = 500 * max; // 5·10^13: exact in a double, but past any single amount's bound
    const sale: SaleEvent = saleV5({
      lines,
      subtotalCents: total,
      totalCents: total,
      payments: Array.from({ length: 5 }, () => ({ method: 'card', amountCents: 100 * max })),
    });
    expect(saleTotalsProblem(sale)).toBeUndefined();
    expect(saleTotalsProblem({ ...sale, totalCents: total - 1, subtotalCents: total })).toBe(
      `Sale ${SALE_ID} (seq 1): the lines come to 50,000,000,000,000 cents after their discounts, but the total is 49,999,999,999,999 cents.`,
    );
  });
});
