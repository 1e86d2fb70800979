import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { TerminalConfig } from '../../core/bridge/kassa-host';
import { CheckoutScreen } from './features/checkout/CheckoutScreen';
import { PairingScreen } from './features/pairing/PairingScreen';
import { getHost } from './host';
import { openTerminalSession } from './session/terminal-session';
import './styles.css';

async function boot(root: HTMLElement): Promise<void> {
  const host = getHost();
  const view = createRoot(root);
  let config: TerminalConfig;
  try {
    config = await host.getConfig();
  } catch (e) {
    view.render(<Fatal text={`The terminal host is not answering: ${(e as Error).message}`} />);
    return;
  }
  const paired = config.paired;
  if (!paired) {
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
  const session = await openTerminalSession({ ...config, paired });
  view.render(
    <StrictMode>
      <CheckoutScreen session={session} host={host} />
    </StrictMode>,
  );
}

function Fatal({ text }: { text: string }) {
  return (
    <p role="alert" data-testid="fatal">
      {text}
    </p>
  );
}

const root = document.getElementById('root');
if (root) void boot(root);
