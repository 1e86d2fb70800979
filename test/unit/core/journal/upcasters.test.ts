import { describe, expect, it } from 'vitest';
import { eventHash, understandEvent, upcastSaleV1toV2 } from '../../../../core/journal';
import { saleV1 } from './sale-fixtures';

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

  it('a stored v1 sale is understood as a v2 sale through the registry', () => {
    const r = understandEvent(saleV1());
    expect(r.kind).toBe('understood');
    if (r.kind !== 'understood') return;
    expect(r.event).toMatchObject({ schemaVersion: 2, subtotalCents: 258, discountCents: 0, memberId: null });
    expect(r.event.lines.map((l) => l.discountCents)).toEqual([0]);
  });
});
