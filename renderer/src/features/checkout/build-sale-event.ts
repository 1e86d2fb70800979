import {
  JOURNAL_SCHEMA_VERSION,
  saleV5Schema,
  sealEvent,
  type CouponUse,
  type IssuedCode,
  type Redemption,
  type Tender,
  type SaleDonation,
  type SaleEvent,
  type SaleLoyalty,
  type SaleLine,
  type UnsignedEvent,
} from '../../../../core/journal';
import { businessDayOf, type StoreSettings } from '../../../../core/store/store-settings';
import { basketTotal, type Basket } from './basket';

export interface SaleContext {
  id: string;
  terminalId: string;
  store: StoreSettings;
  seq: number;
  prevHash: string;
  nowMs: number;
  /** The member account the sale belongs to; null (the default) for an anonymous sale. */
  memberId?: string | null;
  /** The loyalty the till evaluated for this sale (member, program versions, ledger rows). */
  loyalty?: SaleLoyalty | null;
  /** The loyalty discounts per line id (the engine's line results); a line not named has none. */
  lineDiscounts?: Readonly<Record<string, number>>;
  /** The customer's choices (basket flags such as 'round-up'); none by default. */
  flags?: readonly string[];
  /** What the customer gave on top of the goods (a round-up); the payment covers total + these. */
  donations?: readonly SaleDonation[];
  /** What the sale spent beside its payments (rewards, coupons), codes it issued, overrides that allowed it. */
  spend?: SaleSpend;
  /** How old the replica was (ms since the till last reached the server); null: it never did. */
  replicaAgeMs?: number | null;
}

export interface SaleSpend {
  redemptions: readonly Redemption[];
  coupons: readonly CouponUse[];
  issuedCodes: readonly IssuedCode[];
  overrides: readonly string[];
}

export const NO_SPEND: SaleSpend = { redemptions: [], coupons: [], issuedCodes: [], overrides: [] };

/**
 * The one `sale` journal event of a completed basket (the current sale version): lines, totals
 * and payments, sealed into the terminal's hash chain. Parsed with the shared schema before it is
 * written — a sale the server would refuse is a bug here, not something to find out after the
 * customer has left. Discounts come from the loyalty evaluation (`lineDiscounts`); the total is
 * what is left after them, and the tender took it plus the donations (a round-up).
 */
export function buildSaleEvent(
  basket: Basket,
  payment: Tender | readonly Tender[],
  ctx: SaleContext,
): SaleEvent {
  const payments = Array.isArray(payment) ? [...(payment as readonly Tender[])] : [payment as Tender];
  const spend = ctx.spend ?? NO_SPEND;
  const lines: SaleLine[] = basket.lines.map((l) => ({
    lineId: l.lineId,
    productId: l.productId,
    code: l.code,
    name: l.name,
    quantity: l.quantity,
    ...(l.weightGrams !== undefined ? { weightGrams: l.weightGrams } : {}),
    unitPriceCents: l.unitPriceCents,
    amountCents: l.amountCents,
    discountCents: Math.min(l.amountCents, ctx.lineDiscounts?.[l.lineId] ?? 0),
  }));
  const subtotalCents = basketTotal(basket);
  const discountCents = lines.reduce((n, l) => n + l.discountCents, 0);
  const unsigned: UnsignedEvent<SaleEvent> = {
    id: ctx.id,
    type: 'sale',
    terminalId: ctx.terminalId,
    storeId: ctx.store.storeId,
    seq: ctx.seq,
    prevHash: ctx.prevHash,
    createdAt: ctx.nowMs,
    businessDay: businessDayOf(ctx.nowMs, ctx.store.timeZone),
    schemaVersion: JOURNAL_SCHEMA_VERSION,
    currency: ctx.store.currency,
    lines,
    subtotalCents,
    discountCents,
    totalCents: subtotalCents - discountCents,
    payments,
    memberId: ctx.loyalty ? ctx.loyalty.memberId : (ctx.memberId ?? null),
    loyalty: ctx.loyalty ?? null,
    flags: [...(ctx.flags ?? [])],
    donations: (ctx.donations ?? []).map((d) => ({ cause: d.cause, cents: d.cents })),
    redemptions: [...spend.redemptions],
    coupons: [...spend.coupons],
    issuedCodes: [...spend.issuedCodes],
    overrides: [...spend.overrides],
    ...(typeof ctx.replicaAgeMs === 'number'
      ? { replicaAgeMs: Math.max(0, Math.round(ctx.replicaAgeMs)) }
      : {}),
  };
  return saleV5Schema.parse(sealEvent<SaleEvent>(unsigned)) as SaleEvent;
}
