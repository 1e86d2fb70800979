import { EventSource } from 'eventsource';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import type { Product } from '../../../../core/catalog/product';
import type { JournalEvent } from '../../../../core/journal/sale-event';
import { journalRxSchema } from '../../../../core/schema/journal.rx';
import { productsRxSchema } from '../../../../core/schema/products.rx';
import {
  journalPushResponseSchema,
  productPullResponseSchema,
  productStreamMessageSchema,
  syncPaths,
  type Checkpoint,
} from '../../../../core/sync/protocol';

/**
 * A terminal's replica in Node: RxDB with memory storage, the collections of core/schema, and
 * RxDB's own replicateRxCollection talking to the real server. Tests and benchmarks use it.
 */
export type TerminalDb = RxDatabase<{ journal: RxCollection<JournalEvent>; products: RxCollection<Product> }>;

let dbCounter = 0;
export async function createTerminalDb(): Promise<TerminalDb> {
  const db = (await createRxDatabase({
    name: `terminal${++dbCounter}${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
    eventReduce: true,
  })) as TerminalDb;
  await db.addCollections({ journal: { schema: journalRxSchema }, products: { schema: productsRxSchema } });
  return db;
}

export interface RemoteServer {
  url: string;
  token: string;
}

/** The push handler's transport; tests wrap it to lose answers or kill the server mid-push. */
export type PushTransport = (rows: unknown[]) => Promise<unknown[]>;

export function httpPushTransport(server: RemoteServer): PushTransport {
  return async (rows) => {
    const res = await fetch(new URL(syncPaths.push('journal'), server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    if (!res.ok) throw new Error(`push failed: HTTP ${res.status} ${await res.text()}`);
    return journalPushResponseSchema.parse(await res.json());
  };
}

export function replicateJournal(
  db: TerminalDb,
  server: RemoteServer,
  opts: { batchSize?: number; retryTime?: number; transport?: PushTransport } = {},
): RxReplicationState<JournalEvent, Checkpoint> {
  const transport = opts.transport ?? httpPushTransport(server);
  return replicateRxCollection<JournalEvent, Checkpoint>({
    collection: db.journal,
    replicationIdentifier: `journal-push-${server.url}`,
    live: true,
    retryTime: opts.retryTime ?? 1000,
    waitForLeadership: false,
    push: {
      batchSize: opts.batchSize ?? 100,
      handler: async (rows) => (await transport(rows)) as never,
    },
  });
}

export function replicateProducts(
  db: TerminalDb,
  server: RemoteServer,
  opts: { batchSize?: number; live?: boolean } = {},
): { state: RxReplicationState<Product, Checkpoint>; close(): void } {
  const stream$ = new Subject<{ documents: Product[]; checkpoint: Checkpoint } | 'RESYNC'>();
  let source: EventSource | undefined;
  if (opts.live ?? true) {
    source = new EventSource(new URL(syncPaths.stream('products'), server.url).toString(), {
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...init?.headers, authorization: `Bearer ${server.token}` } }),
    });
    source.onmessage = (e) =>
      stream$.next(productStreamMessageSchema.parse(JSON.parse(e.data as string)) as never);
    source.onerror = () => stream$.next('RESYNC');
  }
  const state = replicateRxCollection<Product, Checkpoint>({
    collection: db.products,
    replicationIdentifier: `products-pull-${server.url}`,
    live: opts.live ?? true,
    retryTime: 1000,
    waitForLeadership: false,
    pull: {
      batchSize: opts.batchSize ?? 1000,
      handler: async (checkpoint, batchSize) => {
        const after = checkpoint?.serverSeq ?? 0;
        const res = await fetch(
          new URL(`${syncPaths.pull('products')}?serverSeq=${after}&limit=${batchSize}`, server.url),
          { headers: { authorization: `Bearer ${server.token}` } },
        );
        if (!res.ok) throw new Error(`pull failed: HTTP ${res.status}`);
        return productPullResponseSchema.parse(await res.json());
      },
      stream$: stream$.asObservable(),
    },
  });
  return {
    state,
    close: () => {
      source?.close();
      stream$.complete();
    },
  };
}
