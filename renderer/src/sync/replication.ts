import type { WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import {
  journalPushResponseSchema,
  productPullResponseSchema,
  syncPaths,
  type Checkpoint,
} from '../../../core/sync/protocol';
import type { JournalDoc, KassaDatabase, ProductDoc } from '../db/database';
import { productStream } from './product-stream';
import { SyncHttpError, syncCall, type SyncEndpoint } from './sync-api';
import type { SyncStatusStore } from './sync-status';

export interface ReplicationHandle {
  products: RxReplicationState<ProductDoc, Checkpoint>;
  journal: RxReplicationState<JournalDoc, unknown>;
  stop(): Promise<void>;
}

export interface ReplicationOptions {
  db: KassaDatabase;
  endpoint: SyncEndpoint;
  terminalId: string;
  status: SyncStatusStore;
  now?: () => number;
}

const PULL_BATCH = 1_000;
const PUSH_BATCH = 100;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 4_000;

/**
 * RxDB's own replication, two ways:
 * - products: pull by `serverSeq` checkpoint, plus the live SSE stream (server wins; read-only here);
 * - journal: push only. The server stores an event pushed twice once, so a push repeated after a
 *   crash or a lost answer is harmless; RxDB's push checkpoint is kept in IndexedDB, so a reload
 *   resumes with the events not yet acknowledged.
 * Failed calls are retried by RxDB after `retryTime`, which we double after each failure (capped)
 * and reset after a success: backoff while the server is away, quick recovery when it is back.
 */
export function startReplication({
  db,
  endpoint,
  terminalId,
  status,
  now = Date.now,
}: ReplicationOptions): ReplicationHandle {
  const replicationId = (what: string) => `kassa-${what}-${terminalId}-${endpoint.serverUrl}`;
  const succeeded = () => status.reportOnline(now());
  // A call that failed: unreachable is "offline"; an answer that refuses is a problem to show.
  const failed = (e: unknown): never => {
    if (e instanceof SyncHttpError && e.status !== 'offline') status.reportProblem(e.message);
    else if (e instanceof SyncHttpError) status.reportOffline();
    else status.reportProblem(`Unexpected answer from the sync server: ${(e as Error).message}`);
    throw e;
  };

  const products = replicateRxCollection<ProductDoc, Checkpoint>({
    collection: db.products,
    replicationIdentifier: replicationId('products'),
    live: true,
    retryTime: RETRY_MIN_MS,
    waitForLeadership: false,
    pull: {
      batchSize: PULL_BATCH,
      async handler(checkpoint, batchSize) {
        const query = new URLSearchParams({
          serverSeq: String(checkpoint?.serverSeq ?? 0),
          limit: String(batchSize),
        });
        const page = await syncCall(
          endpoint,
          `${syncPaths.pull('products')}?${query}`,
          productPullResponseSchema,
        ).catch(failed);
        succeeded();
        return { documents: page.documents, checkpoint: page.checkpoint };
      },
      stream$: productStream(endpoint, { onOpen: succeeded, onError: () => status.reportOffline() }),
    },
  });

  const journal = replicateRxCollection<JournalDoc, unknown>({
    collection: db.journal,
    replicationIdentifier: replicationId('journal'),
    live: true,
    retryTime: RETRY_MIN_MS,
    waitForLeadership: false,
    push: {
      batchSize: PUSH_BATCH,
      async handler(rows) {
        const conflicts = await syncCall(endpoint, syncPaths.push('journal'), journalPushResponseSchema, {
          method: 'POST',
          body: JSON.stringify(rows),
        }).catch(failed);
        succeeded();
        // Everything not answered as a conflict is stored on the server. A conflict on the
        // insert-only journal is a tamper case the server records; it is not acknowledged.
        const refused = new Set(conflicts.map((c) => c.id));
        const accepted = rows.map((r) => r.newDocumentState).filter((d) => !refused.has(d.id));
        const highest = Math.max(0, ...accepted.map((d) => d.seq));
        if (highest > 0 && refused.size === 0) status.acknowledge(highest);
        return conflicts as unknown as WithDeleted<JournalDoc>[];
      },
    },
  });

  const subs = [products, journal].map((state) =>
    state.error$.subscribe(() => {
      state.retryTime = Math.min((state.retryTime ?? RETRY_MIN_MS) * 2, RETRY_MAX_MS);
    }),
  );
  const online = status.subscribe(() => {
    if (status.get().online) for (const s of [products, journal]) s.retryTime = RETRY_MIN_MS;
  });
  // 'syncing' until the first full catalogue pull has landed, then whenever a pull runs.
  let stopped = false;
  status.setPulling(true);
  let pulling: { unsubscribe(): void } | undefined;
  void products.awaitInitialReplication().then(() => {
    status.setPulling(false);
    if (!stopped) pulling = products.active$.subscribe((active) => status.setPulling(active));
  });

  return {
    products,
    journal,
    async stop() {
      stopped = true;
      online();
      pulling?.unsubscribe();
      subs.forEach((s) => s.unsubscribe());
      await Promise.all([products.cancel(), journal.cancel()]);
    },
  };
}
