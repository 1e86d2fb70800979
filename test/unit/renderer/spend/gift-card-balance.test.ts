import { describe, expect, it } from 'vitest';
import {
  giftCardCache,
  offlineBalance,
  spentSince,
} from '../../../../renderer/src/features/spend/gift-card-balance';

const CODE = '98260000000001123456';
const balance = {
  code: CODE,
  kind: 'gift-card' as const,
  currency: 'EUR',
  balanceCents: 5000,
  status: 'active' as const,
};
const sale = (createdAt: number, payments: unknown[]) => ({ type: 'sale', createdAt, payments });

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

describe("a gift card's balance offline", () => {
  it('is the last known balance less what this till took from the card since it was read', () => {
    const docs = [
      sale(900, [{ method: 'gift-card', code: CODE, amountCents: 700 }]), // before the read: in the balance
      sale(1100, [
        { method: 'gift-card', code: CODE, amountCents: 1200 },
        { method: 'card', amountCents: 300 },
      ]),
      sale(1200, [{ method: 'gift-card', code: 'other', amountCents: 999 }]),
      { type: 'return', createdAt: 1300, refunds: [] },
    ];
    expect(spentSince(docs, CODE, 1000)).toBe(1200);
    expect(offlineBalance({ balance, at: 1000 }, docs)).toBe(3800);
  });

  it('keeps the balance read per card in storage, for the next time the till is offline', () => {
    const storage = memoryStorage();
    giftCardCache(storage, 'till-1').put(balance, 1000);
    expect(giftCardCache(storage, 'till-1').get(CODE)).toEqual({ balance, at: 1000 });
    expect(giftCardCache(storage, 'till-2').get(CODE)).toBeUndefined();
    storage.setItem('kassa.giftCards.till-1', 'not json');
    expect(giftCardCache(storage, 'till-1').get(CODE)).toBeUndefined();
  });
});
