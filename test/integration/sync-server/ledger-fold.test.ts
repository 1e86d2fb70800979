import canonicalize from 'canonicalize';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent, type SaleLoyalty } from '../../../core/journal/sale-event';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** The ledger projection and the members/programs read models, on both adapters. */
const T1 = { terminalId: 'T1', storeId: 's1' };
const store = (storeId: string) => ({
  storeId,
  name: `Winkel ${storeId}`,
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
});
const member = (memberId: string, homeStoreId: string, cards: string[]) => ({
  memberId,
  homeStoreId,
  fullName: 'Johanna de Vries',
  email: 'johanna@example.nl',
  phoneHash: null,
  phoneLast3: '678',
  tier: 'silver',
  segments: ['coffee'],
  birthday: '1990-03-14',
  enrolledAt: 1,
  optedIn: true,
  cards,
});
const entry = (saleId: string, rule: string, amount: number, account = 'points') => ({
  id: `${saleId}/p@1/${rule}/0/points`,
  account,
  unit: 'points',
  amount,
  programId: 'p',
  programVersion: 1,
  ruleId: rule,
  text: `${rule} +${amount}`,
});
function loyalSale(seq: number, prevHash: string, loyalty: (id: string) => SaleLoyalty): SaleEvent {
  const base = makeSale({ ...T1, seq, prevHash });
  const unsigned = { ...base, memberId: loyalty(base.id).memberId, loyalty: loyalty(base.id) };
  return { ...unsigned, hash: eventHash(unsigned) } as SaleEvent;
}
const rows = (events: readonly SaleEvent[]) =>
  events.map((e) => ({ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } }));

