// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, managerOverrideV1Schema, type JournalEvent } from '../../../../core/journal';
import type { StoreSettings } from '../../../../core/store/store-settings';
import {
  useManagerOverride,
  type ManagerOverride,
  type OverrideRequest,
} from '../../../../renderer/src/features/manager/useManagerOverride';
import { applyLocale } from '../../../../renderer/src/i18n';
import type { TerminalSession } from '../../../../renderer/src/session/terminal-session';

// PIN 2468 (see test/unit/core/loyalty/manager-pin.test.ts for the known answer).
const PIN_HASH = 'scrypt$16384$8$1$a2Fzc2EtZGVtby1zYWx0IQ$-wpdVsNTgUmL6N5H6c5SrzNNqSZaQgjYoenZNGbtCVA';
const NOW = Date.UTC(2026, 11, 1, 14, 0);

const baseStore: StoreSettings = {
  storeId: 'store-1',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'en-GB',
  variableMeasure: [],
  managers: [
    { managerId: 'mgr-ann', name: 'Ann de Vries', pinHash: PIN_HASH },
    { managerId: 'mgr-bo', name: 'Bo Jansen', pinHash: PIN_HASH },
  ],
};

const req: OverrideRequest = {
  action: 'line-over-limit',
  eventId: '01JSA1E0000000000000000000',
  memberId: null,
  description: '150 × Apples; the limit is 99',
  requested: 150,
  limit: 99,
  unit: 'units',
  why: { key: 'manager.allowed', values: { name: 'the limit' } },
};

function setup(store: StoreSettings = baseStore) {
  const written: JournalEvent[] = [];
  const session = {
    terminalId: 'till-1',
    journal: {
      append: async <E extends JournalEvent>(build: (h: { seq: number; hash: string }) => E) => {
        const e = build({ seq: 7, hash: GENESIS_HASH });
        written.push(e);
        return e;
      },
    },
  } as unknown as TerminalSession;
  const api: { current?: ManagerOverride } = {};
  function Harness() {
    const o = useManagerOverride(session, store, () => NOW);
    api.current = o;
    return <>{o.dialog}</>;
  }
  render(<Harness />);
  let answer: string | null | undefined;
  act(() => {
    void api.current?.request(req).then((a) => (answer = a));
  });
  return { written, answer: () => answer };
}

const fill = (pin: string, reason = 'Party order') => {
  fireEvent.change(screen.getByTestId('override-pin'), { target: { value: pin } });
  fireEvent.change(screen.getByTestId('override-reason'), { target: { value: reason } });
};
/** Submits and waits until the PIN was checked (the dialog closed or says why not). */
const allow = async () => {
  await act(async () => fireEvent.submit(screen.getByTestId('override-dialog')));
  await waitFor(
    () => expect(screen.queryByTestId('override-problem')?.textContent).not.toBe('Checking the PIN…'),
    { timeout: 5000 },
  );
};
const problem = () => screen.getByTestId('override-problem').textContent;

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

describe('manager override dialog', () => {
  it('with the right PIN writes one manager-override event and answers its id', async () => {
    const { written, answer } = setup();
    fill('2468');
    await allow();
    expect(written).toHaveLength(1);
    const event = managerOverrideV1Schema.parse(written[0]);
    expect(event).toMatchObject({
      seq: 8,
      managerId: 'mgr-ann',
      managerName: 'Ann de Vries',
      reason: 'Party order',
      action: 'line-over-limit',
      allowed: { eventId: req.eventId, requested: 150, limit: 99, unit: 'units' },
    });
    expect(answer()).toBe(event.id);
    expect(screen.queryByTestId('override-dialog')).toBeNull();
  });

  it('a wrong PIN says so with the tries left; the fifth locks the manager until 15 minutes on', async () => {
    const { written } = setup();
    fill('1111');
    await allow();
    expect(problem()).toBe('Wrong PIN: 4 tries left before Ann de Vries is locked out on this till.');
    for (let i = 0; i < 4; i++) {
      fill('1111');
      await allow();
    }
    expect(problem()).toBe('Too many wrong PINs: Ann de Vries is locked out on this till until 15:15.');
    // Each wrong PIN is in the journal for HQ (the fifth locked); even the right PIN is refused
    // while locked, and no override is written.
    expect(written.map((e) => [e.type, 'dialog' in e && e.dialog, 'locked' in e && e.locked])).toEqual([
      ...Array.from({ length: 4 }, () => ['pin-failure', 'override', false]),
      ['pin-failure', 'override', true],
    ]);
    fill('2468');
    await allow();
    expect(written).toHaveLength(5);
    expect(screen.getByTestId('override-allow')).toHaveProperty('disabled', true);
  });

  it('keeps the lockout over a reload, for that manager only', async () => {
    setup();
    for (let i = 0; i < 5; i++) {
      fill('1111');
      await allow();
    }
    cleanup();
    const { written, answer } = setup();
    expect(problem()).toContain('locked out on this till until 15:15');
    fireEvent.change(screen.getByTestId('override-manager'), { target: { value: 'mgr-bo' } });
    fill('2468');
    await allow();
    expect(written).toHaveLength(1);
    expect(answer()).toBe(written[0]?.id);
  });

  it('needs a reason and a 4–8 digit PIN before it checks anything', async () => {
    const { written } = setup();
    fill('2468', '  ');
    await allow();
    expect(problem()).toBe('Write down why you allow this.');
    fill('24', 'ok');
    await allow();
    expect(problem()).toBe('A PIN is 4 to 8 digits.');
    expect(written).toHaveLength(0);
  });

  it('says no override is possible when the store has no manager, and cancel answers null', async () => {
    const { answer } = setup({ ...baseStore, managers: [] });
    expect(screen.getByTestId('override-no-managers').textContent).toMatch(/No manager is set up/);
    await act(async () => fireEvent.click(screen.getByTestId('override-cancel')));
    expect(answer()).toBeNull();
  });

  it('Escape cancels, as the Cancel button does', async () => {
    const { answer, written } = setup();
    await act(async () => fireEvent.keyDown(screen.getByTestId('override-pin'), { key: 'Escape' }));
    expect(answer()).toBeNull();
    expect(screen.queryByTestId('override-dialog')).toBeNull();
    expect(written).toHaveLength(0);
  });

  it('speaks Romanian', () => {
    applyLocale('ro-RO');
    setup();
    expect(screen.getByRole('dialog').querySelector('h2')?.textContent).toBe('Aprobare de la manager');
  });
});
