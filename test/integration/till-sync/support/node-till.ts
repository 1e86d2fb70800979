import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { PairResponse } from '../../../../core/sync/protocol';
import { syncPaths } from '../../../../core/sync/protocol';
import type { ReadModelName } from '../../../../core/sync/read-models';
import { createKassaDatabase, type KassaDatabase } from '../../../../renderer/src/db/database';
import { startReplication, type ReplicationHandle } from '../../../../renderer/src/sync/replication';
import { createSyncStatusStore, type SyncStatusStore } from '../../../../renderer/src/sync/sync-status';

/** Wraps the till's transport: to count calls, lose answers or kill the server mid-request. */
export type TransportWrapper = (inner: typeof fetch) => typeof fetch;

export interface NodeTill {
  terminalId: string;
  storeId: string;
  db: KassaDatabase;
  status: SyncStatusStore;
  replication: ReplicationHandle;
  /** Path (without query) of every request the till made, in order. */
  readonly requests: readonly string[];
  /** How many times the till opened a stream (feed or legacy), so far. */
  streamConnections(): number;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A till in Node: the renderer's own database (RxDB memory storage instead of Dexie) and the
 * renderer's own replication code (renderer/src/sync/replication.ts), against a real server.
 * Every request goes through a recording fetch, which the test may wrap further.
 */
export async function openNodeTill(
  server: { url: string },
  paired: PairResponse,
  opts: {
    wrap?: TransportWrapper;
    readModels?: readonly ReadModelName[];
    push?: boolean;
    live?: boolean;
    pullBatchSize?: number;
    pushBatchSize?: number;
    /** Runs on the fresh database before the replication starts (e.g. to fill the journal). */
    beforeStart?: (db: KassaDatabase) => Promise<void>;
  } = {},
): Promise<NodeTill> {
  const requests: string[] = [];
  const recording: typeof fetch = (input, init) => {
    requests.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return fetch(input, init);
  };
  const transport = opts.wrap ? opts.wrap(recording) : recording;
  const db = await createKassaDatabase(`till${++counter}x${Date.now()}`, 'relaxed', getRxStorageMemory());
  await opts.beforeStart?.(db);
  const status = createSyncStatusStore();
  const replication = startReplication({
    db,
    endpoint: { serverUrl: server.url, token: paired.token },
    terminalId: paired.terminalId,
    status,
    fetch: transport,
    ...(opts.readModels ? { readModels: opts.readModels } : {}),
    ...(opts.push !== undefined ? { push: opts.push } : {}),
    ...(opts.live !== undefined ? { live: opts.live } : {}),
    ...(opts.pullBatchSize ? { pullBatchSize: opts.pullBatchSize } : {}),
    ...(opts.pushBatchSize ? { pushBatchSize: opts.pushBatchSize } : {}),
  });
  return {
    terminalId: paired.terminalId,
    storeId: paired.storeId,
    db,
    status,
    replication,
    requests,
    streamConnections: () =>
      requests.filter((p) => p === syncPaths.feedStream || p === syncPaths.stream('products')).length,
    async close() {
      await replication.stop();
      await db.close();
    },
  };
}
