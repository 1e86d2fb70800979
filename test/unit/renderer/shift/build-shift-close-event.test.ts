import { describe, expect, it } from 'vitest';
import { createIdFactory } from '../../../../core/ids';
import { GENESIS_HASH, eventHash } from '../../../../core/journal';
import { shiftCloseV1Schema } from '../../../../core/journal/shift-close-event';
import type { StoreSettings } from '../../../../core/store/store-settings';
import {
  buildShiftCloseEvent,
  cashierIdOf,
  openShift,
  type ShiftJournalEvent,
} from '../../../../renderer/src/features/shift/build-shift-close-event';

const store: StoreSettings = {
  storeId: 'store-ams',
  name: 'Kassa Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const NOON = Date.UTC(2026, 11, 1, 11, 0, 0);
const newId = createIdFactory();

function sale(seq: number, totalCents: number, payments: ShiftJournalEvent['payments']): ShiftJournalEvent {
  return { id: `s${seq}`, type: 'sale', seq, createdAt: NOON + seq * 60_000, totalCents, payments };
}

/** Closed shift (seq 1–2, close at 3), then the open one: two sales, a cash return, an enrolment. */
const journal: ShiftJournalEvent[] = [
  sale(1, 999, [{ method: 'card', amountCents: 999 }]),
  sale(2, 500, [{ method: 'cash', amountCents: 500, tenderedCents: 500, changeCents: 0 }]),
  { id: 'c3', type: 'shift-close', seq: 3, createdAt: NOON + 180_000, cashier: { id: 'anna', name: 'Anna' } },
  sale(4, 1250, [{ method: 'cash', amountCents: 1250, tenderedCents: 2000, changeCents: 750 }]),
  { id: 'e5', type: 'enrolment', seq: 5, createdAt: NOON + 300_000 },
  sale(6, 3000, [
    { method: 'card', amountCents: 2000 },
    { method: 'cash', amountCents: 1000, tenderedCents: 1000, changeCents: 0 },
  ]),
  {
    id: 'r7',
    type: 'return',
    seq: 7,
    createdAt: NOON + 420_000,
    totalCents: 400,
    refunds: [{ method: 'cash', amountCents: 400 }],
  },
];

describe('openShift: the shift still open at the till', () => {
  it('starts after the last shift-close and runs to the till’s last event', () => {
    const shift = openShift(journal, NOON + 3_600_000);
    expect(shift.firstSeq).toBe(4);
    expect(shift.lastSeq).toBe(7);
    expect(shift.events.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expect(shift.openedAt).toBe(NOON + 240_000);
    expect(shift.lastCashier).toBe('Anna');
  });

  it('on a new till covers everything from seq 1, with no cashier to propose', () => {
    const shift = openShift(journal.slice(0, 2), NOON);
    expect(shift).toMatchObject({ firstSeq: 1, lastSeq: 2, lastCashier: '' });
  });

  it('right after a close is empty, opened when the close was written', () => {
    const shift = openShift(journal.slice(0, 3), NOON + 3_600_000);
    expect(shift).toMatchObject({ firstSeq: 4, lastSeq: 3, events: [], openedAt: NOON + 180_000 });
  });
});

describe('buildShiftCloseEvent: the one event a confirm writes', () => {
  const shift = openShift(journal, NOON + 3_600_000);
  const input = {
    cashierName: '  Bram de Vries ',
    floatCents: 10000,
    counted: [
      { denominationCents: 5000, count: 2 },
      { denominationCents: 1000, count: 1 },
      { denominationCents: 50, count: 1 },
    ],
    countedCashCents: 11050,
  };
  const ctx = {
    id: newId(NOON),
    terminalId: 'till-1',
    store,
    seq: 8,
    prevHash: GENESIS_HASH,
    nowMs: NOON + 3_600_000,
  };

  it('carries the till’s totals: sales, returns, net per tender, expected against counted cash', () => {
    const event = buildShiftCloseEvent(shift, input, ctx);
    expect(event).toMatchObject({
      type: 'shift-close',
      schemaVersion: 1,
      seq: 8,
      firstSeq: 4,
      lastSeq: 7,
      businessDay: '2026-12-01',
      currency: 'EUR',
      cashier: { id: 'bram-de-vries', name: 'Bram de Vries' },
      openedAt: NOON + 240_000,
      sales: { count: 2, totalCents: 4250 },
      returns: { count: 1, totalCents: 400 },
      tenders: [
        { tender: 'cash', cents: 1850 },
        { tender: 'card', cents: 2000 },
      ],
      floatCents: 10000,
      // €100 float + €20 + €10 handed over − €7.50 change − €4 refunded = €118.50.
      expectedCashCents: 11850,
      countedCashCents: 11050,
      counted: input.counted,
    });
  });

  it('is sealed into the chain and valid for the shared schema', () => {
    const event = buildShiftCloseEvent(shift, input, ctx);
    const { hash, ...unsigned } = event;
    expect(hash).toBe(eventHash(unsigned));
    expect(event.prevHash).toBe(GENESIS_HASH);
    expect(shiftCloseV1Schema.safeParse(event).success).toBe(true);
  });

  it('ends the shift just before its own seq, so a sale written meanwhile is not left out of the range', () => {
    expect(buildShiftCloseEvent(shift, input, { ...ctx, seq: 10 }).lastSeq).toBe(9);
  });

  it('refuses a close the server could not read (a float beyond the bounds)', () => {
    expect(() => buildShiftCloseEvent(shift, { ...input, floatCents: -1 }, ctx)).toThrow();
  });
});

describe('cashierIdOf', () => {
  it('makes a stable id from the typed name, and one for an unreadable name', () => {
    expect(cashierIdOf('Ioana Popescu')).toBe('ioana-popescu');
    expect(cashierIdOf('Ștefan')).toBe('stefan');
    expect(cashierIdOf('   ')).toBe('cashier');
  });
});
