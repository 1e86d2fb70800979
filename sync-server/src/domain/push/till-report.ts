import { pendingCountSchema, type JournalPushRow } from '../../../../core/sync/protocol';
import type { Repos } from '../../storage/storage';
import type { TerminalIdentity } from '../terminal-auth';

/**
 * Records what a till said with a push for the store's sync status: the count of events still
 * waiting on it once this push is stored (the optional pending header counts this push's events
 * too, so the ones the server stored are taken off; absent or unreadable from an older till, which
 * then keeps its last report) and the clock skew of the newest event it pushed (server receive time minus the
 * event's createdAt). Never refuses a push: a report is information, not a condition. The push
 * route records it inside the push's transaction (one commit, one fsync, for both).
 */
export async function recordTillReport(
  repos: Pick<Repos, 'terminals'>,
  who: TerminalIdentity,
  rows: readonly JournalPushRow[],
  pendingHeader: unknown,
  now: number,
  refused = 0,
): Promise<void> {
  // A refused event stays on the till; a stored one (or one the server already held) is acked.
  const settled = rows.length - refused;
  const pending = pendingCountSchema.safeParse(pendingHeader);
  const newest = rows.reduce<number | undefined>((n, { newDocumentState: d }) => {
    const at = (d as { createdAt?: unknown }).createdAt;
    return typeof at === 'number' && Number.isSafeInteger(at) && (n === undefined || at > n) ? at : n;
  }, undefined);
  await repos.terminals.recordReport(
    who.terminalId,
    {
      ...(pendingHeader !== undefined && pending.success
        ? { pending: Math.max(0, pending.data - settled) }
        : {}),
      ...(newest !== undefined ? { clockSkewMs: now - newest } : {}),
    },
    now,
  );
}
