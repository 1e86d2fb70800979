// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GENESIS_HASH, type JournalEvent } from '../../../../core/journal';
import { shiftCloseV1Schema } from '../../../../core/journal/shift-close-event';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { createKassaDatabase, type KassaDatabase } from '../../../../renderer/src/db/database';
import { createJournalWriter } from '../../../../renderer/src/db/journal-writer';
import { ShiftClosePanel } from '../../../../renderer/src/features/shift/ShiftClosePanel';
import { ShiftSessionContext } from '../../../../renderer/src/features/shift/shift-session';
import { applyLocale } from '../../../../renderer/src/i18n';
import type { TerminalSession } from '../../../../renderer/src/session/terminal-session';

const store: StoreSettings = {
  storeId: 'store-1',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'en-GB',
  variableMeasure: [],
};
const NOON = Date.UTC(2026, 11, 1, 11, 0);
const hex = (n: number) => n.toString(16).padStart(64, '0');

let db: KassaDatabase;
let dbCount = 0;

/** Journal documents as the till stores them (the fields the fold reads, the chain fields). */
function doc(seq: number, body: Record<string, unknown>) {
  return {
    id: `01JSA1E00000000000000000${String(seq).padStart(2, '0')}`,
    terminalId: 'till-1',
    storeId: 'store-1',
    seq,
    prevHash: seq === 1 ? GENESIS_HASH : hex(seq - 1),
    hash: hex(seq),
    createdAt: NOON + seq * 60_000,
    businessDay: '2026-12-01',
    schemaVersion: 5,
    ...body,
  } as unknown as JournalEvent;
}

beforeEach(async () => {
  applyLocale('en-GB');
  db = await createKassaDatabase(`test-shift-${++dbCount}`, 'strict', getRxStorageMemory());
  await db.journal.bulkInsert([
    doc(1, {
      type: 'sale',
      currency: 'EUR',
      totalCents: 1250,
      payments: [{ method: 'cash', amountCents: 1250, tenderedCents: 2000, changeCents: 750 }],
    }),
    doc(2, {
      type: 'sale',
      currency: 'EUR',
      totalCents: 3000,
      payments: [{ method: 'card', amountCents: 3000 }],
    }),
    doc(3, {
      type: 'return',
      currency: 'EUR',
      totalCents: 400,
      refunds: [{ method: 'cash', amountCents: 400 }],
    }),
  ]);
});
afterEach(async () => {
  cleanup();
  await db.remove();
});

function sessionOf(journal = createJournalWriter({ db, resumePoint: async () => undefined })) {
  return { terminalId: 'till-1', store, db, journal } as unknown as TerminalSession;
}

const type = (testId: string, value: string, denomination?: number) => {
  const input =
    denomination === undefined
      ? screen.getByTestId(testId)
      : screen.getAllByTestId(testId).find((e) => e.dataset.denomination === String(denomination))!;
  fireEvent.change(input, { target: { value } });
};
const cents = (testId: string) => screen.getByTestId(testId).dataset.cents;

describe('ShiftClosePanel', () => {
  it('shows expected, counted and the difference, writes one shift-close and shows the Z report', async () => {
    const onDone = vi.fn();
    render(<ShiftClosePanel onDone={onDone} session={sessionOf()} store={store} />);
    await waitFor(() => expect(screen.getByTestId('shift-range').dataset.last).toBe('3'));
    expect(screen.getByTestId('shift-confirm')).toHaveProperty('disabled', true);

    type('shift-cashier', 'Bram');
    type('shift-float', '100.00');
    type('shift-count', '2', 5000);
    type('shift-count', '1', 500);
    type('shift-count', '4', 20);
    // €100 float + €20 handed over − €7.50 change − €4 refunded.
    expect(cents('shift-expected')).toBe('10850');
    expect(cents('shift-counted')).toBe('10580');
    expect(cents('shift-difference')).toBe('-270');
    expect(screen.getByTestId('shift-difference').textContent).toBe('-€2.70');

    await act(async () => fireEvent.click(screen.getByTestId('shift-confirm')));
    await waitFor(() => screen.getByTestId('z-report'));

    const closes = (await db.journal.find({ selector: { type: 'shift-close' } }).exec()).map((d) =>
      d.toJSON(),
    );
    expect(closes).toHaveLength(1);
    const close = shiftCloseV1Schema.parse(closes[0]);
    expect(close).toMatchObject({
      seq: 4,
      prevHash: hex(3),
      firstSeq: 1,
      lastSeq: 3,
      countedCashCents: 10580,
    });

    expect(screen.getByTestId('z-seqs').dataset).toMatchObject({ first: '1', last: '3' });
    expect(screen.getByTestId('z-sales-count').dataset.count).toBe('2');
    expect(screen.getByTestId('z-sales-total').dataset.cents).toBe('4250');
    expect(screen.getByTestId('z-returns-total').dataset.cents).toBe('400');
    expect(screen.getAllByTestId('z-tender').map((e) => [e.dataset.tender, e.dataset.cents])).toEqual([
      ['cash', '850'],
      ['card', '3000'],
    ]);
    expect(screen.getByTestId('z-difference').dataset.cents).toBe('-270');

    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    fireEvent.click(screen.getByTestId('z-print'));
    expect(print).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByTestId('z-done'));
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('opens the next shift after the close, proposing the last cashier', async () => {
    const session = sessionOf();
    const first = render(<ShiftClosePanel onDone={() => undefined} session={session} store={store} />);
    await waitFor(() => screen.getByTestId('shift-range'));
    type('shift-cashier', 'Bram');
    await act(async () => fireEvent.click(screen.getByTestId('shift-confirm')));
    await waitFor(() => screen.getByTestId('z-report'));
    first.unmount();

    render(<ShiftClosePanel onDone={() => undefined} session={session} store={store} />);
    await waitFor(() => expect(screen.getByTestId('shift-range').dataset.first).toBe('5'));
    expect(screen.getByTestId('shift-cashier')).toHaveProperty('value', 'Bram');
    expect(cents('shift-expected')).toBe('0');
  });

  it('says why when the journal refuses the close, and lets the cashier try again', async () => {
    const journal = {
      append: () => Promise.reject(new Error('disk full')),
      head: async () => ({ seq: 3, hash: hex(3) }),
    };
    render(
      <ShiftSessionContext.Provider value={{ session: sessionOf(journal as never), store }}>
        <ShiftClosePanel onDone={() => undefined} />
      </ShiftSessionContext.Provider>,
    );
    await waitFor(() => screen.getByTestId('shift-range'));
    type('shift-cashier', 'Bram');
    await act(async () => fireEvent.click(screen.getByTestId('shift-confirm')));
    expect(screen.getByTestId('shift-error').textContent).toContain('disk full');
    expect(screen.getByTestId('shift-confirm')).toHaveProperty('disabled', false);
    expect(screen.queryByTestId('z-report')).toBeNull();
  });

  it('refuses a count that is not a whole number before anything is written', async () => {
    render(<ShiftClosePanel onDone={() => undefined} session={sessionOf()} store={store} />);
    await waitFor(() => screen.getByTestId('shift-range'));
    type('shift-cashier', 'Bram');
    type('shift-count', '1.5', 100);
    expect(screen.getByTestId('shift-confirm')).toHaveProperty('disabled', true);
    expect(cents('shift-counted')).toBe('');
  });
});
