import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, understandEvent, upcastChain } from '../../../../core/journal';
import { SALE_ID, saleV1, saleV2, saleV3, saleV4, saleV5 } from './sale-fixtures';

const asDoc = (e: object) => e as Record<string, unknown>;

describe('the event type registry', () => {
  it("knows 'sale' up to version 5, with a schema for every version", () => {
    expect(Object.keys(EVENT_TYPES)).toEqual([
      'sale',
      'enrolment',
      'return',
      'points-transfer',
      'manager-override',
      'points-posted',
      'points-expired',
      'loyalty-action',
      'points-claimed',
      'gift-card-issued',
      'gift-card-loaded',
      'shift-close',
      'adjustment',
      'pin-failure',
    ]);
    expect(EVENT_TYPES.sale).toMatchObject({ type: 'sale', current: 5 });
    expect(Object.keys(EVENT_TYPES.sale!.versions)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('a current sale is understood as it is', () => {
    expect(understandEvent(asDoc(saleV5()))).toEqual({ kind: 'understood', event: saleV5() });
  });

  it("a stored document with RxDB's `_deleted: false` is understood without it", () => {
    expect(understandEvent({ ...asDoc(saleV5()), _deleted: false })).toEqual({
      kind: 'understood',
      event: saleV5(),
    });
  });

  it('each version is validated by its own schema', () => {
    // A v2 field on a v1 sale is an unknown field, kept; a v1 sale without v2 fields is fine...
    expect(understandEvent(asDoc(saleV1({ subtotalCents: 'x' }))).kind).toBe('understood');
    // ...but a v2 sale without them is not.
    const { subtotalCents: _s, ...noSubtotal } = saleV2();
    expect(understandEvent(noSubtotal)).toEqual({
      kind: 'invalid',
      path: 'subtotalCents',
      message: `Event ${SALE_ID} (seq 1): subtotalCents is missing.`,
    });
    expect(understandEvent(asDoc(saleV2({ memberId: undefined })))).toMatchObject({
      kind: 'invalid',
      path: 'memberId',
    });
    // Likewise a v3 field on a v2 sale is an unknown field, kept as it was...
    const v2WithLoyalty = understandEvent(asDoc(saleV2({ loyalty: 'x' })));
    expect(v2WithLoyalty.kind).toBe('understood');
    // ...but a v3 sale without its loyalty block is not understood.
    const { loyalty: _l, ...noLoyalty } = saleV3();
    expect(understandEvent(noLoyalty)).toEqual({
      kind: 'invalid',
      path: 'loyalty',
      message: `Event ${SALE_ID} (seq 1): loyalty is missing.`,
    });
    // ...and a v4 sale without its flags is not understood either.
    const { flags: _f, ...noFlags } = saleV4();
    expect(understandEvent(noFlags)).toMatchObject({ kind: 'invalid', path: 'flags' });
    // ...and a v5 sale must say what it spent, even when it spent nothing.
    const { redemptions: _r, ...noRedemptions } = saleV5();
    expect(understandEvent(noRedemptions)).toMatchObject({ kind: 'invalid', path: 'redemptions' });
  });

  it('type names that only exist on Object.prototype are unknown types, not crashes', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(understandEvent(asDoc(saleV3({ type })))).toMatchObject({ kind: 'unknown-type' });
    }
  });

  it('a newer version says how far this build understands', () => {
    expect(understandEvent(asDoc(saleV5({ schemaVersion: 6 })))).toMatchObject({
      kind: 'newer-version',
      understoodUpTo: 5,
    });
  });

  it('upcastChain applies one step per version up to the current one', () => {
    const up = upcastChain(3, {
      1: (b) => ({ ...(b as object), v2: true }),
      2: (b) => ({ ...(b as object), v3: true }),
    });
    expect(up({ a: 1 }, 1)).toEqual({ a: 1, v2: true, v3: true });
    expect(up({ a: 1 }, 2)).toEqual({ a: 1, v3: true });
    expect(up({ a: 1 }, 3)).toEqual({ a: 1 });
  });
});
