import { useState } from 'react';
import type { StoreSyncStatus } from '../../../../core/backoffice/api';
import { useTranslation } from '../../i18n';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { TerminalSession } from '../../session/terminal-session';
import { ShiftClosePanel } from '../shift/ShiftClosePanel';
import { SyncStatusTab } from './SyncStatusTab';
import { useStoreStatus } from './useStoreStatus';

type Tab = 'sync' | 'shift';

interface Props {
  managerName: string;
  session: TerminalSession;
  store: StoreSettings;
  fetchStatus: (() => Promise<StoreSyncStatus>) | undefined;
  onBack(): void;
}

/** Manager mode, after a good PIN: the store's sync status as HQ sees it, and closing the shift. */
export function ManagerScreen({ managerName, session, store, fetchStatus, onBack }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('sync');
  const status = useStoreStatus(fetchStatus);
  return (
    // Over the sale, like the manager's other dialogs (styles.css has no manager-mode rules of its own).
    <div className="override-backdrop">
      <section
        className="override-dialog manager-screen"
        style={{ maxWidth: '95vw', maxHeight: '90vh', overflow: 'auto' }}
        role="dialog"
        aria-modal="true"
        aria-labelledby="manager-screen-title"
        data-testid="manager-screen"
      >
        <header>
          <h2 id="manager-screen-title">{t('managerMode.title')}</h2>
          <p data-testid="manager-screen-name">{t('managerMode.signedIn', { name: managerName })}</p>
          <button type="button" data-testid="manager-screen-back" onClick={onBack}>
            {t('managerMode.back')}
          </button>
        </header>
        <div role="tablist">
          {(['sync', 'shift'] as const).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              data-testid={`manager-tab-${id}`}
              onClick={() => setTab(id)}
            >
              {t(`managerMode.tab.${id}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel">
          {tab === 'sync' ? (
            <SyncStatusTab
              state={status.state}
              onRefresh={status.refresh}
              local={session.status}
              terminalId={session.terminalId}
              locale={store.locale}
              timeZone={store.timeZone}
            />
          ) : (
            <ShiftClosePanel session={session} store={store} onDone={onBack} />
          )}
        </div>
      </section>
    </div>
  );
}
