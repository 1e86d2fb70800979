import { useState, type FormEvent } from 'react';
import { useText } from './use-text';
import type { SessionView } from '../../../core/backoffice/api';
import type { BackofficeApi } from './api';

/** Login and password; the server's refusal (wrong password, locked out, too many attempts) shown as it says. */
export function SignIn({ api, onSignedIn }: { api: BackofficeApi; onSignedIn: (s: SessionView) => void }) {
  const { t } = useText();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api.signIn(login, password));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bo-signin" onSubmit={(e) => void submit(e)} aria-label={t('backoffice.signIn.title')}>
      <h1>{t('backoffice.signIn.title')}</h1>
      <label>
        {t('backoffice.signIn.login')}
        <input
          name="login"
          autoComplete="username"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          data-testid="bo-login"
          required
        />
      </label>
      <label>
        {t('backoffice.signIn.password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="bo-password"
          required
        />
      </label>
      {error && (
        <p className="bo-error" role="alert" data-testid="bo-signin-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} data-testid="bo-signin-submit">
        {t('backoffice.signIn.submit')}
      </button>
    </form>
  );
}
