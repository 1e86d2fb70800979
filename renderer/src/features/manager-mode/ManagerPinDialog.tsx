import { useMemo, useState, type FormEvent } from 'react';
import { isValidPin } from '../../../../core/loyalty/manager-pin';
import { lockoutStatus } from '../../../../core/loyalty/pin-lockout';
import type { StoreManager } from '../../../../core/store/store-policy';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { translate, useTranslation, type Translatable } from '../../i18n';
import type { JournalWriter } from '../../db/journal-writer';
import { loadLockout } from '../manager/lockout-storage';
import { pinAttempts } from '../manager/pin-attempt';
import { ManagerPinFields, pinProblem } from '../manager/ManagerPinFields';

interface Props {
  terminalId: string;
  /** The store (its managers, locale, time zone) and the journal a wrong PIN is written to. */
  store: StoreSettings;
  journal: Pick<JournalWriter, 'append'>;
  onEnter(manager: StoreManager): void;
  onCancel(): void;
  clock?: () => number;
}

/**
 * Who opens manager mode: one of this store's managers with their PIN, checked offline with the
 * same lockout as an override (5 wrong tries lock that manager on this till); each wrong PIN is a
 * `pin-failure` event in the journal.
 */
export function ManagerPinDialog({ terminalId, store, journal, onEnter, onCancel, clock = Date.now }: Props) {
  const { t } = useTranslation();
  const { locale, timeZone } = store;
  const managers = store.managers ?? [];
  const attempt = useMemo(
    () => pinAttempts({ terminalId, store, journal, dialog: 'manager-mode' }),
    [journal, store, terminalId],
  );
  const [managerId, setManagerId] = useState(managers[0]?.managerId ?? '');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<Translatable | null>(null);
  const [checking, setChecking] = useState(false);
  const manager = managers.find((m) => m.managerId === managerId);
  const time = (ms: number) =>
    new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
  const status = manager ? lockoutStatus(loadLockout(terminalId), manager.managerId, clock()) : null;
  const until = status?.locked ? status.until : null;
  const lockedProblem: Translatable | null =
    manager && until !== null
      ? { key: 'manager.locked', values: { name: manager.name, time: time(until) } }
      : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!manager || checking) return;
    if (!isValidPin(pin)) return setProblem({ key: 'manager.pinFormat' });
    setChecking(true);
    setProblem(null);
    // Let "checking" show before scrypt holds the thread.
    await new Promise((r) => setTimeout(r, 0));
    const checked = await attempt(manager, pin, clock());
    setChecking(false);
    setPin('');
    if (checked.kind === 'allowed') onEnter(manager);
    else setProblem(pinProblem(checked, manager.name, time));
  };

  const shown = problem ?? lockedProblem;
  return (
    <div className="override-backdrop">
      <form
        className="override-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="manager-pin-title"
        data-testid="manager-pin-dialog"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      >
        <h2 id="manager-pin-title">{t('managerMode.pinTitle')}</h2>
        <ManagerPinFields
          managers={managers}
          managerId={managerId}
          pin={pin}
          onManagerChange={(id) => {
            setManagerId(id);
            setProblem(null);
          }}
          onPinChange={setPin}
          testIdPrefix="manager-pin"
          noManagers={t('managerMode.noManagers')}
        ></ManagerPinFields>
        <p className="override-problem" role="alert" data-testid="manager-pin-problem">
          {checking ? t('manager.checking') : shown && translate(t, shown)}
        </p>
        <div className="override-actions">
          {managers.length > 0 && (
            <button type="submit" data-testid="manager-pin-enter" disabled={checking || until !== null}>
              {t('managerMode.enter')}
            </button>
          )}
          <button type="button" data-testid="manager-pin-cancel" onClick={onCancel}>
            {t('manager.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
