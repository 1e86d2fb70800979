// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { managerOverrideV1Schema, returnV1Schema, type JournalEvent } from '../../../../core/journal';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { createKassaDatabase, type KassaDatabase } from '../../../../renderer/src/db/database';
import { createJournalWriter } from '../../../../renderer/src/db/journal-writer';
import { ReturnsScreen } from '../../../../renderer/src/features/returns/ReturnsScreen';
import { applyLocale } from '../../../../renderer/src/i18n';
import type { TerminalSession } from '../../../../renderer/src/session/terminal-session';
import { MEMBER, SAT_NOON, saleOf, STORE } from '../../core/loyalty/return-fixtures';
import { memberDoc } from '../members/fixtures';

// PIN 2468 (the known answer of test/unit/core/loyalty/manager-pin.test.ts).
const PIN_HASH = 'scrypt$16384$8$1$a2Fzc2EtZGVtby1zYWx0IQ$-wpdVsNTgUmL6N5H6c5SrzNNqSZaQgjYoenZNGbtCVA';
const store: StoreSettings = {
  storeId: STORE.storeId,
  name: 'Demo',
  currency: 'EUR',
  timeZone: STORE.timeZone,
  locale: 'en-GB',
  variableMeasure: [],
  managers: [{ managerId: 'mgr-ann', name: 'Ann de Vries', pinHash: PIN_HASH }],
};
/** The fixtures' programs as published: 2 points per euro, doubled on the weekend. */
const PROGRAMS = [
  {
    id: 'p-euro',
    version: 3,
    name: 'Kassa points',
    kind: 'points',
    status: 'active',
    rules: [
      {
        id: 'base',
        name: '2 points per euro',
        then: [{ type: 'points-per-amount', points: 2, perCents: 100, rounding: 'down' }],
      },
    ],
  },
  {
    id: 'p-weekend',
    version: 1,
    name: 'Weekend double points',
    kind: 'promotion',
    status: 'active',
    rules: [
      {
        id: 'x2',
        name: 'Weekend double points',
        when: { type: 'days-of-week', days: ['sat', 'sun'] },
        then: [{ type: 'points-multiplier', factor: 2 }],
      },
    ],
  },
];
/** Saturday: coffee €6.69 + milk €1.29 by card, 30 points; the server folded it (seq 1). */
const sale = saleOf({
  lines: [
    { quantity: 1, unitPriceCents: 669 },
    { quantity: 1, unitPriceCents: 129 },
  ],
  at: SAT_NOON,
  programs: undefined,
});

let db: KassaDatabase | undefined;
beforeEach(() => localStorage.clear());
afterEach(async () => {
  cleanup();
  applyLocale('en-GB');
  await db?.close();
  db = undefined;
});

/** A till holding the sale, the programs and the member (whose balance is `balance` now). */
async function till(balance: number): Promise<TerminalSession> {
  db = await createKassaDatabase(
    `returns${Date.now()}${Math.random()}`.replace('.', ''),
    'relaxed',
    getRxStorageMemory(),
  );
  await db.journal.insert({ ...sale } as never);
  await db.members.insert(
    memberDoc({ memberId: MEMBER.id, balance, lifetimeEarned: 30, appliedThrough: { 'till-1': 1 } }) as never,
  );
  for (const p of PROGRAMS) {
    await db.programs.insert({
      docId: `${p.id}@${p.version}`,
      programId: p.id,
      version: p.version,
      program: p,
      publishedAt: 1,
      serverSeq: 1,
    });
  }
  const journal = createJournalWriter({ db, resumePoint: async () => undefined });
  return {
    terminalId: 'till-1',
    db,
    journal,
    status: { get: () => ({ online: false }) },
    lookupSale: async () => ({ kind: 'unreachable' }),
  } as unknown as TerminalSession;
}

async function returnCoffee(session: TerminalSession) {
  render(
    <ReturnsScreen
      session={session}
      store={store}
      scanned={{ ref: { storeId: STORE.storeId, terminalId: 'till-1', saleId: sale.id } }}
      onClose={() => {}}
    />,
  );
  const row = await waitFor(() => screen.getAllByTestId('return-line')[0] as HTMLElement);
  fireEvent.change(within(row).getByTestId('return-qty'), { target: { value: '1' } });
  fireEvent.change(screen.getByTestId('return-reason'), { target: { value: 'unwanted' } });
  await waitFor(() => expect(screen.getByTestId('return-plan-taken').getAttribute('data-points')).toBe('26'));
}

const written = async (): Promise<JournalEvent[]> =>
  (await db!.journal.find({ selector: { seq: { $gt: 1 } }, sort: [{ seq: 'asc' }] }).exec()).map(
    (d) => d.toJSON() as JournalEvent,
  );

describe('the returns screen', () => {
  it('within the balance: shows the plan and writes one return on confirm, no manager', async () => {
    await returnCoffee(await till(30));
    expect(screen.getByTestId('return-plan-balance').getAttribute('data-points')).toBe('4');
    expect(screen.queryByTestId('return-over-policy')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('return-confirm')));
    await waitFor(() => screen.getByTestId('return-receipt'));
    const events = await written();
    expect(events.map((e) => e.type)).toEqual(['return']);
    expect(returnV1Schema.parse(events[0])).toMatchObject({
      seq: 2,
      totalCents: 669,
      reason: 'unwanted',
      overrides: [],
    });
  });

  it('below the store’s limit: a manager allows it, and the return names the override', async () => {
    // The member spent the 30 points since: taking 26 back leaves −26, below the default limit of 0.
    await returnCoffee(await till(0));
    expect(screen.getByTestId('return-over-policy').textContent).toBe(
      'This return takes the member to -26 points, below the store’s limit of 0: a manager must allow it.',
    );
    await act(async () => fireEvent.click(screen.getByTestId('return-confirm')));
    fireEvent.change(screen.getByTestId('override-pin'), { target: { value: '2468' } });
    fireEvent.change(screen.getByTestId('override-reason'), { target: { value: 'Receipt checked' } });
    await act(async () => fireEvent.submit(screen.getByTestId('override-dialog')));
    await waitFor(() => screen.getByTestId('return-receipt'), { timeout: 5000 });
    const [override, ret] = await written();
    const allowed = managerOverrideV1Schema.parse(override);
    expect(allowed).toMatchObject({
      seq: 2,
      action: 'return-over-policy',
      managerId: 'mgr-ann',
      allowed: { memberId: MEMBER.id, requested: 26, limit: 0, unit: 'points' },
    });
    expect(returnV1Schema.parse(ret)).toMatchObject({ seq: 3, overrides: [allowed.id] });
    expect(allowed.allowed.eventId).toBe(ret?.id);
    expect(screen.getByTestId('return-receipt-balance').getAttribute('data-points')).toBe('-26');
  });

  it('without the manager nothing is written and the till says why', async () => {
    await returnCoffee(await till(0));
    await act(async () => fireEvent.click(screen.getByTestId('return-confirm')));
    await act(async () => fireEvent.click(screen.getByTestId('override-cancel')));
    await waitFor(() =>
      expect(screen.getByTestId('return-message').textContent).toBe(
        'Without a manager’s approval this return cannot take the member below the limit.',
      ),
    );
    expect(await written()).toEqual([]);
  });
});
