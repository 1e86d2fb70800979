import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { PairResponse } from '../../../../core/sync/protocol';
// The till's database module, for the RxDB plugins it adds (schema migration, leader election).
import '../../../../renderer/src/db/database';
import type { KassaDatabase, ProductDoc } from '../../../../renderer/src/db/database';
import { createJournalWriter, type JournalWriter } from '../../../../renderer/src/db/journal-writer';
import { startReplication, type ReplicationHandle } from '../../../../renderer/src/sync/replication';
import { createSyncStatusStore, type SyncStatusStore } from '../../../../renderer/src/sync/sync-status';
import type { Prng } from '../../../simulation/prng';
import type { QueueSample } from './flap-stall';
import { ringUp, type RungSale } from './flap-sale';
import { SELLING_COLLECTIONS } from '../../../support/selling-collections';

let counter = 0;

/**
 * The collections a selling till syncs — products (pulled, with the live feed stream), journal
 * (pushed), refusals — declared as renderer/src/db/database.ts declares them. Not the whole
 * database: RxDB's open-source build keeps at most 13 collections open in one process, and four
 * full tills (7 each) would not fit; four of these (3 each) do.
 */
async function openSellingDatabase(): Promise<KassaDatabase> {
  const db = await createRxDatabase({
    name: `flap${++counter}x${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
    eventReduce: true,
  });
  await db.addCollections(SELLING_COLLECTIONS);
  return db as unknown as KassaDatabase;
}

export interface FlapTill {
  terminalId: string;
  db: KassaDatabase;
  status: SyncStatusStore;
  replication: ReplicationHandle;
  /** Every sale the cashier saw completed, in order. */
  readonly sold: readonly RungSale[];
  /** The queue (local seq, acknowledged seq) at every change, timed with performance.now(). */
  readonly queue: readonly QueueSample[];
  /** One shopper served from the till's own catalogue (as far as it has pulled it). */
  sell(shopper: Prng): Promise<RungSale | undefined>;
  close(): Promise<void>;
}

/**
 * A till in Node selling while it syncs: the renderer's journal writer and sale builder, and its
 * replication (renderer/src/sync/replication.ts: the journal pushed live, the products pulled from
 * their checkpoint and kept live by the feed stream), all through `serverUrl` (a proxy).
 */
export async function openFlapTill(
  serverUrl: string,
  paired: PairResponse,
  members: readonly string[],
  /**
   * A planted bug, to prove the test can fail: every failed push waits this long before it is
   * tried again (replication.ts caps the wait at 4 s).
   */
  plantedBackoffMs?: number,
): Promise<FlapTill> {
  const db = await openSellingDatabase();
  const status = createSyncStatusStore();
  const queue: QueueSample[] = [];
  const unwatch = status.subscribe(() => {
    const { localSeq: local, ackSeq: ack } = status.get();
    const last = queue[queue.length - 1];
    if (!last || last.local !== local || last.ack !== ack) queue.push({ at: performance.now(), local, ack });
  });
  const replication = startReplication({
    db,
    endpoint: { serverUrl, token: paired.token },
    terminalId: paired.terminalId,
    status,
    readModels: ['products'],
  });
  // The planted bug: the journal's back-off after a failure is no longer the replication's own.
  const planted = plantedBackoffMs
    ? replication.journal!.error$.subscribe(() => (replication.journal!.retryTime = plantedBackoffMs))
    : undefined;
  const writer: JournalWriter = createJournalWriter({ db, resumePoint: async () => undefined });
  const sold: RungSale[] = [];
  return {
    terminalId: paired.terminalId,
    db,
    status,
    replication,
    sold,
    queue,
    async sell(shopper) {
      const products = (await db.products.find({ sort: [{ id: 'asc' }] }).exec())
        .map((d) => d.toJSON() as ProductDoc)
        .filter((p) => p.unit === 'each');
      if (products.length === 0) return undefined;
      const rung = await ringUp(writer, shopper, {
        terminalId: paired.terminalId,
        store: paired.store,
        products,
        members,
      });
      sold.push(rung);
      status.setLocalSeq(rung.sale.seq);
      return rung;
    },
    async close() {
      unwatch();
      planted?.unsubscribe();
      await replication.stop();
      await db.close();
    },
  };
}
