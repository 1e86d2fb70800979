import { describe, expect, it } from 'vitest';
import {
  eventHash,
  understandEvent,
  upcastSaleV1toV2,
  upcastSaleV2toV3,
  upcastSaleV3toV4,
  upcastSaleV4toV5,
} from '../../../../core/journal';
import { SALE_ID, saleV1, saleV2, saleV3, saleV4 } from './sale-fixtures';

describe('sale v1 → v2', () => {
  it('adds the subtotal, zero discounts and a null member; every other field is kept', () => {
    const v1 = {
      id: '01JDX2R4K8M3N5P7Q9S1T3V5W7',
      type: 'sale' as const,
      terminalId: 'T1',
      storeId: 'S1',
      seq: 7,
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
      createdAt: 1795608000000,
      businessDay: '2026-11-25',
      schemaVersion: 1 as const,
      currency: 'EUR',
      lines: [
        {
          lineId: 'l1',
          productId: 'p1',
          code: '111',
          name: 'Melk',
          quantity: 2,
          unitPriceCents: 129,
          amountCents: 258,
        },
        {
          lineId: 'l2',
          productId: 'p2',
          code: '222',
          name: 'Brood',
          quantity: 1,
          unitPriceCents: 299,
          amountCents: 299,
          shelf: 'A3',
        },
      ],
      totalCents: 557,
      payments: [{ method: 'card' as const, amountCents: 557 }],
      till: { build: '0.1.0' },
    };
    expect(upcastSaleV1toV2(v1)).toStrictEqual({
      id: '01JDX2R4K8M3N5P7Q9S1T3V5W7',
      type: 'sale',
      terminalId: 'T1',
      storeId: 'S1',
      seq: 7,
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
      createdAt: 1795608000000,
      businessDay: '2026-11-25',
      schemaVersion: 2,
      currency: 'EUR',
      lines: [
        {
          lineId: 'l1',
          productId: 'p1',
          code: '111',
          name: 'Melk',
          quantity: 2,
          unitPriceCents: 129,
          amountCents: 258,
          discountCents: 0,
        },
        {
          lineId: 'l2',
          productId: 'p2',
          code: '222',
          name: 'Brood',
          quantity: 1,
          unitPriceCents: 299,
          amountCents: 299,
          shelf: 'A3',
          discountCents: 0,
        },
      ],
      subtotalCents: 557,
      discountCents: 0,
      totalCents: 557,
      payments: [{ method: 'card', amountCents: 557 }],
      memberId: null,
      till: { build: '0.1.0' },
    });
  });

  it('keeps a v1 member as it was', () => {
    expect(upcastSaleV1toV2(saleV1({ memberId: 'm-42' })).memberId).toBe('m-42');
  });

  it('does not touch the event it was given (the stored document and its hash stay as received)', () => {
    const v1 = saleV1();
    const before = structuredClone(v1);
    upcastSaleV1toV2(v1);
    expect(v1).toStrictEqual(before);
    expect(eventHash(v1)).toBe(v1.hash);
  });
});

describe('sale v2 → v3', () => {
  /** A v2 sale as a till wrote it, with an unknown field at the top, in a line and in a payment. */
  const v2 = (memberId: string | null) => ({
    id: '01JDX2R4K8M3N5P7Q9S1T3V5W7',
    type: 'sale' as const,
    terminalId: 'T1',
    storeId: 'S1',
    seq: 7,
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    createdAt: 1795608000000,
    businessDay: '2026-11-25',
    schemaVersion: 2 as const,
    currency: 'EUR',
    lines: [
      {
        lineId: 'l1',
        productId: 'p1',
        code: '111',
        name: 'Melk',
        quantity: 2,
        unitPriceCents: 129,
        amountCents: 258,
        discountCents: 10,
        shelf: 'A3',
      },
    ],
    subtotalCents: 258,
    discountCents: 10,
    totalCents: 248,
    payments: [{ method: 'card' as const, amountCents: 248, terminalRef: 'x1' }],
    memberId,
    till: { build: '0.2.0' },
  });

  it('an anonymous v2 sale has no loyalty block (null); every other field, unknown ones too, is kept', () => {
    expect(upcastSaleV2toV3(v2(null))).toStrictEqual({
      id: '01JDX2R4K8M3N5P7Q9S1T3V5W7',
      type: 'sale',
      terminalId: 'T1',
      storeId: 'S1',
      seq: 7,
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
      createdAt: 1795608000000,
      businessDay: '2026-11-25',
      schemaVersion: 3,
      currency: 'EUR',
      lines: [
        {
          lineId: 'l1',
          productId: 'p1',
          code: '111',
          name: 'Melk',
          quantity: 2,
          unitPriceCents: 129,
          amountCents: 258,
          discountCents: 10,
          shelf: 'A3',
        },
      ],
      subtotalCents: 258,
      discountCents: 10,
      totalCents: 248,
      payments: [{ method: 'card', amountCents: 248, terminalRef: 'x1' }],
      memberId: null,
      till: { build: '0.2.0' },
      loyalty: null,
    });
  });

  it('a v2 sale with a member gets a loyalty block of that member, no programs and no ledger rows', () => {
    expect(upcastSaleV2toV3(v2('m-42'))).toStrictEqual({
      id: '01JDX2R4K8M3N5P7Q9S1T3V5W7',
      type: 'sale',
      terminalId: 'T1',
      storeId: 'S1',
      seq: 7,
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
      createdAt: 1795608000000,
      businessDay: '2026-11-25',
      schemaVersion: 3,
      currency: 'EUR',
      lines: [
        {
          lineId: 'l1',
          productId: 'p1',
          code: '111',
          name: 'Melk',
          quantity: 2,
          unitPriceCents: 129,
          amountCents: 258,
          discountCents: 10,
          shelf: 'A3',
        },
      ],
      subtotalCents: 258,
      discountCents: 10,
      totalCents: 248,
      payments: [{ method: 'card', amountCents: 248, terminalRef: 'x1' }],
      memberId: 'm-42',
      till: { build: '0.2.0' },
      loyalty: { memberId: 'm-42', provisionalCard: null, programs: [], ledger: [] },
    });
  });

  it('does not touch the event it was given', () => {
    const sale = saleV2({ memberId: 'm-42' });
    const before = structuredClone(sale);
    upcastSaleV2toV3(sale);
    expect(sale).toStrictEqual(before);
    expect(eventHash(sale)).toBe(sale.hash);
  });

  it('a stored v2 sale with a member is understood as v5 through the registry', () => {
    const stored = saleV2({ memberId: 'm-42' });
    expect(understandEvent(stored)).toStrictEqual({
      kind: 'understood',
      event: {
        ...stored,
        schemaVersion: 5,
        loyalty: { memberId: 'm-42', provisionalCard: null, programs: [], ledger: [] },
        flags: [],
        donations: [],
        redemptions: [],
        coupons: [],
        issuedCodes: [],
        overrides: [],
      },
    });
  });
});

