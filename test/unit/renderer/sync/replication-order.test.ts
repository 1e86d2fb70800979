import { afterEach, describe, expect, it } from 'vitest';
import { createSyncStatusStore } from '../../../../renderer/src/sync/sync-status';
import { closeMemoryTills, json, openMemoryTill } from './support/memory-till';
import { saleChain } from '../../../integration/sync-server/support/sale-events';

/**
 * The balance rule counts a till's own events above the member's appliedThrough, the highest seq
 * of this till the server folded: the server must never fold a later seq while an earlier one is
 * still on the till. RxDB queues a backlog's batches side by side, and a failed one is retried
 * after a wait; the batches behind it must wait for it, not overtake it (the fleet simulation,
 * seed 1084, 100 steps: a points spend of seq 5 whose push was lost while seqs 6–8 went through
 * was dropped from the balance the till showed: 2,045 points for a member who had 491).
 */

afterEach(closeMemoryTills);

describe('push order', () => {
  it('never lets a later seq reach the server while an earlier one failed and waits for its retry', async () => {
    const stored: number[] = [];
    let failedOnce = false;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (!new URL(String(input)).pathname.endsWith('/journal/push'))
        return json(200, { documents: [], checkpoint: { serverSeq: 0 } });
      const seqs = (JSON.parse(String(init?.body)) as { newDocumentState: { seq: number } }[]).map(
        (r) => r.newDocumentState.seq,
      );
      // Seq 3's first request is lost on the way: the server never sees it.
      if (seqs.includes(3) && !failedOnce) {
        failedOnce = true;
        throw new TypeError('fetch failed: request lost');
      }
      stored.push(...seqs);
      return json(200, []);
    };
    const status = createSyncStatusStore();
    await openMemoryTill(saleChain('T-1', 'S-1', 6), { status, fetch, pushBatchSize: 1 });
    await expect.poll(() => status.get().ackSeq, { timeout: 10_000 }).toBe(6);
    expect(failedOnce).toBe(true);
    // In the order the server received them: each seq only once every seq before it is there.
    const overtaken = stored.filter((seq, i) => stored.slice(0, i).filter((s) => s < seq).length < seq - 1);
    expect(overtaken).toEqual([]);
    expect([...new Set(stored)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
