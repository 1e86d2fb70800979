import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  exceptionsReport,
  salesReport,
  terminalsReport,
} from '../../../sync-server/src/domain/admin-reports';
import { pushJournal } from '../../../sync-server/src/domain/push-journal';
import type { Storage, StorageTx } from '../../../sync-server/src/storage/port';
import { makeSale, pushRows, saleChain } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** The push/fold algorithm through the domain function, on both adapters. */
const T1 = { terminalId: 'T1', storeId: 's1' };
const store = {
  storeId: 's1',
  name: 'Winkel',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};

describe.each([sqliteAdapter(), postgresAdapter()])('journal fold: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.upsertStore(store, 1);
    await s.upsertStore({ ...store, storeId: 's2' }, 1);
    await s.insertTerminal({ ...T1, name: null, tokenHash: 'a', pairedAt: 1 });
    await s.insertTerminal({ terminalId: 'T2', storeId: 's1', name: null, tokenHash: 'b', pairedAt: 1 });
  });
  afterEach(() => s.close());

  const push = (events: Parameters<typeof pushRows>[0], who = T1) =>
    pushJournal(s, who, pushRows(events), 1000);

  it('folds a sale into sales with its lines and totals', async () => {
    const [sale] = saleChain('T1', 's1', 1);
    const r = await push([sale!]);
    expect(r).toEqual({ ok: true, value: { conflicts: [], accepted: 1, duplicates: 0, exceptions: 0 } });
    const report = await salesReport(s, { terminalId: 'T1' });
    expect(report.totals).toEqual({ count: 1, totalCents: 504 });
    await push(saleChain('T1', 's1', 2, 2, sale!.hash));
    expect((await salesReport(s, { terminalId: 'T1', limit: 1 })).totals).toEqual({
      count: 3,
      totalCents: 1512,
    });
    expect(report.sales[0]?.lines.map((l) => [l.name, l.amountCents, l.weightGrams])).toEqual([
      ['Campina Halfvolle melk 1 L', 258, null],
      ['Bananen', 246, 1234],
    ]);
    expect(report.sales[0]?.payments).toEqual([
      { method: 'cash', amountCents: 504, tenderedCents: 1000, changeCents: 496 },
    ]);
  });

  it('stores an event pushed twice once, and answers success both times', async () => {
    const events = saleChain('T1', 's1', 3);
    await push(events);
    const again = await push(events);
    expect(again).toEqual({ ok: true, value: { conflicts: [], accepted: 0, duplicates: 3, exceptions: 0 } });
    expect(await s.countJournal()).toBe(3);
    expect((await salesReport(s, {})).totals.count).toBe(3);
    expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
  });

  it('stores a batch pushed twice at the same moment once', async () => {
    const events = saleChain('T1', 's1', 5);
    const [a, b] = await Promise.all([push(events), push(events)]);
    const outcomes = [a, b].map((r) => (r.ok ? [r.value.accepted, r.value.duplicates] : r.reason));
    expect(outcomes).toEqual(
      expect.arrayContaining([
        [5, 0],
        [0, 5],
      ]),
    );
    expect(await s.countJournal()).toBe(5);
    expect(await s.getTerminal('T1')).toMatchObject({ contiguousSeq: 5, maxSeq: 5 });
  });

  it('refuses the same id with other content, answers the stored event, and raises tamper', async () => {
    const [sale] = saleChain('T1', 's1', 1);
    await push([sale!]);
    const edited = { ...sale!, totalCents: 1 };
    const r = await push([edited]);
    expect(r.ok && r.value.conflicts).toEqual([{ ...sale!, _deleted: false }]);
    expect((await salesReport(s, {})).sales[0]?.totalCents).toBe(504);
    const { exceptions } = await exceptionsReport(s, {});
    expect(exceptions).toMatchObject([{ kind: 'tamper', eventId: sale!.id, terminalId: 'T1' }]);
  });

  it('raises tamper for an event whose content does not match its own hash', async () => {
    const [sale] = saleChain('T1', 's1', 1);
    await push([{ ...sale!, totalCents: 9999 }]);
    expect((await exceptionsReport(s, {})).exceptions).toMatchObject([{ kind: 'tamper', seq: 1 }]);
  });

  it('reports a seq gap until the missing events arrive', async () => {
    const events = saleChain('T1', 's1', 5);
    await push([events[0]!, events[1]!, events[4]!]);
    let [t1] = await terminalsReport(s, 's1');
    expect(t1).toMatchObject({ terminalId: 'T1', lastSeq: 5, contiguousSeq: 2, gaps: [{ from: 3, to: 4 }] });
    expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
      { kind: 'seq-gap', seq: 3, message: expect.stringContaining('3–4') },
    ]);
    await push([events[3]!, events[2]!]);
    [t1] = await terminalsReport(s, 's1');
    expect(t1).toMatchObject({ lastSeq: 5, contiguousSeq: 5, gaps: [] });
    expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
  });

  it('raises a chain break when prevHash does not name the previous event, in either arrival order', async () => {
    const [e1, e2] = saleChain('T1', 's1', 2);
    const forged = makeSale({ terminalId: 'T1', storeId: 's1', seq: 3, prevHash: 'f'.repeat(64) });
    await push([e1!, e2!, forged]);
    expect((await exceptionsReport(s, {})).exceptions).toMatchObject([{ kind: 'chain-break', seq: 3 }]);

    // T2: seq 2 arrives first, then a seq 1 it does not follow.
    const [a1] = saleChain('T2', 's1', 1);
    const b2 = makeSale({ terminalId: 'T2', storeId: 's1', seq: 2, prevHash: 'e'.repeat(64) });
    await push([b2], { terminalId: 'T2', storeId: 's1' });
    await push([a1!], { terminalId: 'T2', storeId: 's1' });
    const t2 = (await exceptionsReport(s, { terminalId: 'T2' })).exceptions;
    expect(t2).toMatchObject([{ kind: 'chain-break', seq: 2, eventId: b2.id }]);
  });

  it('refuses a batch holding another terminal’s or store’s event, and stores none of it', async () => {
    const mine = saleChain('T1', 's1', 1);
    const theirs = saleChain('T2', 's1', 1);
    const r = await push([...mine, ...theirs]);
    expect(r).toMatchObject({ ok: false, reason: 'forbidden-terminal' });
    const otherStore = saleChain('T1', 's2', 1);
    expect(await push(otherStore)).toMatchObject({ ok: false, reason: 'forbidden-store' });
    expect(await s.countJournal()).toBe(0);
  });

  it('keeps the events before one whose fold fails, leaves no trace of that one, and resumes on retry', async () => {
    const events = saleChain('T1', 's1', 5);
    const poisoned = events[2]!.id;
    // A storage whose sales fold throws for one event: a bug, as a fold never fails on purpose.
    const failing: Storage = Object.assign(Object.create(s) as Storage, {
      transaction: <T>(fn: (tx: StorageTx) => Promise<T>) =>
        s.transaction((tx) =>
          fn(
            new Proxy(tx, {
              get(target, key) {
                if (key === 'insertSale') {
                  return async (sale: { eventId: string }) => {
                    if (sale.eventId === poisoned) throw new Error('fold bug');
                    return target.insertSale(sale as never);
                  };
                }
                const v = Reflect.get(target, key) as unknown;
                return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
              },
            }),
          ),
        ),
    });
    await expect(pushJournal(failing, T1, pushRows(events), 1000)).rejects.toThrow('fold bug');
    expect(await s.countJournal()).toBe(2);
    expect((await salesReport(s, {})).totals.count).toBe(2);
    expect(await s.getTerminal('T1')).toMatchObject({ contiguousSeq: 2, maxSeq: 2 });

    const retry = await push(events);
    expect(retry).toEqual({ ok: true, value: { conflicts: [], accepted: 3, duplicates: 2, exceptions: 0 } });
    expect((await salesReport(s, {})).totals.count).toBe(5);
  });

  it('keeps a reused seq (the sale happened) and raises it', async () => {
    const [e1] = saleChain('T1', 's1', 1);
    const [again] = saleChain('T1', 's1', 1);
    await push([e1!]);
    await push([again!]);
    expect(await s.countJournal()).toBe(2);
    expect((await exceptionsReport(s, {})).exceptions).toMatchObject([{ kind: 'seq-reused', seq: 1 }]);
  });
});
