import { describe, expect, it } from 'vitest';
import {
  addProduct,
  basketTotal,
  changeQuantity,
  EMPTY_BASKET,
  removeLine,
  type Basket,
  type ProductForSale,
} from '../../../renderer/src/features/checkout/basket';
import { classifyProductCode, type ProductCode } from '../../../core/scan/product-code';
import { withCheckDigit } from '../../../core/scan/gtin';

const milk: ProductForSale = {
  id: 'p-milk',
  code: '8710000000017',
  name: 'Melk',
  priceCents: 129,
  unit: 'each',
};
const apples: ProductForSale = {
  id: 'p-apple',
  code: '2100042',
  name: 'Appels',
  priceCents: 249,
  unit: 'kg',
};
const cake: ProductForSale = { id: 'p-cake', code: '2300077', name: 'Taart', priceCents: 899, unit: 'each' };

function code(text: string): ProductCode {
  const r = classifyProductCode(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function add(basket: Basket, product: ProductForSale, scanned: string, lineId: string): Basket {
  const r = addProduct(basket, product, code(scanned), lineId);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('basket', () => {
  it('adds one to the line when an item sold each is scanned again', () => {
    let b = add(EMPTY_BASKET, milk, milk.code, 'l1');
    b = add(b, milk, milk.code, 'l2');
    expect(b.lines).toHaveLength(1);
    expect(b.lines[0]).toMatchObject({ lineId: 'l1', quantity: 2, amountCents: 258 });
  });

  it('prices a weighed label from the grams and the price per kg, rounded once', () => {
    // 1.337 kg × € 2.49 = € 3.32913 → € 3.33
    const b = add(EMPTY_BASKET, apples, withCheckDigit('210004201337'), 'l1');
    expect(b.lines[0]).toMatchObject({
      kind: 'weighed',
      weightGrams: 1337,
      unitPriceCents: 249,
      amountCents: 333,
    });
  });

  it('takes the price of a price-embedded label as the line amount', () => {
    const b = add(EMPTY_BASKET, cake, withCheckDigit('230007701250'), 'l1');
    expect(b.lines[0]).toMatchObject({ kind: 'priced', quantity: 1, amountCents: 1250 });
  });

  it('keeps two weighed labels of the same product as two lines', () => {
    let b = add(EMPTY_BASKET, apples, withCheckDigit('210004201000'), 'l1');
    b = add(b, apples, withCheckDigit('210004200500'), 'l2');
    expect(b.lines.map((l) => l.amountCents)).toEqual([249, 125]);
  });

  it('refuses a product sold by weight scanned by its plain code, leaving the basket as it was', () => {
    const before = add(EMPTY_BASKET, milk, milk.code, 'l1');
    const r = addProduct(before, apples, code('8710000000024'), 'l2');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('needs-scale-label');
    expect(before.lines).toHaveLength(1);
  });

  it('changes quantity with +/−, never below one, and removes lines', () => {
    let b = add(EMPTY_BASKET, milk, milk.code, 'l1');
    b = changeQuantity(b, 'l1', +1);
    b = changeQuantity(b, 'l1', +1);
    expect(b.lines[0]?.quantity).toBe(3);
    b = changeQuantity(changeQuantity(changeQuantity(b, 'l1', -1), 'l1', -1), 'l1', -1);
    expect(b.lines[0]).toMatchObject({ quantity: 1, amountCents: 129 });
    b = add(b, apples, withCheckDigit('210004201000'), 'l2');
    expect(changeQuantity(b, 'l2', +1).lines[1]?.quantity).toBe(1);
    expect(removeLine(b, 'l1').lines.map((l) => l.lineId)).toEqual(['l2']);
  });

  it('totals the line amounts', () => {
    let b = add(EMPTY_BASKET, milk, milk.code, 'l1');
    b = add(b, milk, milk.code, 'l1b');
    b = add(b, apples, withCheckDigit('210004201337'), 'l2');
    expect(basketTotal(b)).toBe(258 + 333);
  });
});
