/**
 * One exception: what is at stake, the events involved side by side (key fields, the raw document
 * collapsible), its history, and the typed resolutions as buttons. A note is required; an option
 * that needs confirmation asks first; acknowledging is there too.
 */
import { useState } from 'react';
import { useText } from '../use-text';
import type {
  ExceptionActionRequest,
  InvolvedEvent,
  ResolutionOption,
} from '../../../../core/backoffice/api';
import { useBackoffice } from '../context';
import { dateTime, money, tDynamic } from '../text';
import { useLoad } from '../useLoad';
import { AuditTable } from './AuditTable';

const KEY_FIELDS = [
  'memberId',
  'cardNumber',
  'totalCents',
  'total',
  'points',
  'tenders',
  'cashier',
  'businessDay',
];

export function ExceptionDetailView({ id, onBack }: { id: number; onBack: () => void }) {
  const { api, session } = useBackoffice();
  const { t, i18n } = useText();
  const { data, error, reload } = useLoad(() => api.exception(id), [id]);
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<ResolutionOption | undefined>();
  const [actError, setActError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const send = async (request: ExceptionActionRequest) => {
    setBusy(true);
    setActError(undefined);
    try {
      await api.act(id, request);
      setPending(undefined);
      setNote('');
      setDone(t('backoffice.exceptions.done'));
      reload();
    } catch (e) {
      setActError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const noteOk = note.trim().length > 0 && note.trim().length <= 500;
  const resolve = (o: ResolutionOption) => {
    if (!noteOk) return setActError(t('backoffice.exceptions.noteRequired'));
    if (o.needsConfirm) return setPending(o);
    void send({ action: 'resolve', resolution: o.resolution, note: note.trim() });
  };

  if (error) return <p className="bo-error">{error}</p>;
  if (!data) return <p>{t('backoffice.loading')}</p>;
  const x = data.exception;
  const currency = session.stores.find((s) => s.storeId === x.storeId)?.currency ?? 'EUR';
  const closed = x.status === 'resolved';

  return (
    <section data-testid="bo-exception-detail">
      <button type="button" onClick={onBack} data-testid="bo-exception-back">
        ← {t('backoffice.back')}
      </button>
      <h2>
        {tDynamic(t, `backoffice.kinds.${x.kind}`, x.kind)} #{x.id}{' '}
        <span className={`bo-badge bo-status-${x.status}`} data-testid="bo-exception-status">
          {t(`backoffice.status.${x.status}`)}
        </span>
      </h2>
      <p>{x.message}</p>
      <dl className="bo-facts">
        <dt>{t('backoffice.exceptions.columns.till')}</dt>
        <dd>{x.terminalId}</dd>
        <dt>{t('backoffice.exceptions.columns.day')}</dt>
        <dd>{x.businessDay ?? '—'}</dd>
        <dt>{t('backoffice.exceptions.columns.member')}</dt>
        <dd>{x.memberId ?? '—'}</dd>
        <dt>{t('backoffice.exceptions.columns.atStake')}</dt>
        <dd data-testid="bo-exception-stake">
          {t('backoffice.points', { count: x.pointsAtStake })} ·{' '}
          {money(x.centsAtStake, currency, i18n.language)}
        </dd>
        {x.resolution && (
          <>
            <dt>{t('backoffice.exceptions.resolution')}</dt>
            <dd>{tDynamic(t, `backoffice.resolution.${x.resolution}`, x.resolution)}</dd>
          </>
        )}
      </dl>

      <h3>{t('backoffice.exceptions.events')}</h3>
      <div className="bo-side-by-side">
        {data.events.map((e) => (
          <EventCard key={`${e.terminalId}/${e.eventId}`} event={e} />
        ))}
        {data.events.length === 0 && <p>—</p>}
      </div>

      {!closed && (
        <div className="bo-actions">
          <h3>{t('backoffice.exceptions.resolve')}</h3>
          <label>
            {t('backoffice.exceptions.note')}
            <textarea
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
              data-testid="bo-note"
            />
          </label>
          <div className="bo-options">
            {data.options.map((o) => (
              <div key={o.resolution} className="bo-option">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => resolve(o)}
                  data-testid={`bo-resolve-${o.resolution}`}
                >
                  {tDynamic(t, `backoffice.resolution.${o.resolution}`, o.label)}
                </button>
                <small>{o.effect}</small>
              </div>
            ))}
            {x.status === 'open' && (
              <div className="bo-option">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    noteOk
                      ? void send({ action: 'acknowledge', note: note.trim() })
                      : setActError(t('backoffice.exceptions.noteRequired'))
                  }
                  data-testid="bo-acknowledge"
                >
                  {t('backoffice.exceptions.acknowledge')}
                </button>
              </div>
            )}
          </div>
          {pending && (
            <div className="bo-confirm" role="alertdialog" data-testid="bo-confirm">
              <p>{t('backoffice.exceptions.confirm', { effect: pending.effect })}</p>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void send({
                    action: 'resolve',
                    resolution: pending.resolution,
                    note: note.trim(),
                    confirm: true,
                  })
                }
                data-testid="bo-confirm-yes"
              >
                {t('backoffice.exceptions.confirmYes')}
              </button>
              <button type="button" onClick={() => setPending(undefined)}>
                {t('backoffice.cancel')}
              </button>
            </div>
          )}
        </div>
      )}
      {actError && (
        <p className="bo-error" role="alert" data-testid="bo-action-error">
          {actError}
        </p>
      )}
      {done && (
        <p className="bo-ok" data-testid="bo-action-done">
          {done}
        </p>
      )}

      <h3>{t('backoffice.exceptions.history')}</h3>
      {data.history.length === 0 ? <p>—</p> : <AuditTable entries={data.history} />}
    </section>
  );
}

function EventCard({ event }: { event: InvolvedEvent }) {
  const { t, i18n } = useText();
  const doc = (event.document ?? {}) as Record<string, unknown>;
  const fields = KEY_FIELDS.filter((k) => doc[k] !== undefined);
  return (
    <article className="bo-card bo-event" data-testid="bo-involved-event">
      <h4>
        {event.type} · {event.terminalId} #{event.seq}
      </h4>
      <p>{dateTime(event.createdAt, i18n.language)}</p>
      <dl className="bo-facts">
        {fields.map((k) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{typeof doc[k] === 'object' ? JSON.stringify(doc[k]) : String(doc[k])}</dd>
          </div>
        ))}
      </dl>
      <details>
        <summary>{t('backoffice.exceptions.raw')}</summary>
        <pre>{JSON.stringify(event.document, null, 2)}</pre>
      </details>
    </article>
  );
}
