import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent } from '../../../core/journal/sale-event';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore, pairedTerminal } from './support/seed';

/**
 * Tills of one store push at the same moment, each sale earning points for the same two members
 * (found by the fleet benchmark: on PostgreSQL, folds of different terminals run side by side, and
 * the ledger wrote each member's figures from a read taken without a lock, so one fold's points
 * overwrote the other's: balances fell short of their ledger). Every point must land once.
 */
const TILLS = 4;
const SALES_EACH = 25;
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

/** A till's chain of sales, alternately for M1 (1 point) and M2 (2 points). */
function chainOf(terminalId: string): SaleEvent[] {
  const out: SaleEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= SALES_EACH; seq++) {
    const base = makeSale({ terminalId, storeId: 's1', seq, prevHash: prev });
    const memberId = seq % 2 ? 'M1' : 'M2';
    const loyalty = {
      memberId,
      provisionalCard: null,
      programs: [],
      ledger: [entry(`${base.id}/base`, seq % 2 ? 1 : 2)],
    };
    const unsigned = { ...base, memberId, loyalty };
    const e = { ...unsigned, hash: eventHash(unsigned) } as SaleEvent;
    out.push(e);
    prev = e.hash;
  }
  return out;
}

describe.each([sqliteAdapter(), postgresAdapter()])(
  'ledger fold of pushes of several tills at once: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(store, 1);
        for (let t = 1; t <= TILLS; t++)
          await tx.terminals.insert(pairedTerminal({ terminalId: `T${t}`, storeId: 's1' }, `tok${t}`));
        await tx.members.upsert([member('M1'), member('M2')]);
      });
    });
    afterEach(() => s.close());

    it('gives each member every point of every till once: balance = Σ ledger = what the tills earned', async () => {
      const results = await Promise.all(
        Array.from({ length: TILLS }, async (_, t) => {
          const terminal = { terminalId: `T${t + 1}`, storeId: 's1' };
          const failures: unknown[] = [];
          for (const e of chainOf(terminal.terminalId)) {
            // One sale per push, as a till online sends them; a refused push is pushed again.
            for (let attempt = 0; attempt < 5; attempt++) {
              const r = await pushJournal(
                s,
                terminal,
                [{ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } }],
                1000,
              ).catch((x: unknown) => ({ ok: false as const, error: x }));
              if (r.ok) break;
              failures.push(r);
            }
          }
          return failures;
        }),
      );
      expect(results.flat().length).toBeLessThan(TILLS * SALES_EACH);
      const m1 = TILLS * Math.ceil(SALES_EACH / 2);
      const m2 = TILLS * Math.floor(SALES_EACH / 2) * 2;
      expect(Object.fromEntries(await s.ledger.sums('M1'))).toEqual({ points: m1 });
      expect(Object.fromEntries(await s.ledger.sums('M2'))).toEqual({ points: m2 });
      expect(await s.members.get('M1')).toMatchObject({ balance: m1, lifetimeEarned: m1 });
      expect(await s.members.get('M2')).toMatchObject({ balance: m2, lifetimeEarned: m2 });
    });
  },
);