describe('sale v1 → v5 through the registry', () => {
  it('a stored v1 sale is understood as a v5 sale: v1 → v2, v2 → v3, v3 → v4, then v4 → v5', () => {
    const stored = saleV1({ till: { build: '0.1.0' } });
    expect(understandEvent(stored)).toStrictEqual({
      kind: 'understood',
      event: {
        id: SALE_ID,
        type: 'sale',
        terminalId: 'T1',
        storeId: 'S1',
        seq: 1,
        prevHash: '0'.repeat(64),
        hash: stored.hash,
        createdAt: Date.UTC(2026, 10, 25, 12),
        businessDay: '2026-11-25',
        schemaVersion: 5,
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
        ],
        totalCents: 258,
        payments: [{ method: 'card', amountCents: 258 }],
        till: { build: '0.1.0' },
        subtotalCents: 258,
        discountCents: 0,
        memberId: null,
        loyalty: null,
        flags: [],
        donations: [],
        redemptions: [],
        coupons: [],
        issuedCodes: [],
        overrides: [],
      },
    });
  });

  it('a v1 member comes through every step into the loyalty block', () => {
    const r = understandEvent(saleV1({ memberId: 'm-42' }));
    if (r.kind !== 'understood') throw new Error(r.kind);
    expect(r.event).toMatchObject({
      schemaVersion: 5,
      memberId: 'm-42',
      loyalty: { memberId: 'm-42', provisionalCard: null, programs: [], ledger: [] },
    });
  });
});

describe('sale v3 → v4', () => {
  it('a v3 sale offered no choices and collected no donations; every other field, unknown ones too, is kept', () => {
    const v3 = saleV3({ loyalty: null, till: { build: '0.3.0' } });
    expect(upcastSaleV3toV4(v3)).toStrictEqual({ ...v3, schemaVersion: 4, flags: [], donations: [] });
  });

  it('does not touch the event it was given (the stored document and its hash stay as received)', () => {
    const v3 = saleV3();
    const before = structuredClone(v3);
    upcastSaleV3toV4(v3);
    expect(v3).toStrictEqual(before);
    expect(eventHash(v3)).toBe(v3.hash);
  });
});

describe('sale v4 → v5', () => {
  it('a v4 sale spent nothing: no redemptions, coupons, issued codes or overrides; its cash and card payments and every other field, unknown ones too, are kept', () => {
    const v4 = saleV4({ till: { build: '0.4.0' } });
    expect(upcastSaleV4toV5(v4)).toStrictEqual({
      ...v4,
      schemaVersion: 5,
      redemptions: [],
      coupons: [],
      issuedCodes: [],
      overrides: [],
    });
  });

  it('does not touch the event it was given (the stored document and its hash stay as received)', () => {
    const v4 = saleV4();
    const before = structuredClone(v4);
    upcastSaleV4toV5(v4);
    expect(v4).toStrictEqual(before);
    expect(eventHash(v4)).toBe(v4.hash);
  });

  it('a stored v4 sale with a round-up is understood as v5 through the registry, its flag and donation kept', () => {
    const stored = saleV4({ flags: ['round-up'], donations: [{ cause: 'Voedselbank', cents: 42 }] });
    const r = understandEvent(stored);
    if (r.kind !== 'understood' || r.event.type !== 'sale') throw new Error(r.kind);
    expect(r.event).toMatchObject({ schemaVersion: 5, flags: ['round-up'], redemptions: [], overrides: [] });
    expect(r.event.donations).toEqual([{ cause: 'Voedselbank', cents: 42 }]);
    // The upcast is a view for folding: the stored v4 document and its hash are what the till sent.
    expect(eventHash(stored)).toBe(stored.hash);
  });
});
