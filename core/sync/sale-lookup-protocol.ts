import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from '../journal/bounds';
import { returnV1Schema } from '../journal/return-event';
import { saleEventSchema } from '../journal/sale-event';
import { SYNC_BASE } from './protocol';

/**
 * GET /sync/v1/sales/:saleId (terminal token): one sale of the CALLER'S store, for a return at a
 * till that does not hold the sale in its own journal (another till sold it, or the till was
 * reinstalled). `sale` is the stored sale event upcast to the current version; `returns` are the
 * return events already folded for it (oldest first), so the till offers only what is still
 * returnable. A sale of another store answers 404 `sale-unknown` exactly like a sale that does
 * not exist: a till never learns another store's sales.
 */
export const SALE_UNKNOWN = 'sale-unknown';

/** The URL of one sale; the id is encoded, it comes from a scanned receipt. */
export function saleLookupPath(saleId: string): string {
  return `${SYNC_BASE}/sales/${encodeURIComponent(saleId)}`;
}
/** The route pattern the server registers. */
export const saleLookupRoute = `${SYNC_BASE}/sales/:saleId`;

export const saleLookupParamsSchema = z.object({ saleId: z.string().min(1).max(B.maxIdLength) });

export const saleLookupResponseSchema = z.object({
  sale: saleEventSchema,
  // One return per returned unit at most, so a generous bound: the schema guards the till, not policy.
  returns: z.array(returnV1Schema).max(10_000),
});
export type SaleLookupResponse = z.infer<typeof saleLookupResponseSchema>;
