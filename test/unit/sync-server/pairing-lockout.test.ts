import { describe, expect, it } from 'vitest';
import {
  createPairingLockout,
  pairingLockMessage,
  type PairingLockoutOptions,
} from '../../../sync-server/src/domain/pairing-lockout';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 6, 9, 0);

describe('pairing lockout', () => {
  it('locks an address after 5 wrong codes within 15 minutes, for 15 minutes from the fifth', () => {
    const lockout = createPairingLockout();
    const me = { address: '10.0.0.7' };
    for (let i = 0; i < 4; i++) lockout.recordFailure(me, T0 + i * MIN);
    expect(lockout.lockFor(me, T0 + 4 * MIN)).toBeUndefined();

    lockout.recordFailure(me, T0 + 4 * MIN);
    expect(lockout.lockFor(me, T0 + 4 * MIN)).toEqual({ scope: 'address', until: T0 + 19 * MIN });
    expect(lockout.lockFor(me, T0 + 19 * MIN - 1)).toBeDefined();
    expect(lockout.lockFor(me, T0 + 19 * MIN)).toBeUndefined();
    // Other addresses are not affected.
    expect(lockout.lockFor({ address: '10.0.0.8' }, T0 + 5 * MIN)).toBeUndefined();
  });

  it('forgets wrong codes older than the window', () => {
    const lockout = createPairingLockout();
    const me = { address: '2001:db8::1' };
    for (let i = 0; i < 4; i++) lockout.recordFailure(me, T0 + i * MIN);
    // The first four are more than 15 minutes old when the fifth comes.
    lockout.recordFailure(me, T0 + 16 * MIN);
    expect(lockout.lockFor(me, T0 + 16 * MIN)).toBeUndefined();
  });

  it('starts counting afresh once a lock has passed', () => {
    const lockout = createPairingLockout();
    const me = { address: '10.0.0.7' };
    for (let i = 0; i < 5; i++) lockout.recordFailure(me, T0);
    const after = T0 + 15 * MIN;
    expect(lockout.lockFor(me, after)).toBeUndefined();
    lockout.recordFailure(me, after);
    expect(lockout.lockFor(me, after)).toBeUndefined();
  });

  it('locks a store after 20 wrong codes for it from many addresses, also for a right code', () => {
    const lockout = createPairingLockout();
    for (let i = 0; i < 19; i++) lockout.recordFailure({ address: `10.0.1.${i}`, storeId: 'store-a' }, T0);
    expect(lockout.lockFor({ address: '10.0.2.1', storeId: 'store-a' }, T0)).toBeUndefined();
    lockout.recordFailure({ address: '10.0.1.19', storeId: 'store-a' }, T0);

    expect(lockout.lockFor({ address: '10.0.2.1', storeId: 'store-a' }, T0 + MIN)).toEqual({
      scope: 'store',
      until: T0 + 15 * MIN,
    });
    // No address was locked, and other stores and unknown codes are not affected.
    expect(lockout.lockFor({ address: '10.0.2.1', storeId: 'store-b' }, T0)).toBeUndefined();
    expect(lockout.lockFor({ address: '10.0.1.0' }, T0)).toBeUndefined();
  });

  it('names the address lock first when both apply', () => {
    const lockout = createPairingLockout({
      perAddress: { maxFailures: 1, windowMs: 10 * MIN },
      perStore: { maxFailures: 1, windowMs: 20 * MIN },
      maxTracked: 100,
    });
    lockout.recordFailure({ address: 'a', storeId: 's' }, T0);
    expect(lockout.lockFor({ address: 'a', storeId: 's' }, T0)?.scope).toBe('address');
    expect(lockout.lockFor({ address: 'b', storeId: 's' }, T0)?.scope).toBe('store');
  });

  it('keeps memory bounded, but never forgets a lock in force', () => {
    const options: PairingLockoutOptions = {
      perAddress: { maxFailures: 2, windowMs: 15 * MIN },
      perStore: { maxFailures: 20, windowMs: 15 * MIN },
      maxTracked: 10,
    };
    const lockout = createPairingLockout(options);
    lockout.recordFailure({ address: 'locked' }, T0);
    lockout.recordFailure({ address: 'locked' }, T0);
    lockout.recordFailure({ address: 'half' }, T0);
    for (let i = 0; i < 100; i++) lockout.recordFailure({ address: `spray-${i}` }, T0 + 1);
    expect(lockout.lockFor({ address: 'locked' }, T0 + 2)).toBeDefined();
    // 'half' was forgotten to make room: its next wrong code does not lock yet.
    lockout.recordFailure({ address: 'half' }, T0 + 2);
    expect(lockout.lockFor({ address: 'half' }, T0 + 2)).toBeUndefined();
  });

  it('says when to try again, in whole minutes', () => {
    expect(pairingLockMessage({ scope: 'address', until: T0 + 14 * MIN + 1 }, T0)).toBe(
      'Too many wrong pairing codes from this address; try again in 15 minutes.',
    );
    expect(pairingLockMessage({ scope: 'address', until: T0 + 10 }, T0)).toBe(
      'Too many wrong pairing codes from this address; try again in 1 minute.',
    );
    expect(pairingLockMessage({ scope: 'store', until: T0 + 2 * MIN }, T0)).toMatch(
      /for this store.*try again in 2 minutes\.$/,
    );
  });
});
