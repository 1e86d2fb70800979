import { useSyncExternalStore } from 'react';
import { syncState, waitingCount, type SyncStatusStore } from '../../sync/sync-status';
import { RefusedEvents } from './RefusedEvents';

const STATE_LABEL = { offline: 'offline', refused: 'refused', syncing: 'syncing', synced: 'synced' } as const;

/**
 * Always on screen: whether the server is reachable, what is still waiting, the last sync, and
 * the events the server refused.
 */
export function SyncIndicator({ status, locale }: { status: SyncStatusStore; locale: string }) {
  const snapshot = useSyncExternalStore(status.subscribe, status.get);
  const state = syncState(snapshot);
  const waiting = waitingCount(snapshot);
  const last = snapshot.lastSyncAt
    ? new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(snapshot.lastSyncAt)
    : 'never';
  return (
    <div className={`sync sync-${state}`} data-testid="sync-indicator" aria-live="polite">
      <span className="sync-dot" aria-hidden="true" />
      <span data-testid="sync-state">{STATE_LABEL[state]}</span>
      <span data-testid="sync-waiting">{waiting} waiting</span>
      <span data-testid="sync-last">last sync {last}</span>
      {snapshot.problem && (
        <span className="sync-problem" data-testid="sync-problem" role="alert">
          {snapshot.problem}
        </span>
      )}
      <RefusedEvents refused={snapshot.refused} />
    </div>
  );
}
