import { storeSettingsSchema, type StoreSettings } from '../../../core/store/store-settings';
import { err, ok, type Result } from '../../../core/result/result';
import type { Storage } from '../storage/storage';

export async function saveStore(
  storage: Storage,
  input: unknown,
  now: number,
): Promise<Result<StoreSettings, 'invalid-store'>> {
  const parsed = storeSettingsSchema.safeParse(input);
  if (!parsed.success) return err('invalid-store', parsed.error.issues.map((i) => i.message).join('; '));
  await storage.transaction((tx) => tx.stores.upsert(parsed.data, now));
  return ok(parsed.data);
}

export function listStores(storage: Storage): Promise<StoreSettings[]> {
  return storage.stores.list();
}
