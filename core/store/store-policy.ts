import { z } from 'zod';

/*
 * What a store decides in advance about spending offline and about lines a cashier should not
 * ring up without a manager (issue 9). Carried by the store's settings (the `stores` read model),
 * so every till of the store enforces the same numbers, and the server judges an overdraft with
 * them (core/loyalty/offline-policy.ts is the one implementation, on both sides).
 */

const count = z.number().int().min(0).max(1_000_000_000);

export const offlinePolicySchema = z.object({
  /** Points one member may redeem offline per store-local day, at this till. */
  memberDailyPoints: count,
  /** Points all members together may redeem offline per store-local day at this till. */
  tillDailyPoints: count,
  /** A member replica older than this is stale: the lower cap below applies. */
  staleAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 365),
  /** The per-member daily cap when the member's replica is stale. */
  staleMemberDailyPoints: count,
  /** Gift card and store credit spent offline: per card per day, and per till per day (cents). */
  giftCardDailyCents: count,
  tillGiftCardDailyCents: count,
  /** How far below zero a return may take a member's points (then the server raises it). */
  returnOverdraftPoints: count,
});
export type OfflinePolicy = z.infer<typeof offlinePolicySchema>;

/** The demo's and a new store's policy: generous enough for a day, small enough to lose little. */
export const DEFAULT_OFFLINE_POLICY: OfflinePolicy = {
  memberDailyPoints: 2_000,
  tillDailyPoints: 20_000,
  staleAfterMinutes: 24 * 60,
  staleMemberDailyPoints: 500,
  giftCardDailyCents: 10_000,
  tillGiftCardDailyCents: 50_000,
  returnOverdraftPoints: 0,
};

/** Per line: above any of these the till asks for a manager (a typo of 1000 instead of 10). */
export const sanityLimitsSchema = z.object({
  maxQuantity: z.number().int().min(1).max(100_000),
  maxWeightGrams: z.number().int().min(1).max(10_000_000),
  maxLineCents: z.number().int().min(1).max(100_000_000_000),
});
export type SanityLimits = z.infer<typeof sanityLimitsSchema>;

export const DEFAULT_SANITY_LIMITS: SanityLimits = {
  maxQuantity: 99,
  maxWeightGrams: 25_000,
  maxLineCents: 100_000,
};

/**
 * A manager of the store as a till holds it: the PIN only as a slow salted hash
 * (core/loyalty/manager-pin.ts), checked offline. What a stolen till allows is written in the README.
 */
export const storeManagerSchema = z.object({
  managerId: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  /** 'scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>' (manager-pin.ts). */
  pinHash: z.string().min(1).max(300),
});
export type StoreManager = z.infer<typeof storeManagerSchema>;

/** What the store's settings add for spending; each optional, so an older server's store doc parses. */
export const storePolicyShape = {
  offlinePolicy: offlinePolicySchema.optional(),
  sanityLimits: sanityLimitsSchema.optional(),
  managers: z.array(storeManagerSchema).max(200).optional(),
};

export function offlinePolicyOf(store: { offlinePolicy?: OfflinePolicy | undefined }): OfflinePolicy {
  return store.offlinePolicy ?? DEFAULT_OFFLINE_POLICY;
}

export function sanityLimitsOf(store: { sanityLimits?: SanityLimits | undefined }): SanityLimits {
  return store.sanityLimits ?? DEFAULT_SANITY_LIMITS;
}
