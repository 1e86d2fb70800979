/**
 * Lockout after repeated wrong pairing codes (unknown, used or expired), counted per source address
 * and per store. A guesser at one address is stopped after a few wrong codes; a guesser spread over
 * many addresses is stopped per store, once their codes reveal the store (used and expired codes do).
 *
 * The counts live in memory, and that is enough: pairing codes are single-use and expire (24 h by
 * default), so only a burst of guesses could ever hit one; a restart clears a lockout, but the
 * per-address rate limit on /pair still bounds how fast anyone can guess. (Several instances behind
 * one database each keep their own counts, which multiplies the bound by the instance count.)
 */

export interface LockoutRule {
  /** This many wrong codes within `windowMs` lock the key… */
  maxFailures: number;
  /** …for `windowMs` from the last of them. */
  windowMs: number;
}

export interface PairingLockoutOptions {
  perAddress: LockoutRule;
  perStore: LockoutRule;
  /** Keys kept per rule before the oldest unlocked ones are forgotten (memory stays bounded). */
  maxTracked: number;
}

export const DEFAULT_PAIRING_LOCKOUT: PairingLockoutOptions = {
  perAddress: { maxFailures: 5, windowMs: 15 * 60_000 },
  perStore: { maxFailures: 20, windowMs: 15 * 60_000 },
  maxTracked: 10_000,
};

export interface PairingAttempt {
  /** The source address of the request. */
  address: string;
  /** The store the submitted code belongs to, when it is a known (used, expired or valid) code. */
  storeId?: string | undefined;
}

export interface PairingLock {
  scope: 'address' | 'store';
  /** Epoch ms when pairing is allowed again. */
  until: number;
}

export interface PairingLockout {
  /** The lock in force at `now` for this attempt's address or store, if any (the address first). */
  lockFor(attempt: PairingAttempt, now: number): PairingLock | undefined;
  /** Counts one wrong code from `attempt.address`, and for `attempt.storeId` when given. */
  recordFailure(attempt: PairingAttempt, now: number): void;
}

interface Entry {
  /** Times of the wrong codes still inside the window, oldest first. */
  failures: number[];
  lockedUntil: number;
}

/** Wrong codes per key (an address, or a store) under one rule. */
function counter(rule: LockoutRule, maxTracked: number) {
  const entries = new Map<string, Entry>();

  const forget = (now: number) => {
    for (const [key, e] of entries) {
      const active = e.lockedUntil > now || (e.failures.at(-1) ?? -Infinity) > now - rule.windowMs;
      if (!active) entries.delete(key);
    }
    // Still too many: forget the oldest unlocked keys (a Map iterates in insertion order).
    for (const [key, e] of entries) {
      if (entries.size <= maxTracked) break;
      if (e.lockedUntil <= now) entries.delete(key);
    }
  };

  return {
    lockedUntil(key: string, now: number): number | undefined {
      const e = entries.get(key);
      return e && e.lockedUntil > now ? e.lockedUntil : undefined;
    },
    record(key: string, now: number): void {
      const e = entries.get(key) ?? { failures: [], lockedUntil: 0 };
      e.failures = e.failures.filter((t) => t > now - rule.windowMs);
      e.failures.push(now);
      if (e.failures.length >= rule.maxFailures) {
        e.lockedUntil = now + rule.windowMs;
        e.failures = [];
      }
      entries.delete(key);
      entries.set(key, e);
      if (entries.size > maxTracked) forget(now);
    },
  };
}

export function createPairingLockout(
  options: PairingLockoutOptions = DEFAULT_PAIRING_LOCKOUT,
): PairingLockout {
  const byAddress = counter(options.perAddress, options.maxTracked);
  const byStore = counter(options.perStore, options.maxTracked);
  return {
    lockFor(attempt, now) {
      const address = byAddress.lockedUntil(attempt.address, now);
      if (address !== undefined) return { scope: 'address', until: address };
      const store = attempt.storeId === undefined ? undefined : byStore.lockedUntil(attempt.storeId, now);
      return store === undefined ? undefined : { scope: 'store', until: store };
    },
    recordFailure(attempt, now) {
      byAddress.record(attempt.address, now);
      if (attempt.storeId !== undefined) byStore.record(attempt.storeId, now);
    },
  };
}

/** What the 429 says: which lock, and in how many whole minutes (at least 1) to try again. */
export function pairingLockMessage(lock: PairingLock, now: number): string {
  const minutes = Math.max(1, Math.ceil((lock.until - now) / 60_000));
  const inN = `try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  return lock.scope === 'address'
    ? `Too many wrong pairing codes from this address; ${inN}`
    : `Too many wrong pairing codes for this store; pairing for it is paused: ${inN}`;
}
