import {
  journalPushResponseSchema,
  PENDING_HEADER,
  pushRefusedBodySchema,
  syncPaths,
  terminalInfoSchema,
} from '../../../core/sync/protocol';
import type { KassaDatabase } from '../db/database';
import { SyncHttpError, syncCall, type SyncEndpoint } from './sync-api';
import { waitingCount, type SyncStatusStore } from './sync-status';

export interface ServerLossCheckOptions {
  db: KassaDatabase;
  endpoint: SyncEndpoint;
  status: SyncStatusStore;
  transport?: typeof fetch;
  /** Journal events read and pushed per round. */
  batchSize: number;
  /** Splits one round into request bodies (replication.ts pushBodies and its byte budget). */
  bodies: (rows: readonly unknown[]) => string[];
}

/** What one check found: `unknown` = a server that does not say (an older release). */
export type ServerLossOutcome =
  | { kind: 'unknown' }
  | { kind: 'intact' }
  | { kind: 'repushed'; fromSeq: number; events: number };

/**
 * Did the server lose journal events it had acknowledged (its database restored from a backup
 * older than this till's acknowledgement)? RxDB's push checkpoint says they were pushed, so RxDB
 * never pushes them again: this check asks /sync/v1/terminal for the server's contiguousSeq and,
 * below the till's acknowledged seq, pushes every event above it again through the same push
 * endpoint. The server stores an event it already has once, so pushing one twice is harmless.
 *
 * A seq the server refused (noted in `refusals`) stays a hole at the server forever, so its
 * contiguousSeq stops below it: with such a hole in the range, only a server whose last seq is
 * below the acknowledged one counts as having lost events (else every start would push the
 * events after the hole again).
 */
export async function checkServerLoss(o: ServerLossCheckOptions): Promise<ServerLossOutcome> {
  const ack = o.status.get().ackSeq;
  // Nothing acknowledged yet, nothing to lose: no call.
  if (ack === 0) return { kind: 'intact' };
  const info = await syncCall(o.endpoint, syncPaths.terminal, terminalInfoSchema, {}, o.transport);
  if (info.contiguousSeq === undefined) return { kind: 'unknown' };
  const from = info.contiguousSeq;
  if (from >= ack) return { kind: 'intact' };
  const refused = new Set(
    (await o.db.refusals.find().exec()).map((r) => r.seq).filter((s): s is number => s !== null),
  );
  const holeIsRefusal = [...refused].some((s) => s > from && s <= ack);
  if (holeIsRefusal && info.lastSeq >= ack) return { kind: 'intact' };

  // Until they are pushed again, the events the server lost wait again on this till.
  o.status.serverLostAbove(from);
  let after = from;
  let events = 0;
  for (;;) {
    const docs = await o.db.journal
      .find({ selector: { seq: { $gt: after } }, sort: [{ seq: 'asc' }], limit: o.batchSize })
      .exec();
    if (docs.length === 0) break;
    after = docs[docs.length - 1]!.seq;
    // The row as RxDB's push sends it; a refused event would only be refused again.
    const rows = docs
      .filter((d) => !refused.has(d.seq))
      .map((d) => ({ newDocumentState: { ...d.toJSON(), _deleted: false } }));
    for (const body of o.bodies(rows)) await pushAgain(o, body);
    events += rows.length;
    o.status.acknowledge(after);
  }
  return { kind: 'repushed', fromSeq: from + 1, events };
}

async function pushAgain(o: ServerLossCheckOptions, body: string): Promise<void> {
  try {
    await syncCall(
      o.endpoint,
      syncPaths.push('journal'),
      journalPushResponseSchema,
      {
        method: 'POST',
        body,
        headers: { [PENDING_HEADER]: String(waitingCount(o.status.get())) },
      },
      o.transport,
    );
  } catch (e) {
    // 422 event-refused: every other event of the body was stored, as in the replication push.
    const refusal = e instanceof SyncHttpError && e.status === 422 && pushRefusedBodySchema.safeParse(e.body);
    if (!refusal || !refusal.success) throw e;
  }
}

/**
 * Runs the check one at a time: a trigger while one runs is dropped (that run reads the server's
 * state after the trigger anyway). A failed check is left for the next trigger (the stream's
 * reconnect), and its error to `onError`.
 */
export function serverLossChecker(
  o: ServerLossCheckOptions,
  onError: (e: unknown) => void,
): { run(): Promise<ServerLossOutcome | undefined> } {
  let running: Promise<ServerLossOutcome | undefined> | undefined;
  return {
    run() {
      running ??= checkServerLoss(o)
        .catch((e: unknown) => {
          onError(e);
          return undefined;
        })
        .finally(() => (running = undefined));
      return running;
    },
  };
}
