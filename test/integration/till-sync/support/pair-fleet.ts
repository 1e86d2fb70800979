import { ulid } from 'ulid';
import type { PairResponse } from '../../../../core/sync/protocol';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { saveStoreIn } from '../../../../sync-server/src/domain/stores';
import { hashSecret, newToken } from '../../../../sync-server/src/domain/tokens';
import { openStorage, type StorageConfig } from '../../../../sync-server/src/storage/open-storage';

/**
 * A fleet paired straight through the storage, before the server starts, in one transaction:
 * each till's row as pairing writes it (the hash of a fresh token), without HTTP, whose /pair is
 * rate-limited per address as it should be against guessing.
 */
export async function pairFleet(
  config: StorageConfig,
  store: StoreSettings,
  count: number,
): Promise<PairResponse[]> {
  const storage = await openStorage(config);
  try {
    const now = Date.now();
    return await storage.transaction(async (tx) => {
      const saved = await saveStoreIn(tx, store, now);
      const paired: PairResponse[] = [];
      for (let i = 0; i < count; i++) {
        const terminalId = `T${ulid(now)}`;
        const token = newToken();
        await tx.terminals.insert({
          terminalId,
          storeId: store.storeId,
          name: `Till ${i + 1}`,
          tokenHash: hashSecret(token),
          pairedAt: now,
        });
        paired.push({ terminalId, storeId: store.storeId, token, store: saved });
      }
      return paired;
    });
  } finally {
    await storage.close();
  }
}
