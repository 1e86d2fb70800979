import { understandEvent } from '../../../core/journal/event-types';
import type { ReturnEvent } from '../../../core/journal/return-event';
import type { SaleEvent } from '../../../core/journal/sale-event';
import { err, ok, type Result } from '../../../core/result/result';
import type { SaleLookupResponse } from '../../../core/sync/sale-lookup-protocol';
import { SaleLookupRepo } from '../storage/repos/sale-lookup';
import type { Storage } from '../storage/storage';
import { storedDocument } from './projections/fold-inputs';
import type { TerminalIdentity } from './terminal-auth';

/** At most this many returns are answered for one sale (the protocol's bound). */
const MAX_RETURNS = 10_000;

/**
 * One sale of the caller's store for a return at a till (core/sync/sale-lookup-protocol.ts): the
 * stored event upcast to the current version, and the returns of it the server has (each
 * understood as a return of exactly that sale: same sale id, till and store). A sale of another
 * store is 'sale-unknown' like a missing one, so the answer never tells that it exists.
 */
export async function lookUpSale(
  storage: Storage,
  who: TerminalIdentity,
  saleId: string,
): Promise<Result<SaleLookupResponse, 'sale-unknown'>> {
  const repo = new SaleLookupRepo(storage.db, storage.dialect);
  const unknown = err('sale-unknown', `This store has no sale ${saleId} on the server (yet).`);
  let sale: SaleEvent | undefined;
  for (const row of await repo.salesOf(who.storeId, saleId)) {
    const u = understandEvent(storedDocument(row));
    // A version this server cannot read yet (parked) cannot be returned from here either.
    if (u.kind === 'understood' && u.event.type === 'sale') {
      sale = u.event as SaleEvent;
      break;
    }
  }
  if (!sale) return unknown;
  const returns: ReturnEvent[] = [];
  for (const row of await repo.returnsOf(saleId, MAX_RETURNS)) {
    const u = understandEvent(storedDocument(row));
    if (u.kind !== 'understood' || u.event.type !== 'return') continue;
    const r = u.event as ReturnEvent;
    // A return names its sale by id, till and store: another till's sale with the same id is not this one.
    const o = r.original;
    if (o.saleId !== sale.id || o.terminalId !== sale.terminalId || o.storeId !== sale.storeId) continue;
    returns.push(r);
  }
  return ok({ sale, returns });
}
