import { verifyPin } from '../../../../core/loyalty/manager-pin';
import {
  PIN_LOCKOUT,
  lockoutStatus,
  recordFailure,
  recordSuccess,
  type PinLockoutState,
} from '../../../../core/loyalty/pin-lockout';
import type { StoreManager } from '../../../../core/store/store-policy';

export type PinCheck =
  | { readonly kind: 'allowed' }
  | { readonly kind: 'wrong-pin'; readonly triesLeft: number }
  | { readonly kind: 'locked'; readonly until: number };

/** A wrong PIN that counted (the audit record's facts); none for the right PIN or a refusal while locked. */
export interface PinFailure {
  readonly failures: number;
  readonly maxTries: number;
  readonly locked: boolean;
  readonly lockedUntil: number | null;
}

/**
 * One PIN typed for one manager at this till: a locked manager is refused before the PIN is
 * even hashed (no guessing during the lock); a wrong PIN costs a try, the fifth locks.
 * `failure` says what a counted wrong PIN was, for the till's journal (pin-attempt.ts).
 */
export function checkManagerPin(
  lockout: PinLockoutState,
  manager: StoreManager,
  pin: string,
  nowMs: number,
): { lockout: PinLockoutState; result: PinCheck; failure?: PinFailure } {
  const before = lockoutStatus(lockout, manager.managerId, nowMs);
  if (before.locked) return { lockout, result: { kind: 'locked', until: before.until } };
  if (verifyPin(pin, manager.pinHash)) {
    return { lockout: recordSuccess(lockout, manager.managerId), result: { kind: 'allowed' } };
  }
  const next = recordFailure(lockout, manager.managerId, nowMs);
  const after = lockoutStatus(next, manager.managerId, nowMs);
  const failures = next[manager.managerId]?.failures ?? 1;
  const maxTries = PIN_LOCKOUT.maxTries;
  return after.locked
    ? {
        lockout: next,
        result: { kind: 'locked', until: after.until },
        failure: { failures, maxTries, locked: true, lockedUntil: after.until },
      }
    : {
        lockout: next,
        result: { kind: 'wrong-pin', triesLeft: after.triesLeft },
        failure: { failures, maxTries, locked: false, lockedUntil: null },
      };
}
