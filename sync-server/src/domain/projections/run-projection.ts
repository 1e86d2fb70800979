import type { StorageTx } from '../../storage/storage';
import type { FoldInput, Projection } from './projection';
import { raiseFoldFailed } from '../exceptions/derived';

/**
 * Folds a batch into one projection so that one bad event can never stop the others:
 *  1. the whole batch inside one savepoint (the normal case: two extra statements per batch);
 *  2. if that throws, its writes are rolled back and the batch is folded again ONE EVENT PER
 *     SAVEPOINT: an event that still throws leaves no trace, is recorded as a fold failure (listed
 *     to the manager as `fold-failed`, retried by `refold`) and the projection goes on.
 * Returns how many events failed.
 */
export async function foldInto(
  tx: StorageTx,
  projection: Projection,
  inputs: readonly FoldInput[],
  now: number,
  /**
   * 'unguarded': no savepoint of its own, a throw propagates — for a caller that holds one savepoint
   * around several projections and, should any throw, folds them again one by one guarded (the push:
   * two statements per batch instead of two per projection, a round trip each on PostgreSQL).
   */
  mode: 'guarded' | 'unguarded' = 'guarded',
): Promise<number> {
  const fold = mode === 'guarded' ? foldWithRetry : foldUnguarded;
  if (projection.reads === 'envelope') {
    // The envelope comes from the journal's own columns: a body this server cannot read is no
    // reason for a projection of envelopes (seq tracking) to skip the event and see a false gap.
    const envelopes = inputs.map(({ invalid: _invalid, ...i }) => i);
    return fold(tx, projection, envelopes, now);
  }
  const relevant = inputs.filter(
    (i) => i.invalid !== undefined || (i.event !== undefined && (projection.wants?.(i.event) ?? true)),
  );
  if (relevant.length === 0) return 0;
  const foldable = relevant.filter((i) => i.invalid === undefined);
  let failures = 0;
  for (const i of relevant) {
    if (i.invalid !== undefined) {
      await recordFailure(
        tx,
        projection,
        i,
        `The stored event does not match this server's schema — ${i.invalid}`,
        now,
      );
      failures++;
    }
  }
  return failures + (await fold(tx, projection, foldable, now));
}

async function foldUnguarded(
  tx: StorageTx,
  projection: Projection,
  foldable: readonly FoldInput[],
): Promise<number> {
  if (foldable.length > 0) await projection.fold(tx, foldable);
  return 0;
}

async function foldWithRetry(
  tx: StorageTx,
  projection: Projection,
  foldable: readonly FoldInput[],
  now: number,
): Promise<number> {
  if (foldable.length === 0) return 0;
  let failures = 0;
  try {
    await tx.savepoint(() => projection.fold(tx, foldable));
    return failures;
  } catch {
    for (const i of foldable) {
      try {
        await tx.savepoint(() => projection.fold(tx, [i]));
      } catch (e) {
        await recordFailure(tx, projection, i, e instanceof Error ? e.message : String(e), now);
        failures++;
      }
    }
    return failures;
  }
}

async function recordFailure(
  tx: StorageTx,
  projection: Projection,
  i: FoldInput,
  error: string,
  now: number,
): Promise<void> {
  await tx.foldFailures.insert({
    projection: projection.name,
    server_seq: i.serverSeq,
    event_id: i.envelope.id,
    terminal_id: i.envelope.terminalId,
    store_id: i.envelope.storeId,
    seq: i.envelope.seq,
    error: error.slice(0, 2_000),
    failed_at: now,
  });
  // Issue 10: a manager sees it as a `fold-failed` exception until a refold folds it.
  await raiseFoldFailed(
    tx,
    {
      projection: projection.name,
      terminalId: i.envelope.terminalId,
      storeId: i.envelope.storeId,
      eventId: i.envelope.id,
      seq: i.envelope.seq,
      error,
    },
    now,
  );
}
