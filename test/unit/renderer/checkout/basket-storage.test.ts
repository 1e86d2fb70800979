// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cents } from '../../../../core/money';
import {
  createBasketStorage,
  type SaleSnapshot,
} from '../../../../renderer/src/features/basket-store/basket-storage';

const sale: SaleSnapshot = {
  saleId: '01JSA1E0000000000000000000',
  basket: {
    lines: [
      {
        lineId: 'l1',
        productId: 'p-milk',
        code: '8710000000017',
        name: 'Milk',
        kind: 'each',
        quantity: 3,
        unitPriceCents: cents(129),
        amountCents: cents(387),
      },
      {
        lineId: 'l2',
        productId: 'p-apple',
        code: '2100042',
        name: 'Apples',
        kind: 'weighed',
        quantity: 1,
        weightGrams: 1234,
        unitPriceCents: cents(249),
        amountCents: cents(307),
      },
    ],
  },
  flags: ['round-up'],
  overrides: ['01JOVR00000000000000000000'],
  extra: { spend: { redemptions: [{ rewardId: 'coffee' }] } },
  member: { kind: 'member', memberId: '01JANNA0000000000000000000', via: 'card', card: '2990000000011' },
};

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  localStorage.clear();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

describe('basket storage', () => {
  it('gives back the open sale as it was kept: lines, quantities, choices, overrides, member, extra', () => {
    createBasketStorage('till-1').saveOpen(sale);
    expect(createBasketStorage('till-1').loadOpen()).toEqual(sale);
    expect(createBasketStorage('till-2').loadOpen()).toBeNull();
  });

  it('keeps several parked baskets in order', () => {
    const s = createBasketStorage('till-1');
    const parked = [
      { parkedId: 'a', name: 'red coat', parkedAt: 1, sale },
      {
        parkedId: 'b',
        name: '',
        parkedAt: 2,
        sale: { ...sale, saleId: '01JSA1E0000000000000000001', member: null },
      },
    ];
    s.saveParked(parked);
    expect(createBasketStorage('till-1').loadParked()).toEqual(parked);
  });

  it('drops a corrupt open basket with a warning and starts empty, never throws', () => {
    localStorage.setItem('kassa.openBasket.till-1', '{"version":1,"sale":{"saleId":');
    expect(createBasketStorage('till-1').loadOpen()).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    expect(localStorage.getItem('kassa.openBasket.till-1')).toBeNull();
    localStorage.setItem(
      'kassa.openBasket.till-1',
      JSON.stringify({ version: 1, sale: { ...sale, lines: [{ lineId: 'l1', quantity: -1 }] } }),
    );
    expect(createBasketStorage('till-1').loadOpen()).toBeNull();
  });

  it('drops a basket of another storage version', () => {
    localStorage.setItem('kassa.openBasket.till-1', JSON.stringify({ version: 2, sale }));
    expect(createBasketStorage('till-1').loadOpen()).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('drops only the unreadable parked basket; the others stay', () => {
    const s = createBasketStorage('till-1');
    s.saveParked([{ parkedId: 'a', name: 'x', parkedAt: 1, sale }]);
    const stored = JSON.parse(localStorage.getItem('kassa.parkedBaskets.till-1')!);
    stored.parked.push({ parkedId: 'b', name: 'broken' });
    localStorage.setItem('kassa.parkedBaskets.till-1', JSON.stringify(stored));
    expect(s.loadParked().map((p) => p.parkedId)).toEqual(['a']);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('a full storage costs the copy, not the till: saving warns instead of throwing', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => {},
    } as unknown as Storage;
    const s = createBasketStorage('till-1', full);
    expect(() => s.saveOpen(sale)).not.toThrow();
    expect(() => s.saveParked([{ parkedId: 'a', name: '', parkedAt: 1, sale }])).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
