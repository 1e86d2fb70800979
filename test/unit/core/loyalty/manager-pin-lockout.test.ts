import { describe, expect, it } from 'vitest';
import {
  lockoutStatus,
  pinLockoutStateSchema,
  recordFailure,
  recordSuccess,
  type PinLockoutState,
} from '../../../../core/loyalty/pin-lockout';

const T0 = 1_800_000_000_000;
const MIN = 60_000;

const fail = (state: PinLockoutState, id: string, times: number, at = T0) => {
  let s = state;
  for (let i = 0; i < times; i++) s = recordFailure(s, id, at + i);
  return s;
};

describe('PIN lockout', () => {
  it('counts down the tries left with each wrong PIN', () => {
    expect(lockoutStatus({}, 'm1', T0)).toEqual({ locked: false, triesLeft: 5 });
    expect(lockoutStatus(fail({}, 'm1', 3), 'm1', T0 + 10)).toEqual({ locked: false, triesLeft: 2 });
  });

  it('locks a manager for 15 minutes after the fifth wrong PIN, then starts afresh', () => {
    const s = fail({}, 'm1', 5);
    const lockedAt = T0 + 4;
    expect(lockoutStatus(s, 'm1', T0 + 5 * MIN)).toEqual({ locked: true, until: lockedAt + 15 * MIN });
    // More tries while locked do not extend the lock.
    const s2 = recordFailure(s, 'm1', T0 + 10 * MIN);
    expect(lockoutStatus(s2, 'm1', T0 + 10 * MIN)).toEqual({ locked: true, until: lockedAt + 15 * MIN });
    expect(lockoutStatus(s2, 'm1', lockedAt + 15 * MIN)).toEqual({ locked: false, triesLeft: 5 });
  });

  it('locks only that manager', () => {
    const s = fail({}, 'm1', 5);
    expect(lockoutStatus(s, 'm2', T0 + MIN)).toEqual({ locked: false, triesLeft: 5 });
  });

  it('the right PIN clears earlier wrong tries', () => {
    const s = recordSuccess(fail({}, 'm1', 4), 'm1');
    expect(lockoutStatus(s, 'm1', T0 + MIN)).toEqual({ locked: false, triesLeft: 5 });
  });

  it('survives a round trip through JSON (the till keeps it in local storage)', () => {
    const s = fail({}, 'm1', 5);
    const back = pinLockoutStateSchema.parse(JSON.parse(JSON.stringify(s)));
    expect(lockoutStatus(back, 'm1', T0 + MIN).locked).toBe(true);
  });
});
