import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { KassaHost, TerminalConfig } from '../../core/bridge/kassa-host';
import { CheckoutScreen } from './features/checkout/CheckoutScreen';
import { scanConfigFor } from './features/checkout/interpret-scan';
import { DevicesScreen } from './features/devices/DevicesScreen';
import { PairingScreen } from './features/pairing/PairingScreen';
import { useStoreSettings } from './features/store-settings/useStoreSettings';
import { getHost } from './host';
import { applyLocale, i18n, useStoreLanguage } from './i18n';
import { openTerminalSession, type TerminalSession } from './session/terminal-session';
import './styles.css';

/** How long the screen may stay blank while the till opens its database. */
const STARTUP_NOTICE_MS = 5_000;

async function boot(root: HTMLElement): Promise<void> {
  const host = getHost();
  const view = createRoot(root);
  let config: TerminalConfig;
  try {
    config = await host.getConfig();
  } catch (e) {
    applyLocale(navigator.language);
    view.render(<Fatal text={i18n.t('app.hostDown', { error: (e as Error).message })} />);
    return;
  }
  const paired = config.paired;
  if (!paired) {
    // No store yet: the language of the browser (or the OS, in Electron).
    document.documentElement.lang = applyLocale(navigator.language);
    view.render(
      <StrictMode>
        <PairingScreen
          host={host}
          defaultServerUrl={config.serverUrl}
          // A reload applies the host's Content-Security-Policy for the new server address.
          onPaired={() => window.location.reload()}
        />
      </StrictMode>,
    );
    return;
  }
  // The paired store's language for the first render; useStoreLanguage follows the replica.
  document.documentElement.lang = applyLocale(paired.store.locale);
  // Opening the database may migrate it (after an update): the cashier is told if that takes
  // long, and why the till cannot start if it fails, rather than left with a blank screen.
  const notice = setTimeout(() => view.render(<Starting />), STARTUP_NOTICE_MS);
  let session: TerminalSession;
  try {
    session = await openTerminalSession({ ...config, paired }, () => {
      // Another window is this terminal's till: say so instead of "still starting".
      clearTimeout(notice);
      view.render(<OpenElsewhere />);
    });
  } catch (e) {
    view.render(<Fatal text={i18n.t('app.startFailed', { error: (e as Error).message })} />);
    return;
  } finally {
    clearTimeout(notice);
  }
  view.render(
    <StrictMode>
      <Till session={session} host={host} />
    </StrictMode>,
  );
}

/**
 * The paired till: the cashier screen, and the devices screen over it. The cashier screen stays
 * mounted (hidden) so a basket survives a look at the devices; it takes no scans meanwhile.
 */
function Till({ session, host }: { session: TerminalSession; host: KassaHost }) {
  const [devicesOpen, setDevicesOpen] = useState(false);
  const store = useStoreSettings(session);
  useStoreLanguage(store.locale);
  const scanConfig = useMemo(() => scanConfigFor(store), [store]);
  return (
    <>
      <div style={{ display: devicesOpen ? 'none' : 'contents' }}>
        <CheckoutScreen
          session={session}
          host={host}
          listening={!devicesOpen}
          onOpenDevices={() => setDevicesOpen(true)}
        />
      </div>
      {devicesOpen && (
        <DevicesScreen host={host} scanConfig={scanConfig} onClose={() => setDevicesOpen(false)} />
      )}
    </>
  );
}

function Fatal({ text }: { text: string }) {
  return (
    <p role="alert" data-testid="fatal">
      {text}
    </p>
  );
}

function OpenElsewhere() {
  return (
    <p role="alert" data-testid="open-elsewhere">
      {i18n.t('app.openElsewhere')}
    </p>
  );
}

function Starting() {
  return (
    <p role="status" data-testid="starting">
      {i18n.t('app.starting')}
    </p>
  );
}

const root = document.getElementById('root');
if (root) void boot(root);
