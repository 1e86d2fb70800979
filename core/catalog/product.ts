import { z } from 'zod';

/**
 * A catalogue product as the terminal replicates it (read-only there; the server wins).
 * `code` is the lookup key a scan resolves to: a GTIN-13/GTIN-8, or for a variable-measure item
 * its prefix + item reference (see core/scan/product-code.ts).
 */
export const productSchema = z.object({
  id: z.string().min(1),
  code: z.string().min(1),
  name: z.string().min(1),
  /** Per unit, or per kg when `unit` is 'kg'. */
  priceCents: z.number().int().nonnegative(),
  unit: z.enum(['each', 'kg']),
  category: z.string(),
  brand: z.string(),
  tags: z.array(z.string()),
  /** Server-assigned, monotonic across the read model: the replication checkpoint. */
  serverSeq: z.number().int().nonnegative(),
  _deleted: z.boolean(),
});
export type Product = z.infer<typeof productSchema>;
