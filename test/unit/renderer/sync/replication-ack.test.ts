import { afterEach, describe, expect, it } from 'vitest';
import { createSyncStatusStore } from '../../../../renderer/src/sync/sync-status';
import { closeMemoryTills, json, openMemoryTill } from './support/memory-till';
import { saleChain } from '../../../integration/sync-server/support/sale-events';

/**
 * "N waiting" is the till's last seq minus the seq HQ has acknowledged. RxDB may send a push's
 * batches side by side (the fleet simulation, seed 1064, caught it): the server answering a later
 * batch first must not count an earlier one, still on its way, as at HQ.
 */

afterEach(closeMemoryTills);

describe('acknowledged seq', () => {
  it('never runs ahead of a batch that is still unanswered', async () => {
    const stored = new Set<number>();
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (!new URL(String(input)).pathname.endsWith('/journal/push'))
        return json(200, { documents: [], checkpoint: { serverSeq: 0 } });
      const rows = JSON.parse(String(init?.body)) as { newDocumentState: { seq: number } }[];
      const seqs = rows.map((r) => r.newDocumentState.seq);
      // Seq 2's answer is slow: the batches RxDB sends beside it are answered before it.
      if (seqs.includes(2)) await new Promise((r) => setTimeout(r, 300));
      for (const seq of seqs) stored.add(seq);
      return json(200, []);
    };
    const status = createSyncStatusStore();
    const ahead: string[] = [];
    status.subscribe(() => {
      const ack = status.get().ackSeq;
      for (let seq = 1; seq <= ack; seq++)
        if (!stored.has(seq)) ahead.push(`acknowledged ${ack} while seq ${seq} was not answered`);
    });
    await openMemoryTill(saleChain('T-1', 'S-1', 6), {
      status,
      fetch,
      pushBatchSize: 1,
    });
    await expect.poll(() => status.get().ackSeq, { timeout: 5_000 }).toBe(6);
    expect(ahead).toEqual([]);
  });
});
