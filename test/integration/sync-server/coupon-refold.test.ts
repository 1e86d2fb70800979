import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { pushRowsOf, Till } from './support/spend-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * One coupon used at three tills, pushed T3, T2, T1 (found by the spending fuzz): two sales used a
 * code that was already used, so two `coupon-reused` — and still two after a refold, which folds the
 * tills' streams one after another (T1's first), not in the order they arrived.
 */
describe.each([sqliteAdapter(), postgresAdapter()])(
  'a coupon reused, refolded: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    const tills = ['T1', 'T2', 'T3'].map((id) => new Till(id, 's1'));
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(amsterdamStore('s1'), 1);
        for (const [i, t] of tills.entries()) await tx.terminals.insert(pairedTerminal(t, `k${i}`));
      });
    });
    afterEach(() => s.close());

    const reused = async () =>
      (await s.exceptions.list({ limit: 100 }))
        .filter((e) => e.kind === 'coupon-reused')
        .map((e) => e.eventId)
        .sort();

    it('raises the two later uses once each, live and after a refold', async () => {
      const sales = tills.map((t) => t.sale({ memberId: `M-${t.terminalId}`, coupons: ['XMAS-0001'] }));
      for (const i of [2, 1, 0]) await pushJournal(s, tills[i]!, pushRowsOf([sales[i]!]), 1000);
      // T3's sale reached HQ first: it keeps the code; T2's and T1's used it again.
      const live = await reused();
      expect(live).toEqual([sales[1]!.id, sales[0]!.id].sort());
      expect(await refoldProjection(s, 'coupons', 2000)).toMatchObject({ ok: true });
      expect(await reused()).toEqual(live);
    });
  },
);
