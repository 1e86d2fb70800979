import { useContext, useState } from 'react';
import { formatMoney, type Cents } from '../../../../core/money';
import { denominationsOf } from '../../../../core/money/denominations';
import { parseAmount } from '../../../../core/money/parse-amount';
import type { ShiftCloseEvent } from '../../../../core/journal/shift-close-event';
import { shiftTotals } from '../../../../core/folds/shift-totals';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { useTranslation } from '../../i18n';
import type { TerminalSession } from '../../session/terminal-session';
import type { OpenShift } from './build-shift-close-event';
import { readCount } from './count';
import { ShiftSessionContext } from './shift-session';
import { useShiftClose } from './useShiftClose';
import { ZReport } from './ZReport';
import './shift.css';

/**
 * Closing the cashier's shift at this till (issue 10): the cashier's name, the opening float and
 * the cash counted per denomination, with expected, counted and the difference shown before the
 * confirm; the confirm writes one `shift-close` event, then the Z report shows. The till comes
 * from `session`/`store` or, when a screen renders just `<ShiftClosePanel onDone>`, from
 * ShiftSessionContext.
 */
export function ShiftClosePanel(props: {
  onDone: () => void;
  session?: TerminalSession;
  store?: StoreSettings;
}) {
  const { t } = useTranslation();
  const fromContext = useContext(ShiftSessionContext);
  const session = props.session ?? fromContext?.session;
  const store = props.store ?? fromContext?.store ?? session?.store;
  if (!session || !store) {
    return (
      <section className="shift-close" data-testid="shift-close">
        <p role="alert">{t('shift.noSession')}</p>
        <button type="button" onClick={props.onDone}>
          {t('shift.cancel')}
        </button>
      </section>
    );
  }
  return <ShiftCloseFor session={session} store={store} onDone={props.onDone} />;
}

function ShiftCloseFor({
  session,
  store,
  onDone,
}: {
  session: TerminalSession;
  store: StoreSettings;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { load, close } = useShiftClose(session, store);
  const [closed, setClosed] = useState<ShiftCloseEvent | null>(null);
  if (closed) return <ZReport event={closed} locale={store.locale} onDone={onDone} />;
  if (load.kind === 'loading') return <p data-testid="shift-loading">{t('shift.loading')}</p>;
  if (load.kind === 'failed') {
    return (
      <section className="shift-close" data-testid="shift-close">
        <p role="alert">{t('shift.loadFailed', { error: load.error })}</p>
        <button type="button" onClick={onDone}>
          {t('shift.cancel')}
        </button>
      </section>
    );
  }
  return (
    <CountForm
      shift={load.shift}
      store={store}
      onConfirm={async (input) => setClosed(await close(input))}
      onCancel={onDone}
    />
  );
}

function CountForm({
  shift,
  store,
  onConfirm,
  onCancel,
}: {
  shift: OpenShift;
  store: StoreSettings;
  onConfirm(input: Parameters<ReturnType<typeof useShiftClose>['close']>[0]): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { currency, locale } = store;
  const money = (c: number) => formatMoney(c as Cents, currency, locale);
  const [cashier, setCashier] = useState(shift.lastCashier);
  const [floatText, setFloatText] = useState('');
  const [perDenomination, setPerDenomination] = useState<Record<number, string>>({});
  const [total, setTotal] = useState('');
  const [writing, setWriting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const denominations = denominationsOf(currency);
  const float = floatText.trim() === '' ? null : parseAmount(floatText, locale, currency);
  const floatCents = float === null ? 0 : float.ok ? float.value : null;
  const count = readCount({ perDenomination, total }, currency, locale);
  const expected = floatCents === null ? null : shiftTotals(shift.events, floatCents).expectedCashCents;
  const counted = count.ok ? count.countedCashCents : null;
  const ready = cashier.trim() !== '' && floatCents !== null && count.ok && !writing;

  const confirm = async () => {
    if (!ready || !count.ok || floatCents === null) return;
    setWriting(true);
    setError(null);
    try {
      await onConfirm({
        cashierName: cashier,
        floatCents,
        counted: count.counted,
        countedCashCents: count.countedCashCents,
      });
    } catch (e) {
      setError((e as Error).message);
      setWriting(false);
    }
  };

  return (
    <form
      className="shift-close"
      data-testid="shift-close"
      aria-label={t('shift.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
    >
      <h2>{t('shift.title')}</h2>
      <p data-testid="shift-range" data-first={shift.firstSeq} data-last={shift.lastSeq}>
        {shift.events.length === 0
          ? t('shift.emptyRange')
          : t('shift.range', { from: shift.firstSeq, to: shift.lastSeq })}
      </p>
      <label>
        {t('shift.cashier')}
        <input
          data-testid="shift-cashier"
          value={cashier}
          maxLength={200}
          onChange={(e) => setCashier(e.target.value)}
        />
      </label>
      <label>
        {t('shift.float')}
        <input
          data-testid="shift-float"
          inputMode="decimal"
          value={floatText}
          aria-invalid={floatCents === null}
          onChange={(e) => setFloatText(e.target.value)}
        />
      </label>
      {floatCents === null && <p role="alert">{t('shift.invalidFloat')}</p>}
      <fieldset>
        <legend>{t('shift.count')}</legend>
        {denominations.length === 0 ? (
          <label>
            {t('shift.countTotal')}
            <input
              data-testid="shift-count-total"
              inputMode="decimal"
              value={total}
              onChange={(e) => setTotal(e.target.value)}
            />
          </label>
        ) : (
          <table className="shift-denominations">
            <thead>
              <tr>
                <th>{t('shift.denomination')}</th>
                <th>{t('shift.pieces')}</th>
              </tr>
            </thead>
            <tbody>
              {denominations.map((d) => (
                <tr key={d}>
                  <td>{money(d)}</td>
                  <td>
                    <input
                      data-testid="shift-count"
                      data-denomination={d}
                      aria-label={money(d)}
                      inputMode="numeric"
                      aria-invalid={!count.ok && count.invalid.includes(d)}
                      value={perDenomination[d] ?? ''}
                      onChange={(e) => setPerDenomination((p) => ({ ...p, [d]: e.target.value }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </fieldset>
      {!count.ok && <p role="alert">{t('shift.invalidCount')}</p>}
      <dl className="shift-cash">
        <dt>{t('shift.expected')}</dt>
        <dd data-testid="shift-expected" data-cents={expected ?? ''}>
          {expected === null ? '—' : money(expected)}
        </dd>
        <dt>{t('shift.counted')}</dt>
        <dd data-testid="shift-counted" data-cents={counted ?? ''}>
          {counted === null ? '—' : money(counted)}
        </dd>
        <dt>{t('shift.difference')}</dt>
        <dd
          data-testid="shift-difference"
          data-cents={expected === null || counted === null ? '' : counted - expected}
        >
          {expected === null || counted === null ? '—' : money(counted - expected)}
        </dd>
      </dl>
      {cashier.trim() === '' && <p>{t('shift.needCashier')}</p>}
      {error !== null && (
        <p role="alert" data-testid="shift-error">
          {t('shift.writeFailed', { error })}
        </p>
      )}
      <div className="shift-actions">
        <button type="submit" data-testid="shift-confirm" disabled={!ready}>
          {writing ? t('shift.writing') : t('shift.confirm')}
        </button>
        <button type="button" data-testid="shift-cancel" disabled={writing} onClick={onCancel}>
          {t('shift.cancel')}
        </button>
      </div>
    </form>
  );
}
