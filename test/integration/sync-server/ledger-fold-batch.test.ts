import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent, type SaleLoyalty } from '../../../core/journal/sale-event';
import { catchUpProjections } from '../../../sync-server/src/domain/projections/catch-up';
import { DEFAULT_FOLD_CONFIG } from '../../../sync-server/src/domain/projections/default-projections';
import { enrolmentProjection } from '../../../sync-server/src/domain/projections/enrolment-projection';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { salesProjection } from '../../../sync-server/src/domain/projections/sales-projection';
import { seqTrackingProjection } from '../../../sync-server/src/domain/projections/seq-tracking-projection';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { EMPTY_COUNTERS } from '../../../sync-server/src/storage/repos/members';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore, pairedTerminal } from './support/seed';

/**
 * The ledger fold writes a push's rows, figures and visits in a few multi-row statements, and the
 * rule-drift check and the ledger share one read of a batch's members per transaction: what a member
 * ends with must be what one push per sale would give, on both adapters.
 */
const T1 = { terminalId: 'T1', storeId: 's1' };
const store = amsterdamStore('s1', 'Winkel');
const member = (memberId: string) => ({
  memberId,
  homeStoreId: 's1',
  fullName: 'Johanna de Vries',
  enrolledAt: 1,
  optedIn: true,
  cards: [],
});
const entry = (id: string, amount: number) => ({
  id,
  account: 'points',
  unit: 'points',
  amount,
  programId: 'p',
  programVersion: 1,
  ruleId: 'base',
  text: `base +${amount}`,
});
function chain(loyalties: ((saleId: string) => SaleLoyalty)[]): SaleEvent[] {
  const out: SaleEvent[] = [];
  let prev = GENESIS_HASH;
  loyalties.forEach((loyalty, i) => {
    const base = makeSale({ ...T1, seq: i + 1, prevHash: prev });
    const l = loyalty(base.id);
    const unsigned = { ...base, memberId: l.memberId, loyalty: l };
    const e = { ...unsigned, hash: eventHash(unsigned) } as SaleEvent;
    out.push(e);
    prev = e.hash;
  });
  return out;
}
const rows = (events: readonly SaleEvent[]) =>
  events.map((e) => ({ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } }));
const loyalty = (memberId: string, ledger: ReturnType<typeof entry>[]): SaleLoyalty => ({
  memberId,
  provisionalCard: null,
  programs: [],
  ledger,
});

describe.each([sqliteAdapter(), postgresAdapter()])(
  'ledger fold of a whole push: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(store, 1);
        await tx.terminals.insert(pairedTerminal(T1, 'a'));
        await tx.members.upsert([member('M1'), member('M2')]);
      });
    });
    afterEach(() => s.close());

    it('books an entry id two sales of one push both list once, on the first sale’s member', async () => {
      const events = chain([
        (id) => loyalty('M1', [entry(`${id}/own`, 10), entry('shared/entry', 50)]),
        (id) => loyalty('M2', [entry('shared/entry', 50), entry(`${id}/own`, 7)]),
        (id) => loyalty('M1', [entry(`${id}/own`, 3)]),
      ]);
      const r = await pushJournal(s, T1, rows(events), 1000);
      expect(r).toMatchObject({ ok: true, value: { accepted: 3, foldFailures: 0 } });
      const shared = (await s.ledger.byIds(['shared/entry']))[0];
      expect(shared).toMatchObject({ member_id: 'M1', seq: 1, amount: 50 });
      expect(await s.members.get('M1')).toMatchObject({
        balance: 63,
        lifetimeEarned: 63,
        appliedThrough: { T1: 3 },
        counters: { purchaseCount: 2 },
      });
      expect(await s.members.get('M2')).toMatchObject({
        balance: 7,
        appliedThrough: { T1: 2 },
        counters: { purchaseCount: 1 },
      });
      expect(Object.fromEntries(await s.ledger.sums('M1'))).toEqual({ points: 63 });
      expect(Object.fromEntries(await s.ledger.sums('M2'))).toEqual({ points: 7 });
    });

    // 700 sales of one member: two pages of a catch-up or a refold, in one transaction.
    const sevenHundred = () =>
      chain(Array.from({ length: 700 }, () => (id: string) => loyalty('M1', [entry(`${id}/base`, 1)])));
    const expectAllSevenHundred = async () => {
      expect(await s.members.get('M1')).toMatchObject({
        balance: 700,
        lifetimeEarned: 700,
        appliedThrough: { T1: 700 },
        counters: { purchaseCount: 700 },
      });
      expect(Object.fromEntries(await s.ledger.sums('M1'))).toEqual({ points: 700 });
    };

    it('catches the rule-drift check and the ledger up over many pages with the member read afresh after each page', async () => {
      // A server without them stored and folded the sales; this release adds both.
      const without = { projections: [seqTrackingProjection, salesProjection, enrolmentProjection] };
      const events = sevenHundred();
      for (const part of [events.slice(0, 350), events.slice(350)]) {
        expect(await pushJournal(s, T1, rows(part), 1000, without)).toMatchObject({ ok: true });
      }
      expect(await s.members.get('M1')).toMatchObject({ balance: 0 });
      await catchUpProjections(s, DEFAULT_FOLD_CONFIG, 2000);
      await expectAllSevenHundred();
      // Every sale was re-evaluated: its program lists nothing the server could earn, so each drifts.
      const drift = (await s.exceptions.list({ terminalId: 'T1', limit: 1_000 })).filter(
        (e) => e.kind === 'rule-drift',
      );
      expect(drift).toHaveLength(700);
    });

    it('refolds the ledger over many pages to the figures the pushes gave', async () => {
      const events = sevenHundred();
      for (const part of [events.slice(0, 350), events.slice(350)]) {
        expect(await pushJournal(s, T1, rows(part), 1000)).toMatchObject({ ok: true });
      }
      await expectAllSevenHundred();
      expect(await refoldProjection(s, 'ledger', 3000)).toMatchObject({ ok: true });
      await expectAllSevenHundred();
    });

    it('writes each member’s own figures when more members change at once than one statement holds', async () => {
      const ids = Array.from({ length: 1_500 }, (_, i) => `B${String(i).padStart(4, '0')}`);
      await s.transaction(async (tx) => {
        await tx.members.upsert(ids.map(member));
        await tx.members.setFiguresMany(
          ids.map((memberId, i) => ({
            memberId,
            figures: {
              balance: i,
              pendingPoints: 2 * i,
              lifetimeEarned: 3 * i,
              appliedThrough: { T1: i },
              counters: { ...EMPTY_COUNTERS, purchaseCount: i },
            },
            storeIds: ['s1'],
          })),
        );
        await tx.members.markSeenMany([
          ...ids.map((memberId, i) => ({ memberId, storeId: 's1', at: 1_000 + i })),
          // The same member and store twice in one batch: the later visit counts.
          { memberId: 'B0007', storeId: 's1', at: 5 },
          { memberId: 'B0007', storeId: 's1', at: 9_999 },
        ]);
      });
      const got = await s.members.getMany(ids);
      expect(got.size).toBe(ids.length);
      ids.forEach((memberId, i) => {
        expect(got.get(memberId), memberId).toMatchObject({
          balance: i,
          pendingPoints: 2 * i,
          lifetimeEarned: 3 * i,
          appliedThrough: { T1: i },
          counters: { purchaseCount: i },
        });
      });
      // Their serverSeqs are all new and distinct: every till that holds them pulls them again.
      expect(new Set([...got.values()].map((m) => m.serverSeq)).size).toBe(ids.length);
    });
  },
);
