/**
 * The back office: sign-in while nobody is signed in (401), then the layout — the user's stores
 * (an HQ admin also "all stores"), the language, sign-out — and the screen the nav picked.
 */
import { useEffect, useState } from 'react';
import { useText } from './use-text';
import type { SessionView } from '../../../core/backoffice/api';
import { i18n, languageFor, TILL_LANGUAGES } from '../i18n/i18n';
import type { BackofficeApi } from './api';
import { Ctx } from './context';
import { SignIn } from './SignIn';
import { SyncStatusPage } from './pages/SyncStatusPage';
import { ExceptionsPage } from './pages/ExceptionsPage';
import { EndOfDayPage } from './pages/EndOfDayPage';
import { ReportsPage } from './pages/ReportsPage';
import { AuditPage } from './pages/AuditPage';
import { MemberPage } from './pages/MemberPage';

export const PAGES = ['sync', 'exceptions', 'endOfDay', 'reports', 'audit', 'member'] as const;
export type Page = (typeof PAGES)[number];

const LANGUAGE_KEY = 'kassa.backoffice.language';

function chooseLanguage(session: SessionView | undefined): string {
  const saved = globalThis.localStorage?.getItem(LANGUAGE_KEY);
  if (saved && (TILL_LANGUAGES as readonly string[]).includes(saved)) return saved;
  return languageFor(session?.stores[0]?.locale ?? globalThis.navigator?.language);
}

export function App({ api }: { api: BackofficeApi }) {
  const { t } = useText();
  const [session, setSession] = useState<SessionView | undefined>();
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [page, setPage] = useState<Page>('sync');
  const [storeId, setStoreId] = useState('');
  const [language, setLanguage] = useState(() => chooseLanguage(undefined));

  // The language: the one picked before on this browser, else the store's, else the browser's.
  function signedIn(s: SessionView) {
    setSession(s);
    setLanguage(chooseLanguage(s));
    setStoreId(s.user.role === 'hq-admin' && s.stores.length > 1 ? '' : (s.stores[0]?.storeId ?? ''));
  }

  useEffect(() => {
    api.session().then(
      (s) => {
        if (s) signedIn(s);
        setChecked(true);
      },
      (e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        setChecked(true);
      },
    );
  }, [api]);

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);

  const pickLanguage = (l: string) => {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, l);
    setLanguage(l);
  };

  const languagePicker = (
    <label className="bo-language">
      {t('backoffice.language')}{' '}
      <select value={language} onChange={(e) => pickLanguage(e.target.value)} data-testid="bo-language">
        {TILL_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`backoffice.languages.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );

  if (!checked) return <p className="bo-loading">{t('backoffice.loading')}</p>;
  if (!session)
    return (
      <div className="bo-signin-page">
        {languagePicker}
        {error && <p className="bo-error">{error}</p>}
        <SignIn api={api} onSignedIn={signedIn} />
      </div>
    );

  const signOut = async () => {
    try {
      await api.signOut();
    } finally {
      setSession(undefined);
    }
  };

  const allStores = session.user.role === 'hq-admin';
  return (
    <Ctx.Provider value={{ api, session, storeId }}>
      <div className="bo-layout">
        <header className="bo-header">
          <h1>{t('backoffice.title')}</h1>
          <label>
            {t('backoffice.store')}{' '}
            <select value={storeId} onChange={(e) => setStoreId(e.target.value)} data-testid="bo-store">
              {allStores && <option value="">{t('backoffice.allStores')}</option>}
              {session.stores.map((s) => (
                <option key={s.storeId} value={s.storeId}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          {languagePicker}
          <span className="bo-user" data-testid="bo-user">
            {session.user.name} ({t(`backoffice.roles.${session.user.role}`)})
          </span>
          <button type="button" onClick={() => void signOut()} data-testid="bo-sign-out">
            {t('backoffice.signOut')}
          </button>
        </header>
        <nav className="bo-nav">
          {PAGES.map((p) => (
            <button
              key={p}
              type="button"
              className={p === page ? 'active' : ''}
              aria-current={p === page ? 'page' : undefined}
              onClick={() => setPage(p)}
              data-testid={`bo-nav-${p}`}
            >
              {t(`backoffice.nav.${p}`)}
            </button>
          ))}
        </nav>
        <main className="bo-main">
          {page === 'sync' && <SyncStatusPage />}
          {page === 'exceptions' && <ExceptionsPage key={storeId} />}
          {page === 'endOfDay' && <EndOfDayPage />}
          {page === 'reports' && <ReportsPage />}
          {page === 'audit' && <AuditPage />}
          {page === 'member' && <MemberPage />}
        </main>
      </div>
    </Ctx.Provider>
  );
}
