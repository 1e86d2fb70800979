import { afterEach, describe, expect, it } from 'vitest';
import { closeMemoryTills, json, openMemoryTill } from './support/memory-till';
import { pushBodies } from '../../../../renderer/src/sync/replication';
import { waitingCount } from '../../../../renderer/src/sync/sync-status';
import { saleChain } from '../../../integration/sync-server/support/sale-events';

/**
 * A push batch is split by size: 100 maximal sales (1,000,000 characters each) in one request would
 * pass the server's body limit and be answered 413 forever.
 */
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** A server with a body limit that answers 413 above it, and a conflict for one id. */
function fakeServer(limitBytes: number, conflictId: string) {
  const stored = new Map<string, unknown>();
  const requests: number[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/pull')) return json(200, { documents: [], checkpoint: { serverSeq: 0 } });
    if (url.pathname.endsWith('/journal/push')) {
      const body = String(init?.body);
      requests.push(bytes(body));
      if (bytes(body) > limitBytes)
        return json(413, { error: { type: 'too-large', message: 'Body too large' } });
      const rows = JSON.parse(body) as { newDocumentState: { id: string } & Record<string, unknown> }[];
      const conflicts = [];
      for (const r of rows) {
        if (r.newDocumentState.id === conflictId)
          conflicts.push({ ...r.newDocumentState, hash: 'f'.repeat(64) });
        else stored.set(r.newDocumentState.id, r);
      }
      return json(200, conflicts);
    }
    return json(404, { error: { type: 'not-found', message: 'no such route' } });
  };
  return { fetch, stored, requests };
}

afterEach(closeMemoryTills);

describe('push request size', () => {
  it('splits maximal events into bodies of at most 4 MiB, in order, one event never split', () => {
    const big = (i: number) => ({ newDocumentState: { id: String(i), pad: 'é'.repeat(999_000) } });
    const rows = Array.from({ length: 12 }, (_, i) => big(i));
    const bodies = pushBodies(rows, 4 * 1024 * 1024);
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(bytes(b)).toBeLessThanOrEqual(4 * 1024 * 1024);
    const back = bodies.flatMap((b) => JSON.parse(b) as typeof rows);
    expect(back.map((r) => r.newDocumentState.id)).toEqual(rows.map((r) => r.newDocumentState.id));
    // A row above the budget on its own still goes (alone).
    expect(pushBodies([{ x: 'y'.repeat(100) }, { x: 1 }], 50)).toHaveLength(2);
    expect(pushBodies([], 50)).toEqual([]);
  });

  it('pushes a batch above the body limit as several requests and merges their conflicts', async () => {
    const events = saleChain('T-1', 'S-1', 30);
    const conflicting = events[17]!;
    const server = fakeServer(8_000, conflicting.id);
    const { status, replication } = await openMemoryTill(events, {
      fetch: server.fetch,
      pushBatchSize: 100,
      pushRequestBytes: 4_000,
    });
    await replication.journal!.awaitInitialReplication();
    await replication.journal!.awaitInSync();
    expect(server.requests.length).toBeGreaterThan(1);
    expect(Math.max(...server.requests)).toBeLessThanOrEqual(4_000);
    expect([...server.stored.keys()]).toEqual(events.filter((e) => e !== conflicting).map((e) => e.id));
    // The conflict of one request reached RxDB: the batch is not acknowledged as settled.
    expect(waitingCount(status.get())).toBeGreaterThan(0);
    expect(status.get().problem).toBeNull();
  });
});
