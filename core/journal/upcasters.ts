import type { SaleEvent, SaleEventV1, SaleEventV2, SaleEventV3, SaleEventV4 } from './sale-event';

/*
 * Upcasters: pure functions, each from one version of an event type to the next, applied after
 * the event was validated at its own version. The stored document is never rewritten — its hash
 * covers what the till sent — so an upcast event is a view for folding, not a new fact.
 */

/**
 * Sale v1 → v2: a v1 sale had no discounts, so its subtotal is the sum of its lines and every
 * discount is 0; an absent member becomes null. Every other field, unknown ones too, is kept.
 */
export function upcastSaleV1toV2(v1: SaleEventV1): SaleEventV2 {
  // Bounded lines (≤ 500 of |x| ≤ 10^11) sum exactly in a double: |Σ| ≤ 5·10^13 < 2^53.
  const subtotalCents = v1.lines.reduce((sum, line) => sum + line.amountCents, 0);
  return {
    ...v1,
    schemaVersion: 2,
    lines: v1.lines.map((line) => ({ ...line, discountCents: 0 })),
    subtotalCents,
    discountCents: 0,
    memberId: v1.memberId ?? null,
  };
}

/**
 * Sale v2 → v3: a v2 sale carried at most a member id (tills wrote null: loyalty had not reached
 * the till); its loyalty block holds that member with no programs and no ledger rows.
 */
export function upcastSaleV2toV3(v2: SaleEventV2): SaleEventV3 {
  return {
    ...v2,
    schemaVersion: 3,
    loyalty:
      v2.memberId === null
        ? null
        : { memberId: v2.memberId, provisionalCard: null, programs: [], ledger: [] },
  };
}

/**
 * Sale v3 → v4: a v3 till offered the customer no choices and collected no donations (it could
 * not: its payments covered exactly the goods), so flags and donations are empty.
 */
export function upcastSaleV3toV4(v3: SaleEventV3): SaleEventV4 {
  return { ...v3, schemaVersion: 4, flags: [], donations: [] };
}

/**
 * Sale v4 → v5: a v4 till could not spend (its payments were cash or card), so a v4 sale
 * redeemed nothing, used and issued no codes, and needed no override.
 */
export function upcastSaleV4toV5(v4: SaleEventV4): SaleEvent {
  return { ...v4, schemaVersion: 5, redemptions: [], coupons: [], issuedCodes: [], overrides: [] };
}
