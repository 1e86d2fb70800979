import { useState, type FormEvent } from 'react';
import type { KassaHost, TerminalConfig } from '../../../../core/bridge/kassa-host';

/** Shown while the host's terminal config is not paired: server URL + one-time code. */
export function PairingScreen({
  host,
  defaultServerUrl,
  onPaired,
}: {
  host: KassaHost;
  defaultServerUrl: string;
  onPaired(config: TerminalConfig): void;
}) {
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await host.pair({ serverUrl: serverUrl.trim(), code: code.trim() });
    setBusy(false);
    if (outcome.ok) onPaired(outcome.config);
    else setError(outcome.message);
  };

  return (
    <main className="pairing">
      <h1>Pair this till</h1>
      <p>Ask the store manager for a pairing code (kassa-server pair-code) and the server address.</p>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="pair-server">Server</label>
        <input
          id="pair-server"
          data-testid="pair-server-url"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
        />
        <label htmlFor="pair-code">Pairing code</label>
        <input
          id="pair-code"
          data-testid="pair-code"
          autoComplete="off"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" data-testid="pair-submit" disabled={busy || code.trim().length < 4}>
          {busy ? 'Pairing…' : 'Pair'}
        </button>
        {error && (
          <p role="alert" data-testid="pair-error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
