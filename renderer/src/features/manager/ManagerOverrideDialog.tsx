import { useState, type FormEvent } from 'react';
import { isValidPin } from '../../../../core/loyalty/manager-pin';
import type { StoreManager } from '../../../../core/store/store-policy';
import { translate, useTranslation, type Translatable } from '../../i18n';
import type { PinCheck } from './check-pin';
import type { OverrideRequest } from './useManagerOverride';
import { ManagerPinFields, pinProblem } from './ManagerPinFields';

export type AllowOutcome = PinCheck | { readonly kind: 'failed'; readonly error: string };

interface Props {
  request: OverrideRequest;
  managers: readonly StoreManager[];
  locale: string;
  timeZone: string;
  /** When this manager is locked out on this till, until when (epoch ms); null when not. */
  lockedUntil(managerId: string): number | null;
  onAllow(managerId: string, pin: string, reason: string): Promise<AllowOutcome>;
  onCancel(): void;
}

/**
 * The manager's yes, at the till: who (their name and PIN, checked offline here), and why in
 * their words. Shows why the till asks; a wrong PIN says how many tries are left, a lockout until when.
 */
export function ManagerOverrideDialog({
  request,
  managers,
  locale,
  timeZone,
  lockedUntil,
  onAllow,
  onCancel,
}: Props) {
  const { t } = useTranslation();
  const [managerId, setManagerId] = useState(managers[0]?.managerId ?? '');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Translatable | null>(null);
  const [checking, setChecking] = useState(false);
  const manager = managers.find((m) => m.managerId === managerId);
  const time = (ms: number) =>
    new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
  const until = manager ? lockedUntil(manager.managerId) : null;
  const lockedProblem: Translatable | null =
    manager && until !== null
      ? { key: 'manager.locked', values: { name: manager.name, time: time(until) } }
      : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!manager || checking) return;
    if (!isValidPin(pin)) return setProblem({ key: 'manager.pinFormat' });
    if (reason.trim() === '') return setProblem({ key: 'manager.reasonRequired' });
    setChecking(true);
    setProblem(null);
    const outcome = await onAllow(manager.managerId, pin, reason);
    setChecking(false);
    setPin('');
    if (outcome.kind === 'failed')
      setProblem({ key: 'manager.saveFailed', values: { error: outcome.error } });
    else setProblem(pinProblem(outcome, manager.name, time));
  };

  const shown = problem ?? lockedProblem;
  return (
    <div className="override-backdrop">
      <form
        className="override-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="override-title"
        data-testid="override-dialog"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      >
        <h2 id="override-title">{t('manager.title')}</h2>
        <p className="override-why" data-testid="override-why">
          {translate(t, request.why)}
        </p>
        <ManagerPinFields
          managers={managers}
          managerId={managerId}
          pin={pin}
          onManagerChange={(id) => {
            setManagerId(id);
            setProblem(null);
          }}
          onPinChange={setPin}
          testIdPrefix="override"
          noManagers={t('manager.noManagers')}
        >
          <label className="override-field">
            {t('manager.reason')}
            <input
              data-testid="override-reason"
              autoComplete="off"
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
        </ManagerPinFields>
        <p className="override-problem" role="alert" data-testid="override-problem">
          {checking ? t('manager.checking') : shown && translate(t, shown)}
        </p>
        <div className="override-actions">
          {managers.length > 0 && (
            <button type="submit" data-testid="override-allow" disabled={checking || until !== null}>
              {t('manager.allow')}
            </button>
          )}
          <button type="button" data-testid="override-cancel" onClick={onCancel}>
            {t('manager.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
