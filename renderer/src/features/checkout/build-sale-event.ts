import {
  JOURNAL_SCHEMA_VERSION,
  saleEventSchema,
  sealEvent,
  type Payment,
  type SaleEvent,
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
}

/**
 * The one `sale` journal event of a completed basket: lines, total and payments, sealed into the
 * terminal's hash chain. Parsed with the shared schema before it is written — a sale the server
 * would refuse is a bug here, not something to find out after the customer has left.
 */
export function buildSaleEvent(basket: Basket, payment: Payment, ctx: SaleContext): SaleEvent {
  const lines: SaleLine[] = basket.lines.map((l) => ({
    lineId: l.lineId,
    productId: l.productId,
    code: l.code,
    name: l.name,
    quantity: l.quantity,
    ...(l.weightGrams !== undefined ? { weightGrams: l.weightGrams } : {}),
    unitPriceCents: l.unitPriceCents,
    amountCents: l.amountCents,
  }));
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
    totalCents: basketTotal(basket),
    payments: [payment],
  };
  return saleEventSchema.parse(sealEvent<SaleEvent>(unsigned));
}
