/** End of day: a store's business day — each till's shifts, till vs server, differences and the sales behind them. */
import { useState } from 'react';
import { useText } from '../use-text';
import type { ShiftReconciliation, ShiftTotals } from '../../../../core/backoffice/api';
import { storeOrFirst, useBackoffice } from '../context';
import { dateTime, money, todayIn } from '../text';
import { useLoad } from '../useLoad';

export function EndOfDayPage() {
  const c = useBackoffice();
  const { t } = useText();
  const store = storeOrFirst(c);
  const [day, setDay] = useState(() => todayIn(store?.timeZone ?? 'UTC'));
  const storeId = store?.storeId ?? '';
  const { data, error } = useLoad(() => c.api.businessDay(storeId, day), [storeId, day]);
  if (!store) return <p>{t('backoffice.noStores')}</p>;
  return (
    <section>
      <h2>
        {t('backoffice.nav.endOfDay')} · {store.name}
      </h2>
      <div className="bo-filters">
        <label>
          {t('backoffice.filters.day')}
          <input type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="bo-eod-day" />
        </label>
      </div>
      {error && <p className="bo-error">{error}</p>}
      {data && (
        <>
          <p className={data.closed ? 'bo-ok' : 'bo-warn'} data-testid="bo-eod-summary">
            {data.closed
              ? t('backoffice.endOfDay.closed', { day: data.day })
              : t('backoffice.endOfDay.open', { day: data.day })}
          </p>
          {data.tills.map((till) => (
            <article key={till.terminalId} className="bo-card">
              <h3>
                {till.name ?? till.terminalId} · {t('backoffice.endOfDay.sold', { count: till.sold })}
              </h3>
              {till.shifts.length === 0 && <p className="bo-warn">{t('backoffice.endOfDay.noShift')}</p>}
              {till.shifts.map((s) => (
                <Shift key={s.shiftEventId} shift={s} currency={store.currency} />
              ))}
            </article>
          ))}
        </>
      )}
    </section>
  );
}

function Shift({ shift, currency }: { shift: ShiftReconciliation; currency: string }) {
  const { t, i18n } = useText();
  const m = (c: number) => money(c, currency, i18n.language);
  const rows = totalsRows(shift.till, shift.server);
  return (
    <div className="bo-shift">
      <h4>
        {shift.cashier.name} · {dateTime(shift.openedAt, i18n.language)} –{' '}
        {dateTime(shift.closedAt, i18n.language)} ·{' '}
        <span className={`bo-badge bo-shift-${shift.status}`}>
          {t(`backoffice.endOfDay.status.${shift.status}`)}
        </span>
      </h4>
      <p>
        {t('backoffice.endOfDay.cash', {
          counted: m(shift.countedCashCents),
          expected: m(shift.expectedCashCents),
        })}{' '}
        · {t('backoffice.endOfDay.seqs', { from: shift.firstSeq, to: shift.lastSeq })}
      </p>
      <table className="bo-table">
        <thead>
          <tr>
            <th />
            <th>{t('backoffice.endOfDay.till')}</th>
            <th>{t('backoffice.endOfDay.server')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} className={r.till !== r.server ? 'bo-row-warn' : ''}>
              <td>{r.field}</td>
              <td>{r.money ? m(r.till) : r.till}</td>
              <td>{r.money ? m(r.server) : r.server}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shift.differences.length > 0 && (
        <>
          <h5>{t('backoffice.endOfDay.differences')}</h5>
          <ul>
            {shift.differences.map((d) => (
              <li key={d.field}>
                {t('backoffice.endOfDay.difference', { field: d.field, till: d.till, server: d.server })}
                {d.eventIds.length > 0 && (
                  <> — {t('backoffice.endOfDay.sales', { ids: d.eventIds.join(', ') })}</>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {shift.missingSeqs.length > 0 && (
        <p className="bo-warn">
          {t('backoffice.endOfDay.missing', {
            seqs: shift.missingSeqs.map((g) => (g.from === g.to ? g.from : `${g.from}–${g.to}`)).join(', '),
          })}
        </p>
      )}
    </div>
  );
}

/** Till and server side by side, one row per figure (tenders from either side). */
export function totalsRows(till: ShiftTotals, server: ShiftTotals) {
  const rows = [
    { field: 'sales.count', till: till.sales.count, server: server.sales.count, money: false },
    { field: 'sales.total', till: till.sales.totalCents, server: server.sales.totalCents, money: true },
    { field: 'returns.count', till: till.returns.count, server: server.returns.count, money: false },
    { field: 'returns.total', till: till.returns.totalCents, server: server.returns.totalCents, money: true },
    { field: 'points.issued', till: till.points.issued, server: server.points.issued, money: false },
    { field: 'points.redeemed', till: till.points.redeemed, server: server.points.redeemed, money: false },
  ];
  const tenders = new Set([...till.tenders, ...server.tenders].map((x) => x.tender));
  for (const tender of tenders)
    rows.push({
      field: `tender.${tender}`,
      till: till.tenders.find((x) => x.tender === tender)?.cents ?? 0,
      server: server.tenders.find((x) => x.tender === tender)?.cents ?? 0,
      money: true,
    });
  return rows;
}
