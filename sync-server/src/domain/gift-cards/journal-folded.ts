import { SERVER_TERMINAL_ID } from '../../../../core/journal/server-events';
import type { StorageTx } from '../../storage/storage';
import type { FoldInput } from '../projections/projection';

/**
 * Whether, after this batch, a projection has folded the whole journal: true for every push and
 * every server append (the server's stream is always folded to its head when a till's batch
 * comes), false while a refold or a start-up catch-up folds the tills' streams before the
 * server's — whose events issue and top up the cards those streams spend. A judgement made then
 * would see spends without the value they spent; the projection waits for the server's stream.
 */
export async function wholeJournalFolded(
  tx: StorageTx,
  projection: string,
  inputs: readonly FoldInput[],
): Promise<boolean> {
  const head = await tx.journal.streamHeadBefore(SERVER_TERMINAL_ID, Number.MAX_SAFE_INTEGER);
  if (head === 0) return true;
  let lastInBatch = 0;
  for (const i of inputs) {
    if (i.envelope.terminalId === SERVER_TERMINAL_ID) lastInBatch = Math.max(lastInBatch, i.serverSeq);
  }
  if (lastInBatch >= head) return true;
  return ((await tx.cursors.ofStream(SERVER_TERMINAL_ID)).get(projection) ?? 0) >= head;
}
