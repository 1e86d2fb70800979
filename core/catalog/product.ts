import { z } from 'zod';
import { codeField, idField, nameField, nonNegativeCentsField } from '../journal/fields';

/**
 * A catalogue product as the terminal replicates it (read-only there; the server wins).
 * `code` is the lookup key a scan resolves to: a GTIN-13/GTIN-8, or for a variable-measure item
 * its prefix + item reference (see core/scan/product-code.ts).
 */
export const productSchema = z.object({
  /** Bounded as a sale line that copies it is (core/journal/fields.ts): refused at import, not at the till's push. */
  id: idField,
  code: codeField,
  name: nameField.min(1),
  /** Per unit, or per kg when `unit` is 'kg'; at most 10^11 minor units. */
  priceCents: nonNegativeCentsField,
  unit: z.enum(['each', 'kg']),
  category: z.string(),
  brand: z.string(),
  tags: z.array(z.string()),
  /** Server-assigned, monotonic across the read model: the replication checkpoint. */
  serverSeq: z.number().int().nonnegative(),
  _deleted: z.boolean(),
});
export type Product = z.infer<typeof productSchema>;
