/** One list for every exception kind, filtered by store, till, kind, status and day; a row opens its detail. */
import { useState } from 'react';
import { useText } from '../use-text';
import { useBackoffice } from '../context';
import {
  EXCEPTION_KINDS,
  filterQuery,
  initialFilter,
  updateFilter,
  type ExceptionsFilter,
} from '../exceptions-filter';
import { money, tDynamic, dateTime } from '../text';
import { useLoad } from '../useLoad';
import { ExceptionDetailView } from './ExceptionDetailView';

export function ExceptionsPage() {
  const c = useBackoffice();
  const { t, i18n } = useText();
  const [filter, setFilter] = useState<ExceptionsFilter>(() => initialFilter(c.storeId));
  const [openId, setOpenId] = useState<number | undefined>();
  // The store comes from the header; App remounts this page when it changes (key).
  const { data, error, reload } = useLoad(
    () => c.api.exceptions(filterQuery(filter)),
    [JSON.stringify(filter)],
  );
  const currencyOf = (storeId: string) =>
    c.session.stores.find((s) => s.storeId === storeId)?.currency ?? 'EUR';
  const set = (change: Partial<ExceptionsFilter>) => setFilter((f) => updateFilter(f, change));

  if (openId !== undefined)
    return (
      <ExceptionDetailView
        id={openId}
        onBack={() => {
          setOpenId(undefined);
          reload();
        }}
      />
    );

  return (
    <section>
      <h2>{t('backoffice.nav.exceptions')}</h2>
      <div className="bo-filters">
        <label>
          {t('backoffice.filters.till')}
          <input
            value={filter.terminal}
            onChange={(e) => set({ terminal: e.target.value })}
            data-testid="bo-filter-till"
          />
        </label>
        <label>
          {t('backoffice.filters.kind')}
          <select
            value={filter.kind}
            onChange={(e) => set({ kind: e.target.value })}
            data-testid="bo-filter-kind"
          >
            <option value="">{t('backoffice.filters.any')}</option>
            {EXCEPTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {tDynamic(t, `backoffice.kinds.${k}`, k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('backoffice.filters.status')}
          <select
            value={filter.status}
            onChange={(e) => set({ status: e.target.value as ExceptionsFilter['status'] })}
            data-testid="bo-filter-status"
          >
            <option value="">{t('backoffice.filters.any')}</option>
            {(['open', 'acknowledged', 'resolved'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`backoffice.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('backoffice.filters.day')}
          <input
            type="date"
            value={filter.day}
            onChange={(e) => set({ day: e.target.value })}
            data-testid="bo-filter-day"
          />
        </label>
      </div>
      {error && <p className="bo-error">{error}</p>}
      {data && data.length === 0 && <p>{t('backoffice.exceptions.none')}</p>}
      {data && data.length > 0 && (
        <table className="bo-table" data-testid="bo-exceptions">
          <thead>
            <tr>
              <th>{t('backoffice.exceptions.columns.kind')}</th>
              <th>{t('backoffice.exceptions.columns.status')}</th>
              <th>{t('backoffice.exceptions.columns.store')}</th>
              <th>{t('backoffice.exceptions.columns.till')}</th>
              <th>{t('backoffice.exceptions.columns.day')}</th>
              <th>{t('backoffice.exceptions.columns.member')}</th>
              <th>{t('backoffice.exceptions.columns.atStake')}</th>
              <th>{t('backoffice.exceptions.columns.detected')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.map((x) => (
              <tr key={x.id} data-testid="bo-exception-row" data-kind={x.kind} data-status={x.status}>
                <td>{tDynamic(t, `backoffice.kinds.${x.kind}`, x.kind)}</td>
                <td>
                  <span className={`bo-badge bo-status-${x.status}`}>
                    {t(`backoffice.status.${x.status}`)}
                  </span>
                  {x.resolution && (
                    <> · {tDynamic(t, `backoffice.resolution.${x.resolution}`, x.resolution)}</>
                  )}
                </td>
                <td>{x.storeId}</td>
                <td>{x.terminalId}</td>
                <td>{x.businessDay ?? '—'}</td>
                <td>{x.memberId ?? '—'}</td>
                <td>
                  {x.pointsAtStake !== 0 && <div>{t('backoffice.points', { count: x.pointsAtStake })}</div>}
                  {x.centsAtStake !== 0 && (
                    <div>{money(x.centsAtStake, currencyOf(x.storeId), i18n.language)}</div>
                  )}
                  {x.pointsAtStake === 0 && x.centsAtStake === 0 && '—'}
                </td>
                <td>{dateTime(x.detectedAt, i18n.language)}</td>
                <td>
                  <button type="button" onClick={() => setOpenId(x.id)} data-testid="bo-exception-open">
                    {t('backoffice.exceptions.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
