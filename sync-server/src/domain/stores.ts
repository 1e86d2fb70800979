import { z } from 'zod';
import { storeSettingsSchema, type StoreSettings } from '../../../core/store/store-settings';
import { err, ok, type Result } from '../../../core/result/result';
import type { StoreRecord } from '../storage/repos/stores';
import type { Storage, StorageTx } from '../storage/storage';

/** A region id: what several stores share so their members replicate to each other's tills. */
export const MAX_REGION_LENGTH = 64;
export const regionField = z
  .string()
  .max(MAX_REGION_LENGTH, `a region is at most ${MAX_REGION_LENGTH} characters`)
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'a region is lowercase letters and digits in words joined by single hyphens, such as nl-randstad',
  );

/**
 * A store as HQ sends it: the settings the till gets, plus its region (server-side: it scopes the
 * members feed). No `region` keeps the stored one (a client that predates regions clears
 * nothing); `null` takes the store out of its region.
 */
export const storeInputSchema = storeSettingsSchema.extend({ region: regionField.nullable().optional() });
export type StoreInput = z.infer<typeof storeInputSchema>;

/** At most this many stores per import: a chain, with room. */
export const MAX_STORES_PER_IMPORT = 10_000;
export const storeInputsSchema = z
  .union([storeInputSchema, z.array(storeInputSchema).min(1).max(MAX_STORES_PER_IMPORT)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

/** `[1].region: …` (the store's index in a list, then the field), as a member import says it. */
const where = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') ||
  'store';
const describe = (issues: z.core.$ZodIssue[]) =>
  issues
    .slice(0, 10)
    .map((i) => `${where(i.path)}: ${i.message}`)
    .join('; ');

export async function saveStore(
  storage: Storage,
  input: unknown,
  now: number,
): Promise<Result<StoreRecord, 'invalid-store'>> {
  const r = await saveStores(storage, input, now);
  return r.ok ? ok(r.value[0] as StoreRecord) : r;
}

/** Creates or updates stores (one or a list, all or none); returns them as stored. */
export async function saveStores(
  storage: Storage,
  input: unknown,
  now: number,
): Promise<Result<StoreRecord[], 'invalid-store'>> {
  const parsed = storeInputsSchema.safeParse(input);
  if (!parsed.success) return err('invalid-store', describe(parsed.error.issues));
  const ids = parsed.data.map((s) => s.storeId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) return err('invalid-store', `store "${twice}" is listed twice`);
  return ok(
    await storage.transaction(async (tx) => {
      const out: StoreRecord[] = [];
      for (const s of parsed.data) out.push(await saveStoreIn(tx, s, now));
      return out;
    }),
  );
}

/**
 * One store, inside the caller's transaction. A store that moves into a region (or to another)
 * republishes that region's members: the tills of the moved store get their new neighbours'
 * members, and the neighbours' tills get the moved store's, though their checkpoints are past
 * those members (a resync of the region's members, paid once per move). Members of the region it
 * left stay in its tills' replicas as they were, and no change of theirs reaches those tills
 * again unless the member is seen at the store.
 */
export async function saveStoreIn(tx: StorageTx, input: StoreInput, now: number): Promise<StoreRecord> {
  const { previous, stored } = await tx.stores.upsert(input, now);
  if (previous && stored.region !== null && previous.region !== stored.region) {
    await tx.members.republishRegion(stored.region, stored.storeId);
  }
  return stored;
}

export function listStores(storage: Storage): Promise<StoreRecord[]> {
  return storage.stores.list();
}

export type { StoreSettings };
