import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { z } from 'zod';
import { hashPin, isValidPin, verifyPin } from '../../../core/loyalty/manager-pin';
import { err, ok, type Result } from '../../../core/result/result';
import { storeManagerSchema } from '../../../core/store/store-policy';
import { StoreManagersRepo } from '../storage/repos/store-managers';
import type { Db, Storage, StorageTx } from '../storage/storage';

/**
 * The managers of a store (issue 9): who can allow at a till what the offline policy or a line
 * limit refuses. The PIN is never stored: only `hashPin`'s salted scrypt hash (16 random bytes of
 * salt), which the store's document carries to its tills so they check a PIN offline.
 */
export const MAX_MANAGERS_PER_STORE = 200;

export const managerInputSchema = z.object({
  name: storeManagerSchema.shape.name.transform((s) => s.trim()).pipe(z.string().min(1, 'a name is needed')),
  pin: z.string().refine(isValidPin, 'a PIN is 4 to 8 digits'),
  /** Given by the demo seed (stable ids); otherwise one is made. */
  managerId: storeManagerSchema.shape.managerId.optional(),
});
export type ManagerInput = z.input<typeof managerInputSchema>;

/** A manager as an operator sees one: never the hash. */
export interface ManagerView {
  storeId: string;
  managerId: string;
  name: string;
  createdAt: number;
}

type ManagerError = 'store-unknown' | 'invalid-manager' | 'manager-exists' | 'too-many-managers';

const managersOf = (db: Db) => new StoreManagersRepo(db);
const viewOf = (m: ManagerView): ManagerView => ({
  storeId: m.storeId,
  managerId: m.managerId,
  name: m.name,
  createdAt: m.createdAt,
});

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'manager'}: ${i.message}`).join('; ');
}

async function storeRegion(tx: StorageTx, storeId: string): Promise<string | null | undefined> {
  const store = await tx.stores.record(storeId);
  return store ? store.region : undefined;
}

/** Adds a manager to a store; their tills get the PIN's hash with the store's next document. */
export async function addManager(
  storage: Storage,
  storeId: string,
  input: unknown,
  now: number,
): Promise<Result<ManagerView, ManagerError>> {
  const parsed = managerInputSchema.safeParse(input);
  if (!parsed.success) return err('invalid-manager', describe(parsed.error));
  const { name, pin } = parsed.data;
  const managerId = parsed.data.managerId ?? `M${ulid(now)}`;
  // The slow hash before the transaction: it holds no lock while scrypt runs.
  const pinHash = hashPin(pin, new Uint8Array(randomBytes(16)));
  return storage.transaction(async (tx) => {
    const region = await storeRegion(tx, storeId);
    if (region === undefined) return err('store-unknown', `There is no store "${storeId}".`);
    const present = await managersOf(tx.db).ofStore(storeId);
    if (present.some((m) => m.managerId === managerId)) {
      return err('manager-exists', `Store ${storeId} already has a manager ${managerId}.`);
    }
    if (present.length >= MAX_MANAGERS_PER_STORE) {
      return err(
        'too-many-managers',
        `Store ${storeId} has ${MAX_MANAGERS_PER_STORE} managers, the most a store can have.`,
      );
    }
    const row = { storeId, managerId, name, pinHash, createdAt: now };
    await managersOf(tx.db).add(row);
    await tx.stores.republish(storeId, region);
    return ok(viewOf(row));
  });
}

/**
 * The demo seed's managers: added when missing, their name and PIN set again when they differ
 * (a re-seed of an unchanged store writes nothing, so its tills pull nothing).
 */
export async function ensureManager(
  tx: StorageTx,
  storeId: string,
  m: { managerId: string; name: string; pin: string },
  now: number,
): Promise<boolean> {
  const region = await storeRegion(tx, storeId);
  if (region === undefined) throw new Error(`there is no store ${storeId}`);
  const repo = managersOf(tx.db);
  const current = (await repo.ofStore(storeId)).find((x) => x.managerId === m.managerId);
  if (current && current.name === m.name && verifyPin(m.pin, current.pinHash)) return false;
  const pinHash = hashPin(m.pin, new Uint8Array(randomBytes(16)));
  if (current) await repo.update({ storeId, managerId: m.managerId, name: m.name, pinHash });
  else await repo.add({ storeId, managerId: m.managerId, name: m.name, pinHash, createdAt: now });
  await tx.stores.republish(storeId, region);
  return true;
}

export async function listManagers(
  storage: Storage,
  storeId: string,
): Promise<Result<ManagerView[], 'store-unknown'>> {
  if (!(await storage.stores.get(storeId))) return err('store-unknown', `There is no store "${storeId}".`);
  return ok((await managersOf(storage.db).ofStore(storeId)).map(viewOf));
}

/** Removes a manager; the store's tills stop accepting their PIN once they pull the document. */
export async function removeManager(
  storage: Storage,
  storeId: string,
  managerId: string,
): Promise<Result<ManagerView, 'store-unknown' | 'manager-unknown'>> {
  return storage.transaction(async (tx) => {
    const region = await storeRegion(tx, storeId);
    if (region === undefined) return err('store-unknown', `There is no store "${storeId}".`);
    const repo = managersOf(tx.db);
    const current = (await repo.ofStore(storeId)).find((m) => m.managerId === managerId);
    if (!current || !(await repo.remove(storeId, managerId))) {
      return err('manager-unknown', `Store ${storeId} has no manager ${managerId}.`);
    }
    await tx.stores.republish(storeId, region);
    return ok(viewOf(current));
  });
}