describe.each([sqliteAdapter(), postgresAdapter()])(
  'ledger and loyalty read models: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(store('s1'), 1);
        await tx.stores.upsert(store('s2'), 1);
        await tx.terminals.insert({ ...T1, name: null, tokenHash: 'a', pairedAt: 1 });
        await tx.members.upsert([
          member('M1', 's1', ['2620000000019']),
          member('M2', 's2', ['2620000000026']),
        ]);
      });
    });
    afterEach(() => s.close());

    const push = (events: readonly SaleEvent[]) => pushJournal(s, T1, rows(events), 1000);

    it('folds a sale’s loyalty rows once: balance, lifetime, appliedThrough, counters', async () => {
      const sale = loyalSale(1, GENESIS_HASH, (id) => ({
        memberId: 'M1',
        provisionalCard: null,
        programs: [{ programId: 'p', version: 1 }],
        ledger: [entry(id, 'base', 50), entry(id, 'weekend', 10)],
      }));
      expect(await push([sale])).toMatchObject({ ok: true, value: { accepted: 1, foldFailures: 0 } });
      await push([sale]);
      expect((await s.ledger.ofMember('M1')).map((r) => [r.rule_id, r.amount])).toEqual([
        ['base', 50],
        ['weekend', 10],
      ]);
      expect(await s.members.get('M1')).toMatchObject({
        balance: 60,
        lifetimeEarned: 60,
        appliedThrough: { T1: 1 },
        counters: { purchaseCount: 1, rules: { 'p/base': { lifetime: 1, byDay: { '2026-11-25': 1 } } } },
      });
      // The balance is the sum of the member's ledger rows.
      expect(Object.fromEntries(await s.ledger.sums('M1'))).toEqual({ points: 60 });
    });

    it('keeps points of a program with a return window pending until it ends, with their expiry', async () => {
      await s.transaction((tx) =>
        tx.programs.publish(
          {
            programId: 'p',
            version: 1,
            body: {
              id: 'p',
              version: 1,
              name: 'Punten',
              kind: 'points',
              status: 'active',
              pendingDays: 14,
              expiresAfterMonths: 12,
              rules: [
                {
                  id: 'base',
                  name: '1 per euro',
                  then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' }],
                },
              ],
            },
            scopeStores: null,
          },
          1,
          (v) => canonicalize(v) as string,
        ),
      );
      const sale = loyalSale(1, GENESIS_HASH, (id) => ({
        memberId: 'M1',
        provisionalCard: null,
        programs: [{ programId: 'p', version: 1 }],
        ledger: [entry(id, 'base', 50)],
      }));
      await push([sale]);
      expect(await s.members.get('M1')).toMatchObject({ balance: 0, pendingPoints: 50, lifetimeEarned: 50 });
      const [row] = await s.ledger.ofMember('M1');
      expect(row).toMatchObject({
        status: 'pending',
        available_at: sale.createdAt + 14 * 24 * 60 * 60 * 1000,
        expires_at: Date.UTC(2027, 10, 25, 9, 1, 0),
      });
    });

    it('books a provisional card on the member it belongs to, and rebuilds the same figures on refold', async () => {
      const first = loyalSale(1, GENESIS_HASH, (id) => ({
        memberId: 'M1',
        provisionalCard: null,
        programs: [],
        ledger: [entry(id, 'base', 30)],
      }));
      const offline = loyalSale(2, first.hash, (id) => ({
        memberId: null,
        provisionalCard: '2620000000019',
        programs: [],
        ledger: [entry(id, 'base', 12)],
      }));
      await push([first, offline]);
      const before = await s.members.get('M1');
      expect(before).toMatchObject({
        balance: 42,
        appliedThrough: { T1: 2 },
        counters: { purchaseCount: 2 },
      });
      const ledgerBefore = await s.ledger.ofMember('M1');
      expect(await refoldProjection(s, 'ledger', 2000)).toMatchObject({
        ok: true,
        value: { projection: 'ledger' },
      });
      const after = await s.members.get('M1');
      expect({ ...after, serverSeq: 0 }).toEqual({ ...before, serverSeq: 0 });
      expect(await s.ledger.ofMember('M1')).toEqual(ledgerBefore);
    });

    it('replicates a store’s own members and those seen there, masked, never another store’s', async () => {
      const docs = await s.members.pull('s1', 0, 0, 100);
      expect(docs.map((d) => d.memberId)).toEqual(['M1']);
      expect(docs[0]).toMatchObject({
        displayName: 'J. de V…',
        cards: ['2620000000019'],
        birthday: '03-14',
        phoneLast3: '678',
      });
      expect(canonicalize(docs)).not.toMatch(/Johanna|example\.nl|1990/);
      // M2 (home s2) shops at s1: from then on s1's tills replicate M2 too.
      const sale = loyalSale(1, GENESIS_HASH, (id) => ({
        memberId: 'M2',
        provisionalCard: null,
        programs: [],
        ledger: [entry(id, 'base', 5)],
      }));
      await push([sale]);
      const seen = await s.members.pull('s1', 0, 0, 100);
      expect(seen.map((d) => [d.memberId, d.balance])).toEqual([
        ['M1', 0],
        ['M2', 5],
      ]);
      expect((await s.members.pull('s1', sale.createdAt + 1, 0, 100)).map((d) => d.memberId)).toEqual(['M1']);
    });

    it('publishes immutable program versions to the stores in their scope, and retires them', async () => {
      const canon = (v: unknown) => canonicalize(v) as string;
      const body = { id: 'p', version: 1, name: 'Punten' };
      expect(
        await s.transaction((tx) =>
          tx.programs.publish({ programId: 'p', version: 1, body, scopeStores: null }, 5, canon),
        ),
      ).toBe('published');
      expect(
        await s.transaction((tx) =>
          tx.programs.publish({ programId: 'p', version: 1, body, scopeStores: null }, 6, canon),
        ),
      ).toBe('unchanged');
      expect(
        await s.transaction((tx) =>
          tx.programs.publish(
            { programId: 'p', version: 1, body: { ...body, name: 'x' }, scopeStores: null },
            6,
            canon,
          ),
        ),
      ).toBe('version-taken');
      await s.transaction((tx) =>
        tx.programs.publish(
          { programId: 'only-s2', version: 1, body: { id: 'only-s2' }, scopeStores: ['s2'] },
          7,
          canon,
        ),
      );
      expect((await s.programs.pull('s1', 0, 100)).map((d) => [d.docId, d._deleted])).toEqual([
        ['p@1', false],
      ]);
      expect((await s.programs.pull('s2', 0, 100)).map((d) => d.docId)).toEqual(['p@1', 'only-s2@1']);
      const head = (await s.programs.pull('s1', 0, 100))[0]?.serverSeq as number;
      expect(await s.transaction((tx) => tx.programs.retire('p', 9))).toBe(1);
      expect((await s.programs.pull('s1', head, 100)).map((d) => [d.docId, d._deleted])).toEqual([
        ['p@1', true],
      ]);
    });
  },
);
