import type { Storage, StorageTx } from '../../storage/storage';
import { foldInputOf } from './fold-inputs';
import type { FoldConfig, FoldInput, Projection } from './projection';
import { raisePostAdmissionChecks } from '../push/post-admission-checks';
import { foldInto } from './run-projection';
import { SERVER_TERMINAL_ID } from '../../../../core/journal/server-events';
import { lockServerStream } from '../server-stream/lock';
import { clearParked } from '../exceptions/derived';

const PAGE = 500;

/**
 * Folds one stream's events after `cursor` into a projection and moves the cursor: how a
 * projection added by a server upgrade (or rebuilt by refold) reaches the journal's head. Events
 * still parked are skipped — unparkEvents folds them, once, when they are understood. The caller
 * holds the stream's terminal lock (or SQLite's one write lock).
 */
export async function catchUpStream(
  tx: StorageTx,
  config: FoldConfig,
  projection: Projection,
  streamId: string,
  cursor: number,
  now: number,
): Promise<{ folded: number; cursor: number }> {
  let folded = 0;
  for (;;) {
    const rows = await tx.journal.page(cursor, PAGE, streamId);
    if (rows.length === 0) break;
    const last = (rows[rows.length - 1] as { server_seq: number }).server_seq;
    // Only this page's parked events: never the whole parked set of every stream.
    const parked =
      projection.reads === 'events'
        ? await tx.parked.serverSeqsBetween(streamId, cursor, last)
        : new Set<number>();
    const inputs = rows.filter((r) => !parked.has(r.server_seq)).map((r) => foldInputOf(r, config.registry));
    // Events a laxer server stored get the push's checks at today's rules (raised once: dedupe keys).
    if (projection.reads === 'events') await raisePostAdmissionChecks(tx, inputs, now);
    await foldInto(tx, projection, inputs, now);
    folded += rows.length;
    cursor = last;
    await tx.cursors.set(projection.name, streamId, cursor);
  }
  return { folded, cursor };
}

/**
 * At start: every projection of every stream up to the journal's head, one stream per transaction.
 * Each transaction locks the stream's terminal row first and only then reads the cursors, so two
 * instances starting together fold a stream once: the second waits, then finds the cursors at the
 * head (a push holds the same lock, so it never folds a stream at the same time either).
 */
export async function catchUpProjections(storage: Storage, config: FoldConfig, now: number): Promise<number> {
  let folded = 0;
  for (const { streamId, serverSeq: head } of inFoldOrder(await storage.journal.streamHeads())) {
    folded += await storage.transaction(async (tx) => {
      await lockStream(tx, streamId);
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
 * The order streams are folded in when a projection is rebuilt or catches up: the terminals'
 * streams first, then the server's own stream (`hq`), whose events refer to rows the terminals'
 * events made (a posting names a sale's pending row, an expiry a lot).
 */
export function inFoldOrder<S extends { streamId: string }>(streams: readonly S[]): S[] {
  return [
    ...streams.filter((s) => s.streamId !== SERVER_TERMINAL_ID),
    ...streams.filter((s) => s.streamId === SERVER_TERMINAL_ID),
  ];
}

/** A till's stream is held by its terminal row, the server's by its seq counter row. */
export async function lockStream(tx: StorageTx, streamId: string): Promise<void> {
  if (streamId === SERVER_TERMINAL_ID) await lockServerStream(tx);
  else await tx.terminals.lock(streamId);
}

/**
 * At start: parked events this server now understands (a newer type or version) are folded into
 * every projection that reads events, and leave the parked list. Their serverSeq is behind the
 * cursors already, so this is the one place that folds them. Per terminal, a page per
 * transaction, under the terminal's lock with the page read inside it: every parked event is
 * reached (however many), and two instances never fold one twice.
 */
export async function unparkEvents(storage: Storage, config: FoldConfig, now: number): Promise<number> {
  let unparked = 0;
  for (const terminalId of await storage.parked.terminalIds()) {
    let after = 0;
    for (;;) {
      const page = await storage.transaction(async (tx) => {
        await tx.terminals.lock(terminalId);
        const parked = await tx.parked.page(after, PAGE, terminalId);
        if (parked.length === 0) return undefined;
        const rows = await tx.journal.byServerSeqs(parked.map((p) => p.server_seq));
        const inputs: FoldInput[] = [];
        for (const row of rows) {
          const input = foldInputOf(row, config.registry);
          if (!input.event && input.invalid === undefined) continue; // still not understood
          inputs.push(input);
        }
        // What the push could not check while the event was parked: totals, the store's currency.
        await raisePostAdmissionChecks(tx, inputs, now);
        for (const p of config.projections) if (p.reads === 'events') await foldInto(tx, p, inputs, now);
        for (const i of inputs) {
          await tx.parked.remove(i.serverSeq);
          await clearParked(tx, i.envelope.terminalId, i.envelope.id, now);
        }
        return {
          unparked: inputs.length,
          last: (parked[parked.length - 1] as { server_seq: number }).server_seq,
        };
      });
      if (!page) break;
      unparked += page.unparked;
      after = page.last;
    }
  }
  return unparked;
}
