import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, saleV5Schema } from '../../../../core/journal';
import { cents } from '../../../../core/money';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { Basket } from '../../../../renderer/src/features/checkout/basket';
import { buildSaleEvent } from '../../../../renderer/src/features/checkout/build-sale-event';

const store: StoreSettings = {
  storeId: 'store-1',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const line = (lineId: string, amount: number) => ({
  lineId,
  productId: `p-${lineId}`,
  code: '8710000000017',
  name: lineId,
  kind: 'each' as const,
  quantity: 1,
  unitPriceCents: cents(amount),
  amountCents: cents(amount),
});
const basket: Basket = { lines: [line('a', 1000), line('b', 250)] };

describe('buildSaleEvent with loyalty', () => {
  it('writes the line discounts, subtotal, discount and the total after them, and the loyalty block', () => {
    const loyalty = {
      memberId: '01JANNA0000000000000000000',
      provisionalCard: null,
      programs: [{ programId: 'stars', version: 2 }],
      ledger: [
        {
          id: 'sale-1/stars@2/base/0/points',
          account: 'points',
          unit: 'points',
          amount: 10,
          programId: 'stars',
          programVersion: 2,
          ruleId: 'base',
          text: '+10 points — Stars per euro',
        },
      ],
    };
    const event = buildSaleEvent(
      basket,
      { method: 'card', amountCents: 1125 },
      {
        id: '01JSA1E0000000000000000000',
        terminalId: 't1',
        store,
        seq: 1,
        prevHash: GENESIS_HASH,
        nowMs: Date.UTC(2026, 0, 15, 12),
        loyalty,
        lineDiscounts: { b: 125 },
      },
    );
    expect(saleV5Schema.safeParse(event).success).toBe(true);
    expect(event.lines.map((l) => l.discountCents)).toEqual([0, 125]);
    expect([event.subtotalCents, event.discountCents, event.totalCents]).toEqual([1250, 125, 1125]);
    expect(event.memberId).toBe(loyalty.memberId);
    expect(event.loyalty).toEqual(loyalty);
  });

  it('a provisional card: memberId null, the card in the loyalty block', () => {
    const event = buildSaleEvent(
      basket,
      { method: 'card', amountCents: 1250 },
      {
        id: '01JSA1E0000000000000000001',
        terminalId: 't1',
        store,
        seq: 1,
        prevHash: GENESIS_HASH,
        nowMs: Date.UTC(2026, 0, 15, 12),
        loyalty: { memberId: null, provisionalCard: '2620999999996', programs: [], ledger: [] },
      },
    );
    expect(event.memberId).toBeNull();
    expect(event.loyalty?.provisionalCard).toBe('2620999999996');
    expect(event.totalCents).toBe(1250);
  });

  it('says how old the replica was when it has been synced (in the hash), nothing when it never was', () => {
    const ctx = {
      id: '01JSA1E0000000000000000002',
      terminalId: 't1',
      store,
      seq: 1,
      prevHash: GENESIS_HASH,
      nowMs: Date.UTC(2026, 0, 15, 12),
    };
    const payment = { method: 'card', amountCents: 1250 } as const;
    const synced = buildSaleEvent(basket, payment, { ...ctx, replicaAgeMs: 90_000 });
    expect(synced.replicaAgeMs).toBe(90_000);
    const never = buildSaleEvent(basket, payment, { ...ctx, replicaAgeMs: null });
    expect('replicaAgeMs' in never).toBe(false);
    expect(synced.hash).not.toBe(never.hash);
  });
});
