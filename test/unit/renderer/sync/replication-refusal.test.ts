import { afterEach, describe, expect, it } from 'vitest';
import { closeMemoryTills, json, openMemoryTill } from './support/memory-till';
import type { PushRefusedBody } from '../../../../core/sync/protocol';
import { waitingCount } from '../../../../renderer/src/sync/sync-status';
import { saleChain } from '../../../integration/sync-server/support/sale-events';

/**
 * The till's push handler against a server that refuses one event of a batch (422
 * `event-refused`, every other event stored): the refusal is noted durably, RxDB moves on, later
 * events still go out, and the refused event stays in the journal as it was.
 */

function fakeServer(refuseId: string) {
  const stored = new Map<string, unknown>();
  const pushes: string[][] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/pull')) return json(200, { documents: [], checkpoint: { serverSeq: 0 } });
    if (url.pathname.endsWith('/journal/push')) {
      const rows = JSON.parse(String(init?.body)) as { newDocumentState: { id: string; seq: number } }[];
      pushes.push(rows.map((r) => r.newDocumentState.id));
      const refused = rows.filter((r) => r.newDocumentState.id === refuseId);
      for (const r of rows) if (r.newDocumentState.id !== refuseId) stored.set(r.newDocumentState.id, r);
      if (refused.length === 0) return json(200, []);
      const body: PushRefusedBody = {
        error: {
          type: 'event-refused',
          message: '1 event refused',
          path: '',
          stored: rows.length - refused.length,
          conflicts: [],
          refused: refused.map((r) => ({
            id: r.newDocumentState.id,
            seq: r.newDocumentState.seq,
            type: 'sale',
            reason: 'too-many-lines',
            path: 'lines',
            message: 'A sale has at most 500 lines; this one has 501.',
          })),
        },
      };
      return json(422, body);
    }
    return json(404, { error: { type: 'not-found', message: 'no such route' } });
  };
  return { fetch, stored, pushes };
}

afterEach(closeMemoryTills);

describe('a push the server partly refuses', () => {
  it('notes the refused event, keeps it in the journal, and goes on with the later events', async () => {
    const events = saleChain('T-1', 'S-1', 12);
    const refused = events[4]!;
    const server = fakeServer(refused.id);
    const { db, status, replication } = await openMemoryTill(events.slice(0, 8), {
      fetch: server.fetch,
      pushBatchSize: 5,
      now: () => 1_234,
    });
    await replication.journal!.awaitInitialReplication();
    await replication.journal!.awaitInSync();
    // A later sale, written after the refusal, still goes out.
    await db.journal.bulkInsert(events.slice(8));
    status.setLocalSeq(12);
    await replication.journal!.awaitInSync();

    expect([...server.stored.keys()]).toEqual(events.filter((e) => e !== refused).map((e) => e.id));
    expect(server.pushes.flat().filter((id) => id === refused.id)).toHaveLength(1);
    const notes = (await db.refusals.find().exec()).map((d) => d.toJSON());
    expect(notes).toEqual([
      {
        id: refused.id,
        seq: 5,
        type: 'sale',
        reason: 'too-many-lines',
        path: 'lines',
        message: 'A sale has at most 500 lines; this one has 501.',
        refusedAt: 1_234,
      },
    ]);
    expect((await db.journal.findOne(refused.id).exec())?.hash).toBe(refused.hash);
    await expect.poll(() => status.get().refused.map((r) => r.id)).toEqual([refused.id]);
    expect(waitingCount(status.get())).toBe(0);
    expect(status.get().problem).toBeNull();
  });
});
