import type { SaleEvent } from '../../../../core/journal/sale-event';
import type { StorageTx } from '../../storage/port';

/** A sale becomes a row in `sales` and one row per line: what reports and the admin API read. */
export async function foldSale(tx: StorageTx, event: SaleEvent, serverSeq: number): Promise<void> {
  await tx.insertSale({
    eventId: event.id,
    serverSeq,
    terminalId: event.terminalId,
    storeId: event.storeId,
    seq: event.seq,
    businessDay: event.businessDay,
    createdAt: event.createdAt,
    currency: event.currency,
    totalCents: event.totalCents,
    payments: JSON.stringify(event.payments),
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
    })),
  });
}
