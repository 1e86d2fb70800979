import {
  eventHash,
  GENESIS_HASH,
  type SaleEvent,
  type SaleEventV1,
  type SaleEventV2,
  type SaleEventV3,
  type SaleEventV4,
} from '../../../../core/journal';

/** Fixed values, written out, so every expected output in these tests is readable as is. */
export const SALE_ID = '01JDX2R4K8M3N5P7Q9S1T3V5W7';
export const T0 = Date.UTC(2026, 10, 25, 12);

/** What a v5 sale that spent nothing has beside a v4 sale (the v4 → v5 upcast adds exactly this). */
export const NO_SPEND = { redemptions: [], coupons: [], issuedCodes: [], overrides: [] };

/** A v5 sale (what a till writes now): the v4 sale below, spending nothing. */
export function saleV5(overrides: Record<string, unknown> = {}): SaleEvent {
  const { hash: _h, ...v4 } = saleV4();
  const unsigned = {
    ...v4,
    schemaVersion: 5,
    redemptions: [],
    coupons: [],
    issuedCodes: [],
    overrides: [],
    ...overrides,
  };
  return { ...unsigned, hash: eventHash(unsigned) } as unknown as SaleEvent;
}

/** A v4 sale (tills before spending): the v3 sale below, with no choices and no donations. */
export function saleV4(overrides: Record<string, unknown> = {}): SaleEventV4 {
  const { hash: _h, ...v3 } = saleV3();
  const unsigned = { ...v3, schemaVersion: 4, flags: [], donations: [], ...overrides };
  return { ...unsigned, hash: eventHash(unsigned) } as SaleEventV4;
}

/** A v3 sale (tills before round-up): the v2 sale below, anonymous, so its loyalty block is null. */
export function saleV3(overrides: Record<string, unknown> = {}): SaleEventV3 {
  const { hash: _h, ...v2 } = saleV2();
  const unsigned = { ...v2, schemaVersion: 3, loyalty: null, ...overrides };
  return { ...unsigned, hash: eventHash(unsigned) } as SaleEventV3;
}

/** A v2 sale of terminal T1 in store S1 (EUR): milk × 2 and weighed bananas, paid in cash. */
export function saleV2(overrides: Record<string, unknown> = {}): SaleEventV2 {
  const unsigned = {
    id: SALE_ID,
    type: 'sale',
    terminalId: 'T1',
    storeId: 'S1',
    seq: 1,
    prevHash: GENESIS_HASH,
    createdAt: T0,
    businessDay: '2026-11-25',
    schemaVersion: 2,
    currency: 'EUR',
    lines: [
      {
        lineId: 'l1',
        productId: 'p-milk',
        code: '8710000000017',
        name: 'Melk',
        quantity: 2,
        unitPriceCents: 129,
        amountCents: 258,
        discountCents: 0,
      },
      {
        lineId: 'l2',
        productId: 'p-banana',
        code: '2110001',
        name: 'Bananen',
        quantity: 1,
        weightGrams: 1234,
        unitPriceCents: 199,
        amountCents: 246,
        discountCents: 0,
      },
    ],
    subtotalCents: 504,
    discountCents: 0,
    totalCents: 504,
    payments: [{ method: 'cash', amountCents: 504, tenderedCents: 1000, changeCents: 496 }],
    memberId: null,
    ...overrides,
  };
  return { ...unsigned, hash: eventHash(unsigned) } as SaleEventV2;
}

/** The same sale as the first tills wrote it (schemaVersion 1: no subtotal, no discounts, no memberId). */
export function saleV1(overrides: Record<string, unknown> = {}): SaleEventV1 {
  const unsigned = {
    id: SALE_ID,
    type: 'sale',
    terminalId: 'T1',
    storeId: 'S1',
    seq: 1,
    prevHash: GENESIS_HASH,
    createdAt: T0,
    businessDay: '2026-11-25',
    schemaVersion: 1,
    currency: 'EUR',
    lines: [
      {
        lineId: 'l1',
        productId: 'p-milk',
        code: '8710000000017',
        name: 'Melk',
        quantity: 2,
        unitPriceCents: 129,
        amountCents: 258,
      },
    ],
    totalCents: 258,
    payments: [{ method: 'card', amountCents: 258 }],
    ...overrides,
  };
  return { ...unsigned, hash: eventHash(unsigned) } as SaleEventV1;
}

/** `n` lines of `amountCents` each, with ids l1…ln. */
export function linesOf(n: number, amountCents: number) {
  return Array.from({ length: n }, (_, i) => ({
    lineId: `l${i + 1}`,
    productId: 'p-milk',
    code: '8710000000017',
    name: 'Melk',
    quantity: 1,
    unitPriceCents: amountCents,
    amountCents,
    discountCents: 0,
  }));
}
