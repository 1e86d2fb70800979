import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent, type SaleLoyalty } from '../../../core/journal/sale-event';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { listRewards, publishRewards, retireReward } from '../../../sync-server/src/domain/rewards';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore } from './support/seed';

const store = (storeId: string) => amsterdamStore(storeId, `Winkel ${storeId}`);
const coffee = {
  id: 'coffee-on-us',
  version: 1,
  name: 'Coffee on us',
  cost: { points: 150 },
  kind: { type: 'free-product', sku: 'p-1' },
  scope: { stores: ['s1'] },
};
const twoOff = {
  id: 'two-off',
  version: 1,
  name: '€2 off',
  cost: { points: 200 },
  kind: { type: 'basket-amount', amountCents: 200 },
  eligibility: { tiers: ['Gold'] },
};
const T1 = { terminalId: 'T1', storeId: 's1' };

describe.each([sqliteAdapter(), postgresAdapter()])(
  'the rewards catalogue: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(store('s1'), 1);
        await tx.stores.upsert(store('s2'), 1);
      });
    });
    afterEach(() => s.close());
    const files = (...rewards: unknown[]) =>
      rewards.map((reward, i) => ({ source: `rewards[${i}]`, reward }));

    it('publishes a version once; the same again is unchanged; other content under it is refused, all or none', async () => {
      expect(await publishRewards(s, files(coffee, twoOff), 10)).toMatchObject({
        ok: true,
        value: [
          { rewardId: 'coffee-on-us', version: 1, outcome: 'published', scopeStores: ['s1'] },
          { rewardId: 'two-off', version: 1, outcome: 'published', scopeStores: null },
        ],
      });
      expect(await publishRewards(s, files(coffee), 20)).toMatchObject({
        ok: true,
        value: [{ outcome: 'unchanged' }],
      });
      const changed = await publishRewards(
        s,
        files({ ...twoOff, id: 'new-one' }, { ...coffee, cost: { points: 1 } }),
        30,
      );
      expect(changed).toMatchObject({ ok: false, reason: 'reward-version-taken' });
      expect(changed.ok ? '' : changed.message).toMatch(
        /rewards\[1\]: version: coffee-on-us version 1 .* as version 2/,
      );
      // The refused import published nothing: not even the new reward beside it.
      expect((await listRewards(s)).map((r) => [r.rewardId, r.version, r.cost])).toEqual([
        ['coffee-on-us', 1, 150],
        ['two-off', 1, 200],
      ]);
    });

    it('says every mistake with its path, and publishes nothing of a batch with one bad reward', async () => {
      const r = await publishRewards(
        s,
        files(coffee, { ...twoOff, cost: { points: -5 }, kind: { type: 'basket-amount' }, colour: 'red' }),
        10,
      );
      expect(r.ok).toBe(false);
      expect(r.ok ? [] : r.detail).toEqual(
        expect.arrayContaining([
          { source: 'rewards[1]', path: 'cost.points', message: 'must be a whole number ≥ 0' },
          { source: 'rewards[1]', path: 'kind.amountCents', message: 'is required' },
          { source: 'rewards[1]', path: '(reward)', message: 'unknown field "colour"' },
        ]),
      );
      expect(await listRewards(s)).toEqual([]);
    });

    it('replicates to the stores of its scope only; a retired reward is a deleted document', async () => {
      await publishRewards(s, files(coffee, twoOff), 10);
      const ids = async (storeId: string, after = 0) =>
        (await s.rewards.pull(storeId, after, 100)).map((d) => [d.docId, d._deleted]);
      expect(await ids('s1')).toEqual([
        ['coffee-on-us@1', false],
        ['two-off@1', false],
      ]);
      expect(await ids('s2')).toEqual([['two-off@1', false]]);
      const checkpoint = Math.max(...(await s.rewards.pull('s1', 0, 100)).map((d) => d.serverSeq));
      expect(await retireReward(s, 'coffee-on-us', 20)).toEqual({
        ok: true,
        value: { rewardId: 'coffee-on-us', retired: 1 },
      });
      expect(await ids('s1', checkpoint)).toEqual([['coffee-on-us@1', true]]);
      expect(await ids('s2', checkpoint)).toEqual([]);
      expect(await retireReward(s, 'coffee-on-us', 30)).toMatchObject({ ok: true, value: { retired: 0 } });
      expect(await retireReward(s, 'nope', 30)).toMatchObject({ ok: false, reason: 'not-found' });
    });

    it('folds the points earned by month once under a duplicate push, and a refold gives the same', async () => {
      await s.transaction(async (tx) => {
        await tx.terminals.insert({ ...T1, name: null, tokenHash: 'a', pairedAt: 1 });
        await tx.members.upsert([
          {
            memberId: 'M1',
            homeStoreId: 's1',
            fullName: 'Johanna de Vries',
            tier: 'Silver',
            segments: [],
            enrolledAt: 1,
            optedIn: true,
            cards: ['2620000000019'],
          },
        ]);
      });
      const entry = (saleId: string, rule: string, unit: string, amount: number) => ({
        id: `${saleId}/p@1/${rule}/0/points`,
        account: 'points',
        unit,
        amount,
        programId: 'p',
        programVersion: 1,
        ruleId: rule,
        text: `${rule} ${amount}`,
      });
      const sale = (seq: number, prevHash: string, loyalty: (id: string) => SaleLoyalty): SaleEvent => {
        const base = makeSale({ ...T1, seq, prevHash });
        const unsigned = { ...base, memberId: 'M1', loyalty: loyalty(base.id) };
        return { ...unsigned, hash: eventHash(unsigned) } as SaleEvent;
      };
      const loyalty = (ledger: SaleLoyalty['ledger']): SaleLoyalty => ({
        memberId: 'M1',
        provisionalCard: null,
        programs: [{ programId: 'p', version: 1 }],
        ledger,
      });
      const first = sale(1, GENESIS_HASH, (id) =>
        loyalty([entry(id, 'base', 'points', 120), entry(id, 'stars', 'stars', 7)]),
      );
      // Spending lowers the balance, never what was earned.
      const second = sale(2, first.hash, (id) =>
        loyalty([entry(id, 'base', 'points', 30), entry(id, 'spend', 'points', -100)]),
      );
      const rows = (events: readonly SaleEvent[]) =>
        events.map((e) => ({ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } }));
      await pushJournal(s, T1, rows([first, second]), 1000);
      await pushJournal(s, T1, rows([first, second]), 1000);
      const expected = { points: { '2026-11': 150 }, stars: { '2026-11': 7 } };
      expect((await s.members.get('M1'))?.counters.earnedByMonth).toEqual(expected);
      expect(await refoldProjection(s, 'ledger', 2000)).toMatchObject({ ok: true });
      expect((await s.members.get('M1'))?.counters.earnedByMonth).toEqual(expected);
      // The till gets it in the member document.
      const [doc] = await s.members.pull('s1', 0, 0, 10);
      expect(doc?.counters.earnedByMonth).toEqual(expected);
    });
  },
);
