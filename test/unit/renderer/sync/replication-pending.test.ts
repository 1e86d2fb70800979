import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { PENDING_HEADER } from '../../../../core/sync/protocol';
import { createKassaDatabase, type KassaDatabase } from '../../../../renderer/src/db/database';
import { startReplication, type ReplicationHandle } from '../../../../renderer/src/sync/replication';
import { createSyncStatusStore } from '../../../../renderer/src/sync/sync-status';
import { saleChain } from '../../../integration/sync-server/support/sale-events';

/** Every push tells the server how many events are waiting on the till, for the store's sync status. */
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let db: KassaDatabase | undefined;
let replication: ReplicationHandle | undefined;
afterEach(async () => {
  await replication?.stop();
  await db?.close();
});

describe('push reports what is waiting', () => {
  it("sends the count of events not yet acknowledged with each push, this push's own included", async () => {
    const seen: (string | null)[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/journal/push')) {
        seen.push(new Headers(init?.headers).get(PENDING_HEADER));
        return json(200, []);
      }
      return json(200, { documents: [], checkpoint: { serverSeq: 0 } });
    };
    db = await createKassaDatabase(`pending${Date.now()}`, 'relaxed', getRxStorageMemory());
    const status = createSyncStatusStore();
    await db.journal.bulkInsert(saleChain('T-1', 'S-1', 3));
    status.setLocalSeq(3);
    replication = startReplication({
      db,
      endpoint: { serverUrl: 'http://kassa.test', token: 't' },
      terminalId: 'T-1',
      status,
      fetch,
      readModels: [],
    });
    await replication.journal!.awaitInitialReplication();
    await replication.journal!.awaitInSync();
    expect(seen[0]).toBe('3');
    expect(status.get().ackSeq).toBe(3);
  });
});
