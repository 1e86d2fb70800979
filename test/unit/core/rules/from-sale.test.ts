import { describe, expect, it } from 'vitest';
import { basketLineFromSale, evaluate } from '../../../../core/rules/index';
import { ctx, member, program } from './support/builders';

const saleLine = {
  lineId: 'l1',
  productId: 'p-latte',
  code: '8712345678906',
  name: 'Latte',
  quantity: 2,
  unitPriceCents: 365,
  amountCents: 730,
  discountCents: 0,
};
const product = {
  id: 'p-latte',
  code: '8712345678906',
  name: 'Latte',
  priceCents: 365,
  unit: 'each' as const,
  category: 'coffee',
  brand: 'house',
  tags: ['hot'],
  serverSeq: 1,
  _deleted: false,
};

describe('mapping a checkout sale line to a basket line', () => {
  it('takes category, brand and tags from the catalogue, so category rules match', () => {
    const line = basketLineFromSale(saleLine, product);
    expect(line).toEqual({
      lineId: 'l1',
      sku: 'p-latte',
      category: 'coffee',
      brand: 'house',
      tags: ['hot'],
      quantity: 2,
      unitPriceCents: 365,
      amountCents: 730,
    });
    const p = program([
      {
        id: 'c',
        name: 'Coffee points',
        then: [{ type: 'points-per-item', points: 5, on: { categories: ['coffee'] } }],
      },
    ]);
    expect(evaluate([p], { id: 'b', currency: 'EUR', lines: [line] }, member(), ctx()).points).toEqual({
      points: 10,
    });
  });

  it('an unknown product matches no line condition but keeps its amount', () => {
    expect(basketLineFromSale(saleLine, undefined)).toMatchObject({
      category: '',
      tags: [],
      amountCents: 730,
    });
  });
});
