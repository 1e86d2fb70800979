import type { ReactNode } from 'react';
import type { StoreManager } from '../../../../core/store/store-policy';
import { useTranslation, type Translatable } from '../../i18n';
import type { PinCheck } from './check-pin';

interface Props {
  managers: readonly StoreManager[];
  managerId: string;
  pin: string;
  onManagerChange(managerId: string): void;
  onPinChange(pin: string): void;
  /** Test ids are `<prefix>-manager`, `<prefix>-pin` and `<prefix>-no-managers`, so each dialog keeps its own. */
  testIdPrefix: string;
  /** What the dialog says when the store has no managers (then no field is shown). */
  noManagers: string;
  /** The dialog's own fields after the PIN (an override's reason). */
  children?: ReactNode;
}

/** Which manager and their PIN: the two fields every PIN dialog at the till asks for. */
export function ManagerPinFields({
  managers,
  managerId,
  pin,
  onManagerChange,
  onPinChange,
  testIdPrefix,
  noManagers,
  children,
}: Props) {
  const { t } = useTranslation();
  if (managers.length === 0) {
    return (
      <p className="override-problem" role="alert" data-testid={`${testIdPrefix}-no-managers`}>
        {noManagers}
      </p>
    );
  }
  return (
    <>
      <label className="override-field">
        {t('manager.manager')}
        <select
          data-testid={`${testIdPrefix}-manager`}
          aria-label={t('manager.choose')}
          value={managerId}
          onChange={(e) => onManagerChange(e.target.value)}
        >
          {managers.map((m) => (
            <option key={m.managerId} value={m.managerId}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="override-field">
        {t('manager.pin')}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={8}
          data-testid={`${testIdPrefix}-pin`}
          value={pin}
          onChange={(e) => onPinChange(e.target.value.trim())}
        />
      </label>
      {children}
    </>
  );
}

/** What a refused PIN check tells the cashier: tries left, or locked until when; null when allowed. */
export function pinProblem(check: PinCheck, name: string, time: (ms: number) => string): Translatable | null {
  if (check.kind === 'wrong-pin')
    return { key: 'manager.wrongPin', values: { count: check.triesLeft, name } };
  if (check.kind === 'locked') return { key: 'manager.locked', values: { name, time: time(check.until) } };
  return null;
}
