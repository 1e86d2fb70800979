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
    const repo = new ReturnsRepo(tx.db, tx.dialect);
    const sales = new Map<string, SaleEvent>();
    const touched = new Map<string, { terminalId: string }>();
    const records: Parameters<ReturnsRepo['insertMany']>[0][number][] = [];
    for (const i of inputs) {
      if (i.event?.type === 'sale') sales.set(i.event.id, i.event);
      if (i.event?.type !== 'return') continue;
      const r: ReturnEvent = i.event;
      if (!r.original || !Array.isArray(r.lines)) continue; // not a return this server can check
      records.push({
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
    await repo.insertMany(records);
    // One read of the returns of this batch's sales (some return was waiting for them: usually
    // none) and of the sales this batch's returns return from.
    const wanted = new Set([...sales.keys(), ...touched.keys()]);
    if (wanted.size === 0) return;
    const found = await repo.ofSales([...wanted]);
    for (const w of found)
      if (sales.has(w.saleId) && !touched.has(w.saleId)) touched.set(w.saleId, { terminalId: '' });
    if (touched.size === 0) return;
    const all = found.filter((r) => touched.has(r.saleId));
    const earlier = await folded(
      tx,
      [...touched].filter(([saleId]) => !sales.has(saleId)),
    );
    for (const saleId of touched.keys()) {
      const sale = sales.get(saleId) ?? earlier.get(saleId);
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

/**
 * The sales as the server folded them (upcast), from the journals of the tills that made them:
 * one read per till, not per return (a batch's returns of earlier sales cost one read each).
 */
async function folded(
  tx: StorageTx,
  wanted: readonly (readonly [string, { terminalId: string }])[],
): Promise<Map<string, SaleEvent>> {
  const byTill = new Map<string, string[]>();
  for (const [saleId, { terminalId }] of wanted)
    byTill.set(terminalId, [...(byTill.get(terminalId) ?? []), saleId]);
  const out = new Map<string, SaleEvent>();
  for (const [terminalId, ids] of byTill) {
    for (const row of await tx.journal.byIds(terminalId, ids)) {
      const event = foldInputOf(row).event;
      if (event?.type === 'sale') out.set(event.id, event);
    }
  }
  return out;
}
