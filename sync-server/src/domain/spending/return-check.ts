import type { SaleEvent } from '../../../../core/journal/sale-event';
import type { ReturnRecord } from '../../storage/repos/returns';
import type { StorageTx } from '../../storage/storage';

interface Over {
  lineId: string;
  sold: number;
  returned: number;
  unit: 'units' | 'grams';
}

/**
 * `return-exceeds-sale` (issue 9): the returns of a sale, in the order they reached the server,
 * may give back at most each line's quantity (grams for a weighed line) and the sale's total. The
 * first return that goes over is raised (and each one after it that is over too), with the sale,
 * every return of it so far, and what is over. The returns are accepted and folded regardless:
 * the till's result stands until a manager decides. A line the sale does not have is over by all.
 */
export async function checkReturns(
  tx: StorageTx,
  sale: SaleEvent,
  returns: readonly ReturnRecord[],
): Promise<void> {
  const sold = new Map(sale.lines.map((l) => [l.lineId, l]));
  const back = new Map<string, number>();
  let refunded = 0;
  const seen: string[] = [];
  for (const r of returns) {
    seen.push(r.returnId);
    refunded += r.totalCents;
    const over: Over[] = [];
    for (const l of r.lines) {
      const line = sold.get(l.lineId);
      const grams = line?.weightGrams !== undefined;
      const n = grams ? (l.weightGrams ?? line?.weightGrams ?? 0) : l.quantity;
      const total = (back.get(l.lineId) ?? 0) + n;
      back.set(l.lineId, total);
      const limit = line ? (grams ? (line.weightGrams as number) : line.quantity) : 0;
      if (total > limit)
        over.push({ lineId: l.lineId, sold: limit, returned: total, unit: grams ? 'grams' : 'units' });
    }
    const overTotal = refunded > sale.totalCents;
    if (over.length === 0 && !overTotal) continue;
    const what = [
      ...over.map((o) => `line ${o.lineId}: ${o.returned} ${o.unit} back of ${o.sold} sold`),
      ...(overTotal ? [`${refunded} cents refunded of ${sale.totalCents} paid`] : []),
    ].join('; ');
    await tx.exceptions.insert({
      kind: 'return-exceeds-sale',
      terminalId: r.terminalId,
      storeId: r.storeId,
      eventId: r.returnId,
      seq: r.seq,
      message: `Return ${r.returnId} (${r.terminalId} seq ${r.seq}) gives back more than sale ${sale.id} sold: ${what}.`,
      detail: JSON.stringify({
        saleId: sale.id,
        sale: {
          terminalId: sale.terminalId,
          storeId: sale.storeId,
          seq: sale.seq,
          totalCents: sale.totalCents,
        },
        returns: [...seen],
        lines: over,
        refundedCents: refunded,
      }),
      detectedAt: r.createdAt,
      dedupeKey: `return-exceeds-sale:${r.terminalId}:${r.returnId}`,
      // Issue 10: what was refunded beyond the sale's total (0 when only a line is over).
      centsAtStake: Math.max(0, refunded - sale.totalCents),
      events: [
        { terminalId: r.terminalId, eventId: r.returnId },
        { terminalId: sale.terminalId, eventId: sale.id },
      ],
    });
  }
}
