import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { JournalEvent } from '../../../../../core/journal/sale-event';
import { createKassaDatabase, type KassaDatabase } from '../../../../../renderer/src/db/database';
import {
  startReplication,
  type ReplicationHandle,
  type ReplicationOptions,
} from '../../../../../renderer/src/sync/replication';
import { createSyncStatusStore, type SyncStatusStore } from '../../../../../renderer/src/sync/sync-status';

/** A JSON answer of a fake sync server. */
export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export interface MemoryTill {
  db: KassaDatabase;
  status: SyncStatusStore;
  replication: ReplicationHandle;
  /** Writes more sales, as the till does after a sale: journal first, then the local seq. */
  sell(events: readonly JournalEvent[]): Promise<void>;
}

const open: MemoryTill[] = [];

/**
 * Terminal T-1's database on RxDB's memory storage with `journal` written, and the till's real
 * replication against `fetch` (no read models unless asked; a status store of its own unless given,
 * for a test that watches it from the start). Close it with closeMemoryTills().
 */
export async function openMemoryTill(
  journal: readonly JournalEvent[],
  {
    status = createSyncStatusStore(),
    ...options
  }: Pick<ReplicationOptions, 'fetch'> & Partial<Omit<ReplicationOptions, 'db'>>,
): Promise<MemoryTill> {
  const db = await createKassaDatabase(`till-${open.length}-${Date.now()}`, 'relaxed', getRxStorageMemory());
  const sell = async (events: readonly JournalEvent[]) => {
    if (events.length === 0) return;
    await db.journal.bulkInsert([...events]);
    status.setLocalSeq(Math.max(status.get().localSeq, ...events.map((e) => e.seq)));
  };
  await sell(journal);
  const replication = startReplication({
    endpoint: { serverUrl: 'http://kassa.test', token: 't' },
    terminalId: 'T-1',
    readModels: [],
    ...options,
    db,
    status,
  });
  const till = { db, status, replication, sell };
  open.push(till);
  return till;
}

export async function closeMemoryTills(): Promise<void> {
  for (const t of open.splice(0)) {
    await t.replication.stop();
    await t.db.close();
  }
}
