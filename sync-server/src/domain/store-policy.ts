import { z } from 'zod';
import { err, ok, type Result } from '../../../core/result/result';
import {
  DEFAULT_OFFLINE_POLICY,
  DEFAULT_SANITY_LIMITS,
  offlinePolicyOf,
  offlinePolicySchema,
  sanityLimitsOf,
  sanityLimitsSchema,
  type OfflinePolicy,
  type SanityLimits,
} from '../../../core/store/store-policy';
import type { Storage } from '../storage/storage';

/**
 * A store's offline policy and line limits (issue 9), as an operator sees and changes them. A
 * store nobody configured follows the defaults of core/store/store-policy.ts (stored as NULL, so a
 * new default reaches it); setting any number stores the whole policy.
 */
export interface StorePolicyView {
  storeId: string;
  offlinePolicy: OfflinePolicy;
  sanityLimits: SanityLimits;
  /** True where the store follows the product's defaults. */
  defaults: { offlinePolicy: boolean; sanityLimits: boolean };
}

/**
 * A change: some numbers of either part (the rest stay as they are), or null to go back to the
 * defaults. Unknown names are refused, so a typo never silently does nothing.
 */
export const storePolicyChangeSchema = z.strictObject({
  offlinePolicy: offlinePolicySchema.partial().strict().nullable().optional(),
  sanityLimits: sanityLimitsSchema.partial().strict().nullable().optional(),
});
export type StorePolicyChange = z.infer<typeof storePolicyChangeSchema>;

type PolicyError = 'store-unknown' | 'invalid-policy';

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'policy'}: ${i.message}`).join('; ');
}

export async function storePolicy(
  storage: Storage,
  storeId: string,
): Promise<Result<StorePolicyView, 'store-unknown'>> {
  const store = await storage.stores.get(storeId);
  if (!store) return err('store-unknown', `There is no store "${storeId}".`);
  return ok({
    storeId,
    offlinePolicy: offlinePolicyOf(store),
    sanityLimits: sanityLimitsOf(store),
    defaults: { offlinePolicy: !store.offlinePolicy, sanityLimits: !store.sanityLimits },
  });
}

/** Applies a change; the store's tills get the new numbers with the store's next document. */
export async function changeStorePolicy(
  storage: Storage,
  storeId: string,
  input: unknown,
): Promise<Result<StorePolicyView, PolicyError>> {
  const parsed = storePolicyChangeSchema.safeParse(input);
  if (!parsed.success) return err('invalid-policy', describe(parsed.error));
  const change = parsed.data;
  const done = await storage.transaction(async (tx) => {
    const store = await tx.stores.get(storeId);
    if (!store) return err('store-unknown', `There is no store "${storeId}".`);
    const offlinePolicy =
      change.offlinePolicy === undefined
        ? undefined
        : change.offlinePolicy && {
            ...(store.offlinePolicy ?? DEFAULT_OFFLINE_POLICY),
            ...change.offlinePolicy,
          };
    const sanityLimits =
      change.sanityLimits === undefined
        ? undefined
        : change.sanityLimits && { ...(store.sanityLimits ?? DEFAULT_SANITY_LIMITS), ...change.sanityLimits };
    await tx.stores.setPolicy(storeId, {
      ...(offlinePolicy === undefined ? {} : { offlinePolicy }),
      ...(sanityLimits === undefined ? {} : { sanityLimits }),
    });
    return ok(undefined);
  });
  if (!done.ok) return done;
  return storePolicy(storage, storeId);
}
