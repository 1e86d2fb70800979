// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  eventHash,
  pinFailureV1Schema,
  type JournalEvent,
  type PinFailureEvent,
} from '../../../../core/journal';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { pinAttempts } from '../../../../renderer/src/features/manager/pin-attempt';

// PIN 2468 (see test/unit/core/loyalty/manager-pin.test.ts for the known answer).
const PIN_HASH = 'scrypt$16384$8$1$a2Fzc2EtZGVtby1zYWx0IQ$-wpdVsNTgUmL6N5H6c5SrzNNqSZaQgjYoenZNGbtCVA';
const NOW = Date.UTC(2026, 11, 1, 14, 0);
const ann = { managerId: 'mgr-ann', name: 'Ann de Vries', pinHash: PIN_HASH };
const bo = { managerId: 'mgr-bo', name: 'Bo Jansen', pinHash: PIN_HASH };
const store: StoreSettings = {
  storeId: 'store-1',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'en-GB',
  variableMeasure: [],
  managers: [ann, bo],
};

/** A journal as the writer keeps it: each event continues the chain of the one before. */
function journal(startSeq = 3) {
  const written: JournalEvent[] = [];
  let head = { seq: startSeq, hash: GENESIS_HASH };
  return {
    written,
    append: async <E extends JournalEvent>(build: (h: { seq: number; hash: string }) => E) => {
      const e = build(head);
      head = { seq: e.seq, hash: e.hash };
      written.push(e);
      return e;
    },
  };
}

beforeEach(() => localStorage.clear());

describe('wrong manager PINs in the till journal', () => {
  it('writes one pin-failure per wrong PIN, the fifth locked; the right PIN and a try while locked write nothing', async () => {
    const j = journal();
    const attempt = pinAttempts({ terminalId: 'till-1', store, journal: j, dialog: 'override' });

    expect(await attempt(ann, '1111', NOW)).toEqual({ kind: 'wrong-pin', triesLeft: 4 });
    expect(j.written).toHaveLength(1);
    const first = pinFailureV1Schema.parse(j.written[0]) as PinFailureEvent;
    expect(first).toMatchObject({
      type: 'pin-failure',
      schemaVersion: 1,
      terminalId: 'till-1',
      storeId: 'store-1',
      seq: 4,
      prevHash: GENESIS_HASH,
      createdAt: NOW,
      businessDay: '2026-12-01',
      managerId: 'mgr-ann',
      managerName: 'Ann de Vries',
      dialog: 'override',
      failures: 1,
      maxTries: 5,
      locked: false,
      lockedUntil: null,
    });
    // Sealed: its hash covers what it says.
    const { hash, ...unsigned } = first;
    expect(hash).toBe(eventHash(unsigned));
    // Never the PIN typed, nor the manager's PIN hash.
    expect(JSON.stringify(first)).not.toMatch(/1111|scrypt/);

    for (let i = 2; i <= 4; i++) await attempt(ann, '9999', NOW + i * 1000);
    expect(await attempt(ann, '0000', NOW + 5000)).toEqual({
      kind: 'locked',
      until: NOW + 5000 + 15 * 60_000,
    });
    const events = j.written as PinFailureEvent[];
    expect(events.map((e) => [e.seq, e.failures, e.locked])).toEqual([
      [4, 1, false],
      [5, 2, false],
      [6, 3, false],
      [7, 4, false],
      [8, 5, true],
    ]);
    expect(events[4]!.lockedUntil).toBe(NOW + 5000 + 15 * 60_000);
    expect(events[4]!.prevHash).toBe(events[3]!.hash);

    // Locked: even the right PIN is refused without a try counted, so nothing more is written.
    expect(await attempt(ann, '2468', NOW + 6000)).toMatchObject({ kind: 'locked' });
    expect(j.written).toHaveLength(5);
    // Another manager's right PIN writes nothing either.
    expect(await attempt(bo, '2468', NOW + 7000)).toEqual({ kind: 'allowed' });
    expect(j.written).toHaveLength(5);
  }, 30_000);

  it('says which dialog, and a wrong PIN is still refused and counted when the journal cannot take it', async () => {
    const j = journal(0);
    const attempt = pinAttempts({ terminalId: 'till-1', store, journal: j, dialog: 'manager-mode' });
    await attempt(bo, '1357', NOW);
    expect(j.written[0]).toMatchObject({ seq: 1, dialog: 'manager-mode', managerId: 'mgr-bo' });

    const full = {
      append: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
    };
    const refused = pinAttempts({ terminalId: 'till-1', store, journal: full, dialog: 'override' });
    expect(await refused(bo, '1357', NOW + 1000)).toEqual({ kind: 'wrong-pin', triesLeft: 3 });
  }, 30_000);
});
