import { useSyncExternalStore } from 'react';
import type { StoreSyncStatus, TillSyncStatus } from '../../../../core/backoffice/api';
import { useTranslation } from '../../i18n';
import { waitingCount, type SyncStatusStore } from '../../sync/sync-status';
import type { StoreStatusState } from './store-status-state';

interface Props {
  state: StoreStatusState;
  onRefresh(): void;
  /** This till's own sync status (what it has not sent yet). */
  local: SyncStatusStore;
  terminalId: string;
  locale: string;
  timeZone: string;
}

/** HQ's view of the store's tills, and this till's own waiting count; offline shows the last answer and its time. */
export function SyncStatusTab({ state, onRefresh, local, terminalId, locale, timeZone }: Props) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(local.subscribe, local.get);
  const waiting = waitingCount(snapshot);
  const when = (ms: number) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(ms);
  const { last } = state;
  return (
    <section className="manager-sync" data-testid="manager-sync">
      <p data-testid="manager-sync-own-waiting" data-count={waiting}>
        {t('managerMode.ownWaiting', { count: waiting })}
      </p>
      {snapshot.quarantined > 0 && (
        // HQ's data this build could not read (sync/quarantine.ts): HQ's view cannot show it.
        <p data-testid="manager-sync-quarantined" data-count={snapshot.quarantined}>
          {t('sync.quarantined', { count: snapshot.quarantined })}
        </p>
      )}
      <button type="button" data-testid="manager-sync-refresh" disabled={state.loading} onClick={onRefresh}>
        {state.loading ? t('managerMode.refreshing') : t('managerMode.refresh')}
      </button>
      {state.failure && (
        <p className="override-problem" role="alert" data-testid="manager-sync-failure">
          {state.failure.kind === 'offline'
            ? t('managerMode.offline')
            : t('managerMode.refused', { message: state.failure.message })}
          {last &&
            state.receivedAt !== null &&
            ` ${t('managerMode.lastAnswer', { time: when(state.receivedAt) })}`}
        </p>
      )}
      {last && <StoreStatusView status={last} terminalId={terminalId} when={when} locale={locale} />}
    </section>
  );
}

function StoreStatusView({
  status,
  terminalId,
  when,
  locale,
}: {
  status: StoreSyncStatus;
  terminalId: string;
  when: (ms: number) => string;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p data-testid="manager-sync-summary" data-all-at-hq={status.allAtHq}>
        {status.allAtHq ? t('managerMode.allAtHq') : t('managerMode.notAllAtHq')}{' '}
        {t('managerMode.checkedAt', { time: when(status.checkedAt) })}
      </p>
      <table className="manager-sync-tills">
        <thead>
          <tr>
            <th>{t('managerMode.col.till')}</th>
            <th>{t('managerMode.col.seen')}</th>
            <th>{t('managerMode.col.waiting')}</th>
            <th>{t('managerMode.col.contiguous')}</th>
            <th>{t('managerMode.col.gaps')}</th>
            <th>{t('managerMode.col.parked')}</th>
            <th>{t('managerMode.col.refused')}</th>
            <th>{t('managerMode.col.skew')}</th>
          </tr>
        </thead>
        <tbody>
          {status.tills.map((till) => (
            <TillRow
              key={till.terminalId}
              till={till}
              self={till.terminalId === terminalId}
              when={when}
              locale={locale}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

function TillRow({
  till,
  self,
  when,
  locale,
}: {
  till: TillSyncStatus;
  self: boolean;
  when: (ms: number) => string;
  locale: string;
}) {
  const { t } = useTranslation();
  const n = (v: number) => new Intl.NumberFormat(locale).format(v);
  const seconds = till.clockSkewMs === null ? null : Math.round(till.clockSkewMs / 1000);
  return (
    <tr
      data-testid={`manager-sync-till-${till.terminalId}`}
      data-silent={till.silent}
      data-online={till.online}
    >
      <td>
        {till.name ?? till.terminalId}
        {till.name && <small> ({till.terminalId})</small>}
        {self && <small> {t('managerMode.thisTill')}</small>}
        {till.silent && (
          <strong className="manager-sync-silent" data-testid="manager-sync-silent">
            {' '}
            {t('managerMode.silent')}
          </strong>
        )}
      </td>
      <td>
        {till.online
          ? t('managerMode.online')
          : till.lastSeenAt === null
            ? t('managerMode.neverSeen')
            : t('managerMode.lastSeen', { time: when(till.lastSeenAt) })}
      </td>
      <td data-testid="manager-sync-pending">
        {till.pendingOnTill === null ? t('managerMode.unknown') : n(till.pendingOnTill)}
      </td>
      <td>{t('managerMode.contiguous', { seq: n(till.contiguousSeq), last: n(till.lastSeq) })}</td>
      <td data-testid="manager-sync-gaps">
        {till.gaps.length === 0
          ? t('managerMode.noGaps')
          : till.gaps.map((g) => (
              <div key={g.from}>
                {t('managerMode.gap', { from: n(g.from), to: n(g.to), since: when(g.openSince) })}
              </div>
            ))}
      </td>
      <td>{n(till.parked)}</td>
      <td>{n(till.refused)}</td>
      <td>{seconds === null ? t('managerMode.unknown') : t('managerMode.skew', { seconds: n(seconds) })}</td>
    </tr>
  );
}
