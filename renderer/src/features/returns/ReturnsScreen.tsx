import { useEffect } from 'react';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { translate, useTranslation } from '../../i18n';
import type { TerminalSession } from '../../session/terminal-session';
import { useShownBalance } from '../members/useShownBalance';
import { ReturnFind } from './ReturnFind';
import { ReturnLines } from './ReturnLines';
import { ReturnPlanView } from './ReturnPlanView';
import { returnReceiptOf } from './return-receipt';
import { ReturnReceiptView } from './ReturnReceiptView';
import { RETURN_REASONS, type ReturnReason } from './return-state';
import type { ScannedReceipt } from './useReturnsEntry';
import { useReturns } from './useReturns';
import './returns.css';

/**
 * Goods back against the original sale: find it by its receipt code, choose lines and typed
 * quantities and a reason, read the refund and the points before confirming, then the return
 * receipt. A receipt scanned while the screen is open opens that sale.
 */
export function ReturnsScreen({
  session,
  store,
  scanned,
  onClose,
}: {
  session: TerminalSession;
  store: StoreSettings;
  /** The receipt last scanned at the till (a new object per scan). */
  scanned: ScannedReceipt | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const returns = useReturns(session, store);
  const { find, state } = returns;
  useEffect(() => {
    if (scanned) void find(scanned.ref);
    // Once per scan: `find` changes as the typed code does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanned]);
  // The member's balance with the return counted (it is in the journal once written).
  const balance = useShownBalance(session, returns.memberDoc);
  const { currency, locale } = store;
  return (
    <section className="returns" data-testid="returns" aria-label={t('returns.title')}>
      <header className="returns-header">
        <h2>{t('returns.title')}</h2>
        <button type="button" data-testid="returns-close" onClick={onClose}>
          {t('returns.close')}
        </button>
      </header>
      <ReturnFind returns={returns} />
      {state.step === 'choose' && (
        <div className="returns-choose" data-testid="return-sale" data-sale-id={state.found.sale.id}>
          <p>
            {t('returns.sale', {
              seq: state.found.sale.seq,
              date: new Intl.DateTimeFormat(locale, {
                timeZone: store.timeZone,
                dateStyle: 'medium',
                timeStyle: 'short',
              }).format(state.found.sale.createdAt),
            })}
            {state.found.from === 'server' && <small> · {t('returns.fromServer')}</small>}
          </p>
          {returns.returnable.every((r) => r.quantity === 0) && (
            <p data-testid="return-nothing-left">{t('returns.nothingLeft')}</p>
          )}
          <ReturnLines
            lines={state.found.sale.lines}
            returnable={returns.returnable}
            quantities={state.quantities}
            asked={returns.asked}
            currency={currency}
            locale={locale}
            disabled={state.confirming}
            onQuantity={returns.setQuantity}
          />
          <label>
            {t('returns.reason')}{' '}
            <select
              data-testid="return-reason"
              value={state.reason ?? ''}
              disabled={state.confirming}
              onChange={(e) => returns.setReason(e.target.value as ReturnReason)}
            >
              <option value="" disabled>
                {t('returns.chooseReason')}
              </option>
              {RETURN_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`returns.reasons.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <ReturnPlanView preview={returns.preview} currency={currency} locale={locale} />
          {state.message && (
            <p className="message error" role="alert" data-testid="return-message">
              {translate(t, state.message)}
            </p>
          )}
          <button
            type="button"
            data-testid="return-confirm"
            disabled={state.confirming || !state.reason || !returns.preview?.ok}
            onClick={() => void returns.confirm()}
          >
            {returns.preview?.ok && returns.preview.value.overPolicy
              ? t('returns.confirmManager')
              : t('returns.confirm')}
          </button>
        </div>
      )}
      {state.step === 'done' && (
        <ReturnReceiptView
          receipt={returnReceiptOf(state.event, state.found.sale, store, balance?.spendable ?? null)}
          locale={locale}
          onAnother={returns.again}
          onClose={onClose}
        />
      )}
      {returns.overrideDialog}
    </section>
  );
}
