import { understandEvent, type ReturnEvent, type SaleEvent } from '../../../../core/journal';
import type { ReceiptRef } from '../../../../core/scan/receipt-code';
import type { FoundSale } from './return-state';
import type { SaleLookup } from './sale-lookup';

/** Where a sale for a return can be found: this till's journal first, then the server. */
export interface SaleSources {
  /** The store this till belongs to: a receipt of another store is never looked up. */
  storeId: string;
  /** A document of this till's journal by event id (as stored, any version). */
  journalEvent(id: string): Promise<Record<string, unknown> | null>;
  /** This till's own return events (as stored). */
  journalReturns(): Promise<readonly Record<string, unknown>[]>;
  lookupOnline(saleId: string): Promise<SaleLookup>;
}

export type FindSale =
  | { kind: 'found'; found: FoundSale }
  | { kind: 'other-store' }
  | { kind: 'unknown' }
  /** Not in this till's journal and the server cannot be reached: another till's sale needs it. */
  | { kind: 'offline' };

/** A stored document as the current event version, or null when it is not one of `type`. */
function asEvent<E>(doc: Record<string, unknown> | null, type: string): E | null {
  if (!doc || doc.type !== type) return null;
  const u = understandEvent(doc);
  return u.kind === 'understood' && u.event.type === type ? (u.event as E) : null;
}

/** Returns of the sale from both places, each once (the server's answer may hold this till's too). */
function mergeReturns(saleId: string, ...lists: (readonly ReturnEvent[])[]): ReturnEvent[] {
  const byId = new Map<string, ReturnEvent>();
  for (const list of lists) for (const r of list) if (r.original.saleId === saleId) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * The sale a receipt names, with every return already made against it that this till can know:
 * its own journal's returns, and the server's (which holds other tills' returns once synced).
 * A sale of this till is found offline; another till's needs the server.
 */
export async function findSale(ref: ReceiptRef, sources: SaleSources): Promise<FindSale> {
  if (ref.storeId !== sources.storeId) return { kind: 'other-store' };
  const local = (await sources.journalReturns())
    .map((d) => asEvent<ReturnEvent>(d, 'return'))
    .filter((r): r is ReturnEvent => r !== null);
  const own = asEvent<SaleEvent>(await sources.journalEvent(ref.saleId), 'sale');
  if (own) {
    // Another till may have taken goods of this sale back: ask the server too, briefly; offline
    // the till's own returns are what it knows (the server raises return-exceeds-sale if needed).
    const online = await sources.lookupOnline(ref.saleId);
    const remote = online.kind === 'found' ? online.returns : [];
    return {
      kind: 'found',
      found: { sale: own, priorReturns: mergeReturns(own.id, local, remote), from: 'journal' },
    };
  }
  const online = await sources.lookupOnline(ref.saleId);
  if (online.kind === 'unknown') return { kind: 'unknown' };
  if (online.kind === 'unreachable') return { kind: 'offline' };
  if (online.sale.storeId !== sources.storeId) return { kind: 'other-store' };
  return {
    kind: 'found',
    found: {
      sale: online.sale,
      priorReturns: mergeReturns(online.sale.id, local, online.returns),
      from: 'server',
    },
  };
}
