/** Sync status of the store's tills, and the store's "all sales of today are at HQ" or what is missing where. */
import { useText, type Say } from '../use-text';
import type { StoreSyncStatus, TillSyncStatus } from '../../../../core/backoffice/api';
import { storeOrFirst, useBackoffice } from '../context';
import { dateTime, duration } from '../text';
import { useLoad } from '../useLoad';

export function SyncStatusPage() {
  const c = useBackoffice();
  const { t } = useText();
  const stores = c.storeId ? c.session.stores.filter((s) => s.storeId === c.storeId) : c.session.stores;
  const first = storeOrFirst(c);
  if (!first) return <p>{t('backoffice.noStores')}</p>;
  return (
    <section>
      <h2>{t('backoffice.nav.sync')}</h2>
      {stores.map((s) => (
        <StoreStatus key={s.storeId} storeId={s.storeId} name={s.name} />
      ))}
    </section>
  );
}

function StoreStatus({ storeId, name }: { storeId: string; name: string }) {
  const { api } = useBackoffice();
  const { t, i18n } = useText();
  const { data, error, reload } = useLoad(() => api.syncStatus(storeId), [storeId]);
  return (
    <article className="bo-card" data-testid={`bo-sync-${storeId}`}>
      <h3>
        {name}{' '}
        <button type="button" onClick={reload}>
          {t('backoffice.refresh')}
        </button>
      </h3>
      {error && <p className="bo-error">{error}</p>}
      {data && (
        <>
          <p className={data.allAtHq ? 'bo-ok' : 'bo-warn'} data-testid="bo-sync-summary">
            {data.allAtHq
              ? t('backoffice.sync.allAtHq', { day: data.businessDay })
              : t('backoffice.sync.notAllAtHq', { day: data.businessDay })}
          </p>
          {!data.allAtHq && (
            <ul>
              {missingLines(data, t).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <table className="bo-table">
            <thead>
              <tr>
                {(
                  [
                    'till',
                    'online',
                    'lastSeen',
                    'pending',
                    'contiguous',
                    'gaps',
                    'chain',
                    'parked',
                    'refused',
                    'skew',
                  ] as const
                ).map((k) => (
                  <th key={k}>{t(`backoffice.sync.columns.${k}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.tills.map((till) => (
                <tr key={till.terminalId} className={till.silent ? 'bo-row-warn' : ''}>
                  <td>
                    {till.name ?? till.terminalId}
                    {till.silent && <span className="bo-badge bo-warn"> {t('backoffice.sync.silent')}</span>}
                  </td>
                  <td>{till.online ? t('backoffice.sync.online') : t('backoffice.sync.offline')}</td>
                  <td>{dateTime(till.lastSeenAt, i18n.language)}</td>
                  <td>{till.pendingOnTill ?? '—'}</td>
                  <td>
                    {till.contiguousSeq} / {till.lastSeq}
                  </td>
                  <td>
                    {till.gaps.length === 0
                      ? '—'
                      : till.gaps.map((g) => (
                          <div key={g.from}>
                            {t('backoffice.sync.gap', {
                              from: g.from,
                              to: g.to,
                              open: duration(data.checkedAt - g.openSince),
                            })}
                          </div>
                        ))}
                  </td>
                  <td>{t(`backoffice.sync.chain.${till.chain}`)}</td>
                  <td>{till.parked}</td>
                  <td>{till.refused}</td>
                  <td>{till.clockSkewMs === null ? '—' : duration(Math.abs(till.clockSkewMs))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </article>
  );
}

type T = Say;

/** What keeps the store from "all at HQ", per till, built from the tills (not the CLI's English). */
export function missingLines(status: StoreSyncStatus, t: T): string[] {
  const lines: string[] = [];
  for (const till of status.tills as TillSyncStatus[]) {
    const name = till.name ?? till.terminalId;
    for (const g of till.gaps)
      lines.push(t('backoffice.sync.missingGap', { till: name, from: g.from, to: g.to }));
    if (till.pendingOnTill)
      lines.push(t('backoffice.sync.missingPending', { till: name, count: till.pendingOnTill }));
    if (till.silent) lines.push(t('backoffice.sync.missingSilent', { till: name }));
    if (till.chain === 'broken') lines.push(t('backoffice.sync.missingChain', { till: name }));
  }
  return lines.length ? lines : status.missing;
}
