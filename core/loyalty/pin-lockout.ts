import { z } from 'zod';

/*
 * Guessing a manager's PIN at the counter: after five wrong PINs for one manager, this till
 * refuses that manager for fifteen minutes. Pure state; the till keeps it per terminal in its
 * local storage so a reload does not reset it. Other managers and other tills are unaffected.
 */

export const PIN_LOCKOUT = { maxTries: 5, lockMs: 15 * 60_000 } as const;

export const lockoutEntrySchema = z.object({
  failures: z.number().int().min(0).max(1_000),
  lockedUntil: z.number().int().nullable(),
});
export type LockoutEntry = z.infer<typeof lockoutEntrySchema>;

export const pinLockoutStateSchema = z.record(z.string().min(1).max(64), lockoutEntrySchema);
/** Per managerId. */
export type PinLockoutState = Readonly<Record<string, LockoutEntry>>;

export type LockoutStatus =
  | { readonly locked: true; readonly until: number }
  | { readonly locked: false; readonly triesLeft: number };

/** The entry as it stands at `now`: a lock that ran out counts as a fresh start. */
function current(state: PinLockoutState, managerId: string, now: number): LockoutEntry {
  const entry = state[managerId];
  if (entry === undefined) return { failures: 0, lockedUntil: null };
  if (entry.lockedUntil !== null && entry.lockedUntil <= now) return { failures: 0, lockedUntil: null };
  return entry;
}

export function lockoutStatus(state: PinLockoutState, managerId: string, now: number): LockoutStatus {
  const entry = current(state, managerId, now);
  if (entry.lockedUntil !== null) return { locked: true, until: entry.lockedUntil };
  return { locked: false, triesLeft: Math.max(0, PIN_LOCKOUT.maxTries - entry.failures) };
}

/** A wrong PIN: one try fewer; the fifth locks the manager out on this till until now + 15 min. */
export function recordFailure(state: PinLockoutState, managerId: string, now: number): PinLockoutState {
  const entry = current(state, managerId, now);
  if (entry.lockedUntil !== null) return state;
  const failures = entry.failures + 1;
  const lockedUntil = failures >= PIN_LOCKOUT.maxTries ? now + PIN_LOCKOUT.lockMs : null;
  return { ...state, [managerId]: { failures, lockedUntil } };
}

/** The right PIN clears the count, so earlier typos do not add up over the day. */
export function recordSuccess(state: PinLockoutState, managerId: string): PinLockoutState {
  if (state[managerId] === undefined) return state;
  const next = { ...state };
  delete next[managerId];
  return next;
}
