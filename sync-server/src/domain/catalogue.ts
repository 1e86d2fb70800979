import { z } from 'zod';
import { productSchema } from '../../../core/catalog/product';
import { err, ok, type Result } from '../../../core/result/result';
import type { Storage } from '../storage/storage';

/** What an admin sends to change the catalogue: a product without its server-assigned serverSeq. */
export const productInputSchema = productSchema
  .omit({ serverSeq: true, _deleted: true })
  .extend({ _deleted: z.boolean().optional() });
export const productInputsSchema = z.array(productInputSchema).max(10_000);
export type ProductInputBody = z.infer<typeof productInputSchema>;

/** Upserts products of a store; each changed one gets a new serverSeq, so terminals pull it. */
export async function upsertCatalogue(
  storage: Storage,
  storeId: string,
  products: readonly ProductInputBody[],
): Promise<Result<{ written: number }, 'store-unknown'>> {
  if (!(await storage.stores.get(storeId))) return err('store-unknown', `There is no store "${storeId}".`);
  return ok({ written: await storage.transaction((tx) => tx.products.upsert(storeId, products)) });
}
