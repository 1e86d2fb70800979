import { z } from 'zod';
import { productSchema } from '../catalog/product';
import { memberDocSchema } from '../loyalty/member-doc';
import { programDocSchema } from '../loyalty/program-doc';
import { rewardDocSchema } from '../loyalty/reward';
import { storeSettingsSchema } from '../store/store-settings';

/**
 * The server → till read models, declared once. Every document carries the server-assigned
 * `serverSeq` (one counter shared by every collection, so a checkpoint is always monotonic) and
 * `_deleted`. The server declares how rows map to these documents and which rows a till may see
 * (sync-server/src/feed/); the till declares its RxDB collection (core/schema/). Adding a read
 * model is one entry here, one there, and one RxDB schema.
 */
export const storeDocSchema = storeSettingsSchema.extend({
  serverSeq: z.number().int().nonnegative(),
  _deleted: z.boolean(),
});
export type StoreDoc = z.infer<typeof storeDocSchema>;

export const readModelDocSchemas = {
  products: productSchema,
  stores: storeDocSchema,
  /** The store's members and the members seen here recently (masked: no full name, no contact). */
  members: memberDocSchema,
  /** Published program versions in the store's scope. */
  programs: programDocSchema,
  /** Published reward versions the store offers: the catalogue the member panel shows. */
  rewards: rewardDocSchema,
} as const;

export type ReadModelName = keyof typeof readModelDocSchemas;
export const READ_MODELS = Object.keys(readModelDocSchemas) as ReadModelName[];
export type ReadModelDoc<N extends ReadModelName> = z.infer<(typeof readModelDocSchemas)[N]>;

export function isReadModelName(name: string): name is ReadModelName {
  return Object.hasOwn(readModelDocSchemas, name);
}
