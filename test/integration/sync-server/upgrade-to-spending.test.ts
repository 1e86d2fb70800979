import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import { exceptionsReport, salesReport } from '../../../sync-server/src/domain/admin-reports';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { asOlderSale, makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore, pairedTerminal } from './support/seed';

/**
 * Sale v5 (spending, issue 9) reaches a chain whose tills upgrade one by one over weeks: a till
 * that was offline through the upgrade still holds v3 and v4 sales in its queue, and its first
 * v5 sale is chained after them. The queue must drain in one push, with nothing refused, parked
 * or raised.
 */
const T1 = { terminalId: 'T1', storeId: 'store-demo-ams' };

const push = (s: Storage, docs: readonly object[]) =>
  pushJournal(
    s,
    T1,
    docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } as Record<string, unknown> })),
    1000,
  );

describe.each([sqliteAdapter(), postgresAdapter()])(
  'a till upgraded to sale v5 with older sales queued: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(amsterdamStore(T1.storeId, 'Amsterdam'), 1);
        await tx.terminals.insert(pairedTerminal(T1, 'a'));
      });
    });
    afterEach(() => s.close());

    it('a v3, a v4 and the v5 sale chained after them are accepted and folded in one push', async () => {
      const v3 = asOlderSale(makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH }), 3);
      const v4 = asOlderSale(makeSale({ ...T1, seq: 2, prevHash: v3.hash }), 4);
      const v5 = makeSale({ ...T1, seq: 3, prevHash: v4.hash });
      expect(v5.schemaVersion).toBe(5);
      expect(await push(s, [v3, v4, v5])).toMatchObject({
        ok: true,
        value: { accepted: 3, foldFailures: 0 },
      });
      const report = await salesReport(s, {});
      expect(report.sales.map((x) => x.eventId).sort()).toEqual([v3.id, v4.id, v5.id].sort());
      expect(report.totals).toEqual({ count: 3, totalCents: 3 * 504 });
      // No chain-break (each hash covers the document as its till wrote it), no parked event.
      expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
    });

    it('pushed again after a lost answer, the mixed queue is a no-op', async () => {
      const v4 = asOlderSale(makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH }), 4);
      const v5 = makeSale({ ...T1, seq: 2, prevHash: v4.hash });
      await push(s, [v4, v5]);
      expect(await push(s, [v4, v5])).toMatchObject({ ok: true, value: { accepted: 0 } });
      expect((await salesReport(s, {})).totals).toEqual({ count: 2, totalCents: 2 * 504 });
      expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
    });
  },
);
