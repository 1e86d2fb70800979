import { err, ok, type Result } from '../../../../core/result/result';
import type { Storage } from '../../storage/storage';
import { DEFAULT_FOLD_CONFIG } from './default-projections';
import { catchUpStream, inFoldOrder } from './catch-up';
import { clearFoldedFailures } from '../exceptions/derived';
import type { FoldConfig } from './projection';

/** Names of the server's projections (sales, seq-tracking, …). */
export function projectionNames(config: FoldConfig = DEFAULT_FOLD_CONFIG): string[] {
  return config.projections.map((p) => p.name);
}

/**
 * Rebuilds one projection from the journal: its rows, cursors and fold failures are deleted, then
 * every stream is folded again from the start (the server's own stream last) — in one transaction, so readers see the old rows
 * or the new ones, never half. Folding is deterministic, so the result equals an incremental fold.
 */
export async function refoldProjection(
  storage: Storage,
  name: string,
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<Result<{ projection: string; events: number }, 'projection-unknown'>> {
  const projection = config.projections.find((p) => p.name === name);
  if (!projection) {
    return err(
      'projection-unknown',
      `No projection "${name}". Projections: ${projectionNames(config).join(', ')}.`,
    );
  }
  const events = await storage.transaction(async (tx) => {
    await projection.reset(tx);
    await tx.cursors.reset(name);
    await tx.foldFailures.reset(name);
    let n = 0;
    // The terminals' streams first, then the server's (its events refer to rows theirs made).
    for (const { streamId } of inFoldOrder(await tx.journal.streamHeads())) {
      n += (await catchUpStream(tx, config, projection, streamId, 0, now)).folded;
    }
    // Issue 10: the fold-failed findings of events that folded this time are cleared.
    await clearFoldedFailures(tx, name, now);
    return n;
  });
  return ok({ projection: name, events });
}
