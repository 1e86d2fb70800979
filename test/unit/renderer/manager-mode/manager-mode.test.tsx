// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreSyncStatus, TillSyncStatus } from '../../../../core/backoffice/api';
import { GENESIS_HASH, type JournalEvent } from '../../../../core/journal';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { ManagerModeButton } from '../../../../renderer/src/features/manager-mode/ManagerModeButton';
import {
  initialStoreStatus,
  storeStatusReducer,
} from '../../../../renderer/src/features/manager-mode/store-status-state';
import { applyLocale } from '../../../../renderer/src/i18n';
import type { TerminalSession } from '../../../../renderer/src/session/terminal-session';
import { SyncHttpError } from '../../../../renderer/src/sync/sync-api';
import { createSyncStatusStore } from '../../../../renderer/src/sync/sync-status';

// PIN 2468 (see test/unit/core/loyalty/manager-pin.test.ts for the known answer).
const PIN_HASH = 'scrypt$16384$8$1$a2Fzc2EtZGVtby1zYWx0IQ$-wpdVsNTgUmL6N5H6c5SrzNNqSZaQgjYoenZNGbtCVA';
const NOW = Date.UTC(2026, 11, 1, 14, 0);

const store: StoreSettings = {
  storeId: 'store-1',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'en-GB',
  variableMeasure: [],
  managers: [{ managerId: 'mgr-ann', name: 'Ann de Vries', pinHash: PIN_HASH }],
};

const till = (over: Partial<TillSyncStatus>): TillSyncStatus => ({
  terminalId: 'till-1',
  name: 'Till 1',
  online: true,
  lastSeenAt: NOW,
  pendingOnTill: 0,
  pendingReportedAt: NOW,
  lastSeq: 40,
  contiguousSeq: 40,
  gaps: [],
  lost: [],
  chain: 'ok',
  parked: 0,
  refused: 0,
  clockSkewMs: 1200,
  silent: false,
  ...over,
});

const troubled: StoreSyncStatus = {
  storeId: 'store-1',
  businessDay: '2026-12-01',
  allAtHq: false,
  missing: ['till-2: seqs 12–14 missing'],
  checkedAt: NOW,
  tills: [
    till({}),
    till({
      terminalId: 'till-2',
      name: null,
      online: false,
      lastSeenAt: NOW - 3 * 3600_000,
      pendingOnTill: 5,
      contiguousSeq: 11,
      lastSeq: 20,
      gaps: [{ from: 12, to: 14, openSince: NOW - 3600_000 }],
      silent: true,
    }),
  ],
};

function setup(answers: (() => Promise<StoreSyncStatus>)[]) {
  const status = createSyncStatusStore();
  status.setLocalSeq(9);
  status.acknowledge(6);
  let calls = 0;
  const written: JournalEvent[] = [];
  const session = {
    terminalId: 'till-1',
    status,
    journal: {
      append: async <E extends JournalEvent>(build: (h: { seq: number; hash: string }) => E) => {
        const e = build({ seq: 9 + written.length, hash: GENESIS_HASH });
        written.push(e);
        return e;
      },
    },
    fetchStoreStatus: () => answers[Math.min(calls++, answers.length - 1)]!(),
  } as unknown as TerminalSession;
  render(<ManagerModeButton session={session} store={store} />);
  return { calls: () => calls, written };
}

const enterPin = async (pin: string) => {
  fireEvent.change(screen.getByTestId('manager-pin-pin'), { target: { value: pin } });
  await act(async () => fireEvent.submit(screen.getByTestId('manager-pin-dialog')));
  await waitFor(
    () =>
      expect(screen.queryByTestId('manager-pin-problem')?.textContent ?? '').not.toBe('Checking the PIN…'),
    { timeout: 5000 },
  );
};

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

