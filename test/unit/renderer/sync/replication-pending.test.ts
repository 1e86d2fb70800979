import { afterEach, describe, expect, it } from 'vitest';
import { closeMemoryTills, json, openMemoryTill } from './support/memory-till';
import { PENDING_HEADER } from '../../../../core/sync/protocol';
import { saleChain } from '../../../integration/sync-server/support/sale-events';

/** Every push tells the server how many events are waiting on the till, for the store's sync status. */

afterEach(closeMemoryTills);

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
    const { status, replication } = await openMemoryTill(saleChain('T-1', 'S-1', 3), {
      fetch,
    });
    await replication.journal!.awaitInitialReplication();
    await replication.journal!.awaitInSync();
    expect(seen[0]).toBe('3');
    expect(status.get().ackSeq).toBe(3);
  });
});
