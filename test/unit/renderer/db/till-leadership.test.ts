import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  awaitTillLeadership,
  GRANT_GRACE_MS,
  type TillElector,
} from '../../../../renderer/src/db/till-leadership';

/**
 * Which window of a terminal is the till, and which tells the cashier "Kassa is already open in
 * another window": a fake of RxDB's Web Locks elector whose lock the test hands over.
 */
function fakeElector(lock: { holder: 'none' | 'other' | 'me' }) {
  let grant: () => void = () => undefined;
  const elector: TillElector & { grant(): void } = {
    get isLeader() {
      return lock.holder === 'me';
    },
    hasLeader: async () => lock.holder !== 'none',
    awaitLeadership: () =>
      new Promise<void>((resolve) => {
        grant = () => {
          lock.holder = 'me';
          resolve();
        };
        if (lock.holder === 'none') queueMicrotask(() => grant());
      }),
    grant: () => grant(),
  };
  return elector;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a till window starting', () => {
  it('alone: becomes the till without telling the cashier anything', async () => {
    const onWaiting = vi.fn();
    await awaitTillLeadership(fakeElector({ holder: 'none' }), onWaiting);
    await vi.runAllTimersAsync();
    expect(onWaiting).not.toHaveBeenCalled();
  });

  it('beside a running till: says so, waits, and becomes the till when the other closes', async () => {
    const lock = { holder: 'other' as 'none' | 'other' | 'me' };
    const elector = fakeElector(lock);
    const onWaiting = vi.fn();
    let isTill = false;
    void awaitTillLeadership(elector, onWaiting).then(() => (isTill = true));

    await vi.advanceTimersByTimeAsync(GRANT_GRACE_MS);
    expect(onWaiting).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(isTill).toBe(false);

    elector.grant(); // the other window closed
    await vi.advanceTimersByTimeAsync(0);
    expect(isTill).toBe(true);
    expect(onWaiting).toHaveBeenCalledTimes(1);
  });

  it('granted a moment after its lock showed as held: no notice flashes', async () => {
    const lock = { holder: 'other' as 'none' | 'other' | 'me' };
    const elector = fakeElector(lock);
    const onWaiting = vi.fn();
    const becoming = awaitTillLeadership(elector, onWaiting);
    await vi.advanceTimersByTimeAsync(GRANT_GRACE_MS / 3);
    elector.grant();
    await vi.runAllTimersAsync();
    await becoming;
    expect(onWaiting).not.toHaveBeenCalled();
  });
});
