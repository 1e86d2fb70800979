import type { ReturnEvent } from '../../../../core/journal/return-event';
import type { SaleEvent } from '../../../../core/journal/sale-event';
import { ReturnsRepo } from '../../storage/repos/returns';
import type { StorageTx } from '../../storage/storage';
import { checkReturns } from '../spending/return-check';
import { foldInputOf } from './fold-inputs';
import type { Projection } from './projection';

/**
 * Returns and the sales they return from (issue 9): each return is recorded once (what
 * `kassa-server returns` lists), then its sale's returns are checked against what the sale sold
 * (`return-exceeds-sale`). A return whose sale the server has not received yet (pushed by another
 * till, still offline) is checked when that sale arrives: a batch of sales costs one look-up of
 * returns waiting for them.
 */
export const returnsProjection: Projection = {
  name: 'returns',
  reads: 'events',
  wants: (e) => e.type === 'return' || e.type === 'sale',
  async fold(tx, inputs) {
    const repo = new ReturnsRepo(tx.db);
    const sales = new Map<string, SaleEvent>();
    const touched = new Map<string, { terminalId: string }>();
    for (const i of inputs) {
      if (i.event?.type === 'sale') sales.set(i.event.id, i.event);
      if (i.event?.type !== 'return') continue;
      const r: ReturnEvent = i.event;
      if (!r.original || !Array.isArray(r.lines)) continue; // not a return this server can check
      await repo.insert({
        returnId: r.id,
        serverSeq: i.serverSeq,
        terminalId: r.terminalId,
        storeId: r.storeId,
        seq: r.seq,
        saleId: r.original.saleId,
        businessDay: r.businessDay,
        createdAt: r.createdAt,
        currency: r.currency,
        totalCents: r.totalCents,
        memberId: r.loyalty?.memberId ?? null,
        lines: r.lines.map((l) => ({
          lineId: l.lineId,
          name: l.name,
          quantity: l.quantity,
          ...(l.weightGrams !== undefined ? { weightGrams: l.weightGrams } : {}),
          refundCents: l.refundCents,
        })),
        reason: r.reason,
      });
      touched.set(r.original.saleId, { terminalId: r.original.terminalId });
    }
    // Sales of this batch some return was waiting for (usually none: one query).
    const waiting = sales.size > 0 ? await repo.ofSales([...sales.keys()]) : [];
    for (const w of waiting) if (!touched.has(w.saleId)) touched.set(w.saleId, { terminalId: '' });
    if (touched.size === 0) return;
    const all = await repo.ofSales([...touched.keys()]);
    for (const [saleId, { terminalId }] of touched) {
      const sale = sales.get(saleId) ?? (await folded(tx, terminalId, saleId));
      if (sale)
        await checkReturns(
          tx,
          sale,
          all.filter((r) => r.saleId === saleId),
        );
    }
  },
  reset: (tx) => new ReturnsRepo(tx.db).reset(),
};

/** The sale as the server folded it (upcast), from the journal of the till that made it. */
async function folded(tx: StorageTx, terminalId: string, saleId: string): Promise<SaleEvent | undefined> {
  const [row] = await tx.journal.byIds(terminalId, [saleId]);
  const event = row ? foldInputOf(row).event : undefined;
  return event?.type === 'sale' ? event : undefined;
}
