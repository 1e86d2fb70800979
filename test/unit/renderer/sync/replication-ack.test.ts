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

describe('acknowledged seq across a reload', () => {
  it('does not go back when the closed session hears its push answered after the new one stored more', async () => {
    // The simulation's seed 1621 at 100 steps: seq 1's push was held 18 s, the till reloaded and
    // pushed seqs 1-2, and then seq 1's answer came back to the closed session.
    let stored = 0;
    const storage = { loadAck: () => stored, saveAck: (n: number) => (stored = n) };
    let releaseHeld: () => void = () => undefined;
    const held = new Promise<void>((r) => (releaseHeld = r));
    let first = true;
    const fetch: typeof globalThis.fetch = async (input) => {
      if (!new URL(String(input)).pathname.endsWith('/journal/push'))
        return json(200, { documents: [], checkpoint: { serverSeq: 0 } });
      if (first) {
        first = false;
        await held;
      }
      return json(200, []);
    };
    const events = saleChain('T-1', 'S-1', 2);
    const before = await openMemoryTill(events.slice(0, 1), {
      status: createSyncStatusStore(storage),
      fetch,
    });
    await expect.poll(() => first).toBe(false);
    const stopping = before.replication.stop();

    const after = await openMemoryTill(events, { status: createSyncStatusStore(storage), fetch });
    await expect.poll(() => after.status.get().ackSeq, { timeout: 5_000 }).toBe(2);
    releaseHeld();
    await stopping;
    await expect.poll(() => before.status.get().ackSeq).toBe(1);

    expect(createSyncStatusStore(storage).get().ackSeq).toBe(2);
  });
});
