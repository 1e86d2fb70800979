import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shiftTotals } from '../../../core/folds/shift-totals';
import { eventHash } from '../../../core/journal/hash-chain';
import type { SaleEvent } from '../../../core/journal/sale-event';
import { listExceptions } from '../../../sync-server/src/domain/exceptions';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { businessDayStatus, shiftReconciliations } from '../../../sync-server/src/domain/shifts';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { makeSale, saleChain } from './support/sale-events';
import { postgresAdapter, sqliteAdapter } from './support/storages';

/** End of day (issue 10): a shift closed at a till is reconciled against what the server folded for it. */
const T1 = { terminalId: 'T1', storeId: 's1' };
const DAY = '2026-11-25';
const store = {
  storeId: 's1',
  name: 'Winkel',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const rows = (docs: readonly object[]) =>
  docs.map((d) => ({
    assumedMasterState: null,
    newDocumentState: { ...(d as Record<string, unknown>), _deleted: false },
  }));

/** The shift-close a till writes after `sales` (its next seq), with its own totals of them. */
function shiftClose(sales: readonly SaleEvent[], floatCents: number) {
  const last = sales[sales.length - 1]!;
  const base = makeSale({ ...T1, seq: last.seq + 1, prevHash: last.hash });
  const fold = shiftTotals(sales, floatCents);
  const unsigned = {
    id: base.id,
    type: 'shift-close',
    schemaVersion: 1,
    terminalId: 'T1',
    storeId: 's1',
    seq: last.seq + 1,
    prevHash: last.hash,
    createdAt: base.createdAt,
    businessDay: DAY,
    currency: 'EUR',
    cashier: { id: 'c-anna', name: 'Anna' },
    openedAt: sales[0]!.createdAt,
    firstSeq: sales[0]!.seq,
    lastSeq: last.seq,
    counted: [{ denominationCents: 500, count: 4 }],
    countedCashCents: 2000,
    expectedCashCents: fold.expectedCashCents,
    floatCents,
    ...fold.totals,
  };
  return { ...unsigned, hash: eventHash(unsigned as never) };
}

describe.each([sqliteAdapter(), postgresAdapter()])('shift reconciliation on $name', (adapter) => {
  let s: Storage;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(store, 1);
      await tx.terminals.insert({ ...T1, name: 'Kassa 1', tokenHash: 'a', pairedAt: 1 });
    });
  });
  afterEach(() => s.close());

  it('a shift whose sales all arrived reconciles and closes the day', async () => {
    const sales = saleChain('T1', 's1', 3);
    await pushJournal(s, T1, rows([...sales, shiftClose(sales, 10000)]), 1000);
    const [shift] = await shiftReconciliations(s, { storeId: 's1', day: DAY });
    expect(shift).toMatchObject({
      status: 'reconciled',
      differences: [],
      missingSeqs: [],
      firstSeq: 1,
      lastSeq: 3,
      cashier: { name: 'Anna' },
      server: { sales: { count: 3, totalCents: 1512 } },
      exceptionId: null,
    });
    expect(shift!.server).toEqual(shift!.till);
    expect(await businessDayStatus(s, 's1', DAY)).toMatchObject({
      closed: true,
      tills: [{ terminalId: 'T1', name: 'Kassa 1', sold: 3 }],
    });
  });

  it('a missing seq shows as a difference until it arrives; then the shift reconciles and the day closes', async () => {
    const sales = saleChain('T1', 's1', 3);
    const close = shiftClose(sales, 10000);
    await pushJournal(s, T1, rows([sales[0]!, sales[2]!, close]), 1000);
    const [shift] = await shiftReconciliations(s, { storeId: 's1', day: DAY });
    expect(shift!.status).toBe('differences');
    expect(shift!.missingSeqs).toEqual([{ from: 2, to: 2 }]);
    expect(shift!.differences).toContainEqual({
      field: 'sales.count',
      till: 3,
      server: 2,
      eventIds: [sales[0]!.id, sales[2]!.id],
    });
    expect(shift!.differences).toContainEqual(
      expect.objectContaining({ field: 'tender.cash', till: 1512, server: 1008 }),
    );
    expect((await businessDayStatus(s, 's1', DAY)).closed).toBe(false);
    const raised = await listExceptions(s, { kind: 'shift-difference', limit: 10 });
    expect(raised).toMatchObject([{ status: 'open', eventId: close.id, terminalId: 'T1' }]);
    expect(shift!.exceptionId).toBe(raised[0]!.id);

    await pushJournal(s, T1, rows([sales[1]!]), 2000);
    const [after] = await shiftReconciliations(s, { storeId: 's1', day: DAY });
    expect(after).toMatchObject({ status: 'reconciled', differences: [], missingSeqs: [] });
    expect(await listExceptions(s, { kind: 'shift-difference', limit: 10 })).toMatchObject([
      { status: 'resolved', resolution: 'cleared' },
    ]);
    expect((await businessDayStatus(s, 's1', DAY)).closed).toBe(true);
  });

  it('a till that sold without closing a shift keeps the day open', async () => {
    await pushJournal(s, T1, rows(saleChain('T1', 's1', 2)), 1000);
    expect(await businessDayStatus(s, 's1', DAY)).toMatchObject({
      closed: false,
      tills: [{ terminalId: 'T1', sold: 2, shifts: [] }],
    });
  });
  it('the admin route answers the day as the domain does, and only with the admin token', async () => {
    const sales = saleChain('T1', 's1', 2);
    await pushJournal(s, T1, rows([...sales, shiftClose(sales, 5000)]), 1000);
    const app = await quietApp(s, 'admin-secret', () => 5000);
    try {
      const url = `/admin/stores/s1/days/${DAY}`;
      const ok = await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer admin-secret' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual(JSON.parse(JSON.stringify(await businessDayStatus(s, 's1', DAY))));
      expect(ok.json()).toMatchObject({ closed: true });
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
      const unknown = await app.inject({
        method: 'GET',
        url: `/admin/stores/nope/days/${DAY}`,
        headers: { authorization: 'Bearer admin-secret' },
      });
      expect(unknown.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
