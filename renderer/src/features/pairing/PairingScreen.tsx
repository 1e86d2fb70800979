import { useState, type FormEvent } from 'react';
import type { KassaHost, PairOutcome, TerminalConfig } from '../../../../core/bridge/kassa-host';
import { useTranslation } from '../../i18n';

type PairRefusal = Extract<PairOutcome, { ok: false }>;

/**
 * Shown while the host's terminal config is not paired: server URL + one-time code. No store is
 * known yet, so it speaks the language of the browser or OS (main.tsx).
 */
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
  const { t } = useTranslation();
  const [error, setError] = useState<PairRefusal | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await host.pair({ serverUrl: serverUrl.trim(), code: code.trim() });
    setBusy(false);
    if (outcome.ok) onPaired(outcome.config);
    else setError(outcome);
  };

  return (
    <main className="pairing">
      <h1>{t('pairing.title')}</h1>
      <p>{t('pairing.intro')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="pair-server">{t('pairing.server')}</label>
        <input
          id="pair-server"
          data-testid="pair-server-url"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
        />
        <label htmlFor="pair-code">{t('pairing.code')}</label>
        <input
          id="pair-code"
          data-testid="pair-code"
          autoComplete="off"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" data-testid="pair-submit" disabled={busy || code.trim().length < 4}>
          {busy ? t('pairing.busy') : t('pairing.submit')}
        </button>
        {error && (
          <p role="alert" data-testid="pair-error" data-reason={error.reason}>
            {t(`pairing.error.${error.reason}`)} {/* What the host or the server said, as it said it. */}
            <span className="pair-error-detail">{error.message}</span>
          </p>
        )}
      </form>
    </main>
  );
}