describe('manager mode', () => {
  it('opens only with a manager PIN: a wrong one counts a try, the right one shows the name and HQ status', async () => {
    const { written } = setup([async () => troubled]);
    fireEvent.click(screen.getByTestId('manager-mode-open'));
    await enterPin('1111');
    expect(screen.getByTestId('manager-pin-problem').textContent).toContain('4 tries left');
    expect(screen.queryByTestId('manager-screen')).toBeNull();
    await enterPin('2468');
    // The wrong PIN is in the journal; the right one adds nothing.
    expect(written.map((e) => e.type)).toEqual(['pin-failure']);
    expect(screen.getByTestId('manager-screen-name').textContent).toContain('Ann de Vries');
    await waitFor(() => expect(screen.getByTestId('manager-sync-summary')).toBeTruthy());
    expect(screen.getByTestId('manager-sync-summary').getAttribute('data-all-at-hq')).toBe('false');
    expect(screen.getByTestId('manager-sync-own-waiting').textContent).toBe(
      'This till: 3 events not yet at HQ',
    );
    const two = screen.getByTestId('manager-sync-till-till-2');
    expect(two.getAttribute('data-silent')).toBe('true');
    expect(two.textContent).toContain('#12–#14, open since');
    expect(two.textContent).toContain('Last seen');
    fireEvent.click(screen.getByTestId('manager-screen-back'));
    expect(screen.queryByTestId('manager-screen')).toBeNull();
  });

  it('the fifth wrong PIN locks the manager out on this till', async () => {
    const { written } = setup([async () => troubled]);
    fireEvent.click(screen.getByTestId('manager-mode-open'));
    for (let i = 0; i < 5; i++) await enterPin('1111');
    expect(screen.getByTestId('manager-pin-problem').textContent).toContain('locked out');
    // Each wrong PIN is a pin-failure in the journal, typed in manager mode; the fifth locked.
    expect(written.map((e) => ['dialog' in e && e.dialog, 'failures' in e && e.failures])).toEqual([
      ['manager-mode', 1],
      ['manager-mode', 2],
      ['manager-mode', 3],
      ['manager-mode', 4],
      ['manager-mode', 5],
    ]);
    expect(written.map((e) => 'locked' in e && e.locked)).toEqual([false, false, false, false, true]);
    expect((screen.getByTestId('manager-pin-enter') as HTMLButtonElement).disabled).toBe(true);
  }, 20_000);

  it('offline on refresh: says so and keeps the last answer with its time', async () => {
    const { calls } = setup([
      async () => ({ ...troubled, allAtHq: true, tills: [till({})] }),
      () => Promise.reject(new SyncHttpError('Cannot reach the sync server', 'offline')),
    ]);
    fireEvent.click(screen.getByTestId('manager-mode-open'));
    await enterPin('2468');
    await waitFor(() =>
      expect(screen.getByTestId('manager-sync-summary').textContent).toContain(
        'All sales of today are at HQ',
      ),
    );
    fireEvent.click(screen.getByTestId('manager-sync-refresh'));
    await waitFor(() => expect(screen.getByTestId('manager-sync-failure')).toBeTruthy());
    expect(calls()).toBe(2);
    expect(screen.getByTestId('manager-sync-failure').textContent).toContain('HQ cannot be reached');
    expect(screen.getByTestId('manager-sync-failure').textContent).toContain('last answer, received');
    expect(screen.getByTestId('manager-sync-summary').textContent).toContain('All sales of today are at HQ');
  });
});

describe('store status state', () => {
  it('a refused answer keeps the last status and says what HQ said', () => {
    const answered = storeStatusReducer(initialStoreStatus, { type: 'answer', status: troubled, atMs: NOW });
    const failed = storeStatusReducer(storeStatusReducer(answered, { type: 'start' }), {
      type: 'failed',
      offline: false,
      message: 'unknown terminal',
    });
    expect(failed).toEqual({
      last: troubled,
      receivedAt: NOW,
      loading: false,
      failure: { kind: 'refused', message: 'unknown terminal' },
    });
  });
});
