import type { Storage, StorageTx } from '../../storage/storage';
import { foldInputOf } from './fold-inputs';
import type { FoldConfig, Projection } from './projection';
import { foldInto } from './run-projection';

const PAGE = 500;

/**
 * Folds one stream's events after `cursor` into a projection and moves the cursor: how a
 * projection added by a server upgrade (or rebuilt by refold) reaches the journal's head. Events
 * still parked are skipped — unparkEvents folds them, once, when they are understood.
 */
export async function catchUpStream(
  tx: StorageTx,
  config: FoldConfig,
  projection: Projection,
  streamId: string,
  cursor: number,
  now: number,
): Promise<{ folded: number; cursor: number }> {
  const parked = projection.reads === 'events' ? await tx.parked.serverSeqs() : new Set<number>();
  let folded = 0;
  for (;;) {
    const rows = await tx.journal.page(cursor, PAGE, streamId);
    if (rows.length === 0) break;
    const inputs = rows.filter((r) => !parked.has(r.server_seq)).map((r) => foldInputOf(r, config.registry));
    await foldInto(tx, projection, inputs, now);
    folded += rows.length;
    cursor = (rows[rows.length - 1] as { server_seq: number }).server_seq;
    await tx.cursors.set(projection.name, streamId, cursor);
  }
  return { folded, cursor };
}

/** At start: every projection of every stream up to the journal's head, one stream per transaction. */
export async function catchUpProjections(storage: Storage, config: FoldConfig, now: number): Promise<number> {
  let folded = 0;
  for (const { streamId, serverSeq: head } of await storage.journal.streamHeads()) {
    folded += await storage.transaction(async (tx) => {
      const cursors = await tx.cursors.ofStream(streamId);
      let n = 0;
      for (const p of config.projections) {
        const at = cursors.get(p.name) ?? 0;
        if (at < head) n += (await catchUpStream(tx, config, p, streamId, at, now)).folded;
      }
      return n;
    });
  }
  return folded;
}

/**
 * At start: parked events this server now understands (a newer type or version) are folded into
 * every projection that reads events, and leave the parked list. Their serverSeq is behind the
 * cursors already, so this is the one place that folds them.
 */
export async function unparkEvents(storage: Storage, config: FoldConfig, now: number): Promise<number> {
  return storage.transaction(async (tx) => {
    const parked = await tx.parked.list();
    const rows = await tx.journal.byServerSeqs(parked.map((p) => p.server_seq));
    let unparked = 0;
    for (const row of rows) {
      const input = foldInputOf(row, config.registry);
      if (!input.event && input.invalid === undefined) continue; // still not understood
      for (const p of config.projections) if (p.reads === 'events') await foldInto(tx, p, [input], now);
      await tx.parked.remove(row.server_seq);
      unparked++;
    }
    return unparked;
  });
}
