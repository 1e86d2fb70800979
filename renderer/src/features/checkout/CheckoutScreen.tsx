import { useEffect } from 'react';
import { formatMoney } from '../../../../core/money';
import type { KassaHost } from '../../../../core/bridge/kassa-host';
import { translate, useTranslation } from '../../i18n';
import type { TerminalSession } from '../../session/terminal-session';
import { useWedgeScanner } from '../../scanning/useWedgeScanner';
import { SyncIndicator } from '../sync-status/SyncIndicator';
import { DeviceStatus } from '../devices/DeviceStatus';
import { useStoreSettings } from '../store-settings/useStoreSettings';
import { BasketLines } from './BasketLines';
import { ScanEntry } from './ScanEntry';
import { TenderPanel } from './TenderPanel';
import { useCheckout } from './useCheckout';

export function CheckoutScreen({
  session,
  host,
  listening = true,
  onOpenDevices,
}: {
  session: TerminalSession;
  host: KassaHost;
  /** False while another screen (the devices test bench) has the scanners: the basket takes none. */
  listening?: boolean;
  onOpenDevices?: () => void;
}) {
  const { t } = useTranslation();
  const store = useStoreSettings(session);
  const checkout = useCheckout(session, store);
  const { currency, locale, name } = store;
  const { scan } = checkout;

  // Wedge scans from the keyboard, wherever the focus is, and scans from the host's devices
  // take the same route.
  useWedgeScanner((text) => void scan(text, 'wedge'), { enabled: listening });
  useEffect(
    () => (listening ? host.onScan((s) => void scan(s.text, s.source, s.symbology)) : undefined),
    [host, scan, listening],
  );

  const { basket, message, member } = checkout.state;
  return (
    <div className="till">
      <header className="till-header">
        <h1 data-testid="store-name">{name}</h1>
        <DeviceStatus host={host} />
        {onOpenDevices && (
          <button type="button" data-testid="devices-open" onClick={onOpenDevices}>
            {t('devices.title')}
          </button>
        )}
        <SyncIndicator status={session.status} locale={locale} />
      </header>
      <main className="till-main">
        <section className="till-basket" aria-label={t('checkout.basket')}>
          <ScanEntry onSubmit={(code) => void scan(code, 'manual')} />
          <div
            className={`message ${message?.kind ?? ''}`}
            data-testid="checkout-message"
            role={message?.kind === 'error' ? 'alert' : 'status'}
          >
            {message && translate(t, message.text)}
          </div>
          {member && (
            <p className="member" data-testid="member-card">
              {member.cardName ?? t('scan.loyaltyCard')} {member.cardNumber}
            </p>
          )}
          <BasketLines
            lines={basket.lines}
            currency={currency}
            locale={locale}
            onIncrement={checkout.increment}
            onDecrement={checkout.decrement}
            onRemove={checkout.remove}
          />
          <p className="total">
            {t('checkout.total')}{' '}
            <strong data-testid="basket-total">{formatMoney(checkout.total, currency, locale)}</strong>
          </p>
        </section>
        <TenderPanel
          total={checkout.total}
          currency={currency}
          locale={locale}
          busy={checkout.busy}
          onComplete={checkout.complete}
          onError={checkout.showError}
        />
      </main>
    </div>
  );
}
