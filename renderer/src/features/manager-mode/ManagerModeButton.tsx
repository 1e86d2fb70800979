import { useState } from 'react';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { StoreManager } from '../../../../core/store/store-policy';
import { useTranslation } from '../../i18n';
import type { TerminalSession } from '../../session/terminal-session';
import { ManagerPinDialog } from './ManagerPinDialog';
import { ManagerScreen } from './ManagerScreen';

/** The till header's "Manager" button: PIN first, then the manager screen until "Back to the sale". */
export function ManagerModeButton({
  session,
  store,
  disabled = false,
}: {
  session: TerminalSession;
  store: StoreSettings;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'closed' | 'pin' | { manager: StoreManager }>('closed');
  const close = () => setStep('closed');
  return (
    <>
      <button
        type="button"
        data-testid="manager-mode-open"
        disabled={disabled}
        onClick={() => setStep('pin')}
      >
        {t('managerMode.open')}
      </button>
      {step === 'pin' && (
        <ManagerPinDialog
          terminalId={session.terminalId}
          store={store}
          journal={session.journal}
          onEnter={(manager) => setStep({ manager })}
          onCancel={close}
        />
      )}
      {typeof step === 'object' && (
        <ManagerScreen
          managerName={step.manager.name}
          session={session}
          store={store}
          fetchStatus={session.fetchStoreStatus}
          onBack={close}
        />
      )}
    </>
  );
}
