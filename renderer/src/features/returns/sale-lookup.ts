import type { ReturnEvent, SaleEvent } from '../../../../core/journal';
import {
  SALE_UNKNOWN,
  saleLookupPath,
  saleLookupResponseSchema,
} from '../../../../core/sync/sale-lookup-protocol';
import { SyncHttpError, syncCall, type SyncEndpoint } from '../../sync/sync-api';

/** What the server said of a sale this till's journal does not hold. */
export type SaleLookup =
  | { kind: 'found'; sale: SaleEvent; returns: ReturnEvent[] }
  /** 404 `sale-unknown`: no such sale in this store (another store's sale answers the same). */
  | { kind: 'unknown' }
  /** No answer (offline, a timeout, a server error): another till's sale needs the network. */
  | { kind: 'unreachable' };

/** A cashier with a customer at the counter waits this long before the till says it is offline. */
export const SALE_LOOKUP_TIMEOUT_MS = 4_000;

/** One request: `GET /sync/v1/sales/:saleId` (core/sync/sale-lookup-protocol.ts), terminal token. */
export async function lookupSaleOnline(
  endpoint: SyncEndpoint,
  saleId: string,
  options: { transport?: typeof fetch; timeoutMs?: number } = {},
): Promise<SaleLookup> {
  try {
    const answer = await syncCall(
      endpoint,
      saleLookupPath(saleId),
      saleLookupResponseSchema,
      { signal: AbortSignal.timeout(options.timeoutMs ?? SALE_LOOKUP_TIMEOUT_MS) },
      ...(options.transport ? [options.transport] : []),
    );
    return {
      kind: 'found',
      sale: answer.sale as SaleEvent,
      returns: answer.returns as ReturnEvent[],
    };
  } catch (e) {
    if (e instanceof SyncHttpError && e.status === 404 && errorType(e.body) === SALE_UNKNOWN) {
      return { kind: 'unknown' };
    }
    return { kind: 'unreachable' };
  }
}

const errorType = (body: unknown): unknown =>
  (body as { error?: { type?: unknown } } | undefined)?.error?.type;
