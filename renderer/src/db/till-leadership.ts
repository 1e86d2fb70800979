import type { RxDatabase } from 'rxdb';

/**
 * The part of RxDB's leader elector (rxdb/plugins/leader-election, on broadcast-channel's Web
 * Locks elector in Chromium) this module needs.
 */
export interface TillElector {
  readonly isLeader: boolean;
  hasLeader(): Promise<boolean>;
  awaitLeadership(): Promise<void>;
}

/**
 * Resolves once this window is the one till of its terminal: RxDB's leader among every window
 * that opened the same database. A second window (a second tab of the browser fallback) waits
 * here, and is told so through `onWaiting`, until the first one closes; the lock goes with the
 * window, so a closed or crashed till hands over at once. Without multiInstance (Node tests on
 * memory storage) there is only one instance.
 */
export async function becomeTheTill(
  db: Pick<RxDatabase, 'multiInstance' | 'leaderElector'>,
  onWaiting: () => void,
): Promise<void> {
  if (!db.multiInstance) return;
  await awaitTillLeadership(db.leaderElector() as unknown as TillElector, onWaiting);
}

/**
 * How long a window may take to be granted a free lock. A lock is granted in milliseconds, but
 * the grant and a query of the locks come back on separate paths, so asking at once could name
 * a window that is about to lead "waiting" and flash the notice at every start.
 */
export const GRANT_GRACE_MS = 300;

export async function awaitTillLeadership(
  elector: TillElector,
  onWaiting: () => void,
  graceMs = GRANT_GRACE_MS,
): Promise<void> {
  const leadership = elector.awaitLeadership();
  const led = await Promise.race([
    leadership.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs)),
  ]);
  // Not granted: a window that does not lead while a lock is held is the second one.
  if (!led && !elector.isLeader && (await elector.hasLeader())) onWaiting();
  await leadership;
}
