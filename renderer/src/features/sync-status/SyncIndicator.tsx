import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from '../../i18n';
import { syncState, waitingCount, type SyncStatusStore } from '../../sync/sync-status';
import { RefusedEvents } from './RefusedEvents';

/**
 * Always on screen: whether the server is reachable, what is still waiting, the last sync, and
 * the events the server refused and the documents from HQ it could not read. `data-state` and `data-count` carry the same facts for tests
 * and styles in any language.
 */
export function SyncIndicator({ status, locale }: { status: SyncStatusStore; locale: string }) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(status.subscribe, status.get);
  const state = syncState(snapshot);
  const waiting = waitingCount(snapshot);
  // Built once per locale: the indicator renders with every change of the sale, and a new
  // DateTimeFormat costs far more than a format() call.
  const time = useMemo(() => new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }), [locale]);
  const last = snapshot.lastSyncAt ? time.format(snapshot.lastSyncAt) : t('sync.never');
  return (
    <div className={`sync sync-${state}`} data-testid="sync-indicator" aria-live="polite">
      <span className="sync-dot" aria-hidden="true" />
      <span data-testid="sync-state" data-state={state}>
        {t(`sync.state.${state}`)}
      </span>
      <span data-testid="sync-waiting" data-count={waiting}>
        {t('sync.waiting', { count: waiting })}
      </span>
      <span data-testid="sync-last">{t('sync.lastSync', { time: last })}</span>
      {snapshot.problem && (
        // The server's (or the transport's) own words: shown as they are.
        <span className="sync-problem" data-testid="sync-problem" role="alert">
          {snapshot.problem}
        </span>
      )}
      <RefusedEvents refused={snapshot.refused} />
      {snapshot.quarantined > 0 && (
        // Not a state of the connection (the pull went on past them): a standing fact for a manager.
        <span className="sync-quarantined" data-testid="sync-quarantined" data-count={snapshot.quarantined}>
          {t('sync.quarantined', { count: snapshot.quarantined })}
        </span>
      )}
    </div>
  );
}
