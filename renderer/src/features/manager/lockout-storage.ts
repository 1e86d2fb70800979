import { pinLockoutStateSchema, type PinLockoutState } from '../../../../core/loyalty/pin-lockout';

/** Per terminal, in local storage: a reload or a restart of the till does not reset a lockout. */
const keyFor = (terminalId: string) => `kassa.pinLockout.${terminalId}`;

/** Only when local storage refused a write (full): the count is kept here until it takes one again. */
const unsaved = new Map<string, PinLockoutState>();

export function loadLockout(terminalId: string, storage: Storage = localStorage): PinLockoutState {
  const held = unsaved.get(terminalId);
  if (held) return held;
  const raw = storage.getItem(keyFor(terminalId));
  if (raw === null) return {};
  try {
    const parsed = pinLockoutStateSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through: a corrupt entry is dropped below.
  }
  console.warn('kassa: dropped an unreadable PIN lockout entry');
  storage.removeItem(keyFor(terminalId));
  return {};
}

export function saveLockout(
  terminalId: string,
  state: PinLockoutState,
  storage: Storage = localStorage,
): void {
  try {
    storage.setItem(keyFor(terminalId), JSON.stringify(state));
    unsaved.delete(terminalId);
  } catch (e) {
    // A full storage must not stop the PIN check, nor reset the count while the till runs.
    unsaved.set(terminalId, state);
    console.warn(`kassa: could not keep the PIN lockout: ${(e as Error).message}`);
  }
}
