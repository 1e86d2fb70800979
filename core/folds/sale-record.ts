import type { SaleEvent } from '../journal/sale-event';
import type { Tender } from '../journal/spend';

/**
 * The sales projection's fold, pure: a sale event (already upcast to the current version) becomes
 * the record reports read. The server stores it; a till can compute the same view of its own
 * unsynced sales with the same function.
 */
export interface SaleLineRecord {
  lineNo: number;
  lineId: string;
  productId: string;
  code: string;
  name: string;
  quantity: number;
  weightGrams: number | null;
  unitPriceCents: number;
  amountCents: number;
  discountCents: number;
}

export interface SaleRecord {
  serverSeq: number;
  eventId: string;
  terminalId: string;
  storeId: string;
  seq: number;
  businessDay: string;
  createdAt: number;
  currency: string;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  payments: Tender[];
  memberId: string | null;
  lines: SaleLineRecord[];
}

export function saleRecordOf(event: SaleEvent, serverSeq: number): SaleRecord {
  return {
    serverSeq,
    eventId: event.id,
    terminalId: event.terminalId,
    storeId: event.storeId,
    seq: event.seq,
    businessDay: event.businessDay,
    createdAt: event.createdAt,
    currency: event.currency,
    subtotalCents: event.subtotalCents,
    discountCents: event.discountCents,
    totalCents: event.totalCents,
    payments: event.payments.map((p) => ({ ...p })),
    memberId: event.memberId ?? null,
    lines: event.lines.map((l, i) => ({
      lineNo: i + 1,
      lineId: l.lineId,
      productId: l.productId,
      code: l.code,
      name: l.name,
      quantity: l.quantity,
      weightGrams: l.weightGrams ?? null,
      unitPriceCents: l.unitPriceCents,
      amountCents: l.amountCents,
      discountCents: l.discountCents,
    })),
  };
}
