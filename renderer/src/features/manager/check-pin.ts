import { verifyPin } from '../../../../core/loyalty/manager-pin';
import {
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

/**
 * One PIN typed for one manager at this till: a locked manager is refused before the PIN is
 * even hashed (no guessing during the lock); a wrong PIN costs a try, the fifth locks.
 */
export function checkManagerPin(
  lockout: PinLockoutState,
  manager: StoreManager,
  pin: string,
  nowMs: number,
): { lockout: PinLockoutState; result: PinCheck } {
  const before = lockoutStatus(lockout, manager.managerId, nowMs);
  if (before.locked) return { lockout, result: { kind: 'locked', until: before.until } };
  if (verifyPin(pin, manager.pinHash)) {
    return { lockout: recordSuccess(lockout, manager.managerId), result: { kind: 'allowed' } };
  }
  const next = recordFailure(lockout, manager.managerId, nowMs);
  const after = lockoutStatus(next, manager.managerId, nowMs);
  return {
    lockout: next,
    result: after.locked
      ? { kind: 'locked', until: after.until }
      : { kind: 'wrong-pin', triesLeft: after.triesLeft },
  };
}
